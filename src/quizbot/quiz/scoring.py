"""Scoring policies: how many points a graded answer earns in a round.

The core asks the policy once per answer, with everything a policy may weigh (the
grader's score, a hint, the seconds taken, the player and their streak). Speed bonuses,
streaks or team points are new policies; the core does not change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from quizbot.packs.model import Question


@dataclass(frozen=True)
class Scored:
    """One answer, as a scoring policy sees it."""

    player: str
    question: Question
    score: float  # the grader's score, 0..1
    hint_used: bool
    seconds: float  # from the question being asked to the answer
    streak: int  # the player's right answers in a row just before this one


class ScoringPolicy(Protocol):
    """Points for one answer (0 for a skip is the core's rule, not the policy's)."""

    def credit(self, answer: Scored) -> float: ...


@dataclass(frozen=True)
class HintCredit:
    """Today's rule: the grader's score, times ``share`` after a hint."""

    share: float = 0.5

    def credit(self, answer: Scored) -> float:
        return answer.score * (self.share if answer.hint_used else 1.0)
