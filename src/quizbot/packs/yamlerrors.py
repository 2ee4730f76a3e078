"""YAML's syntax errors in an author's words: what is wrong on the line, and the fix.

libyaml describes its parser's state ("did not find expected '-' indicator"); an
author needs to hear "this line is indented differently from the lines above".
Each reading looks at the text around the error, so it can name the column that
would line up. Errors not recognised keep YAML's own description.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    """Our description of a syntax error and where it is (0-based line and column)."""

    message: str
    line: int
    column: int


def read_syntax_error(text: str, line: int, column: int, problem: str) -> Reading | None:
    """A human reading of YAML's ``problem`` at ``line``/``column`` (0-based), if we know one."""
    lines = text.splitlines()
    tab = _tab_in_indentation(lines, line)
    if tab is not None:
        return Reading(
            "this line is indented with a tab; YAML allows only spaces for indentation "
            "(replace the tab with spaces)",
            tab,
            lines[tab].index("\t"),
        )
    if not 0 <= line < len(lines):
        return None
    here = lines[line]
    indent = len(here) - len(here.lstrip(" "))
    if (
        "expected '-' indicator" in problem
        or "expected <block end>" in problem
        or ("mapping values are not allowed" in problem and _deeper_than_above(lines, line))
    ):
        return Reading(_indentation(lines, line, indent), line, indent)
    if "mapping values are not allowed" in problem:
        return Reading(
            "a ': ' inside a value makes YAML read a second key on this line "
            '(put the whole value in quotes: "...")',
            line,
            column,
        )
    if "cannot start any token" in problem and 0 <= column < len(here):
        char = here[column]
        return Reading(
            f'a value cannot start with {char!r} in YAML (put the whole value in quotes: "...")',
            line,
            column,
        )
    return None


def _tab_in_indentation(lines: list[str], line: int) -> int | None:
    """The line (this one or the one before) whose indentation holds a tab, if any."""
    for candidate in (line, line - 1):
        if 0 <= candidate < len(lines):
            text = lines[candidate]
            if "\t" in text[: len(text) - len(text.lstrip(" \t"))]:
                return candidate
    return None


def _above(lines: list[str], line: int) -> list[tuple[int, str]]:
    """The lines above, nearest first, that hold content (not blank, not a comment)."""
    return [
        (n, lines[n])
        for n in range(line - 1, -1, -1)
        if lines[n].strip() and not lines[n].lstrip().startswith("#")
    ]


def _deeper_than_above(lines: list[str], line: int) -> bool:
    above = _above(lines, line)
    if not above:
        return False
    _, text = above[0]
    here = lines[line]
    deeper = len(here) - len(here.lstrip(" ")) > len(text) - len(text.lstrip(" "))
    return deeper and not text.rstrip().endswith(":")


def _indentation(lines: list[str], line: int, indent: int) -> str:
    """Which column would line this line up: a '- ' above for a list item, else a key."""
    dashes: dict[int, int] = {}  # column (0-based) -> the nearest line above with '- ' there
    keys: dict[int, int] = {}  # column -> the nearest line above with a key there
    for n, text in _above(lines, line):
        start = len(text) - len(text.lstrip(" "))
        if text.lstrip(" ").startswith("- "):
            dashes.setdefault(start, n)
            keys.setdefault(start + 2, n)  # the first key of a list item
        else:
            keys.setdefault(start, n)
    is_item = lines[line].lstrip(" ").startswith("- ")
    columns = (dashes if is_item else keys) or keys or dashes
    # On a tie, an item goes with the outer list, a key inside the item above.
    nearest = min(columns, key=lambda c: (abs(c - indent), c if is_item else -c), default=None)
    rule = "keys of one item, and the '- ' of one list, start in the same column"
    if nearest is None or nearest == indent:
        return f"wrong indentation at column {indent + 1} ({rule})"
    return (
        f"wrong indentation at column {indent + 1} (did you mean column {nearest + 1}, "
        f"like line {columns[nearest] + 1}? {rule})"
    )
