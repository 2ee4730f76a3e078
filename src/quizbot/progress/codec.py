"""Bytes on disk: history lines and the per-question snapshot, read defensively."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from quizbot.progress.records import AnswerRecord
from quizbot.progress.schedule import NotFinite, QuestionState
from quizbot.progress.tallies import Tallies

# 2 added the answer counts ("tallies"); a format-1 snapshot is still read,
# and its counts are made once from the history.
# 3: states scheduled by the fsrs library (phase, step, misses, topic); the states of a
# format-1 or 2 snapshot (the hand-written model) are rebuilt once from the history.
SNAPSHOT_FORMAT = 3
_READABLE_FORMATS = (1, 2, 3)

# Field name -> accepted JSON types; a line whose field has another type is
# damaged, and a damaged line is skipped rather than trusted.
_NUMBER = (int, float)
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "time": _NUMBER,
    "pack": (str,),
    "question": (str,),
    "response": (str,),
    "verdict": (str,),
    "score": _NUMBER,
    "hint_used": (bool,),
    "seconds": _NUMBER,
    "topic": (str,),
}
_REQUIRED = ("time", "pack", "question", "verdict", "score")
_RECORD_FIELDS = tuple(f.name for f in fields(AnswerRecord))
_MISSING = object()


class SnapshotError(ValueError):
    """The snapshot file does not hold a snapshot we wrote."""


class NewerSnapshotError(SnapshotError):
    """The snapshot was written by a newer quizbot, in a format this one does not know."""

    def __init__(self, found: int) -> None:
        super().__init__(f"snapshot format {found} is newer than {SNAPSHOT_FORMAT}")
        self.found = found


@dataclass
class Snapshot:
    """Per-question states and answer counts as of `offset` bytes (`answers` records).

    ``tallies`` is None for a format-1 snapshot (counts not kept yet), and
    ``unsound`` names the questions whose state held a number that is not finite
    (written by a version whose model overflowed): they are rebuilt from the history.
    """

    states: dict[str, QuestionState]
    offset: int
    answers: int
    tallies: Tallies | None = None
    unsound: set[str] = field(default_factory=set)
    rebuild: bool = False  # states made by an older scheduler: replay them with this one


def encode_record(rec: AnswerRecord) -> bytes:
    """One history line with its newline; ASCII-escaped so lone surrogates can't fail to encode."""
    return json.dumps(rec.to_json(), separators=(",", ":")).encode("ascii") + b"\n"


_DECODER = json.JSONDecoder()
# (name, accepted types, is a number) for each field, in the record's order.
_CHECKS = tuple(
    (name, _FIELD_TYPES.get(name), _FIELD_TYPES.get(name) is _NUMBER) for name in _RECORD_FIELDS
)


def decode_record(line: bytes) -> AnswerRecord | None:
    """The record on one history line, or None when the line is torn or damaged."""
    # Called once per line when a history is replayed: a million times for a
    # long one, so this skips json.loads's encoding detection and wrappers.
    try:
        text = line.decode("utf-8").strip(" \t\r\n")  # the whitespace JSON allows
        obj, end = _DECODER.raw_decode(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if end != len(text) or not isinstance(obj, dict):
        return None
    values: dict[str, Any] = {}
    for name, kinds, number in _CHECKS:
        value: Any = obj.get(name, _MISSING)
        if value is _MISSING:
            if name in _REQUIRED:
                return None
            continue  # a field added later: its default applies to old lines
        if kinds is not None and not isinstance(value, kinds):
            return None
        if number and (value.__class__ is bool or not math.isfinite(value)):
            return None
        values[name] = value
    try:
        return AnswerRecord(**values)
    except TypeError:
        return None


def encode_snapshot(snapshot: Snapshot, profile: str) -> bytes:
    """The snapshot file's bytes; raises ValueError rather than write a number that is not finite
    (JSON has none: the file could not be read back)."""
    doc = {
        "format": SNAPSHOT_FORMAT,
        "profile": profile,
        "history_offset": snapshot.offset,
        "answers": snapshot.answers,
        "questions": {key: state.to_json() for key, state in snapshot.states.items()},
        "tallies": (snapshot.tallies or Tallies()).to_json(),
    }
    return json.dumps(doc, separators=(",", ":"), allow_nan=False).encode("ascii") + b"\n"


def all_finite(data: Any) -> bool:
    """True when no number inside a JSON-ready value is infinite or NaN."""
    if isinstance(data, float):
        return math.isfinite(data)
    if isinstance(data, Mapping):
        return all(all_finite(value) for value in data.values())
    if isinstance(data, (list, tuple)):
        return all(all_finite(value) for value in data)
    return True


def decode_snapshot(raw: bytes) -> Snapshot:
    """Parse a snapshot; raises SnapshotError for anything but a well-formed one."""
    try:
        doc = json.loads(raw)
        if not isinstance(doc, dict):
            raise SnapshotError("not a quizbot progress snapshot")
        found: Any = doc.get("format")
        if _is_count(found) and found > SNAPSHOT_FORMAT:
            raise NewerSnapshotError(found)
        if found not in _READABLE_FORMATS or isinstance(found, bool):
            raise SnapshotError("not a quizbot progress snapshot")
        offset, answers, questions = doc["history_offset"], doc["answers"], doc["questions"]
        if not _is_count(offset) or not _is_count(answers) or not isinstance(questions, Mapping):
            raise SnapshotError("snapshot header is damaged")
        tallies = Tallies.from_json(doc["tallies"]) if found >= 2 else None
        states = {}
        unsound = set()
        for key, entry in questions.items():
            if not isinstance(entry, Mapping):
                raise SnapshotError(f"snapshot entry {key!r} is damaged")
            try:
                states[key] = QuestionState.from_json(entry)
            except NotFinite:
                unsound.add(key)  # sound in shape, overflowed in value: rebuild just this one
    except SnapshotError:
        raise
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise SnapshotError(str(exc)) from exc
    return Snapshot(states, offset, answers, tallies, unsound, rebuild=found < 3)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
