"""The grader's result: a verdict, a score, a friendly feedback line and a reason code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Outcome = Literal["correct", "partial", "incorrect"]


@dataclass(frozen=True)
class Verdict:
    """How a response was graded.

    ``reason`` is machine-readable (``exact``, ``alias``, ``typo``, ``number``,
    ``wrong_number``, ``missing_scale``, ``negated``, ``alternatives``,
    ``rejected``, ``partial_list``, ``empty``, ...); ``feedback`` is one sentence
    for the learner; ``expected`` is the right answer as shown to them.
    """

    verdict: Outcome
    score: float
    feedback: str
    reason: str
    expected: str = ""

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"
