"""Drive quizbot's browser pages (textual-serve) from headless Chromium; run its servers.

xterm.js draws the terminal on a canvas, so the screen cannot be read from the DOM.
The test serves its own copy of textual-serve's page script in which the page's
Terminal object is also ``window.term``, and reads the lines of ``term.buffer.active``:
exactly the characters the student sees, wide (Chinese) characters included.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

# Read every line of the terminal the page shows (an empty string until it exists).
_SCREEN_JS = """() => {
  const term = window.term;
  if (!term) return "";
  const buffer = term.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) {
    lines.push(buffer.getLine(i).translateToString(true));
  }
  return lines.join("\\n");
}"""

_WAIT_JS = """([wanted, all]) => {
  const term = window.term;
  if (!term) return false;
  const buffer = term.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) {
    lines.push(buffer.getLine(i).translateToString(true));
  }
  const text = lines.join("\\n");
  return all ? wanted.every((w) => text.includes(w)) : wanted.some((w) => text.includes(w));
}"""

# The minified page script makes its terminal with `this.terminal=new X.Terminal(...)`.
_TERMINAL_MADE = re.compile(r"this\.terminal=new ")

# How long one step (a page start, an answer shown) may take on a busy two-core machine.
STEP_SECONDS = 30.0
VIEWPORT = {"width": 1200, "height": 800}  # every page the browser tests open


def expose_terminal(script: str) -> str:
    """textual-serve's page script, changed so that its Terminal is also ``window.term``."""
    changed, count = _TERMINAL_MADE.subn("this.terminal=window.term=new ", script, count=1)
    if count != 1:
        raise AssertionError(
            "textual-serve's page script no longer makes its terminal with "
            "'this.terminal=new ...': update expose_terminal() for this textual-serve"
        )
    return changed


class StudentPage:
    """One browser tab on a quizbot page: read its screen, type into it."""

    def __init__(self, page: Any) -> None:
        self.page = page
        page.route("**/static/js/textual.js", self._serve_exposing_script)

    @staticmethod
    def _serve_exposing_script(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=expose_terminal(response.text()))

    def open(self, address: str) -> None:
        self.page.goto(address)

    def reload(self) -> None:
        self.page.reload()

    def screen(self) -> str:
        """The terminal's text, one line per row, trailing spaces removed."""
        text: str = self.page.evaluate(_SCREEN_JS)
        return "\n".join(line.rstrip() for line in text.splitlines())

    def wait_for(self, *texts: str, timeout: float = STEP_SECONDS) -> str:
        """Wait until every one of ``texts`` is on the screen; return the screen."""
        return self._wait(texts, every=True, timeout=timeout)

    def wait_for_any(self, *texts: str, timeout: float = STEP_SECONDS) -> str:
        """Wait until one of ``texts`` is on the screen; return the screen."""
        return self._wait(texts, every=False, timeout=timeout)

    def _wait(self, texts: tuple[str, ...], *, every: bool, timeout: float) -> str:
        # The page polls its own terminal every 50 ms: nothing here sleeps.
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(
                _WAIT_JS, arg=[list(texts), every], polling=50, timeout=timeout * 1000
            )
        except PlaywrightTimeout:
            wanted = "all of" if every else "any of"
            raise AssertionError(
                f"not shown within {timeout:.0f} s: {wanted} {texts!r}\n"
                f"--- the screen ---\n{self.screen()}"
            ) from None
        return self.screen()

    def type_line(self, text: str) -> None:
        """Type ``text`` and press Enter, as keyboard events into xterm's input."""
        textarea = self.page.locator(".xterm-helper-textarea")
        textarea.focus()
        if text:
            self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")


def find_chromium() -> str | None:
    """Debian's Chromium: /usr/bin/chromium, or chromium on the PATH."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def not_available(reason: str) -> NoReturn:
    """Skip a browser test, or fail it where a browser is required (CI)."""
    import pytest

    if os.environ.get("QUIZBOT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"QUIZBOT_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = STEP_SECONDS) -> None:
    """Wait until something accepts connections on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped (exit {process.returncode}) before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listened on port {port} within {timeout:.0f} s")


class ServerProcess:
    """A server started as a real process in its own process group.

    textual-serve starts one app process per tab (through a shell): the students are
    the server's grandchildren, so teardown signals the whole group. Its output is read
    by a thread into ``lines``; ``send`` writes a line to its stdin."""

    def __init__(
        self, argv: Sequence[str], *, env: dict[str, str], cwd: Path, ends_on_eof: bool
    ) -> None:
        self.argv = list(argv)
        self.ends_on_eof = ends_on_eof
        self.process = subprocess.Popen(
            self.argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def output(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for_line(
        self, pattern: str, *, after: int = 0, timeout: float = STEP_SECONDS
    ) -> re.Match[str]:
        """Wait for a line (from line number ``after`` on) matching the regular expression."""
        wanted = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines[after:]:
                    found = wanted.search(line)
                    if found:
                        return found
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None and not self._reader.is_alive()):
                    break
                self._changed.wait(min(left, 0.5))
        raise AssertionError(
            f"no line matching {pattern!r} within {timeout:.0f} s "
            f"(exit code {self.process.poll()})\n--- output ---\n{self.output()}"
        )

    def mark(self) -> int:
        """The number of lines so far: pass it as ``after`` to wait only for new lines."""
        with self._changed:
            return len(self.lines)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        """End the server and everything it started.

        A server that ends at the end of its input (the class host) is first stopped as a
        teacher would: the class ends and stops its web server. Then signals go to every
        process group the server's descendants are in: the web server runs in a session
        of its own, and the students are its children."""
        family = descendants(self.process.pid)  # now, while they still have their parents
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if self.ends_on_eof:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        groups = {self.process.pid}
        for pid in family:
            with contextlib.suppress(OSError):
                groups.add(os.getpgid(pid))
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for group in groups:
                with contextlib.suppress(OSError):
                    os.killpg(group, sig)
            if sig == signal.SIGTERM:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=10)
        self.process.wait()
        self._reader.join(timeout=5)


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, grandchildren...), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def quizbot_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "quizbot", *args]
