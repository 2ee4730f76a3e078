"""Slash commands typed in the answer line: ``/hint``, ``/topic health-codes``."""

from __future__ import annotations

from quizbot.tutor.intents import COMMANDS as TUTOR_COMMANDS

__all__ = ["TUTOR_COMMANDS", "parse_slash"]


def parse_slash(line: str) -> tuple[str, str]:
    """``"/Topic  health-codes "`` -> ``("topic", "health-codes")``."""
    name, _, arg = line.strip().lstrip("/").partition(" ")
    return name.lower(), arg.strip()
