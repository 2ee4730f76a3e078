"""Exam mode in the terminal UI: a countdown beside the round's progress, the end by itself."""

from __future__ import annotations

import random
from pathlib import Path

from textual.widgets import Label
from tui_helpers import SEED, Clock, say, settle

from quizbot.packs.builtin import load_builtin_packs
from quizbot.progress.store import ProgressStore
from quizbot.quiz.modes import ExamRules
from quizbot.tui.app import QuizApp
from quizbot.tui.commands import palette_commands
from quizbot.tutor import Tutor


async def test_the_exam_counts_down_and_ends_when_the_time_is_up(tmp_path: Path) -> None:
    clock = Clock()
    store = ProgressStore.open(tmp_path, "default", clock=clock)
    tutor = Tutor(
        load_builtin_packs(),
        store=store,
        clock=clock,
        rng=random.Random(SEED),
        exam=ExamRules(questions=3, time_limit=90.0),
    )
    app = QuizApp(tutor, store=store, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await say(pilot, "/exam")
        label = app.query_one("#round-label", Label)
        assert "⏱ 1:30 left" in str(label.render())
        clock.now += 61
        app.tick_exam_clock()  # what the one-second timer does
        assert "⏱ 0:29 left" in str(label.render())
        assert "✓" not in str(label.render())  # no verdicts in an exam
        clock.now += 30
        app.tick_exam_clock()
        await settle(pilot)
        assert tutor.status.time_left is None and tutor.status.stage == "finished_round"
        [exam] = store.exams()
        assert exam.timed_out and exam.questions == 3


def test_the_palette_offers_the_modes_and_disputes(tmp_path: Path) -> None:
    tutor = Tutor(load_builtin_packs(), clock=Clock(), rng=random.Random(SEED))
    titles = [c.title for c in palette_commands(QuizApp(tutor))]
    for title in ("Review due", "New questions", "Weak spots", "Exam", "Dispute the last verdict"):
        assert title in titles


async def test_the_theme_is_remembered_per_profile(tmp_path: Path) -> None:
    def app() -> QuizApp:
        store = ProgressStore.open(tmp_path, "default", clock=Clock())
        tutor = Tutor(load_builtin_packs(), store=store, clock=Clock(), rng=random.Random(SEED))
        return QuizApp(tutor, store=store, clock=Clock())

    first = app()
    async with first.run_test() as pilot:
        await settle(pilot)
        assert first.theme != "nord"
        first.theme = "nord"
        await settle(pilot)
    second = app()
    async with second.run_test() as pilot:
        await settle(pilot)
        assert second.theme == "nord"
