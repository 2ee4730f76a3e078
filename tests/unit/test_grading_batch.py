"""Batch grading: a responses CSV in, graded CSV or JSON Lines out, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from grading_helpers import q
from hypothesis import given, settings
from hypothesis import strategies as st

from quizbot.batch import (
    MAX_QUOTED_CHARS,
    MAX_QUOTED_LINES,
    BatchError,
    GradeSummary,
    grade_rows,
    spreadsheet_safe,
)
from quizbot.packs.model import Fact, Pack, Question, Reject
from quizbot.textinput import decoded_lines

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


# ---------------------------------------------------------------- lost quotes


def lost(text: str) -> BatchError:
    with pytest.raises(BatchError) as caught:
        run("csv", text)
    assert "\n" not in str(caught.value)
    return caught.value


def test_a_quote_left_open_to_the_end_is_reported_where_it_began() -> None:
    source = 'question,response\ncapital,Hohhot\ncapital,"Hohhot\ncapital,Hohhot\ncapital,Baotou\n'
    error = lost(source)
    assert error.line == 3
    assert "quote" in str(error)


@pytest.mark.parametrize("ending", ["", "\n"])
def test_a_quote_open_on_the_last_line_is_reported_with_or_without_a_line_end(
    ending: str,
) -> None:
    assert lost(f'question,response\ncapital,Hohhot\ncapital,"Hoh{ending}').line == 3


def test_a_quote_that_swallows_many_lines_stops_at_the_limit() -> None:
    rows = ["capital,Hohhot"] * 10 + ['capital,"Hohhot'] + ["capital,Hohhot"] * 10_000
    source = "question,response\n" + "\n".join(rows) + '\ncapital,"Baotou"\n'
    error = lost(source)  # the quote closes at the very end, 10,000 lines later
    assert error.line == 12
    assert str(MAX_QUOTED_LINES) in str(error)


def test_a_quote_that_swallows_a_few_long_lines_stops_at_the_character_limit() -> None:
    long_line = "capital," + "x" * 4_000
    source = (
        'question,response\ncapital,"Hohhot\n' + "\n".join([long_line] * 5) + '"\ncapital,Hohhot\n'
    )
    assert MAX_QUOTED_CHARS < 4 * 4_000
    assert lost(source).line == 2


def test_multi_line_cells_within_the_limits_are_graded() -> None:
    items = "\n".join(["Guizhou"] * 3 + ["Yunnan"])
    many = "\n".join(["Guizhou"] * (MAX_QUOTED_LINES - 2) + ["Yunnan"])
    source = f'question,response\nprovinces,"{items}"\nprovinces,"{many}"\ncapital,Hohhot\n'
    text, summary = run("csv", source)
    assert summary == GradeSummary(rows=3, errors=0, correct=3, partial=0, incorrect=0)
    assert [r[2] for r in csv.reader(io.StringIO(text))][1:] == ["correct"] * 3


def test_a_one_line_cell_may_be_long_and_a_quote_may_close_on_the_last_line() -> None:
    _, summary = run("csv", f'question,response\ncapital,"{"Hohhot " * 5_000}"')
    assert summary.rows == 1 and summary.incorrect == 1
    _, summary = run("csv", 'question,response\ncapital,"Hoh\nhot"')
    assert summary.rows == 1


# ------------------------------------------------------- spreadsheets, terminals


@pytest.mark.parametrize(
    "response", ["@SUM(1+1)", '=HYPERLINK("http://x")', "+1", "-1", "\t=1", "\r=1"]
)
def test_feedback_never_starts_with_a_formula_character(response: str) -> None:
    source = io.StringIO()
    csv.writer(source).writerows([["question", "response"], ["capital", response]])
    text, _ = run("csv", source.getvalue())
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[1] == response  # the teacher's columns are kept as they are
    assert not row[4].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not row[2].startswith(("=", "+", "-", "@")) and row[3] == "0"


def test_an_authors_feedback_or_an_unknown_id_cannot_start_a_formula() -> None:
    pack = Pack(
        id="p",
        title="P",
        questions=(q("text", "Hohhot", id="city", reject=(Reject("Baotou", "=1+1 no"),)),),
    )
    source = "question,response\ncity,Baotou\n=cmd|' /C calc'!A0,x\n"
    text, _ = run("csv", source, packs=(pack,))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][4] == "'=1+1 no"
    assert rows[2][0].startswith("=")  # kept: it is the teacher's own column
    assert rows[2][2] == "error" and rows[2][4].startswith("unknown question id")


def test_spreadsheet_safe_escapes_controls_and_disarms_formulas() -> None:
    assert spreadsheet_safe("@SUM(1)") == "'@SUM(1)"
    assert spreadsheet_safe("fine - really") == "fine - really"
    assert (
        spreadsheet_safe("a\x1b]52;c;eA==\x07b\x9b\u202e") == "a\\x1b]52;c;eA==\\x07b\\x9b\\u202e"
    )


def test_control_characters_of_a_response_are_escaped_in_the_added_columns_only() -> None:
    evil = "\x1b]0;pwned\x07Baotou\x1b[2J"
    for fmt in ("csv", "jsonl"):
        text, _ = run(fmt, f"question,response\ncapital,{evil}\n")
        raw = text.split("\n", 1)[1] if fmt == "csv" else text
        cells = (
            next(csv.reader(io.StringIO(raw))) if fmt == "csv" else list(json.loads(text).values())
        )
        assert cells[1] == evil  # the teacher's column holds what the student typed
        assert all("\x1b" not in str(c) and "\x07" not in str(c) for c in cells[2:])


def test_a_byte_order_mark_only_when_asked() -> None:
    out = io.StringIO()
    grade_rows((PACK,), io.StringIO("question,response\ncapital,呼和浩特\n"), out, "csv", bom=True)
    assert out.getvalue().startswith("\ufeffquestion,")
    assert run("csv")[0].startswith("student,")


# ------------------------------------------------------------------ buffering


class CountingWrites(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_rows_are_written_in_blocks_not_one_write_each() -> None:
    out = CountingWrites()
    source = "question,response\n" + "capital,Hohhot\n" * 5_000
    summary = grade_rows((PACK,), io.StringIO(source), out, "csv")
    assert summary.rows == 5_000
    assert len(out.getvalue().splitlines()) == 5_001
    assert out.writes <= 5  # about 200 KB in 64 KB blocks


def test_rows_before_a_bad_line_are_still_written() -> None:
    out = io.StringIO()
    with pytest.raises(BatchError):
        grade_rows(
            (PACK,), io.StringIO('question,response\ncapital,Hohhot\ncapital,"x'), out, "csv"
        )
    assert out.getvalue().count("\n") == 2  # the header and the graded row


@pytest.mark.parametrize("separator", ["\t", ";"])
def test_tab_or_semicolon_separated_files_as_excel_saves_them(separator: str) -> None:
    source = f"question{separator}response{separator}note\ncapital{separator}Hohhot{separator}a,b\n"
    text, summary = run("csv", source)
    assert summary.correct == 1
    assert list(csv.reader(io.StringIO(text)))[1] == [
        "capital",
        "Hohhot",
        "a,b",
        "correct",
        "1",
        "Correct — Hohhot.",
    ]


CELL = st.lists(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe")
    | st.sampled_from(["\n", "\r", "\r\n", '"', ",", "\t", "呼和浩特"]),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(CELL, CELL), min_size=1, max_size=8),
    # csv quotes a lone "\r" only when it is part of the line end: with "\n" line ends
    # it would write such a cell bare (the very bug grade avoids), so quote all.
    st.sampled_from([("\r\n", csv.QUOTE_MINIMAL), ("\n", csv.QUOTE_ALL)]),
)
def test_any_file_csv_writes_is_read_back_cell_for_cell(
    rows: list[tuple[str, str]], dialect: tuple[str, int]
) -> None:
    """Multi-line cells, quotes, CRs and commas within the limits are never taken for a
    lost quote, and every teacher's cell comes back as it was written."""
    source = io.StringIO()
    writer = csv.writer(source, lineterminator=dialect[0], quoting=dialect[1])
    writer.writerow(["question", "response", "note"])
    writer.writerows([("capital", response, note) for response, note in rows])
    out = io.StringIO()
    data = io.BytesIO(source.getvalue().encode("utf-8"))
    summary = grade_rows((PACK,), decoded_lines(data), out, "csv")
    assert summary.rows == len(rows)
    back = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1:]
    assert [(r[1], r[2]) for r in back] == rows
