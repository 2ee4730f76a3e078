"""Progress in numbers: a summary of a profile's history for `quizbot stats`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizbot.progress.mastery import forecast, mastery, most_missed
from quizbot.progress.schedule import DEFAULT_SETTINGS, SchedulerSettings
from quizbot.progress.tallies import VERDICTS, Tally

if TYPE_CHECKING:
    from quizbot.progress.store import ProgressStore

DAYS_SHOWN = 30
TEXT_DAYS = 14  # the text report's bar chart: two weeks fit a terminal
FORECAST_DAYS = 7
EXAMS_SHOWN = 10
BAR_WIDTH = 20


def summarize(
    store: ProgressStore,
    now: float,
    catalog: Mapping[str, str] | None = None,
    settings: SchedulerSettings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """A JSON-ready summary of everything the profile has answered, as of `now`.

    Read from the store's running counts and per-question states, never from the
    history: fast at any size. Days are the learner's local dates (or the store's `tz`).
    ``catalog`` maps "pack/question" to its topic for every question the packs hold,
    so that mastery counts the questions not seen yet too.
    """
    tallies = store.tallies()
    answered = sum(tallies.total.values())
    today = datetime.fromtimestamp(now, store.tz).date()
    by_day = {}
    for back in range(DAYS_SHOWN - 1, -1, -1):
        day = (today - timedelta(days=back)).isoformat()
        tally = tallies.days.get(day, {})
        total, right = sum(tally.values()), tally.get("correct", 0)
        by_day[day] = {"answered": total, "correct": right, "accuracy": _ratio(right, total)}
    active = active_days(tallies.days)
    states = store.states()
    return {
        "profile": store.profile,
        "answered": answered,
        **{verdict: tallies.total.get(verdict, 0) for verdict in VERDICTS},
        "accuracy": _ratio(tallies.total.get("correct", 0), answered),
        "by_pack": _breakdown(tallies.packs),
        "by_topic": _breakdown(tallies.topics),
        "by_day": by_day,
        "streak_days": streak(active, today),
        "due_now": sum(1 for state in states.values() if state.due <= now),
        "questions_seen": len(states),
        "desired_retention": settings.desired_retention,
        "mastery": mastery(states, now, catalog, settings),
        "forecast": forecast(states, now, store.day, FORECAST_DAYS),
        "most_missed": most_missed(states),
        "exams": [exam.to_json() for exam in store.exams()[-EXAMS_SHOWN:]],
        "disputed": len(store.disputes()),
    }


def _breakdown(tallies: Mapping[str, Tally]) -> dict[str, dict[str, Any]]:
    result = {}
    for name, tally in sorted(tallies.items()):
        answered = sum(tally.values())
        right = tally.get("correct", 0)
        result[name] = {"answered": answered, "correct": right, "accuracy": _ratio(right, answered)}
    return result


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def active_days(days: Mapping[str, Tally]) -> set[date]:
    """The days with at least one answer."""
    active = set()
    for day_name, tally in days.items():
        if sum(tally.values()):
            try:
                active.add(date.fromisoformat(day_name))
            except ValueError:
                continue
    return active


def streak(active: set[date], today: date) -> int:
    """Days in a row with an answer, ending today (or yesterday: today is not over yet)."""
    day = today if today in active else today - timedelta(days=1)
    streak = 0
    while day in active:
        streak += 1
        day -= timedelta(days=1)
    return streak


def render_text(summary: Mapping[str, Any]) -> str:
    """A plain-text report with a small bar chart of the last days."""
    answered = int(summary.get("answered", 0))
    lines = [f"Progress of profile {summary.get('profile', 'default')}"]
    if answered == 0:
        lines.append("No answers recorded yet.")
        return "\n".join(lines) + "\n"
    parts = ", ".join(f"{summary.get(v, 0)} {v}" for v in VERDICTS)
    lines.append(f"Answered {answered}: {parts}")
    lines.append(f"Accuracy {float(summary.get('accuracy', 0.0)):.0%}")
    streak = int(summary.get("streak_days", 0))
    lines.append(
        f"Questions seen {summary.get('questions_seen', 0)}, due now {summary.get('due_now', 0)},"
        f" streak {streak} day{'s' if streak != 1 else ''}"
    )
    by_day: Mapping[str, Mapping[str, int]] = dict(
        list(summary.get("by_day", {}).items())[-TEXT_DAYS:]
    )
    if by_day:
        lines += ["", "Last days (# correct, - other answers)"]
        most = max((d["answered"] for d in by_day.values()), default=0) or 1
        for day, tally in by_day.items():
            total, right = tally["answered"], tally["correct"]
            # Scale to BAR_WIDTH, but never hide a day that had an answer.
            width = max(1, round(total * BAR_WIDTH / most)) if total else 0
            hashes = round(width * right / total) if total else 0
            bar = "#" * hashes + "-" * (width - hashes)
            lines.append(f"{day}  {bar:<{BAR_WIDTH}}  {total:>4} ({right} correct)")
    by_pack: Mapping[str, Mapping[str, Any]] = summary.get("by_pack", {})
    if by_pack:
        lines += ["", "By pack"]
        name_width = max(len(name) for name in by_pack)
        for name, tally in by_pack.items():
            lines.append(
                f"{name:<{name_width}}  {tally['answered']:>5} answered,"
                f" {float(tally['accuracy']):.0%} correct"
            )
    lines += _render_learning(summary)
    return "\n".join(lines) + "\n"


def _render_learning(summary: Mapping[str, Any]) -> list[str]:
    """Mastery per topic, the week's forecast and the most missed questions."""
    lines: list[str] = []
    found = summary.get("mastery") or {}
    overall = found.get("overall") or {}
    if overall.get("questions"):
        retention = float(summary.get("desired_retention", 0.9))
        lines += [
            "",
            f"Mastered (recall chance at least {retention:.0%}):"
            f" {overall['mastered']} of {overall['questions']} questions"
            f" ({float(overall['share']):.0%})",
        ]
        topics: Mapping[str, Mapping[str, Any]] = found.get("by_topic") or {}
        width = max((len(name) for name in topics), default=0)
        for name, entry in topics.items():
            lines.append(
                f"  {name:<{width}}  {entry['mastered']:>4} of {entry['questions']:<4}"
                f" {float(entry['share']):.0%}"
            )
    days: Mapping[str, int] = summary.get("forecast") or {}
    if days:
        lines += ["", "Due in the next days"]
        lines += [f"  {day}  {count:>4}" for day, count in days.items()]
    missed: list[Mapping[str, Any]] = summary.get("most_missed") or []
    if missed:
        lines += ["", "Most missed"]
        lines += [
            f"  {entry['question']}  {entry['misses']} missed of {entry['answers']}"
            for entry in missed
        ]
    return lines
