"""Helpers for the grading tests: build Question objects in a line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from quizbot.packs.model import Question, Reject, Tolerance


def q(
    type: str = "text",
    answer: str = "",
    *,
    prompt: str = "What is it?",
    accept: tuple[str, ...] = (),
    reject: tuple[Reject | str, ...] = (),
    id: str = "q",
    **more: Any,
) -> Question:
    """A question for a test; reject entries may be plain strings."""
    rejects = tuple(r if isinstance(r, Reject) else Reject(r) for r in reject)
    return Question(
        id=id,
        type=type,  # type: ignore[arg-type]
        prompt=prompt,
        answer=answer,
        accept=accept,
        reject=rejects,
        **more,
    )


def tol(value: str, relative: bool = False) -> Tolerance:
    return Tolerance(Decimal(value), relative)
