"""The grader's result: a verdict, a score, a friendly feedback line and a reason code."""

from __future__ import annotations

from typing import Literal, NamedTuple

# "error": the grader could not grade the response (a bug). It is no wrong answer:
# batch grading counts it apart and the tutor keeps the question open.
Outcome = Literal["correct", "partial", "incorrect", "error"]


class Verdict(NamedTuple):
    """How a response was graded.

    ``reason`` is machine-readable (``exact``, ``alias``, ``typo``, ``number``,
    ``wrong_number``, ``missing_scale``, ``negated``, ``alternatives``,
    ``rejected``, ``partial_list``, ``empty``, ``wrong_unit``, ``no_such_option``
    (a letter with no option: the tutor keeps the question open), ``error``
    (verdict ``error`` too: the grader failed), ...); ``feedback`` is one sentence
    for the learner; ``expected`` is the right answer as shown to them.

    A named tuple, not a dataclass: a batch makes one per response, and a tuple is
    made in less than half the time of a frozen dataclass (bench/README.md).
    """

    verdict: Outcome
    score: float
    feedback: str
    reason: str
    expected: str = ""

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"

    @property
    def graded(self) -> bool:
        """Was the response graded at all? False for an ``error`` verdict."""
        return self.verdict != "error"
