"""The class session folder, as files: who writes what, and reading what others wrote.

``<data folder>/classes/<YYYYMMDD-HHMMSS>-<name>/``::

    events.jsonl            the host's events (the host alone writes it)
    students/<token>.jsonl  one student tab's requests: its join, its answers
    server.log              the web server's own chatter

No file has two writers, so none needs a lock: each is appended to (and fsynced) by its
one process, and read by the others from where they stopped (:class:`Tail`), whole lines
only (a line still being written is read on the next poll). The host reads every
student file; each student reads the host's events. A student's token is random, so a
tab cannot write into another's file or guess its name.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizbot.atomic import write_synced
from quizbot.classroom.session import EVENTS, Session, SessionError

CLASSES = "classes"
STUDENTS = "students"
SERVER_LOG = "server.log"
MAX_LINE_BYTES = 4096  # a longer line is not a student's request
MAX_STUDENT_FILE = 256 * 1024  # beyond this a student file is a flood: not read further
MAX_LINES_A_POLL = 20  # from one student file at one poll


def classes_folder(data: Path) -> Path:
    return data / CLASSES


def create_class_session(data: Path, name: str) -> Session:
    """A new class session folder with its (empty) students folder."""
    session = Session.create(data, name, kind=CLASSES)
    try:
        (session.folder / STUDENTS).mkdir(mode=0o700)
    except OSError as error:
        raise SessionError(f"cannot make {session.folder / STUDENTS}: {error.strerror}") from None
    return session


def find_class_session(data: Path, name: str | None) -> Session:
    """A class session by folder path or name; None: the newest class."""
    if name:
        for folder in (Path(name).expanduser(), classes_folder(data) / name):
            if (folder / EVENTS).is_file() and (folder / STUDENTS).is_dir():
                return Session(folder)
        raise SessionError(f"no class session at {name} (see {classes_folder(data)})")
    found = sorted(classes_folder(data).glob(f"*/{EVENTS}"), key=lambda p: p.parent.name)
    if not found:
        raise SessionError(f"no class session in {classes_folder(data)}: is the class host on?")
    return Session(found[-1].parent)


def new_token() -> str:
    return secrets.token_hex(12)


class StudentLog:
    """One student tab's own file: written by that tab's process only, each line fsynced."""

    def __init__(self, folder: Path, token: str | None = None) -> None:
        self.token = token or new_token()
        self.path = folder / STUDENTS / f"{self.token}.jsonl"

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        data = line.encode("utf-8")
        if len(data) > MAX_LINE_BYTES:
            raise SessionError("that is too long to send")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                write_synced(fd, data)
            finally:
                os.close(fd)
        except OSError as error:
            raise SessionError(f"cannot save to the class folder: {error.strerror}") from None


class Tail:
    """Reads the whole lines added to a file since the last read."""

    def __init__(
        self, path: Path, *, limit: int | None = None, max_line: int | None = None
    ) -> None:
        self.path = path
        self.offset = 0
        self.limit = limit  # stop reading past this many bytes
        self.max_line = max_line  # a longer line is skipped (a student's file: a flood)
        self._rest = b""

    def lines(self, most: int | None = None) -> Iterator[dict[str, Any]]:
        """The new whole JSON lines (at most ``most`` this time); bad lines are skipped."""
        try:
            size = self.path.stat().st_size
        except OSError:
            return
        end = size if self.limit is None else min(size, self.limit)
        if end > self.offset:
            try:
                with self.path.open("rb") as handle:
                    handle.seek(self.offset)
                    chunk = handle.read(end - self.offset)
            except OSError:
                return
            self.offset += len(chunk)
            self._rest += chunk
        count = 0
        while b"\n" in self._rest and (most is None or count < most):
            raw, _, self._rest = self._rest.partition(b"\n")
            if self.max_line is not None and len(raw) > self.max_line:
                continue
            try:
                record = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(record, dict):
                count += 1
                yield record
        if self.max_line is not None and len(self._rest) > self.max_line:
            self._rest = b""  # no line end in sight: not a request


@dataclass(frozen=True)
class Request:
    """One line of a student's file, with who sent it and when the host read it."""

    token: str
    record: dict[str, Any]


class Inbox:
    """The host's view of the students folder: new requests from every tab."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / STUDENTS
        self.tails: dict[str, Tail] = {}

    def poll(self) -> list[Request]:
        requests: list[Request] = []
        try:
            names = [e.name for e in os.scandir(self.folder) if e.name.endswith(".jsonl")]
        except OSError:
            return []
        for name in names:
            token = name[: -len(".jsonl")]
            tail = self.tails.get(token)
            if tail is None:
                tail = self.tails[token] = Tail(
                    self.folder / name, limit=MAX_STUDENT_FILE, max_line=MAX_LINE_BYTES
                )
            requests += [Request(token, r) for r in tail.lines(MAX_LINES_A_POLL)]
        # In the order the students sent them (as far as they say): who joined first.
        requests.sort(key=lambda r: _claimed(r.record))
        return requests


def _claimed(record: dict[str, Any]) -> float:
    t = record.get("t")
    return float(t) if isinstance(t, (int, float)) else 0.0
