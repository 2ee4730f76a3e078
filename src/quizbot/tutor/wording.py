"""What the tutor says, in English: the greeting, menus, questions, round summaries.

The quiz core hands over data (a question as asked, a round's results); this module turns
it into sentences (how a graded answer is worded is in :mod:`.verdicts`). Nothing here
keeps state or changes the round.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizbot.packs.model import Pack, Question
from quizbot.quiz import Asked, Result, letter
from quizbot.quiz.round import RoundProgress, RoundResults
from quizbot.tutor.intents import normalise
from quizbot.tutor.messages import BotMessage, Missed, RoundReport


def expected_answer(question: Question, shown: Sequence[int]) -> str:
    """The right answer as the learner should read it: the grader's rule ("B) Hohhot",
    "96%"), with true/false capitalised and a list's items spelled out."""
    if question.type == "truefalse":
        return question.answer.strip().capitalize()
    if question.type == "list" and question.answers:
        items = [forms[0] for forms in question.answers if forms]
        if question.needed < len(items):
            return f"any {question.needed} of: " + ", ".join(items)
        return ", ".join(items)
    if question.type == "choice":
        for position, index in enumerate(shown):
            if question.options[index] == question.answer:
                return f"{letter(position)}) {question.answer}"
    from quizbot.grading.grader import expected_answer as graders_expected

    return graders_expected(question, shown)


def shown_answer(asked: Asked) -> str:
    return expected_answer(asked.question, asked.shown)


def points(value: float) -> str:
    return f"{round(value, 2):g}"


def points_said(value: float) -> str:
    """ "1 point", "2.5 points"."""
    shown = points(value)
    return f"{shown} point" + ("" if shown == "1" else "s")


def duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def short(text: str, limit: int = 90) -> str:
    """One line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


# -- greeting and menus ---------------------------------------------------------


def greeting(pack: Pack, profile: str) -> str:
    first = pack.topics[0].title.lower() if pack.topics else "the facts"
    hello = "Hi!" if profile in ("", "default") else f"Hi {profile}!"
    return (
        f"{hello} I'm quizbot, your quiz tutor on {pack.title}. I ask questions and "
        "grade answers written in your own words, give hints, explain each answer with its "
        f'source, and answer your own questions (try "tell me about {first}"). '
        "Type /help at any time."
    )


def pack_list(packs: Sequence[Pack], playing: Pack) -> list[str]:
    lines = ["Packs (type /pack and its id to switch):"]
    lines += [f"  {p.id}: {p.title}{' (playing)' if p is playing else ''}" for p in packs]
    return lines


def menu(
    pack: Pack, topics: Sequence[tuple[str, str]], round_length: int, packs: Sequence[Pack]
) -> BotMessage:
    lines = []
    if topics:
        lines.append(f"What shall we practise from {pack.title}?")
        lines.extend(f"  {i}) {title}" for i, (_, title) in enumerate(topics, start=1))
        lines.append(
            'Type a topic\'s number or name (or "quiz me on ..."), or press Enter for all topics.'
        )
    else:
        lines.append(f"Press Enter to start a round on {pack.title}.")
    lines.append(f'Rounds have {round_length} questions; say "5 questions" to change that.')
    lines.append('Or a mode: "review" (due and missed), "unseen", "weak" or "exam".')
    if len(packs) > 1:
        lines += pack_list(packs, pack)
    return BotMessage("menu", "\n".join(lines))


def round_intro(
    count: int, about: str, *, wanted: int, on_topic: bool, difficulty: str | None
) -> str:
    noun = "question" if count == 1 else "questions"
    intro = f"A round of {count} {noun} on {about}."
    if count < wanted:
        intro += f" (That's all there are{' on it' if on_topic else ''}.)"
    if difficulty:
        intro += f" Leaning {difficulty}."
    return intro


# -- questions ------------------------------------------------------------------


def question_text(question: Question) -> str:
    """The question as asked, with what form the answer takes."""
    if question.is_cloze:
        return f"Fill in the blank: {question.prompt}"
    if question.type == "truefalse":
        said = "true or false" in normalise(question.prompt)
        return question.prompt if said else f"True or false? {question.prompt}"
    if question.type == "choice":
        return f"{question.prompt}\nAnswer with a letter or the option's text."
    if question.type == "list":
        wanted = question.needed
        if wanted < len(question.answers):
            return f"{question.prompt} (Name any {wanted}.)"
        return f"{question.prompt} (Name all {wanted}, separated by commas.)"
    return question.prompt


def question_message(asked: Asked, progress: RoundProgress) -> BotMessage:
    return BotMessage(
        "question",
        question_text(asked.question),
        progress=progress,
        question_id=asked.question.id,
        options=asked.options,
    )


def back_to_question(asked: Asked) -> BotMessage:
    """The whole open question again, options included, after something else was said."""
    return BotMessage(
        "info",
        f"Back to the question: {question_text(asked.question)}",
        question_id=asked.question.id,
        options=asked.options,
    )


# -- the end of a round ------------------------------------------------------------------


def summary_message(report: RoundResults, *, early: bool = False) -> BotMessage:
    """The round's end: the score, what was missed, what to do next. ``early``: the
    learner ended the round before its last question (what comes next is said after)."""
    progress = report.progress()
    missed = report.missed()
    took = f"({points_said(progress.score)}) in {duration(report.seconds)}."
    if early:
        noun = "question" if report.total == 1 else "questions"
        lines = [
            f"Round over early: you answered {progress.asked} of {report.total} {noun} "
            f"and got {progress.correct} right {took}"
        ]
        if missed:
            lines.append("Missed:")
            lines += [missed_line(result) for result in missed]
        return BotMessage(
            "summary", "\n".join(lines), progress=progress, report=round_report(report)
        )
    lines = [f"Round over! You got {progress.correct} of {report.total} right {took}"]
    if missed:
        lines.append("Missed:")
        lines += [missed_line(result) for result in missed]
        lines.append(
            "Press Enter (or type new) for another round, review to go over the "
            f"{len(missed)} you missed, or topics to choose a topic."
        )
    else:
        lines.append("A perfect round!")
        lines.append("Press Enter (or type new) for another round, or topics to choose one.")
    return BotMessage("summary", "\n".join(lines), progress=progress, report=round_report(report))


def missed_line(result: Result) -> str:
    """ "- Nearly how many people had registered… → 900 million people (skipped)"."""
    how = " (skipped)" if result.outcome == "skipped" else ""
    answer = expected_answer(result.question, result.shown)
    return f"- {short(result.question.prompt, 70)} → {answer}{how}"


def round_report(report: RoundResults) -> RoundReport:
    """The round's end for fronts that show it as more than text (whole prompts, no cuts)."""
    return RoundReport(
        report.progress(),
        report.seconds,
        tuple(
            Missed(
                r.question.prompt,
                r.response,
                expected_answer(r.question, r.shown),
                r.outcome,
            )
            for r in report.missed()
        ),
    )
