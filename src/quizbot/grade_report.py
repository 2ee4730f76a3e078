"""``quizbot grade --report``: each question's share right and its wrong answers grouped,
gathered while ``quizbot grade`` streams the rows (``batch.grade_rows``'s observer).

The same groups as ``quizbot report`` (:mod:`quizbot.quiz.wrong_answers`), in memory that
does not grow with the file: per question, a bounded tally of distinct wrong forms
(:class:`~quizbot.quiz.wrong_answers.AnswerTally`). Only the :data:`TOP_GROUPS` biggest
groups are listed; the rest, and the forms past the tally's cap, are "other answers".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizbot.packs.model import Question
from quizbot.quiz import Grader
from quizbot.quiz.wrong_answers import MAX_FORMS, AnswerTally, WrongGroup, group_counted

EMPTY = "(empty response)"
# Groups listed per question; smaller ones are summed up as "N other answers".
TOP_GROUPS = 10


@dataclass(frozen=True)
class QuestionSummary:
    """One question of a graded file: its answers counted and its wrong ones grouped."""

    id: str
    prompt: str
    answer: str
    answered: int
    correct: int
    partial: int
    wrong: tuple[WrongGroup, ...]  # the biggest groups, biggest first
    other_answers: int  # wrong answers in no listed group

    @property
    def share_correct(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


class GradeReport:
    """Collects graded rows (``observe``) and sums them up (``summaries``)."""

    def __init__(self, index: Mapping[str, Question], *, max_forms: int = MAX_FORMS) -> None:
        self.index = index
        self.max_forms = max_forms
        self.tallies: dict[str, AnswerTally] = {}  # question id -> tally, first seen first

    def observe(self, question_id: str, response: str, verdict: str) -> None:
        """Count one graded row (a row the grader could not grade is left out)."""
        if verdict not in ("correct", "partial", "incorrect"):
            return
        tally = self.tallies.get(question_id)
        if tally is None:
            tally = self.tallies[question_id] = AnswerTally(self.max_forms)
        tally.add(response, verdict, empty=EMPTY)

    def summaries(
        self, grade: Grader | None = None, *, top: int = TOP_GROUPS
    ) -> list[QuestionSummary]:
        """Each question seen, in the order first seen in the file."""
        from quizbot.grading import grade as default_grade
        from quizbot.grading.grader import expected_answer

        grader: Grader = grade if grade is not None else default_grade
        result = []
        for question_id, tally in self.tallies.items():
            question = self.index[question_id]
            groups = group_counted(question, tally.forms, grader, empty=EMPTY)
            listed = tuple(groups[:top])
            result.append(
                QuestionSummary(
                    question_id,
                    question.prompt,
                    expected_answer(question),
                    tally.answered,
                    tally.correct,
                    tally.partial,
                    listed,
                    tally.wrong - sum(g.count for g in listed),
                )
            )
        return result


def text_lines(summaries: list[QuestionSummary]) -> list[str]:
    """The report for a person (not yet escaped for a terminal)."""
    from quizbot.classroom.report import wrong_group_line

    if not summaries:
        return ["Report: no rows were graded."]
    lines = ["Report (each question: share right, then its wrong answers grouped):"]
    for q in summaries:
        partial = f", {q.partial} partly" if q.partial else ""
        lines.append(
            f"  {q.id}: {q.correct}/{q.answered} right ({q.share_correct:.0%}){partial}"
            f" - {q.prompt}"
        )
        lines.append(f"     answer: {q.answer}")
        lines += [f"     {wrong_group_line(g)}" for g in q.wrong]
        if q.other_answers:
            plural = "" if q.other_answers == 1 else "s"
            lines.append(f"     {q.other_answers} other answer{plural}")
    return lines


def as_json(summaries: list[QuestionSummary]) -> dict[str, Any]:
    return {
        "questions": [
            {
                "question": q.id,
                "prompt": q.prompt,
                "answer": q.answer,
                "answered": q.answered,
                "correct": q.correct,
                "partial": q.partial,
                "share_correct": round(q.share_correct, 4),
                "wrong_answers": [
                    {"answer": g.answer, "count": g.count, "forms": list(g.forms)} for g in q.wrong
                ],
                "other_answers": q.other_answers,
            }
            for q in summaries
        ]
    }
