"""The class's two screens with Pilot: a student's tab (code, name, question, verdict,
podium; a wrong code shows nothing of the class) and the teacher's host screen (who
joined, the question, the countdown, the leaderboard, the rejoin modal), with a hand-moved
clock, and a snapshot of the host screen at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits, Input, Label, Static
from tui_helpers import Clock

from quizbot.classroom.class_files import create_class_session
from quizbot.classroom.class_host import ClassHost
from quizbot.classroom.class_room import ClassRoom, ClassRules
from quizbot.classroom.class_student import StudentClient
from quizbot.classroom.drill import Settings
from quizbot.packs.model import Pack, Question
from quizbot.qrtext import qr_lines
from quizbot.tui.class_host_app import ClassHostApp, RejoinScreen
from quizbot.tui.class_student_app import StudentApp


def pack() -> Pack:
    return Pack(
        id="cls",
        title="Class",
        questions=(
            Question(
                "capital",
                "text",
                "Which city is the capital of Guangdong? [bold]x[/bold]",
                "Guangzhou",
                pack="cls",
                explanation="Canton is its old name.",
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


def make_host(tmp_path: Path, clock: Clock) -> ClassHost:
    session = create_class_session(tmp_path, "7B")
    settings = Settings(
        players=(), questions=("cls/capital", "cls/pick"), mode="class", seconds=20, seed=1
    )
    room = ClassRoom.open_class(
        settings, [pack()], ClassRules("ABC234"), clock=clock, sink=session.append
    )
    return ClassHost(room, session)


async def type_line(pilot: Pilot[int], text: str) -> None:
    box = pilot.app.query_one("#line", Input)
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


def shown(app: Any, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_a_student_joins_answers_and_sees_the_verdict(tmp_path: Path) -> None:
    clock = Clock()
    host = make_host(tmp_path, clock)
    app = StudentApp(StudentClient(host.session.folder, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        assert str(app.query_one("#field", Label).render()) == "Join code"
        host.command("/next")  # a question is open: a wrong code still shows nothing of it
        await type_line(pilot, "NOPE99")
        assert shown(app, "#status") == "Wrong code"
        for part in ("#question", "#options", "#result"):
            assert shown(app, part) == ""
        assert str(app.query_one("#where", Label).render()) == ""
        host.command("/close")
        assert str(app.query_one("#field", Label).render()) == "Join code"
        await type_line(pilot, "abc234")
        assert str(app.query_one("#field", Label).render()) == "Your name"
        await type_line(pilot, "[b]Ann[/b]")
        host.poll()
        app._poll()
        await pilot.pause()
        assert "Waiting for the teacher" in shown(app, "#status")
        host.command("/next")
        app._poll()
        await pilot.pause()
        assert "Question 2 of 2" in str(app.query_one("#where", Label).render())
        assert shown(app, "#question") == "Which is a river?"
        assert "A. " in shown(app, "#options")
        assert app.query_one("#countdown", Digits).value == "20"
        assert str(app.query_one("#field", Label).render()) == "Your answer"
        clock.now += 5
        await type_line(pilot, "Yangtze")
        assert "Answer received" in shown(app, "#status")
        assert app.query_one("#line", Input).disabled
        host.poll()  # the only student answered: the question closes
        app._poll()
        await pilot.pause()
        result = shown(app, "#result")
        assert "Right! +875 points" in result
        host.command("/end")
        app._poll()
        await pilot.pause()
        assert "1st: [b]Ann[/b] with 875 points" in shown(app, "#result")
        assert "The class is over." in shown(app, "#status")


async def test_a_reloaded_tab_waits_for_the_teacher_in_the_host_modal(tmp_path: Path) -> None:
    clock = Clock()
    host = make_host(tmp_path, clock)
    first = StudentClient(host.session.folder, clock=clock)
    first.enter_code("ABC234")
    first.join("Alice")
    app = ClassHostApp(host, "http://127.0.0.1:8000/", qr_lines("http://127.0.0.1:8000/"))
    async with app.run_test(size=(100, 30)) as pilot:
        app._poll()
        await pilot.pause()
        assert "Alice" in shown(app, "#students")
        again = StudentClient(host.session.folder, clock=clock)
        again.enter_code("ABC234")
        again.join("Alice")
        app._poll()
        await pilot.pause()
        assert isinstance(app.screen, RejoinScreen)
        await pilot.click("#accept")
        await pilot.pause()
        again.poll()
        assert again.status == "joined"
        await pilot.press("f2")  # next: every student gets question 1
        await pilot.pause()
        assert "Which city" in shown(app, "#question")
        assert "Answered: 0 of 1" in str(app.query_one("#answered", Label).render())
        clock.now += 21
        app._poll()  # time is up
        await pilot.pause()
        table = app.query_one("#leaderboard", DataTable)
        assert [table.get_row_at(i)[1] for i in range(table.row_count)] == [Text("Alice")]
        await pilot.press("f10")
        await pilot.pause()
        assert host.room.phase == "finished"
        assert "PODIUM" in shown(app, "#notes")


def test_class_host_screen_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    clock = Clock()
    host = make_host(tmp_path, clock)
    for name in ("Ann", "[b]Bob[/b]"):
        client = StudentClient(host.session.folder, clock=clock)
        client.enter_code("ABC234")
        client.join(name)
        clock.now += 1
    host.poll()
    host.command("/next")
    clock.now += 4
    address = "http://127.0.0.1:8000/"

    async def run_before(pilot: Pilot[int]) -> None:
        pilot.app.query_one("#line", Input).cursor_blink = False
        await pilot.pause()

    app = ClassHostApp(host, address, qr_lines(address))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_class_with_teams_asks_for_the_team_after_the_name(tmp_path: Path) -> None:
    clock = Clock()
    session = create_class_session(tmp_path, "7B")
    settings = Settings(players=(), questions=("cls/capital",), mode="class", seconds=0)
    room = ClassRoom.open_class(
        settings, [pack()], ClassRules("ABC234", 60, ("Red", "Blue")), clock=clock,
        sink=session.append,
    )  # fmt: skip
    host = ClassHost(room, session)
    app = StudentApp(StudentClient(session.folder, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_line(pilot, "ABC234")
        await type_line(pilot, "Ann")
        assert str(app.query_one("#field", Label).render()) == "Team (Red, Blue)"
        await type_line(pilot, "Green")
        assert "Your team is one of: Red, Blue" in shown(app, "#status")
        await type_line(pilot, "blue")
        host.poll()
        app._poll()
        await pilot.pause()
        assert room.settings.teams == {"Ann": "Blue"}
        assert "Waiting for the teacher" in shown(app, "#status")


async def test_the_teacher_removes_a_student_with_f6_and_their_tab_says_so(tmp_path: Path) -> None:
    clock = Clock()
    host = make_host(tmp_path, clock)
    bob = StudentClient(host.session.folder, clock=clock)
    bob.enter_code("ABC234")
    bob.join("Bob")
    app = ClassHostApp(host, "http://127.0.0.1:8000/", [])
    async with app.run_test(size=(100, 30)) as pilot:
        app._poll()
        await pilot.press("f6")
        assert app.query_one("#line", Input).value == "/remove "
        await pilot.press("B", "o", "b", "enter")
        await pilot.pause()
        assert host.room.joined() == []
        assert "Bob was removed" in shown(app, "#notes")
        bob.poll()
        assert bob.status == "removed"
        assert bob.status_text() == "The teacher removed you from the class."


async def test_a_tab_whose_server_died_leaves_instead_of_repainting_forever(
    tmp_path: Path, monkeypatch: Any
) -> None:
    # Seen by hand: a student process outlived its SIGKILLed web server and repainted
    # its countdown at 45% of a core for twenty minutes, with nobody to see it.
    import os

    clock = Clock()
    host = make_host(tmp_path, clock)
    app = StudentApp(StudentClient(host.session.folder, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        app._poll()
        await pilot.pause()
        assert app.is_running  # its server is alive: it stays
        monkeypatch.setattr(os, "getppid", lambda: 1)  # adopted by init: the server is gone
        app._poll()
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
