"""The environment failing is not a bug: one line and exit 74, for every command.

The contract: 74 when the environment fails (output closed or full, an unwritable
target, an input that cannot be read, text the terminal's encoding cannot show),
with one line saying what and where; never "internal error ... please report it".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizbot.packs.builtin import builtin_pack_dir

PACK = str(builtin_pack_dir() / "digital-china.yaml")
QUESTION = "how many people use online education"
ENVIRONMENT = 74

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and shells")


def run(
    tmp_path: Path,
    *args: str,
    stdout: int | None = None,
    env: dict[str, str] | None = None,
    shell_redirect: str = "",
) -> subprocess.CompletedProcess[str]:
    """``python -m quizbot ARGS`` with stdout where the test says; stderr captured."""
    environment = {**os.environ, "QUIZBOT_HOME": str(tmp_path / "home"), "PYTHONUTF8": "1"}
    environment.pop("QUIZBOT_DEBUG", None)
    environment.update(env or {})
    argv = [sys.executable, "-m", "quizbot", *args]
    if shell_redirect:  # e.g. ">&-": only a shell can start a process with stdout closed
        argv = ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", *argv]
    return subprocess.run(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=tmp_path,
        env=environment,
        timeout=60,
    )


def assert_one_clear_line(stderr: str, *fragments: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("quizbot: ")
    assert "internal error" not in stderr and "Traceback" not in stderr
    assert "Exception ignored" not in stderr  # Python's own complaint at exit
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def command_lines(tmp_path: Path) -> dict[str, list[str]]:
    """One invocation of every command that writes to standard output."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: p\ntitle: [unclosed\n", encoding="utf-8")
    responses = tmp_path / "responses.csv"
    responses.write_text("question,response\nos-education,342 million\n", encoding="utf-8")
    return {
        "ask": ["ask", QUESTION],
        "validate": ["validate", str(broken)],
        "grade": ["grade", "--pack", PACK, str(responses)],
        "stats": ["stats"],
        "play": ["play", "--plain"],
        "help": ["--help"],
        "version": ["--version"],
    }


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", ["ask", "validate", "grade", "stats", "play", "help", "version"]
)
def test_a_full_output_is_one_line_and_74(tmp_path: Path, command: str) -> None:
    args = command_lines(tmp_path)[command]
    with open("/dev/full", "w") as full:
        done = run(tmp_path, *args, stdout=full.fileno())
    assert done.returncode == ENVIRONMENT, done.stderr
    assert_one_clear_line(done.stderr, "standard output")


@pytest.mark.parametrize("command", ["ask", "validate", "stats"])
def test_a_closed_output_is_one_line_and_74(tmp_path: Path, command: str) -> None:
    done = run(tmp_path, *command_lines(tmp_path)[command], shell_redirect=">&-")
    assert done.returncode == ENVIRONMENT, done.stderr
    assert_one_clear_line(done.stderr, "standard output is closed")


def test_text_the_terminal_cannot_show_is_one_line_and_74(tmp_path: Path) -> None:
    # The answer quotes its source with curly quotes, which ASCII cannot show.
    assert any(ord(c) > 127 for c in run(tmp_path, "ask", QUESTION).stdout)
    done = run(tmp_path, "ask", QUESTION, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == ENVIRONMENT, done.stderr
    assert_one_clear_line(done.stderr, "(ascii)", "UTF-8")


def test_a_reader_that_leaves_early_is_not_an_error(tmp_path: Path) -> None:
    """``quizbot validate ... | head -1``: the pipe closes; no noise, no failure status."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(2000):  # enough problem lines to overflow the pipe's buffer
        (folder / f"p{number}.yaml").write_text("pack: [\n", encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    try:
        done = run(tmp_path, "validate", str(folder), stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
