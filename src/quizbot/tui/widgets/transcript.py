"""The chat transcript: a scrolling column of bubbles that stays at the newest one.

The number of widgets stays bounded for a whole evening: once there are more than
``MAX_ROWS`` bubbles, the oldest ``FOLD`` become plain lines of one text block at the
top ("earlier"), which keeps its last ``MAX_EARLIER_LINES`` lines. Each update then
lays out about the same number of widgets, however long the session. Folding also
frees the removed widgets' rendered lines, which Textual would keep (see
``removed_styles``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.await_remove import AwaitRemove
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import AwaitMount
from textual.widgets import Static

from quizbot.tui.widgets.bubble import (
    BotBubble,
    BubbleRow,
    LearnerBubble,
    bubble_body,
    option_lines,
)
from quizbot.tui.widgets.removed_styles import forget_removed_styles
from quizbot.tutor.messages import BotMessage

MAX_ROWS = 60  # bubbles kept as widgets: a round or so (about 4 a question)
FOLD = 20  # folded at once, so the layout changes once every FOLD bubbles, not every time
MAX_EARLIER_LINES = 80  # a long text block costs layout time on every update


# What the transcript holds below the earlier-messages block: the tutor's bubbles
# (straight in the column) and the learner's (in a row, to sit on the right).
Entry = BotBubble | BubbleRow


def row_lines(row: Entry) -> list[str]:
    """A bubble as plain lines for the earlier-messages block."""
    bubble = row.bubble if isinstance(row, BubbleRow) else row
    if isinstance(bubble, LearnerBubble):
        return [f"  you › {bubble.text}"]
    message = bubble.message
    lines = bubble_body(message).splitlines()
    if message.options:
        lines += [f"  {line}" for line in option_lines(message.options).splitlines()]
    if message.source:
        lines.append(f"Source: {message.source}")
    return lines


class Transcript(VerticalScroll, can_focus=False):
    """Bot and learner bubbles, newest at the bottom; the oldest as plain text above them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._earlier: list[str] = []

    def compose(self) -> ComposeResult:
        earlier = Static("", id="earlier", classes="earlier", markup=False)
        earlier.display = False
        yield earlier

    def on_mount(self) -> None:
        # Anchored: new bubbles keep the view at the bottom until the learner scrolls up.
        self.anchor()

    # Both return at once with the bubbles already in place (so order is kept);
    # await the result to wait until they are mounted.
    def add_bot(self, messages: list[BotMessage]) -> AwaitMount:
        """Append the tutor's messages, in order."""
        mounted = self.mount_all([BotBubble(m) for m in messages])
        self._fold()
        return mounted

    def add_learner(self, text: str) -> AwaitMount:
        """Append a line the learner sent."""
        mounted = self.mount(BubbleRow(LearnerBubble(text)))
        self._fold()
        return mounted

    @property
    def rows(self) -> list[Entry]:
        """The bubbles kept as widgets, oldest first."""
        return [child for child in self.children if isinstance(child, (BotBubble, BubbleRow))]

    def _fold(self) -> None:
        rows = self.rows
        if len(rows) <= MAX_ROWS:
            return
        old = rows[:FOLD]
        for row in old:
            self._earlier += row_lines(row)
        self._earlier = self._earlier[-MAX_EARLIER_LINES:]
        earlier = self.query_one("#earlier", Static)
        # Content, not markup: pack text and learner lines may contain [brackets].
        earlier.update(Content("\n".join(self._earlier)))
        earlier.display = True
        self.call_later(self._forget_once_removed, self.remove_children(old))

    async def _forget_once_removed(self, removal: AwaitRemove) -> None:
        """Free the folded bubbles' rendered lines once they are out of the DOM."""
        await removal
        # This frees too the other widgets removed since the last fold: rebuilt Footer
        # keys, closed summary screens, notifications.
        forget_removed_styles()
