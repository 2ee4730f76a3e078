"""The quiz core driven without the conversation: a host's clock, two players, a custom policy."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from tutor_fakes import Clock, fake_grade, garden_pack

from quizbot.grading.verdict import Verdict
from quizbot.packs.model import Fact, Pack, Question
from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressError
from quizbot.quiz import (
    AnswerGraded,
    AnswerNotTaken,
    Event,
    HintCredit,
    HintGiven,
    NotRecorded,
    QuestionAsked,
    QuestionSkipped,
    Quiz,
    RoundFinished,
    RuledOut,
    Scored,
    choose_questions,
    letter,
    question_key,
)


@dataclass
class ListRecorder:
    """A Recorder for tests: no ``type: ignore`` needed, it only has to have the methods."""

    records: list[AnswerRecord] = field(default_factory=list)
    fail: bool = False

    def record(self, record: AnswerRecord) -> None:
        if self.fail:
            raise ProgressError("disk full")
        self.records.append(record)

    def states(self) -> Mapping[str, Any]:
        return {}


@dataclass
class SpeedAndStreak:
    """A classroom's policy: a bonus for answering within 10 s, +0.5 per right answer in a
    row before this one; team totals kept by the policy itself."""

    teams: dict[str, str]
    team_points: dict[str, float] = field(default_factory=dict)

    def credit(self, answer: Scored) -> float:
        points = answer.score
        if answer.score == 1.0 and answer.seconds <= 10:
            points += 1.0
        if answer.score == 1.0:
            points += 0.5 * answer.streak
        team = self.teams[answer.player]
        self.team_points[team] = self.team_points.get(team, 0.0) + points
        return points


def two_question_pack() -> Pack:
    return Pack(
        id="p",
        title="P",
        questions=(
            Question("q1", "text", "Which city has the museum?", "Lyon", pack="p"),
            Question("q2", "text", "What heats the oven?", "gas", pack="p"),
        ),
    )


def test_two_players_share_a_round_with_a_custom_policy() -> None:
    clock = Clock()
    recorder = ListRecorder()
    policy = SpeedAndStreak(teams={"ann": "red", "bob": "blue"})
    quiz = Quiz(
        clock=clock, rng=random.Random(1), grader=fake_grade, recorder=recorder, scoring=policy
    )
    pack = two_question_pack()
    events: list[Event] = []
    events += quiz.start_round(pack, list(pack.questions), players=("ann", "bob"))
    clock.advance(4)
    events += quiz.answer("ann", "Lyon")
    assert quiz.is_open_for("bob") and not quiz.is_open_for("ann")
    clock.advance(20)
    events += quiz.answer("bob", "Paris")  # the last answer moves the round on
    clock.advance(3)
    events += quiz.hint("bob")
    events += quiz.answer("ann", "gas")
    clock.advance(30)
    events += quiz.skip("bob")

    assert [type(e).__name__ for e in events] == [
        "QuestionAsked",
        "AnswerGraded",
        "AnswerGraded",
        "QuestionAsked",
        "HintGiven",
        "AnswerGraded",
        "QuestionSkipped",
        "RoundFinished",
    ]
    graded = [e for e in events if isinstance(e, AnswerGraded)]
    assert [(e.player, e.verdict.verdict, e.credit, e.seconds) for e in graded] == [
        ("ann", "correct", 2.0, 4.0),  # fast
        ("bob", "incorrect", 0.0, 24.0),
        ("ann", "correct", 2.5, 3.0),  # fast, and one right before it
    ]
    assert policy.team_points == {"red": 4.5, "blue": 0.0}
    assert [(r.question, r.response, r.verdict) for r in recorder.records] == [
        ("q1", "Lyon", "correct"),
        ("q1", "Paris", "incorrect"),
        ("q2", "gas", "correct"),
        ("q2", "", "skipped"),
    ]
    assert recorder.records[-1].hint_used and recorder.records[-1].seconds == 33.0
    finished = events[-1]
    assert isinstance(finished, RoundFinished)
    assert finished.report.progress("ann").correct == 2
    assert finished.report.progress("bob").correct == 0
    assert [r.question.id for r in finished.report.missed("bob")] == ["q1", "q2"]
    assert finished.report.seconds == 57.0


def test_the_host_closes_a_question_for_players_who_did_not_answer() -> None:
    quiz = Quiz(clock=Clock(), rng=random.Random(1), grader=fake_grade)
    pack = two_question_pack()
    quiz.start_round(pack, list(pack.questions), players=("ann", "bob"))
    quiz.answer("ann", "Lyon")
    events = quiz.close_question()
    assert [type(e) for e in events] == [QuestionSkipped, QuestionAsked]
    assert isinstance(events[0], QuestionSkipped) and events[0].player == "bob"


def test_a_player_answers_once_and_only_their_own_round() -> None:
    quiz = Quiz(clock=Clock(), rng=random.Random(1), grader=fake_grade)
    pack = two_question_pack()
    quiz.start_round(pack, list(pack.questions), players=("ann", "bob"))
    quiz.answer("ann", "Lyon")
    with pytest.raises(ValueError, match="already answered"):
        quiz.answer("ann", "Lyon")
    with pytest.raises(ValueError, match="does not play"):
        quiz.answer("eve", "Lyon")


def test_hint_credit_halves_a_right_answer_after_a_hint_and_a_hint_costs_once() -> None:
    quiz = Quiz(clock=Clock(), rng=random.Random(1), grader=fake_grade, scoring=HintCredit())
    pack = two_question_pack()
    quiz.start_round(pack, [pack.questions[0]])
    first = quiz.hint("learner")
    again = quiz.hint("learner")
    assert isinstance(again[0], HintGiven) and again[0].again
    assert isinstance(first[0], HintGiven) and not first[0].again
    graded = quiz.answer("learner", "Lyon")[0]
    assert isinstance(graded, AnswerGraded) and graded.credit == 0.5
    assert graded.result.score == 1.0  # the grader's own score is kept for the history


def test_a_failing_recorder_is_an_event_not_the_end_of_the_round() -> None:
    quiz = Quiz(
        clock=Clock(), rng=random.Random(1), grader=fake_grade, recorder=ListRecorder(fail=True)
    )
    pack = two_question_pack()
    quiz.start_round(pack, list(pack.questions))
    events = quiz.answer("learner", "Lyon")
    assert [type(e) for e in events] == [AnswerGraded, NotRecorded, QuestionAsked]


def test_choice_hints_are_data_by_position() -> None:
    quiz = Quiz(clock=Clock(), rng=random.Random(3), grader=fake_grade)
    pack = garden_pack()
    choice = pack.question("q-choice")
    assert choice is not None
    quiz.start_round(pack, [choice])
    hint = quiz.hint("learner")[0]
    assert isinstance(hint, HintGiven) and isinstance(hint.hint, RuledOut)
    asked = hint.asked
    assert all(asked.options[i] != "Rake" for i in hint.hint.positions)


def test_letters_go_on_after_z_and_keys_are_pack_slash_question() -> None:
    assert [letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert question_key("p", "q1") == question_key(two_question_pack(), "q1") == "p/q1"


def fact_pack() -> Pack:
    """A fact with a cloze, a direct question on it by ``fact:``, one with the same answer as a
    blank, one whose prompt shows another's answer, and an unrelated one."""
    return Pack(
        id="f",
        title="F",
        facts=(Fact("capital", "The capital of Inner Mongolia is {{Hohhot}}."),),
        questions=(
            Question(
                "capital#1",
                "text",
                "The capital of Inner Mongolia is _____.",
                "Hohhot",
                pack="f",
                fact="capital",
                cloze_of="capital",
            ),
            Question(
                "named",
                "text",
                "What is the capital of Inner Mongolia?",
                "Hohhot",
                pack="f",
                fact="capital",
            ),
            Question(
                "same-answer", "text", "Which city hosts the grassland fair?", "Hohhot", pack="f"
            ),
            Question("giver", "text", "Hohhot lies near which river?", "Yellow River", pack="f"),
            Question("other", "text", "What heats the oven?", "gas", pack="f"),
        ),
    )


