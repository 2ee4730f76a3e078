"""The one place where an answer's outcome becomes an FSRS rating.

quizbot never asks "how well did you know it?": the typed answer's verdict, the
hint and (where it was measured) the time taken are the rating.

| outcome                                   | rating |
| ----------------------------------------- | ------ |
| correct, no hint                          | Good   |
| correct, no hint, slower than SLOW_SECONDS | Hard  |
| correct after a hint ("hint then right")  | Hard   |
| partial (part of a list, or close)        | Hard   |
| incorrect, with or without a hint         | Again  |
| skipped                                   | Again  |
| anything else (unknown verdict)           | Again  |

"Easy" is never given: a quick answer in a terminal says little (a pasted or
piped answer is instant), so speed never raises a rating. Time only lowers one:
a right answer that took over SLOW_SECONDS of measured time was a struggle.
``seconds`` is 0 when the time was not measured (piped plain mode).
A disputed answer is not rated at all: the store leaves it out of the schedule.
Old history lines carry only a score: ``rating_for_score`` reads them the same way.
"""

from __future__ import annotations

import math

# The values of fsrs.Rating, so that this module (and the store's start-up) does
# not have to import the library to name a rating.
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4

SLOW_SECONDS = 90.0


def rating_for(verdict: str, score: float, hint_used: bool, seconds: float = 0.0) -> int:
    """The FSRS rating (1 Again .. 4 Easy) of one answer."""
    if verdict == "correct":
        if hint_used:
            return HARD
        if math.isfinite(seconds) and seconds > SLOW_SECONDS:
            return HARD
        return GOOD
    if verdict == "partial":
        return HARD
    if verdict in ("incorrect", "skipped"):
        return AGAIN
    return rating_for_score(score, hint_used)


def rating_for_score(score: float, hint_used: bool) -> int:
    """A rating from a grader score (0..1) alone, for callers without a verdict."""
    if not math.isfinite(score):
        return AGAIN
    if score >= 0.999:
        return HARD if hint_used else GOOD
    if score >= 0.5:
        return HARD
    return AGAIN
