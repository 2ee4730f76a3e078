"""Spaced repetition: an FSRS-style memory model that says when each question is due again."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DAY = 86_400.0

# Default FSRS-5 weights (published by the FSRS project, fitted on millions of
# Anki reviews).  Index meanings follow the FSRS papers: w[0..3] first-review
# stability per rating, w[4..7] difficulty, w[8..10] recall stability,
# w[11..14] forgetting stability, w[15] hard penalty, w[16] easy bonus,
# w[17..18] same-day reviews.
W: tuple[float, ...] = (
    0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575,
    0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621,
)  # fmt: skip
DECAY = -0.5
FACTOR = 0.9 ** (1 / DECAY) - 1  # makes retrievability 90% after `stability` days
DESIRED_RETENTION = 0.9
MAX_INTERVAL_DAYS = 365.0
MIN_STABILITY = 0.01
# A hundred years, as FSRS itself caps it: without a ceiling, same-day reviews
# multiply stability without end and ~2,000 right answers make it infinite.
MAX_STABILITY = 36_500.0
# A question answered wrongly comes back soon, within the same sitting, like
# FSRS's relearning step, instead of after the model's (day-long) interval.
AGAIN_DELAY = 10 * 60.0

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4


@dataclass(frozen=True)
class QuestionState:
    """What the scheduler remembers about one question (times in seconds since the epoch)."""

    due: float
    stability: float  # days until recall probability falls to 90%
    difficulty: float  # 1 (easy) .. 10 (hard)
    reps: int  # answers given, all verdicts
    lapses: int  # wrong answers after the first
    last_review: float | None
    last_score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "due": self.due,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "reps": self.reps,
            "lapses": self.lapses,
            "last_review": self.last_review,
            "last_score": self.last_score,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> QuestionState:
        """Build from a snapshot entry; raises ValueError, TypeError or KeyError if malformed."""
        last = data["last_review"]
        return cls(
            due=_finite(data["due"]),
            stability=_finite(data["stability"]),
            difficulty=_finite(data["difficulty"]),
            reps=_count(data["reps"]),
            lapses=_count(data["lapses"]),
            last_review=None if last is None else _finite(last),
            last_score=_finite(data["last_score"]),
        )


def _finite(value: Any) -> float:
    # bool is an int subclass; a snapshot holding true/false here is damaged.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a count, got {value!r}")
    return value


def rating_for(score: float, hint_used: bool) -> int:
    """Turn a grader score (0..1) and hint use into an FSRS rating."""
    if score >= 0.999:
        return HARD if hint_used else GOOD
    if score >= 0.5:
        return HARD
    return AGAIN


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _initial_difficulty(rating: int) -> float:
    return W[4] - math.exp(W[5] * (rating - 1)) + 1


def _retrievability(elapsed_days: float, stability: float) -> float:
    return float((1 + FACTOR * elapsed_days / stability) ** DECAY)


def _next_difficulty(difficulty: float, rating: int) -> float:
    delta = -W[6] * (rating - 3)
    damped = difficulty + delta * (10 - difficulty) / 9
    # Mean reversion towards the difficulty of an "easy" first answer keeps
    # a long run of ratings from pinning difficulty at a bound.
    reverted = W[7] * _initial_difficulty(EASY) + (1 - W[7]) * damped
    return _clamp(reverted, 1.0, 10.0)


def _recall_stability(stability: float, difficulty: float, r: float, rating: int) -> float:
    hard_penalty = W[15] if rating == HARD else 1.0
    easy_bonus = W[16] if rating == EASY else 1.0
    growth = (
        math.exp(W[8])
        * (11 - difficulty)
        * stability ** (-W[9])
        * (math.exp((1 - r) * W[10]) - 1)
        * hard_penalty
        * easy_bonus
    )
    return float(stability * (1 + growth))


def _forget_stability(stability: float, difficulty: float, r: float) -> float:
    new = W[11] * difficulty ** (-W[12]) * ((stability + 1) ** W[13] - 1)
    return float(min(new * math.exp((1 - r) * W[14]), stability))


def _interval_days(stability: float) -> float:
    days = stability / FACTOR * (DESIRED_RETENTION ** (1 / DECAY) - 1)
    return _clamp(days, 0.0, MAX_INTERVAL_DAYS)


def review(
    state: QuestionState | None, score: float, now: float, hint_used: bool = False
) -> QuestionState:
    """The state of a question after an answer with `score` (0..1) at time `now`."""
    score = _clamp(score if math.isfinite(score) else 0.0, 0.0, 1.0)
    rating = rating_for(score, hint_used)
    if state is None:
        stability = W[rating - 1]
        difficulty = _clamp(_initial_difficulty(rating), 1.0, 10.0)
        reps, lapses = 1, 0
    else:
        last = state.last_review if state.last_review is not None else now
        # Clamp: two processes' clocks may disagree by a little.
        elapsed = max(0.0, now - last) / DAY
        old_s = max(state.stability, MIN_STABILITY)
        if elapsed < 1.0:
            # Same-day review: FSRS's short-term formula, since the long-term
            # one assumes at least a night's sleep in between.
            stability = old_s * math.exp(W[17] * (rating - 3 + W[18]))
            if rating >= GOOD:
                stability = max(stability, old_s)
        else:
            r = _retrievability(elapsed, old_s)
            if rating == AGAIN:
                stability = _forget_stability(old_s, state.difficulty, r)
            else:
                stability = _recall_stability(old_s, state.difficulty, r, rating)
        difficulty = _next_difficulty(state.difficulty, rating)
        reps = state.reps + 1
        lapses = state.lapses + (1 if rating == AGAIN else 0)
    stability = _clamp(stability, MIN_STABILITY, MAX_STABILITY)
    if rating == AGAIN:
        due = now + AGAIN_DELAY
    else:
        # At least a few hours: a right answer should not come straight back.
        due = now + max(_interval_days(stability) * DAY, 4 * 3600.0)
    return QuestionState(
        due=due,
        stability=stability,
        difficulty=difficulty,
        reps=reps,
        lapses=lapses,
        last_review=now,
        last_score=score,
    )


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
