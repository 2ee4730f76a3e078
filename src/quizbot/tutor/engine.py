"""The conversation engine: a line of learner text in, a list of bot messages out."""

from __future__ import annotations

import dataclasses
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from quizbot.grading.verdict import Verdict
from quizbot.knowledge.intent import looks_like_question
from quizbot.knowledge.reply import Finding, Reply
from quizbot.packs.model import Pack, Question
from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressError
from quizbot.tutor import intents
from quizbot.tutor.intents import Intent, normalise
from quizbot.tutor.messages import BotMessage, MessageKind, Missed, RoundProgress, RoundReport
from quizbot.tutor.rounds import (
    HINT_CREDIT,
    Asked,
    Difficulty,
    Outcome,
    Result,
    Round,
    automatic_hint,
    can_hint,
    choose_questions,
    letter,
)

if TYPE_CHECKING:
    from quizbot.knowledge import KnowledgeBase
    from quizbot.progress.store import ProgressStore

Stage = Literal["menu", "question", "finished_round", "ended"]

HEADLINES: Mapping[str, str] = {
    "correct": "Correct!",
    "partial": "Partly right.",
    "incorrect": "Not quite.",
}
TRUE_FALSE_WORDS = frozenset(
    {
        "true",
        "t",
        "yes",
        "y",
        "correct",
        "right",
        "对",
        "是",
        "false",
        "f",
        "no",
        "n",
        "wrong",
        "incorrect",
        "错",
        "不对",
        "不是",
    }
)
MAX_ROUND = 200

HELP_TEXT = """\
While a question is open, whatever you type is your answer.
Commands (a leading / always makes a command):
  /hint    a clue (once per question; a right answer then earns half credit)
  /skip    show the answer and go on (also: pass, I don't know)
  /repeat  show the question again
  /why     explain the last question, with its source
  /score   the score so far
  /new     a new round            /review  the questions you missed
  /topics  what I can quiz you on /topic N  a round on topic N (number or name)
  /pack ID switch packs           /quit    leave (your progress is saved)
Without the slash, a command word (hint, skip, repeat, why, score, help, quit) counts as \
a command only when it could not be an answer to the question: if "help" is one of the \
options, "help" is your answer.
You may ask me something at any time ("tell me about ...", "how many ...?"): a clear \
question that is not a right answer gets an answer from the facts, then we go on. An \
answer with a question mark ("342 million?", "around 300 million people?") is still an answer.
Between rounds: a topic number or name, "quiz me on ...", "5 questions", "easier", \
"harder", or Enter to start."""


class Grader(Protocol):
    """The grading function: ``quizbot.grading.grade`` or a stand-in."""

    def __call__(
        self, question: Question, response: str, *, shown_options: Sequence[int] | None = None
    ) -> Verdict: ...


def _default_grade(
    question: Question, response: str, *, shown_options: Sequence[int] | None = None
) -> Verdict:
    # Imported on first use: the grader's tables are only needed once a question is answered.
    from quizbot.grading import grade

    return grade(question, response, shown_options=shown_options)


