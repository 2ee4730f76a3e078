"""Leaving the terminal UI cleanly when the system asks: SIGTERM and SIGHUP.

Python's default for both is to die on the spot, which leaves the terminal in the
alternate screen with mouse reporting on and the cursor hidden, and skips the last
save. Here either signal asks the app to quit the normal way (pending answers saved,
the store closed, Textual restoring the terminal); a second one exits without waiting.

A real hang-up (the terminal window closed, the ssh link dropped) is different: the
terminal is gone, every write to it fails, and the kernel sends SIGCONT along with
SIGHUP, which Textual takes for "resumed after ctrl+z" and restarts its output on the
dead terminal, stalling the exit. So a SIGCONT with no terminal is ignored, the dead
terminal is swapped for the null device before quitting, and a last-resort timer
ends the process if leaving still stalls (every answer is already on disk by then:
the history is appended before feedback is shown).
"""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from textual.app import App

EXIT_SIGNALS = ("SIGTERM", "SIGHUP")
STANDARD_FDS = (0, 1, 2)
LAST_RESORT_SECONDS = 20.0  # far beyond a normal save and exit; only a stall reaches it


def quit_on_exit_signals(app: App[Any], quit: Callable[[], object]) -> list[int]:
    """Make SIGTERM/SIGHUP call ``quit`` on the app's event loop; must run on that loop.

    Returns the list that receives each signal number as it arrives, so the caller can
    exit with the conventional status 128 + signal. The handlers go with the loop.
    """
    received: list[int] = []
    loop = asyncio.get_running_loop()

    def on_signal(number: int) -> None:
        received.append(number)
        if len(received) > 1:  # asked twice: the saving quit is stuck; leave now
            app.exit(128 + number)
            return
        if terminal_gone():
            detach_from_terminal()
        timer = threading.Timer(LAST_RESORT_SECONDS, os._exit, args=(128 + number,))
        timer.daemon = True  # never keeps a finished process alive
        timer.start()
        quit()

    for name in EXIT_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:  # not on this platform (Windows has no SIGHUP)
            continue
        with suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, on_signal, int(number))
    _ignore_continue_without_terminal()
    return received


def terminal_gone() -> bool:
    """After a hang-up even an empty write to the terminal fails with EIO."""
    for fd in STANDARD_FDS:
        try:
            os.write(fd, b"")
        except OSError as error:
            if error.errno == errno.EIO:
                return True
    return False


def detach_from_terminal() -> None:
    """Point the standard streams at the null device: writes then go nowhere, at once."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in STANDARD_FDS:
            with suppress(OSError):
                os.dup2(null, fd)
    finally:
        os.close(null)


def _ignore_continue_without_terminal() -> None:
    """Let SIGCONT reach Textual's handler (``fg`` after ctrl+z) only with a terminal."""
    continued = getattr(signal, "SIGCONT", None)
    if continued is None:
        return
    previous = signal.getsignal(continued)
    if not callable(previous):
        return

    def on_continue(number: int, frame: Any) -> None:
        if not terminal_gone():
            previous(number, frame)

    with suppress(ValueError):  # not the main thread: leave Textual's handler alone
        signal.signal(continued, on_continue)
