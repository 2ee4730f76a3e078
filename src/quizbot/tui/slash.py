"""Slash lines typed in the answer line: ``/stats``, ``/topic health-codes``."""

from __future__ import annotations


def parse_slash(line: str) -> tuple[str, str]:
    """``"/Topic  health-codes "`` -> ``("topic", "health-codes")``."""
    name, _, arg = line.strip().lstrip("/").partition(" ")
    return name.lower(), arg.strip()
