"""The drill driven by a hand-moved clock: points, streaks, time-outs, turns, ties, pause,
more time, buzzer style, overrule, and a drill read back from its events."""

from __future__ import annotations

import dataclasses

import pytest
from drill_helpers import KEYS, class_pack, points, start
from tutor_fakes import Clock

from quizbot.classroom.drill import Drill, DrillError, Settings
from quizbot.classroom.scoring import SpeedAndStreak
from quizbot.packs.model import Pack, Question
from quizbot.quiz import Scored


@pytest.mark.parametrize(
    ("score", "seconds", "limit", "streak", "expected"),
    [
        (1.0, 0, 20, 0, 1000),  # at once
        (1.0, 10, 20, 0, 750),  # half the time: 1000 * (1 - 1/4)
        (1.0, 20, 20, 0, 500),  # at the last moment
        (1.0, 99, 20, 0, 500),  # never below half
        (1.0, 5, 0, 0, 1000),  # no timer: a fixed amount
        (1.0, 0, 0, 1, 1100),  # second right in a row
        (1.0, 0, 0, 5, 1500),
        (1.0, 0, 0, 9, 1500),  # the bonus stops at 500
        (0.5, 0, 0, 3, 500),  # a list answered in half: no streak bonus
        (0.0, 0, 20, 4, 0),
    ],
)
def test_the_points_formula(
    score: float, seconds: float, limit: float, streak: int, expected: float
) -> None:
    question = class_pack().questions[0]
    scored = Scored("Red", question, score, False, seconds, streak)
    assert SpeedAndStreak(limit).credit(scored) == expected


def test_teams_answer_in_turn_and_the_first_turn_moves_round() -> None:
    drill, _, _ = start(("Red", "Blue", "Green"))
    assert drill.whose_turn() == "Red"
    drill.command("Guangzhou")
    assert drill.whose_turn() == "Blue"
    drill.command("Canton")
    drill.command("Green: Shenzhen")
    assert drill.phase == "between"
    drill.command("")  # Enter: the next question
    assert drill.number == 2
    assert drill.whose_turn() == "Blue"  # question 2 starts with the second team


def test_a_team_cannot_answer_out_of_turn() -> None:
    drill, _, _ = start()
    with pytest.raises(DrillError, match="Red's turn"):
        drill.command("Blue: Guangzhou")


def test_speed_points_count_from_each_turn() -> None:
    drill, clock, _ = start(seconds=20)
    clock.advance(4)
    drill.command("Guangzhou")  # Red: 4 s of 20 -> 900
    clock.advance(10)
    drill.command("guangzou")  # Blue: a typo, right; 10 s since its turn -> 750
    assert points(drill) == {"Red": 900, "Blue": 750}


def test_streaks_add_100_a_step_and_a_wrong_answer_ends_them() -> None:
    drill, _, _ = start(("Red",))
    for line in ("Guangzhou", "", "298", "", "Yangtze, Yellow River", "", "Hebei", "", "Beijing"):
        drill.command(line)
    got = [a.points for a in drill.answers]
    assert got == [1000, 1100, 1200, 0, 1000]


def test_a_list_answered_in_part_earns_part() -> None:
    drill, _, _ = start(("Red",), questions=("cls/rivers",))
    drill.command("Yangtze")
    assert drill.answers[0].outcome == "partial"
    assert drill.answers[0].points == 500


def test_a_turn_that_runs_out_is_a_time_out_and_the_next_team_starts_then() -> None:
    drill, clock, _ = start(seconds=20)
    clock.advance(25)
    notes = drill.tick()
    assert "Red: time is up." in notes
    assert drill.answers[0].outcome == "timeout" and drill.answers[0].points == 0
    assert drill.whose_turn() == "Blue"
    assert drill.remaining() == 15  # Blue's turn began when Red's time ran out
    clock.advance(15)
    drill.tick()
    assert drill.phase == "between"


