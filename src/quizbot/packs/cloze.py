"""Cloze markup in fact texts: ``{{answer|alias|alias}}`` marks a blank.

A blank may carry a name, ``{{#users: 342 million|342m}}``: its question's id is then
``FACT#users`` instead of ``FACT#N`` (N, its place among the fact's blanks, shifts when
a blank is inserted before it). A name starts with a letter, so no existing blank
(``{{#1}}``, ``{{C#}}``) changes meaning.

Everything here is one pass over the text: a fact may hold thousands of blanks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

BLANK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
BRACES = re.compile(r"\{\{|\}\}")
GAP = "_____"
# "#name: " at the start of a blank; the answer follows.
NAMED = re.compile(r"#([A-Za-z][A-Za-z0-9_.\-]*):\s+")


@dataclass(frozen=True)
class Blank:
    """One blank of a fact: its accepted forms (first is the answer) and its span."""

    forms: tuple[str, ...]
    start: int
    end: int
    name: str | None = None  # from {{#name: ...}}; the question id is FACT#name

    @property
    def answer(self) -> str:
        return self.forms[0]


def blanks(text: str) -> list[Blank]:
    """The blanks of a fact's text, in order."""
    found = []
    for match in BLANK.finditer(text):
        inside = match.group(1)
        named = NAMED.match(inside) if inside.startswith("#") else None
        if named is not None:
            inside = inside[named.end() :]
        forms = tuple(f.strip() for f in inside.split("|"))
        found.append(Blank(forms, match.start(), match.end(), named and named.group(1)))
    return found


def blank_id(fact_id: str, blank: Blank, index: int) -> str:
    """The id of the question a blank makes: ``FACT#name``, else ``FACT#N`` (N from 1)."""
    return f"{fact_id}#{blank.name or index + 1}"


def filled_in(text: str, found: Sequence[Blank]) -> tuple[str, list[tuple[int, int]]]:
    """The text with every blank replaced by its answer, and where each answer stands.

    ``found`` is ``blanks(text)``. A cloze prompt is this text with one answer's
    span replaced by the gap (see ``model.Gap``).
    """
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    last = 0
    length = 0
    for blank in found:
        before = text[last : blank.start]
        pieces.append(before)
        pieces.append(blank.answer)
        start = length + len(before)
        length = start + len(blank.answer)
        spans.append((start, length))
        last = blank.end
    pieces.append(text[last:])
    return "".join(pieces), spans


def plain_text(text: str) -> str:
    """The text with every blank replaced by its answer."""
    return filled_in(text, blanks(text))[0]


def with_gap(text: str, index: int) -> str:
    """The text with blank ``index`` (0-based) hidden and the others filled in."""
    filled, spans = filled_in(text, blanks(text))
    if not 0 <= index < len(spans):
        return filled
    start, end = spans[index]
    return f"{filled[:start]}{GAP}{filled[end:]}"


def unbalanced_at(text: str) -> int | None:
    """Offset of the first ``{{`` or ``}}`` that has no partner, else None."""
    # Pairs are read left to right without overlap, so "{{{" is "{{" then "{".
    open_at: int | None = None
    for match in BRACES.finditer(text):
        if match.group() == "{{":
            if open_at is not None:
                return open_at
            open_at = match.start()
        elif open_at is None:
            return match.start()
        else:
            open_at = None
    return open_at
