"""Exam results: one JSON line each, beside the history (a round's answers are in the history
too; this keeps the exam as a whole: its score, its time and its limit)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from quizbot.progress.sidefiles import append_line, read_lines

EXAMS_FILE = "exams.jsonl"


@dataclass(frozen=True)
class ExamResult:
    time: float  # when it ended
    pack: str
    questions: int
    answered: int
    correct: int
    score: float  # points, as the round's summary gives them
    seconds: float  # time taken
    time_limit: float
    timed_out: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def append_exam(folder: Path, result: ExamResult) -> None:
    """Append one line and fsync it (the caller holds the profile lock)."""
    append_line(folder / EXAMS_FILE, result.to_json())


def read_exams(folder: Path) -> list[ExamResult]:
    """Every readable exam result, oldest first; damaged lines are passed over."""
    found = []
    for line in read_lines(folder / EXAMS_FILE):
        try:
            doc = json.loads(line)
            result = ExamResult(**doc)
        except (ValueError, TypeError, RecursionError):
            continue
        numbers = (result.time, result.score, result.seconds, result.time_limit)
        if all(isinstance(n, (int, float)) and math.isfinite(n) for n in numbers):
            found.append(result)
    return found
