"""A learner's progress on disk: append-only answer history, atomic snapshot, and a file lock."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import filelock

from quizbot.atomic import fsync_folder, replacing
from quizbot.paths import valid_profile_name
from quizbot.progress.codec import (
    Snapshot,
    SnapshotError,
    decode_record,
    decode_snapshot,
    encode_record,
    encode_snapshot,
)
from quizbot.progress.records import AnswerRecord
from quizbot.progress.schedule import QuestionState, review

HISTORY = "history.jsonl"
SNAPSHOT = "state.json"
LOCK = ".lock"
_TMP_PREFIX = ".state.json."
_TMP_SUFFIX = ".tmp"
_CHUNK = 1 << 20
# The snapshot is rewritten once the history has grown past it by at least
# this many bytes, or by the snapshot's own size if larger: recording stays
# O(1) amortised whatever the number of questions, and open() never replays
# more than about one snapshot's worth of history.
_SNAPSHOT_MIN_TAIL = 16 * 1024

_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a path component is a file, not a folder",
    errno.EISDIR: "a file is expected but a folder is there",
    errno.EEXIST: "a file is in the way of the folder",
    errno.EIO: "input/output error",
}


class ProgressError(Exception):
    """Progress could not be read or saved; str() is one line for a person."""


def _reason(exc: OSError) -> str:
    if isinstance(exc, filelock.Timeout):
        return "another quizbot holds the progress lock"
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or str(exc) or type(exc).__name__).splitlines()[0]


class ProgressStore:
    """Progress of one profile. Use `ProgressStore.open(data_dir, profile)`."""

    def __init__(
        self,
        data_dir: Path,
        profile: str,
        *,
        clock: Callable[[], float] = time.time,
        lock_timeout: float = 10.0,
    ) -> None:
        self.profile = profile
        self.path = Path(data_dir) / "profiles" / profile
        self.warnings: list[str] = []
        self._clock = clock
        self._history_path = self.path / HISTORY
        self._snapshot_path = self.path / SNAPSHOT
        self._lock = filelock.FileLock(str(self.path / LOCK), timeout=lock_timeout)
        self._mutex = threading.RLock()
        self._states: dict[str, QuestionState] = {}
        self._offset = 0  # history bytes reflected in _states, always at a line start
        self._answers = 0  # history records reflected in _states
        self._snap_offset = 0  # history offset of the snapshot we last read or wrote
        self._snap_bytes = 0  # its size, for the rewrite policy
        self._pending: list[AnswerRecord] = []  # answers not yet on disk
        self._dir_synced = False
        self._temps_cleaned = False
        self._snapshot_stale = False  # the snapshot on disk is wrong: rewrite it soon

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        data_dir: Path,
        profile: str = "default",
        *,
        clock: Callable[[], float] = time.time,
        lock_timeout: float = 10.0,
    ) -> ProgressStore:
        """Load a profile's progress; damaged files become warnings, never exceptions."""
        if not valid_profile_name(profile):
            raise ProgressError(
                f"invalid profile name {profile!r}: use 1-64 letters, digits, '-', '_' or '.'"
            )
        store = cls(data_dir, profile, clock=clock, lock_timeout=lock_timeout)
        store._load()
        return store

    def _load(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.warnings.append(
                f"could not create the progress folder {self.path}: {_reason(exc)}"
                " — answers will be kept in memory until it can be saved"
            )
        snapshot = self._read_snapshot()
        if snapshot is not None:
            self._states = snapshot.states
            self._offset = self._snap_offset = snapshot.offset
            self._answers = snapshot.answers
        if self._snapshot_stale:
            self._snap_offset = -(1 << 62)  # so the rewrite policy fires now
        self._catch_up_unlocked()
        if self._offset - self._snap_offset >= max(_SNAPSHOT_MIN_TAIL, self._snap_bytes):
            # A long replay now saves the next open() the same work.
            self._try_save_snapshot()

    def _read_snapshot(self) -> Snapshot | None:
        raw = self._read_snapshot_bytes()
        if raw is None:
            return None
        try:
            snapshot = decode_snapshot(raw)
        except SnapshotError:
            return self._recover_snapshot()
        if not self._snapshot_matches_history(snapshot):
            return self._recover_snapshot()
        self._snap_bytes = len(raw)
        return snapshot

    def _read_snapshot_bytes(self) -> bytes | None:
        try:
            return self._snapshot_path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise ProgressError(
                f"could not read progress in {self._snapshot_path}: {_reason(exc)}"
            ) from exc

    def _snapshot_matches_history(self, snapshot: Snapshot) -> bool:
        """The snapshot's offset must fall at a line start of the history it was written for."""
        if snapshot.offset == 0:
            return True
        try:
            with open(self._history_path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if snapshot.offset > size:
                    # The history lost its end (restored from a backup?): the
                    # snapshot knows more than it, so keep the snapshot.
                    self.warnings.append(
                        f"progress history {self._history_path} is shorter than its snapshot;"
                        " keeping the snapshot"
                    )
                    snapshot.offset = size
                    self._snapshot_stale = True
                    return True
                fh.seek(snapshot.offset - 1)
                return fh.read(1) == b"\n"
        except FileNotFoundError:
            self.warnings.append(
                f"progress history {self._history_path} is missing; keeping the snapshot"
            )
            snapshot.offset = 0
            self._snapshot_stale = True
            return True
        except OSError as exc:
            raise ProgressError(
                f"could not read progress in {self._history_path}: {_reason(exc)}"
            ) from exc

    def _recover_snapshot(self) -> Snapshot | None:
        """Move a damaged snapshot aside (under the lock) and let the history rebuild it."""
        try:
            with self._lock:
                # Another copy may have repaired it while we were reading.
                raw = self._read_snapshot_bytes()
                if raw is not None:
                    try:
                        snapshot = decode_snapshot(raw)
                    except SnapshotError:
                        pass
                    else:
                        if self._snapshot_matches_history(snapshot):
                            self._snap_bytes = len(raw)
                            return snapshot
                    aside = self._aside_name()
                    os.replace(self._snapshot_path, aside)
                    self.warnings.append(
                        f"progress snapshot {self._snapshot_path} was damaged; moved it to"
                        f" {aside.name} and rebuilt it from the answer history"
                    )
        except OSError as exc:
            self.warnings.append(
                f"progress snapshot {self._snapshot_path} is damaged and could not be moved"
                f" aside ({_reason(exc)}); rebuilt it from the answer history"
            )
        self._snapshot_stale = True
        return None

    def _aside_name(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(self._clock()))
        candidate = self.path / f"{SNAPSHOT}.corrupt-{stamp}"
        n = 1
        while candidate.exists():
            candidate = self.path / f"{SNAPSHOT}.corrupt-{stamp}-{n}"
            n += 1
        return candidate

    # ------------------------------------------------------------ the history

    def _catch_up_unlocked(self) -> None:
        try:
            fd = os.open(self._history_path, os.O_RDONLY)
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError as exc:
            raise ProgressError(
                f"could not read progress in {self._history_path}: {_reason(exc)}"
            ) from exc
        try:
            # Without the lock a line may still be being written: leave it for later.
            self._catch_up(fd, locked=False)
        except OSError as exc:
            raise ProgressError(
                f"could not read progress in {self._history_path}: {_reason(exc)}"
            ) from exc
        finally:
            os.close(fd)

    def _catch_up(self, fd: int, *, locked: bool) -> tuple[int, bool]:
        """Apply history lines after our offset (others' answers); return (size, torn tail?)."""
        size = os.fstat(fd).st_size
        if size < self._offset:
            self.warnings.append(
                f"progress history {self._history_path} shrank; keeping what was already loaded"
            )
            self._offset = size
        start = pos = self._offset
        buffer = b""
        while pos < size:
            chunk = os.pread(fd, min(_CHUNK, size - pos), pos)
            if not chunk:
                break
            pos += len(chunk)
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                self._offset += len(line) + 1
                self._apply_line(line)
        if not buffer:
            # Nothing new: our offset may still sit just after a torn line
            # (a failed write left it), so look at the file's last byte.
            torn = pos == start and size > 0 and os.pread(fd, 1, size - 1) != b"\n"
            return size, torn
        if locked:
            # Nobody else is writing: this is the torn end of a copy that died
            # mid-write. If it still parses only its newline was lost, and the
            # answer counts; either way our lines must start on a fresh line.
            self._apply_line(buffer)
            self._offset = size
        return size, True

    def _apply_line(self, line: bytes) -> None:
        rec = decode_record(line)
        if rec is not None:
            self._apply(self._states, rec)
            self._answers += 1

    @staticmethod
    def _apply(states: dict[str, QuestionState], rec: AnswerRecord) -> None:
        key = rec.key
        states[key] = review(states.get(key), rec.score, rec.time, rec.hint_used)

    # ---------------------------------------------------------------- writing

    def record(self, rec: AnswerRecord) -> None:
        """Append an answer to the history and fsync it; raises ProgressError if it can't be saved.

        On failure the answer is kept in memory (it shows in states() and
        history()) and saved with the next successful record() or flush().
        """
        if decode_record(encode_record(rec)) != rec:
            # Caught before it is written: a line we could not read back
            # (NaN score, wrong types) would vanish from the history on reload.
            raise ValueError(f"answer record cannot be stored faithfully: {rec!r}")
        with self._mutex:
            self._pending.append(rec)
            self._sync(force_snapshot=False)

    def flush(self) -> None:
        """Retry saving answers kept in memory after an error; raises ProgressError on failure."""
        with self._mutex:
            if self._pending:
                self._sync(force_snapshot=False)

    def close(self) -> None:
        """Save everything, snapshot included.

        Raises ProgressError only when answers could not be saved; a snapshot that
        cannot be written is no loss (it is rebuilt from the history next time).
        """
        with self._mutex:
            if not (self._pending or self._snapshot_stale or self._offset != self._snap_offset):
                return
            try:
                self._sync(force_snapshot=True)
            except ProgressError as error:
                if not self._pending:
                    return
                n = len(self._pending)
                cause = error.__cause__
                reason = _reason(cause) if isinstance(cause, OSError) else str(error)
                raise ProgressError(
                    f"{n} answer{'s' if n != 1 else ''} of this session could not be saved "
                    f"to {self.path}: {reason}"
                ) from error

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def unsaved(self) -> int:
        """How many answers are kept in memory only."""
        return len(self._pending)

    def _sync(self, *, force_snapshot: bool) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            with self._lock:
                self._sync_locked(force_snapshot=force_snapshot)
        except OSError as exc:  # filelock.Timeout is an OSError too
            if self._pending:
                n = len(self._pending)
                kept = f"{n} unsaved answer{'s' if n != 1 else ''} kept in memory"
                raise ProgressError(
                    f"could not save progress to {self.path}: {_reason(exc)}"
                    f" — {kept}; saving is retried with the next answer"
                ) from exc
            raise ProgressError(f"could not save progress to {self.path}: {_reason(exc)}") from exc

    def _sync_locked(self, *, force_snapshot: bool) -> None:
        fd = os.open(self._history_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if not self._dir_synced:
                fsync_folder(self.path, required=True)  # the history file's own entry, once
                self._dir_synced = True
            size, torn = self._catch_up(fd, locked=True)
            if self._pending or torn:
                # With nothing pending this just ends the torn line, so the
                # snapshot's offset falls at a line start.
                self._append(fd, size, torn)
        finally:
            os.close(fd)
        due = self._offset - self._snap_offset >= max(_SNAPSHOT_MIN_TAIL, self._snap_bytes)
        if force_snapshot or due:
            try:
                self._write_snapshot()
            except OSError:
                # The answers are safe in the history; the snapshot is only a
                # cache and is retried on a later answer.
                if force_snapshot:
                    raise

    def _append(self, fd: int, size: int, torn: bool) -> None:
        prefix = b"\n" if torn else b""
        lines = [encode_record(rec) for rec in self._pending]
        data = prefix + b"".join(lines)
        written = 0
        try:
            while written < len(data):
                written += os.write(fd, data[written:])
        except OSError:
            self._keep_written(fd, size, prefix, lines, written)
            raise
        self._offset = size + len(data)
        self._commit(len(lines))
        # After _commit: a failed fsync must not make us write the lines twice.
        os.fsync(fd)

    def _keep_written(
        self, fd: int, size: int, prefix: bytes, lines: list[bytes], written: int
    ) -> None:
        """After a short write, count whole lines as saved and cut off a partial one."""
        end = size + len(prefix)
        if written < len(prefix):
            return
        done = 0
        for line in lines:
            if end + len(line) > size + written:
                break
            end += len(line)
            done += 1
        # A torn tail left behind would get a fresh line before the next append.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, end)
        self._offset = end
        self._commit(done)

    def _commit(self, count: int) -> None:
        for rec in self._pending[:count]:
            self._apply(self._states, rec)
        self._answers += count
        del self._pending[:count]

    def _write_snapshot(self) -> None:
        if not self._temps_cleaned:
            # Leftovers of copies killed mid-write; safe to remove under the lock.
            for stale in self.path.glob(f"{_TMP_PREFIX}*{_TMP_SUFFIX}"):
                stale.unlink(missing_ok=True)
            self._temps_cleaned = True
        snapshot = Snapshot(states=self._states, offset=self._offset, answers=self._answers)
        data = encode_snapshot(snapshot, self.profile)
        with replacing(
            self._snapshot_path, binary=True, private=True, prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX
        ) as handle:
            handle.write(data)
        self._snap_offset = self._offset
        self._snap_bytes = len(data)
        self._snapshot_stale = False

    def _try_save_snapshot(self) -> None:
        try:
            with self._mutex, self._lock.acquire(timeout=1.0):
                self._sync_locked(force_snapshot=True)
        except OSError:
            pass  # only a cache; record() reports real trouble

    # ---------------------------------------------------------------- reading

    def states(self) -> Mapping[str, QuestionState]:
        """Per-question state keyed "pack/question", unsaved answers included.

        A copy: another thread may record while the caller iterates.
        """
        with self._mutex:
            merged = dict(self._states)
            for rec in self._pending:
                self._apply(merged, rec)
            return MappingProxyType(merged)

    def history(self) -> Iterator[AnswerRecord]:
        """Every answer in the history, torn or damaged lines skipped, then unsaved ones."""
        pending = list(self._pending)
        try:
            with open(self._history_path, "rb") as fh:
                for line in fh:
                    rec = decode_record(line)
                    if rec is not None:
                        yield rec
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as exc:
            raise ProgressError(
                f"could not read progress in {self._history_path}: {_reason(exc)}"
            ) from exc
        yield from pending
