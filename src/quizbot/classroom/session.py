"""A drill's session folder: its events, one JSON object a line, each saved at once.

``<data folder>/drills/<YYYYMMDD-HHMMSS>-<name>/events.jsonl``. Every event is written
and fsynced before the drill acts on it, as the progress history is, so a closed
terminal or a killed process loses at most the move being typed. A last line cut off by
a crash is ignored when the session is read back (and ended before the next write).
The folder is the session's record: class answers never go into a learner's progress.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from quizbot.atomic import fsync_folder, write_synced

EVENTS = "events.jsonl"
FOLDER = "drills"
_SLUG = re.compile(r"[^A-Za-z0-9_-]+")


class SessionError(Exception):
    """A session that cannot be found, read or written (one line)."""


def drills_folder(data: Path) -> Path:
    return data / FOLDER


def slug(name: str) -> str:
    """A folder-safe form of a drill's name (ASCII letters, digits, - and _)."""
    return _SLUG.sub("-", name).strip("-")[:40] or "drill"


class Session:
    """The events file of one drill, opened for appending."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / EVENTS

    @classmethod
    def create(
        cls, data: Path, name: str, now: float | None = None, *, kind: str = FOLDER
    ) -> Session:
        """A new session folder under ``data/kind`` (``drills``, or ``classes``)."""
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
        base = data / kind
        try:
            base.mkdir(parents=True, exist_ok=True)
            for n in range(1, 1000):
                folder = (
                    base / f"{stamp}-{slug(name)}" if n == 1 else base / f"{stamp}-{slug(name)}-{n}"
                )
                try:
                    folder.mkdir()
                except FileExistsError:
                    continue
                fsync_folder(base, required=False)
                return cls(folder)
        except OSError as error:
            raise SessionError(
                f"cannot make a session folder in {base}: {error.strerror}"
            ) from None
        raise SessionError(f"too many sessions named {name!r} in {base} this second")

    @classmethod
    def find(cls, data: Path, name: str | None) -> Session:
        """A session by folder path or name under the drills folder; None: the newest."""
        if name:
            given = Path(name).expanduser()
            for folder in (given, drills_folder(data) / name, data / "classes" / name):
                if (folder / EVENTS).is_file():
                    return cls(folder)
            raise SessionError(
                f"no drill session at {name} (see the folders in {drills_folder(data)})"
            )
        found = sorted(
            (p for p in drills_folder(data).glob(f"*/{EVENTS}")),
            key=lambda p: p.parent.name,
        )
        if not found:
            raise SessionError(f"no drill session in {drills_folder(data)} to resume")
        return cls(found[-1].parent)

    def append(self, event: dict[str, Any]) -> None:
        """Write one event and fsync it before returning."""
        line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                if _ends_torn(fd):
                    os.write(fd, b"\n")
                write_synced(fd, line.encode("utf-8"))
            finally:
                os.close(fd)
        except OSError as error:
            raise SessionError(f"cannot save the drill to {self.path}: {error.strerror}") from None

    def events(self) -> list[dict[str, Any]]:
        """Every whole event saved, in order (a line cut off by a crash is left out)."""
        try:
            data = self.path.read_bytes()
        except OSError as error:
            raise SessionError(f"cannot read {self.path}: {error.strerror}") from None
        return list(_decode(data, self.path))


def _ends_torn(fd: int) -> bool:
    size = os.fstat(fd).st_size
    return size > 0 and os.pread(fd, 1, size - 1) != b"\n"


def _decode(data: bytes, path: Path) -> Iterator[dict[str, Any]]:
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            event = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            if number == len(lines) or not raw.rstrip().endswith(b"}"):
                continue  # a line cut off by a crash: that move was never made
            raise SessionError(
                f"{path}:{number}:1: not a drill event (the file is damaged)"
            ) from None
        if not isinstance(event, dict) or "type" not in event or "t" not in event:
            raise SessionError(f"{path}:{number}:1: not a drill event (the file is damaged)")
        yield event
