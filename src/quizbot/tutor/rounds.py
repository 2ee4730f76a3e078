"""The round driver: the learner's moves become calls on the quiz core, and the core's
events become messages.

Each move (:func:`answer`, :func:`hint`, :func:`skip`, or starting a round) calls the
core (:class:`quizbot.quiz.Quiz`) and hands the events it returns to :func:`say`, which
words them in order (:mod:`.verdicts` for an answer's fate, :mod:`.wording` for questions
and summaries) and keeps the conversation's stage in step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from quizbot.packs.model import Pack
from quizbot.quiz import (
    LEARNER,
    AnswerGraded,
    AnswerNotTaken,
    Event,
    HintGiven,
    NotRecorded,
    QuestionAsked,
    QuestionSkipped,
    RoundFinished,
    choose_questions,
    modes,
)
from quizbot.quiz.options import question_key
from quizbot.quiz.selection import to_review
from quizbot.tutor import exam, learning, profile, verdicts, wording
from quizbot.tutor.menu import menu
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.session import Session, info

# -- the learner's moves on the open question ---------------------------------------


def answer(session: Session, line: str) -> list[BotMessage]:
    """Grade the line as the answer to the open question (there is one)."""
    if exam.time_up(session):
        return exam.timed_out(session)
    return say(session, session.quiz.answer(LEARNER, line))


def hint(session: Session) -> list[BotMessage]:
    if session.open_question() is None:
        return no_question(session)
    if session.exam_deadline is not None:
        return [info("No hints in an exam: give it your best answer.")]
    messages = say(session, session.quiz.hint(LEARNER))
    return messages or [info("There's no hint for this one; give it your best guess.")]


def skip(session: Session) -> list[BotMessage]:
    if session.open_question() is None:
        return no_question(session)
    if exam.time_up(session):
        return exam.timed_out(session)
    return say(session, session.quiz.skip(LEARNER))


def no_question(session: Session) -> list[BotMessage]:
    if session.stage == "finished_round":
        return [info("The round is over. Press Enter for another, or type review.")]
    return [info("There is no question open. Press Enter to start a round.")]


# -- the core's events, worded ---------------------------------------------------------


def say(session: Session, events: Sequence[Event]) -> list[BotMessage]:
    """Word what the core reports, in order; keep the conversation's stage in step."""
    messages: list[BotMessage] = []
    for event in events:
        if isinstance(event, QuestionAsked):
            session.stage = "question"
            message = wording.question_message(event.asked, session.progress())
            left = exam.time_left(session)
            if left is not None:
                # Plain mode has no live clock: the time left is said with each question.
                text = f"({learning.clock_text(left)} left) {message.text}"
                message = dataclasses.replace(message, text=text)
            messages.append(message)
        elif session.exam_deadline is not None and isinstance(
            event, (AnswerGraded, QuestionSkipped)
        ):
            # An exam gives no verdict until the end: the report has them all.
            session.last = None
            noted = "Skipped." if isinstance(event, QuestionSkipped) else "Answer noted."
            messages.append(BotMessage("info", noted, progress=session.progress()))
        elif isinstance(event, AnswerGraded):
            session.last = (event.asked, event.result)
            messages.append(verdicts.verdict_message(event.result, event.asked, session.progress()))
            messages += _explanation(event)
        elif isinstance(event, QuestionSkipped):
            session.last = (event.asked, event.result)
            messages.append(verdicts.skipped_message(event.asked, session.progress()))
            messages += _explanation(event)
        elif isinstance(event, AnswerNotTaken):
            messages.append(info(verdicts.not_taken(event.verdict)))
        elif isinstance(event, NotRecorded):
            messages.append(BotMessage("warning", f"Your answer could not be saved: {event.error}"))
        elif isinstance(event, HintGiven):
            text = verdicts.hint_text(event.hint, event.asked)
            if event.again:
                text += " (You already had this hint; it costs nothing more.)"
            else:
                text += " (A right answer now earns half credit.)"
            messages.append(BotMessage("hint", text, question_id=event.asked.question.id))
        elif isinstance(event, RoundFinished):
            session.stage = "finished_round"
            session.finished = event.report
            messages.append(wording.summary_message(event.report))
            messages += exam.end_exam(session, event.report, timed_out=False)
    return messages


