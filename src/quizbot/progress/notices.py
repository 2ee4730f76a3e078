"""Repairs the learner has not been told about yet: a small JSON Lines file in the profile folder.

`quizbot stats` may repair a damaged snapshot without anyone playing; the next
`play` reads these notices, tells the learner once, and acknowledges them.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from quizbot.atomic import replacing

NOTICES = "notices.jsonl"
# Notices are one-line sentences; a file grown past this is not ours to trust.
_MAX_BYTES = 256 * 1024


def read_notices(folder: Path) -> list[str]:
    """The notices waiting in ``folder``, oldest first, each once; [] when there are none."""
    try:
        with open(folder / NOTICES, "rb") as fh:
            raw = fh.read(_MAX_BYTES)
    except OSError:
        return []  # nothing to tell is better than failing to start
    texts: list[str] = []
    for line in raw.splitlines():
        try:
            text = json.loads(line).get("text")
        except (ValueError, AttributeError, RecursionError):
            continue
        if isinstance(text, str) and text and text not in texts:
            texts.append(text)
    return texts


def add_notices(folder: Path, texts: Iterable[str], now: float) -> None:
    """Append notices not already waiting; best effort (a repair must not fail for want of one)."""
    waiting = read_notices(folder)
    new = [text for text in dict.fromkeys(texts) if text not in waiting]
    if not new:
        return
    data = b"".join(json.dumps({"time": now, "text": text}).encode("ascii") + b"\n" for text in new)
    with contextlib.suppress(OSError):
        fd = os.open(folder / NOTICES, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)


def remove_notices(folder: Path, told: Iterable[str]) -> None:
    """Forget the notices the learner has been told; others (added meanwhile) stay."""
    told_set = set(told)
    waiting = read_notices(folder)
    left = [text for text in waiting if text not in told_set]
    if left == waiting:
        return
    path = folder / NOTICES
    with contextlib.suppress(OSError):
        if not left:
            path.unlink(missing_ok=True)
            return
        with replacing(path, binary=True, private=True) as handle:
            for text in left:
                handle.write(json.dumps({"text": text}).encode("ascii") + b"\n")
