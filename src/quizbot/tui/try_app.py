"""``quizbot try`` in the terminal UI: the same session as the plain loop, in a window.

Everything shown is a ``rich.text.Text`` of escaped text (``safetext``): pack strings
and what the author types are never read as markup or control sequences.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Static

from quizbot.authoring.trying import TrySession
from quizbot.safetext import safe_line, safe_text

STYLES = {"correct": "bold green", "partial": "bold yellow", "incorrect": "bold red"}


class TryApp(App[int]):
    """Type answers to one question; see how each is marked; save the ones to keep."""

    TITLE = "quizbot try"
    CSS = """
    #lines { height: 1fr; padding: 0 1; }
    .said { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, session: TrySession) -> None:
        super().__init__()
        self.session = session
        self.sub_title = safe_line(f"{session.question_id} in {session.path.name}")

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="lines")
        yield Input(placeholder="Type an answer, or /accept, /reject, /test, /quit", id="said")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lines", VerticalScroll).anchor()
        self.show(self.session.intro())
        self.query_one("#said", Input).focus()

    def show(self, lines: list[str], *, said: bool = False) -> None:
        scroll = self.query_one("#lines", VerticalScroll)
        for line in lines:
            text = Text(safe_text(line))
            verdict = line.split(" ", 1)[0]
            if verdict in STYLES and not said:
                text.stylize(STYLES[verdict], 0, len(verdict))
            scroll.mount(Static(text, classes="said" if said else "shown"))

    @on(Input.Submitted, "#said")
    def submitted(self, event: Input.Submitted) -> None:
        line = event.value
        event.input.clear()
        self.show([f"> {line}"], said=True)
        self.show(self.session.handle(line))
        if self.session.finished:
            self.exit(0)

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)


def run_try_app(session: TrySession) -> int:
    result = TryApp(session).run()
    return result if isinstance(result, int) else 0