def _explanation(event: AnswerGraded | QuestionSkipped) -> list[BotMessage]:
    found = verdicts.explanation(event.asked)
    return [found] if found else []


# -- starting and stopping rounds ------------------------------------------------------


def start_round(
    session: Session, *, review: Sequence[str] | None = None, pack: Pack | None = None
) -> list[BotMessage]:
    """A round on the chosen topic (or of the ``review`` question ids): its intro and its
    first question; the menu again when there is nothing to ask."""
    pack = pack or session.pack
    topic = None if review is not None else session.topic
    questions = choose_questions(
        pack,
        count=len(review) if review is not None else session.round_length,
        rng=session.rng,
        now=session.clock(),
        states=profile.states(session),
        topic=topic,
        difficulty=None if review is not None else session.difficulty,
        only=review,
    )
    if not questions:
        session.stage = "menu"
        session.quiz.stop_round()
        return [info("There are no questions to ask there. Pick another topic."), menu(session)]
    if review is not None:
        finished = session.finished
        missed = {r.question.id for r in finished.missed()} if finished else set()
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
            wanted=session.round_length,
            on_topic=topic is not None,
            difficulty=session.difficulty,
        )
    events = session.quiz.start_round(pack, questions, topic=topic, review=review is not None)
    return [info(intro), *say(session, events)]


def stop_round(session: Session) -> list[BotMessage]:
    """End a round before its last question: its summary so far (none if nothing was
    answered)."""
    playing = session.stage == "question"
    report = session.quiz.stop_round()
    session.stage = "menu"
    if not playing or report is None:
        session.exam_deadline = None
        return []
    session.finished = report
    return [
        wording.summary_message(report, early=True),
        *exam.end_exam(session, report, timed_out=False),
    ]


def mode_round(session: Session, mode: str) -> list[BotMessage]:
    """A round of the current pack's questions chosen by a mode (see quiz.modes)."""
    if mode == "review":
        return review(session)
    pack = session.pack
    states = profile.states(session) or {}
    keys = [question_key(pack, q) for q in pack.questions]
    name = "new" if mode == "unseen" else mode
    rules = session.exam_rules
    chosen = modes.select(name, keys, states, session.clock(), session.rng, rules=rules)
    if not chosen.keys:
        return [info(chosen.note)]
    count = rules.questions if mode == "exam" else session.round_length
    by_key = {question_key(pack, q): q for q in pack.questions}
    questions = [by_key[k] for k in chosen.keys[:count]]
    stopped = stop_round(session)
    if mode == "exam":
        session.exam_deadline = session.clock() + rules.time_limit
    intro = learning.mode_intro(mode, len(questions), rules)
    events = session.quiz.start_round(pack, questions, review=mode != "exam")
    return [*stopped, info(intro), *say(session, events)]


def review(session: Session) -> list[BotMessage]:
    """The questions missed in the last round, then those missed or due from earlier
    sessions (the progress store remembers them across restarts)."""
    wanted: list[str] = []
    pack = session.pack
    if session.finished is not None:
        pack = session.finished.pack
        wanted = [r.question.id for r in session.finished.missed()]
    states = profile.states(session)
    if states:
        wanted += [i for i in to_review(pack, states, session.clock()) if i not in wanted]
    if not wanted:
        if states:
            keys = [question_key(pack, q) for q in pack.questions]
            return [info(modes.nothing_due(keys, states, session.clock()))]
        return [info("Nothing to review: no missed or due questions yet.")]
    stopped = stop_round(session)
    session.pack = pack
    return [*stopped, *start_round(session, review=wanted[: session.round_length], pack=pack)]


def new_round(session: Session) -> list[BotMessage]:
    """The running round's summary so far (if any), then a new round."""
    return [*stop_round(session), *start_round(session)]


def choose_again(session: Session) -> None:
    """After "easier" or "harder" mid-round: the questions not yet asked, chosen again."""
    round_ = session.quiz.round
    assert round_ is not None
    asked_so_far = round_.questions[: round_.asked]
    remaining = round_.total - round_.asked
    if remaining <= 0:
        return
    fresh = choose_questions(
        round_.pack,
        count=remaining,
        rng=session.rng,
        now=session.clock(),
        states=profile.states(session),
        topic=round_.topic,
        difficulty=session.difficulty,
        exclude={q.id for q in asked_so_far},
        taken=asked_so_far,
    )
    session.quiz.replace_remaining(fresh)
