"""Who is learning? A list of the profiles, shown before the quiz when there are several
and `--profile` was not given. Enter picks one; Escape leaves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from quizbot.safetext import safe_line


class ProfilePicker(App[str | None]):
    """Returns the chosen profile's name, or None when the learner leaves."""

    CSS = """
    Screen { align: center middle; }
    #picker { width: 60; max-width: 100%; height: auto; border: thick $primary; padding: 0 1; }
    #picker-title { width: 1fr; content-align: center middle; text-style: bold; }
    #picker-help { color: $text-muted; }
    OptionList { height: auto; max-height: 16; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "Leave")]

    def __init__(self, profiles: Sequence[tuple[str, int]]) -> None:
        super().__init__()
        self.profiles = list(profiles)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label("Who is learning?", id="picker-title")
            yield OptionList(
                *[
                    # Names are checked ([A-Za-z0-9._-]); still shown as text, never markup.
                    Option(Content(f"{safe_line(name)}  ({answers:,} answers)"), id=name)
                    for name, answers in self.profiles
                ],
                id="picker-list",
            )
            yield Label("Enter: start · Esc: leave", id="picker-help")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.exit(event.option.id)

    def action_leave(self) -> None:
        self.exit(None)


def pick_profile(profiles: Sequence[tuple[str, int]]) -> str | None:
    """Run the picker on the terminal; the name chosen, or None."""
    return ProfilePicker(profiles).run()
