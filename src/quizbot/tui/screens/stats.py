"""The progress statistics: totals, accuracy, streak, what is due, answers per day,
mastery per topic, the week's forecast and the most missed questions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Sparkline, Static

from quizbot.tui.widgets.literal import literal

DAYS = 30  # the sparklines' window: a month, as `stats --json` gives it
BAR_DAYS = 7  # the bar chart: the last week, a line a day
BAR_WIDTH = 30
MASTERY_WIDTH = 20
TOPICS_SHOWN = 8
MISSED_SHOWN = 5


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


def mastery_chart(stats: Mapping[str, Any]) -> str:
    """One bar per topic: the share of its questions mastered."""
    found = stats.get("mastery") or {}
    topics: Mapping[str, Mapping[str, Any]] = found.get("by_topic") or {}
    if not topics:
        topics = found.get("by_pack") or {}
    rows = list(topics.items())[:TOPICS_SHOWN]
    if not rows:
        return ""
    width = min(28, max(len(name.split("/", 1)[-1]) for name, _ in rows))
    lines = []
    for name, entry in rows:
        share = min(1.0, max(0.0, float(entry.get("share") or 0.0)))
        solid = round(MASTERY_WIDTH * share)
        label = name.split("/", 1)[-1][:width]
        bar = "█" * solid + "░" * (MASTERY_WIDTH - solid)
        lines.append(
            f"{label:<{width}} {bar} {_int(entry.get('mastered'))}/{_int(entry.get('questions'))}"
        )
    return "\n".join(lines)


def forecast_line(stats: Mapping[str, Any]) -> str:
    """ "Due: today 3 · Thu 0 · Fri 5 ..." for the coming week."""
    days: Mapping[str, Any] = stats.get("forecast") or {}
    parts = []
    for n, (name, count) in enumerate(days.items()):
        try:
            label = "today" if n == 0 else f"{date.fromisoformat(name):%a}"
        except ValueError:
            continue
        parts.append(f"{label} {_int(count)}")
    return "Due: " + " · ".join(parts) if parts else ""


def missed_lines(stats: Mapping[str, Any]) -> str:
    missed = stats.get("most_missed") or []
    return "\n".join(
        f"{str(entry.get('question', '')).split('/', 1)[-1]}: missed {_int(entry.get('misses'))}"
        f" of {_int(entry.get('answers'))}"
        for entry in missed[:MISSED_SHOWN]
        if isinstance(entry, Mapping)
    )


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
        # Scrolls: a month of charts and the topics do not fit a 24-line terminal.
        with VerticalScroll(id="stats-dialog") as dialog:
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
            yield Label(f"Accuracy per day, last {DAYS} days", classes="stats-caption")
            yield Sparkline(
                [correct / answered if answered else 0.0 for _, answered, correct in rows],
                id="stats-accuracy",
            )
            yield Label(f"The last {BAR_DAYS} days", classes="stats-caption")
            yield Static(bar_chart(rows[-BAR_DAYS:]), id="stats-bars", markup=False)
            mastery = mastery_chart(stats)
            if mastery:
                overall = (stats.get("mastery") or {}).get("overall") or {}
                yield Label(
                    f"Mastered: {_int(overall.get('mastered'))} of"
                    f" {_int(overall.get('questions'))} questions",
                    classes="stats-caption",
                )
                # Topic names come from packs: shown as written, never as markup.
                yield Static(literal(mastery), id="stats-mastery", markup=False)
            forecast = forecast_line(stats)
            if forecast:
                yield Static(forecast, id="stats-forecast", markup=False)
            missed = missed_lines(stats)
            if missed:
                yield Label("Most missed", classes="stats-caption")
                yield Static(literal(missed), id="stats-missed", markup=False)
            yield Static(
                f"{_int(stats.get('correct'))} correct · {_int(stats.get('partial'))} partial · "
                f"{_int(stats.get('incorrect'))} wrong · {_int(stats.get('skipped'))} skipped · "
                f"{_int(stats.get('questions_seen'))} questions seen",
                classes="stats-help",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
