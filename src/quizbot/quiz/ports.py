"""What the core needs from outside, as Protocols: any object with these methods will do
(the progress store, the knowledge base, a test's fakes, a classroom's server)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from quizbot.grading.verdict import Verdict
    from quizbot.knowledge.reply import Reply
    from quizbot.packs.model import Question
    from quizbot.progress.records import AnswerRecord


Clock = Callable[[], float]  # seconds since the epoch: time.time, or a test's hand-moved clock


class Grader(Protocol):
    """The grading function: ``quizbot.grading.grade`` or a stand-in."""

    def __call__(
        self, question: Question, response: str, *, shown_options: Sequence[int] | None = None
    ) -> Verdict: ...


class Recorder(Protocol):
    """Where answers are kept and what is known about each question (``pack/question`` keys).

    ``record`` may raise ``ProgressError``, ``OSError`` or ``ValueError``: the core then
    reports :class:`~quizbot.quiz.events.NotRecorded` and the round goes on."""

    def record(self, record: AnswerRecord) -> None: ...

    def states(self) -> Mapping[str, Any]: ...


class KnowledgeSource(Protocol):
    """Answers a learner's own question from the packs' facts."""

    def ask(self, text: str) -> Reply: ...
