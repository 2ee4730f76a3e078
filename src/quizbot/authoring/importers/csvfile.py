"""A CSV with a header row, one question a row (the columns ``quizbot export --format csv``
writes, so the two round-trip).

Columns (only ``prompt`` and ``answer`` are required; order is free):
``id``, ``type`` (text, number, choice, truefalse, list; default: number when the
answer reads as one number, else text), ``prompt``, ``answer`` (for a list question
the items separated by ``;``), ``accept``, ``reject``, ``options`` and ``tags``
(several values separated by ``|``), ``topic`` (a topic's title), ``hint``,
``explanation``, ``unit``, ``tolerance``, ``difficulty`` (1-3).
A cell that starts with ``'`` followed by ``= + - @`` is read without the ``'``
(the export adds it so that spreadsheets do not run the cell as a formula).
"""

from __future__ import annotations

import csv
import io

from quizbot.authoring.importers.builder import Data, PackBuilder, number_or_text

COLUMNS = (
    "id", "type", "prompt", "answer", "accept", "reject", "options", "topic", "hint",
    "explanation", "unit", "tolerance", "difficulty", "tags",
)  # fmt: skip
MANY = ("accept", "reject", "options", "tags")
TYPES = ("text", "number", "choice", "truefalse", "list")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = ("true", "t", "yes", "y")
FALSE_WORDS = ("false", "f", "no", "n")


def unguard(cell: str) -> str:
    """A cell as the author wrote it, without the export's formula guard."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in FORMULA_START and cell[1:2] else cell


def split_many(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def read_csv(text: str, builder: PackBuilder) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [name for name in ("prompt", "answer") if name not in header]
    if missing:
        builder.problem(1, f"the header has no {' or '.join(missing)} column (columns: "
                        f"{', '.join(COLUMNS)}): nothing imported")  # fmt: skip
        return
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        builder.problem(1, f"unknown column {', '.join(unknown)} (known: {', '.join(COLUMNS)}): "
                        "ignored")  # fmt: skip
    start = 2
    for row in reader:
        number, start = start, reader.line_num + 1
        cells = {key: unguard((value or "").strip()) for key, value in row.items() if key}
        if not any(cells.values()):
            continue
        question = _question(cells, builder, number)
        if question is not None:
            builder.add(question, number, id_hint=cells.get("id", ""))


def _question(cells: dict[str, str], builder: PackBuilder, line: int) -> Data | None:
    answer = cells.get("answer", "")
    qtype = cells.get("type", "").lower() or number_or_text(answer)
    if qtype not in TYPES:
        builder.problem(line, f"unknown type {qtype!r} (use {', '.join(TYPES)}): skipped")
        return None
    q: Data = {"type": qtype, "prompt": cells.get("prompt", "")}
    if cells.get("topic"):
        q = {"topic": builder.topic(cells["topic"], line), **q}
    if qtype == "list":
        items = [split_many(item) for item in answer.split(";")]
        q["answers"] = [item[0] if len(item) == 1 else item for item in items if item]
    elif qtype == "truefalse":
        word = answer.lower()
        if word not in TRUE_WORDS + FALSE_WORDS:
            builder.problem(line, f"a truefalse answer must be true or false, not {answer!r}: "
                            "skipped")  # fmt: skip
            return None
        q["answer"] = word in TRUE_WORDS
    else:
        q["answer"] = answer
    for key in MANY:
        if cells.get(key):
            q[key] = split_many(cells[key])
    for key in ("hint", "explanation", "unit", "tolerance"):
        if cells.get(key):
            q[key] = cells[key]
    if cells.get("difficulty"):
        if cells["difficulty"] not in ("1", "2", "3"):
            builder.problem(line, f"difficulty {cells['difficulty']!r} is not 1, 2 or 3: left out")
        else:
            q["difficulty"] = int(cells["difficulty"])
    if ("unit" in q or "tolerance" in q) and qtype != "number":
        builder.problem(line, "unit and tolerance belong to number questions: left out")
        q.pop("unit", None)
        q.pop("tolerance", None)
    if "options" in q and qtype != "choice":
        builder.problem(line, "options belong to choice questions: left out")
        del q["options"]
    return q
