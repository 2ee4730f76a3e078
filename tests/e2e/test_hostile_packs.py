"""A hostile pack, hostile file names and hostile responses never drive the terminal.

Each command runs as a real process; its output is read as bytes (text mode would
turn a bare CR into a new line and hide it). The hostile pack is refused by
validation, so the fronts are also run with the check switched off
(``unchecked_quizbot.py``): whatever slips through must still print as text.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressStore

HOSTILE = Path(__file__).parent.parent / "data" / "hostile"
LAUNCHER = Path(__file__).with_name("unchecked_quizbot.py")

# What would drive a terminal: C0 controls but new line and tab, DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Lines of the hostile pack whose value holds an escape that makes a forbidden character.
FORBIDDEN_ESCAPE = re.compile(r"\\(e|r|a|x9b|u202e)")

RESPONSES = [
    "\x1b]0;pwned-response\x07",
    "\x1b]52;c;cHduZWQ=\x07 answer",
    "\x1b[2J\x1b[?1049l",
    "two [bold]\r",
    "\x9b31m [/] [link=http://x]y[/link]",
    "\u202eright to left",
]


def assert_inert(output: str) -> None:
    """No character that a terminal would obey, and no bare CR."""
    found = RAW.search(output.replace("\r\n", "\n"))
    assert found is None, (
        f"raw {found.group()!r} reached the terminal: "
        f"{output[max(0, found.start() - 40) : found.start() + 40]!r}"
    )


def run(*args: str, cwd: Path, unchecked: bool = False, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run quizbot (or the unchecked launcher); exit status, stdout and stderr, decoded."""
    command = [sys.executable, str(LAUNCHER)] if unchecked else [sys.executable, "-m", "quizbot"]
    env = {**os.environ, "QUIZBOT_HOME": str(cwd / "home"), "PYTHONUTF8": "1"}
    done = subprocess.run(
        [*command, *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def run_on_terminal(*args: str, cwd: Path, unchecked: bool = False) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal; exit status and what it showed."""
    command = [sys.executable, str(LAUNCHER)] if unchecked else [sys.executable, "-m", "quizbot"]
    env = {**os.environ, "QUIZBOT_HOME": str(cwd / "home"), "PYTHONUTF8": "1"}
    main, child = pty.openpty()
    process = subprocess.Popen(
        [*command, *args], stdin=subprocess.DEVNULL, stdout=child, stderr=child, cwd=cwd, env=env
    )
    os.close(child)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120  # a hung process fails the test, not the suite
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                data = os.read(main, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8")


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """A working folder holding the hostile and the markup packs."""
    for name in ("hostile.yaml", "markup.yaml"):
        (tmp_path / name).write_bytes((HOSTILE / name).read_bytes())
    return tmp_path


# -- validate ---------------------------------------------------------------------------


def test_validate_reports_each_control_character_at_its_place(packs: Path) -> None:
    status, out, err = run("validate", "hostile.yaml", cwd=packs)
    assert status == 1
    assert_inert(out + err)
    lines = out.splitlines()
    source = (packs / "hostile.yaml").read_text(encoding="utf-8").splitlines()
    expected_lines = {
        number
        for number, line in enumerate(source, 1)
        if not line.lstrip().startswith("#") and FORBIDDEN_ESCAPE.search(line)
    }
    reported = set()
    for line in lines:
        match = re.match(r"hostile\.yaml:(\d+):(\d+): ", line)
        assert match, line
        number, column = int(match[1]), int(match[2])
        reported.add(number)
        # The place is the string itself: its opening quote (or the list item's).
        assert source[number - 1][column - 1] == '"', line
        assert "not allowed" in line
    assert reported == expected_lines


def test_markup_in_pack_text_is_legal(packs: Path) -> None:
    status, out, err = run("validate", "markup.yaml", cwd=packs)
    assert (status, out) == (0, ""), out + err


def test_emoji_joiners_new_lines_and_tabs_stay_legal(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(
        'pack: ok\ntitle: "Family 👨\u200d👩\u200d👧 \u200d ok"\n'
        "questions:\n  - id: q1\n    type: text\n"
        '    prompt: "Line one\\n\\tLine two 🇨🇳?"\n    answer: "yes"\n',
        encoding="utf-8",
    )
    status, out, err = run("validate", "ok.yaml", cwd=tmp_path)
    assert (status, out) == (0, ""), out + err


FORGED_NAME = "evil\nforged.yaml:1:1: all is well\x1b]0;pwned\x07\x1b[2J\x9b\r.yaml"


def test_a_file_name_cannot_forge_a_problem_line_or_print_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / FORGED_NAME).write_text("pack: p\ntitle: [unclosed\n", encoding="utf-8")
    for target in ("packs", f"packs/{FORGED_NAME}"):  # found in a folder, or named
        status, out, err = run("validate", target, cwd=tmp_path)
        assert status == 1
        assert_inert(out + err)
        (line,) = out.splitlines()  # one problem: one line, whatever the name holds
        assert line.startswith("packs/evil\\nforged.yaml:1:1: all is well\\x1b]0;pwned")
        assert re.match(r".*\\r\.yaml:3:1: YAML syntax error", line), line


def test_a_hostile_file_name_given_to_ask_is_escaped(tmp_path: Path) -> None:
    (tmp_path / FORGED_NAME).write_text("pack: p\n", encoding="utf-8")
    status, out, err = run("ask", "--pack", FORGED_NAME, "anything", cwd=tmp_path)
    assert status == 1
    assert_inert(out + err)
    assert all(line.startswith("evil\\nforged") for line in err.splitlines()), err


# -- ask ------------------------------------------------------------------------------


def test_ask_refuses_the_hostile_pack_with_its_problems(packs: Path) -> None:
    status, out, err = run("ask", "--pack", "hostile.yaml", "what fell", cwd=packs)
    assert (status, out) == (1, "")
    assert_inert(err)
    assert len(err.splitlines()) == 13


def test_ask_prints_hostile_pack_text_as_text(packs: Path) -> None:
    status, out, err = run("ask", "--pack", "hostile.yaml", "what fell", cwd=packs, unchecked=True)
    assert status == 0, err
    assert_inert(out + err)
    assert "The wall\\x1b]0;st\\x1b\\ fell \\u202eremmus ni [/]" in out
    assert "\\x1b]52;c;cHduZWQ=\\x07" in out  # the source's publisher, on the source line
    status, out, _ = run("ask", "--pack", "hostile.yaml", "xyzzy", cwd=packs, unchecked=True)
    assert status == 1
    assert_inert(out)
    assert "Calm \\r[bold]overwritten" in out  # a suggested topic title


def test_ask_shows_markup_literally(packs: Path) -> None:
    status, out, _ = run("ask", "--pack", "markup.yaml", "what blocks sites", cwd=packs)
    assert status == 0
    assert "The Great Firewall blocks [/] sites [link=http://x]y[/link]." in out
    assert "[link=http://x]y[/link] [$accent]z" in out


# -- grade ----------------------------------------------------------------------------


def write_responses(folder: Path) -> Path:
    rows = ["question,response,note"]
    for index, response in enumerate(RESPONSES):
        question = "q1" if index % 2 else "q2"
        cell = '"' + response.replace('"', '""') + '"'
        rows.append(f'{question},{cell},"\x1b]0;note{index}\x07"')
    rows.append('f1#1,"wall\x1b]0;st\x1b\\",ok')
    path = folder / "responses.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    return path


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_grade_on_a_terminal_shows_escapes_not_their_effects(packs: Path, fmt: str) -> None:
    write_responses(packs)
    args = ("grade", "--pack", "hostile.yaml", "responses.csv", "--format", fmt)
    status, shown = run_on_terminal(*args, cwd=packs, unchecked=True)
    assert status in (0, 1), shown
    assert_inert(shown)
    shown_response = "\\x1b]0;pwned-response\\x07"
    assert (shown_response if fmt == "csv" else json.dumps(RESPONSES[0])) in shown
    assert "graded 7 rows" in shown
    if fmt == "jsonl":  # still JSON on a terminal
        rows = [json.loads(line) for line in shown.splitlines() if line.startswith("{")]
        assert len(rows) == 7
        assert rows[4]["response"].startswith("\x9b31m")


def test_grade_to_a_pipe_keeps_the_data_exact(packs: Path) -> None:
    # A script reading the report gets the responses as they were: escaping is for eyes.
    write_responses(packs)
    args = ("grade", "--pack", "markup.yaml", "responses.csv", "--format", "jsonl")
    status, out, err = run(*args, cwd=packs)
    assert status in (0, 1), err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["response"] for row in rows[:6]] == RESPONSES
    assert_inert(err)


def test_grade_error_naming_a_hostile_file_is_one_inert_line(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_bytes((HOSTILE / "markup.yaml").read_bytes())
    status, out, err = run("grade", "--pack", "ok.yaml", FORGED_NAME, cwd=tmp_path)
    assert status == 74  # an input that cannot be read: the environment (contract)
    assert_inert(out + err)
    assert len(err.splitlines()) == 1


# -- play --plain ---------------------------------------------------------------------


def test_plain_play_shows_hostile_pack_and_responses_as_text(packs: Path) -> None:
    lines = ["", *RESPONSES, "/hint", "/why", "/topics", "/score", "/quit"]
    stdin = "\n".join(lines).encode("utf-8") + b"\n"
    args = ("play", "--plain", "--pack", "hostile.yaml", "--seed", "1", "--round", "3")
    status, out, err = run(*args, cwd=packs, unchecked=True, stdin=stdin)
    assert status == 0, err
    assert_inert(out + err)
    assert "\\x1b]0;pwned-response\\x07" in out  # the echoed response
    assert "\\x1b" in out and "[/]" in out  # the pack's own text, shown


def test_plain_play_on_the_markup_pack(packs: Path) -> None:
    stdin = b"\n[/]\n[bold]x\n/quit\n"
    status, out, err = run("play", "--plain", "--pack", "markup.yaml", cwd=packs, stdin=stdin)
    assert status == 0, err
    assert "[/]" in out


# -- stats ----------------------------------------------------------------------------


def test_stats_prints_a_hostile_history_as_text(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "home", "default")
    try:
        store.record(
            AnswerRecord(
                time=time.time(),
                pack="evil\x1b]0;pwned\x07\x9b2J\u202e",
                question="q\x1b[2J",
                response="\x1b]52;c;cHduZWQ=\x07",
                verdict="correct",
                score=1.0,
            )
        )
    finally:
        store.close()
    status, out, err = run("stats", cwd=tmp_path)
    assert status == 0, err
    assert_inert(out + err)
    status, out, err = run("stats", "--json", cwd=tmp_path)
    assert status == 0, err
    assert_inert(out + err)
    assert json.loads(out)["answered"] == 1
