"""The conversation's state: what one learner has chosen and reached, in one object.

Every part of the tutor (the line router in :mod:`.engine`, the commands in
:mod:`.handlers`, the choices in :mod:`.choosing`, the round driver in :mod:`.rounds`)
reads and changes this one :class:`Session`; none of them keeps state of its own.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from quizbot.packs.model import Pack
from quizbot.quiz import (
    Asked,
    Difficulty,
    Grader,
    KnowledgeSource,
    Quiz,
    Recorder,
    Result,
    RoundProgress,
    RoundResults,
    modes,
)
from quizbot.tutor import wording
from quizbot.tutor.messages import BotMessage

Stage = Literal["menu", "question", "finished_round", "ended"]
MAX_ROUND = 200


class ProgressBook(Recorder, Protocol):
    """The learner's progress as the tutor and its fronts use it: a Recorder that can be
    closed, tells repairs once (``pending_notices``, then ``acknowledge``), and says
    through ``on_wait`` when quitting waits for another copy's lock (the real one is
    ``ProgressStore``)."""

    warnings: list[str]
    on_wait: Callable[[str], None] | None

    def close(self) -> None: ...

    def pending_notices(self) -> list[str]: ...

    def acknowledge(self, notices: list[str]) -> None: ...


class Session:
    """One learner's conversation so far: the packs and the choices made, the quiz core
    that runs the rounds, and where the conversation stands (its ``stage``)."""

    def __init__(
        self,
        packs: Sequence[Pack],
        *,
        store: ProgressBook | None,
        knowledge: KnowledgeSource | None,
        clock: Callable[[], float],
        rng: random.Random,
        round_length: int,
        profile: str,
        grader: Grader | None,
        mode: str | None,
        exam: modes.ExamRules | None,
    ) -> None:
        if not packs:
            raise ValueError("the tutor needs at least one pack")
        self.packs: Sequence[Pack] = tuple(packs)
        self.store = store
        self.profile = profile  # the learner's name, greeted by it
        self.round_length = max(1, min(MAX_ROUND, round_length))
        self.knowledge = knowledge  # made on the first question of the learner's own
        self.clock = clock
        self.rng = rng
        self.quiz = Quiz(clock=clock, rng=rng, grader=grader, recorder=store)
        self.pack = self.packs[0]
        self.topic: str | None = None  # None: all topics
        self.difficulty: Difficulty | None = None
        self.stage: Stage = "menu"
        self.last: tuple[Asked, Result] | None = None  # the last answer or skip, for /why
        self.finished: RoundResults | None = None  # the last round played to its end
        self.previous: RoundResults | None = None  # the last round of another pack
        self.start_mode = mode  # `play --mode`: the first round's mode
        self.exam_rules = exam or modes.ExamRules()
        self.exam_deadline: float | None = None  # an exam is running until then

    def open_question(self) -> Asked | None:
        """The question waiting for the learner's answer, if any."""
        return self.quiz.current if self.stage == "question" else None

    def progress(self) -> RoundProgress:
        """The running round's progress (there must be one)."""
        assert self.quiz.round is not None
        return self.quiz.round.progress()

    def topics(self) -> list[tuple[str, str]]:
        """(id, title) of the current pack's topics that have questions."""
        used = {q.topic for q in self.pack.questions}
        return [(t.id, t.title) for t in self.pack.topics if t.id in used]

    def back_to_question(self) -> list[BotMessage]:
        """The open question again, whole, after something else was said (none if closed)."""
        asked = self.open_question()
        return [wording.back_to_question(asked)] if asked is not None else []


def info(text: str) -> BotMessage:
    """A plain message: an acknowledgement, a notice, a short answer."""
    return BotMessage("info", text)
