"""Writing files safely: replacing a file atomically (readers see the old file or the whole
new one, never half), and appending bytes that are on disk when the call returns."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def write_synced(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` (``os.write`` may take less at a time), then fsync."""
    written = 0
    while written < len(data):
        written += os.write(fd, data[written:])
    os.fsync(fd)


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
    ``target``; on any error remove it and leave ``target`` as it was.

    The temporary file's name holds the writer's process id (``.NAME.PID.XXXXXXXX.tmp``),
    so that ``remove_orphans`` can tell one whose writer was killed from one being written.
    """
    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f"{prefix or f'.{target.name}.'}{os.getpid()}.", suffix=suffix
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


# mkstemp's random part: 8 characters of [a-z0-9_].
_ORPHAN = re.compile(r"(\d+)\.[a-z0-9_]{8}")


def remove_orphans(target: Path, *, suffix: str = ".tmp") -> list[Path]:
    """Remove the temporary files that ``replacing(target)`` left when its process was
    killed (SIGKILL, a power cut): ours (same owner), named for ``target``, whose writing
    process no longer exists. Returns what was removed; a file that cannot be removed
    is left alone."""
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        candidates = [
            target.parent / name
            for name in os.listdir(target.parent)
            if name.startswith(prefix) and name.endswith(suffix)
        ]
    except OSError:
        return removed
    for path in candidates:
        match = _ORPHAN.fullmatch(path.name[len(prefix) : len(path.name) - len(suffix)])
        if match is None or _process_exists(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                path.unlink()
                removed.append(path)
    return removed


def _process_exists(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process id we wrote: leave the file alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's live process (or an absurd number): keep it
    return True
