"""What happened in a round, as typed events: the host words and shows them in order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizbot.quiz.hints import Hint
from quizbot.quiz.round import Asked, Result, RoundResults

if TYPE_CHECKING:
    from quizbot.grading.verdict import Verdict


@dataclass(frozen=True)
class QuestionAsked:
    """A question is on screen for every player."""

    asked: Asked
    total: int  # questions in the round


@dataclass(frozen=True)
class AnswerGraded:
    """A player's answer, graded and scored (and already recorded, unless NotRecorded follows)."""

    player: str
    asked: Asked
    result: Result

    @property
    def verdict(self) -> Verdict:
        assert self.result.verdict is not None
        return self.result.verdict

    @property
    def credit(self) -> float:
        return self.result.credit

    @property
    def seconds(self) -> float:
        return self.result.seconds


@dataclass(frozen=True)
class AnswerNotTaken:
    """A response that is no answer to grade: the grader failed (verdict ``error``) or it
    names an option that does not exist. Nothing is recorded and the question stays open."""

    player: str
    asked: Asked
    verdict: Verdict


@dataclass(frozen=True)
class HintGiven:
    """A player asked for a hint; ``again`` when they had it already (it costs once)."""

    player: str
    asked: Asked
    hint: Hint
    again: bool = False


@dataclass(frozen=True)
class QuestionSkipped:
    """A player passed (or the host closed the question before they answered)."""

    player: str
    asked: Asked
    result: Result


@dataclass(frozen=True)
class NotRecorded:
    """The recorder failed on an answer; the round goes on."""

    player: str
    asked: Asked
    error: str


@dataclass(frozen=True)
class RoundFinished:
    """The last question is done: the round's results for every player."""

    report: RoundResults


Event = (
    QuestionAsked
    | AnswerGraded
    | AnswerNotTaken
    | HintGiven
    | QuestionSkipped
    | NotRecorded
    | RoundFinished
)
