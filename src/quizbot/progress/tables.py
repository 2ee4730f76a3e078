"""The per-question state and the disputed answers as CSV, for a teacher or a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import TextIO

from quizbot.progress.disputes import Dispute
from quizbot.progress.schedule import (
    DEFAULT_SETTINGS,
    QuestionState,
    SchedulerSettings,
    retrievability,
)
from quizbot.safetext import safe_text

STATE_COLUMNS = (
    "pack", "question", "topic", "answers", "misses", "lapses", "last_score",
    "last_answered", "due", "stability_days", "difficulty", "recall_chance_now",
)  # fmt: skip
DISPUTE_COLUMNS = (
    "pack", "question", "topic", "answered", "verdict", "score", "response", "disputed", "note",
)  # fmt: skip
# A cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Text from a pack or a learner, safe in a spreadsheet and on a terminal."""
    text = safe_text(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _iso(t: float | None) -> str:
    if t is None:
        return ""
    try:
        return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return ""


def write_states(
    out: TextIO,
    states: Mapping[str, QuestionState],
    now: float,
    settings: SchedulerSettings = DEFAULT_SETTINGS,
) -> None:
    """One row per question answered, by key; times in UTC (ISO 8601)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STATE_COLUMNS)
    for key in sorted(states):
        state = states[key]
        pack, _, question = key.partition("/")
        writer.writerow(
            [
                cell(pack), cell(question), cell(state.topic), state.reps, state.misses,
                state.lapses, round(state.last_score, 4), _iso(state.last_review),
                _iso(state.due), round(state.stability, 4), round(state.difficulty, 4),
                round(retrievability(state, now, settings), 4),
            ]
        )  # fmt: skip


def write_disputes(out: TextIO, disputes: Iterable[Dispute]) -> None:
    """One row per disputed answer, oldest first."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DISPUTE_COLUMNS)
    for d in disputes:
        writer.writerow(
            [
                cell(d.pack), cell(d.question), cell(d.topic), _iso(d.time), cell(d.verdict),
                round(d.score, 4), cell(d.response), _iso(d.disputed_at), cell(d.note),
            ]
        )  # fmt: skip
