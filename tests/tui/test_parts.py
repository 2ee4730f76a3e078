"""The UI's small pure parts: slash commands, bubble text, the round log, charts."""

from __future__ import annotations

from datetime import date

from quizbot.grading.verdict import Verdict
from quizbot.tui.roundlog import RoundLog
from quizbot.tui.screens.stats import accuracy_text, bar_chart, per_day
from quizbot.tui.screens.summary import duration, missed_text, score_line
from quizbot.tui.slash import parse_slash
from quizbot.tui.widgets.bubble import bubble_body, bubble_classes, option_lines
from quizbot.tutor.messages import BotMessage, RoundProgress


def test_parse_slash() -> None:
    assert parse_slash("/hint") == ("hint", "")
    assert parse_slash("  /Topic   health-codes  ") == ("topic", "health-codes")
    assert parse_slash("/") == ("", "")


def test_bubble_text_and_classes() -> None:
    verdict = Verdict("partial", 0.5, "Two of three.", "partial_list", "a, b, c")
    message = BotMessage("verdict", "Two of three.", verdict=verdict)
    assert bubble_body(message) == "◐ Two of three."
    assert bubble_classes(message) == "bubble bot verdict partial"
    assert bubble_body(BotMessage("hint", "Near a billion.")) == "Hint: Near a billion."
    assert bubble_body(BotMessage("hint", "Hint: near.")) == "Hint: near."
    assert option_lines(("x", "y")) == "A) x\nB) y"


def _question(asked: int, text: str) -> BotMessage:
    return BotMessage("question", text, progress=RoundProgress(asked, 3, 0, 0.0))


def test_round_log_collects_misses_and_time() -> None:
    log = RoundLog()
    assert log.message(_question(0, "Q1?"), now=100.0) is None
    log.learner("wrong")
    wrong = Verdict("incorrect", 0.0, "No.", "wrong", "Right1")
    log.message(BotMessage("verdict", "No.", verdict=wrong), now=110.0)
    log.message(_question(1, "Q2?\nAnswer with a letter."), now=111.0)
    skipped = BotMessage(
        "info",
        "Skipped. The answer is B) 4G.",
        progress=RoundProgress(2, 3, 0, 0.0),
        question_id="q2",
    )
    log.message(skipped, now=115.0)
    log.message(
        BotMessage("info", "This round: 0 right.", progress=RoundProgress(2, 3, 0, 0.0)), now=116.0
    )
    log.message(_question(2, "Q3?"), now=120.0)
    log.learner("yes")
    right = Verdict("correct", 1.0, "Yes.", "exact", "yes")
    log.message(BotMessage("verdict", "Yes.", verdict=right), now=130.0)
    summary = BotMessage("summary", "Done.", progress=RoundProgress(3, 3, 1, 1.0))
    report = log.message(summary, now=225.0)
    assert report is not None
    assert report.seconds == 125.0
    assert [(m.prompt, m.outcome, m.expected) for m in report.missed] == [
        ("Q1?", "incorrect", "Right1"),
        ("Q2?", "skipped", "B) 4G"),
    ]
    assert score_line(report) == "1 of 3 correct · 1 point · time 2:05"
    assert missed_text(report.missed[0]).splitlines()[1:] == [
        "   Answer: Right1",
        "   You said: wrong",
    ]
    # A new round starts afresh.
    log.message(_question(0, "Again?"), now=300.0)
    assert log.missed == [] and log.started_at == 300.0


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
