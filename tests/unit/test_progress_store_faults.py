"""ProgressStore under a full disk, a read-only folder, a file in the way, a held lock."""

from __future__ import annotations

import errno
import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressError, ProgressStore

T0 = 1_800_000_000.0


def rec(i: int) -> AnswerRecord:
    return AnswerRecord(T0 + i, "p", f"q{i % 3}", f"answer {i}", "correct", 1.0)


def history_lines(data: Path) -> list[str]:
    raw = (data / "profiles" / "default" / "history.jsonl").read_bytes()
    return [json.loads(line)["response"] for line in raw.splitlines() if line.strip()]


def failing(code: int, real: Callable[..., Any], when: Callable[..., bool]) -> Callable[..., Any]:
    def fake(*args: Any, **kwargs: Any) -> Any:
        if when(*args, **kwargs):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return fake


def assert_one_line(err: ProgressError, *words: str) -> None:
    text = str(err)
    assert "\n" not in text and "Traceback" not in text
    for word in words:
        assert word in text


def test_disk_full_keeps_answers_in_memory_and_saves_them_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(rec(0))
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC, os.write, lambda *a: True))
    for i in (1, 2):
        with pytest.raises(ProgressError) as info:
            store.record(rec(i))
        assert_one_line(info.value, "disk full", str(store.path), "kept in memory")
    assert store.unsaved == 2
    # the session goes on: the answers count in states and history
    assert store.states()["p/q1"].reps == 1 and store.states()["p/q2"].reps == 1
    assert [r.response for r in store.history()] == ["answer 0", "answer 1", "answer 2"]
    assert history_lines(tmp_path) == ["answer 0"]

    monkeypatch.undo()
    store.record(rec(3))
    assert store.unsaved == 0
    assert history_lines(tmp_path) == ["answer 0", "answer 1", "answer 2", "answer 3"]
    reopened = ProgressStore.open(tmp_path)
    assert dict(reopened.states()) == dict(store.states())


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore.open(tmp_path)
    real_open = os.open

    def is_write(path: Any, flags: int, *rest: Any) -> bool:
        return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))

    monkeypatch.setattr(os, "open", failing(errno.EROFS, real_open, is_write))
    with pytest.raises(ProgressError) as info:
        store.record(rec(0))
    assert_one_line(info.value, "read-only", "1 unsaved answer kept in memory")
    with pytest.raises(ProgressError):
        store.flush()
    monkeypatch.setattr(os, "open", real_open)
    store.flush()
    assert store.unsaved == 0 and history_lines(tmp_path) == ["answer 0"]


def test_short_write_then_full_disk_leaves_no_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(tmp_path)
    real_write = os.write
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC, real_write, lambda *a: True))
    for i in range(3):
        with pytest.raises(ProgressError):
            store.record(rec(i))
    calls = {"n": 0}

    def short_write(fd: int, data: bytes) -> int:
        # the disk fills up 1.5 lines into the batch
        calls["n"] += 1
        if calls["n"] == 1:
            cut = data.index(b"\n") + 1
            return real_write(fd, data[: cut + 10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", short_write)
    with pytest.raises(ProgressError) as info:
        store.record(rec(3))
    assert_one_line(info.value, "disk full", "3 unsaved answers")
    assert store.unsaved == 3
    assert history_lines(tmp_path) == ["answer 0"]  # the partial line was cut off
    monkeypatch.setattr(os, "write", real_write)
    store.record(rec(4))
    assert history_lines(tmp_path) == [f"answer {i}" for i in range(5)]
    assert sum(s.reps for s in ProgressStore.open(tmp_path).states().values()) == 5


def test_failed_fsync_does_not_duplicate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(rec(0))
    monkeypatch.setattr(os, "fsync", failing(errno.EIO, os.fsync, lambda *a: True))
    with pytest.raises(ProgressError) as info:
        store.record(rec(1))
    assert_one_line(info.value, "input/output error")
    monkeypatch.undo()
    store.record(rec(2))
    assert history_lines(tmp_path) == ["answer 0", "answer 1", "answer 2"]


def test_snapshot_failure_does_not_fail_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(tmp_path)
    monkeypatch.setattr(os, "replace", failing(errno.ENOSPC, os.replace, lambda *a: True))
    store.record(rec(0))  # the history is the truth; the snapshot is a cache
    store.close()  # no answer is lost, so no error: the snapshot is rebuilt next time
    folder = tmp_path / "profiles" / "default"
    assert not (folder / "state.json").exists()
    assert list(folder.glob(".state.json.*")) == []  # no temp files left behind
    monkeypatch.undo()
    store.close()
    assert json.loads((folder / "state.json").read_text())["answers"] == 1


def test_data_folder_is_a_file_then_becomes_a_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder")
    store = ProgressStore.open(data)  # no exception: the session can go on
    assert len(store.warnings) == 1 and "\n" not in store.warnings[0]
    for i in range(2):
        with pytest.raises(ProgressError) as info:
            store.record(rec(i))
        assert_one_line(info.value, "could not save progress", str(store.path))
    assert store.unsaved == 2 and store.states()["p/q0"].reps == 1

    data.unlink()
    data.mkdir()
    store.record(rec(2))
    assert history_lines(data) == ["answer 0", "answer 1", "answer 2"]
    assert store.unsaved == 0


def test_lock_held_by_another_copy(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, lock_timeout=0.05)
    store.path.mkdir(parents=True)
    lock_path = store.path / ".lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(ProgressError) as info:
            store.record(rec(0))
        assert_one_line(info.value, "another quizbot", "kept in memory")
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    store.record(rec(1))
    assert history_lines(tmp_path) == ["answer 0", "answer 1"]


def test_close_with_unsaved_answers_says_so_finally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(rec(0))
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC, os.write, lambda *a: True))
    with pytest.raises(ProgressError):
        store.record(rec(1))
    with pytest.raises(ProgressError) as info:
        store.close()
    assert_one_line(info.value, "1 answer of this session could not be saved")
    assert "retried" not in str(info.value)
