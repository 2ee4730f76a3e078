"""An evening in the chat stays small: the key bar, the answer history and the rendered
lines of folded bubbles are bounded (counted as objects, never as bytes)."""

from __future__ import annotations

import gc
import weakref
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets._footer import FooterKey
from tui_helpers import make_app, make_tutor

from quizbot.tui.widgets import transcript as transcript_module
from quizbot.tui.widgets.answer_input import MAX_HISTORY, AnswerInput
from quizbot.tui.widgets.bubble import BubbleRow
from quizbot.tui.widgets.footer import QuietFooter
from quizbot.tui.widgets.transcript import Entry, Transcript


class KeyBarApp(App[None]):
    """The hint key comes and goes, as it does between questions and summaries."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+n", "new_round", "New round"),
    ]
    hint_shown = True

    def compose(self) -> ComposeResult:
        yield AnswerInput(id="answer")
        yield QuietFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.hint_shown if action == "hint" else True

    def action_hint(self) -> None: ...

    def action_new_round(self) -> None: ...


async def test_keys_the_footer_dropped_are_freed() -> None:
    app = KeyBarApp()
    seen: list[weakref.ref[FooterKey]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(4):
            app.hint_shown = not app.hint_shown
            app.refresh_bindings()
            await pilot.pause()
            await pilot.pause()
            seen += [weakref.ref(key) for key in app.query(FooterKey)]
        shown = set(app.query(FooterKey))
        assert len(seen) > 2 * len(shown)  # the keys were rebuilt several times
        gc.collect()
        alive = [ref() for ref in seen if ref() is not None]
        assert set(alive) == shown


async def test_answer_history_keeps_the_newest_lines() -> None:
    app = KeyBarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        answer = app.query_one(AnswerInput)
        for n in range(MAX_HISTORY + 50):
            answer.remember(f"line {n}")
        assert len(answer.history) == MAX_HISTORY
        assert answer.history[0] == "line 50"
        assert answer.history[-1] == f"line {MAX_HISTORY + 49}"
        answer.focus()
        await pilot.press("up")
        assert answer.value == f"line {MAX_HISTORY + 49}"


class ChatApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Transcript(id="transcript")


async def test_folded_bubbles_do_not_keep_their_rendered_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual caches a colour look-up keyed by each widget's StylesCache (which holds
    # the lines it rendered), so removed widgets stayed alive with their lines.
    # A short transcript folds the same way as the real one, in fewer bubbles.
    monkeypatch.setattr(transcript_module, "MAX_ROWS", 8)
    monkeypatch.setattr(transcript_module, "FOLD", 3)
    app = ChatApp()
    seen: list[tuple[Entry, weakref.ref[object]]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        transcript = app.query_one(Transcript)
        for i in range(8 + 3 * 3):
            await transcript.add_learner(f"answer {i}")
            await pilot.pause(0)  # drawn (no idle wait needed), as each bubble is in a chat
            row = transcript.rows[-1]
            assert isinstance(row, BubbleRow)
            seen.append((row, weakref.ref(row.bubble._styles_cache)))
        await pilot.pause()
        kept = set(transcript.rows)
        folded = [ref for row, ref in seen if row not in kept]
        assert len(folded) == 3 * 3  # three folds
        del seen, kept
        gc.collect()
        assert [ref for ref in folded if ref() is not None] == []


async def test_objects_frozen_while_the_chat_runs_are_handed_back_on_exit() -> None:
    # Start-up objects are kept out of the collector's walks while the app runs;
    # afterwards they must be collectable again, or each app (a test's) would leak.
    app = make_app(make_tutor())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
