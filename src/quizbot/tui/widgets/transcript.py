"""The chat transcript: a scrolling column of bubbles that stays at the newest one."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import AwaitMount

from quizbot.tui.widgets.bubble import BotBubble, BubbleRow, LearnerBubble
from quizbot.tutor.messages import BotMessage


class Transcript(VerticalScroll, can_focus=False):
    """Bot and learner bubbles, newest at the bottom."""

    def on_mount(self) -> None:
        # Anchored: new bubbles keep the view at the bottom until the learner scrolls up.
        self.anchor()

    # Both return at once with the bubbles already in place (so order is kept);
    # await the result to wait until they are mounted.
    def add_bot(self, messages: list[BotMessage]) -> AwaitMount:
        """Append the tutor's messages, in order."""
        return self.mount_all([BubbleRow(BotBubble(m)) for m in messages])

    def add_learner(self, text: str) -> AwaitMount:
        """Append a line the learner sent."""
        return self.mount(BubbleRow(LearnerBubble(text)))
