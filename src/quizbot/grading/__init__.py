"""Grading free-text responses like a fair teacher."""

from __future__ import annotations

from quizbot.grading.grader import grade
from quizbot.grading.verdict import Verdict

__all__ = ["Verdict", "grade"]
