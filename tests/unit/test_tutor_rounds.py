"""Choosing a round's questions, shuffling options, expected answers and hints (core and
wording)."""

from __future__ import annotations

import random
from dataclasses import replace

from tutor_fakes import garden_pack

from quizbot.packs.model import Question
from quizbot.progress.schedule import QuestionState
from quizbot.quiz.hints import MaskedAnswer, RuledOut, can_hint, make_hint
from quizbot.quiz.options import letter, shuffled_options
from quizbot.quiz.round import Result, Round
from quizbot.quiz.selection import choose_questions
from quizbot.tutor.wording import expected_answer

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


def test_expected_answers_keep_a_percent_sign() -> None:
    share = Question("q-share", "number", "What share use it?", "96", pack="p", unit="percent")
    assert expected_answer(share, ()) == "96%"


def test_automatic_hints_are_data_and_worded_by_the_tutor() -> None:
    pack = garden_pack()
    number, tf, choice = pack.question("q-number"), pack.question("q-tf"), pack.question("q-choice")
    assert number is not None and tf is not None and choice is not None
    hint = make_hint(number, (), random.Random(0))
    assert hint == MaskedAnswer("3__ m______")
    assert make_hint(tf, (), random.Random(0)) is None
    assert not can_hint(tf, ())
    shown = (0, 1, 2, 3)
    ruled_out = make_hint(choice, shown, random.Random(0))
    assert isinstance(ruled_out, RuledOut) and 1 not in ruled_out.positions  # B is Rake
    assert len(ruled_out.positions) == 1


def test_round_progress_counts_points_and_misses() -> None:
    pack = garden_pack()
    round_ = Round(pack, list(pack.questions[:3]), NOW)
    rng = random.Random(0)
    for outcome, credit in (("correct", 0.5), ("skipped", 0.0), ("incorrect", 0.0)):
        asked = round_.ask_next(NOW, rng)
        assert asked is not None
        round_.add(
            Result(
                "learner",
                pack,
                asked.question,
                asked.shown,
                "x",
                outcome,
                credit,
                credit,
                False,
                0.0,
            )
        )
        if outcome == "skipped":
            progress = round_.progress()
            assert (progress.asked, progress.total, progress.correct, progress.score) == (
                2,
                3,
                1,
                0.5,
            )
    round_.current = None
    assert round_.finished
    assert [r.outcome for r in round_.report(NOW).missed()] == ["skipped", "incorrect"]
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
