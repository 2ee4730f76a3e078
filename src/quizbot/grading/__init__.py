"""Grading free-text responses like a fair teacher."""
