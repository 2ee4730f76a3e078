"""SIGTERM and SIGHUP to the real terminal UI in a pseudo-terminal: restored and saved.

The test reads every byte the app writes to its terminal. What it writes after the
signal must take the terminal back (leave the alternate screen, mouse reporting off,
cursor shown), and the answer given before the signal must be in the history, with
the snapshot written by the normal quit.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "fork"), reason="needs a POSIX pty"
)

PACK = """\
pack: sky
title: Sky pack
version: 1
language: en
topics:
  - id: nature
    title: Nature
questions:
  - id: q-sky
    type: text
    prompt: What colour is the clear daytime sky?
    answer: blue
    topic: nature
  - id: q-grass
    type: text
    prompt: What colour is fresh grass?
    answer: green
    topic: nature
"""

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
MOUSE_OFF = (b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l")
DEADLINE = 60.0  # seconds: only a hang reaches it; nothing here measures time


class Terminal:
    """A child process on a pseudo-terminal, and every byte it has written to it."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            try:
                os.execve(sys.executable, [sys.executable, *argv], env)
            finally:
                os._exit(127)
        # 100x30, so the app lays out as on a small real terminal
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.output = bytearray()
        self.closed = False

    def pump(self, wait: float = 0.05) -> None:
        """Read what is there (the app blocks if nobody reads its terminal)."""
        if self.closed:
            return
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed its side (it exited)
            data = b""
        if data:
            self.output.extend(data)
        else:
            self.closed = True

    def wait_for(self, done: Callable[[], bool], what: str) -> None:
        """Read until ``done()``; fail (not hang) if it never happens."""
        give_up = time.monotonic() + DEADLINE
        while not done():
            assert time.monotonic() < give_up, f"gave up waiting for {what}"
            self.pump()

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def finish(self) -> int:
        """Read to the end; the exit status as the shell reports it."""
        self.wait_for(lambda: self.closed, "the app to close its terminal")
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)

    def hang_up(self) -> int:
        """Close the terminal as a closed window does; the exit status, once it exits."""
        os.close(self.fd)
        self.closed = True
        statuses: list[int] = []
        waiter = threading.Thread(target=lambda: statuses.append(os.waitpid(self.pid, 0)[1]))
        waiter.start()
        waiter.join(DEADLINE)
        if not statuses:  # stalled: do not leave it running after the test
            os.kill(self.pid, signal.SIGKILL)
            waiter.join()
            raise AssertionError("the app did not exit after its terminal was closed")
        return os.waitstatus_to_exitcode(statuses[0])

    def kill(self) -> None:
        """Clean up after a failure: the child must not outlive the test."""
        if not self.closed:
            with suppress(ProcessLookupError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            os.close(self.fd)


def history_lines(profile: Path) -> list[dict[str, object]]:
    path = profile / "history.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def start_and_answer(tmp_path: Path) -> tuple[Terminal, Path]:
    """The app on a pty, one answer given and recorded; no snapshot written yet."""
    pack = tmp_path / "sky.yaml"
    pack.write_text(PACK, encoding="utf-8")
    data = tmp_path / "data"
    profile = data / "profiles" / "default"
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("TEXTUAL", "PYTEST"))
    }
    env.update(TERM="xterm-256color", PYTHONUTF8="1", COLUMNS="100", LINES="30")
    terminal = Terminal(
        ["-m", "quizbot", "play", "--pack", str(pack), "--data-dir", str(data), "--seed", "1"],
        env,
    )
    try:
        terminal.wait_for(lambda: b"Nature" in terminal.output, "the topic menu")
        terminal.type("\r")  # Enter: a round on all topics
        terminal.wait_for(lambda: b"What colour" in terminal.output, "the first question")
        prompt = "sky" if b"daytime sky" in terminal.output else "grass"
        terminal.type(("blue" if prompt == "sky" else "green") + "\r")
        terminal.wait_for(lambda: len(history_lines(profile)) == 1, "the answer to be recorded")
        assert not (profile / "state.json").exists()  # so a snapshot after it is the quit's
    except BaseException:
        terminal.kill()
        raise
    return terminal, profile


def assert_saved(profile: Path) -> None:
    (answer,) = history_lines(profile)
    assert answer["verdict"] == "correct"
    snapshot = json.loads((profile / "state.json").read_text("utf-8"))
    assert snapshot["answers"] == 1


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_restores_the_terminal_and_saves(tmp_path: Path, name: str) -> None:
    number = getattr(signal, name, None)
    if number is None:
        pytest.skip(f"no {name} on this platform")
    terminal, profile = start_and_answer(tmp_path)
    try:
        before = len(terminal.output)
        os.kill(terminal.pid, number)
        status = terminal.finish()
    finally:
        terminal.kill()

    after = bytes(terminal.output[before:])
    assert LEAVE_ALTERNATE_SCREEN in after, after[-400:]
    assert SHOW_CURSOR in after
    assert all(sequence in after for sequence in MOUSE_OFF)
    assert status == 128 + number  # ended by the signal, as the shell would report it
    assert_saved(profile)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")
def test_a_closed_terminal_saves_and_exits(tmp_path: Path) -> None:
    """A real hang-up: SIGHUP and SIGCONT, and every write to the terminal fails."""
    terminal, profile = start_and_answer(tmp_path)
    try:
        status = terminal.hang_up()
    finally:
        terminal.kill()
    assert status == 128 + signal.SIGHUP
    assert_saved(profile)
