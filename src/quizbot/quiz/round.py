"""A round: its questions in order, the one being asked, and how each player did."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from quizbot.packs.model import Pack, Question
from quizbot.quiz.hints import Hint
from quizbot.quiz.options import shuffled_options

if TYPE_CHECKING:
    from quizbot.grading.verdict import Verdict

Outcome = Literal["correct", "partial", "incorrect", "skipped"]
LEARNER = "learner"  # the one player of a tutor's conversation


@dataclass(frozen=True)
class RoundProgress:
    """Where one player is in the round."""

    asked: int  # questions finished (answered or skipped)
    total: int
    correct: int
    score: float  # points so far (partial credit and hints count less than 1)


@dataclass(frozen=True)
class Result:
    """How one player did on one question."""

    player: str
    pack: Pack
    question: Question
    shown: tuple[int, ...]  # the options' order as shown
    response: str  # "" when skipped
    outcome: Outcome
    score: float  # the grader's score, 0..1 (what the history keeps)
    credit: float  # the points the scoring policy gave (what the round counts)
    hint_used: bool
    seconds: float  # from the question being asked to the answer
    verdict: Verdict | None = None  # None when skipped


@dataclass
class Asked:
    """The question on screen: its options as shown, when, and who has had a hint or answered."""

    pack: Pack
    question: Question
    shown: tuple[int, ...]
    asked_at: float
    number: int  # 1-based position in the round
    hints: dict[str, Hint] = field(default_factory=dict)
    results: dict[str, Result] = field(default_factory=dict)

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(self.question.options[i] for i in self.shown)

    def hint_used(self, player: str = LEARNER) -> bool:
        return player in self.hints


def _progress(results: Sequence[Result], player: str, total: int) -> RoundProgress:
    mine = [r for r in results if r.player == player]
    return RoundProgress(
        asked=len(mine),
        total=total,
        correct=sum(1 for r in mine if r.outcome == "correct"),
        score=sum(r.credit for r in mine),
    )


@dataclass(frozen=True)
class RoundResults:
    """A finished (or abandoned) round: every player's results, in the order given."""

    pack: Pack
    players: tuple[str, ...]
    total: int
    results: tuple[Result, ...]
    seconds: float
    topic: str | None = None
    review: bool = False

    def progress(self, player: str = LEARNER) -> RoundProgress:
        return _progress(self.results, player, self.total)

    def missed(self, player: str = LEARNER) -> list[Result]:
        return [r for r in self.results if r.player == player and r.outcome != "correct"]


@dataclass
class Round:
    """The questions of one round, in order, for one or more players."""

    pack: Pack
    questions: list[Question]
    started_at: float
    players: tuple[str, ...] = (LEARNER,)
    topic: str | None = None
    review: bool = False  # a round of questions to go over again
    results: list[Result] = field(default_factory=list)
    current: Asked | None = None
    asked: int = 0  # questions put on screen so far

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def finished(self) -> bool:
        return self.current is None and self.asked >= self.total

    def waiting_for(self) -> tuple[str, ...]:
        """The players who have not yet answered or skipped the open question."""
        if self.current is None:
            return ()
        return tuple(p for p in self.players if p not in self.current.results)

    def ask_next(self, now: float, rng: random.Random) -> Asked | None:
        """Put the next question on screen, or None when the round is over."""
        if self.asked >= self.total:
            self.current = None
            return None
        question = self.questions[self.asked]
        self.asked += 1
        self.current = Asked(self.pack, question, shuffled_options(question, rng), now, self.asked)
        return self.current

    def add(self, result: Result) -> None:
        assert self.current is not None, "no question is being asked"
        self.current.results[result.player] = result
        self.results.append(result)

    def replace_remaining(self, questions: Sequence[Question]) -> None:
        """Swap the questions not yet asked (after "easier"/"harder"), keeping the count."""
        wanted = self.total - self.asked
        self.questions = self.questions[: self.asked] + list(questions)[:wanted]

    def progress(self, player: str = LEARNER) -> RoundProgress:
        return _progress(self.results, player, self.total)

    def streak(self, player: str) -> int:
        """The player's right answers in a row at the end of their results."""
        count = 0
        for result in reversed([r for r in self.results if r.player == player]):
            if result.outcome != "correct":
                break
            count += 1
        return count

    def report(self, now: float) -> RoundResults:
        return RoundResults(
            self.pack,
            self.players,
            self.total,
            tuple(self.results),
            max(0.0, now - self.started_at),
            self.topic,
            self.review,
        )
