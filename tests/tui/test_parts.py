"""The UI's small pure parts: bubble text, the round log, charts."""

from __future__ import annotations

from datetime import date

from quizbot.grading.verdict import Verdict
from quizbot.tui.screens.stats import accuracy_text, bar_chart, per_day
from quizbot.tui.screens.summary import duration
from quizbot.tui.widgets.bubble import bubble_body, bubble_classes, option_lines
from quizbot.tutor.messages import BotMessage


def test_option_letters_go_on_past_z_as_in_plain_mode() -> None:
    lines = option_lines(tuple(f"o{i}" for i in range(28))).splitlines()
    assert lines[25:] == ["Z) o25", "AA) o26", "AB) o27"]


def test_bubble_text_and_classes() -> None:
    verdict = Verdict("partial", 0.5, "Two of three.", "partial_list", "a, b, c")
    message = BotMessage("verdict", "Two of three.", verdict=verdict)
    assert bubble_body(message) == "◐ Two of three."
    assert bubble_classes(message) == "bubble bot verdict partial"
    assert bubble_body(BotMessage("hint", "Near a billion.")) == "Hint: Near a billion."
    assert bubble_body(BotMessage("hint", "Hint: near.")) == "Hint: near."
    assert option_lines(("x", "y")) == "A) x\nB) y"


def test_duration() -> None:
    assert duration(0) == "0:00"
    assert duration(59.6) == "1:00"
    assert duration(3725) == "1:02:05"


def test_stats_helpers() -> None:
    stats = {
        "accuracy": 0.6667,
        "by_day": {"2023-11-13": {"answered": 4, "correct": 2}, "2023-11-14": {"answered": 2}},
    }
    assert accuracy_text(stats) == "67%"
    assert accuracy_text({}) == "–"
    rows = per_day(stats, date(2023, 11, 14), 3)
    assert rows == [
        (date(2023, 11, 12), 0, 0),
        (date(2023, 11, 13), 4, 2),
        (date(2023, 11, 14), 2, 0),
    ]
    chart = bar_chart(rows).splitlines()
    assert chart[1].count("█") == 15 and chart[1].count("░") == 15
    assert chart[2].count("█") == 0 and chart[2].count("░") == 15
