"""The schedule comes from the fsrs library: ratings, replay = snapshot, a month of practice,
and the switch from the hand-written model's snapshot."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from quizbot.progress.rating import AGAIN, GOOD, HARD, SLOW_SECONDS, rating_for
from quizbot.progress.records import AnswerRecord
from quizbot.progress.schedule import (
    DAY,
    DEFAULT_SETTINGS,
    REVIEW,
    SchedulerSettings,
    retrievability,
    review,
)
from quizbot.progress.stats import summarize
from quizbot.progress.store import ProgressStore

T0 = 1_800_000_000.0  # 2027-01-15, 08:00 UTC
UTC = timezone.utc


@pytest.mark.parametrize(
    ("verdict", "score", "hint", "seconds", "rating"),
    [
        ("correct", 1.0, False, 0.0, GOOD),
        ("correct", 1.0, False, 12.0, GOOD),
        ("correct", 1.0, False, SLOW_SECONDS + 1, HARD),  # measured, and a struggle
        ("correct", 1.0, True, 0.0, HARD),  # hint then right
        ("partial", 0.5, False, 0.0, HARD),
        ("incorrect", 0.0, False, 0.0, AGAIN),
        ("incorrect", 0.0, True, 0.0, AGAIN),  # hint then wrong
        ("skipped", 0.0, False, 0.0, AGAIN),
        ("mystery", 1.0, False, 0.0, GOOD),  # unknown verdict: the score decides
        ("mystery", 0.2, False, 0.0, AGAIN),
    ],
)
def test_every_outcome_has_its_rating(
    verdict: str, score: float, hint: bool, seconds: float, rating: int
) -> None:
    assert rating_for(verdict, score, hint, seconds) == rating


def test_a_right_answer_goes_to_review_days_away_and_a_miss_comes_back_in_minutes() -> None:
    right = review(None, 1.0, T0, verdict="correct")
    assert right.phase == REVIEW and right.due >= T0 + DAY  # not again in this round
    wrong = review(None, 0.0, T0, verdict="incorrect")
    assert wrong.due == T0 + 600 and wrong.misses == 1
    again = review(wrong, 1.0, wrong.due, verdict="correct")
    assert again.phase == REVIEW and again.due >= wrong.due + DAY


def test_review_is_the_library_scheduler_without_fuzz() -> None:
    """Each state matches what fsrs.Scheduler gives for the same ratings, day by day."""
    lib = fsrs.Scheduler(
        learning_steps=(timedelta(minutes=10),),
        relearning_steps=(timedelta(minutes=10),),
        maximum_interval=365,
        enable_fuzzing=False,
    )
    card = fsrs.Card(card_id=1, due=datetime.fromtimestamp(T0, UTC))
    state = None
    now = T0
    for verdict in ["correct", "incorrect", "correct", "partial", "correct", "correct"]:
        state = review(state, 1.0, now, verdict=verdict)
        rating = fsrs.Rating(rating_for(verdict, 1.0, False))
        card, _ = lib.review_card(card, rating, datetime.fromtimestamp(now, UTC))
        assert state.due == card.due.timestamp()
        assert state.stability == pytest.approx(card.stability)
        assert state.difficulty == pytest.approx(card.difficulty)
        now = state.due + 3600


def test_the_maximum_interval_is_a_setting() -> None:
    short = SchedulerSettings(maximum_interval_days=3)
    state = None
    now = T0
    for _ in range(8):
        state = review(state, 1.0, now, verdict="correct", settings=short)
        now = state.due
    assert state is not None and state.due - state.last_review <= 3 * DAY  # type: ignore[operator]
    with pytest.raises(ValueError):
        SchedulerSettings(desired_retention=1.5)


def _answer(t: float, question: str, verdict: str, topic: str = "t") -> AnswerRecord:
    return AnswerRecord(t, "p", question, "r", verdict, 1.0 if verdict == "correct" else 0.0,
                        topic=topic)  # fmt: skip


def _month(store: ProgressStore, clock: list[float], rng: random.Random) -> list[AnswerRecord]:
    """Thirty daily sessions at 19:00: every due question, then up to 5 new ones; 80% right."""
    questions = [f"q{i}" for i in range(40)]
    given: list[AnswerRecord] = []
    for day in range(30):
        clock[0] = T0 + day * DAY + 11 * 3600
        states = store.states()
        due = [q for q in questions if f"p/{q}" in states and states[f"p/{q}"].due <= clock[0]]
        new = [q for q in questions if f"p/{q}" not in states][:5]
        for n, question in enumerate(due + new):
            verdict = "correct" if rng.random() < 0.8 else "incorrect"
            rec = _answer(clock[0] + n * 30, question, verdict)
            store.record(rec)
            given.append(rec)
    return given


def test_a_month_of_daily_sessions_ends_where_fsrs_predicts(tmp_path: Path) -> None:
    clock = [T0]
    store = ProgressStore.open(tmp_path, clock=lambda: clock[0], tz=UTC)
    given = _month(store, clock, random.Random(11))
    store.close()
    answered = 0.8 * len(given)
    assert abs(sum(r.verdict == "correct" for r in given) - answered) < 0.1 * len(given)

    # What the library predicts, replaying the same answers card by card.
    lib = fsrs.Scheduler(
        learning_steps=(timedelta(minutes=10),),
        relearning_steps=(timedelta(minutes=10),),
        maximum_interval=365,
        enable_fuzzing=False,
    )
    cards: dict[str, fsrs.Card] = {}
    for rec in given:
        card = cards.get(rec.question) or fsrs.Card(card_id=1, due=datetime.fromtimestamp(0, UTC))
        rating = fsrs.Rating(rating_for(rec.verdict, rec.score, rec.hint_used))
        when = datetime.fromtimestamp(rec.time, UTC)
        cards[rec.question], _ = lib.review_card(card, rating, when)
    end = T0 + 30 * DAY + 11 * 3600
    states = ProgressStore.open(tmp_path, tz=UTC).states()
    assert set(states) == {f"p/{q}" for q in cards}
    for question, card in cards.items():
        state = states[f"p/{question}"]
        assert state.due == card.due.timestamp()  # intervals as FSRS gives them
    due_queue = sorted(q for q, c in cards.items() if c.due.timestamp() <= end)
    assert sorted(k[2:] for k, s in states.items() if s.due <= end) == due_queue
    mastered = sum(
        c.state == fsrs.State.Review
        and lib.get_card_retrievability(c, datetime.fromtimestamp(end, UTC)) >= 0.9
        for c in cards.values()
    )
    summary = summarize(ProgressStore.open(tmp_path, tz=UTC), end)
    assert summary["due_now"] == len(due_queue)
    assert summary["mastery"]["overall"]["mastered"] == mastered
    assert summary["mastery"]["by_topic"]["p/t"]["questions"] == len(cards)
    assert 0 < mastered < len(cards)  # a month in: some known, some not yet


def test_replaying_the_history_gives_the_snapshot(tmp_path: Path) -> None:
    clock = [T0]
    store = ProgressStore.open(tmp_path, clock=lambda: clock[0], tz=UTC)
    _month(store, clock, random.Random(5))
    store.close()
    live = dict(ProgressStore.open(tmp_path, tz=UTC).states())
    (tmp_path / "profiles" / "default" / "state.json").unlink()
    assert dict(ProgressStore.open(tmp_path, tz=UTC).states()) == live


def test_switching_from_the_old_model_keeps_every_answer_and_says_so_once(tmp_path: Path) -> None:
    folder = tmp_path / "profiles" / "default"
    folder.mkdir(parents=True)
    records = [_answer(T0 + i * DAY / 3, f"q{i % 7}", "correct" if i % 4 else "incorrect")
               for i in range(60)]  # fmt: skip
    history = b"".join(
        json.dumps(r.to_json(), separators=(",", ":")).encode() + b"\n" for r in records
    )
    (folder / "history.jsonl").write_bytes(history)
    # A format-2 snapshot as the hand-written model left it: its own numbers, old fields only.
    old_state = {"due": T0, "stability": 3.0, "difficulty": 5.0, "reps": 1, "lapses": 0,
                 "last_review": T0, "last_score": 1.0}  # fmt: skip
    (folder / "state.json").write_text(
        json.dumps(
            {
                "format": 2,
                "profile": "default",
                "history_offset": len(history),
                "answers": 60,
                "questions": {f"p/q{i}": old_state for i in range(7)},
                "tallies": {
                    "total": {"correct": 45, "incorrect": 15},
                    "packs": {},
                    "topics": {},
                    "days": {},
                },
            }
        )
    )
    store = ProgressStore.open(tmp_path, tz=UTC)
    assert [n for n in store.pending_notices() if "FSRS" in n] == [
        "quizbot now schedules reviews with the FSRS library; the schedule of 7 questions was"
        " rebuilt from your answer history; your 60 recorded answers are kept"
    ]
    assert sum(s.reps for s in store.states().values()) == 60  # every answer replayed
    assert store.tallies().total == {"correct": 45, "incorrect": 15}
    store.acknowledge(store.pending_notices())
    fresh = {}
    for rec in records:
        key = f"p/{rec.question}"
        fresh[key] = review(fresh.get(key), rec.score, rec.time, verdict=rec.verdict, topic="t")
    assert dict(store.states()) == fresh
    again = ProgressStore.open(tmp_path, tz=UTC)
    assert again.pending_notices() == []  # told once
    assert json.loads((folder / "state.json").read_bytes())["format"] == 3


def test_retrievability_falls_with_time_and_meets_the_retention_at_the_due_date() -> None:
    state = review(review(None, 1.0, T0, verdict="correct"), 1.0, T0 + 3 * DAY, verdict="correct")
    assert retrievability(state, state.last_review or T0) == pytest.approx(1.0)
    at_due = retrievability(state, state.due)
    assert at_due == pytest.approx(DEFAULT_SETTINGS.desired_retention, abs=0.02)
    assert retrievability(state, state.due + 30 * DAY) < at_due


def test_retrievability_is_the_librarys_own() -> None:
    from quizbot.progress.schedule import scheduler, to_card

    state = review(None, 1.0, T0, verdict="correct")
    for verdict in ("correct", "incorrect", "partial", "correct"):
        state = review(state, 1.0, state.due + 5 * 3600, verdict=verdict)
        for later in (0, 0.4 * DAY, DAY, 3.7 * DAY, 40 * DAY, 400 * DAY):
            when = datetime.fromtimestamp(state.due + later, UTC)
            expected = scheduler().get_card_retrievability(to_card(state), when)
            assert retrievability(state, state.due + later) == pytest.approx(expected)
