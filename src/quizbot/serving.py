"""Starting and stopping the web server child from a command: ``quizbot.webserve``
(textual-serve: a Textual app process per tab) or ``quizbot.lightserve`` (``class host
--light``: a plain page, every tab in one process).

No textual-serve or Textual here: the server runs in its own process, its output in a
log file, so ``quizbot class host --plain`` stays light and its screen stays clean.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# What a Host header may hold: a name or address and a port. Anything else (quotes,
# markup, spaces) never reaches a page (both servers write it into the websocket's URL).
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


def good_host(asked: str) -> bool:
    """Whether a browser's Host header may go into the page it is sent."""
    return bool(_HOST.match(asked))


class ServeError(Exception):
    """The web server could not start (one line)."""


def address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "localhost") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def start_server(
    command: Sequence[str],
    *,
    host: str,
    port: int,
    max_live: int,
    title: str,
    log_path: Path,
    timeout: float = 20.0,
) -> subprocess.Popen[bytes]:
    """The textual-serve child running ``command`` for each tab, once it accepts
    connections (or ServeError with why not)."""
    args = [
        sys.executable, "-m", "quizbot.webserve", "--host", host, "--port", str(port),
        "--max-live", str(max_live), "--title", title, "--parent", str(os.getpid()),
        "--", *command,
    ]  # fmt: skip
    return _start(args, host=host, port=port, log_path=log_path, timeout=timeout)


def start_light_server(
    folder: Path,
    *,
    host: str,
    port: int,
    max_live: int,
    log_path: Path,
    timeout: float = 20.0,
) -> subprocess.Popen[bytes]:
    """The light server child (one process, a plain page) for the class in ``folder``."""
    args = [
        sys.executable, "-m", "quizbot.lightserve", "--host", host, "--port", str(port),
        "--max-live", str(max_live), "--parent", str(os.getpid()), "--", str(folder),
    ]  # fmt: skip
    return _start(args, host=host, port=port, log_path=log_path, timeout=timeout)


def _start(
    args: Sequence[str], *, host: str, port: int, log_path: Path, timeout: float
) -> subprocess.Popen[bytes]:
    try:
        log = log_path.open("ab")
    except OSError as error:
        raise ServeError(f"cannot write {log_path}: {error.strerror}") from None
    with log:
        child = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
        )
    probe = "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else host
    if probe == "::":
        probe = "::1"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise ServeError(
                f"the web server stopped: is port {port} free on {host}? (see {log_path})"
            )
        try:
            with socket.create_connection((probe, port), timeout=0.5):
                return child
        except OSError:
            time.sleep(0.1)
    stop_server(child)
    raise ServeError(f"the web server did not start in {timeout:g} s (see {log_path})")


def stop_server(child: subprocess.Popen[bytes]) -> None:
    """Stop the server and the students' app processes it started (its process group)."""
    if child.poll() is not None:
        return
    try:
        os.killpg(child.pid, signal.SIGTERM)
    except OSError:
        child.terminate()
    try:
        child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except OSError:
            child.kill()
        child.wait()
