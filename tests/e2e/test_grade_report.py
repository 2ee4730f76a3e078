"""``quizbot grade --report``, as real processes: each question's share right and its
wrong answers grouped as ``quizbot report`` groups them, on stderr or in a file, while
the graded rows on stdout stay byte for byte what they are without it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

# The run_quizbot fixture (tests/e2e/conftest.py): quizbot ARGS as a real process.
Run = Callable[..., subprocess.CompletedProcess[str]]

PACK = """\
pack: class-check
title: Class check
version: 1
language: en
questions:
  - id: hubei-capital
    type: text
    prompt: Which city is the capital of Hubei?
    answer: Wuhan
  - id: province
    type: text
    prompt: Which province is Zhengzhou in?
    answer: Henan
    reject: [Hebei]
  - id: os-users
    type: number
    prompt: How many people took online classes in spring 2020?
    answer: 300 million
  - id: count
    type: number
    prompt: Pick a number between one and a hundred that is a hundred.
    answer: 100
"""

ROWS = [
    ("Ann", "hubei-capital", "Wuhan"),
    ("Bo", "hubei-capital", "Guangzhou"),
    ("Cai", "hubei-capital", "guangzou"),
    ("Dee", "hubei-capital", "Shenzhen"),
    ("Eve", "hubei-capital", "GUANGZHOU"),
    ("Fay", "os-users", "342 million"),
    ("Gus", "os-users", "346 million"),
    ("Hal", "os-users", "342,000,000"),
    ("Ida", "os-users", "300 million"),
    ("Jo", "province", "Hubei"),
    ("Kim", "province", "Hebei"),
    ("Lu", "province", "hubei"),
    ("Max", "nowhere", "x"),  # unknown question: an error row, in no question's summary
    ("Ned", "hubei-capital", "[b]x[/] \x1b[31mred"),
]


def write_files(folder: Path, rows: list[tuple[str, str, str]] = ROWS) -> tuple[Path, Path]:
    pack = folder / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "question", "response"])
    writer.writerows(rows)
    responses = folder / "responses.csv"
    responses.write_text(out.getvalue(), encoding="utf-8")
    return pack, responses


def test_the_report_groups_wrong_answers_as_the_grader_reads_them(
    run_quizbot: Run, tmp_path: Path
) -> None:
    pack, responses = write_files(tmp_path)
    result = run_quizbot("grade", "--pack", str(pack), str(responses), "--report")
    assert result.returncode == 1  # the unknown question's row, as without --report
    report = result.stderr.splitlines()
    assert report[0].startswith("graded 14 rows:")
    assert "  hubei-capital: 1/6 right (17%) - Which city is the capital of Hubei?" in report
    at = report.index("  hubei-capital: 1/6 right (17%) - Which city is the capital of Hubei?")
    # a typo and a change of case are one answer; the biggest group first
    assert report[at + 1 : at + 5] == [
        "     answer: Wuhan",
        "     3 x Guangzhou (also: guangzou, GUANGZHOU)",
        "     1 x Shenzhen",
        # shown literally: markup as text, the escape character escaped
        "     1 x [b]x[/] \\x1b[31mred",
    ]
    at = report.index(
        "  os-users: 1/4 right (25%) - How many people took online classes in spring 2020?"
    )
    # 342 million and 346 million are never one group, however alike they look
    assert report[at + 2 : at + 4] == [
        "     2 x 342 million (also: 342,000,000)",
        "     1 x 346 million",
    ]
    at = report.index("  province: 0/3 right (0%) - Which province is Zhengzhou in?")
    # the reject keeps Hebei apart from Hubei
    assert report[at + 2 : at + 4] == ["     2 x Hubei (also: hubei)", "     1 x Hebei"]
    assert not any("nowhere" in line for line in report)


def test_stdout_is_byte_for_byte_the_same_with_and_without_the_report(
    run_quizbot: Run, tmp_path: Path
) -> None:
    pack, responses = write_files(tmp_path)
    for fmt in ("csv", "jsonl"):
        plain = run_quizbot("grade", "--pack", str(pack), str(responses), "--format", fmt)
        with_report = run_quizbot(
            "grade", "--pack", str(pack), str(responses), "--format", fmt, "--report"
        )
        assert plain.stdout == with_report.stdout
        assert plain.returncode == with_report.returncode == 1
        assert "Report" not in plain.stderr
        assert "Report" in with_report.stderr


def test_the_report_as_json_in_a_file(run_quizbot: Run, tmp_path: Path) -> None:
    pack, responses = write_files(tmp_path)
    target = tmp_path / "report.json"
    result = run_quizbot(
        "grade", "--pack", str(pack), str(responses),
        "--report-file", str(target), "--report-format", "json", "-o", str(tmp_path / "out.csv"),
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Report" not in result.stderr  # it went to the file
    questions = {q["question"]: q for q in json.loads(target.read_text("utf-8"))["questions"]}
    assert list(questions) == ["hubei-capital", "os-users", "province"]  # as first seen
    users = questions["os-users"]
    assert (users["answered"], users["correct"], users["share_correct"]) == (4, 1, 0.25)
    assert users["wrong_answers"] == [
        {"answer": "342 million", "count": 2, "forms": ["342 million", "342,000,000"]},
        {"answer": "346 million", "count": 1, "forms": ["346 million"]},
    ]
    assert users["other_answers"] == 0
    assert questions["hubei-capital"]["wrong_answers"][-1]["answer"] == "[b]x[/] \x1b[31mred"


def test_beyond_the_listed_groups_the_rest_are_other_answers(
    run_quizbot: Run, tmp_path: Path
) -> None:
    # 12 different wrong numbers, one of them three times: 10 groups are listed
    rows = [("s", "count", str(n)) for n in range(1, 13)] + [("s", "count", "7")] * 2
    pack, responses = write_files(tmp_path, rows)
    result = run_quizbot("grade", "--pack", str(pack), str(responses), "--report")
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    at = lines.index(
        "  count: 0/14 right (0%) - Pick a number between one and a hundred that is a hundred."
    )
    listed = lines[at + 2 : at + 12]
    assert listed[0] == "     3 x 7"
    assert len(listed) == 10 and all(" x " in line for line in listed)
    assert lines[at + 12] == "     2 other answers"
    assert len(lines) == at + 13


@pytest.mark.parametrize(
    ("target", "output"),
    [
        ("-", "out.csv"),
        ("responses.csv", "out.csv"),
        ("./sub/../responses.csv", "out.csv"),
        ("out.csv", "out.csv"),
        ("./out.csv", "out.csv"),
        ("/dev/stdout", None),  # the graded rows' stdout
    ],
)
def test_the_report_file_must_be_a_file_of_its_own(
    run_quizbot: Run, tmp_path: Path, target: str, output: str | None
) -> None:
    pack, responses = write_files(tmp_path)
    (tmp_path / "sub").mkdir()
    before = responses.read_bytes()
    where = ["-o", output] if output else []
    result = run_quizbot(
        "grade", "--pack", str(pack), "responses.csv", *where, "--report-file", target
    )
    assert result.stdout == ""
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--report-file" in result.stderr
    assert responses.read_bytes() == before
    assert not (tmp_path / "out.csv").exists()


def test_an_unwritable_report_file_is_an_environment_failure(
    run_quizbot: Run, tmp_path: Path
) -> None:
    pack, responses = write_files(tmp_path)
    missing = tmp_path / "no-such-folder" / "report.txt"
    result = run_quizbot(
        "grade", "--pack", str(pack), str(responses), "--report-file", str(missing)
    )
    assert result.returncode == 74
    assert result.stderr.splitlines()[-1].startswith("quizbot: cannot write")
    assert result.stdout.startswith("student,question,response,verdict")  # graded all the same
