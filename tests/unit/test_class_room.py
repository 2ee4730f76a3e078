"""The class state machine with a hand-moved clock: joining, late joiners, everyone
answering at once, closing on time / when all answered / by the teacher, removing,
rejoining (accept and refuse), the caps, floods, overrule, and a class read back from its
events (what ``quizbot report`` and a restarted host see)."""

from __future__ import annotations

import pytest
from drill_helpers import KEYS, class_pack
from tutor_fakes import Clock

from quizbot.classroom.class_room import (
    CODE_LETTERS,
    MAX_JOIN_TRIES,
    ClassRoom,
    ClassRules,
    new_code,
    same_code,
)
from quizbot.classroom.drill import Drill, DrillError, Event, Settings
from quizbot.classroom.report import build_report


def open_room(
    seconds: float = 20, *, max_students: int = 60, teams: tuple[str, ...] = ()
) -> tuple[ClassRoom, Clock, list[Event]]:
    clock = Clock()
    events: list[Event] = []
    settings = Settings(players=(), questions=KEYS[:3], mode="class", seconds=seconds)
    rules = ClassRules("ABC234", max_students, teams)
    room = ClassRoom.open_class(settings, [class_pack()], rules, clock=clock, sink=events.append)
    return room, clock, events


def test_students_join_and_all_answer_at_once_then_the_question_closes() -> None:
    room, clock, _ = open_room()
    assert room.join("t1", "Ann") == ["Ann joined"]
    assert room.join("t2", "Bob") == ["Bob joined"]
    notes = room.ask_next()
    assert notes[0] == "Question 1 of 3: Which city is the capital of Guangdong?"
    clock.advance(4)
    assert room.answer_from("t1", 1, "Guangzhou", clock.now) == ["Answered: 1 of 2"]
    assert room.phase == "question"
    clock.advance(6)
    notes = room.answer_from("t2", 1, "Beijing", clock.now)
    assert notes[:2] == ["Answered: 2 of 2", "Closed: question 1"]
    assert room.phase == "between"
    ann, bob = room.answers_to(1)
    assert (ann.player, ann.final_outcome, ann.points) == ("Ann", "correct", 900)  # 4 s of 20
    assert (bob.player, bob.final_outcome, bob.points) == ("Bob", "incorrect", 0)


def test_a_claimed_time_is_kept_between_the_opening_and_now() -> None:
    room, clock, _ = open_room()
    room.join("t1", "Ann")
    room.join("t2", "Bob")
    room.ask_next()
    clock.advance(10)
    room.answer_from("t1", 1, "Guangzhou", clock.now - 60)  # claims before the opening
    room.answer_from("t2", 1, "Guangzhou", clock.now + 60)  # claims the future
    ann, bob = room.answers_to(1)
    assert ann.seconds == 0 and ann.points == 1000
    assert bob.seconds == 10 and bob.points == 750


def test_the_timer_closes_with_time_outs_for_who_did_not_answer() -> None:
    room, clock, _ = open_room(seconds=20)
    room.join("t1", "Ann")
    room.join("t2", "Bob")
    room.ask_next()
    room.answer_from("t1", 1, "Guangzhou", clock.now)
    clock.advance(19)
    assert room.tick() == []
    clock.advance(2)
    notes = room.tick()
    assert notes[:2] == ["Time is up.", "Closed: question 1"]
    assert [a.final_outcome for a in room.answers_to(1)] == ["correct", "timeout"]


def test_the_teacher_closes_early_and_pauses_and_gives_more_time() -> None:
    room, clock, _ = open_room(seconds=20)
    room.join("t1", "Ann")
    room.ask_next()
    room.pause()
    clock.advance(100)
    assert room.tick() == []  # paused: the clock stands
    room.resume()
    room.more(10)
    clock.advance(25)
    assert room.tick() == []
    assert room.close()[0] == "Closed: question 1"
    with pytest.raises(DrillError):
        room.close()


def test_a_late_joiner_enters_at_the_next_question() -> None:
    room, clock, _ = open_room()
    room.join("t1", "Ann")
    room.ask_next()
    room.join("t2", "Bob")
    assert room.answered_count() == (0, 1)
    with pytest.raises(DrillError):
        room.answer_from("t2", 1, "Guangzhou", clock.now)
    room.answer_from("t1", 1, "Guangzhou", clock.now)  # closes: Bob was not asked
    assert room.phase == "between"
    room.ask_next()
    assert room.answered_count() == (0, 2)


def test_a_taken_name_asks_the_teacher_and_accept_hands_over_the_place() -> None:
    room, clock, _ = open_room()
    room.join("old", "Alice")
    room.ask_next()
    room.answer_from("old", 1, "Guangzhou", clock.now)
    assert room.join("new", "alice") == [
        "Alice wants to rejoin: type /accept Alice or /refuse Alice"
    ]
    room.ask_next()
    with pytest.raises(DrillError):  # not yet accepted: the new tab is nobody
        room.answer_from("new", 2, "298", clock.now)
    assert room.accept("ALICE") == ["Alice is back"]
    with pytest.raises(DrillError):  # the old tab holds nothing now
        room.answer_from("old", 2, "298", clock.now)
    room.answer_from("new", 2, "298", clock.now)
    alice = [a for a in room.answers if a.player == "Alice"]
    assert [a.final_outcome for a in alice] == ["correct", "correct"]
    assert alice[1].points == 1100  # the streak goes on: the same student
    assert room.settings.players == ("Alice",)


