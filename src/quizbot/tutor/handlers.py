"""What each command does: ``/hint``, ``/why``, ``/score``, ``/quit`` ...

:data:`HANDLERS` maps every name of the one list of commands (:mod:`.commands`) to its
handler; a handler takes the session and the command's argument and returns messages.
The moves on the open question and the rounds are the round driver's (:mod:`.rounds`),
the choices the menu's (:mod:`.choosing`); the rest is here.
"""

from __future__ import annotations

from collections.abc import Callable

from quizbot.progress.store import ProgressError
from quizbot.tutor import choosing, learning, profile, rounds, verdicts, wording
from quizbot.tutor.commands import help_text
from quizbot.tutor.intents import normalise
from quizbot.tutor.menu import menu
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.session import Session, info

Handler = Callable[[Session, str], list[BotMessage]]


def repeat(session: Session) -> list[BotMessage]:
    asked = session.open_question()
    if asked is None:
        return rounds.no_question(session)
    return [wording.question_message(asked, session.progress())]


def why(session: Session) -> list[BotMessage]:
    """The last answer explained once, with its source. While the next question is open
    it says the explanation is about the previous one, and shows the open one again."""
    if session.last is None:
        if session.stage == "question":
            return [info("I'll explain once you've answered. Try /hint for a clue.")]
        return [info("There's nothing to explain yet.")]
    asked, _ = session.last
    question = asked.question
    which = "the previous question" if session.open_question() is not None else "the last question"
    answer = wording.shown_answer(asked)
    if question.is_cloze:
        # The prompt is the fact with a blank, and the explanation is the fact: say it once.
        head = f"About {which}: the blank is {answer}."
    else:
        head = f"About {which}, “{wording.short(question.prompt, 70)}”: the answer is {answer}."
    text = verdicts.explanation_text(asked)
    source = asked.pack.source_of(question)
    message = BotMessage(
        "explanation" if text or source else "info",
        f"{head}\n{text}" if text else head,
        source=source.citation() if source else None,
        question_id=question.id,
    )
    return [message, *session.back_to_question()]


def score(session: Session) -> list[BotMessage]:
    """This round's score (or the last round's, in another pack) and questions practised."""
    round_ = session.quiz.round
    if round_ is None and session.previous is not None:
        before = session.previous
        done = before.progress()
        text = (
            f"No round yet in {session.pack.title}. Your last round, in {before.pack.title}: "
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
    states = profile.states(session)
    if states:
        text += f" Questions practised so far: {len(states)}."
    progress = round_.progress() if round_ else None
    return [BotMessage("info", text, progress=progress), *session.back_to_question()]


def stats(session: Session) -> list[BotMessage]:
    """Progress over time: the summary the ``stats`` command prints (a front may show the
    data as a screen instead)."""
    from quizbot.progress.stats import render_text, summarize
    from quizbot.progress.store import ProgressStore

    store = session.store
    if not isinstance(store, ProgressStore):
        return [BotMessage("stats", "Progress is not kept in this session.")]
    # Every question of the packs in use, so that mastery counts those not seen yet.
    catalog = {f"{p.id}/{q.id}": q.topic or "" for p in session.packs for q in p.questions}
    try:
        summary = summarize(store, session.clock(), catalog, store.settings().scheduler())
    except (ProgressError, OSError, ValueError) as error:
        return [BotMessage("stats", f"Could not read your progress: {error}")]
    return [BotMessage("stats", render_text(summary), stats=summary)]


def quit_(session: Session) -> list[BotMessage]:
    """Goodbye: the progress snapshot is written now (every answer is already saved)."""
    session.stage = "ended"
    warnings: list[BotMessage] = []
    saved = ""
    if session.store is not None:
        saved = " Your progress is saved."
        try:
            # Writes the snapshot now; every answer is already in the history.
            session.store.close()
        except (ProgressError, OSError) as error:
            warnings.append(BotMessage("warning", f"Progress may not be fully saved: {error}"))
            saved = ""
    round_ = session.quiz.round
    if round_ is not None and round_.results:
        done = round_.progress()
        text = f"Goodbye! This round: {done.correct} of {done.asked} right.{saved}"
    else:
        text = f"Goodbye!{saved}"
    return [*warnings, BotMessage("goodbye", text)]


def mode(session: Session, arg: str) -> list[BotMessage]:
    wanted = normalise(arg)
    if wanted not in learning.MODE_WORDS:
        return [info("Modes: review, new, weak and exam. Try /mode weak.")]
    return rounds.mode_round(session, learning.MODE_WORDS[wanted])


def dispute(session: Session) -> list[BotMessage]:
    """The learner says the last verdict was wrong: keep the answer, flag it for the
    pack's author, and take it out of the schedule (it does not count as a miss)."""
    if session.last is None:
        return [info("There is no verdict to dispute yet."), *session.back_to_question()]
    asked, result = session.last
    if result.outcome == "correct":
        return [info("That answer was already marked right."), *session.back_to_question()]
    kept = profile.book(session)
    if kept is None:
        return [info("Progress is not kept in this session, so there is nothing to flag.")]
    try:
        kept.dispute(asked.pack.id, asked.question.id)
    except ValueError:
        return [info("That answer was not saved, so it cannot be flagged.")]
    except (ProgressError, OSError) as error:
        return [BotMessage("warning", f"The dispute could not be saved: {error}")]
    text = (
        f"Noted: your answer to “{wording.short(asked.question.prompt, 60)}” is flagged for"
        " the pack's author, and it will not count as a miss."
    )
    return [info(text), *session.back_to_question()]


# Every command of the one list, by name (the line reader names no other).
HANDLERS: dict[str, Handler] = {
    "hint": lambda s, _: rounds.hint(s),
    "skip": lambda s, _: rounds.skip(s),
    "repeat": lambda s, _: repeat(s),
    "why": lambda s, _: why(s),
    "score": lambda s, _: score(s),
    "stats": lambda s, _: stats(s),
    "help": lambda s, _: [info(help_text())],
    "quit": lambda s, _: quit_(s),
    "new": lambda s, _: rounds.new_round(s),
    "review": lambda s, _: rounds.review(s),
    "weak": lambda s, _: rounds.mode_round(s, "weak"),
    "unseen": lambda s, _: rounds.mode_round(s, "unseen"),
    "exam": lambda s, _: rounds.mode_round(s, "exam"),
    "mode": mode,
    "dispute": lambda s, _: dispute(s),
    "topics": lambda s, _: [menu(s), *s.back_to_question()],
    "topic": choosing.choose_topic,
    "pack": choosing.choose_pack,
}


def run(session: Session, name: str, arg: str) -> list[BotMessage]:
    """Run the command ``name`` (one of the one list) with its argument."""
    return HANDLERS[name](session, arg)
