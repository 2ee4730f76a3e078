"""Reading a pack file into YAML nodes safely: marks kept, no tags, no alias bombs."""

from __future__ import annotations

from pathlib import Path

import yaml

from quizbot.packs.compose import compose
from quizbot.packs.files import read_pack_bytes
from quizbot.packs.model import Place
from quizbot.packs.nodes import YAML, Document, Placed
from quizbot.packs.problems import Problem
from quizbot.packs.yamlerrors import read_syntax_error

MAX_FILE_BYTES = 32 * 1024 * 1024
# Anchors and aliases are allowed for small reuse (a shared list of options), but a
# document whose aliases expand far beyond what it holds is refused before any walk.
MAX_EXTRA_NODES_FROM_ALIASES = 20_000

__all__ = ["YAML", "place_of", "read_nodes"]  # YAML (the tag prefix) lives in compose now


def place_of(file: str, node: yaml.Node) -> Place:
    if isinstance(node, Placed):  # our own nodes: no mark object to make
        return Place(file, node.line + 1, node.column + 1)
    mark = node.start_mark
    return Place(file, mark.line + 1, mark.column + 1)


def _start(file: str) -> Place:
    return Place(file, 1, 1)


def read_nodes(path: Path, display: str | None = None) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose the file's YAML; on failure return no node and one problem."""
    file = display or str(path)
    data = read_pack_bytes(path, file, MAX_FILE_BYTES)
    if isinstance(data, Problem):
        return None, [data]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(Place(file, line, column), "not valid UTF-8 (save the file as UTF-8)")
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(_start(file), "the file is empty (a pack starts with 'pack: ID')")]
    try:
        document = compose(text)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        position = error.position
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        return None, [
            Problem(
                Place(file, line, column),
                f"character U+{ord(char):04X} is not allowed in YAML (remove it)",
            )
        ]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Place(file, mark.line + 1, mark.column + 1) if mark else _start(file)
        what = error.problem or error.context or "invalid YAML"
        reading = read_syntax_error(text, mark.line, mark.column, what) if mark else None
        if reading is not None:  # the author's words for libyaml's
            what = reading.message
            where = Place(file, reading.line + 1, reading.column + 1)
        elif mark and _starts_with_braces(text, mark.line):
            what += " (a value that starts with '{{' must be quoted: \"{{...}} ...\")"
        return None, [Problem(where, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return None, [Problem(_start(file), f"YAML error: {error}")]
    if document.root is None:
        return None, [Problem(_start(file), "the file is empty (a pack starts with 'pack: ID')")]
    problem = _check_shape(file, document)
    return (None, [problem]) if problem else (document.root, [])


def _starts_with_braces(text: str, line: int) -> bool:
    """Does the value on this line (0-based) start with ``{{``, the usual unquoted blank?"""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    _, colon, value = lines[line].partition(":")
    return bool(colon) and value.lstrip().startswith("{{")


def _check_shape(file: str, document: Document) -> Problem | None:
    """Refuse unknown tags, and alias expansion beyond the bound, without expanding."""
    node = document.foreign_tag
    if node is not None:
        if node.tag == YAML + "merge":
            return Problem(place_of(file, node), "merge keys '<<' are not supported")
        return Problem(
            place_of(file, node),
            f"tag {node.tag!r} is not allowed (packs hold plain data: remove the tag)",
        )
    if document.root is None or not document.has_aliases:
        return None
    return _check_expansion(file, document.root, _count_unique(document.root))


def _count_unique(root: yaml.Node) -> int:
    """How many distinct nodes the document holds (an alias is not a node of its own)."""
    seen: set[int] = set()
    # An explicit stack, not recursion: a hostile file may nest thousands deep.
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(_children(node))
    return len(seen)


def _check_expansion(file: str, root: yaml.Node, unique: int) -> Problem | None:
    """Count the nodes the aliases stand for (memoised, so never expanded) and find loops."""
    expanded: dict[int, int] = {}  # node id -> nodes it stands for, aliases expanded
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            on_path.discard(id(node))
            expanded[id(node)] = 1 + sum(expanded[id(c)] for c in _children(node))
            continue
        if id(node) in expanded:
            continue
        on_path.add(id(node))
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return Problem(place_of(file, child), "an alias refers to itself (remove the loop)")
            if id(child) not in expanded:
                stack.append((child, False))
    if expanded[id(root)] > unique + MAX_EXTRA_NODES_FROM_ALIASES:
        return Problem(
            _start(file),
            f"aliases expand to {expanded[id(root)]:,} nodes (limit: the file's own "
            f"{unique:,} + {MAX_EXTRA_NODES_FROM_ALIASES:,}); write the data out instead",
        )
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []
