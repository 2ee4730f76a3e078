"""ProgressStore: round trips, torn lines, damaged snapshots, two stores on one profile."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressError, ProgressStore

T0 = 1_800_000_000.0
VERDICTS = [("correct", 1.0), ("incorrect", 0.0), ("partial", 0.5), ("skipped", 0.0)]


def rec(i: int, question: str | None = None, pack: str = "p") -> AnswerRecord:
    verdict, score = VERDICTS[i % 4]
    return AnswerRecord(
        time=T0 + 60 * i,
        pack=pack,
        question=question or f"q{i % 5}",
        response=f"answer {i}",
        verdict=verdict,
        score=score,
        hint_used=i % 3 == 0,
        seconds=1.5,
    )


def profile_dir(data: Path, profile: str = "default") -> Path:
    return data / "profiles" / profile


def rebuilt_states(data: Path) -> dict[str, object]:
    """States computed from the history alone, for comparison."""
    (profile_dir(data) / "state.json").unlink(missing_ok=True)
    return dict(ProgressStore.open(data).states())


def test_new_profile_is_empty(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, "ann")
    assert store.profile == "ann" and store.path == profile_dir(tmp_path, "ann")
    assert dict(store.states()) == {} and list(store.history()) == [] and store.warnings == []


def test_round_trip_history_and_states(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    records = [rec(i) for i in range(12)]
    for r in records:
        store.record(r)
    live = dict(store.states())
    assert set(live) == {f"p/q{i}" for i in range(5)}
    assert live["p/q0"].reps == 3
    store.close()

    again = ProgressStore.open(tmp_path)
    assert list(again.history()) == records
    assert dict(again.states()) == live
    assert again.warnings == []
    assert rebuilt_states(tmp_path) == live


def test_every_answer_is_on_disk_when_record_returns(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(3):
        store.record(rec(i))
        lines = (profile_dir(tmp_path) / "history.jsonl").read_bytes().splitlines()
        assert len(lines) == i + 1
        assert json.loads(lines[-1])["response"] == f"answer {i}"


def test_snapshot_plus_history_tail(tmp_path: Path) -> None:
    first = ProgressStore.open(tmp_path)
    for i in range(5):
        first.record(rec(i))
    first.close()  # snapshot covers 5 answers
    second = ProgressStore.open(tmp_path)
    for i in range(5, 9):
        second.record(rec(i))  # no close: the snapshot lags behind the history
    snap = json.loads((profile_dir(tmp_path) / "state.json").read_text())
    assert snap["answers"] == 5
    third = ProgressStore.open(tmp_path)
    assert dict(third.states()) == dict(second.states())
    assert sum(s.reps for s in third.states().values()) == 9


def test_snapshot_is_per_question_not_per_answer(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(300):
        store.record(rec(i, question=f"q{i % 3}"))
    store.close()
    snap = json.loads((profile_dir(tmp_path) / "state.json").read_text())
    assert sorted(snap["questions"]) == ["p/q0", "p/q1", "p/q2"]
    assert snap["answers"] == 300
    assert snap["history_offset"] == (profile_dir(tmp_path) / "history.jsonl").stat().st_size


def test_odd_text_survives(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    odd = [
        "line\nbreak",
        "emoji 🎉 and 中文",
        "\udcff lone surrogate",
        "\u2028sep",
        "x" * 10_000,
        "",
    ]
    records = [
        AnswerRecord(T0 + i, "p", f"q{i}", text, "correct", 1.0) for i, text in enumerate(odd)
    ]
    for r in records:
        store.record(r)
    assert list(ProgressStore.open(tmp_path).history()) == records
    assert len((profile_dir(tmp_path) / "history.jsonl").read_bytes().splitlines()) == len(odd)


def test_torn_last_line_is_skipped_and_next_append_starts_a_fresh_line(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(3):
        store.record(rec(i))
    history = profile_dir(tmp_path) / "history.jsonl"
    with history.open("ab") as fh:
        fh.write(b'{"time": 1800000000.0, "pack": "p", "quest')  # killed mid-write

    reopened = ProgressStore.open(tmp_path)
    assert [r.response for r in reopened.history()] == ["answer 0", "answer 1", "answer 2"]
    assert reopened.warnings == []
    reopened.record(rec(3))

    lines = history.read_bytes().split(b"\n")
    assert lines[-1] == b""  # file ends with a newline
    assert json.loads(lines[-2])["response"] == "answer 3"  # not glued onto the torn line
    final = ProgressStore.open(tmp_path)
    assert [r.response for r in final.history()] == [f"answer {i}" for i in range(4)]
    assert sum(s.reps for s in final.states().values()) == 4
    assert dict(final.states()) == dict(reopened.states())


def test_complete_last_line_without_newline_counts(tmp_path: Path) -> None:
    history = profile_dir(tmp_path) / "history.jsonl"
    history.parent.mkdir(parents=True)
    history.write_bytes(json.dumps(rec(0).to_json()).encode())  # newline lost
    store = ProgressStore.open(tmp_path)
    assert list(store.history()) == [rec(0)]
    store.record(rec(1))
    assert list(ProgressStore.open(tmp_path).history()) == [rec(0), rec(1)]
    assert store.states()["p/q0"].reps == 1 and store.states()["p/q1"].reps == 1


def test_damaged_lines_in_the_middle_are_skipped(tmp_path: Path) -> None:
    history = profile_dir(tmp_path) / "history.jsonl"
    history.parent.mkdir(parents=True)
    good = [json.dumps(rec(i).to_json()).encode() for i in range(3)]
    bad = [b"not json", b"[1, 2]", b'{"time": "noon"}', b"\xff\xfe", b"", b'{"pack": "p"}']
    history.write_bytes(b"\n".join([good[0], *bad[:3], good[1], *bad[3:], good[2]]) + b"\n")
    store = ProgressStore.open(tmp_path)
    assert list(store.history()) == [rec(0), rec(1), rec(2)]
    # Skipped lines are said, with what was kept (the blank line is no loss).
    assert len(store.warnings) == 1
    assert "5 damaged lines" in store.warnings[0]
    assert "3 recorded answers are kept" in store.warnings[0]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01garbage",
        b"",
        b'{"format": 1, "questions": []}',
        b'{"format": 1, "history_offset": 0, "answers": 0, "questions": {"p/q": {"due": 1}}}',
        b"[]",
    ],
)
def test_damaged_snapshot_is_moved_aside_and_rebuilt(tmp_path: Path, content: bytes) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(6):
        store.record(rec(i))
    expected = dict(store.states())
    snapshot = profile_dir(tmp_path) / "state.json"
    snapshot.write_bytes(content)

    # 2026-11-23 14:25:01 local time, injected
    import time as _time

    stamp = _time.mktime((2026, 11, 23, 14, 25, 1, 0, 0, -1))
    reopened = ProgressStore.open(tmp_path, clock=lambda: stamp)
    aside = profile_dir(tmp_path) / "state.json.corrupt-20261123T142501"
    assert aside.read_bytes() == content
    assert dict(reopened.states()) == expected
    assert len(reopened.warnings) == 1
    warning = reopened.warnings[0]
    assert "\n" not in warning and "state.json.corrupt-20261123T142501" in warning
    assert "rebuilt" in warning
    # the rebuilt snapshot is good: the next open is silent
    assert json.loads(snapshot.read_text())["answers"] == 6
    assert ProgressStore.open(tmp_path).warnings == []


def test_second_damaged_snapshot_gets_its_own_name(tmp_path: Path) -> None:
    snapshot = profile_dir(tmp_path) / "state.json"
    snapshot.parent.mkdir(parents=True)
    for _ in range(2):
        snapshot.write_bytes(b"garbage")
        ProgressStore.open(tmp_path, clock=lambda: T0)
    assert len(list(snapshot.parent.glob("state.json.corrupt-*"))) == 2


def test_snapshot_that_does_not_fit_the_history_is_rebuilt(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(4):
        store.record(rec(i))
    store.close()
    snapshot = profile_dir(tmp_path) / "state.json"
    doc = json.loads(snapshot.read_text())
    doc["history_offset"] -= 7  # points into the middle of a line
    doc["questions"] = {}
    snapshot.write_text(json.dumps(doc))
    reopened = ProgressStore.open(tmp_path)
    assert len(reopened.warnings) == 1
    assert dict(reopened.states()) == dict(store.states())


def test_snapshot_survives_a_lost_history(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(4):
        store.record(rec(i))
    store.close()
    (profile_dir(tmp_path) / "history.jsonl").unlink()
    reopened = ProgressStore.open(tmp_path)
    assert dict(reopened.states()) == dict(store.states())
    assert len(reopened.warnings) == 1 and "missing" in reopened.warnings[0]
    reopened.record(rec(4))
    assert ProgressStore.open(tmp_path).states()["p/q4"].reps == 1


def test_two_stores_on_one_profile_merge(tmp_path: Path) -> None:
    a = ProgressStore.open(tmp_path)
    b = ProgressStore.open(tmp_path)
    a.record(rec(0, question="shared"))
    b.record(rec(1, question="shared"))
    a.record(rec(2, question="shared"))
    b.record(rec(3, question="only-b"))
    assert a.states()["p/shared"].reps == 3  # a replayed b's answer before its own
    assert b.states()["p/shared"].reps == 3
    a.close()
    b.close()
    final = ProgressStore.open(tmp_path)
    assert final.states()["p/shared"].reps == 3 and final.states()["p/only-b"].reps == 1
    assert [r.response for r in final.history()] == [f"answer {i}" for i in range(4)]
    assert dict(final.states()) == rebuilt_states(tmp_path)


def test_record_does_not_reread_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(200):
        store.record(rec(i))
    read: list[int] = []
    real_pread = os.pread

    def counting_pread(fd: int, n: int, offset: int) -> bytes:
        read.append(n)
        return real_pread(fd, n, offset)

    def no_open(*args: object, **kwargs: object) -> object:
        raise AssertionError("record() must not open the history for a full read")

    monkeypatch.setattr(os, "pread", counting_pread)
    monkeypatch.setattr("builtins.open", no_open)
    store.record(rec(200))
    assert sum(read) <= 1  # at most the one-byte check of the file's last byte


def test_invalid_profile_name_is_a_progress_error(tmp_path: Path) -> None:
    with pytest.raises(ProgressError) as info:
        ProgressStore.open(tmp_path, "../evil")
    assert "\n" not in str(info.value) and "profile" in str(info.value)
    assert not (tmp_path / "evil").exists()


def test_context_manager_writes_the_snapshot(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path) as store:
        store.record(rec(0))
    assert json.loads((profile_dir(tmp_path) / "state.json").read_text())["answers"] == 1


@pytest.mark.parametrize(
    "bad",
    [
        AnswerRecord(T0, "p", "q", "r", "correct", float("nan")),
        AnswerRecord(T0, "p", "q", "r", "correct", 1.0, hint_used="yes"),  # type: ignore[arg-type]
        AnswerRecord(T0, "p", 7, "r", "correct", 1.0),  # type: ignore[arg-type]
    ],
)
def test_record_refuses_what_it_could_not_read_back(tmp_path: Path, bad: AnswerRecord) -> None:
    store = ProgressStore.open(tmp_path)
    with pytest.raises(ValueError):
        store.record(bad)
    assert store.unsaved == 0 and list(store.history()) == []


def test_close_without_changes_writes_nothing(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(rec(0))
    store.close()
    snapshot = profile_dir(tmp_path) / "state.json"
    before = snapshot.stat().st_mtime_ns
    snapshot.chmod(0o444)
    again = ProgressStore.open(tmp_path)
    again.close()
    assert snapshot.stat().st_mtime_ns == before
