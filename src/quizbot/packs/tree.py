"""A pack as a tree of values with places, made without YAML text.

The model builder (``packs.builder``) reads one small interface: mappings, lists and
scalars (``packs.nodes``), each knowing the line and column where it starts. The YAML
reader makes that tree from a file's events (``packs.compose``); the importers make it
here from plain Python data and the lines of their own files, so a problem in an
imported question points at the line of the source file it came from. Both go through
the same builder and its checks, with no YAML text in between and no conversion of
one tree into another (which would cost the loader time on big packs).
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from collections.abc import Sequence as SequenceABC
from typing import Any, NamedTuple

import yaml

from quizbot.packs.nodes import YAML, Mapping, Scalar, Sequence

STR, INT, FLOAT, BOOL, NULL = (YAML + t for t in ("str", "int", "float", "bool", "null"))


class At(NamedTuple):
    """A place as the nodes keep it: 0-based line and column, as in a YAML mark."""

    line: int
    column: int


def at(line: int, column: int = 1) -> At:
    """The place of a 1-based ``line`` and ``column`` (how files and editors count)."""
    return At(max(line, 1) - 1, max(column, 1) - 1)


def scalar(value: str | int | float | bool | None, where: At) -> Scalar:
    """One value, tagged as YAML would tag it (``70.40`` as text stays ``70.40``)."""
    if value is None:
        return Scalar(NULL, "", where, None)
    if isinstance(value, bool):  # before int: a bool is an int to Python
        return Scalar(BOOL, "true" if value else "false", where, None)
    if isinstance(value, int):
        return Scalar(INT, str(value), where, None)
    if isinstance(value, float):
        return Scalar(FLOAT, repr(value), where, None)
    return Scalar(STR, value, where, None)


def mapping(pairs: SequenceABC[tuple[str, yaml.Node]], where: At) -> Mapping:
    """A mapping of keys (placed where the mapping starts) to nodes, in this order."""
    node = Mapping(YAML + "map", where, False)
    node.value = [(scalar(key, where), value) for key, value in pairs]
    return node


def sequence(items: SequenceABC[yaml.Node], where: At) -> Sequence:
    node = Sequence(YAML + "seq", where, False)
    node.value = list(items)
    return node


def from_data(data: Any, where: At) -> yaml.Node:
    """Plain data (dicts, lists, texts, numbers, booleans, None) as a tree, all at ``where``.

    Nodes already made (with places of their own) are kept as they are, so a caller can
    place the parts it knows better: ``{"questions": [question_at_line_12, ...]}``.
    """
    if isinstance(data, yaml.Node):
        return data
    if isinstance(data, MappingABC):
        return mapping([(str(k), from_data(v, where)) for k, v in data.items()], where)
    if isinstance(data, (list, tuple)):
        return sequence([from_data(item, where) for item in data], where)
    if data is None or isinstance(data, (str, int, float)):
        return scalar(data, where)
    raise TypeError(f"no pack value is a {type(data).__name__}")
