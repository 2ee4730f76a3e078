"""The conversation over weeks: welcome back, continue, disputes, the modes, the exam clock.

A real ProgressStore in a temporary folder and a clock moved by hand."""

from __future__ import annotations

import random
from datetime import timezone
from pathlib import Path

from tests.unit.tutor_fakes import Clock, fake_grade, garden_pack

from quizbot.progress.store import ProgressStore
from quizbot.quiz.modes import ExamRules
from quizbot.tutor import Tutor
from quizbot.tutor.messages import BotMessage

DAY = 86_400.0
RIGHT = {
    "q-text": "Lyon",
    "q-number": "342 million",
    "q-choice": "Rake",
    "q-tf": "true",
    "q-list": "red, blue",
    "robot-fact#1": "Oslo",
}


def tutor(tmp_path: Path, clock: Clock, **options: object) -> Tutor:
    store = ProgressStore.open(tmp_path, "ana", clock=clock, tz=timezone.utc)
    return Tutor(
        [garden_pack()],
        store=store,
        clock=clock,
        rng=random.Random(4),
        grader=fake_grade,
        profile="ana",
        **options,  # type: ignore[arg-type]
    )


def texts(messages: list[BotMessage]) -> str:
    return "\n".join(m.text for m in messages)


def open_question(t: Tutor) -> str:
    asked = t.quiz.current
    assert asked is not None
    return asked.question.id


def play_round(t: Tutor, wrong: set[str] = frozenset()) -> list[BotMessage]:  # type: ignore[assignment]
    said: list[BotMessage] = []
    while t.status.stage == "question":
        qid = open_question(t)
        said += t.respond("nonsense" if qid in wrong else RIGHT[qid])
    return said


def test_a_returning_learner_is_welcomed_and_offered_the_last_topic(tmp_path: Path) -> None:
    clock = Clock()
    first = tutor(tmp_path, clock)
    assert "Welcome back" not in texts(first.start())  # a first visit
    first.respond("3 questions")
    first.respond("2")  # topic 2: Tools and weather
    play_round(first, wrong={"q-tf"})
    first.respond("/quit")
    clock.advance(DAY)
    again = tutor(tmp_path, clock)
    start = again.start()
    said = texts(start)
    assert "Welcome back, ana: 1 question due, 3 not yet seen; your streak is 1 day" in said
    assert "  c) continue with Tools and weather" in said
    store = again.store
    assert isinstance(store, ProgressStore)
    assert store.settings().round_length == 3  # remembered: `play` starts with it
    reply = texts(again.respond("c"))
    assert "on Tools and weather" in reply
    assert again.status.topic_title == "Tools and weather"


def test_enter_still_means_all_topics(tmp_path: Path) -> None:
    clock = Clock()
    first = tutor(tmp_path, clock)
    first.start()
    first.respond("1")
    first.respond("/quit")
    again = tutor(tmp_path, clock)
    again.start()
    assert "all topics" in texts(again.respond(""))


def test_dispute_after_the_feedback_keeps_the_answer_but_not_the_miss(tmp_path: Path) -> None:
    clock = Clock()
    t = tutor(tmp_path, clock)
    t.start()
    t.respond("")
    missed = open_question(t)
    t.respond("nonsense")
    store = t.store
    assert isinstance(store, ProgressStore)
    assert store.states()[f"garden/{missed}"].misses == 1
    reply = texts(t.respond("that was right"))
    assert "flagged for the pack's author" in reply and "Back to the question" in reply
    assert f"garden/{missed}" not in store.states()  # first answer disputed: as if unseen
    assert [d.question for d in store.disputes()] == [missed]
    assert store.tallies().total == {"incorrect": 1}  # the answer itself is kept


def test_a_right_answer_needs_no_dispute(tmp_path: Path) -> None:
    t = tutor(tmp_path, Clock())
    t.start()
    t.respond("")
    t.respond(RIGHT[open_question(t)])
    assert "already marked right" in texts(t.respond("/dispute"))


def test_review_mode_with_nothing_due_says_when(tmp_path: Path) -> None:
    clock = Clock()
    t = tutor(tmp_path, clock)
    t.start()
    t.respond("")
    play_round(t)
    t.respond("/quit")
    again = tutor(tmp_path, clock, mode="review")
    said = texts(again.start())
    assert "Nothing due until " in said and "6 questions." in said


def test_unseen_and_weak_modes(tmp_path: Path) -> None:
    clock = Clock()
    t = tutor(tmp_path, clock)
    t.start()
    t.respond("2 questions")
    t.respond("")
    first_two = set()
    while t.status.stage == "question":
        qid = open_question(t)
        first_two.add(qid)
        t.respond("nonsense" if qid == "q-tf" else RIGHT.get(qid, "x"))
    said = texts(t.respond("/unseen"))
    assert "New questions: 2 questions you have never seen" in said
    assert open_question(t) not in first_two
    t.respond("/quit")
    clock.advance(3 * DAY)
    weak = tutor(tmp_path, clock)
    weak.start()
    assert "Weak spots" in texts(weak.respond("/mode weak"))


def test_an_exam_gives_no_verdicts_or_hints_and_shows_the_time_left(tmp_path: Path) -> None:
    clock = Clock()
    t = tutor(tmp_path, clock, exam=ExamRules(questions=3, time_limit=120.0))
    t.start()
    said = texts(t.respond("/exam"))
    assert "Exam: 3 questions in 2 minutes" in said
    assert "(2:00 left)" in said
    assert t.status.time_left == 120.0 and not t.status.hint_available
    assert "No hints" in texts(t.respond("/hint"))
    clock.advance(50)
    reply = t.respond(RIGHT[open_question(t)])
    assert (reply[0].kind, reply[0].text) == ("info", "Answer noted.")
    assert "(1:10 left)" in reply[-1].text
    assert t.status.time_left == 70.0
    t.respond("nonsense")
    end = texts(t.respond("/skip"))
    assert "Round over! You got 1 of 3 right" in end  # the full report at the end
    assert "Exam result: 1 of 3 right" in end
    store = t.store
    assert isinstance(store, ProgressStore)
    [exam] = store.exams()
    assert (exam.questions, exam.correct, exam.timed_out) == (3, 1, False)
    assert t.status.time_left is None


def test_an_answer_after_the_time_limit_ends_the_exam(tmp_path: Path) -> None:
    clock = Clock()
    t = tutor(tmp_path, clock, exam=ExamRules(questions=3, time_limit=60.0))
    t.start()
    t.respond("/mode exam")
    t.respond(RIGHT[open_question(t)])
    clock.advance(61)
    late = texts(t.respond(RIGHT[open_question(t)]))
    assert "Time is up! Exam result: 1 of 3 right" in late
    store = t.store
    assert isinstance(store, ProgressStore)
    assert store.exams()[0].timed_out and store.exams()[0].answered == 1
    assert store.tallies().total == {"correct": 1}  # the late answer was not taken
