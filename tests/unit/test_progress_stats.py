"""The stats summary and its text report."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from quizbot.progress.records import AnswerRecord
from quizbot.progress.stats import render_text, summarize
from quizbot.progress.store import ProgressStore

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC).timestamp()
DAY = 86_400.0


def answer(days_ago: float, verdict: str, pack: str = "china", q: str = "q1") -> AnswerRecord:
    score = {"correct": 1.0, "partial": 0.5}.get(verdict, 0.0)
    return AnswerRecord(NOW - days_ago * DAY, pack, q, "r", verdict, score)


def make_store(tmp_path: Path, records: list[AnswerRecord]) -> ProgressStore:
    store = ProgressStore.open(tmp_path, tz=UTC)
    for rec in records:
        store.record(rec)
    return store


def test_summary_counts(tmp_path: Path) -> None:
    store = make_store(
        tmp_path,
        [
            answer(40, "correct", q="old"),  # outside the 30 days, still counted
            answer(2, "incorrect", pack="world"),
            answer(1, "correct"),
            answer(0.1, "correct", q="q2"),
            answer(0.1, "partial", q="q3"),
            answer(0.05, "skipped", q="q4"),
        ],
    )
    s = summarize(store, NOW)
    assert (s["answered"], s["correct"], s["partial"], s["incorrect"], s["skipped"]) == (
        6,
        3,
        1,
        1,
        1,
    )
    assert s["accuracy"] == 0.5
    assert s["by_pack"] == {
        "china": {"answered": 5, "correct": 3, "accuracy": 0.6},
        "world": {"answered": 1, "correct": 0, "accuracy": 0.0},
    }
    assert len(s["by_day"]) == 30
    days = list(s["by_day"])
    assert days[0] == "2026-10-25" and days[-1] == "2026-11-23"
    assert s["by_day"]["2026-11-23"] == {"answered": 3, "correct": 1, "accuracy": 0.3333}
    assert s["by_day"]["2026-11-22"] == {"answered": 1, "correct": 1, "accuracy": 1.0}
    assert s["by_day"]["2026-11-21"] == {"answered": 1, "correct": 0, "accuracy": 0.0}
    assert s["streak_days"] == 3
    assert s["questions_seen"] == 6
    # old and the partial/skipped ones are due by now; fresh correct ones are not
    assert s["due_now"] == sum(1 for st in store.states().values() if st.due <= NOW)
    assert 1 <= s["due_now"] < 6
    json.dumps(s)  # the --json output must serialise


def test_streak_counts_from_yesterday_and_stops_at_a_gap(tmp_path: Path) -> None:
    store = make_store(tmp_path, [answer(d, "correct", q=f"q{d}") for d in (1, 2, 3, 5)])
    assert summarize(store, NOW)["streak_days"] == 3
    store.record(answer(0, "incorrect"))
    assert summarize(store, NOW)["streak_days"] == 4


def test_empty_profile(tmp_path: Path) -> None:
    s = summarize(ProgressStore.open(tmp_path, tz=UTC), NOW)
    assert s["answered"] == 0 and s["accuracy"] == 0.0 and s["streak_days"] == 0
    assert s["by_pack"] == {} and all(d["answered"] == 0 for d in s["by_day"].values())
    assert "No answers" in render_text(s)


def test_unsaved_answers_are_counted(tmp_path: Path) -> None:
    store = make_store(tmp_path, [answer(0, "correct")])
    store._pending.append(answer(0, "correct", q="q9"))  # as after a full disk
    assert summarize(store, NOW)["answered"] == 2


def test_render_text(tmp_path: Path) -> None:
    records = [answer(0, "correct")] * 4 + [answer(0, "incorrect")] * 4 + [answer(3, "correct")]
    text = render_text(summarize(make_store(tmp_path, records), NOW))
    assert "Answered 9: 5 correct, 0 partial, 4 incorrect, 0 skipped" in text
    assert "Accuracy 56%" in text
    lines = text.splitlines()
    today = next(line for line in lines if line.startswith("2026-11-23"))
    assert "#" * 10 + "-" * 10 in today and today.rstrip().endswith("8 (4 correct)")
    three_ago = next(line for line in lines if line.startswith("2026-11-20"))
    assert three_ago.split()[1] == "##"  # 1 of 8 scaled to 20 columns, all correct
    assert any(line.startswith("china") and "56% correct" in line for line in lines)