def test_pause_stops_the_clock_and_refuses_answers() -> None:
    drill, clock, _ = start(seconds=20)
    clock.advance(5)
    drill.command("/pause")
    clock.advance(300)
    assert drill.tick() == []
    assert drill.remaining() == 15
    with pytest.raises(DrillError, match="paused"):
        drill.command("Guangzhou")
    drill.command("/resume")
    clock.advance(5)
    drill.command("Guangzhou")
    assert drill.answers[0].seconds == 10
    assert drill.answers[0].points == 750


def test_more_time_extends_the_turn_and_the_points_scale() -> None:
    drill, clock, _ = start(seconds=20)
    clock.advance(18)
    drill.command("/more 20")
    clock.advance(10)
    assert drill.tick() == []
    drill.command("Guangzhou")  # 28 s of 40
    assert drill.answers[0].points == 650


def test_overrule_recomputes_points_and_later_streaks() -> None:
    drill, _, _ = start(("Red",))
    drill.command("Canton")  # the grader says wrong
    drill.command("/right")
    assert drill.answers[0].overruled == "right"
    assert drill.answers[0].points == 1000
    drill.command("")
    drill.command("298")
    assert drill.answers[1].points == 1100  # the streak counts the overruled answer
    drill.command("/wrong Red")
    assert drill.answers[1].points == 0
    drill.command("")
    drill.command("Yangtze, Yellow River")
    assert drill.answers[2].points == 1000  # streak broken by the overrule
    drill.command("/wrong Red")  # the last answer of Red
    drill.overrule("right", "Red")
    assert [a.points for a in drill.answers] == [1000, 0, 1000]


def test_buzzer_style_time_counts_to_the_buzz_and_a_right_answer_closes() -> None:
    drill, clock, _ = start(("Red", "Blue", "Green"), mode="buzzer", seconds=20)
    clock.advance(4)
    drill.command("Blue")  # the buzz
    clock.advance(30)  # thinking out loud does not run the clock out
    assert drill.tick() == []
    drill.command("Canton")
    assert drill.answers[0].player == "Blue" and drill.answers[0].points == 0
    assert drill.remaining() == 16  # the clock stood still from the buzz to the answer
    with pytest.raises(DrillError, match="already answered"):
        drill.command("Blue: Guangzhou")
    drill.command("Red: Guangzhou")
    assert drill.phase == "between"
    assert [a.player for a in drill.answers] == ["Blue", "Red"]


def test_buzzer_time_up_closes_the_question_with_no_one_charged() -> None:
    drill, clock, _ = start(mode="buzzer", seconds=20)
    clock.advance(21)
    assert "Time is up." in drill.tick()
    assert drill.phase == "between" and drill.answers == []


def test_skip_closes_the_question_without_points() -> None:
    drill, _, _ = start()
    drill.command("Guangzhou")
    drill.command("/skip")
    assert drill.phase == "between"
    assert [a.player for a in drill.answers] == ["Red"]


def test_ties_share_a_rank_and_the_podium() -> None:
    drill, _, _ = start(("Red", "Blue", "Green", "Gold"), questions=KEYS[:1])
    for line in ("Guangzhou", "Guangzhou", "Canton", "Shenzhen"):
        drill.command(line)
    table = {s.name: s.rank for s in drill.standings()}
    assert table == {"Red": 1, "Blue": 1, "Green": 3, "Gold": 3}
    assert {s.name for s in drill.podium()} == {"Red", "Blue", "Green", "Gold"}


def test_the_leaderboard_says_who_moved_up() -> None:
    drill, _, _ = start(questions=KEYS[:2])
    drill.command("Guangzhou")
    drill.command("Canton")
    drill.command("")  # question 2: Blue first
    drill.command("298")
    drill.command("298")
    moved = {s.name: s.moved for s in drill.standings()}
    assert moved == {"Red": 0, "Blue": 0}  # Red still leads, by the streak bonus
    drill2, _, _ = start(questions=KEYS[:2])
    drill2.command("Guangzhou")
    drill2.command("Canton")
    drill2.command("")
    drill2.command("298")  # Blue
    drill2.command("12")  # Red wrong
    blue = next(s for s in drill2.standings() if s.name == "Blue")
    assert blue.rank == 1 and blue.moved == 1


