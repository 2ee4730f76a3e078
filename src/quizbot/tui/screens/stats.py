"""The progress statistics: totals, accuracy, streak, what is due and answers per day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Sparkline, Static

from quizbot.tui.widgets.literal import literal

DAYS = 14  # the sparkline's window: two weeks fit in a narrow terminal
BAR_DAYS = 7
BAR_WIDTH = 30


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def accuracy_text(stats: Mapping[str, Any]) -> str:
    """Accuracy as a percentage; the store may give a fraction or a percentage."""
    value = stats.get("accuracy")
    if not isinstance(value, (int, float)):
        return "–"
    percent = value * 100 if value <= 1 else value
    return f"{percent:.0f}%"


def per_day(stats: Mapping[str, Any], today: date, days: int) -> list[tuple[date, int, int]]:
    """(day, answered, correct) for each of the last ``days`` days, oldest first."""
    by_day = stats.get("by_day") or {}
    rows = []
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        entry = by_day.get(day.isoformat()) or by_day.get(day) or {}
        rows.append((day, _int(entry.get("answered")), _int(entry.get("correct"))))
    return rows


def bar_chart(rows: list[tuple[date, int, int]]) -> str:
    """A small text bar chart: correct answers solid, the others shaded."""
    top = max((answered for _, answered, _ in rows), default=0) or 1
    lines = []
    for day, answered, correct in rows:
        solid = round(BAR_WIDTH * min(correct, answered) / top)
        shaded = round(BAR_WIDTH * answered / top) - solid
        bar = "█" * solid + "░" * shaded
        lines.append(f"{day:%a %d %b}  {bar:<{BAR_WIDTH}} {answered:>3} ({correct} ✓)")
    return "\n".join(lines)


class StatsScreen(ModalScreen[None]):
    """Progress at a glance; Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,ctrl+g", "close", "Close", tooltip="Back to the chat"),
    ]

    def __init__(self, stats: Mapping[str, Any] | None, today: date, note: str = "") -> None:
        super().__init__()
        self.stats = stats
        self.today = today
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="stats-dialog") as dialog:
            dialog.border_subtitle = "Esc close"
            yield Label("Your progress", id="stats-title")
            if self.stats is None:
                # The note may quote an error holding a path: shown as written.
                note = self.note or "No progress is kept in this session."
                yield Static(literal(note), markup=False)
                yield Static("Press Escape to go back.", classes="stats-help")
                return
            stats = self.stats
            with Grid(id="stats-numbers"):
                for value, label in (
                    (str(_int(stats.get("answered"))), "answered"),
                    (accuracy_text(stats), "accuracy"),
                    (f"{_int(stats.get('streak_days'))} d", "streak"),
                    (str(_int(stats.get("due_now"))), "due now"),
                ):
                    with Vertical(classes="stat"):
                        yield Static(value, classes="stat-value")
                        yield Static(label, classes="stat-label")
            rows = per_day(stats, self.today, DAYS)
            yield Label(f"Answers per day, last {DAYS} days", classes="stats-caption")
            yield Sparkline([answered for _, answered, _ in rows], id="stats-sparkline")
            yield Static(bar_chart(rows[-BAR_DAYS:]), id="stats-bars", markup=False)
            yield Static(
                f"{_int(stats.get('correct'))} correct · {_int(stats.get('partial'))} partial · "
                f"{_int(stats.get('incorrect'))} wrong · {_int(stats.get('skipped'))} skipped · "
                f"{_int(stats.get('questions_seen'))} questions seen",
                classes="stats-help",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
