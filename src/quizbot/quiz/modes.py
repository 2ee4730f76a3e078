"""Which questions a mode asks: pure functions over the per-question states.

review  questions due now, and the learner's misses, most overdue first (across sessions:
        the states are the saved ones);
new     questions never answered, in the packs' order;
weak    questions answered before, the lowest chance of recall first, then most lapses;
exam    a fixed number of questions drawn at random, with a time limit, no hints and no
        feedback until the end (the rules are in ``ExamRules``; the conversation keeps them).

Each returns a ``Selection``: the keys ("pack/question") to ask and, when there are none,
a sentence that says why and what comes next.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from quizbot.progress.schedule import (
    DEFAULT_SETTINGS,
    QuestionState,
    SchedulerSettings,
    retrievability,
)

MODES = ("review", "new", "weak", "exam")
EXAM_QUESTIONS = 20
EXAM_MINUTES = 15


@dataclass(frozen=True)
class Selection:
    keys: list[str]
    note: str = ""  # said when keys is empty


@dataclass(frozen=True)
class ExamRules:
    questions: int = EXAM_QUESTIONS
    time_limit: float = EXAM_MINUTES * 60.0  # seconds
    hints: bool = False
    feedback: bool = False  # the verdicts come in the report at the end


def review(
    keys: Sequence[str],
    states: Mapping[str, QuestionState],
    now: float,
    tz: tzinfo | None = None,
) -> Selection:
    """Due now or missed last time, most overdue first."""
    unique = list(dict.fromkeys(keys))
    chosen = [k for k in unique if k in states and states[k].to_review(now)]
    chosen.sort(key=lambda k: states[k].due)
    if chosen:
        return Selection(chosen)
    return Selection([], nothing_due(unique, states, now, tz))


def nothing_due(
    keys: Sequence[str], states: Mapping[str, QuestionState], now: float, tz: tzinfo | None = None
) -> str:
    """ "Nothing due until Thursday 9:00, 14 questions" (those due by the end of that day)."""
    later = sorted(states[k].due for k in keys if k in states and states[k].due > now)
    if not later:
        return "Nothing to review yet: answer some questions first."
    first = datetime.fromtimestamp(later[0], tz)
    day = first.date()
    that_day = sum(1 for due in later if datetime.fromtimestamp(due, tz).date() == day)
    when = f"{first:%A} {first.hour}:{first.minute:02d}"
    today = datetime.fromtimestamp(now, tz).date()
    if (day - today).days > 6:
        when = f"{first:%A %d %B} {first.hour}:{first.minute:02d}"
    plural = "question" if that_day == 1 else "questions"
    return f"Nothing due until {when}, {that_day} {plural}."


def new(keys: Sequence[str], states: Mapping[str, QuestionState]) -> Selection:
    """Never answered, in the order given."""
    chosen = [k for k in dict.fromkeys(keys) if k not in states]
    return Selection(chosen, "" if chosen else "You have seen every question here.")


def weak(
    keys: Sequence[str],
    states: Mapping[str, QuestionState],
    now: float,
    settings: SchedulerSettings = DEFAULT_SETTINGS,
) -> Selection:
    """Answered before; the lowest recall chance first, then the most lapses, then misses."""
    seen = [k for k in dict.fromkeys(keys) if k in states]
    chance = {k: retrievability(states[k], now, settings) for k in seen}
    seen.sort(key=lambda k: (round(chance[k], 6), -states[k].lapses, -states[k].misses))
    return Selection(seen, "" if seen else "Nothing answered yet, so nothing is weak.")


def exam(keys: Sequence[str], rng: random.Random, rules: ExamRules = ExamRules()) -> Selection:
    """``rules.questions`` questions drawn at random (all of them if there are fewer)."""
    unique = list(dict.fromkeys(keys))
    chosen = rng.sample(unique, min(rules.questions, len(unique)))
    return Selection(chosen, "" if chosen else "There are no questions for an exam here.")


def select(
    mode: str,
    keys: Sequence[str],
    states: Mapping[str, QuestionState],
    now: float,
    rng: random.Random,
    *,
    tz: tzinfo | None = None,
    settings: SchedulerSettings = DEFAULT_SETTINGS,
    rules: ExamRules = ExamRules(),
) -> Selection:
    """The selection of one of MODES; raises ValueError for another name."""
    if mode == "review":
        return review(keys, states, now, tz)
    if mode == "new":
        return new(keys, states)
    if mode == "weak":
        return weak(keys, states, now, settings)
    if mode == "exam":
        return exam(keys, rng, rules)
    raise ValueError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
