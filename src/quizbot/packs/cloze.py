"""Cloze markup in fact texts: ``{{answer|alias|alias}}`` marks a blank."""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
GAP = "_____"


@dataclass(frozen=True)
class Blank:
    """One blank of a fact: its accepted forms (first is the answer) and its span."""

    forms: tuple[str, ...]
    start: int
    end: int

    @property
    def answer(self) -> str:
        return self.forms[0]


def blanks(text: str) -> list[Blank]:
    """The blanks of a fact's text, in order."""
    found = []
    for match in BLANK.finditer(text):
        forms = tuple(f.strip() for f in match.group(1).split("|"))
        found.append(Blank(forms, match.start(), match.end()))
    return found


def plain_text(text: str) -> str:
    """The text with every blank replaced by its answer."""
    return with_gap(text, -1)


def with_gap(text: str, index: int) -> str:
    """The text with blank ``index`` (0-based) hidden and the others filled in."""
    pieces: list[str] = []
    last = 0
    for i, blank in enumerate(blanks(text)):
        pieces.append(text[last : blank.start])
        pieces.append(GAP if i == index else blank.answer)
        last = blank.end
    pieces.append(text[last:])
    return "".join(pieces)


def unbalanced_at(text: str) -> int | None:
    """Offset of the first ``{{`` or ``}}`` that has no partner, else None."""
    depth_open: int | None = None
    i = 0
    while i < len(text) - 1:
        pair = text[i : i + 2]
        if pair == "{{":
            if depth_open is not None:
                return depth_open
            depth_open = i
            i += 2
            continue
        if pair == "}}":
            if depth_open is None:
                return i
            depth_open = None
            i += 2
            continue
        i += 1
    return depth_open
