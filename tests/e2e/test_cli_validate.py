"""``quizbot validate`` and the shared command-line behaviour, as real processes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from quizbot.packs.builtin import builtin_pack_dir

Run = Callable[..., subprocess.CompletedProcess[str]]
PROBLEM_LINE = re.compile(r"^.+:\d+(:\d+)?: .+$")

GOOD = """\
pack: tiny
title: Tiny
questions:
  - id: city
    type: text
    prompt: Where is the telemedicine centre of Inner Mongolia?
    answer: Hohhot
    tests:
      accepted: [Hohot]
      rejected: [Hefei]
"""


def test_version_and_help(run_quizbot: Run) -> None:
    version = run_quizbot("--version")
    assert version.returncode == 0 and version.stdout.startswith("quizbot ")
    for command in ("play", "validate", "grade", "ask", "stats"):
        shown = run_quizbot(command, "--help")
        assert shown.returncode == 0, shown.stderr
        assert "usage: quizbot " + command in shown.stdout


def test_validate_builtin_packs_passes(run_quizbot: Run) -> None:
    result = run_quizbot("validate", str(builtin_pack_dir()))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert re.search(r"\d+ packs?, \d+ questions, 0 problems", result.stderr)


def test_validate_reports_each_problem_as_one_line(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    broken = GOOD.replace("pack: tiny", "pack: broken").replace("prompt:", "promt:")
    broken = broken.replace("type: text", "type: txt")
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "evil.yaml").write_text("pack: !!python/object/apply:os.system [echo hi]\n")
    (tmp_path / "binary.yaml").write_bytes(b"\x00\xff\xfe garbage")
    result = run_quizbot("validate", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(PROBLEM_LINE.match(line) for line in lines), lines
    assert "Traceback" not in result.stdout + result.stderr
    assert any("broken.yaml:6:5: unknown key 'promt'" in line for line in lines), lines
    assert any("broken.yaml:5:11: unknown question type 'txt'" in line for line in lines)
    assert not any("has no 'prompt'" in line for line in lines)  # the misspelling says it
    assert any("evil.yaml:1:7:" in line and "not allowed" in line for line in lines)
    assert any("binary.yaml:1:" in line for line in lines)
    assert not any("good.yaml" in line for line in lines)
    assert "4 packs" not in result.stderr and "problems" in result.stderr


def test_validate_reports_failing_author_tests(run_quizbot: Run, tmp_path: Path) -> None:
    wrong = GOOD.replace("rejected: [Hefei]", "rejected: [Hohhot]")
    (tmp_path / "pack.yaml").write_text(wrong, encoding="utf-8")
    result = run_quizbot("validate", str(tmp_path / "pack.yaml"))
    assert result.returncode == 1
    assert re.search(r"pack\.yaml:10:18: test response 'Hohhot' should be rejected", result.stdout)


def test_validate_missing_path(run_quizbot: Run, tmp_path: Path) -> None:
    result = run_quizbot("validate", str(tmp_path / "nowhere.yaml"))
    assert result.returncode == 1
    assert PROBLEM_LINE.match(result.stdout.strip())
    assert "no such file" in result.stdout


def test_an_invalid_pack_stops_other_commands_before_anything_else(
    run_quizbot: Run, tmp_path: Path
) -> None:
    (tmp_path / "bad.yaml").write_text("pack: bad\ntitle: Bad\nquestions: 3\n")
    (tmp_path / "in.csv").write_text("question,response\nx,y\n")
    for args in (
        ("ask", "--pack", "bad.yaml", "what?"),
        ("grade", "--pack", "bad.yaml", "in.csv"),
        ("play", "--plain", "--pack", "bad.yaml"),
    ):
        result = run_quizbot(*args)
        assert result.returncode == 1, args
        assert "bad.yaml:3:12: questions must be a list" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "home").exists()  # nothing was done: no progress folder made


def test_unknown_option_is_one_line(run_quizbot: Run) -> None:
    result = run_quizbot("validate")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) <= 2
    assert "Traceback" not in result.stderr
