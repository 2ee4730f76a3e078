"""What the tutor says: plain data that every front end (TUI, plain mode, tests) renders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from quizbot.quiz.round import RoundProgress

if TYPE_CHECKING:
    from quizbot.grading.verdict import Verdict

MessageKind = Literal[
    "greeting",  # the welcome and what the tutor can do
    "menu",  # choices: topics, packs, round length
    "question",  # a quiz question (with options for choice questions)
    "verdict",  # the grade of an answer: carries ``verdict``
    "explanation",  # why, with the source to cite
    "hint",
    "answer",  # an answer to the learner's own question, with its source
    "info",  # help, score, acknowledgements
    "summary",  # the end of a round
    "stats",  # progress over time: carries ``stats`` (a front may show it as a screen)
    "warning",  # something went wrong but the session goes on (disk full...)
    "goodbye",
]


@dataclass(frozen=True)
class Missed:
    """A question of the round the learner did not get fully right."""

    prompt: str
    response: str  # what they typed; "" when skipped
    expected: str
    outcome: str  # "partial", "incorrect" or "skipped"


@dataclass(frozen=True)
class RoundReport:
    """The end of a round, for front ends that show it as more than text."""

    progress: RoundProgress
    seconds: float
    missed: tuple[Missed, ...]


@dataclass(frozen=True)
class BotMessage:
    """One message from the tutor."""

    kind: MessageKind
    text: str
    verdict: Verdict | None = None
    progress: RoundProgress | None = None
    source: str | None = None  # a citation line: title, publisher, date
    question_id: str | None = None
    options: tuple[str, ...] = ()  # choice options as shown, lettered A, B, ...
    report: RoundReport | None = None  # on a "summary" message
    # A verdict's text without its headline ("Correct!"), worded to follow a front's own
    # label ("Not quite: the answer is ...").
    body: str | None = None
    stats: Mapping[str, Any] | None = None  # on a "stats" message: the progress summary


__all__ = ["BotMessage", "MessageKind", "Missed", "RoundProgress", "RoundReport"]
