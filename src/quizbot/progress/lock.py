"""The profile's file lock, and which process holds it.

The lock file itself cannot name its holder: every waiter opens it too. So the
holder writes its process id into a small side file right after taking the
lock; a copy that finds the lock busy reads it to say who is in the way.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import filelock

LOCK = ".lock"
OWNER = ".lock.pid"


class LockBusy(TimeoutError):
    """The lock stayed held for the whole wait; ``holder`` is its process id when known."""

    def __init__(self, holder: int | None) -> None:
        super().__init__("the progress lock is held by another process")
        self.holder = holder

    def who(self) -> str:
        if self.holder is None:
            return "another quizbot"
        return f"another quizbot (process {self.holder})"


class ProfileLock:
    """An exclusive lock on one profile folder; reentrant within a thread."""

    def __init__(self, folder: Path) -> None:
        self._path = folder / LOCK
        self._made: filelock.FileLock | None = None  # made on first use: see _lock
        self._making = threading.Lock()  # two threads must never make two file locks
        self._owner = folder / OWNER

    @property
    def _lock(self) -> filelock.FileLock:
        # filelock is imported when the lock is first taken (the first answer saved),
        # not when the store opens: it is not needed to show the first question.
        with self._making:
            if self._made is None:
                import filelock

                self._made = filelock.FileLock(str(self._path), mode=0o600)
            return self._made

    @contextlib.contextmanager
    def held(self, timeout: float) -> Iterator[None]:
        """Hold the lock for the block; raises LockBusy after ``timeout`` seconds (0: try once)."""
        import filelock

        try:
            self._lock.acquire(timeout=max(timeout, 0.0))
        except filelock.Timeout as exc:
            raise LockBusy(self.holder()) from exc
        try:
            self._write_owner()
            yield
        finally:
            self._lock.release()

    def holder(self) -> int | None:
        """The process named in the side file, if it is still running."""
        try:
            pid = int(self._owner.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return None
        if pid <= 0:
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None  # the side file outlived its writer
        except PermissionError:
            pass  # running, as another user
        except OSError:
            return None
        return pid

    def _write_owner(self) -> None:
        # Best effort: a side file we cannot write only makes a later message vaguer.
        with contextlib.suppress(OSError):
            # Fixed width, written in place: no truncation, one system call.
            fd = os.open(self._owner, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                os.pwrite(fd, f"{os.getpid():<20}\n".encode("ascii"), 0)
            finally:
                os.close(fd)
