"""The YAML nodes a pack file is composed into: small, and each knows where it starts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

YAML = "tag:yaml.org,2002:"
STANDARD_TAGS = frozenset(
    YAML + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


# PyYAML's node classes keep their fields in a per-node dict, and ``yaml.compose``
# keeps libyaml's start and end mark objects with each node. A pack of 100,000
# questions has millions of nodes, so ours keep their fields in slots and, of the
# marks, only the line and column where they start (for the place of a problem).
# They are still PyYAML nodes to everything that reads them.
class Placed:
    """A node's place: where it starts in its file."""

    __slots__ = ("column", "line")
    line: int  # 0-based, as in a mark
    column: int

    @property
    def start_mark(self) -> yaml.Mark:
        """A PyYAML mark, made when asked for (``place_of`` reads line and column)."""
        return yaml.Mark("", 0, self.line, self.column, None, 0)

    @start_mark.setter
    def start_mark(self, mark: yaml.Mark) -> None:
        self.line, self.column = mark.line, mark.column


class Scalar(Placed, yaml.ScalarNode):
    """A text, number, boolean, date or null, as written, with its resolved tag."""

    __slots__ = ("style", "tag", "value")

    def __init__(self, tag: str, value: str, mark: Any, style: str | None) -> None:
        self.line, self.column = mark.line, mark.column
        self.tag = tag
        self.value = value
        self.style = style


class Sequence(Placed, yaml.SequenceNode):
    """A list: ``value`` holds its items."""

    __slots__ = ("flow_style", "tag", "value")

    def __init__(self, tag: str, mark: Any, flow_style: bool | None) -> None:
        self.line, self.column = mark.line, mark.column
        self.tag = tag
        self.value: list[yaml.Node] = []
        self.flow_style = flow_style


class Mapping(Placed, yaml.MappingNode):
    """A mapping: ``value`` holds its (key, value) pairs in the file's order."""

    __slots__ = ("flow_style", "tag", "value")

    def __init__(self, tag: str, mark: Any, flow_style: bool | None) -> None:
        self.line, self.column = mark.line, mark.column
        self.tag = tag
        self.value: list[tuple[yaml.Node, yaml.Node]] = []
        self.flow_style = flow_style


@dataclass
class Document:
    """A composed document: its root node (None when empty) and what the checks need."""

    root: yaml.Node | None
    foreign_tag: yaml.Node | None  # the first node whose tag is not plain data
    has_aliases: bool  # some node is reached twice: its expansion must be bounded
