"""Choice and true/false as people answer them, one-sentence feedback, and the `error` verdict."""

from __future__ import annotations

import io
import logging
import random

import pytest
from grading_helpers import q
from tutor_fakes import Clock, FakeKnowledge, FakeStore, last_question

from quizbot.batch import GradeSummary, grade_rows
from quizbot.grading import grade, grader
from quizbot.packs.model import Pack, Question
from quizbot.tutor import Tutor

APP = q(
    "choice",
    "WeChat Work",
    options=("DingTalk", "WeChat Work", "Tencent Meeting"),
    prompt="Which app grew to 400 million users?",
)
DAY = q(
    "choice", "Monday", options=("Monday", "Tuesday", "Sunday"), prompt="Which day of the week?"
)
PLUTO = q("truefalse", "false", prompt="Pluto is a planet.")
EARTH = q("truefalse", "true", prompt="The Earth goes round the Sun.")
USERS = q("number", "400 million", prompt="How many users?")
CITY = q("text", "Hohhot", prompt="Which city is the capital of Inner Mongolia?")

C, X = "correct", "incorrect"

CASES: list[tuple[Question, str, str, str | None]] = [
    # words that repeat the prompt are ignored for choice
    (APP, "WeChat Work app", C, None),
    (APP, "the WeChat Work app", C, None),
    (APP, "DingTalk app", X, "wrong"),
    (APP, "app", X, "wrong"),
    (DAY, "Monday, the day of the week", C, None),
    (DAY, "day of the week", X, "wrong"),
    # a letter with no option
    (APP, "E", X, "no_such_option"),
    (APP, "e", X, "no_such_option"),
    (APP, "(E)", X, "no_such_option"),
    (APP, "option E", X, "no_such_option"),
    (APP, "D)", X, "no_such_option"),
    (APP, "B", C, "choice_letter"),
    (APP, "C", X, "wrong"),
    # true/false: a leading verdict word, then a reason
    (PLUTO, "no, it's a dwarf planet", C, None),
    (PLUTO, "False - it's a dwarf planet", C, None),
    (PLUTO, "False—it's a dwarf planet", C, None),
    (PLUTO, "no because it is a dwarf planet", C, None),
    (PLUTO, "not really", C, None),
    (PLUTO, "yes, it is a planet", X, "wrong"),
    (PLUTO, "yes, false", X, "unclear"),
    (EARTH, "yes, once a year", C, None),
    (EARTH, "of course", C, None),
    (EARTH, "not really", X, "wrong"),
    (EARTH, "no, it is the other way round", X, "wrong"),
]


@pytest.mark.parametrize(
    ("question", "response", "verdict", "reason"), CASES, ids=[c[1] for c in CASES]
)
def test_choice_and_truefalse(
    question: Question, response: str, verdict: str, reason: str | None
) -> None:
    graded = grade(question, response)
    assert graded.verdict == verdict, graded
    if reason is not None:
        assert graded.reason == reason, graded


def test_a_letter_with_no_option_says_so() -> None:
    assert grade(APP, "E").feedback == "There is no option E."


@pytest.mark.parametrize(
    ("question", "response"),
    [(USERS, "900 million"), (CITY, "Baotou"), (APP, "C"), (USERS, "nine hundred million")],
)
def test_wrong_answer_feedback_is_one_sentence_without_not_right(
    question: Question, response: str
) -> None:
    feedback = grade(question, response).feedback
    assert "not right" not in feedback.casefold()
    assert ". " not in feedback  # one sentence
    assert feedback.endswith(".") and feedback.startswith("The answer is ")


# --- the error verdict ----------------------------------------------------------------


@pytest.fixture
def broken_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise RuntimeError("a bug in the grader")

    monkeypatch.setattr(grader, "_grade", fail)


@pytest.mark.usefixtures("broken_grader")
def test_a_grader_exception_is_an_error_not_a_wrong_answer(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUIZBOT_DEBUG", raising=False)
    verdict = grade(CITY, "Hohhot")
    assert (verdict.verdict, verdict.reason, verdict.graded) == ("error", "error", False)
    assert not caplog.records


@pytest.mark.usefixtures("broken_grader")
def test_the_trace_is_logged_under_quizbot_debug(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZBOT_DEBUG", "1")
    with caplog.at_level(logging.ERROR, logger="quizbot.grading"):
        grade(CITY, "Hohhot")
    (record,) = caplog.records
    assert record.exc_info is not None and "a bug in the grader" in str(record.exc_info[1])


@pytest.mark.usefixtures("broken_grader")
def test_a_batch_row_the_grader_could_not_grade_is_an_error_row() -> None:
    pack = Pack(id="p", title="P", questions=(CITY,))
    out = io.StringIO()
    summary = grade_rows([pack], io.StringIO("question,response\nq,Hohhot\n"), out, "csv")
    assert summary == GradeSummary(rows=1, errors=1, correct=0, partial=0, incorrect=0)
    row = out.getvalue().splitlines()[1]
    assert row.startswith("q,Hohhot,error,,")


def _tutor(question: Question, store: FakeStore) -> Tutor:
    return Tutor(
        [Pack(id="p", title="P", questions=(question,))],
        store=store,  # type: ignore[arg-type]
        knowledge=FakeKnowledge(),  # type: ignore[arg-type]
        clock=Clock(),
        rng=random.Random(1),
        round_length=1,
    )


@pytest.mark.parametrize(
    ("response", "said"),
    [("E", "There is no option E."), ("?!", None)],
)
def test_the_tutor_keeps_the_question_open_and_records_nothing(
    response: str, said: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FakeStore()
    tutor = _tutor(APP, store)
    tutor.start()
    asked = last_question(tutor.respond(""))
    if said is None:
        monkeypatch.setattr(grader, "_grade", lambda *a: 1 / 0)
        said = "Sorry, I could not grade that answer."
    replies = tutor.respond(response)
    assert said in replies[-1].text
    assert all(m.kind != "verdict" for m in replies)
    assert store.records == []
    monkeypatch.undo()
    replies = tutor.respond("B")
    assert any(m.kind == "verdict" and m.question_id == asked.question_id for m in replies)
    assert len(store.records) == 1


@pytest.mark.parametrize(
    ("rows", "errors", "line"),
    [
        (1, 1, "graded 1 row: 0 correct, 0 partial, 0 incorrect, 1 error"),
        (2, 0, "graded 2 rows: 2 correct, 0 partial, 0 incorrect, 0 errors"),
    ],
)
def test_the_summary_line_has_correct_plurals(rows: int, errors: int, line: str) -> None:
    from quizbot.cli import summary_line

    summary = GradeSummary(rows=rows, errors=errors, correct=rows - errors, partial=0, incorrect=0)
    assert summary_line(summary) == line


def test_points_have_correct_plurals() -> None:
    from quizbot.tutor.wording import points_said

    assert [points_said(v) for v in (1.0, 0.5, 2.0)] == ["1 point", "0.5 points", "2 points"]


@pytest.mark.parametrize(
    "response",
    ["[b]Shenzhen[/b]", "Shenzhen/Wuhan", "Shenzhen or Wuhan"],
)
def test_a_wrong_answer_in_parts_is_quoted_as_typed(response: str) -> None:
    # "[b]Shenzhen[/b]" was quoted as "[b]Shenzhen[ or b]": the parts re-joined with "or".
    verdict = grade(CITY, response)
    assert verdict.verdict == X
    assert f"“{response}”" in verdict.feedback
