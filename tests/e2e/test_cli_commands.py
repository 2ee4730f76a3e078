"""``quizbot grade``, ``ask`` and ``stats`` as real processes, as teachers' scripts use them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from quizbot.packs.builtin import builtin_pack_dir

Run = Callable[..., subprocess.CompletedProcess[str]]
PACK = str(builtin_pack_dir() / "digital-china.yaml")

RESPONSES = [
    # (question id, response, expected verdict)
    ("os-education", "342 million", "correct"),
    ("os-education", "346 million", "incorrect"),
    ("os-education", "3.42亿", "correct"),
    ("health-code-registrations#1", "900 million", "correct"),
    ("no-such-question", "anything", "error"),
]


def write_csv(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question", "response"])
        for number, (question, response, _) in enumerate(RESPONSES):
            writer.writerow([f"s{number}", question, response])


def test_grade_writes_verdicts_keeps_columns_and_flags_unknown_ids(
    run_quizbot: Run, tmp_path: Path
) -> None:
    from quizbot.packs.loader import load_pack

    pack = load_pack(PACK).pack
    assert pack is not None
    for question, _, verdict in RESPONSES:
        assert (pack.question(question) is None) == (verdict == "error"), question
    write_csv(tmp_path / "answers.csv")
    result = run_quizbot("grade", "--pack", PACK, "answers.csv")
    assert result.returncode == 1  # one unknown question id
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["student"] for row in rows] == [f"s{n}" for n in range(len(RESPONSES))]
    assert [row["verdict"] for row in rows] == [v for _, _, v in RESPONSES]
    assert rows[0]["score"] == "1" and rows[1]["score"] == "0"
    assert "342 million" in rows[1]["feedback"]
    assert "graded 5 rows" in result.stderr


def test_grade_jsonl_to_a_file(run_quizbot: Run, tmp_path: Path) -> None:
    write_csv(tmp_path / "answers.csv")
    result = run_quizbot(
        "grade", "--pack", PACK, "answers.csv", "--format", "jsonl", "-o", "out.jsonl"
    )
    assert result.returncode == 1
    assert result.stdout == ""
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [row["verdict"] for row in rows] == [v for _, _, v in RESPONSES]
    assert rows[2]["response"] == "3.42亿" and rows[2]["student"] == "s2"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")]


def test_grade_without_errors_exits_zero(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "ok.csv").write_text("question,response\nos-education,342m\n")
    result = run_quizbot("grade", "ok.csv")  # the built-in packs
    assert result.returncode == 0, result.stderr
    assert "correct" in result.stdout


def test_grade_missing_column_is_one_line(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("id,answer\nx,y\n")
    result = run_quizbot("grade", "bad.csv")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "question" in result.stderr


def test_ask_answers_with_its_source_or_says_it_does_not_know(run_quizbot: Run) -> None:
    known = run_quizbot("ask", "how many people use online education?")
    assert known.returncode == 0
    assert "342 million" in known.stdout and "Source: " in known.stdout
    assert "China Daily" in known.stdout
    unknown = run_quizbot("ask", "what is the boiling point of water?")
    assert unknown.returncode == 1
    assert "don't know" in unknown.stdout and "Health codes" in unknown.stdout


def test_stats_json_counts_the_answers_of_a_plain_session(run_quizbot: Run, tmp_path: Path) -> None:
    empty = run_quizbot("stats", "--json", "--profile", "ana")
    assert empty.returncode == 0
    assert json.loads(empty.stdout)["answered"] == 0
    played = run_quizbot(
        "play",
        "--plain",
        "--profile",
        "ana",
        "--round",
        "3",
        "--seed",
        "1",
        input="\nzzz wrong\n/skip\nzzz\n",
    )
    assert played.returncode == 0, played.stderr
    summary = json.loads(run_quizbot("stats", "--json", "--profile", "ana").stdout)
    assert summary["answered"] == 3 and summary["correct"] == 0
    other = json.loads(run_quizbot("stats", "--json", "--profile", "ben").stdout)
    assert other["answered"] == 0
    text = run_quizbot("stats", "--profile", "ana")
    assert text.returncode == 0 and "3" in text.stdout


def test_two_plain_sessions_at_once_keep_every_answer(tmp_path: Path) -> None:
    env = {**os.environ, "QUIZBOT_HOME": str(tmp_path / "home")}
    script = "\n" + "/skip\n" * 10
    sessions = [
        subprocess.Popen(
            [sys.executable, "-m", "quizbot", "play", "--plain", "--round", "10"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    for session in sessions:
        assert session.stdin is not None
        session.stdin.write(script)
        session.stdin.close()
    for session in sessions:
        assert session.wait(timeout=120) == 0
    history = next((tmp_path / "home").rglob("history.jsonl"))
    records = [json.loads(line) for line in history.read_text("utf-8").splitlines()]
    assert len(records) == 20
    assert all(r["verdict"] == "skipped" for r in records)


def test_bad_profile_name_is_one_line(run_quizbot: Run) -> None:
    result = run_quizbot("stats", "--profile", "../etc")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1


def test_grade_to_an_unwritable_place_is_one_line(run_quizbot: Run, tmp_path: Path) -> None:
    write_csv(tmp_path / "answers.csv")
    for target in (str(tmp_path), str(tmp_path / "missing" / "out.csv")):
        result = run_quizbot("grade", "--pack", PACK, "answers.csv", "-o", target)
        assert result.returncode == 74  # the contract's environment failure
        assert result.stderr.startswith("quizbot: cannot write") and result.stderr.count("\n") == 1
