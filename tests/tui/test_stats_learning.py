"""The stats screen's learning charts: mastery per topic, the week ahead, the worst misses."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import App
from textual.widgets import Sparkline, Static

from quizbot.tui.screens.stats import (
    DAYS,
    StatsScreen,
    forecast_line,
    mastery_chart,
    missed_lines,
)

STATS: dict[str, Any] = {
    "answered": 9,
    "correct": 6,
    "accuracy": 0.6667,
    "by_day": {
        "2026-11-30": {"answered": 4, "correct": 2},
        "2026-12-01": {"answered": 5, "correct": 4},
    },
    "mastery": {
        "overall": {"questions": 30, "seen": 9, "mastered": 4, "share": 0.1333},
        "by_topic": {
            "pack/health-codes": {"questions": 10, "seen": 5, "mastered": 4, "share": 0.4},
            "pack/[b]markup[/b]": {"questions": 20, "seen": 4, "mastered": 0, "share": 0.0},
        },
    },
    "forecast": {"2026-12-01": 3, "2026-12-02": 0, "2026-12-03": 5},
    "most_missed": [{"question": "pack/q7", "misses": 3, "answers": 4, "topic": "t"}],
}


def test_text_charts() -> None:
    chart = mastery_chart(STATS).splitlines()
    assert chart[0].startswith("health-codes") and chart[0].endswith("4/10")
    assert chart[0].count("█") == 8  # 40% of 20 columns
    assert "[b]markup[/b]" in chart[1]  # a pack's name, shown as written
    assert forecast_line(STATS) == "Due: today 3 · Wed 0 · Thu 5"
    assert missed_lines(STATS) == "q7: missed 3 of 4"
    assert mastery_chart({}) == "" and forecast_line({}) == "" and missed_lines({}) == ""


async def test_the_screen_shows_a_month_and_the_learning_charts() -> None:
    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(StatsScreen(STATS, date(2026, 12, 1)))

    app = Host()
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        screen = app.screen
        answers = screen.query_one("#stats-sparkline", Sparkline)
        assert len(list(answers.data or [])) == DAYS == 30
        accuracy = list(screen.query_one("#stats-accuracy", Sparkline).data or [])
        assert accuracy[-2:] == [0.5, 0.8]
        mastery = str(screen.query_one("#stats-mastery", Static).render())
        assert "health-codes" in mastery and "[b]markup[/b]" in mastery
        assert "today 3" in str(screen.query_one("#stats-forecast", Static).render())
        assert "q7" in str(screen.query_one("#stats-missed", Static).render())
        captions = [str(s.render()) for s in screen.query(".stats-caption")]
        assert "Answers per day, last 30 days" in captions  # no longer "14" over a week
