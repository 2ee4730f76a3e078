"""Choosing a round's questions, shuffling options, expected answers and hints."""

from __future__ import annotations

import random
from dataclasses import replace

from tutor_fakes import garden_pack

from quizbot.progress.schedule import QuestionState
from quizbot.tutor.rounds import (
    Round,
    automatic_hint,
    can_hint,
    choose_questions,
    expected_answer,
    letter,
    shuffled_options,
)

NOW = 1_700_000_000.0


def ids(questions: list[object]) -> list[str]:
    return [q.id for q in questions]  # type: ignore[attr-defined]


def test_without_progress_the_order_is_a_shuffle_fixed_by_the_seed() -> None:
    pack = garden_pack()
    first = choose_questions(pack, count=6, rng=random.Random(1), now=NOW)
    again = choose_questions(pack, count=6, rng=random.Random(1), now=NOW)
    assert ids(first) == ids(again)
    assert sorted(ids(first)) == sorted(q.id for q in pack.questions)
    orders = {
        tuple(ids(choose_questions(pack, count=6, rng=random.Random(s), now=NOW))) for s in range(8)
    }
    assert len(orders) > 1


def test_cloze_and_authored_questions_are_both_eligible() -> None:
    chosen = choose_questions(garden_pack(), count=10, rng=random.Random(3), now=NOW)
    assert "robot-fact#1" in ids(chosen)
    assert "q-text" in ids(chosen)


def test_with_progress_due_questions_come_first() -> None:
    pack = garden_pack()
    state = QuestionState(NOW - 3600, 1.0, 5.0, 1, 0, NOW - 86400, 1.0)
    states = {"garden/q-tf": state, "garden/q-text": replace(state, due=NOW + 86400)}
    chosen = choose_questions(pack, count=6, rng=random.Random(2), now=NOW, states=states)
    assert ids(chosen)[0] == "q-tf"
    assert ids(chosen)[-1] == "q-text"  # not due yet: after every new question


def test_topic_and_count() -> None:
    chosen = choose_questions(garden_pack(), count=2, rng=random.Random(0), now=NOW, topic="robots")
    assert len(chosen) == 2
    assert all(q.topic == "robots" for q in chosen)


def test_difficulty_wishes_are_preferences() -> None:
    pack = garden_pack()
    harder = choose_questions(pack, count=1, rng=random.Random(0), now=NOW, difficulty="harder")
    assert ids(harder) in (["q-number"], ["q-list"], ["robot-fact#1"])
    easier = choose_questions(pack, count=3, rng=random.Random(0), now=NOW, difficulty="easier")
    assert set(ids(easier)) == {"q-text", "q-choice", "q-tf"}
    # Asking for more than fit the wish still fills the round.
    assert (
        len(choose_questions(pack, count=6, rng=random.Random(0), now=NOW, difficulty="easier"))
        == 6
    )


def test_one_question_per_fact_while_others_remain() -> None:
    pack = garden_pack()
    twin = replace(pack.questions[0], id="twin", fact="robot-fact", cloze_of=None)
    pack = replace(pack, questions=(*pack.questions, twin), _by_id={})
    for seed in range(10):
        chosen = ids(choose_questions(pack, count=6, rng=random.Random(seed), now=NOW))
        assert not {"twin", "robot-fact#1"} <= set(chosen)
    everything = ids(choose_questions(pack, count=7, rng=random.Random(0), now=NOW))
    assert {"twin", "robot-fact#1"} <= set(everything)


def test_choice_options_are_shuffled_and_the_expected_answer_uses_the_shown_letter() -> None:
    question = garden_pack().question("q-choice")
    assert question is not None
    shown = shuffled_options(question, random.Random(5))
    assert sorted(shown) == [0, 1, 2, 3]
    letter = "ABCD"[[question.options[i] for i in shown].index("Rake")]
    assert expected_answer(question, shown) == f"{letter}) Rake"


def test_expected_answers_of_other_types() -> None:
    pack = garden_pack()
    tf, lst = pack.question("q-tf"), pack.question("q-list")
    assert tf is not None and lst is not None
    assert expected_answer(tf, ()) == "True"
    assert expected_answer(lst, ()) == "any 2 of: red, blue, green"


def test_automatic_hints() -> None:
    pack = garden_pack()
    number, tf, choice = pack.question("q-number"), pack.question("q-tf"), pack.question("q-choice")
    assert number is not None and tf is not None and choice is not None
    assert automatic_hint(number, (), random.Random(0)) == "The answer looks like this: 3__ m______"
    assert automatic_hint(tf, (), random.Random(0)) is None
    assert not can_hint(tf, ())
    shown = (0, 1, 2, 3)
    hint = automatic_hint(choice, shown, random.Random(0))
    assert hint is not None and hint.startswith("It is not ")
    assert "B" not in hint  # B is Rake, the right answer


def test_round_progress_counts_points_and_misses() -> None:
    pack = garden_pack()
    round_ = Round(pack, list(pack.questions[:3]), NOW)
    rng = random.Random(0)
    round_.ask_next(NOW, rng)
    round_.finish_current("Lyon", "correct", 0.5)
    round_.ask_next(NOW, rng)
    round_.finish_current("", "skipped", 0.0)
    progress = round_.progress()
    assert (progress.asked, progress.total, progress.correct, progress.score) == (2, 3, 1, 0.5)
    assert [r.outcome for r in round_.missed] == ["skipped"]
    round_.ask_next(NOW, rng)
    round_.finish_current("x", "incorrect", 0.0)
    assert round_.finished
    assert round_.ask_next(NOW, rng) is None


def test_letters_go_on_past_z() -> None:
    assert [letter(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
