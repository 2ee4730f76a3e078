"""The drill on the projector screen, driven with Pilot and a hand-moved clock."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits, Input, Label, Static
from tui_helpers import Clock

from quizbot.classroom.drill import Drill, Settings
from quizbot.packs.model import Pack, Question, Source
from quizbot.tui.drill_app import DrillApp


def pack() -> Pack:
    return Pack(
        id="cls",
        title="Class",
        sources=(Source("atlas", "The Atlas [b]x[/b]"),),
        questions=(
            Question(
                "capital",
                "text",
                "Which city is the capital of Guangdong? [bold]x[/bold]",
                "Guangzhou",
                pack="cls",
                explanation="Canton is its old name.",
                source="atlas",
            ),
            Question(
                "pick",
                "choice",
                "Which is a river?",
                "Yangtze",
                pack="cls",
                options=("Yangtze", "Everest", "Gobi"),
            ),
        ),
    )


def make_app(
    players: tuple[str, ...] = ("Red", "[b]Blue[/b]"), **kw: Any
) -> tuple[DrillApp, Clock]:
    clock = Clock()
    settings = Settings(players=players, questions=("cls/capital", "cls/pick"), **kw)
    drill, notes = Drill.start(settings, [pack()], clock=clock)
    return DrillApp(drill, None, notes), clock


async def say(pilot: Pilot[int], line: str) -> None:
    box = pilot.app.query_one("#line", Input)
    box.value = line
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


def text_of(app: DrillApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_the_question_turns_and_leaderboard_show_as_written() -> None:
    app, clock = make_app(seconds=20)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "[bold]x[/bold]" in text_of(app, "#question")  # markup shown, not applied
        assert "Red's turn" in str(app.query_one("#turn", Label).render())
        assert app.query_one("#countdown", Digits).value == "20"
        clock.now += 5
        await say(pilot, "Guangzhou")
        assert app.query_one("#points", Digits).value == "875"
        assert "[b]Blue[/b]'s turn" in str(app.query_one("#turn", Label).render())
        clock.now += 20
        app._tick()  # the clock the drill sees ran out: Blue's turn times out
        await pilot.pause()
        assert app.drill.phase == "between"
        notes = text_of(app, "#notes")
        assert "The answer: Guangzhou" in notes and "The Atlas [b]x[/b]" in notes
        table = app.query_one("#leaderboard", DataTable)
        names = [table.get_row_at(i)[1] for i in range(table.row_count)]
        assert names == [Text("Red"), Text("[b]Blue[/b]")]


async def test_commands_overrule_and_the_podium() -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await say(pilot, "Canton")
        await say(pilot, "/right")
        assert app.drill.answers[0].overruled == "right"
        await say(pilot, "Shenzhen")
        await say(pilot, "")  # Enter: the next question, with its options lettered
        assert "A. " in text_of(app, "#options")
        await say(pilot, "/pause")
        assert "PAUSED" in str(app.query_one("#where", Label).render())
        await say(pilot, "B")
        assert len(app.drill.answers) == 2  # refused while paused (a notice says why)
        await say(pilot, "/pause")
        await say(pilot, "/skip")
        await say(pilot, "")
        assert app.has_class("finished")
        podium = text_of(app, "#podium")
        assert "1st  Red  1000" in podium
        await say(pilot, "")
        assert app.return_value == 0


def test_drill_screen_snapshot(snap_compare: Any) -> None:
    app, clock = make_app(("Red", "Blue", "Green"), seconds=20)

    async def run_before(pilot: Pilot[int]) -> None:
        pilot.app.query_one("#line", Input).cursor_blink = False
        clock.now += 4
        await say(pilot, "Guangzhou")
        clock.now += 2
        await say(pilot, "Guangzhou")
        await say(pilot, "Canton")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 32), run_before=run_before)


async def test_a_line_typed_after_the_time_ran_out_is_not_the_next_team_s() -> None:
    app, clock = make_app(seconds=20)
    app.tick_seconds = 3600  # only this test's steps move the drill (a real tick made it flaky)
    async with app.run_test(size=(120, 36)) as pilot:
        clock.now += 25  # Red's turn ran out before the tick saw it
        await say(pilot, "Guangzhou")
        assert [(a.player, a.outcome) for a in app.drill.answers] == [("Red", "timeout")]
        assert app.drill.whose_turn() == "[b]Blue[/b]"
        await say(pilot, "Guangzhou")
        assert app.drill.answers[-1].outcome == "correct"


async def test_the_leaderboard_marks_who_moved_up() -> None:
    app, _ = make_app(("Red", "Blue"))
    async with app.run_test(size=(120, 36)) as pilot:
        for line in ("Guangzhou", "Canton", "", "Yangtze", "Gobi"):  # question 2: Blue first
            await say(pilot, line)
        table = app.query_one("#leaderboard", DataTable)
        rows = {str(table.get_row_at(i)[1]): table.get_row_at(i) for i in range(table.row_count)}
        assert str(rows["Blue"][3]) == "▲ 1" and str(rows["Red"][3]) == ""


def test_drill_screen_fits_80_by_24(snap_compare: Any) -> None:
    # A classroom laptop's terminal: the notes beside the clock and the leaderboard
    # must keep a readable width (they were squeezed to six columns once).
    app, clock = make_app(("Red", "Blue", "Green"), seconds=20)

    async def run_before(pilot: Pilot[int]) -> None:
        pilot.app.query_one("#line", Input).cursor_blink = False
        clock.now += 4
        await say(pilot, "Guangzhou")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
