"""SIGTERM and SIGHUP as an exception, so that cleanup code runs before the process ends.

Python ends the process at once on these signals, skipping ``finally`` blocks: a
half-written report's temporary file would stay behind. While ``signals_raise`` is
active they raise ``Terminated`` instead; the caller cleans up and then ends the
process by the same signal (``end_by``), so its parent sees the usual status.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """The process was asked to end by ``signum``; a BaseException, like KeyboardInterrupt,
    so that ``except Exception`` does not swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"ended by signal {signum}")
        self.signum = signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into Terminated for the duration (a signal the user chose
    to ignore, as ``nohup`` does, stays ignored)."""
    previous = {}
    for signum in _SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def end_by(signum: int) -> int:
    """End the process by ``signum`` with its default action; returns the shell's status for
    it (128 + signum) should the signal not end the process."""
    sys.stderr.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    return 128 + signum
