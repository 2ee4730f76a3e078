"""A learner's progress on disk: append-only answer history, atomic snapshot, and a file lock."""

from __future__ import annotations

import contextlib
import errno
import math
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import tzinfo
from pathlib import Path
from types import MappingProxyType

from quizbot.atomic import fsync_folder, replacing
from quizbot.paths import valid_profile_name
from quizbot.progress.codec import (
    NewerSnapshotError,
    Snapshot,
    SnapshotError,
    all_finite,
    decode_record,
    decode_snapshot,
    encode_record,
    encode_snapshot,
)
from quizbot.progress.disputes import DISPUTES_FILE, Dispute, append_dispute, read_disputes
from quizbot.progress.exams import EXAMS_FILE, ExamResult, append_exam, read_exams
from quizbot.progress.lock import LOCK, OWNER, LockBusy, ProfileLock
from quizbot.progress.notices import NOTICES, add_notices, read_notices, remove_notices
from quizbot.progress.records import AnswerRecord, question_key
from quizbot.progress.schedule import QuestionState, review
from quizbot.progress.settings import SETTINGS, ProfileSettings, load_settings, save_settings
from quizbot.progress.tallies import Tallies, local_day

HISTORY = "history.jsonl"
SNAPSHOT = "state.json"
DISPUTES = DISPUTES_FILE
_TMP_PREFIX = ".state.json."
_TMP_SUFFIX = ".tmp"
_ASIDE = f"{SNAPSHOT}.corrupt-"
# Damaged snapshots moved aside are kept for a person to look at, but only the
# newest few: a snapshot damaged on every start must not fill the folder.
KEEP_ASIDE = 3
# A learner's answers are private: the folder and every file in it are the owner's alone.
_FOLDER_MODE = 0o700
_FILE_MODE = 0o600
# How long the first answer waits for a lock another copy holds. A live copy holds it
# for milliseconds, but on a loaded machine its fsync can take a second or two; a stuck
# copy costs this once, after which answers wait for nothing and are kept in memory.
DEFAULT_LOCK_TIMEOUT = 5.0
_PRIVATE_FILES = (HISTORY, SNAPSHOT, NOTICES, LOCK, OWNER, DISPUTES, SETTINGS, EXAMS_FILE)
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
    if isinstance(exc, LockBusy):
        return f"{exc.who()} holds the progress lock"
    if isinstance(exc, TimeoutError):
        return "another quizbot holds the progress lock"
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or str(exc) or type(exc).__name__).splitlines()[0]


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _apply(states: dict[str, QuestionState], rec: AnswerRecord) -> bool:
    """Schedule one answer; False (state left as it was) if the model gave a number that is
    not finite: whatever the model does, the store never keeps, and so never writes, one."""
    key = rec.key
    try:
        state = review(
            states.get(key),
            rec.score,
            rec.time,
            rec.hint_used,
            verdict=rec.verdict,
            seconds=rec.seconds,
            topic=rec.topic,
        )
    except (OverflowError, ValueError, ArithmeticError):
        return False  # a time outside the calendar: the answer is kept, not scheduled
    # One sum is cheaper than a check per field: inf and NaN survive addition.
    numbers = [v for v in vars(state).values() if isinstance(v, (int, float))]
    if not math.isfinite(sum(numbers)) and not all_finite(numbers):
        return False
    states[key] = state
    return True


