"""The report's wrong-answer groups (a table of cases, with the real grader), and its
scores, shares and gradebook rows for a small drill."""

from __future__ import annotations

import pytest
from drill_helpers import KEYS, start

from quizbot.classroom.report import NO_ANSWER, build_report, csv_rows, group_wrong
from quizbot.grading import grade
from quizbot.packs.model import Question, Reject

CAPITAL = Question("capital", "text", "Which city is the capital of Guangdong?", "Guangzhou")
USERS_TEXT = Question("users", "text", "How many people use it?", "300 million")
USERS_NUMBER = Question("users", "number", "How many people use it?", "300 million")
PROVINCE = Question("p", "text", "Which province is Zhengzhou in?", "Henan")
PROVINCE_REJECTS = Question(
    "p", "text", "Which province is Zhengzhou in?", "Henan", reject=(Reject("Hebei"),)
)
RIVER = Question(
    "r", "choice", "Which is a river?", "Yangtze", options=("Yangtze", "Everest", "Gobi")
)
TRUTH = Question("t", "truefalse", "Wuhan is in Hubei.", "true")


@pytest.mark.parametrize(
    ("question", "responses", "expected"),
    [
        # one slip apart: the grader's typo rule groups them, the form most written first
        (CAPITAL, ["Shenzhen", "Canton", "shenzen", "Shenzhen"], [("Shenzhen", 3), ("Canton", 1)]),
        # case and spaces never split a group
        (CAPITAL, ["canton", "Canton ", "CANTON"], [("canton", 3)]),
        # two different numbers never group, in words or in digits
        (
            USERS_TEXT,
            ["342 million", "346 million", "342 million"],
            [("342 million", 2), ("346 million", 1)],
        ),
        (
            USERS_NUMBER,
            ["342 million", "346 million", "342,000,000"],
            [("342 million", 2), ("346 million", 1)],
        ),
        # without a reject the grader takes Hubei and Hebei for one slip ...
        (PROVINCE, ["Hubei", "Hebei"], [("Hubei", 2)]),
        # ... a reject keeps them apart, whichever comes first
        (PROVINCE_REJECTS, ["Hubei", "Hebei", "hubei"], [("Hubei", 2), ("Hebei", 1)]),
        (PROVINCE_REJECTS, ["Hebei", "Hubei", "Hubei"], [("Hubei", 2), ("Hebei", 1)]),
        # a letter and the option's text are one answer
        (RIVER, ["B", "Everest", "c"], [("Everest", 2), ("Gobi", 1)]),
        (TRUTH, ["false", "no", "F"], [("false", 3)]),
        # no answer in time is a group of its own
        (CAPITAL, ["", "Canton", ""], [(NO_ANSWER, 2), ("Canton", 1)]),
    ],
)
def test_wrong_answers_group_as_the_grader_reads_them(
    question: Question, responses: list[str], expected: list[tuple[str, int]]
) -> None:
    groups = group_wrong(question, responses, grade, shown=(0, 1, 2) if question.options else None)
    assert [(g.answer, g.count) for g in groups] == expected


def test_a_group_keeps_every_form_written() -> None:
    (group,) = group_wrong(CAPITAL, ["Shenzen", "Shenzhen", "Shenzhen"], grade)
    assert group.forms == ("Shenzhen", "Shenzen")


def test_the_report_of_a_drill() -> None:
    drill, clock, _ = start(("Red", "Blue"), questions=KEYS[:2], seconds=20)
    clock.advance(2)
    drill.command("Guangzhou")  # Red
    clock.advance(3)
    drill.command("=Canton")  # Blue: a formula-looking response
    drill.command("/right")
    drill.command("")
    drill.command("298")  # Blue
    drill.command("12")  # Red
    report = build_report(drill)
    assert [(p.name, p.correct, p.answered) for p in report.players] == [
        ("Blue", 2, 2),
        ("Red", 1, 2),
    ]
    first, second = report.questions
    assert first.share_correct == 1.0 and first.wrong == ()
    assert second.share_correct == 0.5 and [g.answer for g in second.wrong] == ["12"]
    rows = csv_rows(report)
    assert rows[0] == [
        "name", "team", "question", "response", "verdict", "score", "points", "time_ms",
        "overruled",
    ]  # fmt: skip
    assert rows[2] == ["Blue", "", "cls/capital", "=Canton", "correct", "1", "925", "3000", "right"]
