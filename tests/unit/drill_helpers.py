"""A small pack and a started drill for the classroom tests (real grader, hand-moved clock)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tutor_fakes import Clock

from quizbot.classroom.drill import Drill, Mode, Settings
from quizbot.packs.model import Pack, Question, Reject, Source


def class_pack() -> Pack:
    return Pack(
        id="cls",
        title="Class",
        sources=(Source("atlas", "The Atlas", publisher="Maps Press"),),
        questions=(
            Question(
                "capital",
                "text",
                "Which city is the capital of Guangdong?",
                "Guangzhou",
                pack="cls",
                explanation="Canton is its old name.",
                source="atlas",
            ),
            Question("users", "number", "How many million users in 2008?", "298", pack="cls"),
            Question(
                "rivers",
                "list",
                "Name two of China's longest rivers.",
                "Yangtze, Yellow River",
                pack="cls",
                answers=(("Yangtze",), ("Yellow River", "Huang He")),
            ),
            Question(
                "province",
                "text",
                "Which province is Wuhan in?",
                "Hubei",
                pack="cls",
                reject=(Reject("Hebei"),),
            ),
            Question("city", "text", "Which city hosted the 2008 Olympics?", "Beijing", pack="cls"),
            Question("port", "text", "Which city is the biggest port?", "Shanghai", pack="cls"),
            Question("wall", "text", "What is the long wall called?", "Great Wall", pack="cls"),
        ),
    )


KEYS = tuple(f"cls/{q.id}" for q in class_pack().questions)


def start(
    players: Sequence[str] = ("Red", "Blue"),
    *,
    mode: Mode = "turns",
    seconds: float = 0,
    questions: Sequence[str] = KEYS,
    teams: dict[str, str] | None = None,
) -> tuple[Drill, Clock, list[dict[str, Any]]]:
    clock = Clock()
    events: list[dict[str, Any]] = []
    settings = Settings(
        players=tuple(players),
        questions=tuple(questions),
        mode=mode,
        seconds=seconds,
        teams=teams or {},
    )
    drill, _ = Drill.start(settings, [class_pack()], clock=clock, sink=events.append)
    return drill, clock, events


def points(drill: Drill) -> dict[str, float]:
    return {s.name: s.points for s in drill.standings()}
