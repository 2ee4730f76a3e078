"""``quizbot`` with the pack string check switched off, to test the fronts' own defence.

A hostile pack is refused by validation; this launcher loads it anyway, so the
tests can show that every front still prints its strings as text (defence in
depth). Run as ``python unchecked_quizbot.py COMMAND ARGS...``.
"""

from __future__ import annotations

import sys

import quizbot.packs.builder as builder
from quizbot.cli import main


def _allow_everything(text: str) -> None:
    return None


if __name__ == "__main__":
    # Fail loudly, not silently, if the check moves: the tests would prove nothing.
    assert hasattr(builder, "forbidden_character"), "the builder's character check moved"
    builder.forbidden_character = _allow_everything  # type: ignore[assignment]
    sys.exit(main())
