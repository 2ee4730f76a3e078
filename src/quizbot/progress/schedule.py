"""Spaced repetition with the FSRS project's own scheduler (the ``fsrs`` package).

quizbot keeps a small, JSON-ready ``QuestionState`` per question and turns it into an
``fsrs.Card`` for each review. The scheduler is set up for a quiz, not for flashcards:

* no fuzzing, so replaying the history always gives the same schedule as the snapshot;
* one learning and one relearning step of 10 minutes: a miss comes back in the next
  round of the same sitting, while a right answer goes straight to a review days away
  (a round picks its questions when it starts, so nothing comes back within a round);
* desired retention and maximum interval from ``SchedulerSettings`` (0.9 and 365 days).

The library is imported on the first review, not at start-up (it costs ~20 ms).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from quizbot.progress.rating import AGAIN, rating_for, rating_for_score

if TYPE_CHECKING:
    import fsrs

DAY = 86_400.0
DESIRED_RETENTION = 0.9
MAX_INTERVAL_DAYS = 365
STEP = timedelta(minutes=10)
# A hundred years: FSRS has no ceiling of its own, and thousands of same-day right
# answers would otherwise multiply stability until it is not a finite number.
MAX_STABILITY = 36_500.0
MIN_STABILITY = 0.001

# fsrs.State values, named here so reading a snapshot needs no import of the library.
LEARNING, REVIEW, RELEARNING = 1, 2, 3
_PHASES = (LEARNING, REVIEW, RELEARNING)


@dataclass(frozen=True)
class SchedulerSettings:
    """The learner-facing knobs of the scheduler."""

    desired_retention: float = DESIRED_RETENTION
    maximum_interval_days: int = MAX_INTERVAL_DAYS

    def __post_init__(self) -> None:
        if not (0.5 <= self.desired_retention < 1.0):
            raise ValueError("desired retention must be between 0.5 and 0.99")
        if not 1 <= self.maximum_interval_days <= 36_500:
            raise ValueError("the maximum interval must be 1 to 36,500 days")


DEFAULT_SETTINGS = SchedulerSettings()


@dataclass(frozen=True)
class QuestionState:
    """What the scheduler remembers about one question (times in seconds since the epoch)."""

    due: float
    stability: float  # days until recall probability falls to 90%
    difficulty: float  # 1 (easy) .. 10 (hard)
    reps: int  # answers given, all verdicts
    lapses: int  # answers rated Again after the first
    last_review: float | None
    last_score: float
    phase: int = REVIEW  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = None  # learning or relearning step; None in review
    misses: int = 0  # answers rated Again, the first included
    topic: str = ""  # the question's topic as last recorded

    def to_review(self, now: float) -> bool:
        """Due again, or missed (or only partly right) last time: what `review` goes over."""
        return self.due <= now or self.last_score < 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "due": self.due,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "reps": self.reps,
            "lapses": self.lapses,
            "last_review": self.last_review,
            "last_score": self.last_score,
            "phase": self.phase,
            "step": self.step,
            "misses": self.misses,
            "topic": self.topic,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> QuestionState:
        """Build from a snapshot entry; raises NotFinite for a number that is not finite,
        ValueError, TypeError or KeyError if malformed.

        Fields added by format 3 are optional, so an older entry still reads. Called once
        per question when a profile opens (10,000 times for a big one): kept lean."""
        last = data["last_review"]
        phase = data.get("phase", REVIEW)
        if phase not in _PHASES or phase.__class__ is bool:
            raise ValueError(f"expected a learning phase, got {phase!r}")
        step = data.get("step")
        topic = data.get("topic", "")
        if topic.__class__ is not str:
            raise TypeError(f"expected a topic, got {topic!r}")
        return cls(
            _finite(data["due"]),
            _finite(data["stability"]),
            _finite(data["difficulty"]),
            _count(data["reps"]),
            _count(data["lapses"]),
            None if last is None else _finite(last),
            _finite(data["last_score"]),
            phase,
            None if step is None else _count(step),
            _count(data.get("misses", 0)),
            topic,
        )


class NotFinite(ValueError):
    """A number in a state is infinite or NaN (an older model overflowed)."""


def _finite(value: Any) -> float:
    # bool is an int subclass; a snapshot holding true/false here is damaged.
    kind = value.__class__
    if kind is float:
        if value - value != 0.0:  # inf - inf and nan - nan are nan: not finite
            raise NotFinite(f"expected a finite number, got {value!r}")
        return float(value)
    if kind is int:
        return float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise NotFinite(f"expected a finite number, got {value!r}")
    return float(value)


def _count(value: Any) -> int:
    if value.__class__ is not int or value < 0:
        raise ValueError(f"expected a count, got {value!r}")
    return value


@lru_cache(maxsize=8)
def scheduler(settings: SchedulerSettings = DEFAULT_SETTINGS) -> fsrs.Scheduler:
    """The library's scheduler, configured for a quiz (see the module's docstring)."""
    import fsrs

    return fsrs.Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=(STEP,),
        relearning_steps=(STEP,),
        maximum_interval=settings.maximum_interval_days,
        enable_fuzzing=False,
    )


_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)


def _when(t: float) -> datetime:
    return _EPOCH + timedelta(seconds=t)


def _seconds(moment: datetime) -> float:
    return (moment - _EPOCH).total_seconds()


def to_card(state: QuestionState | None) -> fsrs.Card:
    """The library's card for a state (a fresh card for a question never answered)."""
    import fsrs

    if state is None:
        return fsrs.Card(card_id=0, due=_EPOCH)
    return fsrs.Card(
        card_id=0,
        state=fsrs.State(state.phase),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_when(state.due),
        last_review=None if state.last_review is None else _when(state.last_review),
    )


