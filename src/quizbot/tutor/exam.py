"""The exam's clock and result: no verdicts until the end, an answer after the time is
not taken, and the result is saved with the learner's progress."""

from __future__ import annotations

from quizbot.progress.store import ProgressError
from quizbot.quiz import RoundResults
from quizbot.tutor import learning, profile, wording
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.session import Session, info


def time_left(session: Session) -> float | None:
    """Seconds left in the running exam; None when no exam runs."""
    if session.exam_deadline is None:
        return None
    return max(0.0, session.exam_deadline - session.clock())


def time_up(session: Session) -> bool:
    return session.exam_deadline is not None and session.clock() >= session.exam_deadline


def timed_out(session: Session) -> list[BotMessage]:
    """The exam's time ran out: the answer typed too late is not taken; the report."""
    round_ = session.quiz.round
    total = round_.total if round_ is not None else 0
    report = session.quiz.stop_round()
    session.stage = "finished_round"
    if report is None:  # not one answer given: nothing to report but the result
        return end_exam(session, None, timed_out=True, total=total)
    session.finished = report
    return [wording.summary_message(report), *end_exam(session, report, timed_out=True)]


def end_exam(
    session: Session, report: RoundResults | None, *, timed_out: bool, total: int = 0
) -> list[BotMessage]:
    """After an exam's report: its result, saved (nothing when no exam was running)."""
    if session.exam_deadline is None:
        return []
    rules = session.exam_rules
    started = session.exam_deadline - rules.time_limit
    session.exam_deadline = None
    total = report.total if report is not None else total
    correct = report.progress().correct if report is not None else 0
    answered = report.progress().asked if report is not None else 0
    score = float(report.progress().score) if report is not None else 0.0
    messages = [info(learning.exam_result_line(correct, total, timed_out))]
    kept = profile.book(session)
    if kept is not None:
        from quizbot.progress.exams import ExamResult

        result = ExamResult(
            time=session.clock(),
            pack=session.pack.id,
            questions=total,
            answered=answered,
            correct=correct,
            score=score,
            seconds=max(0.0, session.clock() - started),
            time_limit=rules.time_limit,
            timed_out=timed_out,
        )
        try:
            kept.record_exam(result)
        except (ProgressError, OSError) as error:
            messages.append(BotMessage("warning", f"The exam result was not saved: {error}"))
    return messages