class ProgressStore:
    """Progress of one profile. Use `ProgressStore.open(data_dir, profile)`."""

    def __init__(
        self,
        data_dir: Path,
        profile: str,
        *,
        clock: Callable[[], float] = time.time,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        quit_timeout: float = 30.0,
        tz: tzinfo | None = None,
    ) -> None:
        self.profile = profile
        self.path = Path(data_dir) / "profiles" / profile
        self.warnings: list[str] = []
        # Called with a sentence before close() waits for a busy lock, so a front can say so.
        self.on_wait: Callable[[str], None] | None = None
        self.tz = tz
        self.day = local_day(tz)
        self._clock = clock
        self._lock_timeout = lock_timeout
        self._quit_timeout = quit_timeout
        self._history_path = self.path / HISTORY
        self._snapshot_path = self.path / SNAPSHOT
        self._lock = ProfileLock(self.path)
        self._lock_busy = False  # the last try found the lock held: try without waiting
        self._mutex = threading.RLock()
        self._states: dict[str, QuestionState] = {}
        self._tallies = Tallies()
        self._offset = 0  # history bytes reflected in _states, always at a line start
        self._answers = 0  # history records reflected in _states
        self._snap_offset = 0  # history offset of the snapshot we last read or wrote
        self._snap_bytes = 0  # its size, for the rewrite policy
        self._pending: list[AnswerRecord] = []  # answers not yet on disk
        self._dir_synced = False
        self._temps_cleaned = False
        self._snapshot_stale = False  # the snapshot on disk is wrong: rewrite it soon
        self._snapshot_newer = False  # written by a newer quizbot: never touch it
        self._repairs: list[str] = []  # repairs made while loading, told once as notices
        self._skipped = 0  # damaged history lines passed over, not yet told
        self._unsound = 0  # answers the model could not schedule, not yet told
        # Answers the learner disputed, as (pack, question, time): kept, never scheduled.
        self._disputed: set[tuple[str, str, float]] = set()
        # The latest answer to each question and the state before it, so that a dispute
        # can take that answer back out of the schedule.
        self._latest: dict[str, tuple[AnswerRecord, QuestionState | None]] = {}

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        data_dir: Path,
        profile: str = "default",
        *,
        clock: Callable[[], float] = time.time,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        quit_timeout: float = 30.0,
        tz: tzinfo | None = None,
    ) -> ProgressStore:
        """Load a profile's progress; damaged files become warnings, never exceptions.

        Opening creates nothing: the profile folder appears with the first answer saved.
        """
        if not valid_profile_name(profile):
            raise ProgressError(
                f"invalid profile name {profile!r}: use 1-64 letters, digits, '-', '_' or '.'"
            )
        store = cls(
            data_dir,
            profile,
            clock=clock,
            lock_timeout=lock_timeout,
            quit_timeout=quit_timeout,
            tz=tz,
        )
        store._load()
        return store

    def _load(self) -> None:
        self._check_folder()
        self._tighten()
        self._disputed = {(d.pack, d.question, d.time) for d in read_disputes(self.path)}
        snapshot = self._read_snapshot()
        if snapshot is not None:
            if snapshot.tallies is None or snapshot.unsound or snapshot.rebuild:
                self._rescan(snapshot)
            self._states = snapshot.states
            self._tallies = snapshot.tallies or Tallies()
            self._offset = self._snap_offset = snapshot.offset
            self._answers = snapshot.answers
        if self._snapshot_stale:
            self._snap_offset = -(1 << 62)  # so the rewrite policy fires now
        self._catch_up_unlocked()
        self._tell_repairs()
        if self._offset - self._snap_offset >= max(_SNAPSHOT_MIN_TAIL, self._snap_bytes):
            # A long replay now saves the next open() the same work.
            self._try_save_snapshot()

    def _check_folder(self) -> None:
        """Warn now if the folder could never be made; make nothing (reading never creates)."""
        ancestor = self.path
        while not ancestor.exists() and ancestor != ancestor.parent:
            ancestor = ancestor.parent
        if ancestor != self.path and not ancestor.is_dir():
            self.warnings.append(
                f"could not create the progress folder {self.path}: {ancestor} is a file,"
                " not a folder — answers will be kept in memory until it can be saved"
            )

    def _tighten(self) -> None:
        """Make an existing profile folder and its files private (older versions left 0644)."""
        targets = [(self.path, _FOLDER_MODE)]
        targets += [(self.path / name, _FILE_MODE) for name in _PRIVATE_FILES]
        for path, mode in targets:
            try:
                info = os.stat(path, follow_symlinks=False)
                if stat.S_IMODE(info.st_mode) & ~mode and not stat.S_ISLNK(info.st_mode):
                    os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
            except OSError:
                continue  # missing, or not ours to change

    def _read_snapshot(self) -> Snapshot | None:
        raw = self._read_snapshot_bytes()
        if raw is None:
            return None
        try:
            snapshot = decode_snapshot(raw)
        except NewerSnapshotError as newer:
            self._leave_newer(newer)
            return None
        except SnapshotError:
            return self._recover_snapshot()
        if not self._snapshot_matches_history(snapshot):
            return self._recover_snapshot()
        self._snap_bytes = len(raw)
        return snapshot

    def _leave_newer(self, newer: NewerSnapshotError) -> None:
        """A newer quizbot's snapshot is read by neither repair nor rewrite: the history
        (which both versions append to) gives this session its states."""
        self._snapshot_newer = True
        self.warnings.append(
            f"progress snapshot {self._snapshot_path} is from a newer quizbot"
            f" (format {newer.found}); it is left untouched — please upgrade quizbot."
            " Your answers are still saved to the history"
        )

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
                    self._repairs.append(
                        f"progress history {self._history_path} is shorter than its snapshot;"
                        " kept the snapshot"
                    )
                    snapshot.offset = size
                    self._snapshot_stale = True
                    return True
                fh.seek(snapshot.offset - 1)
                return fh.read(1) == b"\n"
        except FileNotFoundError:
            self._repairs.append(
                f"progress history {self._history_path} is missing; kept the snapshot"
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
            with self._lock.held(self._lock_timeout):
                # Another copy may have repaired it while we were reading.
                raw = self._read_snapshot_bytes()
                if raw is not None:
                    try:
                        snapshot = decode_snapshot(raw)
                    except NewerSnapshotError as newer:
                        self._leave_newer(newer)
                        return None
                    except SnapshotError:
                        pass
                    else:
                        if self._snapshot_matches_history(snapshot):
                            self._snap_bytes = len(raw)
                            return snapshot
                    aside = self._aside_name()
                    os.replace(self._snapshot_path, aside)
                    self._prune_aside(latest=aside)
                    self._repairs.append(
                        f"progress snapshot {self._snapshot_path} was damaged; moved it to"
                        f" {aside.name} and rebuilt it from the answer history"
                    )
        except OSError as exc:
            self._repairs.append(
                f"progress snapshot {self._snapshot_path} is damaged and could not be moved"
                f" aside ({_reason(exc)}); rebuilt it from the answer history"
            )
        self._snapshot_stale = True
        return None

    def _aside_name(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(self._clock()))
        candidate = self.path / f"{_ASIDE}{stamp}"
        n = 1
        while candidate.exists():
            candidate = self.path / f"{_ASIDE}{stamp}-{n}"
            n += 1
        return candidate

    def _prune_aside(self, latest: Path | None = None) -> None:
        """Keep only KEEP_ASIDE damaged snapshots: ``latest`` (just moved) and the newest others."""
        found = []
        for path in self.path.glob(f"{_ASIDE}*"):
            with contextlib.suppress(OSError):
                found.append((path == latest, path.stat().st_mtime_ns, path.name, path))
        found.sort(reverse=True)
        for *_, path in found[KEEP_ASIDE:]:
            with contextlib.suppress(OSError):
                path.unlink()

    def _rescan(self, snapshot: Snapshot) -> None:
        """Read the history the snapshot covers once: to count answers for a snapshot written
        before counts were kept, and to rebuild the states that held impossible numbers."""
        count = snapshot.tallies is None
        tallies = Tallies()
        rebuilt: dict[str, QuestionState] = {}
        everything = snapshot.rebuild
        try:
            with open(self._history_path, "rb") as fh:
                pos = 0
                for line in fh:
                    pos += len(line)
                    if pos > snapshot.offset:
                        break
                    rec = decode_record(line)
                    if rec is None:
                        continue  # counted as skipped when it was first replayed
                    if count:
                        tallies.add(rec, self.day(rec.time))
                    rebuild = everything or rec.key in snapshot.unsound
                    if rebuild and not self._is_disputed(rec):
                        _apply(rebuilt, rec)
        except OSError:
            everything = False  # no history to replay: keep the older states as they are
        if count:
            snapshot.tallies = tallies
        if everything:
            snapshot.states = rebuilt
            n = len(rebuilt)
            self._repairs.append(
                "quizbot now schedules reviews with the FSRS library; the schedule of"
                f" {_plural(n, 'question')} was rebuilt from your answer history"
            )
        elif snapshot.unsound:
            snapshot.states.update(rebuilt)
            n = len(snapshot.unsound)
            self._repairs.append(
                f"progress snapshot {self._snapshot_path} held {_plural(n, 'question state')}"
                " that were not finite numbers (a bug in an older quizbot); rebuilt"
                f" {'it' if n == 1 else 'them'} from the answer history"
            )
        self._snapshot_stale = True

    def _tell_repairs(self) -> None:
        """Turn this load's repairs into warnings and into notices the next `play` shows."""
        told: list[str] = []
        verb = "is" if self._answers == 1 else "are"
        kept = f"your {_plural(self._answers, 'recorded answer')} {verb} kept"
        for repair in self._repairs:
            told.append(f"{repair}; {kept}")
        if self._skipped:
            told.append(
                f"{_plural(self._skipped, 'damaged line')} of the answer history"
                f" {self._history_path} {'was' if self._skipped == 1 else 'were'} skipped;"
                f" {kept}"
            )
        if self._unsound:
            self.warnings.append(
                f"the scheduler could not update {_plural(self._unsound, 'answer')}"
                " (a number that is not finite); their questions keep their previous schedule"
            )
        self._repairs.clear()
        self._skipped = self._unsound = 0
        if told:
            self.warnings.extend(told)
            if self.path.is_dir():
                add_notices(self.path, told, self._clock())

    # --------------------------------------------------------------- notices

    def pending_notices(self) -> list[str]:
        """What the learner should be told: repairs recorded by earlier runs (say `quizbot
        stats`) and not yet acknowledged, then this session's own warnings."""
        notices = read_notices(self.path)
        return notices + [w for w in self.warnings if w not in notices]

    def acknowledge(self, notices: list[str]) -> None:
        """The learner was told these: do not tell them again."""
        with contextlib.suppress(OSError), self._mutex, self._lock.held(self._lock_timeout):
            remove_notices(self.path, notices)

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
            # answer counts; if not, its answer was never reported, and the
            # fragment is cut off so it never reads as a damaged line.
            rec = decode_record(buffer)
            if rec is None:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, self._offset)
                    return self._offset, False
            else:
                self._apply_record(rec)
            self._offset = size
        return size, True

    def _apply_line(self, line: bytes) -> None:
        rec = decode_record(line)
        if rec is None:
            if line.strip():
                self._skipped += 1
            return
        self._apply_record(rec)

    def _is_disputed(self, rec: AnswerRecord) -> bool:
        return bool(self._disputed) and (rec.pack, rec.question, rec.time) in self._disputed

    def _apply_record(self, rec: AnswerRecord) -> None:
        if not self._is_disputed(rec):
            key = rec.key
            self._latest[key] = (rec, self._states.get(key))
            if not _apply(self._states, rec):
                self._unsound += 1
        self._tallies.add(rec, self.day(rec.time))
        self._answers += 1

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

        Answers kept in memory because another copy held the lock are saved as
        soon as it frees, waiting up to `quit_timeout` seconds (`on_wait` is told
        first). Raises ProgressError only when answers could not be saved; a
        snapshot that cannot be written is no loss (it is rebuilt from the history).
        """
        with self._mutex:
            if not (self._pending or self._snapshot_stale or self._offset != self._snap_offset):
                return
            try:
                self._sync(force_snapshot=True)
            except ProgressError as error:
                if self._pending and isinstance(error.__cause__, LockBusy):
                    error = self._wait_and_save(error.__cause__) or error
                if not self._pending:
                    return
                n = len(self._pending)
                cause = error.__cause__
                reason = _reason(cause) if isinstance(cause, OSError) else str(error)
                raise ProgressError(
                    f"{n} answer{'s' if n != 1 else ''} of this session could not be saved "
                    f"to {self.path}: {reason}"
                ) from error

    def _wait_and_save(self, busy: LockBusy) -> ProgressError | None:
        """Wait for a busy lock to save the answers kept in memory; the error if it stays busy."""
        if self._quit_timeout <= 0:
            return None
        if self.on_wait is not None:
            n = len(self._pending)
            self.on_wait(
                f"waiting up to {self._quit_timeout:g} s for {busy.who()} to release the"
                f" progress lock, to save {_plural(n, 'answer')} kept in memory"
            )
        try:
            self._sync(force_snapshot=True, timeout=self._quit_timeout)
        except ProgressError as error:
            return error
        return None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def unsaved(self) -> int:
        """How many answers are kept in memory only."""
        return len(self._pending)

    def _sync(self, *, force_snapshot: bool, timeout: float | None = None) -> None:
        if timeout is None:
            # While a stuck copy holds the lock, don't make every answer wait for it.
            timeout = 0.0 if self._lock_busy else self._lock_timeout
        try:
            self._make_folder()
            try:
                with self._lock.held(timeout):
                    self._lock_busy = False
                    self._sync_locked(force_snapshot=force_snapshot)
            except LockBusy:
                self._lock_busy = True
                raise
        except OSError as exc:  # LockBusy is an OSError too
            if self._pending:
                n = len(self._pending)
                kept = f"{n} unsaved answer{'s' if n != 1 else ''} kept in memory"
                raise ProgressError(
                    f"could not save progress to {self.path}: {_reason(exc)}"
                    f" — {kept}; saving is retried with the next answer"
                ) from exc
            raise ProgressError(f"could not save progress to {self.path}: {_reason(exc)}") from exc
        finally:
            self._tell_repairs()

    def _make_folder(self) -> None:
        if self.path.is_dir():
            return
        self.path.mkdir(parents=True, exist_ok=True, mode=_FOLDER_MODE)
        os.chmod(self.path, _FOLDER_MODE)  # whatever the umask

    def _sync_locked(self, *, force_snapshot: bool) -> None:
        fd = os.open(self._history_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, _FILE_MODE)
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
            self._apply_record(rec)
        del self._pending[:count]

    def _write_snapshot(self) -> None:
        if self._snapshot_newer:
            # Not ours to replace; the history alone carries this session's answers.
            self._snap_offset = self._offset
            self._snapshot_stale = False
            return
        if not self._temps_cleaned:
            # Leftovers of copies killed mid-write; safe to remove under the lock.
            for stale in self.path.glob(f"{_TMP_PREFIX}*{_TMP_SUFFIX}"):
                stale.unlink(missing_ok=True)
            self._prune_aside()  # older versions could pile them up
            self._temps_cleaned = True
        snapshot = Snapshot(self._states, self._offset, self._answers, self._tallies)
        try:
            data = encode_snapshot(snapshot, self.profile)
        except ValueError as exc:  # a number that is not finite slipped past every guard
            raise OSError(errno.EINVAL, f"progress snapshot not written: {exc}") from exc
        with replacing(
            self._snapshot_path, binary=True, private=True, prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX
        ) as handle:
            handle.write(data)
        self._snap_offset = self._offset
        self._snap_bytes = len(data)
        self._snapshot_stale = False

    def _try_save_snapshot(self) -> None:
        try:
            with self._mutex, self._lock.held(self._lock_timeout):
                self._sync_locked(force_snapshot=True)
        except OSError:
            pass  # only a cache; record() reports real trouble
        self._tell_repairs()

    # ---------------------------------------------------------------- reading

    def states(self) -> Mapping[str, QuestionState]:
        """Per-question state keyed "pack/question", unsaved answers included.

        A copy: another thread may record while the caller iterates.
        """
        with self._mutex:
            merged = dict(self._states)
            for rec in self._pending:
                if not self._is_disputed(rec):
                    _apply(merged, rec)
            return MappingProxyType(merged)

    def tallies(self) -> Tallies:
        """Answers counted overall, per pack, per topic and per day, unsaved ones included.

        Kept as answers are recorded and stored in the snapshot, so this never
        reads the history: `stats` stays fast however long the history grows.
        """
        with self._mutex:
            counts = self._tallies.copy()
            for rec in self._pending:
                counts.add(rec, self.day(rec.time))
            return counts

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

    # --------------------------------------------------------------- disputes

    def dispute(self, pack: str, question: str, note: str = "") -> AnswerRecord:
        """The learner says the verdict on their latest answer to this question was wrong.

        The answer stays in the history and the counts; it is flagged in the disputes
        file (for the pack's author: `quizbot stats --disputes`) and taken out of the
        schedule, so it is not scheduled as a miss. Only an answer given since this
        profile was opened can be disputed. Raises ValueError when there is none,
        ProgressError when the flag cannot be saved. (Another copy running on the same
        profile sees the dispute when it next opens it.)
        """
        key = question_key(pack, question)
        with self._mutex:
            pending = [r for r in self._pending if r.pack == pack and r.question == question]
            latest = self._latest.get(key)
            if pending:
                rec, before = pending[-1], None
            elif latest is not None:
                rec, before = latest
            else:
                raise ValueError(f"no answer to {key} in this session to dispute")
            entry = Dispute.of(rec, self._clock(), note)
            try:
                self._make_folder()
                with self._lock.held(self._lock_timeout):
                    append_dispute(self.path, entry)
            except OSError as exc:
                raise ProgressError(
                    f"could not save the dispute to {self.path}: {_reason(exc)}"
                ) from exc
            self._disputed.add((rec.pack, rec.question, rec.time))
            if not pending:
                if before is None:
                    self._states.pop(key, None)
                else:
                    self._states[key] = before
                del self._latest[key]
                self._snapshot_stale = True  # the snapshot on disk still schedules it
            return rec

    def record_exam(self, result: ExamResult) -> None:
        """Keep an exam's result; raises ProgressError if it cannot be saved."""
        with self._mutex:
            try:
                self._make_folder()
                with self._lock.held(self._lock_timeout):
                    append_exam(self.path, result)
            except (OSError, ValueError) as exc:
                reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
                raise ProgressError(f"could not save the exam to {self.path}: {reason}") from exc

    def exams(self) -> list[ExamResult]:
        """Every exam result of this profile, oldest first."""
        return read_exams(self.path)

    def disputes(self) -> list[Dispute]:
        """Every disputed answer of this profile, oldest first."""
        return read_disputes(self.path)

    # --------------------------------------------------------------- settings

    def settings(self) -> ProfileSettings:
        """The profile's remembered choices (defaults when none are saved)."""
        return load_settings(self.path)

    def save_settings(self, settings: ProfileSettings) -> None:
        """Remember these choices; raises ProgressError if they cannot be saved."""
        try:
            save_settings(self.path, settings)
        except OSError as exc:
            raise ProgressError(f"could not save settings to {self.path}: {_reason(exc)}") from exc
