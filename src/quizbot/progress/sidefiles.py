"""Small append-only JSON Lines files beside the history (disputes, exam results)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quizbot.atomic import write_synced


def append_line(path: Path, doc: Mapping[str, Any]) -> None:
    """Append one JSON line and fsync it (the caller holds the profile lock).

    ASCII only (json's default escapes), so a torn write never splits a character, and
    no NaN or Infinity, which other readers could not parse."""
    data = (json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n").encode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        write_synced(fd, data)
    finally:
        os.close(fd)


def read_lines(path: Path) -> list[bytes]:
    """The file's lines; none when it cannot be read (a missing file is no error)."""
    try:
        return path.read_bytes().splitlines()
    except OSError:
        return []
