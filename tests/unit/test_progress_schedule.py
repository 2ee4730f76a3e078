"""The spaced-repetition model and the order of a round."""

from __future__ import annotations

import random

import pytest

from quizbot.progress.schedule import DAY, QuestionState, order_for_round, review

T0 = 1_800_000_000.0


def test_first_correct_answer_is_due_in_days() -> None:
    state = review(None, 1.0, T0)
    assert state.reps == 1 and state.lapses == 0
    assert state.last_review == T0 and state.last_score == 1.0
    assert T0 + DAY <= state.due <= T0 + 10 * DAY


def test_first_wrong_answer_comes_back_within_the_hour() -> None:
    state = review(None, 0.0, T0)
    assert T0 < state.due <= T0 + 3600


def test_correct_answers_push_due_date_further_each_time() -> None:
    state = review(None, 1.0, T0)
    gaps = []
    for _ in range(4):
        now = state.due
        state = review(state, 1.0, now)
        gaps.append(state.due - now)
    assert gaps == sorted(gaps) and gaps[-1] > gaps[0] * 2
    assert state.reps == 5 and state.lapses == 0


def test_wrong_answer_after_success_brings_it_near_and_counts_a_lapse() -> None:
    learned = review(review(None, 1.0, T0), 1.0, T0 + 4 * DAY)
    now = learned.due
    lapsed = review(learned, 0.0, now)
    assert lapsed.due - now <= 3600 < learned.due - learned.last_review  # type: ignore[operator]
    assert lapsed.lapses == 1
    assert lapsed.stability < learned.stability
    assert lapsed.difficulty > learned.difficulty


def test_hint_or_partial_gives_a_shorter_interval_than_a_clean_answer() -> None:
    clean = review(None, 1.0, T0)
    hinted = review(None, 1.0, T0, hint_used=True)
    partial = review(None, 0.6, T0)
    assert hinted.due < clean.due
    assert partial.due < clean.due


def test_nonsense_inputs_do_not_break_the_model() -> None:
    state = review(None, float("nan"), T0)
    assert state.last_score == 0.0
    later = review(state, 7.0, T0 - DAY)  # score clamped, clock went backwards
    assert later.last_score == 1.0 and later.due > T0 - DAY


def test_state_json_round_trip() -> None:
    state = review(review(None, 1.0, T0), 0.0, T0 + DAY)
    assert QuestionState.from_json(state.to_json()) == state


@pytest.mark.parametrize(
    "field, value", [("due", "soon"), ("reps", -1), ("reps", True), ("stability", float("inf"))]
)
def test_state_from_bad_json_raises(field: str, value: object) -> None:
    data = review(None, 1.0, T0).to_json()
    data[field] = value
    with pytest.raises((ValueError, TypeError)):
        QuestionState.from_json(data)


def _state(due: float) -> QuestionState:
    return QuestionState(due, 1.0, 5.0, 1, 0, due - DAY, 1.0)


def test_order_overdue_first_then_new_then_by_due() -> None:
    now = T0
    states = {
        "p/late": _state(now - 100),
        "p/very-late": _state(now - 10_000),
        "p/soon": _state(now + 100),
        "p/later": _state(now + 10_000),
    }
    keys = ["p/later", "p/new1", "p/late", "p/soon", "p/new2", "p/very-late", "p/new3"]
    order = order_for_round(keys, states, now, random.Random(1), count=len(keys))
    assert order[:2] == ["p/very-late", "p/late"]
    assert sorted(order[2:5]) == ["p/new1", "p/new2", "p/new3"]
    assert order[5:] == ["p/soon", "p/later"]


def test_order_shuffles_new_questions_reproducibly() -> None:
    keys = [f"p/q{i}" for i in range(20)]
    first = order_for_round(keys, {}, T0, random.Random(7), count=20)
    again = order_for_round(keys, {}, T0, random.Random(7), count=20)
    other = order_for_round(keys, {}, T0, random.Random(8), count=20)
    assert first == again and sorted(first) == sorted(keys)
    assert first != keys and first != other


def test_order_count_limits_and_deduplicates() -> None:
    states = {"p/a": _state(T0 - 1)}
    assert order_for_round(["p/a", "p/b"], states, T0, random.Random(0), count=1) == ["p/a"]
    assert order_for_round(["p/a", "p/a"], states, T0, random.Random(0), count=5) == ["p/a"]
    assert order_for_round(["p/a"], states, T0, random.Random(0), count=0) == []
