"""Starting and stopping the web server child (``quizbot.webserve``) from a command.

No textual-serve or Textual here: the server runs in its own process, its output in a
log file, so ``quizbot class host --plain`` stays light and its screen stays clean.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path


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
    """The server child, once it accepts connections (or ServeError with why not)."""
    args = [
        sys.executable, "-m", "quizbot.webserve", "--host", host, "--port", str(port),
        "--max-live", str(max_live), "--title", title, "--parent", str(os.getpid()),
        "--", *command,
    ]  # fmt: skip
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
