"""Progress that cannot poison itself: finite numbers only, newer snapshots left alone,
damaged copies that do not pile up, private files, reading that creates nothing, repairs told."""

from __future__ import annotations

import json
import math
import os
import stat
import time
from datetime import timezone
from pathlib import Path
from typing import Any

import pytest

from quizbot.progress import store as store_module
from quizbot.progress.records import AnswerRecord
from quizbot.progress.schedule import MAX_STABILITY, QuestionState, review
from quizbot.progress.stats import summarize
from quizbot.progress.store import KEEP_ASIDE, ProgressStore

T0 = 1_800_000_000.0
UTC = timezone.utc


def right(i: int, question: str = "q", pack: str = "p", topic: str = "") -> AnswerRecord:
    """A right answer given i seconds after T0: thousands of them fall on one day."""
    return AnswerRecord(T0 + i, pack, question, f"answer {i}", "correct", 1.0, topic=topic)


def strict_json(raw: bytes) -> Any:
    """Parse as JSON proper: Infinity and NaN are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(raw, parse_constant=refuse)


def folder(data: Path, profile: str = "default") -> Path:
    return data / "profiles" / profile


def old_snapshot(states: dict[str, dict[str, Any]], offset: int, answers: int) -> bytes:
    """A snapshot as quizbot wrote it before answer counts (format 1), Infinity and all."""
    doc = {
        "format": 1,
        "profile": "default",
        "history_offset": offset,
        "answers": answers,
        "questions": states,
    }
    return json.dumps(doc).encode()


# -- numbers that are not finite -------------------------------------------------------


def test_thousands_of_same_day_right_answers_keep_stability_finite_and_capped() -> None:
    state: QuestionState | None = None
    for i in range(3_000):  # infinite after ~2,073 before the cap
        state = review(state, 1.0, T0 + i)
    assert state is not None
    assert math.isfinite(state.stability) and state.stability <= MAX_STABILITY
    assert math.isfinite(state.due)


def test_a_long_drill_on_one_question_leaves_a_snapshot_that_is_json(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(2_200):
        store.record(right(i))
    store.close()
    doc = strict_json((folder(tmp_path) / "state.json").read_bytes())
    assert doc["questions"]["p/q"]["reps"] == 2_200
    again = ProgressStore.open(tmp_path)
    assert again.warnings == []  # not called damaged, nothing moved aside
    assert list(folder(tmp_path).glob("state.json.corrupt-*")) == []


def test_the_store_never_writes_a_number_that_is_not_finite_whatever_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(right(0))
    good = store.states()["p/q"]

    def broken(state: QuestionState | None, *args: Any, **kwargs: Any) -> QuestionState:
        real = review(state, *args, **kwargs)
        return QuestionState(math.inf, math.inf, real.difficulty, real.reps, 0, real.due, 1.0)

    monkeypatch.setattr(store_module, "review", broken)
    store.record(right(1))
    store.record(right(2, question="new"))
    store.close()
    doc = strict_json((folder(tmp_path) / "state.json").read_bytes())
    assert doc["questions"]["p/q"] == good.to_json()  # the last sound state is kept
    assert "p/new" not in doc["questions"]
    assert doc["answers"] == 3  # every answer is still recorded and counted
    assert doc["tallies"]["total"] == {"correct": 3}


def test_a_snapshot_holding_infinity_is_repaired_in_place(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(5):
        store.record(right(i, question="drilled"))
        store.record(right(i, question="calm"))
    store.close()
    expected = dict(store.states())
    history = folder(tmp_path) / "history.jsonl"
    states = {key: state.to_json() for key, state in expected.items()}
    states["p/drilled"]["stability"] = math.inf  # what a buggy quizbot could write
    snapshot = folder(tmp_path) / "state.json"
    doc = json.loads(old_snapshot(states, history.stat().st_size, 10))
    doc["format"] = 3
    doc["tallies"] = {"total": {"correct": 10}, "packs": {}, "topics": {}, "days": {}}
    snapshot.write_bytes(json.dumps(doc).encode())

    repaired = ProgressStore.open(tmp_path)
    assert dict(repaired.states()) == expected
    assert len(repaired.warnings) == 1
    assert "not finite" in repaired.warnings[0]
    assert "10 recorded answers are kept" in repaired.warnings[0]
    assert list(folder(tmp_path).glob("state.json.corrupt-*")) == []  # repaired, not moved
    doc = strict_json(snapshot.read_bytes())
    assert doc["format"] == 3 and doc["tallies"]["total"] == {"correct": 10}
    assert ProgressStore.open(tmp_path).warnings == []


def test_an_older_snapshot_gets_its_counts_from_the_history_once(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(4):
        store.record(right(i, question=f"q{i}", topic="t"))
    store.close()
    history = folder(tmp_path) / "history.jsonl"
    states = {key: state.to_json() for key, state in store.states().items()}
    (folder(tmp_path) / "state.json").write_bytes(old_snapshot(states, history.stat().st_size, 4))
    upgraded = ProgressStore.open(tmp_path)
    # The only word said is that the schedule moved to the FSRS library, once.
    assert len(upgraded.warnings) == 1 and "FSRS library" in upgraded.warnings[0]
    assert upgraded.tallies().total == {"correct": 4}
    assert upgraded.tallies().topics == {"p/t": {"correct": 4}}
    assert json.loads((folder(tmp_path) / "state.json").read_bytes())["format"] == 3
    assert ProgressStore.open(tmp_path).warnings == []


# -- a snapshot from a newer quizbot ----------------------------------------------------


def test_a_newer_snapshot_is_left_untouched_and_answers_still_reach_the_history(
    tmp_path: Path,
) -> None:
    first = ProgressStore.open(tmp_path)
    for i in range(3):
        first.record(right(i, question=f"q{i}"))
    first.close()
    snapshot = folder(tmp_path) / "state.json"
    newer = b'{"format": 4, "whatever": "a newer quizbot keeps here"}\n'
    snapshot.write_bytes(newer)

    store = ProgressStore.open(tmp_path)
    assert len(store.warnings) == 1
    warning = store.warnings[0]
    assert "newer quizbot" in warning and "upgrade" in warning and "\n" not in warning
    assert store.states()["p/q1"].reps == 1  # from the history instead
    store.record(right(3, question="q3"))
    store.close()
    assert snapshot.read_bytes() == newer
    assert list(folder(tmp_path).glob("state.json.corrupt-*")) == []
    lines = (folder(tmp_path) / "history.jsonl").read_bytes().splitlines()
    assert len(lines) == 4
    assert ProgressStore.open(tmp_path).states()["p/q3"].reps == 1


# -- damaged copies do not pile up ---------------------------------------------------------


def test_damaged_snapshots_moved_aside_are_capped(tmp_path: Path) -> None:
    profile = folder(tmp_path)
    profile.mkdir(parents=True)
    for n in range(6):  # left by an older quizbot, one per start
        old = profile / f"state.json.corrupt-2026010{n}T000000"
        old.write_text("old")
        os.utime(old, (T0 + n, T0 + n))
    (profile / "state.json").write_bytes(b"garbage")
    store = ProgressStore.open(tmp_path, clock=lambda: T0 + 100)
    kept = sorted(p.name for p in profile.glob("state.json.corrupt-*"))
    assert len(kept) == KEEP_ASIDE
    newest = time.strftime("%Y%m%dT%H%M%S", time.localtime(T0 + 100))
    assert f"state.json.corrupt-{newest}" in kept  # the one just moved aside is kept
    assert "state.json.corrupt-20260105T000000" in kept
    assert "state.json.corrupt-20260100T000000" not in kept
    assert len(store.warnings) == 1


# -- private files -----------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_progress_files_are_private_to_the_learner(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)  # the usual umask, which made the history 0644
    try:
        store = ProgressStore.open(tmp_path)
        store.record(right(0))
        store.close()
    finally:
        os.umask(old_mask)
    profile = folder(tmp_path)
    assert mode(profile) == 0o700
    for name in ("history.jsonl", "state.json", ".lock", ".lock.pid"):
        assert mode(profile / name) == 0o600, name


def test_existing_files_are_tightened_when_opened(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(right(0))
    store.close()
    profile = folder(tmp_path)
    profile.chmod(0o755)
    (profile / "history.jsonl").chmod(0o644)
    (profile / "state.json").chmod(0o664)
    ProgressStore.open(tmp_path)
    assert mode(profile) == 0o700
    assert mode(profile / "history.jsonl") == 0o600
    assert mode(profile / "state.json") == 0o600


# -- reading creates nothing -------------------------------------------------------------


def test_opening_and_summarising_a_new_profile_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = ProgressStore.open(data, "newcomer")
    assert summarize(store, T0)["answered"] == 0
    store.close()
    assert not data.exists()
    store.record(right(0))  # the first answer makes the folder
    assert mode(folder(data, "newcomer")) == 0o700


# -- running counts ------------------------------------------------------------------------


def test_stats_read_running_counts_not_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(tmp_path, tz=UTC)
    for i in range(6):
        topic = "fibre" if i % 2 else ""
        store.record(right(i, question=f"q{i}", pack="china" if i < 4 else "world", topic=topic))
    store.close()
    reopened = ProgressStore.open(tmp_path, tz=UTC)

    def no_history() -> Any:
        raise AssertionError("stats must not rescan the history")

    monkeypatch.setattr(reopened, "history", no_history)
    summary = summarize(reopened, T0 + 60)
    assert summary["answered"] == 6 and summary["correct"] == 6
    assert summary["by_pack"]["china"]["answered"] == 4
    assert summary["by_topic"] == {
        "china/fibre": {"answered": 2, "correct": 2, "accuracy": 1.0},
        "world/fibre": {"answered": 1, "correct": 1, "accuracy": 1.0},
    }
    day = time.strftime("%Y-%m-%d", time.gmtime(T0))
    assert summary["by_day"][day] == {"answered": 6, "correct": 6, "accuracy": 1.0}
    doc = json.loads((folder(tmp_path) / "state.json").read_bytes())
    assert doc["tallies"]["days"] == {day: {"correct": 6}}


def test_counts_survive_in_the_snapshot_when_the_history_is_lost(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    for i in range(3):
        store.record(right(i, question=f"q{i}"))
    store.close()
    (folder(tmp_path) / "history.jsonl").unlink()
    assert summarize(ProgressStore.open(tmp_path), T0)["answered"] == 3


def test_counts_include_other_copies_answers(tmp_path: Path) -> None:
    a = ProgressStore.open(tmp_path)
    b = ProgressStore.open(tmp_path)
    a.record(right(0))
    b.record(right(1))
    a.record(right(2))
    assert a.tallies().total == {"correct": 3}
    assert b.tallies().total == {"correct": 2}  # b has not caught up with a's second yet
    b.close()
    assert ProgressStore.open(tmp_path).tallies().total == {"correct": 3}


# -- torn ends of dead copies ----------------------------------------------------------------


def test_a_torn_fragment_is_cut_off_not_left_as_a_damaged_line(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(right(0))
    history = folder(tmp_path) / "history.jsonl"
    with open(history, "ab") as fh:
        fh.write(b'{"time": 1800000001, "pack": "p", "quest')  # a copy killed mid-write
    ProgressStore.open(tmp_path).record(right(2))
    lines = history.read_bytes().splitlines()
    assert [json.loads(line)["response"] for line in lines] == ["answer 0", "answer 2"]
    assert ProgressStore.open(tmp_path).warnings == []


# -- repairs are told once ---------------------------------------------------------------------


def test_a_repair_is_kept_as_a_notice_until_acknowledged(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(right(0))
    store.close()
    (folder(tmp_path) / "state.json").write_bytes(b"garbage")
    ProgressStore.open(tmp_path)  # say, `quizbot stats`: repairs, tells nobody

    player = ProgressStore.open(tmp_path)
    assert player.warnings == []  # nothing is wrong any more...
    notices = player.pending_notices()  # ...but the learner has not been told
    assert len(notices) == 1
    assert "damaged" in notices[0] and "1 recorded answer is kept" in notices[0]
    assert mode(folder(tmp_path) / "notices.jsonl") == 0o600
    player.acknowledge(notices)
    assert ProgressStore.open(tmp_path).pending_notices() == []


def test_a_notice_added_meanwhile_is_not_acknowledged(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    store.record(right(0))
    store.close()
    snapshot = folder(tmp_path) / "state.json"
    snapshot.write_bytes(b"garbage")
    player = ProgressStore.open(tmp_path)
    shown = player.pending_notices()
    snapshot.write_bytes(b"more garbage")
    ProgressStore.open(tmp_path, clock=lambda: T0)  # a second repair, not yet shown
    player.acknowledge(shown)
    left = ProgressStore.open(tmp_path).pending_notices()
    assert len(left) == 1 and left != shown
