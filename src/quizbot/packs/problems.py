"""A problem found in a pack: one line a person can act on, with its place."""

from __future__ import annotations

from dataclasses import dataclass

from quizbot.packs.model import Place


@dataclass(frozen=True, order=True)
class Problem:
    """``FILE:LINE:COLUMN: message`` — what is wrong, and the fix where we know it."""

    place: Place
    message: str

    def __str__(self) -> str:
        # One line, always: scripts read problems line by line.
        return f"{self.place}: {' '.join(self.message.split())}"


class PackError(Exception):
    """A pack that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