def review(
    state: QuestionState | None,
    score: float,
    now: float,
    hint_used: bool = False,
    *,
    verdict: str = "",
    seconds: float = 0.0,
    topic: str = "",
    settings: SchedulerSettings = DEFAULT_SETTINGS,
) -> QuestionState:
    """The state of a question after an answer at time `now`.

    The rating comes from `progress.rating` (verdict, hint, time); without a verdict,
    from the score (0..1) alone."""
    import fsrs

    if not math.isfinite(score):
        score = 0.0
    score = min(1.0, max(0.0, score))
    rating = (
        rating_for(verdict, score, hint_used, seconds)
        if verdict
        else rating_for_score(score, hint_used)
    )
    last = state.last_review if state is not None else None
    if last is not None and now < last:
        now = last  # two processes' clocks may disagree by a little: never review backwards
    card, _log = scheduler(settings).review_card(to_card(state), fsrs.Rating(rating), _when(now))
    stability = min(MAX_STABILITY, max(MIN_STABILITY, float(card.stability or MIN_STABILITY)))
    first = state is None
    return QuestionState(
        due=_seconds(card.due),
        stability=stability,
        difficulty=float(card.difficulty or 5.0),
        reps=1 if first else state.reps + 1,  # type: ignore[union-attr]
        lapses=0 if first else state.lapses + (rating == AGAIN),  # type: ignore[union-attr]
        last_review=now,
        last_score=score,
        phase=int(card.state.value),
        step=card.step,
        misses=(0 if first else state.misses) + (rating == AGAIN),  # type: ignore[union-attr]
        topic=topic or ("" if first else state.topic),  # type: ignore[union-attr]
    )


def retrievability(
    state: QuestionState, now: float, settings: SchedulerSettings = DEFAULT_SETTINGS
) -> float:
    """The chance (0..1) the learner recalls the question at `now`, as FSRS predicts it.

    The library's forgetting curve with its own decay parameter, counting whole days as
    ``Scheduler.get_card_retrievability`` does (a test holds the two equal); without
    building a Card, since stats asks this for every question."""
    if state.last_review is None:
        return 0.0
    decay = -_decay(settings)
    factor = 0.9 ** (1 / decay) - 1
    elapsed = max(0, int((now - state.last_review) // DAY))
    return float((1 + factor * elapsed / max(state.stability, MIN_STABILITY)) ** decay)


@lru_cache(maxsize=8)
def _decay(settings: SchedulerSettings) -> float:
    return float(scheduler(settings).parameters[20])


def order_for_round(
    keys: Sequence[str],
    states: Mapping[str, QuestionState],
    now: float,
    rng: random.Random,
    count: int,
) -> list[str]:
    """Pick `count` keys: overdue (most overdue first), then new (shuffled), then by due date."""
    if count <= 0:
        return []
    unique = list(dict.fromkeys(keys))
    position = {key: i for i, key in enumerate(unique)}
    overdue: list[str] = []
    new: list[str] = []
    later: list[str] = []
    for key in unique:
        state = states.get(key)
        if state is None:
            new.append(key)
        elif state.due <= now:
            overdue.append(key)
        else:
            later.append(key)
    # Ties keep the caller's order so a round is reproducible.
    overdue.sort(key=lambda k: (states[k].due, position[k]))
    later.sort(key=lambda k: (states[k].due, position[k]))
    rng.shuffle(new)
    return (overdue + new + later)[:count]