@pytest.mark.parametrize("seed", range(12))
def test_a_round_asks_one_question_per_fact_and_none_that_gives_another_away(seed: int) -> None:
    pack = fact_pack()
    chosen = choose_questions(pack, count=2, rng=random.Random(seed), now=0.0)
    ids = {q.id for q in chosen}
    hohhot = {"capital#1", "named", "same-answer"}
    assert len(ids & hohhot) <= 1
    assert not ({"giver"} <= ids and ids & hohhot)
    assert len(chosen) == 2


@pytest.mark.parametrize("seed", range(12))
def test_a_small_pool_gives_way_but_asks_the_give_away_after_what_it_gives(seed: int) -> None:
    pack = fact_pack()
    chosen = [q.id for q in choose_questions(pack, count=5, rng=random.Random(seed), now=0.0)]
    assert sorted(chosen) == sorted(q.id for q in pack.questions)
    # "giver" shows Hohhot: every question answered by Hohhot comes before it.
    assert all(
        chosen.index(q) < chosen.index("giver") for q in ("capital#1", "named", "same-answer")
    )


@pytest.mark.parametrize(
    "verdict",
    [
        Verdict("error", 0.0, "Sorry, I could not grade that answer.", "error"),
        Verdict("incorrect", 0.0, "There is no option E.", "no_such_option"),
    ],
    ids=["grader-failed", "no-such-option"],
)
def test_a_response_that_is_no_answer_is_not_taken(verdict: Verdict) -> None:
    # A grader failure or a letter naming no option must never count as a wrong answer:
    # nothing is recorded and the question stays open for that player.
    recorder = ListRecorder()

    def grader(question: Question, response: str, **_: object) -> Verdict:
        return verdict if response == "E" else fake_grade(question, response)

    quiz = Quiz(clock=Clock(), rng=random.Random(1), grader=grader, recorder=recorder)
    pack = two_question_pack()
    quiz.start_round(pack, list(pack.questions), players=("ann",))
    events = quiz.answer("ann", "E")
    assert [type(e) for e in events] == [AnswerNotTaken]
    assert isinstance(events[0], AnswerNotTaken) and events[0].verdict is verdict
    assert recorder.records == []
    assert quiz.is_open_for("ann")
    assert isinstance(quiz.answer("ann", "Paris")[0], AnswerGraded)  # a real answer still counts
    assert len(recorder.records) == 1