def test_a_roster_adds_team_totals() -> None:
    teams = {"Ann": "Red", "Bo": "Red", "Cy": "Blue"}
    drill, _, _ = start(("Ann", "Bo", "Cy"), questions=KEYS[:1], teams=teams)
    for line in ("Guangzhou", "Guangzhou", "Canton"):
        drill.command(line)
    assert [(s.name, s.points) for s in drill.team_standings()] == [("Red", 2000), ("Blue", 0)]


def test_the_end_and_the_podium() -> None:
    drill, _, _ = start(("Red",), questions=KEYS[:1])
    drill.command("Guangzhou")
    notes = drill.command("")
    assert drill.phase == "finished" and notes == ["The drill is over."]
    assert [s.name for s in drill.podium()] == ["Red"]
    with pytest.raises(DrillError):
        drill.command("Paris")


def test_a_drill_read_back_from_its_events_is_the_same_drill() -> None:
    drill, clock, events = start(("Red", "Blue"), seconds=20)
    clock.advance(3)
    drill.command("Guangzhou")
    clock.advance(2)
    drill.command("/pause")
    clock.advance(50)
    drill.command("/resume")
    clock.advance(30)
    drill.tick()
    drill.command("/right")
    drill.command("")
    clock.advance(7)
    drill.command("298")
    again = Drill.replay(events, [class_pack()], clock=clock)
    assert again.answers == drill.answers
    assert again.standings() == drill.standings()
    assert again.whose_turn() == drill.whose_turn() == "Red"
    assert again.remaining() == drill.remaining()


def test_resume_pauses_at_the_last_saved_moment() -> None:
    drill, clock, events = start(seconds=20)
    clock.advance(5)
    drill.command("Guangzhou")
    clock.advance(3)  # Blue thinks 3 s ...
    drill.command("/more 5")
    clock.advance(600)  # ... then the laptop dies for ten minutes
    again = Drill.replay(events, [class_pack()], clock=clock)
    again.sink = events.append
    again.hold_after_stop()
    assert again.paused and again.remaining() == 22
    again.command("/resume")
    assert again.remaining() == 22


def test_bad_settings_are_refused() -> None:
    with pytest.raises(DrillError, match="same name"):
        Settings(("Red", "red"), KEYS).check()
    with pytest.raises(DrillError, match="no ':'"):
        Settings(("a:b",), KEYS).check()
    with pytest.raises(DrillError, match="in none of the packs"):
        start(questions=("cls/nope",))


def test_regrade_takes_a_changed_pack_and_keeps_the_overrules() -> None:
    drill, _, events = start(("Red", "Blue"), questions=KEYS[:1])
    drill.command("Canton")  # Red: wrong
    drill.command("Canton")  # Blue: wrong, then overruled wrong again
    drill.command("/wrong")
    pack = class_pack()
    capital = dataclasses.replace(pack.questions[0], accept=("Canton",))
    changed = dataclasses.replace(pack, questions=(capital, *pack.questions[1:]), _by_id={})
    again = Drill.replay(events, [changed], clock=drill.clock)
    assert again.regrade() == 2
    assert [(a.final_outcome, a.points) for a in again.answers] == [
        ("correct", 1000),
        ("incorrect", 0),  # the teacher said wrong
    ]


def test_the_answer_between_questions_is_shown_as_the_grader_reads_it() -> None:
    # "96" with `unit: percent` is 96%, as the tutor and the grader say it.
    pack = Pack(
        id="pct",
        title="Percent",
        questions=(
            Question(
                "schools",
                "number",
                "What share of schools were online?",
                "96",
                pack="pct",
                unit="percent",
            ),
        ),
    )
    settings = Settings(players=("Red",), questions=("pct/schools",), mode="turns", seconds=0)
    drill, _ = Drill.start(settings, [pack], clock=Clock(), sink=lambda _: None)
    said = drill.command("80")
    assert "The answer: 96%" in said
