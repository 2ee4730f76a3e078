"""The answer line: an Input that remembers what was sent and never loses a draft."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from quizbot.safetext import safe_line

MAX_HISTORY = 200  # lines recalled with up; older ones are dropped so an evening stays small


class AnswerInput(Input):
    """An Input with shell-like history on up and down.

        Like readline, every line keeps its own edits while the learner browses:
        the unsent draft at the bottom and any recalled line they changed are
        restored when they come back to it. Sending a recalled line brings the
    draft back.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history_previous", "Previous line", show=False),
        Binding("down", "history_next", "Next line", show=False),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.history: list[str] = []
        # Position while browsing: len(history) is the draft being written.
        self._position = 0
        self._edits: dict[int, str] = {}

    def remember(self, line: str) -> None:
        """Record a sent line, then show the unsent draft again (empty if it was sent)."""
        draft_position = len(self.history)
        # A recalled line was sent: the draft written before browsing stays the learner's.
        draft = self._edits.get(draft_position, "") if self._position < draft_position else ""
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
            del self.history[:-MAX_HISTORY]
        self._edits.clear()
        self._position = len(self.history)
        self.value = draft
        self.cursor_position = len(draft)

    def _entry(self, position: int) -> str:
        if position in self._edits:
            return self._edits[position]
        return self.history[position] if position < len(self.history) else ""

    def _move(self, position: int) -> None:
        if position == self._position:
            return
        if self.value != self._entry(self._position):
            self._edits[self._position] = self.value
        self._position = position
        self.value = self._entry(position)
        self.cursor_position = len(self.value)

    def replace(self, text: str, start: int, end: int) -> None:
        """Every insertion (keys, paste) lands here: a pasted escape sequence is kept
        as visible text, so it is never drawn raw, nor sent on as a control."""
        super().replace(safe_line(text), start, end)

    def action_history_previous(self) -> None:
        self._position = min(self._position, len(self.history))
        if self._position > 0:
            self._move(self._position - 1)

    def action_history_next(self) -> None:
        if self._position < len(self.history):
            self._move(self._position + 1)
