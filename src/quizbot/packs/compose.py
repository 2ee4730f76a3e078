"""Building YAML nodes from libyaml's events without recursion.

``yaml.compose`` with libyaml recurses in C once per nesting level, so a file of
50,000 nested brackets overflows the C stack and kills the process. Composing the
event stream here with an explicit stack has no such limit, refuses absurd depth
with a clear message, and is faster than the C composer's Python node building.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

import yaml
from yaml.composer import ComposerError
from yaml.resolver import Resolver

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 200  # a pack needs about 5 levels; anything deeper is a broken file

_RESOLVER = Resolver()
# PyYAML's resolver is untyped; it returns the tag for a node of this kind and value.
_resolve = cast(Callable[..., str], _RESOLVER.resolve)
_Collection = yaml.SequenceNode | yaml.MappingNode


def compose(text: str) -> yaml.Node | None:
    """The single document of ``text`` as nodes with marks (None when it is empty).

    Raises ``yaml.YAMLError`` (``MarkedYAMLError`` where the place is known), as
    ``yaml.compose`` does.
    """
    anchors: dict[str, yaml.Node] = {}
    # Open collections, each with the children read so far.
    stack: list[tuple[_Collection, list[yaml.Node]]] = []
    root: yaml.Node | None = None
    documents = 0
    events: Iterator[yaml.Event] = yaml.parse(text, Loader=_Loader)
    for event in events:
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = _resolve(yaml.ScalarNode, event.value, event.implicit)
            start, end = _marks(event)
            node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
            if event.anchor is not None:
                anchors[event.anchor] = node
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _error(f"the data nests more than {MAX_DEPTH} levels deep", event)
            sequence = isinstance(event, yaml.SequenceStartEvent)
            kind: type[_Collection] = yaml.SequenceNode if sequence else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = _resolve(kind, None, event.implicit)
            start, _ = _marks(event)
            collection = kind(tag, [], start, None, flow_style=event.flow_style)
            if event.anchor is not None:  # registered now, so a loop can be found later
                anchors[event.anchor] = collection
            stack.append((collection, []))
            continue
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            collection, children = stack.pop()
            if isinstance(collection, yaml.MappingNode):
                collection.value = list(zip(children[::2], children[1::2], strict=True))
            else:
                collection.value = children
            collection.end_mark = event.end_mark
            node = collection
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _error(f"found undefined alias {event.anchor!r}", event)
            node = anchors[event.anchor]
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _error("a pack file holds one YAML document (remove the '---')", event)
            continue
        else:  # stream start and end, document end
            continue
        if stack:
            stack[-1][1].append(node)
        else:
            root = node
    return root


def _error(problem: str, event: Any) -> ComposerError:
    return ComposerError(None, None, problem, event.start_mark)


def _marks(event: Any) -> tuple[Any, Any]:
    """An event's start and end marks (libyaml's own Mark class, unknown to the stubs)."""
    return event.start_mark, event.end_mark
