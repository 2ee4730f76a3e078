"""Leaving the terminal UI cleanly when the system asks: SIGTERM and SIGHUP.

Python's default for both is to die on the spot, which leaves the terminal in the
alternate screen with mouse reporting on and the cursor hidden, and skips the last
save. Here either signal asks the app to quit the normal way (pending answers saved,
the store closed, Textual restoring the terminal); a second one exits without waiting.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from textual.app import App

EXIT_SIGNALS = ("SIGTERM", "SIGHUP")


def quit_on_exit_signals(app: App[Any], quit: Callable[[], object]) -> list[int]:
    """Make SIGTERM/SIGHUP call ``quit`` on the app's event loop; must run on that loop.

    Returns the list that receives each signal number as it arrives, so the caller can
    exit with the conventional status 128 + signal. The handlers go with the loop.
    """
    received: list[int] = []
    loop = asyncio.get_running_loop()

    def on_signal(number: int) -> None:
        received.append(number)
        if len(received) == 1:
            quit()
        else:  # asked twice: the saving quit is stuck (a held lock?); leave now
            app.exit(128 + number)

    for name in EXIT_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:  # not on this platform (Windows has no SIGHUP)
            continue
        with suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, on_signal, int(number))
    return received
