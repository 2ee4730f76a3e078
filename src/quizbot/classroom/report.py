"""What a drill's class got right and wrong: each player's (and team's) score, accuracy and
time, each question's share of right answers, and its wrong answers grouped.

Wrong answers are grouped by the grader's own rules: two responses go together when each,
taken as the answer, is graded right for the other ("Guangzhou" and "guangzou": a typo),
so never two different numbers ("342 million" and "346 million") and never two names that
the question's ``reject`` list keeps apart ("Hubei" and "Hebei"). Choice and true/false
responses group by the option they name ("B" and the option's text together).

No Textual here: ``quizbot report`` prints and writes files only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from quizbot.classroom.drill import Answer, Drill
from quizbot.packs.model import Question
from quizbot.quiz import Grader

CSV_COLUMNS = (
    "name",
    "team",
    "question",
    "response",
    "verdict",
    "score",
    "points",
    "time_ms",
    "overruled",
)
NO_ANSWER = "(no answer in time)"


@dataclass(frozen=True)
class WrongGroup:
    """Wrong responses the grader treats as one answer: shown as the most common form."""

    answer: str
    count: int
    forms: tuple[str, ...]  # every form written, most common first


@dataclass(frozen=True)
class PlayerLine:
    name: str
    team: str
    points: float
    answered: int
    correct: int
    seconds: float  # all answers' time together

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class QuestionLine:
    number: int
    key: str
    prompt: str
    answer: str
    answered: int
    correct: int
    wrong: tuple[WrongGroup, ...]

    @property
    def share_correct(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class DrillReport:
    players: tuple[PlayerLine, ...]
    teams: tuple[PlayerLine, ...]
    questions: tuple[QuestionLine, ...]
    answers: tuple[Answer, ...] = field(repr=False)
    team_of: dict[str, str] = field(repr=False)


def build_report(drill: Drill, grader: Grader | None = None) -> DrillReport:
    grade = grader if grader is not None else _default_grade
    team_of = dict(drill.settings.teams)
    players = tuple(
        _line(name, team_of.get(name, ""), [a for a in drill.answers if a.player == name])
        for name in drill.settings.players
    )
    teams = tuple(
        _line(team, team, [a for a in drill.answers if team_of.get(a.player) == team])
        for team in dict.fromkeys(team_of.values())
    )
    from quizbot.grading.grader import expected_answer

    questions = []
    for number in range(1, drill.number + 1):
        pack, question = drill.items[number - 1]
        mine = drill.answers_to(number)
        wrong = [a for a in mine if a.final_outcome != "correct"]
        shown = drill.shown(number) if question.type == "choice" else None
        questions.append(
            QuestionLine(
                number,
                f"{pack.id}/{question.id}",
                question.prompt,
                expected_answer(question, shown),  # "96%", "B) Hohhot": as the grader says
                len(mine),
                sum(1 for a in mine if a.final_outcome == "correct"),
                tuple(group_wrong(question, [a.response for a in wrong], grade, shown)),
            )
        )
    ranked = tuple(sorted(players, key=lambda p: -p.points))
    return DrillReport(
        ranked, tuple(sorted(teams, key=lambda t: -t.points)), tuple(questions),
        tuple(drill.answers), team_of,
    )  # fmt: skip


def group_wrong(
    question: Question,
    responses: Sequence[str],
    grade: Grader,
    shown: Sequence[int] | None = None,
) -> list[WrongGroup]:
    """The responses grouped as the grader would take them, the biggest group first
    (equal groups in the order first seen); an empty response is "no answer in time"."""
    groups: list[list[str]] = []
    labels: list[str] = []
    for response in responses:
        text = response.strip() or NO_ANSWER
        label = _option_named(question, text, grade, shown)
        for i, members in enumerate(groups):
            if label is not None:
                if labels[i] == label:
                    members.append(text)
                    break
            elif labels[i] == "" and _same(question, members[0], text, grade):
                members.append(text)
                break
        else:
            groups.append([text])
            labels.append(label or "")
    result = []
    for members, label in zip(groups, labels, strict=True):
        forms = _by_count(members)
        result.append(WrongGroup(label or forms[0], len(members), tuple(forms)))
    return sorted(result, key=lambda g: -g.count)


def _same(question: Question, a: str, b: str, grade: Grader) -> bool:
    if a.casefold().split() == b.casefold().split():
        return True
    if NO_ANSWER in (a, b) or question.type == "list":
        return False
    return _right_for(question, a, b, grade) and _right_for(question, b, a, grade)


def _right_for(question: Question, answer: str, response: str, grade: Grader) -> bool:
    """Would ``response`` be right if ``answer`` were the key (the question's rejects kept,
    but not one that is ``answer`` itself)?"""
    rejects = tuple(r for r in question.reject if r.answer.casefold() != answer.casefold())
    as_key = dataclasses.replace(
        question, answer=answer, accept=(), reject=rejects, tests=None, gap=None,
        explanation=None, hint=None,
    )  # fmt: skip
    try:
        verdict = grade(as_key, response)
    except (ValueError, ArithmeticError):
        return False
    return verdict.verdict == "correct"


def _option_named(
    question: Question, response: str, grade: Grader, shown: Sequence[int] | None
) -> str | None:
    """For a choice or true/false question: the option the response names, if any."""
    if question.type == "truefalse":
        for word in ("true", "false"):
            if grade(dataclasses.replace(question, answer=word), response).correct:
                return word
        return None
    if question.type != "choice":
        return None
    for option in question.options:
        if grade(
            dataclasses.replace(question, answer=option), response, shown_options=shown
        ).correct:
            return option
    return None


def _by_count(members: Sequence[str]) -> list[str]:
    counts: dict[str, int] = {}
    for m in members:
        counts[m] = counts.get(m, 0) + 1
    return sorted(counts, key=lambda m: -counts[m])


def _line(name: str, team: str, answers: Sequence[Answer]) -> PlayerLine:
    return PlayerLine(
        name,
        team,
        sum(a.points for a in answers),
        len(answers),
        sum(1 for a in answers if a.final_outcome == "correct"),
        sum(a.seconds for a in answers),
    )


# -- as text, rows and JSON -----------------------------------------------------------


def text_lines(report: DrillReport) -> list[str]:
    lines = ["Players:" if not report.teams else "Players (team):"]
    for p in report.players:
        team = f" ({p.team})" if p.team else ""
        lines.append(
            f"  {p.name}{team}: {p.points:.0f} points, {p.correct}/{p.answered} right "
            f"({p.accuracy:.0%}), {p.seconds:.1f} s"
        )
    if report.teams:
        lines.append("Teams:")
        lines += [
            f"  {t.name}: {t.points:.0f} points, {t.correct}/{t.answered} right ({t.accuracy:.0%})"
            for t in report.teams
        ]
    lines.append("Questions:")
    for q in report.questions:
        lines.append(
            f"  {q.number}. {q.key}: {q.correct}/{q.answered} right ({q.share_correct:.0%}) "
            f"- {q.prompt}"
        )
        lines.append(f"     answer: {q.answer}")
        for g in q.wrong:
            also = [f for f in g.forms if f != g.answer]
            extra = f" (also: {', '.join(also)})" if also else ""
            lines.append(f"     {g.count} x {g.answer}{extra}")
    return lines


def csv_rows(report: DrillReport) -> list[list[str]]:
    """One row per answer (a gradebook): the header first; cells not yet spreadsheet-safe."""
    rows = [list(CSV_COLUMNS)]
    for a in report.answers:
        rows.append(
            [
                a.player,
                report.team_of.get(a.player, ""),
                a.key,
                a.response,
                a.final_outcome,
                f"{a.final_score:g}",
                f"{a.points:.0f}",
                str(round(a.seconds * 1000)),
                a.overruled or "",
            ]
        )
    return rows


def as_json(report: DrillReport) -> dict[str, Any]:
    def who(p: PlayerLine) -> dict[str, Any]:
        return {
            "name": p.name,
            "team": p.team,
            "points": p.points,
            "answered": p.answered,
            "correct": p.correct,
            "accuracy": round(p.accuracy, 4),
            "time_ms": round(p.seconds * 1000),
        }

    return {
        "players": [who(p) for p in report.players],
        "teams": [who(t) for t in report.teams],
        "questions": [
            {
                "number": q.number,
                "question": q.key,
                "prompt": q.prompt,
                "answer": q.answer,
                "answered": q.answered,
                "correct": q.correct,
                "share_correct": round(q.share_correct, 4),
                "wrong_answers": [
                    {"answer": g.answer, "count": g.count, "forms": list(g.forms)} for g in q.wrong
                ],
            }
            for q in report.questions
        ],
        "answers": [
            {
                "name": a.player,
                "team": report.team_of.get(a.player, ""),
                "question": a.key,
                "response": a.response,
                "verdict": a.final_outcome,
                "score": a.final_score,
                "points": a.points,
                "time_ms": round(a.seconds * 1000),
                "overruled": a.overruled,
            }
            for a in report.answers
        ],
    }


def _default_grade(
    question: Question, response: str, *, shown_options: Sequence[int] | None = None
) -> Any:
    from quizbot.grading import grade

    return grade(question, response, shown_options=shown_options)