@dataclass(frozen=True)
class TutorStatus:
    """What a front end shows beside the conversation: pack, topic, progress, stage."""

    pack_title: str
    topic_title: str | None
    progress: RoundProgress | None
    stage: Stage  # ended = learner quit
    hint_available: bool


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def _short(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _points(value: float) -> str:
    return f"{round(value, 2):g}"


def _points_said(value: float) -> str:
    """ "1 point", "2.5 points"."""
    shown = _points(value)
    return f"{shown} point" + ("" if shown == "1" else "s")


def _mentions(text: str, answer: str) -> bool:
    """Whether ``answer`` appears in ``text`` as whole words, after normalising both."""
    said = normalise(answer)
    if not said:
        return False
    return re.search(rf"(?<!\w){re.escape(said)}(?!\w)", normalise(text)) is not None


class Tutor:
    """One learner's conversation with the tutor, over one or more packs."""

    def __init__(
        self,
        packs: Sequence[Pack],
        *,
        store: ProgressStore | None = None,
        knowledge: KnowledgeBase | None = None,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        round_length: int = 10,
        profile: str = "default",
        grader: Grader | None = None,
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
        self._grade: Grader = grader if grader is not None else _default_grade
        self._pack = self.packs[0]
        self._topic: str | None = None  # None: all topics
        self._difficulty: Difficulty | None = None
        self._stage: Stage = "menu"
        self._round: Round | None = None
        self._last: tuple[Asked, Result] | None = None  # for /why
        self._to_review: list[Question] = []
        self._review_pack: Pack | None = None
        # The grade made to classify a line, for the question it was made for.
        self._graded: tuple[Asked, str, Verdict] | None = None
        self._previous: Round | None = None  # the last round of another pack, for /score

    # ------------------------------------------------------------ public API

    def start(self) -> list[BotMessage]:
        """The greeting and the menu."""
        self._stage = "menu"
        first = self._pack.topics[0].title.lower() if self._pack.topics else "the facts"
        hello = "Hi!" if self.profile in ("", "default") else f"Hi {self.profile}!"
        greeting = (
            f"{hello} I'm quizbot, your quiz tutor on {self._pack.title}. I ask questions and "
            "grade answers written in your own words, give hints, explain each answer with its "
            f'source, and answer your own questions (try "tell me about {first}"). '
            "Type /help at any time."
        )
        return [BotMessage("greeting", greeting), self._menu()]

    def respond(self, line: str) -> list[BotMessage]:
        """Anything the learner types."""
        line = line.replace("\r", "").replace("\n", " ")
        if self._stage == "question" and self._round and self._round.current:
            asked = self._round.current
            intent = intents.read_question_line(
                line,
                could_be_answer=lambda text: self._could_be_answer(asked, text),
                looks_like_question=looks_like_question,
            )
        else:
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
        asked = self._round.current if self._round else None
        topic = self._pack.topic(self._round.topic if self._round else self._topic)
        if self._round and self._round.review:
            topic_title: str | None = "Review"
        else:
            topic_title = topic.title if topic else None
        return TutorStatus(
            pack_title=self._pack.title,
            topic_title=topic_title,
            progress=self._round.progress() if self._round else None,
            stage=self._stage,
            hint_available=bool(
                self._stage == "question"
                and asked is not None
                and not asked.hint_used
                and can_hint(asked.question, asked.shown)
            ),
        )

    def topics(self) -> list[tuple[str, str]]:
        """(id, title) of the current pack's topics that have questions."""
        used = {q.topic for q in self._pack.questions}
        return [(t.id, t.title) for t in self._pack.topics if t.id in used]

    # ------------------------------------------------------------ dispatch

    def _dispatch(self, intent: Intent, line: str) -> list[BotMessage]:
        if intent.kind == "command":
            return self._command(intent.name, intent.arg)
        if intent.kind == "answer":
            return self._answer(line)
        if intent.kind == "question":
            return self._ask_knowledge(intent.arg or line, line)
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
            "help": lambda _: [self._info(HELP_TEXT)],
            "quit": lambda _: self._quit(),
            "new": lambda _: self._start_round(),
            "review": lambda _: self._review(),
            "topics": lambda _: [self._menu()],
            "topic": self._choose_topic,
            "pack": self._choose_pack,
        }
        return handlers[name](arg)  # intents only name commands listed in COMMANDS

    # ------------------------------------------------------------ messages

    def _info(self, text: str) -> BotMessage:
        return BotMessage("info", text)

    def _menu(self) -> BotMessage:
        lines = []
        topics = self.topics()
        if topics:
            lines.append(f"What shall we practise from {self._pack.title}?")
            lines.extend(f"  {i}) {title}" for i, (_, title) in enumerate(topics, start=1))
            lines.append(
                'Type a topic\'s number or name (or "quiz me on ..."), '
                "or press Enter for all topics."
            )
        else:
            lines.append(f"Press Enter to start a round on {self._pack.title}.")
        lines.append(
            f'Rounds have {self.round_length} questions; say "5 questions" to change that.'
        )
        if len(self.packs) > 1:
            lines.append("Packs (type /pack and its id to switch):")
            for pack in self.packs:
                mark = " (playing)" if pack is self._pack else ""
                lines.append(f"  {pack.id}: {pack.title}{mark}")
        return BotMessage("menu", "\n".join(lines))

    def _question_message(self, asked: Asked, progress: RoundProgress) -> BotMessage:
        question = asked.question
        if question.is_cloze:
            text = f"Fill in the blank: {question.prompt}"
        elif question.type == "truefalse":
            said = "true or false" in normalise(question.prompt)
            text = question.prompt if said else f"True or false? {question.prompt}"
        elif question.type == "choice":
            text = f"{question.prompt}\nAnswer with a letter or the option's text."
        elif question.type == "list":
            wanted = question.needed
            if wanted < len(question.answers):
                text = f"{question.prompt} (Name any {wanted}.)"
            else:
                text = f"{question.prompt} (Name all {wanted}, separated by commas.)"
        else:
            text = question.prompt
        return BotMessage(
            "question", text, progress=progress, question_id=question.id, options=asked.options
        )

    def _back_to_question(self) -> list[BotMessage]:
        if self._stage != "question" or not self._round or not self._round.current:
            return []
        asked = self._round.current
        return [
            BotMessage(
                "info",
                f"Back to the question: {_short(asked.question.prompt)}",
                question_id=asked.question.id,
            )
        ]

    # ------------------------------------------------------------ rounds

    def _states(self) -> Mapping[str, Any] | None:
        if self.store is None:
            return None
        try:
            return self.store.states()
        except (ProgressError, OSError):
            return {}

    def _start_round(
        self, *, review: Sequence[Question] | None = None, pack: Pack | None = None
    ) -> list[BotMessage]:
        pack = pack or self._pack
        now = self._clock()
        if review is not None:
            questions = choose_questions(
                pack,
                count=len(review),
                rng=self._rng,
                now=now,
                only={q.id for q in review},
            )
            topic = None
        else:
            topic = self._topic
            questions = choose_questions(
                pack,
                count=self.round_length,
                rng=self._rng,
                now=now,
                states=self._states(),
                topic=topic,
                difficulty=self._difficulty,
            )
        if not questions:
            self._stage = "menu"
            self._round = None
            return [
                self._info("There are no questions to ask there. Pick another topic."),
                self._menu(),
            ]
        self._round = Round(pack, questions, now, topic=topic, review=review is not None)
        self._stage = "question"
        chosen = pack.topic(topic)
        about = chosen.title if chosen else "all topics"
        if review is not None:
            intro = f"Let's review the {len(questions)} you missed."
        else:
            count = len(questions)
            noun = "question" if count == 1 else "questions"
            intro = f"A round of {count} {noun} on {about}."
            if count < self.round_length:
                intro += f" (That's all there are{' on it' if topic else ''}.)"
            if self._difficulty:
                intro += f" Leaning {self._difficulty}."
        return [self._info(intro), *self._next()]

    def _next(self) -> list[BotMessage]:
        """The next question, or the summary when the round is over."""
        assert self._round is not None
        asked = self._round.ask_next(self._clock(), self._rng)
        if asked is not None:
            self._stage = "question"
            return [self._question_message(asked, self._round.progress())]
        return [self._summary()]

    def _summary(self) -> BotMessage:
        assert self._round is not None
        round_ = self._round
        self._stage = "finished_round"
        seconds = self._clock() - round_.started_at
        missed = round_.missed
        self._to_review = [r.question for r in missed]
        self._review_pack = round_.pack
        lines = [
            f"Round over! You got {round_.correct} of {round_.total} right "
            f"({_points_said(round_.points)}) in {_duration(seconds)}."
        ]
        if missed:
            lines.append("Missed:")
            for result in missed:
                how = " (skipped)" if result.outcome == "skipped" else ""
                lines.append(f"- {_short(result.question.prompt, 70)} → {result.expected}{how}")
            lines.append(
                "Press Enter (or type new) for another round, review to go over the "
                f"{len(missed)} you missed, or topics to choose a topic."
            )
        else:
            lines.append("A perfect round!")
            lines.append("Press Enter (or type new) for another round, or topics to choose one.")
        report = RoundReport(
            round_.progress(),
            seconds,
            tuple(Missed(r.question.prompt, r.response, r.expected, r.outcome) for r in missed),
        )
        return BotMessage("summary", "\n".join(lines), progress=round_.progress(), report=report)

    # ------------------------------------------------------------ answering

    def _grade_line(self, asked: Asked, line: str) -> Verdict:
        if self._graded is not None and self._graded[0] is asked and self._graded[1] == line:
            return self._graded[2]
        question = asked.question
        shown = asked.shown if question.type == "choice" else None
        verdict = self._grade(question, line, shown_options=shown)
        self._graded = (asked, line, verdict)
        return verdict

    def _could_be_answer(self, asked: Asked, line: str) -> bool:
        """Whether a line reads as an answer to this question (right or wrong)."""
        verdict = self._grade_line(asked, line)
        if verdict.verdict != "incorrect" or verdict.reason == "rejected":
            return True
        key = normalise(line)
        question = asked.question
        forms = [question.answer, *question.accept, *(r.answer for r in question.reject)]
        forms += [form for item in question.answers for form in item]
        forms += list(question.options)
        if question.type == "choice":
            forms += [letter(i) for i in range(len(question.options))]
        if question.type == "truefalse" and key in TRUE_FALSE_WORDS:
            return True
        return key in {normalise(form) for form in forms}

    def _record(self, asked: Asked, response: str, outcome: str, score: float) -> list[BotMessage]:
        """Save the answer before its feedback is shown; a failure is a warning, not the end.

        ``score`` is the grader's own score: the schedule weighs ``hint_used`` itself, so a
        hint-halved score here would count the hint twice."""
        if self.store is None:
            return []
        now = self._clock()
        record = AnswerRecord(
            time=now,
            pack=asked.pack.id,
            question=asked.question.id,
            response=response,
            verdict=outcome,
            score=round(score, 4),
            hint_used=asked.hint_used,
            seconds=round(max(0.0, now - asked.asked_at), 3),
            topic=asked.question.topic or "",
        )
        try:
            self.store.record(record)
        except ProgressError as error:
            return [BotMessage("warning", f"Your answer could not be saved: {error}")]
        except (OSError, ValueError) as error:
            return [BotMessage("warning", f"Your answer could not be saved ({error}).")]
        return []

    def _explanation(self, asked: Asked) -> BotMessage | None:
        question = asked.question
        text = question.explanation
        if not text:
            fact = asked.pack.fact(question.cloze_of or question.fact)
            text = fact.plain_text if fact else None
        source = asked.pack.source_of(question)
        citation = source.citation() if source else None
        if not text and not citation:
            return None
        return BotMessage(
            "explanation",
            text or f"The answer is {asked.expected}.",
            source=citation,
            question_id=question.id,
        )

    def _verdict_text(self, asked: Asked, verdict: Verdict) -> str:
        headline = HEADLINES.get(verdict.verdict, "")
        feedback = verdict.feedback.strip()
        if feedback and headline and normalise(feedback).startswith(normalise(headline)):
            text = feedback
        else:
            text = f"{headline} {feedback}".strip()
        expected = asked.expected
        if verdict.verdict != "correct" and normalise(expected) not in normalise(text):
            text += f" The answer is {expected}."
        return text

    def _answer(self, line: str) -> list[BotMessage]:
        if self._stage != "question" or not self._round or not self._round.current:
            return self._unclear(line)
        asked = self._round.current
        verdict = self._grade_line(asked, line)
        if verdict.verdict == "error" or verdict.reason == "no_such_option":
            # Not an answer to record: the grader failed, or the letter names no option.
            # The question stays open and nothing is saved.
            if verdict.verdict == "error":
                return [self._info("Sorry, I could not grade that answer. Please try again.")]
            return [self._info(f"{verdict.feedback} Please choose one of the options shown.")]
        credit = verdict.score * (HINT_CREDIT if asked.hint_used else 1.0)
        text = self._verdict_text(asked, verdict)
        if asked.hint_used and verdict.score > 0:
            text += f" You used a hint, so it earns {_points(credit)} of {_points(verdict.score)}."
        shown_verdict = dataclasses.replace(
            verdict, score=credit, expected=verdict.expected or asked.expected
        )
        if asked.question.type == "choice":
            shown_verdict = dataclasses.replace(shown_verdict, expected=asked.expected)
        return self._finish(
            asked,
            line.strip(),
            verdict.verdict,  # never "error": handled above
            credit,
            "verdict",
            text,
            shown_verdict,
            graded=verdict.score,
        )

    def _finish(
        self,
        asked: Asked,
        response: str,
        outcome: Outcome,
        credit: float,
        kind: MessageKind,
        text: str,
        verdict: Verdict | None = None,
        *,
        graded: float | None = None,
    ) -> list[BotMessage]:
        """Record how the question went (before any feedback), then say so and move on.

        ``credit`` is what the round counts (halved after a hint); ``graded`` the grader's
        score, which the history keeps (default: ``credit``)."""
        assert self._round is not None
        self._graded = None
        warnings = self._record(asked, response, outcome, credit if graded is None else graded)
        result = self._round.finish_current(response, outcome, credit)
        self._last = (asked, result)
        told = BotMessage(
            kind,
            text,
            verdict=verdict,
            progress=self._round.progress(),
            question_id=asked.question.id,
        )
        explanation = self._explanation(asked)
        return [told, *([explanation] if explanation else []), *warnings, *self._next()]

    # ------------------------------------------------------------ commands

    def _no_question(self) -> list[BotMessage]:
        if self._stage == "finished_round":
            return [self._info("The round is over. Press Enter for another, or type review.")]
        return [self._info("There is no question open. Press Enter to start a round.")]

    def _hint(self) -> list[BotMessage]:
        if self._stage != "question" or not self._round or not self._round.current:
            return self._no_question()
        asked = self._round.current
        if asked.hint_used and asked.hint_text:
            return [
                BotMessage(
                    "hint",
                    f"You already have the hint: {asked.hint_text}",
                    question_id=asked.question.id,
                )
            ]
        hint = asked.question.hint or automatic_hint(asked.question, asked.shown, self._rng)
        if not hint:
            return [self._info("There's no hint for this one; give it your best guess.")]
        asked.hint_used, asked.hint_text = True, hint
        return [
            BotMessage(
                "hint",
                f"{hint} (A right answer now earns half credit.)",
                question_id=asked.question.id,
            )
        ]

    def _skip(self) -> list[BotMessage]:
        if self._stage != "question" or not self._round or not self._round.current:
            return self._no_question()
        asked = self._round.current
        return self._finish(
            asked, "", "skipped", 0.0, "info", f"Skipped. The answer is {asked.expected}."
        )

    def _repeat(self) -> list[BotMessage]:
        if self._stage != "question" or not self._round or not self._round.current:
            return self._no_question()
        return [self._question_message(self._round.current, self._round.progress())]

    def _why(self) -> list[BotMessage]:
        if self._last is None:
            if self._stage == "question":
                return [self._info("I'll explain once you've answered. Try /hint for a clue.")]
            return [self._info("There's nothing to explain yet.")]
        asked, result = self._last
        explanation = self._explanation(asked)
        head = f"{_short(asked.question.prompt)} → {result.expected}."
        if explanation is None:
            return [self._info(head), *self._back_to_question()]
        text = f"{head}\n{explanation.text}"
        return [dataclasses.replace(explanation, text=text), *self._back_to_question()]

    def _score(self) -> list[BotMessage]:
        if self._round is None and self._previous is not None:
            before = self._previous
            text = (
                f"No round yet in {self._pack.title}. Your last round, in {before.pack.title}: "
                f"{before.correct} right of {len(before.results)} answered "
                f"({_points_said(before.points)})."
            )
        elif self._round is None:
            text = "No round played yet."
        else:
            round_ = self._round
            text = (
                f"This round: {round_.correct} right of {len(round_.results)} answered "
                f"({_points_said(round_.points)}), {round_.total - len(round_.results)} to go."
            )
        states = self._states()
        if states:
            text += f" Questions practised so far: {len(states)}."
        progress = self._round.progress() if self._round else None
        return [BotMessage("info", text, progress=progress)]

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
        if self._round and self._round.results:
            round_ = self._round
            text = f"Goodbye! This round: {round_.correct} of {len(round_.results)} right.{saved}"
        else:
            text = f"Goodbye!{saved}"
        return [*warnings, BotMessage("goodbye", text)]

    def _review(self) -> list[BotMessage]:
        if not self._to_review or self._review_pack is None:
            return [self._info("Nothing to review: no missed questions in the last round.")]
        self._pack = self._review_pack
        return self._start_round(review=list(self._to_review), pack=self._review_pack)

    def _choose_topic(self, arg: str) -> list[BotMessage]:
        if not arg.strip():
            return [self._menu()]
        if normalise(arg) in intents.ALL_WORDS:
            self._topic = None
            return self._start_round()
        topic = intents.match_choice(arg, self.topics(), cutoff=60.0)
        if topic is None:
            return [self._info(self._no_such_topic(arg)), self._menu()]
        self._topic = topic
        return self._start_round()

    def _no_such_topic(self, arg: str) -> str:
        count = len(self.topics())
        wanted = re.sub(r"^(?:topic|number|no|#)\s*", "", normalise(arg))
        if wanted.isdigit():
            said = f"There is no topic {wanted}"
        else:
            said = f"I have no topic like “{_short(arg, 40)}”"
        if count == 0:
            return f"{said}: {self._pack.title} has no topics."
        return f"{said}; {self._pack.title} has {count} topic{'s' if count != 1 else ''}."

    def _choose_pack(self, arg: str) -> list[BotMessage]:
        choices = [(p.id, p.title) for p in self.packs]
        if not arg.strip():
            lines = ["Packs (type /pack and its id to switch):"]
            lines += [
                f"  {p.id}: {p.title}{' (playing)' if p is self._pack else ''}" for p in self.packs
            ]
            return [BotMessage("menu", "\n".join(lines))]
        pack_id = intents.match_choice(arg, choices, cutoff=70.0)
        if pack_id is None:
            return [self._info(f"I have no pack like “{arg.strip()}”."), *self._choose_pack("")]
        chosen = next(p for p in self.packs if p.id == pack_id)
        if self._round is not None and self._round.results and chosen is not self._pack:
            self._previous = self._round
        self._pack = chosen
        self._topic, self._round, self._stage = None, None, "menu"
        return [self._info(f"Now playing {self._pack.title}."), self._menu()]

    # ------------------------------------------------------------ chat

    def _choose(self, intent: Intent) -> list[BotMessage]:
        messages: list[BotMessage] = []
        if intent.length is not None:
            self.round_length = max(1, min(MAX_ROUND, intent.length))
            if not intent.start:
                messages.append(
                    self._info(
                        f"Rounds now have {self.round_length} questions. Pick a topic, or "
                        "press Enter for all topics."
                    )
                )
        if intent.topic is not None:
            self._topic = intent.topic or None
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
        round_ = self._round
        if self._stage == "question" and round_ is not None and round_.review is False:
            asked = {q.id for q in round_.questions[: len(round_.results) + 1]}
            remaining = round_.total - len(asked)
            if remaining > 0:
                fresh = choose_questions(
                    round_.pack,
                    count=remaining,
                    rng=self._rng,
                    now=self._clock(),
                    states=self._states(),
                    topic=round_.topic,
                    difficulty=self._difficulty,
                    exclude=asked,
                )
                round_.replace_remaining(fresh)
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
        return self._start_round()

    def _unclear(self, text: str) -> list[BotMessage]:
        if self._stage == "ended":
            return [self._info("We've said goodbye. Type /new to play again.")]
        return [
            self._info(
                f"I didn't catch “{_short(text, 60)}”. Type a topic's number or name, press Enter "
                "to start, ask me a question, or type /help."
            )
        ]

    def _ask_knowledge(self, text: str, line: str) -> list[BotMessage]:
        if self._knowledge is None:
            from quizbot.knowledge import KnowledgeBase

            self._knowledge = KnowledgeBase(self.packs)
        reply = self._knowledge.ask(text)
        asked = self._round.current if self._stage == "question" and self._round else None
        if asked is not None:
            if not reply.known:
                # Not a question the facts answer: an unsure answer ("the capital of X?").
                return self._answer(line)
            kept = tuple(f for f in reply.findings if not self._gives_away(asked, f))
            if not kept:
                return [
                    self._info(
                        "I'll tell you about that once you've answered this question — "
                        "try /hint for a clue."
                    ),
                    *self._back_to_question(),
                ]
            reply = Reply(kept, reply.suggestions)
        source = reply.findings[0].source if reply.known and len(reply.findings) == 1 else None
        body = reply.render()
        if source:
            # One finding: its citation travels in the message's source field instead.
            body = reply.findings[0].text
        return [BotMessage("answer", body, source=source), *self._back_to_question()]

    def _gives_away(self, asked: Asked, finding: Finding) -> bool:
        """Whether a finding of the knowledge base answers the open question for the learner:
        the question's own fact, or a statement with its expected answer in it."""
        question = asked.question
        own = {question.fact, question.cloze_of} - {None}
        if finding.fact_id in own and finding.pack == asked.pack.id:
            return True
        text = finding.text
        if question.type == "truefalse":
            return False  # "true"/"false" in a statement gives nothing away
        if question.type == "list":
            # Even one item of the list earns part of the credit.
            return any(_mentions(text, form) for forms in question.answers for form in forms)
        forms = [question.answer, *question.accept]
        return any(_mentions(text, form) for form in forms)
