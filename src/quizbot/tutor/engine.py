"""The conversation: a line of learner text in, a list of bot messages out.

:class:`Tutor` reads a line (:mod:`.intents`), turns it into calls on the quiz core
(:class:`quizbot.quiz.Quiz`) or into a knowledge question (:mod:`.asking`), and words
what happened (:mod:`.wording`). It keeps the conversation's own state: the pack and
topic chosen, the round length, whether a question is open.
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from quizbot.packs.model import Pack
from quizbot.progress.store import ProgressError
from quizbot.quiz import (
    LEARNER,
    AnswerGraded,
    AnswerNotTaken,
    Asked,
    Difficulty,
    Event,
    Grader,
    HintGiven,
    KnowledgeSource,
    NotRecorded,
    QuestionAsked,
    QuestionSkipped,
    Quiz,
    Recorder,
    Result,
    RoundFinished,
    RoundProgress,
    RoundResults,
    choose_questions,
    modes,
)
from quizbot.quiz.hints import can_hint
from quizbot.quiz.options import question_key
from quizbot.quiz.selection import to_review
from quizbot.tutor import intents, learning, wording
from quizbot.tutor.answers import could_be_answer
from quizbot.tutor.asking import without_give_aways
from quizbot.tutor.commands import help_text
from quizbot.tutor.intents import Intent, normalise
from quizbot.tutor.messages import BotMessage

Stage = Literal["menu", "question", "finished_round", "ended"]
MAX_ROUND = 200


def looks_like_question(line: str) -> bool:
    """The knowledge base's own test, imported on first use (not for the first screen)."""
    from quizbot.knowledge.intent import looks_like_question as reads_as_question

    return reads_as_question(line)


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
        if not packs:
            raise ValueError("the tutor needs at least one pack")
        self.packs: Sequence[Pack] = tuple(packs)
        self.store = store
        self.profile = profile  # the learner's name, greeted by it
        self.round_length = max(1, min(MAX_ROUND, round_length))
        self._knowledge = knowledge
        self._clock = clock
        self._rng = rng if rng is not None else random.Random()
        self.quiz = Quiz(clock=clock, rng=self._rng, grader=grader, recorder=store)
        self._pack = self.packs[0]
        self._topic: str | None = None  # None: all topics
        self._difficulty: Difficulty | None = None
        self._stage: Stage = "menu"
        self._last: tuple[Asked, Result] | None = None  # for /why
        self._finished: RoundResults | None = None  # the last round played to its end
        self._previous: RoundResults | None = None  # the last round of another pack
        self._start_mode = mode  # `play --mode`: the first round's mode
        self._exam_rules = exam or modes.ExamRules()
        self._exam_deadline: float | None = None  # an exam is running until then

    # ------------------------------------------------------------ public API

    def start(self) -> list[BotMessage]:
        """The greeting and the menu."""
        self._stage = "menu"
        messages = [BotMessage("greeting", wording.greeting(self._pack, self.profile))]
        back = self._welcome_back()
        if back:
            messages.append(self._info(back))
        messages.append(self._menu())
        if self._start_mode is not None:
            messages += self._mode_round(self._start_mode)
        return messages

    def respond(self, line: str) -> list[BotMessage]:
        """Anything the learner types."""
        line = line.replace("\r", "").replace("\n", " ")
        asked = self._open()
        if asked is not None:
            intent = intents.read_question_line(
                line,
                could_be_answer=lambda text: could_be_answer(asked, text, self.quiz.grade(text)),
                looks_like_question=looks_like_question,
            )
        else:
            if self._stage == "menu" and normalise(line) in ("c", "continue"):
                last = self._last_topic()
                if last is not None:
                    return self._choose_topic(last)
            intent = intents.read_menu_line(
                line, self.topics(), looks_like_question=looks_like_question
            )
        return self._dispatch(intent, line)

    def command(self, name: str, arg: str = "") -> list[BotMessage]:
        """Run a command by name; the same as ``respond("/name arg")``."""
        intent = intents.parse_slash(f"/{name} {arg}")
        return self._dispatch(intent, f"/{name} {arg}".strip())

    @property
    def status(self) -> TutorStatus:
        round_ = self.quiz.round
        asked = self._open()
        topic = self._pack.topic(round_.topic if round_ else self._topic)
        if round_ and round_.review:
            topic_title: str | None = "Review"
        else:
            topic_title = topic.title if topic else None
        return TutorStatus(
            pack_title=self._pack.title,
            topic_title=topic_title,
            progress=round_.progress() if round_ else None,
            stage=self._stage,
            hint_available=bool(
                asked is not None
                and self._exam_deadline is None
                and not asked.hint_used(LEARNER)
                and can_hint(asked.question, asked.shown)
            ),
            time_left=self._time_left(),
        )

    def topics(self) -> list[tuple[str, str]]:
        """(id, title) of the current pack's topics that have questions."""
        used = {q.topic for q in self._pack.questions}
        return [(t.id, t.title) for t in self._pack.topics if t.id in used]

    # ------------------------------------------------------------ dispatch

    def _open(self) -> Asked | None:
        """The question waiting for the learner's answer, if any."""
        return self.quiz.current if self._stage == "question" else None

    def _dispatch(self, intent: Intent, line: str) -> list[BotMessage]:
        if intent.kind == "command":
            return self._command(intent.name, intent.arg)
        if intent.kind == "answer":
            return self._answer(line)
        if intent.kind == "question":
            return self._ask_knowledge(intent.arg or line)
        if intent.kind == "choose":
            return self._choose(intent)
        if intent.kind == "chat":
            return self._chat(intent.name)
        if intent.kind == "empty":
            return self._empty()
        if intent.kind == "unknown_command":
            return [self._info(f"I don't know the command /{intent.name}. Try /help for the list.")]
        return self._unclear(intent.arg or line)

    def _command(self, name: str, arg: str) -> list[BotMessage]:
        handlers: dict[str, Callable[[str], list[BotMessage]]] = {
            "hint": lambda _: self._hint(),
            "skip": lambda _: self._skip(),
            "repeat": lambda _: self._repeat(),
            "why": lambda _: self._why(),
            "score": lambda _: self._score(),
            "stats": lambda _: self._stats(),
            "help": lambda _: [self._info(help_text())],
            "quit": lambda _: self._quit(),
            "new": lambda _: self._new(),
            "review": lambda _: self._review(),
            "weak": lambda _: self._mode_round("weak"),
            "unseen": lambda _: self._mode_round("unseen"),
            "exam": lambda _: self._mode_round("exam"),
            "mode": self._mode_command,
            "dispute": lambda _: self._dispute(),
            "topics": lambda _: [self._menu(), *self._back_to_question()],
            "topic": self._choose_topic,
            "pack": self._choose_pack,
        }
        return handlers[name](arg)  # intents only name commands of the one list

    # ------------------------------------------------------------ events into messages

    def _say(self, events: Sequence[Event]) -> list[BotMessage]:
        """Word what the core reports, in order; keep the conversation's stage in step."""
        messages: list[BotMessage] = []
        for event in events:
            if isinstance(event, QuestionAsked):
                self._stage = "question"
                message = wording.question_message(event.asked, self._progress())
                left = self._time_left()
                if left is not None:
                    # Plain mode has no live clock: the time left is said with each question.
                    text = f"({learning.clock_text(left)} left) {message.text}"
                    message = dataclasses.replace(message, text=text)
                messages.append(message)
            elif self._exam_deadline is not None and isinstance(
                event, (AnswerGraded, QuestionSkipped)
            ):
                # An exam gives no verdict until the end: the report has them all.
                self._last = None
                noted = "Skipped." if isinstance(event, QuestionSkipped) else "Answer noted."
                messages.append(BotMessage("info", noted, progress=self._progress()))
            elif isinstance(event, AnswerGraded):
                self._last = (event.asked, event.result)
                messages.append(
                    wording.verdict_message(event.result, event.asked, self._progress())
                )
                messages += self._explanation(event.asked)
            elif isinstance(event, QuestionSkipped):
                self._last = (event.asked, event.result)
                messages.append(wording.skipped_message(event.asked, self._progress()))
                messages += self._explanation(event.asked)
            elif isinstance(event, AnswerNotTaken):
                messages.append(self._info(wording.not_taken(event.verdict)))
            elif isinstance(event, NotRecorded):
                messages.append(
                    BotMessage("warning", f"Your answer could not be saved: {event.error}")
                )
            elif isinstance(event, HintGiven):
                text = wording.hint_text(event.hint, event.asked)
                if event.again:
                    text = f"You already have the hint: {text}"
                else:
                    text += " (A right answer now earns half credit.)"
                messages.append(BotMessage("hint", text, question_id=event.asked.question.id))
            elif isinstance(event, RoundFinished):
                self._stage = "finished_round"
                self._finished = event.report
                messages.append(wording.summary_message(event.report))
                messages += self._end_exam(event.report, timed_out=False)
        return messages

    def _progress(self) -> RoundProgress:
        assert self.quiz.round is not None
        return self.quiz.round.progress()

    def _explanation(self, asked: Asked) -> list[BotMessage]:
        found = wording.explanation(asked)
        return [found] if found else []

    def _info(self, text: str) -> BotMessage:
        return BotMessage("info", text)

    def _menu(self) -> BotMessage:
        menu = wording.menu(self._pack, self.topics(), self.round_length, self.packs)
        if self._book() is None:
            return menu  # without progress there is nothing to review or continue
        lines = menu.text.split("\n")
        last = self._last_topic()
        title = next((t for i, t in self.topics() if i == last), None)
        if title is not None:
            at = max((n for n, line in enumerate(lines) if re.match(r"  \d+\) ", line)), default=0)
            lines.insert(at + 1, f"  c) continue with {title}")
        return dataclasses.replace(menu, text="\n".join(lines))

    def _back_to_question(self) -> list[BotMessage]:
        asked = self._open()
        return [wording.back_to_question(asked)] if asked is not None else []

    # ------------------------------------------------------------ rounds

    def _states(self) -> Mapping[str, Any] | None:
        if self.store is None:
            return None
        try:
            return self.store.states()
        except (ProgressError, OSError):
            return {}

    def _start_round(
        self, *, review: Sequence[str] | None = None, pack: Pack | None = None
    ) -> list[BotMessage]:
        pack = pack or self._pack
        now = self._clock()
        topic = None if review is not None else self._topic
        questions = choose_questions(
            pack,
            count=len(review) if review is not None else self.round_length,
            rng=self._rng,
            now=now,
            states=self._states(),
            topic=topic,
            difficulty=None if review is not None else self._difficulty,
            only=review,
        )
        if not questions:
            self._stage = "menu"
            self.quiz.stop_round()
            return [
                self._info("There are no questions to ask there. Pick another topic."),
                self._menu(),
            ]
        if review is not None:
            missed = {r.question.id for r in self._finished.missed()} if self._finished else set()
            if {q.id for q in questions} <= missed:
                intro = f"Let's review the {len(questions)} you missed."
            else:
                noun = "question" if len(questions) == 1 else "questions"
                intro = f"Let's review {len(questions)} {noun} you missed or that are due again."
        else:
            chosen = pack.topic(topic)
            intro = wording.round_intro(
                len(questions),
                chosen.title if chosen else "all topics",
                wanted=self.round_length,
                on_topic=topic is not None,
                difficulty=self._difficulty,
            )
        events = self.quiz.start_round(pack, questions, topic=topic, review=review is not None)
        return [self._info(intro), *self._say(events)]

    def _stop_round(self) -> list[BotMessage]:
        """End a round before its last question: its summary so far (none if nothing was
        answered)."""
        playing = self._stage == "question"
        report = self.quiz.stop_round()
        self._stage = "menu"
        if not playing or report is None:
            self._exam_deadline = None
            return []
        self._finished = report
        return [wording.summary_message(report), *self._end_exam(report, timed_out=False)]

    # ------------------------------------------------------------ answering

    def _answer(self, line: str) -> list[BotMessage]:
        if self._open() is None:
            return self._unclear(line)
        if self._time_up():
            return self._exam_timed_out()
        return self._say(self.quiz.answer(LEARNER, line))

    def _no_question(self) -> list[BotMessage]:
        if self._stage == "finished_round":
            return [self._info("The round is over. Press Enter for another, or type review.")]
        return [self._info("There is no question open. Press Enter to start a round.")]

    def _hint(self) -> list[BotMessage]:
        if self._open() is None:
            return self._no_question()
        if self._exam_deadline is not None:
            return [self._info("No hints in an exam: give it your best answer.")]
        messages = self._say(self.quiz.hint(LEARNER))
        return messages or [self._info("There's no hint for this one; give it your best guess.")]

    def _skip(self) -> list[BotMessage]:
        if self._open() is None:
            return self._no_question()
        if self._time_up():
            return self._exam_timed_out()
        return self._say(self.quiz.skip(LEARNER))

    def _repeat(self) -> list[BotMessage]:
        asked = self._open()
        if asked is None:
            return self._no_question()
        return [wording.question_message(asked, self._progress())]

    def _why(self) -> list[BotMessage]:
        if self._last is None:
            if self._stage == "question":
                return [self._info("I'll explain once you've answered. Try /hint for a clue.")]
            return [self._info("There's nothing to explain yet.")]
        asked, _ = self._last
        explanation = wording.explanation(asked)
        head = f"{asked.question.prompt} → {wording.shown_answer(asked)}."
        if explanation is None:
            return [self._info(head), *self._back_to_question()]
        return [
            BotMessage(
                "explanation",
                f"{head}\n{explanation.text}",
                source=explanation.source,
                question_id=explanation.question_id,
            ),
            *self._back_to_question(),
        ]

    # ------------------------------------------------------------ commands

    def _score(self) -> list[BotMessage]:
        round_ = self.quiz.round
        if round_ is None and self._previous is not None:
            before = self._previous
            done = before.progress()
            text = (
                f"No round yet in {self._pack.title}. Your last round, in {before.pack.title}: "
                f"{done.correct} right of {done.asked} answered "
                f"({wording.points_said(done.score)})."
            )
        elif round_ is None:
            text = "No round played yet."
        else:
            done = round_.progress()
            text = (
                f"This round: {done.correct} right of {done.asked} answered "
                f"({wording.points_said(done.score)}), {done.total - done.asked} to go."
            )
        states = self._states()
        if states:
            text += f" Questions practised so far: {len(states)}."
        progress = round_.progress() if round_ else None
        return [BotMessage("info", text, progress=progress), *self._back_to_question()]

    def _stats(self) -> list[BotMessage]:
        """Progress over time: the summary the ``stats`` command prints (a front may show the
        data as a screen instead)."""
        from quizbot.progress.stats import render_text, summarize
        from quizbot.progress.store import ProgressStore

        if not isinstance(self.store, ProgressStore):
            return [BotMessage("stats", "Progress is not kept in this session.")]
        # Every question of the packs in use, so that mastery counts those not seen yet.
        catalog = {f"{p.id}/{q.id}": q.topic or "" for p in self.packs for q in p.questions}
        try:
            summary = summarize(
                self.store, self._clock(), catalog, self.store.settings().scheduler()
            )
        except (ProgressError, OSError, ValueError) as error:
            return [BotMessage("stats", f"Could not read your progress: {error}")]
        return [BotMessage("stats", render_text(summary), stats=summary)]

    def _quit(self) -> list[BotMessage]:
        self._stage = "ended"
        warnings: list[BotMessage] = []
        saved = ""
        if self.store is not None:
            saved = " Your progress is saved."
            try:
                # Writes the snapshot now; every answer is already in the history.
                self.store.close()
            except (ProgressError, OSError) as error:
                warnings.append(BotMessage("warning", f"Progress may not be fully saved: {error}"))
                saved = ""
        round_ = self.quiz.round
        if round_ is not None and round_.results:
            done = round_.progress()
            text = f"Goodbye! This round: {done.correct} of {done.asked} right.{saved}"
        else:
            text = f"Goodbye!{saved}"
        return [*warnings, BotMessage("goodbye", text)]

    def _new(self) -> list[BotMessage]:
        return [*self._stop_round(), *self._start_round()]

    def _review(self) -> list[BotMessage]:
        """The questions missed in the last round, then those missed or due from earlier
        sessions (the progress store remembers them across restarts)."""
        wanted: list[str] = []
        pack = self._pack
        if self._finished is not None:
            pack = self._finished.pack
            wanted = [r.question.id for r in self._finished.missed()]
        states = self._states()
        if states:
            wanted += [i for i in to_review(pack, states, self._clock()) if i not in wanted]
        if not wanted:
            if states:
                keys = [question_key(pack, q) for q in pack.questions]
                return [self._info(modes.nothing_due(keys, states, self._clock()))]
            return [self._info("Nothing to review: no missed or due questions yet.")]
        stopped = self._stop_round()
        self._pack = pack
        return [*stopped, *self._start_round(review=wanted[: self.round_length], pack=pack)]

    def _choose_topic(self, arg: str) -> list[BotMessage]:
        if not arg.strip():
            return [self._menu()]
        if normalise(arg) in intents.ALL_WORDS:
            self._topic = None
            return self._new()
        topic = intents.match_choice(arg, self.topics(), cutoff=60.0)
        if topic is None:
            return [self._info(self._no_such_topic(arg)), self._menu()]
        self._topic = topic
        self._remember(last_topic=f"{self._pack.id}/{topic}")
        return self._new()

    def _no_such_topic(self, arg: str) -> str:
        count = len(self.topics())
        wanted = re.sub(r"^(?:topic|number|no|#)\s*", "", normalise(arg))
        if wanted.isdigit():
            said = f"There is no topic {wanted}"
        else:
            said = f"I have no topic like “{wording.short(arg, 40)}”"
        if count == 0:
            return f"{said}: {self._pack.title} has no topics."
        return f"{said}; {self._pack.title} has {count} topic{'s' if count != 1 else ''}."

    def _choose_pack(self, arg: str) -> list[BotMessage]:
        if not arg.strip():
            return [BotMessage("menu", "\n".join(wording.pack_list(self.packs, self._pack)))]
        pack_id = intents.match_choice(arg, [(p.id, p.title) for p in self.packs], cutoff=70.0)
        if pack_id is None:
            return [self._info(f"I have no pack like “{arg.strip()}”."), *self._choose_pack("")]
        chosen = next(p for p in self.packs if p.id == pack_id)
        if chosen is self._pack:
            return [
                self._info(f"You're already playing {chosen.title}."),
                *self._back_to_question(),
            ]
        stopped = self._stop_round()
        if self._finished is not None:
            self._previous = self._finished
        self._pack, self._topic, self._finished = chosen, None, None
        return [*stopped, self._info(f"Now playing {self._pack.title}."), self._menu()]

    # ------------------------------------------------------------ chat

    def _choose(self, intent: Intent) -> list[BotMessage]:
        messages: list[BotMessage] = []
        if intent.length is not None:
            self.round_length = max(1, min(MAX_ROUND, intent.length))
            self._remember(round_length=self.round_length)
            if not intent.start:
                # Back at the menu: Enter now means all topics.
                self._stage, self._topic = "menu", None
                messages.append(
                    self._info(
                        f"Rounds now have {self.round_length} questions. Pick a topic, or "
                        "press Enter for all topics."
                    )
                )
        if intent.topic is not None:
            self._topic = intent.topic or None
            if self._topic is not None:
                self._remember(last_topic=f"{self._pack.id}/{self._topic}")
        if intent.start:
            messages += self._start_round()
        return messages

    def _chat(self, name: str) -> list[BotMessage]:
        if name in ("easier", "harder"):
            return self._set_difficulty(name)
        text = "Hello!" if name == "greeting" else "You're welcome!"
        if self._stage == "question":
            return [self._info(text), *self._back_to_question()]
        if self._stage == "finished_round":
            return [self._info(f"{text} Press Enter for another round, or type review.")]
        return [self._info(f"{text} Pick a topic, or press Enter to start.")]

    def _set_difficulty(self, wish: str) -> list[BotMessage]:
        opposite = "harder" if wish == "easier" else "easier"
        if self._difficulty == opposite:
            self._difficulty = None
            text = "OK, back to the usual mix of questions."
        else:
            self._difficulty = "easier" if wish == "easier" else "harder"
            text = f"OK, {wish} questions from now on."
        round_ = self.quiz.round
        if self._open() is not None and round_ is not None and not round_.review:
            asked_so_far = round_.questions[: round_.asked]
            remaining = round_.total - round_.asked
            if remaining > 0:
                fresh = choose_questions(
                    round_.pack,
                    count=remaining,
                    rng=self._rng,
                    now=self._clock(),
                    states=self._states(),
                    topic=round_.topic,
                    difficulty=self._difficulty,
                    exclude={q.id for q in asked_so_far},
                    taken=asked_so_far,
                )
                self.quiz.replace_remaining(fresh)
            return [self._info(text), *self._back_to_question()]
        return [self._info(text)]

    def _empty(self) -> list[BotMessage]:
        if self._stage == "question":
            return [
                self._info("Type your answer, or /hint, /skip, /help."),
                *self._back_to_question(),
            ]
        if self._stage == "ended":
            return [self._info("We've said goodbye. Type /new to play again.")]
        if self._stage == "menu":
            self._topic = None  # Enter at the menu means all topics, always
        return self._start_round()

    def _unclear(self, text: str) -> list[BotMessage]:
        if self._stage == "ended":
            return [self._info("We've said goodbye. Type /new to play again.")]
        return [
            self._info(
                f"I didn't catch “{wording.short(text, 60)}”. Type a topic's number or name, "
                "press Enter to start, ask me a question, or type /help."
            )
        ]

    # ------------------------------------------------------------ the learner's questions

    def _ask_knowledge(self, text: str) -> list[BotMessage]:
        if self._knowledge is None:
            from quizbot.knowledge import KnowledgeBase
            from quizbot.knowledge.conversation import Conversation

            # A conversation remembers the last question: "and remote work?" follows it.
            self._knowledge = Conversation(KnowledgeBase(self.packs))
        asked = self._open()
        reply = self._knowledge.ask(text)
        if asked is not None and not reply.known:
            return [
                self._info(
                    "I can't answer that from the facts I have. Your question is still open."
                ),
                *self._back_to_question(),
            ]
        kept = without_give_aways(reply, asked)
        if kept is None:
            return [
                self._info(
                    "I'll tell you about that once you've answered this question — "
                    "try /hint for a clue."
                ),
                *self._back_to_question(),
            ]
        one = kept.known and len(kept.findings) == 1
        # One finding: its citation travels in the message's source field instead.
        source = kept.findings[0].source if one else None
        # The answer first ("342 million"), then the sentence that says it.
        body = kept.findings[0].said if one and source and not kept.lead else kept.render()
        return [BotMessage("answer", body, source=source), *self._back_to_question()]

    # ------------------------------------------------------------ learning over weeks

    def _book(self) -> Any:
        """The real progress store, for what only it keeps (settings, disputes, exams)."""
        from quizbot.progress.store import ProgressStore

        return self.store if isinstance(self.store, ProgressStore) else None

    def _welcome_back(self) -> str:
        """ "Welcome back, ana: 12 questions due, 40 not yet seen; ..." (from the snapshot)."""
        book = self._book()
        if book is None:
            return ""
        from quizbot.progress.welcome import welcome

        keys = [question_key(p, q) for p in self.packs for q in p.questions]
        try:
            found = welcome(book, self._clock(), keys)
        except (ProgressError, OSError):
            return ""
        return found.text() if found.answered else ""

    def _last_topic(self) -> str | None:
        """The topic of the current pack the learner last chose, if it still has questions."""
        book = self._book()
        if book is None:
            return None
        last = book.settings().last_topic or ""
        pack_id, _, topic = last.partition("/")
        if pack_id != self._pack.id or topic not in {i for i, _ in self.topics()}:
            return None
        return topic

    def _remember(self, **changes: Any) -> None:
        """Keep a choice for the next session; a settings file that cannot be written only
        means the choice is not remembered."""
        book = self._book()
        if book is None:
            return
        with contextlib.suppress(ProgressError, OSError, ValueError):
            book.save_settings(book.settings().changed(**changes))

    def _mode_command(self, arg: str) -> list[BotMessage]:
        wanted = normalise(arg)
        if wanted not in learning.MODE_WORDS:
            return [self._info("Modes: review, new, weak and exam. Try /mode weak.")]
        return self._mode_round(learning.MODE_WORDS[wanted])

    def _mode_round(self, mode: str) -> list[BotMessage]:
        """A round of the current pack's questions chosen by a mode (see quiz.modes)."""
        if mode == "review":
            return self._review()
        pack = self._pack
        states = self._states() or {}
        keys = [question_key(pack, q) for q in pack.questions]
        name = "new" if mode == "unseen" else mode
        rules = self._exam_rules
        chosen = modes.select(name, keys, states, self._clock(), self._rng, rules=rules)
        if not chosen.keys:
            return [self._info(chosen.note)]
        count = rules.questions if mode == "exam" else self.round_length
        by_key = {question_key(pack, q): q for q in pack.questions}
        questions = [by_key[k] for k in chosen.keys[:count]]
        stopped = self._stop_round()
        if mode == "exam":
            self._exam_deadline = self._clock() + rules.time_limit
        intro = learning.mode_intro(mode, len(questions), rules)
        events = self.quiz.start_round(pack, questions, review=mode != "exam")
        return [*stopped, self._info(intro), *self._say(events)]

    def _time_left(self) -> float | None:
        if self._exam_deadline is None:
            return None
        return max(0.0, self._exam_deadline - self._clock())

    def _time_up(self) -> bool:
        return self._exam_deadline is not None and self._clock() >= self._exam_deadline

    def _exam_timed_out(self) -> list[BotMessage]:
        """The exam's time ran out: the answer typed too late is not taken; the report."""
        round_ = self.quiz.round
        total = round_.total if round_ is not None else 0
        report = self.quiz.stop_round()
        self._stage = "finished_round"
        if report is None:  # not one answer given: nothing to report but the result
            return self._end_exam(None, timed_out=True, total=total)
        self._finished = report
        return [wording.summary_message(report), *self._end_exam(report, timed_out=True)]

    def _end_exam(
        self, report: RoundResults | None, *, timed_out: bool, total: int = 0
    ) -> list[BotMessage]:
        """After an exam's report: its result, saved (nothing when no exam was running)."""
        if self._exam_deadline is None:
            return []
        started = self._exam_deadline - self._exam_rules.time_limit
        self._exam_deadline = None
        total = report.total if report is not None else total
        correct = report.progress().correct if report is not None else 0
        answered = report.progress().asked if report is not None else 0
        score = float(report.progress().score) if report is not None else 0.0
        messages = [self._info(learning.exam_result_line(correct, total, timed_out))]
        book = self._book()
        if book is not None:
            from quizbot.progress.exams import ExamResult

            result = ExamResult(
                time=self._clock(),
                pack=self._pack.id,
                questions=total,
                answered=answered,
                correct=correct,
                score=score,
                seconds=max(0.0, self._clock() - started),
                time_limit=self._exam_rules.time_limit,
                timed_out=timed_out,
            )
            try:
                book.record_exam(result)
            except (ProgressError, OSError) as error:
                messages.append(BotMessage("warning", f"The exam result was not saved: {error}"))
        return messages

    def _dispute(self) -> list[BotMessage]:
        """The learner says the last verdict was wrong: keep the answer, flag it for the
        pack's author, and take it out of the schedule (it does not count as a miss)."""
        if self._last is None:
            return [self._info("There is no verdict to dispute yet."), *self._back_to_question()]
        asked, result = self._last
        if result.outcome == "correct":
            return [self._info("That answer was already marked right."), *self._back_to_question()]
        book = self._book()
        if book is None:
            return [
                self._info("Progress is not kept in this session, so there is nothing to flag.")
            ]
        try:
            book.dispute(asked.pack.id, asked.question.id)
        except ValueError:
            return [self._info("That answer was not saved, so it cannot be flagged.")]
        except (ProgressError, OSError) as error:
            return [BotMessage("warning", f"The dispute could not be saved: {error}")]
        text = (
            f"Noted: your answer to “{wording.short(asked.question.prompt, 60)}” is flagged for"
            " the pack's author, and it will not count as a miss."
        )
        return [self._info(text), *self._back_to_question()]
