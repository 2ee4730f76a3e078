"""``quizbot drill --plain`` and ``quizbot report`` as real processes: a drill played from
a script, one killed with SIGKILL and resumed, and the report of what the class said."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

# The run_quizbot fixture (tests/e2e/conftest.py): quizbot ARGS as a real process.
Run = Callable[..., subprocess.CompletedProcess[str]]

PACK = """\
pack: geo
title: Geography
sources:
  - id: atlas
    title: The Atlas
questions:
  - id: capital
    type: text
    prompt: Which city is the capital of Guangdong?
    answer: Guangzhou
    explanation: Canton is its old name.
    source: atlas
  - id: users
    type: number
    prompt: How many million internet users did China have in mid-2008?
    answer: 253
  - id: province
    type: text
    prompt: Which province is Wuhan in?
    answer: Hubei
    reject: [Hebei]
"""

IDS = "capital,users,province"


def write_pack(tmp_path: Path) -> Path:
    path = tmp_path / "geo.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def sessions(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "home" / "drills").iterdir())


def test_a_scripted_drill_ends_on_the_podium(tmp_path: Path, run_quizbot: Run) -> None:
    pack = write_pack(tmp_path)
    # Turns: question 1 Red, Blue, Green; question 2 Blue first; question 3 Green first.
    lines = ["Guangzhou", "Canton", "Guangzhou", "", "300", "/right", "12", "253", "",
             "Hebei", "Hubei", "Hebei", ""]  # fmt: skip
    result = run_quizbot(
        "drill", "--plain", "--pack", str(pack), "--ids", IDS, "--seconds", "0",
        "--teams", "Red,Blue,Green",
        input="\n".join(lines) + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Question 1 of 3: Which city is the capital of Guangdong?" in out
    assert "Canton is its old name." in out and "Source: “The Atlas”" in out
    assert "Overruled: Blue's answer to question 2 is right." in out
    podium = out[out.index("Podium:") :]
    # Red: 1000 + 1100 + 1200 (three right in a row); Blue 0 + 1000 (overruled) + 0.
    assert "1st: Red with 3300 points" in podium
    assert "2nd: Blue with 1000 points" in podium and "2nd: Green with 1000 points" in podium
    assert len(sessions(tmp_path)) == 1


def test_bad_teams_and_rosters_are_one_line(tmp_path: Path, run_quizbot: Run) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name,team\nAnn,Red\nBo\n", encoding="utf-8")
    result = run_quizbot("drill", "--plain", "--roster", str(roster))
    assert result.returncode == 2
    assert result.stderr == f"quizbot: {roster}:3:3: a line needs a name and a team: Ann,Red\n"
    result = run_quizbot("drill", "--plain", "--teams", "Red,red")
    assert result.returncode == 2 and "same name" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_drill_resumes_where_it_stopped(tmp_path: Path, run_quizbot: Run) -> None:
    pack = write_pack(tmp_path)
    env = {**os.environ, "QUIZBOT_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
    drill = subprocess.Popen(
        [sys.executable, "-m", "quizbot", "drill", "--plain", "--pack", str(pack),
         "--ids", IDS, "--seconds", "0", "--teams", "Red,Blue"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, encoding="utf-8", env=env,
    )  # fmt: skip
    assert drill.stdin is not None and drill.stdout is not None
    watchdog = threading.Timer(60, drill.kill)
    watchdog.start()
    try:
        for line in ("Guangzhou", "Canton", "", "253"):
            drill.stdin.write(line + "\n")
            drill.stdin.flush()
        seen = ""
        while "Blue: 253 - right" not in seen:  # question 2 begins with Blue
            got = drill.stdout.readline()
            assert got, "the drill ended before the last answer was shown"
            seen += got
        drill.send_signal(signal.SIGKILL)
        drill.wait()
    finally:
        watchdog.cancel()
    result = run_quizbot("drill", "--plain", "--resume", input="250\n\nHubei\nHubei\n\n")
    assert result.returncode == 0, result.stderr
    assert "Question 2 of 3" in result.stdout and "Red's turn." in result.stdout
    assert "Red: 250 - wrong" in result.stdout
    assert "1st: Blue with 2100 points" in result.stdout  # 0 + 1000 + 1100 (a streak of 1)
    assert "2nd: Red with 2000 points" in result.stdout  # 1000 + 0 + 1000 (streak broken)
    report = run_quizbot("report", str(sessions(tmp_path)[0]), "--json", "-")
    assert report.returncode == 0, report.stderr


def test_the_report_prints_and_exports_for_a_spreadsheet(tmp_path: Path, run_quizbot: Run) -> None:
    pack = write_pack(tmp_path)
    lines = ["Guangzhou", "=Shenzhen", "", "253", "346 million", "", "Hebei", "Hubei", "", ""]
    result = run_quizbot(
        "drill", "--plain", "--pack", str(pack), "--ids", IDS, "--seconds", "0",
        "--teams", "红队,Blue", "--name", "period 3",
        input="\n".join(lines) + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (session,) = sessions(tmp_path)
    assert session.name.endswith("-period-3")
    out_csv, out_json = tmp_path / "grades.csv", tmp_path / "grades.json"
    report = run_quizbot(
        "report", session.name, "--csv", str(out_csv), "--json", str(out_json), "--bom"
    )
    assert report.returncode == 0, report.stderr
    assert "红队: 1000 points, 1/3 right (33%)" in report.stdout
    assert "  1 x =Shenzhen" in report.stdout
    data = out_csv.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "name", "team", "question", "response", "verdict", "score", "points", "time_ms",
        "overruled",
    ]  # fmt: skip
    assert rows[1][:7] == ["红队", "", "geo/capital", "Guangzhou", "correct", "1", "1000"]
    assert rows[2][3] == "'=Shenzhen"  # never a formula
    document = json.loads(out_json.read_text(encoding="utf-8"))
    province = document["questions"][2]
    assert province["share_correct"] == 0.5
    assert [g["answer"] for g in province["wrong_answers"]] == ["Hebei"]
    assert "Traceback" not in report.stderr


def test_report_of_a_missing_session_is_one_line(tmp_path: Path, run_quizbot: Run) -> None:
    result = run_quizbot("report", "nowhere")
    assert result.returncode == 1
    assert result.stderr.startswith("quizbot: no drill session at nowhere")
    assert result.stderr.count("\n") == 1


def test_names_and_answers_reach_the_terminal_as_text(tmp_path: Path, run_quizbot: Run) -> None:
    pack = write_pack(tmp_path)
    result = run_quizbot(
        "drill", "--plain", "--pack", str(pack), "--ids", "capital", "--seconds", "0",
        "--teams", "\x1b[31mRed,[b]Blue[/b]",
        input="\x1b]0;pwned\x07\nguangzou\n\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[b]Blue[/b]: guangzou - right" in result.stdout
    report = run_quizbot("report", sessions(tmp_path)[0].name)
    assert "\x1b" not in report.stdout and "[b]Blue[/b]" in report.stdout


def test_a_drill_leaves_everyone_s_progress_alone(tmp_path: Path, run_quizbot: Run) -> None:
    pack = write_pack(tmp_path)
    result = run_quizbot(
        "drill", "--plain", "--pack", str(pack), "--ids", IDS, "--seconds", "0",
        input="Guangzhou\nGuangzhou\nGuangzhou\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "home").iterdir()] == ["drills"]


def test_a_wrong_answer_judged_right_joins_the_pack_and_the_session_is_graded_again(
    tmp_path: Path, run_quizbot: Run
) -> None:
    pack = write_pack(tmp_path)
    pack.write_text("# the author's comment\n" + PACK, encoding="utf-8")
    result = run_quizbot(
        "drill", "--plain", "--pack", str(pack), "--ids", "capital", "--seconds", "0",
        "--teams", "Red,Blue", input="Guangzhou\nCanton\n\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    session = sessions(tmp_path)[0].name
    refused = run_quizbot("report", session, "--accept", "1:Canton")
    assert refused.returncode == 1 and "add --yes to confirm" in refused.stderr
    assert "Canton" not in pack.read_text(encoding="utf-8").split("explanation")[0]
    report = run_quizbot("report", session, "--accept", "1:Canton", "--yes")
    assert report.returncode == 0, report.stderr
    assert "graded again: 1 verdict(s) changed" in report.stderr
    assert "geo/capital: 2/2 right (100%)" in report.stdout
    assert "Blue: 1000 points, 1/1 right" in report.stdout
    text = pack.read_text(encoding="utf-8")
    assert text.startswith("# the author's comment\n") and "Canton" in text
    builtin = run_quizbot("drill", "--plain", "--ids", "hc-name", "--seconds", "0", input="x\n\n")
    assert builtin.returncode == 0, builtin.stderr
    again = run_quizbot("report", sessions(tmp_path)[-1].name, "--accept", "1:x", "--yes")
    assert again.returncode == 1 and "built-in packs cannot be changed" in again.stderr
