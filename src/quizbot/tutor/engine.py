"""The tutor's front door: a line of learner text in, a list of bot messages out.

:meth:`Tutor.respond` reads the line for what it means (:mod:`.intents`: an answer, a
command, a question of the learner's own, a choice at the menu) and hands the intent to
the module whose job it is: the round driver (:mod:`.rounds`) for an answer, the commands
(:mod:`.handlers`), the learner's questions (:mod:`.asking`), the menu's choices and small
talk (:mod:`.choosing`). They all share one :class:`~.session.Session`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quizbot.packs.model import Pack
from quizbot.quiz import LEARNER, Grader, KnowledgeSource, Quiz, RoundProgress, modes
from quizbot.quiz.hints import can_hint
from quizbot.tutor import asking, choosing, exam, handlers, intents, menu_intents, rounds, wording
from quizbot.tutor.answers import could_be_answer
from quizbot.tutor.intents import Intent, normalise
from quizbot.tutor.menu import menu
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.profile import last_topic, welcome_back
from quizbot.tutor.session import ProgressBook, Session, Stage, info


def looks_like_question(line: str) -> bool:
    """The knowledge base's own test, imported on first use (not for the first screen)."""
    from quizbot.knowledge.intent import looks_like_question as reads_as_question

    return reads_as_question(line)


@dataclass(frozen=True)
class TutorStatus:
    """What a front end shows beside the conversation: pack, topic, progress, stage."""

    pack_title: str
    topic_title: str | None
    progress: RoundProgress | None
    stage: Stage  # ended = learner quit
    hint_available: bool
    time_left: float | None = None  # seconds, in an exam: a front shows it as a countdown


class Tutor:
    """One learner's conversation with the tutor, over one or more packs."""

    def __init__(
        self,
        packs: Sequence[Pack],
        *,
        store: ProgressBook | None = None,
        knowledge: KnowledgeSource | None = None,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        round_length: int = 10,
        profile: str = "default",
        grader: Grader | None = None,
        mode: str | None = None,
        exam: modes.ExamRules | None = None,
    ) -> None:
        self.session = Session(
            packs,
            store=store,
            knowledge=knowledge,
            clock=clock,
            rng=rng if rng is not None else random.Random(),
            round_length=round_length,
            profile=profile,
            grader=grader,
            mode=mode,
            exam=exam,
        )

    @property
    def packs(self) -> Sequence[Pack]:
        return self.session.packs

    @property
    def store(self) -> ProgressBook | None:
        return self.session.store

    @property
    def quiz(self) -> Quiz:
        """The quiz core running this learner's rounds."""
        return self.session.quiz

    @property
    def profile(self) -> str:
        return self.session.profile

    @property
    def round_length(self) -> int:
        return self.session.round_length

    # -- what the fronts call ---------------------------------------------------------

    def start(self) -> list[BotMessage]:
        """The greeting and the menu (and the first round, with ``play --mode``)."""
        session = self.session
        session.stage = "menu"
        messages = [BotMessage("greeting", wording.greeting(session.pack, session.profile))]
        back = welcome_back(session)
        if back:
            messages.append(info(back))
        messages.append(menu(session))
        if session.start_mode is not None:
            messages += rounds.mode_round(session, session.start_mode)
        return messages

    def respond(self, line: str) -> list[BotMessage]:
        """Anything the learner types: read what it means, then do it."""
        session = self.session
        line = line.replace("\r", "").replace("\n", " ")
        asked = session.open_question()
        if asked is not None:
            intent = intents.read_question_line(
                line,
                could_be_answer=lambda text: could_be_answer(asked, text, session.quiz.grade(text)),
                looks_like_question=looks_like_question,
            )
        else:
            if session.stage == "menu" and normalise(line) in ("c", "continue"):
                last = last_topic(session)
                if last is not None:
                    return choosing.choose_topic(session, last)
            intent = menu_intents.read_menu_line(
                line, session.topics(), looks_like_question=looks_like_question
            )
        return self._dispatch(intent, line)

    def command(self, name: str, arg: str = "") -> list[BotMessage]:
        """Run a command by name; the same as ``respond("/name arg")``."""
        intent = intents.parse_slash(f"/{name} {arg}")
        return self._dispatch(intent, f"/{name} {arg}".strip())

    @property
    def status(self) -> TutorStatus:
        session = self.session
        round_ = session.quiz.round
        asked = session.open_question()
        topic = session.pack.topic(round_.topic if round_ else session.topic)
        if round_ and round_.review:
            topic_title: str | None = "Review"
        else:
            topic_title = topic.title if topic else None
        return TutorStatus(
            pack_title=session.pack.title,
            topic_title=topic_title,
            progress=round_.progress() if round_ else None,
            stage=session.stage,
            hint_available=bool(
                asked is not None
                and session.exam_deadline is None
                and not asked.hint_used(LEARNER)
                and can_hint(asked.question, asked.shown)
            ),
            time_left=exam.time_left(session),
        )

    def topics(self) -> list[tuple[str, str]]:
        """(id, title) of the current pack's topics that have questions."""
        return self.session.topics()

    # -- an intent, to the module whose job it is -----------------------------------------

    def _dispatch(self, intent: Intent, line: str) -> list[BotMessage]:
        session = self.session
        if intent.kind == "command":
            return handlers.run(session, intent.name, intent.arg)
        if intent.kind == "answer":
            if session.open_question() is None:
                return choosing.unclear(session, line)
            return rounds.answer(session, line)
        if intent.kind == "question":
            return asking.answer_question(session, intent.arg or line)
        if intent.kind == "choose":
            return choosing.choose(session, intent)
        if intent.kind == "chat":
            return choosing.chat(session, intent.name)
        if intent.kind == "empty":
            return choosing.empty(session)
        if intent.kind == "unknown_command":
            return [info(f"I don't know the command /{intent.name}. Try /help for the list.")]
        return choosing.unclear(session, intent.arg or line)
