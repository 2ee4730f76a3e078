"""Pack model (or plain data) to YAML text that a person can read and edit.

Used for files quizbot writes from scratch (``import``, ``draft``): keys in a readable
order, block style, a scalar quoted only where YAML would read it otherwise, and
optional comments above the pack and above any fact or question. It is not for
editing an author's own file: that would lose their comments and layout.

Whatever it writes loads back (``packs.loader``) to the same pack: the round trip is
tested with hypothesis on generated packs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import yaml

from quizbot.packs.model import Fact, GradingTests, Pack, Question, Reject, Source, Topic
from quizbot.safetext import safe_line

# The order a reader expects; keys not listed here keep their given order, after these.
PACK_ORDER = (
    "pack", "title", "version", "language", "description", "sources", "topics", "facts",
    "questions",
)  # fmt: skip
SOURCE_ORDER = ("id", "title", "publisher", "author", "date", "url")
FACT_ORDER = ("id", "topic", "source", "text", "tests")
QUESTION_ORDER = (
    "id", "topic", "type", "prompt", "answer", "answers", "options", "accept", "reject",
    "need", "tolerance", "unit", "hint", "explanation", "fact", "source", "difficulty",
    "tags", "tests",
)  # fmt: skip
_ORDERS: dict[str, tuple[str, ...]] = {
    "sources": SOURCE_ORDER,
    "topics": ("id", "title"),
    "facts": FACT_ORDER,
    "questions": QUESTION_ORDER,
}
Data = dict[str, Any]

# Characters YAML's reader refuses in a stream; they are written as escapes.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"
)
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
# Resolved tags a plain scalar may keep: they read back as the same text, and look it.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float"))


# -- model to data -------------------------------------------------------------------------


def pack_to_data(pack: Pack) -> Data:
    """The pack as plain data in the pack format (cloze questions are left to their facts)."""
    data: Data = {"pack": pack.id, "title": pack.title}
    if pack.version != 1:
        data["version"] = pack.version
    if pack.language != "en":
        data["language"] = pack.language
    if pack.description:
        data["description"] = pack.description
    if pack.sources:
        data["sources"] = [_source(s) for s in pack.sources]
    if pack.topics:
        data["topics"] = [_topic(t) for t in pack.topics]
    if pack.facts:
        data["facts"] = [_fact(f) for f in pack.facts]
    authored = [q for q in pack.questions if not q.is_cloze]
    if authored:
        data["questions"] = [question_to_data(q) for q in authored]
    return data


def _source(source: Source) -> Data:
    data: Data = {"id": source.id, "title": source.title}
    for key in ("publisher", "author", "date", "url"):
        if getattr(source, key):
            data[key] = getattr(source, key)
    return data


def _topic(topic: Topic) -> Data:
    return {"id": topic.id, "title": topic.title}


def _fact(fact: Fact) -> Data:
    data: Data = {"id": fact.id}
    if fact.topic:
        data["topic"] = fact.topic
    if fact.source:
        data["source"] = fact.source
    data["text"] = fact.text
    if fact.tests:
        data["tests"] = {number: _tests(tests) for number, tests in fact.tests}
    return data


def _tests(tests: GradingTests) -> Data:
    data: Data = {}
    if tests.accepted:
        data["accepted"] = list(tests.accepted)
    if tests.rejected:
        data["rejected"] = list(tests.rejected)
    return data


def _reject(reject: Reject) -> str | Data:
    if reject.feedback is None:
        return reject.answer
    return {"answer": reject.answer, "feedback": reject.feedback}


def question_to_data(question: Question) -> Data:
    """One authored question as pack-format data."""
    q = question
    data: Data = {"id": q.id}
    if q.topic:
        data["topic"] = q.topic
    data["type"] = q.type
    data["prompt"] = q.prompt
    if q.type == "list":
        data["answers"] = [item[0] if len(item) == 1 else list(item) for item in q.answers]
    elif q.type == "truefalse":
        data["answer"] = q.answer == "true"
    else:
        data["answer"] = q.answer
    if q.options:
        data["options"] = list(q.options)
    if q.accept:
        data["accept"] = list(q.accept)
    if q.reject:
        data["reject"] = [_reject(r) for r in q.reject]
    if q.need is not None:
        data["need"] = q.need
    if q.tolerance is not None:
        data["tolerance"] = tolerance_text(q.tolerance.value, q.tolerance.relative)
    if q.unit is not None:
        data["unit"] = q.unit
    for key in ("hint", "explanation", "fact", "source"):
        if getattr(q, key) is not None:
            data[key] = getattr(q, key)
    if q.difficulty is not None:
        data["difficulty"] = q.difficulty
    if q.tags:
        data["tags"] = list(q.tags)
    if q.tests is not None:
        data["tests"] = _tests(q.tests)
    return data


def tolerance_text(value: Decimal, relative: bool) -> str:
    amount = value * 100 if relative else value
    text = f"{amount.normalize():f}"
    return f"{text}%" if relative else text


# -- data to YAML ----------------------------------------------------------------------------


def dump_pack(
    pack: Pack | Mapping[str, Any],
    *,
    header: Sequence[str] = (),
    notes: Mapping[str, str] | None = None,
) -> str:
    """YAML text of a pack (a model, or data in the pack format).

    ``header`` lines become comments at the top; ``notes`` maps a fact or question id
    to a comment written above it (where it was imported from, what to check).
    """
    data = pack_to_data(pack) if isinstance(pack, Pack) else dict(pack)
    out: list[str] = [_comment(line, "") for line in header]
    for key in _ordered(data, PACK_ORDER):
        value = data[key]
        if key in _ORDERS and isinstance(value, list):
            if out and out[-1] != "" and key in ("sources", "topics", "facts", "questions"):
                out.append("")
            out.append(f"{_key(key)}:" if value else f"{_key(key)}: []")
            for item in value:
                note = (notes or {}).get(item.get("id", "")) if isinstance(item, dict) else None
                if note:
                    out.extend(_comment(line, "  ") for line in note.splitlines())
                _item(out, item, "  ", _ORDERS[key])
        else:
            _entry(out, key, value, "", ())
    return "\n".join(out) + "\n"


def _comment(line: str, indent: str) -> str:
    """A comment line; a file name in it may hold anything, so it is made one safe line
    (a new line in it must not start a line of YAML)."""
    line = _NOT_PRINTABLE.sub(_escape, safe_line(line))
    return f"{indent}# {line}".rstrip() if line else f"{indent}#"


def _ordered(data: Mapping[str, Any], order: Sequence[str]) -> list[str]:
    first = [key for key in order if key in data]
    return first + [key for key in data if key not in order]


def _item(out: list[str], value: Any, indent: str, order: Sequence[str]) -> None:
    """One list item at ``indent`` ("- " then the value)."""
    if isinstance(value, Mapping) and value:
        keys = _ordered(value, order)
        lines: list[str] = []
        for key in keys:
            _entry(lines, key, value[key], indent + "  ", ())
        out.append(f"{indent}- {lines[0][len(indent) + 2 :]}")
        out.extend(lines[1:])
    elif isinstance(value, list) and value:
        lines = []
        for inner in value:
            _item(lines, inner, indent + "  ", ())
        out.append(f"{indent}- {lines[0][len(indent) + 2 :]}")
        out.extend(lines[1:])
    else:
        out.append(f"{indent}- {_scalar(value)}")


def _entry(out: list[str], key: Any, value: Any, indent: str, order: Sequence[str]) -> None:
    """``key: value`` at ``indent``; lists and mappings go below it, in block style."""
    name = _key(key)
    if isinstance(value, Mapping) and value:
        out.append(f"{indent}{name}:")
        for inner in _ordered(value, order):
            _entry(out, inner, value[inner], indent + "  ", ())
    elif isinstance(value, list) and value:
        out.append(f"{indent}{name}:")
        for inner in value:
            _item(out, inner, indent + "  ", ())
    else:
        out.append(f"{indent}{name}: {_scalar(value)}")


def _key(key: Any) -> str:
    return str(key) if isinstance(key, int) and not isinstance(key, bool) else _scalar(str(key))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list | tuple):
        return "[]"
    text = str(value)
    return text if _plain_is_safe(text) else quoted(text)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's too)."""
    body = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(_escape, body)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _plain_is_safe(text: str) -> bool:
    """Does ``text`` written bare read back as the same text (and look like it)?"""
    if (
        not text
        or not _PLAIN_START.match(text)
        or text != text.strip()
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or any(c in text for c in "\t\n\r")
        or _NOT_PRINTABLE.search(text)
    ):
        return False
    try:
        node = yaml.compose(f"k: {text}\n", Loader=_Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    scalar = node.value[0][1]
    return (
        isinstance(scalar, yaml.ScalarNode) and scalar.value == text and scalar.tag in _PLAIN_TAGS
    )


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
