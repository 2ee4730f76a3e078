"""Which ``quizbot report SESSION`` a teacher gets: the report screen on a terminal, text
with ``--plain`` or in a pipe, files with ``--csv``/``--json``; only the screen loads
Textual."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

# The run_quizbot fixture (tests/e2e/conftest.py): quizbot ARGS as a real process.
Run = Callable[..., subprocess.CompletedProcess[str]]

PACK = """\
pack: geo
title: Geography
questions:
  - id: capital
    type: text
    prompt: Which city is the capital of Guangdong?
    answer: Guangzhou
"""
WAIT = 60.0


def drilled(tmp_path: Path, run_quizbot: Run) -> str:
    """A finished drill's session folder: Red right, Blue and Green one typo apart."""
    pack = tmp_path / "geo.yaml"
    pack.write_text(PACK, encoding="utf-8")
    result = run_quizbot(
        "drill", "--plain", "--pack", str(pack), "--ids", "capital", "--seconds", "0",
        "--teams", "Red,Blue,Green", input="Guangzhou\nShenzhen\nshenzen\n\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (folder,) = (tmp_path / "home" / "drills").iterdir()
    return str(folder)


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--csv", "-"], "name,team,question,response"),
        (["--json", "-"], '"wrong_answers"'),
        (["--plain"], "2 x Shenzhen (also: shenzen)"),
    ],
)
def test_reports_that_are_not_the_screen_never_load_textual(
    tmp_path: Path, run_quizbot: Run, flags: list[str], expected: str
) -> None:
    session = drilled(tmp_path, run_quizbot)
    # As on a terminal: only the flags keep the screen away.
    code = (
        "import sys, quizbot.terminal\n"
        "quizbot.terminal.full_screen_wanted = lambda plain, **_: not plain\n"
        "from quizbot.cli import main\n"
        f"status = main(['report', {session!r}, *{flags!r}])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print('TEXTUAL:' + ','.join(bad))\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1"}, timeout=WAIT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert result.stdout.rstrip().endswith("TEXTUAL:")


def test_a_piped_report_is_text(tmp_path: Path, run_quizbot: Run) -> None:
    session = drilled(tmp_path, run_quizbot)
    result = run_quizbot("report", session)
    assert result.returncode == 0
    assert "     2 x Shenzhen (also: shenzen)" in result.stdout.splitlines()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_the_report_opens_its_screen(tmp_path: Path, run_quizbot: Run) -> None:
    session = drilled(tmp_path, run_quizbot)
    main, child = pty.openpty()
    os.set_blocking(main, False)
    process = subprocess.Popen(
        [sys.executable, "-m", "quizbot", "report", session],
        stdin=child, stdout=child, stderr=child, close_fds=True,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"},
    )  # fmt: skip
    os.close(child)
    output = b""
    try:
        deadline = time.monotonic() + WAIT
        while b"Accept answer" not in output and time.monotonic() < deadline:
            if select.select([main], [], [], 0.5)[0]:
                try:
                    output += os.read(main, 65536)
                except OSError:
                    break
        assert b"Accept answer" in output, output[-2000:]
        assert b"\x1b[?1049h" in output  # the alternate screen: a full-screen app
        os.write(main, b"q")
        status = process.wait(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    assert status == 0
