"""Where ``quizbot grade -o OUT`` writes its report.

A regular file (or a new one) is replaced atomically, through any symbolic links:
readers see the old report or the whole new one. Anything else is written straight
into, as the shell's ``>`` would: a device (``/dev/null``, a terminal), a FIFO, a pipe
or an inherited descriptor (``/dev/stdout``, ``/dev/fd/N`` from ``-o >(cmd)``); such
a thing is never replaced by a file. The responses file itself is never overwritten.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from quizbot.atomic import remove_orphans, replacing

_FD_PATH = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")
_STANDARD = {"/dev/stdout": 1, "/dev/stderr": 2}


class ReportError(Exception):
    """The report cannot be written where asked (one line; ``status`` is the exit status)."""

    def __init__(self, message: str, status: int = 74) -> None:
        super().__init__(message)
        self.status = status


def reason(error: OSError) -> str:
    """What went wrong, in the system's words ("Permission denied")."""
    return error.strerror or type(error).__name__


@contextlib.contextmanager
def open_report(
    path: str, *, encoding: str = "utf-8", not_over: os.stat_result | None = None
) -> Iterator[TextIO]:
    """Open ``path`` for the report; ``not_over`` is the input's stat, which the report
    may not replace. Any failure to open or write it is a one-line ReportError."""
    try:
        with _opened(path, encoding, not_over) as handle:
            yield handle
    except OSError as error:
        raise ReportError(f"cannot write {path}: {reason(error)}") from None


@contextlib.contextmanager
def _opened(path: str, encoding: str, not_over: os.stat_result | None) -> Iterator[TextIO]:
    fd = inherited_descriptor(path)
    if fd is not None:
        _refuse_input(os.fstat(fd), not_over, path)
        with os.fdopen(os.dup(fd), "w", encoding=encoding, newline="") as handle:
            yield handle
        return
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None  # a new file, or a link to one
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ReportError(f"cannot write {path}: it is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        # A device, FIFO or socket: write into it, never replace it.
        with open(path, "w", encoding=encoding, newline="") as handle:
            yield handle
        return
    if info is not None:
        _refuse_input(info, not_over, path)
    real = Path(os.path.realpath(path))  # a link's target is replaced, not the link
    if not real.parent.is_dir():
        raise ReportError(f"cannot write {path}: it is in a folder that does not exist")
    remove_orphans(real)
    with replacing(real, newline="", encoding=encoding) as handle:
        yield handle


def inherited_descriptor(path: str) -> int | None:
    """The open descriptor that ``path`` names (``/dev/stdout``, ``/dev/fd/3``,
    ``/proc/self/fd/3``), or None for an ordinary path."""
    absolute = os.path.normpath(os.path.abspath(path))
    if absolute in _STANDARD:
        return _STANDARD[absolute]
    match = _FD_PATH.fullmatch(absolute)
    return int(match.group(1)) if match else None


def _refuse_input(info: os.stat_result, source: os.stat_result | None, shown: str) -> None:
    if source is None or not stat.S_ISREG(info.st_mode):
        return
    if (info.st_dev, info.st_ino) == (source.st_dev, source.st_ino):
        raise ReportError(
            f"will not write the report over its own responses file ({shown}): "
            "name another file with -o",
            status=2,
        )


@contextlib.contextmanager
def utf8_stdout() -> Iterator[TextIO]:
    """Standard output as UTF-8 text whatever the locale (``--bom`` promises UTF-8);
    stdout itself stays open after."""
    sys.stdout.flush()
    utf8 = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield utf8
    finally:
        utf8.flush()
        utf8.detach()
