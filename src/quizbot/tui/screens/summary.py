"""The end-of-round summary: score, time, the questions missed and what comes next."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from quizbot.safetext import safe_line, safe_text
from quizbot.tui.widgets.literal import literal
from quizbot.tutor.messages import Missed, RoundReport

SYMBOLS = {"partial": "◐", "incorrect": "✗", "skipped": "»"}


def duration(seconds: float) -> str:
    """Seconds as ``m:ss`` (or ``h:mm:ss`` for a very long round)."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def score_line(report: RoundReport) -> str:
    """``7 of 10 correct · 7.5 points · 3:24``."""
    parts = []
    p = report.progress
    parts.append(f"{p.correct} of {p.total} correct")
    parts.append(f"{p.score:g} point{'s' if p.score != 1 else ''}")
    parts.append(f"time {duration(report.seconds)}")
    return " · ".join(parts)


def missed_text(missed: Missed) -> str:
    """One missed question with the right answer and what the learner said."""
    lines = [f"{SYMBOLS.get(missed.outcome, '✗')} {safe_text(missed.prompt)}"]
    if missed.expected:
        lines.append(f"   Answer: {safe_line(missed.expected)}")
    if missed.outcome == "skipped":
        lines.append("   (skipped)")
    elif missed.response:
        lines.append(f"   You said: {safe_line(missed.response)}")
    return "\n".join(lines)


class SummaryScreen(ModalScreen[str | None]):
    """Dismissed with ``"new"``, ``"review"`` or ``None`` (close)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "choose('new')", "New round", tooltip="Start another round"),
        Binding("r", "choose('review')", "Review missed", tooltip="Go over the misses again"),
        Binding("escape", "choose('')", "Close", tooltip="Back to the chat"),
    ]

    def __init__(self, report: RoundReport) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-dialog") as dialog:
            dialog.border_subtitle = "n new round · r review · Esc close"
            yield Label("Round over", id="summary-title")
            yield Static(score_line(self.report), id="summary-score", markup=False)
            with VerticalScroll(id="summary-missed"):
                if self.report.missed:
                    for missed in self.report.missed:
                        yield Static(literal(missed_text(missed)), markup=False, classes="missed")
                else:
                    yield Static("Nothing missed: every answer was right.", classes="missed")
            with Horizontal(id="summary-buttons"):
                yield Button("New round", id="new", variant="primary")
                yield Button("Review missed", id="review", disabled=not self.report.missed)
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose("" if event.button.id == "close" else event.button.id or "")

    def action_choose(self, choice: str) -> None:
        if choice == "review" and not self.report.missed:
            return
        self.dismiss(choice or None)
