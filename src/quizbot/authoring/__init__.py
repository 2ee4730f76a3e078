"""For pack authors: validating packs and running their own grading tests (above grading)."""
