"""The terminal UI tells the learner of progress repairs once, and says why quitting waits."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui_helpers import make_app, make_store, make_tutor, settle

from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressStore
from quizbot.tui.app import QuizApp
from quizbot.tui.widgets.bubble import BotBubble


def warnings_shown(app: QuizApp) -> list[str]:
    return [b.message.text for b in app.query(BotBubble) if b.message.kind == "warning"]


def damage_and_repair_elsewhere(data: Path) -> None:
    """An answer, a damaged snapshot, and a `quizbot stats` that repaired it unseen."""
    store = ProgressStore.open(data)
    store.record(AnswerRecord(1_700_000_000.0, "digital-china", "q", "r", "correct", 1.0))
    store.close()
    (store.path / "state.json").write_bytes(b"garbage")
    ProgressStore.open(data)


async def test_a_repair_made_by_stats_is_told_once_at_the_start(tmp_path: Path) -> None:
    damage_and_repair_elsewhere(tmp_path)
    for expected in (1, 0):
        store = make_store(tmp_path, history=False)
        app = make_app(make_tutor(store), store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            shown = warnings_shown(app)
            assert len(shown) == expected
            if expected:
                assert "damaged" in shown[0] and "1 recorded answer is kept" in shown[0]


async def test_waiting_for_the_progress_lock_at_quit_is_said_in_the_chat(tmp_path: Path) -> None:
    store = make_store(tmp_path, history=False)
    app = make_app(make_tutor(store), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert store.on_wait is not None
        # The store calls it from the tutor's thread, as close() does at quit.
        await asyncio.to_thread(store.on_wait, "waiting up to 30 s for another quizbot")
        await pilot.pause()
        assert warnings_shown(app)[-1] == "waiting up to 30 s for another quizbot"
