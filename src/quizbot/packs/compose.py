"""Building YAML nodes from libyaml's events without recursion.

``yaml.compose`` with libyaml recurses in C once per nesting level, so a file of
50,000 nested brackets overflows the C stack and kills the process. Composing the
event stream here with an explicit stack has no such limit and refuses absurd depth
with a clear message. The nodes are small (see ``nodes``), and the tags and aliases
are noted on the way, so that checking them needs no second walk over the nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import yaml
from yaml.composer import ComposerError
from yaml.resolver import Resolver

from quizbot.packs.nodes import STANDARD_TAGS, Document, Mapping, Scalar, Sequence

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 200  # a pack needs about 5 levels; anything deeper is a broken file

_RESOLVER = Resolver()
# PyYAML's resolver is untyped; it returns the tag for a node of this kind and value.
_resolve = cast(Callable[..., str], _RESOLVER.resolve)
# First characters of the plain scalars that may be something other than a string
# (numbers, booleans, null, dates...): only those go through the resolver's regexes.
_MAYBE_NOT_TEXT = frozenset(_RESOLVER.yaml_implicit_resolvers)
_STR = Resolver.DEFAULT_SCALAR_TAG

_Collection = yaml.SequenceNode | yaml.MappingNode


def compose(text: str) -> Document:
    """The single document of ``text`` as nodes with marks.

    Raises ``yaml.YAMLError`` (``MarkedYAMLError`` where the place is known), as
    ``yaml.compose`` does.
    """
    anchors: dict[str, yaml.Node] = {}
    foreign_tag: yaml.Node | None = None
    # Open collections, each with the children read so far.
    stack: list[tuple[Sequence | Mapping, list[yaml.Node]]] = []
    children: list[yaml.Node] = []  # of the innermost open collection
    root: yaml.Node | None = None
    has_aliases = False
    documents = 0
    loader = _Loader(text)
    try:
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            node: yaml.Node
            if kind is yaml.ScalarEvent:  # the commonest event first
                tag = event.tag
                value = event.value
                if tag is None and (not event.implicit[0] or value[:1] not in _MAYBE_NOT_TEXT):
                    tag = _STR  # quoted, or plain but not a number, boolean, null or date
                elif tag is None or tag == "!":
                    tag = _resolve_scalar(event)
                node = Scalar(tag, value, event.start_mark, event.style)
                if tag not in STANDARD_TAGS and foreign_tag is None:
                    foreign_tag = node
                if event.anchor is not None:
                    anchors[event.anchor] = node
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _error(f"the data nests more than {MAX_DEPTH} levels deep", event)
                collection: Sequence | Mapping
                if kind is yaml.MappingStartEvent:
                    collection = Mapping(
                        _collection_tag(event, yaml.MappingNode),
                        event.start_mark,
                        event.flow_style,
                    )
                else:
                    collection = Sequence(
                        _collection_tag(event, yaml.SequenceNode),
                        event.start_mark,
                        event.flow_style,
                    )
                if collection.tag not in STANDARD_TAGS and foreign_tag is None:
                    foreign_tag = collection
                if event.anchor is not None:  # registered now, so a loop can be found later
                    anchors[event.anchor] = collection
                stack.append((collection, children))
                children = []
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                collection, parent_children = stack.pop()
                if isinstance(collection, Mapping):
                    collection.value = list(zip(children[::2], children[1::2], strict=True))
                else:
                    collection.value = children
                children = parent_children
                node = collection
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    raise _error(f"found undefined alias {event.anchor!r}", event)
                node = anchors[event.anchor]
                has_aliases = True
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _error("a pack file holds one YAML document (remove the '---')", event)
                continue
            elif kind is yaml.StreamEndEvent:
                break
            else:  # stream start, document end
                continue
            if stack:
                children.append(node)
            else:
                root = node
    finally:
        loader.dispose()
    return Document(root, foreign_tag, has_aliases)


def _resolve_scalar(event: Any) -> str:
    return _resolve(yaml.ScalarNode, event.value, event.implicit)


def _collection_tag(event: Any, kind: type[_Collection]) -> str:
    tag = event.tag
    if tag is None or tag == "!":
        return _resolve(kind, None, event.implicit)
    return str(tag)


def _error(problem: str, event: Any) -> ComposerError:
    return ComposerError(None, None, problem, event.start_mark)
