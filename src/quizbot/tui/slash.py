"""Slash commands typed in the answer line: ``/hint``, ``/topic health-codes``."""

from __future__ import annotations

# The tutor's commands a learner may type after a slash.
TUTOR_COMMANDS: tuple[str, ...] = (
    "hint",
    "skip",
    "repeat",
    "why",
    "score",
    "help",
    "quit",
    "new",
    "review",
    "topics",
    "topic",
    "pack",
)


def parse_slash(line: str) -> tuple[str, str]:
    """``"/Topic  health-codes "`` -> ``("topic", "health-codes")``."""
    name, _, arg = line.strip().lstrip("/").partition(" ")
    return name.lower(), arg.strip()
