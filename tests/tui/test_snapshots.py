"""Snapshot tests: how the chat, a verdict, the summary and the stats look.

Deterministic: the real tutor on the built-in packs with a fixed clock and a
seeded rng, progress in a temporary folder that never appears on screen, and
no blinking cursor. Update with ``pytest tests/tui --snapshot-update`` and look
at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tui_helpers import (
    ROUND,
    make_app,
    make_store,
    make_tutor,
    right_answer,
    say,
    settle,
    start_round,
)

from quizbot.tui.app import QuizApp


def app_for(tmp_path: Path, *, history: bool = False) -> QuizApp:
    store = make_store(tmp_path, history=history)
    return make_app(make_tutor(store), store=store)


def test_start_screen(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)

    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_question_with_verdicts(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await start_round(pilot)
        assert isinstance(pilot.app, QuizApp)
        await say(pilot, right_answer(pilot.app))
        await say(pilot, "Paris")

    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_summary_screen(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await start_round(pilot)
        assert isinstance(pilot.app, QuizApp)
        await say(pilot, right_answer(pilot.app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        for _ in range(ROUND - 2):
            await say(pilot, "Paris")
        await say(pilot, "")  # Enter opens the summary

    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_stats_screen(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)

    app = app_for(tmp_path, history=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_wide_terminal(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await start_round(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app_for(tmp_path), terminal_size=(120, 40), run_before=run_before)