def test_a_refused_rejoin_takes_nothing() -> None:
    room, _clock, _ = open_room()
    room.join("a", "Alice")
    room.join("b", "Alice")
    assert room.refuse("Alice") == ["Alice was not let back in"]
    assert room.owner == {"a": "Alice"}
    with pytest.raises(DrillError):
        room.accept("Alice")  # nobody is asking any more


def test_a_removed_student_is_out_and_an_open_question_closes_without_them() -> None:
    room, clock, _ = open_room()
    room.join("a", "Ann")
    room.join("b", "Bob")
    room.ask_next()
    room.answer_from("a", 1, "Guangzhou", clock.now)
    notes = room.remove("Bob")
    assert notes[:2] == ["Bob was removed", "Closed: question 1"]
    assert [s.name for s in room.joined()] == ["Ann"]
    with pytest.raises(DrillError):
        room.remove("Bob")


def test_the_class_caps_its_students_and_a_rejoin_is_no_new_place() -> None:
    room, _, events = open_room(max_students=2)
    room.join("a", "Ann")
    room.join("b", "Bob")
    room.join("c", "Cy")
    assert events[-1] == {"type": "deny", "t": events[-1]["t"], "token": "c", "reason": "full"}
    room.join("d", "Ann")
    assert events[-1]["type"] == "rejoin"


def test_a_flood_of_join_requests_from_one_tab_is_refused_once_then_ignored() -> None:
    room, _, events = open_room()
    for _ in range(MAX_JOIN_TRIES):
        room.join("t", "")  # each an empty name: refused
    before = len(events)
    room.join("t", "Ann")
    assert events[-1]["reason"] == "flood"
    for _ in range(50):
        room.join("t", "Ann")
    assert len(events) == before + 1
    assert room.join("other", "Ann") == ["Ann joined"]  # by tab, not by address


def test_names_and_teams_are_checked() -> None:
    room, _, events = open_room(teams=("Red", "Blue"))
    room.join("a", "x" * 25, "Red")
    assert events[-1]["reason"] == "name"
    room.join("b", "Ann", "Green")
    assert events[-1]["reason"] == "team"
    assert room.join("c", "  [b]Ann[/]  ", "red") == ["[b]Ann[/] joined (team Red)"]
    assert room.settings.teams == {"[b]Ann[/]": "Red"}


def test_one_answer_a_question_and_only_to_the_open_one() -> None:
    room, clock, _ = open_room()
    room.join("a", "Ann")
    room.join("b", "Bob")
    room.ask_next()
    room.answer_from("a", 1, "Guangzhou", clock.now)
    with pytest.raises(DrillError):
        room.answer_from("a", 1, "Canton", clock.now)
    with pytest.raises(DrillError):
        room.answer_from("b", 2, "298", clock.now)
    room.answer_from("b", 1, "x" * 5000, clock.now)
    assert len(room.answers_to(1)[1].response) == 200


def test_overrule_and_end_with_a_podium() -> None:
    room, clock, _ = open_room()
    room.join("a", "Ann")
    room.ask_next()
    room.answer_from("a", 1, "Canton", clock.now)
    assert room.answers_to(1)[0].points == 0
    room.overrule("right", "Ann")
    assert room.answers_to(1)[0].points == 1000
    assert room.end() == ["Class over"]
    assert room.phase == "finished"
    assert [(s.name, s.points) for s in room.podium()] == [("Ann", 1000)]


def test_the_class_read_back_from_its_events_is_the_class_that_stopped() -> None:
    room, clock, events = open_room()
    room.join("a", "Ann")
    room.join("b", "Bob")
    room.ask_next()
    clock.advance(3)
    room.answer_from("a", 1, "Guangzhou", clock.now)
    room.join("c", "Bob")
    room.accept("Bob")
    room.answer_from("c", 1, "guangzou", clock.now)
    room.ask_next()
    again = Drill.replay(events, [class_pack()], clock=clock)  # as quizbot report does
    assert isinstance(again, ClassRoom)
    assert again.owner == room.owner
    assert again.number == 2 and again.phase == "question"
    assert [(a.player, a.points) for a in again.answers] == [
        (a.player, a.points) for a in room.answers
    ]
    report = build_report(again)
    assert [p.name for p in report.players] == ["Ann", "Bob"]
    assert report.questions[0].correct == 2


def test_codes_have_no_look_alikes_and_match_whatever_the_case() -> None:
    code = new_code()
    assert len(code) == 6 and set(code) <= set(CODE_LETTERS)
    assert not set("01OIL") & set(CODE_LETTERS)
    assert same_code(" abc 234 ", "ABC234")
    assert not same_code("ABC235", "ABC234")


def test_a_restarted_host_holds_the_open_question_where_it_stopped() -> None:
    room, clock, events = open_room(seconds=20)
    room.join("a", "Ann")
    room.join("b", "Bob")
    room.ask_next()
    clock.advance(5)
    room.answer_from("a", 1, "Guangzhou", clock.now)
    clock.advance(600)  # the host was down for ten minutes
    again = ClassRoom.replay(events, [class_pack()], clock=clock)
    again.sink = events.append
    assert again.hold_after_stop() == ["Paused: /resume (or /pause) to go on."]
    assert again.tick() == []  # not timed out: the time it was down does not count
    again.resume()
    assert again.remaining() == 15
    again.answer_from("b", 1, "Guangzhou", clock.now)
    assert again.answers_to(1)[1].points == 875  # 5 s of its 20: the pause did not count
