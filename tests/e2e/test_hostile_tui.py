"""The real terminal UI on a pseudo-terminal, fed a hostile pack and a hostile paste.

The Pilot tests render what the app would write; this one reads the bytes a
terminal would really receive. The UI writes its own control sequences (colours,
cursor moves, the alternate screen), so rather than banning escapes it checks
that no hostile sequence appears raw next to the text it was written in, that
every hostile marker shown is preceded by its visible escape, and that nothing
the pack holds left the alternate screen before the app did.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent.parent / "data" / "hostile" / "hostile.yaml"
LAUNCHER = Path(__file__).with_name("unchecked_quizbot.py")
WAIT = 90.0  # seconds: generous, for a loaded two-core machine; only a hang reaches it


class Terminal:
    """A process on a pseudo-terminal: send keys, wait for text to be drawn."""

    def __init__(self, args: list[str], home: Path) -> None:
        self.main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
        env = {**os.environ, "QUIZBOT_HOME": str(home), "TERM": "xterm-256color"}
        env.pop("TEXTUAL_DRIVER", None)
        self.process = subprocess.Popen(
            args, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
        )
        os.close(child)
        self.output = b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.main], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.main, 65536)
        except OSError:  # EIO: the process closed the terminal
            return False
        self.output += data
        return bool(data)

    def expect(self, text: str) -> None:
        """Read until ``text`` has been drawn (it must not be there already)."""
        start = len(self.output)
        deadline = time.monotonic() + WAIT
        while text.encode() not in self.output[start:]:
            if time.monotonic() > deadline or not self._read(0.5):
                raise AssertionError(f"{text!r} never appeared: {self.output[-2000:]!r}")

    def send(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def finish(self) -> int:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and self._read(0.5):
            if self.process.poll() is not None and not select.select([self.main], [], [], 0)[0]:
                break
        os.close(self.main)
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait(timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_terminal_ui_never_sends_a_hostile_sequence(tmp_path: Path) -> None:
    args = [
        sys.executable,
        str(LAUNCHER),
        "play",
        "--pack",
        str(HOSTILE),
        "--round",
        "2",
        "--seed",
        "1",
    ]
    terminal = Terminal(args, tmp_path / "home")
    try:
        terminal.expect("practise from Pack")
        terminal.send(b"\r")  # a round on all topics
        terminal.expect("A round of 2 questions")
        # A bracketed paste holding a window-title OSC, then Enter.
        terminal.send(b"\x1b[200~\x1b]0;pasted-title\x07 two\x1b[201~")
        terminal.send(b"\r")
        terminal.expect("1/2 done")  # the answer was graded: the round moved on
        terminal.send(b"\x10")  # ctrl+p: the palette, with the hostile topic titles
        terminal.expect("A clue for the current question")  # our first entry: it is open
        terminal.send(b"quiz me on topic")
        terminal.expect("A round on the topic")
        terminal.send(b"\x1b")
        terminal.send(b"\x11")  # ctrl+q
    finally:
        status = terminal.finish()
    assert status == 0
    shown = terminal.output.decode("utf-8", "replace")
    for raw in (
        "Pack \x1b]0;",
        "\x1b]0;pwned",
        "\x1b]52;",
        "\x1b]8;;http",
        "\x1b]0;st\x1b\\",
        "\x1b]0;pasted",
        "Topic \x1b[?1049l",
        "\x9b",
        "\u202e",
        "Calm \r",
    ):
        assert raw not in shown, f"{raw!r} reached the terminal"
    for marker in ("pwned-title", "Topic "):
        assert [m.start() for m in re.finditer(re.escape(marker), shown)], marker
    # Every hostile marker drawn is drawn as its visible escape.
    for match in re.finditer("pwned-title", shown):
        assert shown[match.start() - 7 : match.start()] == "\\x1b]0;"
    # The alternate screen is left once, by the app itself, at the very end.
    assert shown.count("\x1b[?1049l") == 1
    assert shown.rfind("\x1b[?1049l") > shown.rfind("pwned-title")
