"""Hints as data: the author's text, options ruled out, or the answer's shape.

The conversation words them; a classroom might show them differently."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quizbot.packs.model import Question


@dataclass(frozen=True)
class AuthorHint:
    """The hint the pack's author wrote."""

    text: str


@dataclass(frozen=True)
class RuledOut:
    """Wrong options struck out, by their position as shown (0-based)."""

    positions: tuple[int, ...]


@dataclass(frozen=True)
class MaskedAnswer:
    """The answer (or one list item) with every letter but each word's first hidden."""

    pattern: str  # "3__ m______"
    items: int = 1  # how many items a list question wants in all (1: not a list)


Hint = AuthorHint | RuledOut | MaskedAnswer


def mask(text: str) -> str:
    """Keep each word's first character and its length: ``342 million`` -> ``3__ m______``."""
    return " ".join(word[:1] + re.sub(r"\w", "_", word[1:]) for word in text.split())


def can_hint(question: Question, shown: Sequence[int]) -> bool:
    """Whether the question has a hint, its author's or one made from the answer."""
    if question.hint:
        return True
    if question.type == "truefalse":
        return False
    if question.type == "choice":
        return sum(1 for i in shown if question.options[i] != question.answer) >= 2
    return bool(question.answers if question.type == "list" else question.answer.strip())


def make_hint(question: Question, shown: Sequence[int], rng: random.Random) -> Hint | None:
    """The author's hint, else a clue made from the answer itself; None when there is none."""
    if question.hint:
        return AuthorHint(question.hint)
    if question.type == "truefalse":
        return None
    if question.type == "choice":
        wrong = [i for i, index in enumerate(shown) if question.options[index] != question.answer]
        if len(wrong) < 2:
            return None
        return RuledOut(tuple(sorted(rng.sample(wrong, len(wrong) // 2))))
    if question.type == "list" and question.answers:
        return MaskedAnswer(mask(question.answers[0][0]), items=len(question.answers))
    answer = question.answer.strip()
    return MaskedAnswer(mask(answer)) if answer else None
