"""The transcript keeps a bounded number of widgets however long the session."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from quizbot.tui.widgets import transcript as transcript_module
from quizbot.tui.widgets.bubble import BotBubble
from quizbot.tui.widgets.transcript import Transcript
from quizbot.tutor.messages import BotMessage

MAX_ROWS, FOLD, MAX_EARLIER_LINES = 10, 4, 12


class OnlyTranscript(App[None]):
    def compose(self) -> ComposeResult:
        yield Transcript(id="transcript")


async def test_old_bubbles_fold_into_plain_text_and_the_dom_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A short transcript folds as the real one does, in fewer bubbles.
    monkeypatch.setattr(transcript_module, "MAX_ROWS", MAX_ROWS)
    monkeypatch.setattr(transcript_module, "FOLD", FOLD)
    monkeypatch.setattr(transcript_module, "MAX_EARLIER_LINES", MAX_EARLIER_LINES)
    app = OnlyTranscript()
    async with app.run_test(size=(80, 24)) as pilot:
        transcript = app.query_one(Transcript)
        for i in range(MAX_ROWS + 2 * FOLD):
            await transcript.add_learner(f"[b]answer {i}[/b]")
            await transcript.add_bot([BotMessage("info", f"reply {i}", options=("x", "y"))])
        await pilot.pause()
        rows = transcript.rows
        assert len(rows) <= MAX_ROWS
        earlier = str(app.query_one("#earlier").render()).splitlines()
        assert len(earlier) == MAX_EARLIER_LINES  # the oldest folded lines were dropped
        # The newest folded bubbles, as typed (no markup read from them), options lettered.
        pairs = MAX_ROWS + 2 * FOLD
        newest = (2 * pairs - len(rows)) // 2 - 1  # each answer made two bubbles
        assert f"  you › [b]answer {newest}[/b]" in earlier
        assert earlier[-3:] == [f"reply {newest}", "  A) x", "  B) y"]
        # The bubbles kept are the newest ones.
        last = rows[-1]
        assert isinstance(last, BotBubble) and last.message.text == f"reply {pairs - 1}"
