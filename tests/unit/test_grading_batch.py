"""Batch grading: a responses CSV in, graded CSV or JSON Lines out, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from grading_helpers import q

from quizbot.batch import BatchError, GradeSummary, grade_rows
from quizbot.packs.model import Fact, Pack, Question

CLOZE = Question(
    id="health-code#1",
    type="number",
    prompt="Nearly _____ people had registered for the code.",
    answer="900 million",
    cloze_of="health-code",
)
PACK = Pack(
    id="digital-china",
    title="Digital China",
    facts=(Fact("health-code", "Nearly {{900 million}} people had registered for the code."),),
    questions=(
        q("text", "Hohhot", id="capital", prompt="Capital of Inner Mongolia?"),
        q("list", "Guizhou, Yunnan", id="provinces", answers=(("Guizhou",), ("Yunnan",))),
        CLOZE,
    ),
)
OTHER = Pack(id="other", title="Other", questions=(q("text", "Baotou", id="capital"),))

RESPONSES = """student,question,response,class
ann,capital,Hohhot,7a
bob,capital,Baotou,7a
cat,health-code#1,"900,000,000",7b
dan,provinces,Guizhou,7b
eve,helth-code#1,900 million,7b
fay,capital,"Hohot",7a
"""


def run(
    fmt: str, text: str = RESPONSES, packs: tuple[Pack, ...] = (PACK, OTHER)
) -> tuple[str, GradeSummary]:
    out = io.StringIO()
    summary = grade_rows(packs, io.StringIO(text), out, fmt)  # type: ignore[arg-type]
    return out.getvalue(), summary


def test_csv_rows_keep_their_columns_and_gain_a_verdict() -> None:
    text, summary = run("csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["student", "question", "response", "class", "verdict", "score", "feedback"]
    assert [r[0] for r in rows[1:]] == ["ann", "bob", "cat", "dan", "eve", "fay"]
    assert [r[3] for r in rows[1:]] == ["7a", "7a", "7b", "7b", "7b", "7a"]
    assert [r[4] for r in rows[1:]] == [
        "correct",
        "incorrect",
        "correct",
        "partial",
        "error",
        "correct",
    ]
    assert rows[4][5] == "0.5"
    assert rows[1][5] == "1"
    assert summary == GradeSummary(rows=6, errors=1, correct=3, partial=1, incorrect=1)


def test_unknown_id_names_the_problem_and_a_near_id() -> None:
    text, _ = run("csv")
    error_row = list(csv.reader(io.StringIO(text)))[5]
    assert "helth-code#1" in error_row[6]
    assert "health-code#1" in error_row[6]


def test_first_pack_wins_a_shared_id() -> None:
    text, _ = run("csv", "question,response\ncapital,Hohhot\n")
    assert list(csv.reader(io.StringIO(text)))[1][2] == "correct"
    text, _ = run("csv", "question,response\ncapital,Hohhot\n", packs=(OTHER, PACK))
    assert list(csv.reader(io.StringIO(text)))[1][2] == "incorrect"


def test_jsonl_is_one_object_per_row() -> None:
    text, summary = run("jsonl")
    objects = [json.loads(line) for line in text.splitlines()]
    assert len(objects) == 6 == summary.rows
    assert objects[2]["question"] == "health-code#1"
    assert objects[2]["verdict"] == "correct"
    assert objects[2]["score"] == 1.0
    assert objects[4]["verdict"] == "error" and objects[4]["score"] is None
    assert list(objects[0]) == [
        "student",
        "question",
        "response",
        "class",
        "verdict",
        "score",
        "feedback",
    ]


@pytest.mark.parametrize("header", ["student,response", "question,answer", ""])
def test_missing_column_is_one_line_error(header: str) -> None:
    with pytest.raises(BatchError) as caught:
        run("csv", header + "\n")
    assert "\n" not in str(caught.value)


def test_short_rows_and_byte_order_mark_are_handled() -> None:
    text, summary = run("csv", "\ufeffquestion,response,note\ncapital\ncapital,Hohhot\n\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][3] == "incorrect" and rows[1][4] == "0"
    assert rows[2][3] == "correct"
    assert summary.rows == 2


def test_regrading_a_graded_file_overwrites_the_verdict_columns() -> None:
    first, _ = run("csv")
    second, _ = run("csv", first)
    assert second == first


def test_progress_goes_to_the_given_stream_only_when_asked() -> None:
    big = "question,response\n" + "capital,Hohhot\n" * 3000
    err = io.StringIO()
    out = io.StringIO()
    grade_rows(
        (PACK,),
        io.StringIO(big),
        out,
        "csv",
        show_progress=True,
        total_bytes=len(big),
        progress_stream=err,
    )
    assert "\r" in err.getvalue() and "100%" in err.getvalue()
    assert "\r" not in out.getvalue()
    quiet = io.StringIO()
    grade_rows((PACK,), io.StringIO(big), io.StringIO(), "csv", progress_stream=quiet)
    assert quiet.getvalue() == ""


def test_a_cell_bigger_than_csvs_default_limit_is_graded() -> None:
    before = csv.field_size_limit(131_072)  # csv's default, whatever ran before
    try:
        huge = "Hohhot " * 30_000  # 210,000 characters in one cell
        text, summary = run("csv", f'question,response\ncapital,"{huge}"\ncapital,Hohhot\n')
    finally:
        csv.field_size_limit(max(before, csv.field_size_limit()))
    rows = list(csv.reader(io.StringIO(text)))
    assert summary.rows == 2 and summary.errors == 0
    assert rows[1][2] == "incorrect" and rows[2][2] == "correct"


def test_cells_beyond_the_header_are_kept() -> None:
    source = "question,response\ncapital,Hohhot,late,,\ncapital,Baotou\n"
    text, _ = run("csv", source)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["capital", "Hohhot", "correct", "1", rows[1][4], "late"]
    assert len(rows[2]) == 5
    text, _ = run("jsonl", source)
    objects = [json.loads(line) for line in text.splitlines()]
    assert objects[0]["column3"] == "late"
    assert "column3" not in objects[1]


def test_duplicate_header_names_are_all_kept_in_jsonl() -> None:
    text, _ = run("jsonl", "note,question,response,note,note_2\nA,capital,Hohhot,B,C\n")
    record = json.loads(text)
    assert (record["note"], record["note_2"], record["note_2_2"]) == ("A", "B", "C")
    assert record["verdict"] == "correct"


def test_spreadsheet_filler_rows_of_empty_cells_are_skipped() -> None:
    text, summary = run("csv", "question,response,note\ncapital,Hohhot,\n,,\n , ,\n,,\n")
    assert summary == GradeSummary(rows=1, errors=0, correct=1, partial=0, incorrect=0)
    assert len(list(csv.reader(io.StringIO(text)))) == 2
