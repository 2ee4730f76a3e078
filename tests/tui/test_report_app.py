"""The report screen of ``quizbot report SESSION``, driven with Pilot: a drill played into a
real session folder on a temporary copy of a pack, its questions picked, their wrong
answers grouped, and one group accepted (asked first) into the pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from quizbot.classroom.drill import Drill, Settings
from quizbot.classroom.report import build_report
from quizbot.classroom.session import Session
from quizbot.cli_classroom import Regrader
from quizbot.packs.loader import load_packs
from quizbot.tui.report_app import ConfirmAccept, ReportApp

PACK = """\
pack: geo
title: Geography
questions:
  # the author's comment stays where it is
  - id: capital
    type: text
    prompt: Which city is the capital of Guangdong?
    answer: Guangzhou
  - id: users
    type: number
    prompt: How many million internet users did China have in mid-2008?
    answer: 253
  - id: province
    type: text
    prompt: Which province is Wuhan in?
    answer: Hubei
    reject: [Hebei]
"""
PLAYERS = ("Ann", "[b]Bo[/]", "Cy")
# Turns: each question is answered by all three; the first to answer moves round.
LINES = [
    "Shenzhen", "shenzen", "Canton", "",  # capital: Ann, Bo, Cy
    "342", "346", "253", "",  # users: Bo, Cy, Ann
    "Hebei", "[b]x[/] \x1b[31mred", "Hebei", "",  # province: Cy, Ann, Bo
]  # fmt: skip


def play(tmp_path: Path, *, builtin: bool = False) -> tuple[Path, Regrader]:
    """A finished drill's session, and what the report screen accepts answers with
    (``builtin``: the session says it was played on the built-in packs)."""
    pack_file = tmp_path / "geo.yaml"
    pack_file.write_text(PACK, encoding="utf-8")
    packs = load_packs([str(pack_file)])
    settings = Settings(
        players=PLAYERS,
        questions=("geo/capital", "geo/users", "geo/province"),
        seconds=0,
        teams={"Ann": "Red", "[b]Bo[/]": "Red", "Cy": "Blue"},
        seed=1,
        packs=() if builtin else (str(pack_file),),
    )
    session = Session.create(tmp_path / "home", "period 3", now=1_700_000_000)
    drill, _ = Drill.start(settings, packs, clock=lambda: 1_700_000_000.0, sink=session.append)
    for line in LINES:
        drill.command(line)
    events = session.events()
    return pack_file, Regrader(events, Drill.replay(events, packs, clock=lambda: 0.0))


def make_app(tmp_path: Path) -> tuple[ReportApp, Path]:
    pack_file, regrader = play(tmp_path)
    return ReportApp(build_report(regrader.drill), regrader, "20231114-period-3"), pack_file


def rows(app: ReportApp, selector: str) -> list[list[str]]:
    table = app.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def about(app: ReportApp) -> str:
    return str(app.query_one("#about", Static).render())


async def test_players_questions_and_the_wrong_answers_of_the_highlighted_one(
    tmp_path: Path,
) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        players = rows(app, "#players")
        assert [row[1] for row in players] == ["Ann", "[b]Bo[/]", "Cy"]  # markup as text
        assert players[0][2:5] == ["Red", "1000", "1/3 33%"]
        assert rows(app, "#teams")[0][:2] == ["Red", "1000"]
        assert rows(app, "#questions") == [
            ["1", "capital", "0/3 0%"],
            ["2", "users", "1/3 33%"],
            ["3", "province", "0/3 0%"],
        ]
        # the first question is highlighted: its wrong answers, the biggest group first
        assert rows(app, "#groups") == [["2", "Shenzhen", "shenzen"], ["1", "Canton", ""]]
        assert "Which city is the capital of Guangdong?" in about(app)
        await pilot.press("down")
        assert rows(app, "#groups") == [["1", "342", ""], ["1", "346", ""]]  # never one group
        await pilot.press("down")
        groups = rows(app, "#groups")
        # the reject keeps Hebei a group of its own; a response is shown literally
        assert groups == [["2", "Hebei", ""], ["1", "[b]x[/] \\x1b[31mred", ""]]
        cell = app.query_one("#groups", DataTable).get_row_at(1)[1]
        assert isinstance(cell, Text) and not cell.spans  # no style came from the response


async def test_accepting_a_group_asks_then_writes_the_pack_and_grades_again(
    tmp_path: Path,
) -> None:
    app, pack_file = make_app(tmp_path)
    before = pack_file.read_text(encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # the first question: on to its wrong answers
        await pilot.press("down")  # Canton
        await pilot.press("a")
        assert isinstance(app.screen, ConfirmAccept)
        await pilot.press("n")  # changed their mind: nothing is written
        assert not isinstance(app.screen, ConfirmAccept)
        assert pack_file.read_text(encoding="utf-8") == before
        await pilot.press("a")
        await pilot.press("y")
        await pilot.pause()
        after = pack_file.read_text(encoding="utf-8")
        assert "  # the author's comment stays where it is\n" in after
        assert "accept:" in after and "Canton" in after
        assert load_packs([str(pack_file)])[0].questions[0].accept  # it validates
        assert rows(app, "#questions")[0] == ["1", "capital", "1/3 33%"]
        assert rows(app, "#groups") == [["2", "Shenzhen", "shenzen"]]
        # Cy's Canton is right now: 1000 points, level with Ann
        assert [row[1:4] for row in rows(app, "#players")][1] == ["Cy", "Blue", "1000"]


async def test_an_answer_the_pack_cannot_take_leaves_everything_as_it_was(
    tmp_path: Path,
) -> None:
    app, pack_file = make_app(tmp_path)
    before = pack_file.read_text(encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")  # province: Hebei is its reject
        await pilot.press("a", "y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmAccept)
        assert pack_file.read_text(encoding="utf-8") == before  # the pack would not validate
        assert rows(app, "#groups")[0] == ["2", "Hebei", ""]
        assert app.query_one("#groups", DataTable).has_focus


async def test_the_built_in_packs_are_never_changed(tmp_path: Path) -> None:
    pack_file, regrader = play(tmp_path, builtin=True)
    app = ReportApp(build_report(regrader.drill), regrader, "x")
    before = pack_file.read_text(encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "a")
        assert not isinstance(app.screen, ConfirmAccept)  # refused before asking
        await pilot.press("y")
    assert pack_file.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("size", [(80, 24)])
def test_report_screen_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app, _ = make_app(tmp_path)

    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
