"""What the per-question states say: mastery, the coming days' reviews, the worst misses.

All of it reads the states the store keeps in its snapshot (one per question), never
the history, so it costs the same after a week or after years.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from quizbot.progress.schedule import (
    DEFAULT_SETTINGS,
    REVIEW,
    QuestionState,
    SchedulerSettings,
    retrievability,
)

MOST_MISSED = 10


def mastery(
    states: Mapping[str, QuestionState],
    now: float,
    catalog: Mapping[str, str] | None = None,
    settings: SchedulerSettings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """Overall, per pack and per "pack/topic": the share of questions (seen or not) that are
    mastered: recall chance now at least the desired retention (see ``is_mastered``).

    ``catalog`` maps "pack/question" to its topic for every question of the packs in use;
    without it only the questions seen count. A question never seen is not mastered.
    """
    topics: dict[str, str] = dict(catalog or {})
    for key, seen in states.items():
        topics.setdefault(key, seen.topic)
    groups: dict[str, dict[str, list[int]]] = {"overall": {}, "by_pack": {}, "by_topic": {}}
    for key, topic in topics.items():
        state = states.get(key)
        known = state is not None and is_mastered(state, now, settings)
        pack = key.split("/", 1)[0]
        names = [("overall", "all"), ("by_pack", pack)]
        if topic:
            names.append(("by_topic", f"{pack}/{topic}"))
        for group, name in names:
            counts = groups[group].setdefault(name, [0, 0, 0])  # questions, seen, mastered
            counts[0] += 1
            counts[1] += state is not None
            counts[2] += known
    result: dict[str, Any] = {
        group: {name: _entry(counts) for name, counts in sorted(found.items())}
        for group, found in groups.items()
        if group != "overall"
    }
    result["overall"] = _entry(groups["overall"].get("all", [0, 0, 0]))
    return result


def is_mastered(
    state: QuestionState, now: float, settings: SchedulerSettings = DEFAULT_SETTINGS
) -> bool:
    """In review (not relearning a miss) with a recall chance at least the desired retention.

    FSRS puts the recall chance of any question just answered at 100%, a miss included;
    a question still in its (re)learning step is not known yet, whatever that number says.
    """
    if state.phase != REVIEW:
        return False
    return retrievability(state, now, settings) >= settings.desired_retention


def _entry(counts: list[int]) -> dict[str, Any]:
    questions, seen, mastered = counts
    share = round(mastered / questions, 4) if questions else 0.0
    return {"questions": questions, "seen": seen, "mastered": mastered, "share": share}


def forecast(
    states: Mapping[str, QuestionState], now: float, day_of: Callable[[float], str], days: int
) -> dict[str, int]:
    """Questions due on each of the next ``days`` local days; today holds the overdue too."""
    today = date.fromisoformat(day_of(now))
    names = [(today + timedelta(days=n)).isoformat() for n in range(days)]
    counts = dict.fromkeys(names, 0)
    for state in states.values():
        name = names[0] if state.due <= now else day_of(state.due)
        if name in counts:
            counts[name] += 1
    return counts


def most_missed(
    states: Mapping[str, QuestionState], limit: int = MOST_MISSED
) -> list[dict[str, Any]]:
    """The questions missed most often (ties: more answers first, then by name)."""
    missed = [(key, s) for key, s in states.items() if s.misses]
    missed.sort(key=lambda item: (-item[1].misses, -item[1].reps, item[0]))
    return [
        {"question": key, "misses": s.misses, "answers": s.reps, "topic": s.topic}
        for key, s in missed[:limit]
    ]
