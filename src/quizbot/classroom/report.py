"""What a drill's class got right and wrong: each player's (and team's) score, accuracy and
time, each question's share of right answers, and its wrong answers grouped.

Wrong answers are grouped by the grader's own rules (:mod:`quizbot.quiz.wrong_answers`,
shared with ``quizbot grade --report``): "Guangzhou" and "guangzou" together, never
"342 million" and "346 million", never two names a ``reject`` keeps apart.

No Textual here: ``quizbot report`` prints and writes files only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from quizbot.classroom.drill import Answer, Drill
from quizbot.packs.model import Question
from quizbot.quiz import Grader, wrong_answers
from quizbot.quiz.wrong_answers import WrongGroup

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
    return wrong_answers.group_wrong(question, responses, grade, shown, empty=NO_ANSWER)


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
        lines += [f"     {wrong_group_line(g)}" for g in q.wrong]
    return lines


def wrong_group_line(group: WrongGroup) -> str:
    """ "3 x Guangzhou (also: guangzou, GUANGZHOU)": a group of wrong answers, for a person
    (``quizbot report`` and ``quizbot grade --report`` say it alike)."""
    also = [form for form in group.forms if form != group.answer]
    extra = f" (also: {', '.join(also)})" if also else ""
    return f"{group.count} x {group.answer}{extra}"


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
