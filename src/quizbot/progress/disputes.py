"""Answers whose verdict the learner disputed: one JSON line each, beside the history.

A separate file, so that the history keeps the one line shape every quizbot version
reads; the store reads it (it is short) when it opens a profile, and leaves the
disputed answers out of the schedule.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from quizbot.progress.records import AnswerRecord
from quizbot.progress.sidefiles import append_line, read_lines

DISPUTES_FILE = "disputes.jsonl"
MAX_NOTE = 500


@dataclass(frozen=True)
class Dispute:
    """A disputed answer, with what the learner said about it."""

    time: float  # when the answer was given: with pack and question, it names the answer
    pack: str
    question: str
    response: str
    verdict: str
    score: float
    topic: str
    disputed_at: float
    note: str = ""

    @classmethod
    def of(cls, rec: AnswerRecord, now: float, note: str = "") -> Dispute:
        return cls(
            rec.time,
            rec.pack,
            rec.question,
            rec.response,
            rec.verdict,
            rec.score,
            rec.topic,
            now,
            note[:MAX_NOTE],
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def append_dispute(folder: Path, dispute: Dispute) -> None:
    """Append one line and fsync it (the caller holds the profile lock)."""
    append_line(folder / DISPUTES_FILE, dispute.to_json())


def read_disputes(folder: Path) -> list[Dispute]:
    """Every readable dispute; damaged or torn lines are passed over."""
    found = []
    for line in read_lines(folder / DISPUTES_FILE):
        dispute = _decode(line)
        if dispute is not None:
            found.append(dispute)
    return found


def _decode(line: bytes) -> Dispute | None:
    try:
        doc = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    texts = ("pack", "question", "response", "verdict", "topic", "note")
    numbers = ("time", "score", "disputed_at")
    if not all(isinstance(doc.get(name, ""), str) for name in texts):
        return None
    for name in numbers:
        value = doc.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if not math.isfinite(value):
            return None
    return Dispute(
        time=doc["time"],
        pack=doc.get("pack", ""),
        question=doc.get("question", ""),
        response=doc.get("response", ""),
        verdict=doc.get("verdict", ""),
        score=doc["score"],
        topic=doc.get("topic", ""),
        disputed_at=doc["disputed_at"],
        note=doc.get("note", ""),
    )
