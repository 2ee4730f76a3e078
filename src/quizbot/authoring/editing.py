"""Small edits of an author's own pack file that keep their comments and layout.

``quizbot try`` adds a response to a question's ``accept``, ``reject`` or ``tests``
(for a cloze blank: an alias inside its ``{{...}}``, or the fact's ``tests``). The
file is read and written with ruamel.yaml's round-trip mode, with the indentation
the file already uses, so the only lines that change are the ones edited. After
the edit the pack is validated again; an edit that makes it invalid is undone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from quizbot.packs import cloze
from quizbot.packs.model import Question
from quizbot.packs.problems import Problem

Where = Literal["accept", "reject", "accepted", "rejected"]


class EditError(Exception):
    """The edit cannot be made, or was undone; the message says why."""


@dataclass(frozen=True)
class Edit:
    """What was changed, in words for the author."""

    description: str


def add_response(path: Path, question: Question, where: Where, response: str) -> Edit:
    """Add ``response`` under ``where`` for ``question`` in the pack file at ``path``.

    ``accepted``/``rejected`` are the question's (or blank's) ``tests``. Raises
    EditError when it cannot be done, or when the pack would no longer validate
    (the file is then left as it was).
    """
    response = response.strip()
    if not response:
        raise EditError("there is no answer to add (type one first)")
    before = path.read_text(encoding="utf-8")
    yaml, data = _load(before)
    if question.cloze_of is not None:
        description = _edit_blank(data, question, where, response)
    else:
        description = _edit_question(data, question, where, response)
    out = io.StringIO()
    yaml.dump(data, out)
    _write(path, out.getvalue())
    problems = _problems(path)
    if problems:
        _write(path, before)
        raise EditError(
            f"not added: the pack would not validate ({problems[0].message}); the file is unchanged"
        )
    return Edit(description)


def _load(text: str) -> tuple[Any, Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence, offset = load_yaml_guess_indent(text)
    yaml = YAML()  # round-trip: comments, order, quotes and flow style kept
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap the author's long lines
    offset = offset or 0
    yaml.indent(mapping=sequence - offset if offset else sequence, sequence=sequence, offset=offset)
    return yaml, yaml.load(text)


def _write(path: Path, text: str) -> None:
    from quizbot.atomic import replacing

    with replacing(path, encoding="utf-8", newline="") as out:
        out.write(text)


def _problems(path: Path) -> list[Problem]:
    from quizbot.authoring.selftest import grading_test_problems
    from quizbot.packs.loader import load_pack

    result = load_pack(path)
    if result.pack is None:
        return result.problems
    return grading_test_problems(result.pack)


def _item(data: Any, section: str, item_id: str) -> Any:
    for item in data.get(section) or ():
        if hasattr(item, "get") and str(item.get("id")) == item_id:
            return item
    raise EditError(f"cannot find {item_id!r} under {section} in the file")


def _flow_list(*items: str) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _append(mapping: Any, key: str, response: str) -> None:
    """Append to a list under ``key``: made if missing, a single text made a list."""
    value = mapping.get(key)
    present = value if isinstance(value, list) else [] if value is None else [value]
    if any(_same(item, response) for item in present):
        raise EditError(f"{response!r} is already under {key}")
    if value is None:
        mapping[key] = _flow_list(response)
    elif isinstance(value, list):
        value.append(response)
    else:
        mapping[key] = _flow_list(str(value), response)


def _same(a: object, b: str) -> bool:
    """Two responses the same but for case and spacing (a reject entry may be a mapping)."""
    if hasattr(a, "get"):
        a = a.get("answer")
    return " ".join(str(a).casefold().split()) == " ".join(b.casefold().split())


def _tests_of(mapping: Any, key: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    tests = mapping.get(key)
    if tests is None:
        tests = mapping[key] = CommentedMap()
    return tests


def _edit_question(data: Any, question: Question, where: Where, response: str) -> str:
    item = _item(data, "questions", question.id)
    if where in ("accept", "reject"):
        if where == "accept" and question.type not in ("text", "number"):
            raise EditError(f"a {question.type} question has no accept list")
        _append(item, where, response)
        return f"added {response!r} to {where} of {question.id!r}"
    _append(_tests_of(item, "tests"), where, response)
    return f"added {response!r} to the tests ({where}) of {question.id!r}"


def _edit_blank(data: Any, question: Question, where: Where, response: str) -> str:
    fact_id = question.cloze_of or ""
    fact = _item(data, "facts", fact_id)
    text = str(fact.get("text"))
    found = cloze.blanks(text)
    index = next(
        (i for i, b in enumerate(found) if cloze.blank_id(fact_id, b, i) == question.id), None
    )
    if index is None:
        raise EditError(f"cannot find the blank {question.id!r} in the fact's text")
    blank = found[index]
    if where == "reject":
        raise EditError(
            "a blank has no reject list: /test adds the answer to its fact's tests as rejected"
        )
    if where == "accept":
        if "|" in response or "{{" in response or "}}" in response:
            raise EditError("an alias may not hold '|', '{{' or '}}'")
        closing = blank.end - 2  # before the blank's "}}"
        old = fact["text"]
        new = f"{text[:closing]}|{response}{text[closing:]}"
        fact["text"] = type(old)(new) if type(old) is not str else new  # keep its quotes
        return f"added the alias {response!r} to the blank {question.id!r}"
    key: Any = blank.name or index + 1
    tests = _tests_of(fact, "tests")
    for existing in list(tests):
        if str(existing) == str(key):
            key = existing  # the author's own key, as written
    _append(_tests_of(tests, key), where, response)
    return f"added {response!r} to the tests ({where}) of the blank {question.id!r}"
