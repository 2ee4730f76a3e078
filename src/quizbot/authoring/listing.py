"""``quizbot validate --list``: every question id with its type, prompt and answer.

One line per question (cloze blanks included), fields separated by tabs, so a
``grade`` CSV can be written from it; ``--json`` gives the same as one JSON document.
Fields are made one-line-safe (tabs, new lines and control characters escaped).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from quizbot.packs.model import Pack, Question
from quizbot.safetext import safe_json, safe_line

COLUMNS = ("id", "type", "prompt", "answer")


def answer_of(question: Question) -> str:
    """The answer as an author reads it (a list question's items joined by '; ')."""
    if question.type == "list":
        return "; ".join(item[0] for item in question.answers)
    return question.answer


def rows(packs: Iterable[Pack]) -> Iterator[dict[str, Any]]:
    """One record per question of every pack, in the pack's order."""
    for pack in packs:
        for q in pack.questions:
            yield {
                "pack": pack.id,
                "id": q.id,
                "type": q.type,
                "prompt": q.prompt,
                "answer": answer_of(q),
                "accept": list(q.accept),
                "cloze_of": q.cloze_of,
                "file": q.place.file,
                "line": q.place.line,
            }


def tab_lines(packs: Iterable[Pack]) -> Iterator[str]:
    """``ID<TAB>TYPE<TAB>PROMPT<TAB>ANSWER``, each field escaped to one safe line."""
    for row in rows(packs):
        yield "\t".join(safe_line(str(row[column])) for column in COLUMNS)


def json_document(packs: Iterable[Pack]) -> str:
    """Every question as a JSON list (escaped so a terminal shows it safely)."""
    return safe_json(json.dumps(list(rows(packs)), ensure_ascii=False, indent=1))
