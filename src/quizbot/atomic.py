"""Replacing a file atomically: readers see the old file or the whole new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def fsync_folder(path: Path, *, required: bool = False) -> None:
    """Make a new file or a rename inside ``path`` durable.

    Where ``required`` is false, a system that cannot sync folders is no error.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        if required:
            raise


@contextlib.contextmanager
def replacing(
    target: Path,
    *,
    binary: bool = False,
    private: bool = False,
    prefix: str | None = None,
    suffix: str = ".tmp",
    **open_options: Any,
) -> Iterator[Any]:  # a text or binary file, as asked
    """Write to a temporary file beside ``target``; on success fsync it and rename it over
    ``target``; on any error remove it and leave ``target`` as it was."""
    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=prefix or f".{target.name}.", suffix=suffix
    )
    try:
        if not private:  # mkstemp makes the file private; a shared report should not be
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)
        with open(fd, "wb" if binary else "w", **open_options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(target.parent)
