"""Flat exports, one question a line: Quizlet's import format and CSV.

Quizlet: ``term<TAB>definition`` (the answer, then the prompt), as Quizlet's "Import"
box takes by default. CSV: the columns ``quizbot import`` reads (see
``importers.csvfile``); reject feedback, fact links and tests are not carried.
Cloze blanks are written as questions (the fact with the gap) in both.
"""

from __future__ import annotations

import csv
import io

from quizbot.authoring.exporters import Exported
from quizbot.authoring.importers.csvfile import COLUMNS, FORMULA_START
from quizbot.authoring.yaml_writer import tolerance_text
from quizbot.packs.model import Pack, Question


def _one_line(text: str) -> str:
    return " ".join(text.split())


def key_text(q: Question) -> str:
    """The answer as one line of text (a list's items joined by commas)."""
    if q.type == "list":
        return ", ".join(item[0] for item in q.answers)
    return q.answer


def to_quizlet(pack: Pack) -> Exported:
    lines = [f"{_one_line(key_text(q))}\t{_one_line(q.prompt)}" for q in pack.questions]
    return Exported("\n".join(lines) + "\n", len(lines))


def guard(cell: str) -> str:
    """A spreadsheet must not run a cell as a formula: such a cell starts with ``'``
    (``quizbot import`` takes it off again)."""
    return f"'{cell}" if cell.startswith(FORMULA_START) else cell


def to_csv(pack: Pack) -> Exported:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for q in pack.questions:
        topic = pack.topic(q.topic)
        row = {
            "id": q.id,
            "type": q.type,
            "prompt": q.prompt,
            "answer": "; ".join(" | ".join(item) for item in q.answers)
            if q.type == "list"
            else q.answer,
            "accept": " | ".join(q.accept),
            "reject": " | ".join(r.answer for r in q.reject),
            "options": " | ".join(q.options),
            "topic": topic.title if topic else "",
            "hint": q.hint or "",
            "explanation": "" if q.is_cloze else q.explanation or "",
            "unit": q.unit or "",
            "tolerance": tolerance_text(q.tolerance.value, q.tolerance.relative)
            if q.tolerance
            else "",
            "difficulty": str(q.difficulty or ""),
            "tags": " | ".join(q.tags),
        }
        writer.writerow([guard(row[column]) for column in COLUMNS])
    return Exported(out.getvalue(), len(pack.questions))
