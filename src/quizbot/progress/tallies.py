"""Running answer counts (all, per pack, per topic, per day), kept in the snapshot for `stats`.

Counting as answers are recorded means `stats` reads a few hundred numbers
instead of rescanning a history of a million lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from quizbot.progress.records import AnswerRecord

VERDICTS = ("correct", "partial", "incorrect", "skipped")
_KNOWN = frozenset(VERDICTS)

Tally = dict[str, int]  # verdict -> answers with it; verdicts never given are left out


def verdict_of(rec: AnswerRecord) -> str:
    """The verdict an answer counts under; anything unknown counts as incorrect."""
    return rec.verdict if rec.verdict in VERDICTS else "incorrect"


# Every time zone's offset and clock change falls on a quarter of an hour, so
# all the times in one quarter share a date: replaying a history asks the
# calendar once per quarter instead of once per answer.
_QUARTER = 900


def local_day(tz: tzinfo | None) -> Callable[[float], str]:
    """Time -> ISO date on the learner's wall clock (or in ``tz``)."""
    cache: dict[int, str] = {}

    def day(t: float) -> str:
        quarter = int(t // _QUARTER) if math.isfinite(t) else 0
        found = cache.get(quarter)
        if found is None:
            try:
                found = datetime.fromtimestamp(t, tz).date().isoformat()
            except (OverflowError, OSError, ValueError):  # a time far outside the calendar
                found = "0001-01-01"
            if len(cache) >= 4096:
                cache.clear()
            cache[quarter] = found
        return found

    return day


@dataclass
class Tallies:
    """Answers counted by verdict: overall, per pack, per "pack/topic" and per day."""

    total: Tally = field(default_factory=dict)
    packs: dict[str, Tally] = field(default_factory=dict)
    topics: dict[str, Tally] = field(default_factory=dict)
    days: dict[str, Tally] = field(default_factory=dict)

    def add(self, rec: AnswerRecord, day: str) -> None:
        # Called once per history line on a full replay: kept lean on purpose.
        verdict = rec.verdict if rec.verdict in _KNOWN else "incorrect"
        for tally in (
            self.total,
            self.packs.get(rec.pack) or self.packs.setdefault(rec.pack, {}),
            self.days.get(day) or self.days.setdefault(day, {}),
        ):
            tally[verdict] = tally.get(verdict, 0) + 1
        if rec.topic:
            key = f"{rec.pack}/{rec.topic}"
            tally = self.topics.get(key) or self.topics.setdefault(key, {})
            tally[verdict] = tally.get(verdict, 0) + 1

    def copy(self) -> Tallies:
        return Tallies(
            dict(self.total),
            {k: dict(v) for k, v in self.packs.items()},
            {k: dict(v) for k, v in self.topics.items()},
            {k: dict(v) for k, v in self.days.items()},
        )

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "packs": self.packs, "topics": self.topics, "days": self.days}

    @classmethod
    def from_json(cls, data: Any) -> Tallies:
        """Read the snapshot's counts; raises ValueError if they are damaged."""
        if not isinstance(data, Mapping):
            raise ValueError("answer counts are damaged")
        return cls(
            _tally(data.get("total")),
            _tallies(data.get("packs")),
            _tallies(data.get("topics")),
            _tallies(data.get("days")),
        )


def _tally(data: Any) -> Tally:
    if not isinstance(data, Mapping):
        raise ValueError("an answer count is damaged")
    tally: Tally = {}
    for verdict, count in data.items():
        if verdict not in VERDICTS or isinstance(count, bool) or not isinstance(count, int):
            raise ValueError(f"answer count {verdict!r} is damaged")
        if count < 0:
            raise ValueError(f"answer count {verdict!r} is negative")
        tally[verdict] = count
    return tally


def _tallies(data: Any) -> dict[str, Tally]:
    if not isinstance(data, Mapping):
        raise ValueError("answer counts are damaged")
    return {str(key): _tally(value) for key, value in data.items()}
