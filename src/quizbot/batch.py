"""Batch grading for ``quizbot grade``: a CSV of responses in, graded rows out, streamed."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TextIO

from quizbot.grading import grade
from quizbot.grading.verdict import Verdict
from quizbot.packs.model import Pack, Question

ADDED_COLUMNS = ("verdict", "score", "feedback")
# Classes repeat answers; this many recent (question, response) verdicts are kept.
_CACHE_SIZE = 20_000
# Responses longer than this are not cached (they are rare and would crowd the cache).
_CACHE_MAX_CHARS = 200
# No cell is too big to read (csv's default limit is 131,072 characters): the grader
# itself only looks at the start of a long response. The C long of csv may be 32 bits.
_CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


class BatchError(Exception):
    """The responses file cannot be graded at all (one line for the user)."""


@dataclass(frozen=True)
class GradeSummary:
    """What a batch run did: rows graded, rows in error, and the verdicts."""

    rows: int
    errors: int
    correct: int
    partial: int
    incorrect: int


def question_index(packs: Sequence[Pack]) -> dict[str, Question]:
    """Every question (and cloze question) by id; the first pack wins a shared id."""
    index: dict[str, Question] = {}
    for pack in packs:
        for question in pack.questions:
            index.setdefault(question.id, question)
    return index


def _column(header: list[str], name: str) -> int:
    wanted = [i for i, h in enumerate(header) if h.strip().casefold() == name]
    if not wanted:
        shown = ", ".join(repr(h) for h in header) or "none"
        raise BatchError(f"the responses file has no {name!r} column (its columns: {shown})")
    return wanted[0]


def _unknown(question_id: str, index: dict[str, Question]) -> str:
    if not question_id:
        return "this row has no question id"
    hint = ""
    if "#" in question_id:
        fact = question_id.split("#", 1)[0]
        blanks = sorted(q.id for q in index.values() if q.cloze_of == fact)
        if blanks:
            hint = f" (fact {fact!r} has cloze questions {blanks[0]} to {blanks[-1]})"
    if not hint:
        from rapidfuzz import fuzz, process

        near = process.extractOne(question_id, list(index), scorer=fuzz.ratio, score_cutoff=75)
        if near is not None:
            hint = f" (did you mean {near[0]!r}?)"
    return f"unknown question id {question_id!r}{hint}"


class _Progress:
    """A plain text progress bar on stderr, redrawn in place with a carriage return."""

    def __init__(self, stream: TextIO, total_bytes: int | None) -> None:
        self.stream = stream
        self.total = total_bytes
        self.done = 0
        self.rows = 0
        self.shown_at = 0.0

    def lines(self, source: TextIO) -> Iterator[str]:
        for line in source:
            self.done += len(line)
            yield line

    def row(self) -> None:
        self.rows += 1
        if self.rows % 512 == 0:
            now = time.monotonic()
            if now - self.shown_at >= 0.1:
                self.shown_at = now
                self.draw()

    def draw(self) -> None:
        if self.total:
            share = min(1.0, self.done / self.total)
            filled = int(share * 30)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\rgrading [{bar}] {share:4.0%} {self.rows:,} rows")
        else:
            self.stream.write(f"\rgrading… {self.rows:,} rows")
        self.stream.flush()

    def close(self) -> None:
        self.done = self.total or self.done
        self.draw()
        self.stream.write("\n")
        self.stream.flush()


def grade_rows(
    packs: Sequence[Pack],
    input: TextIO,
    output: TextIO,
    fmt: Literal["csv", "jsonl"],
    *,
    show_progress: bool = False,
    total_bytes: int | None = None,
    progress_stream: TextIO | None = None,
) -> GradeSummary:
    """Grade every row of a responses CSV, writing each graded row as soon as it is read.

    Rows keep their columns in order and gain ``verdict``, ``score`` and
    ``feedback``; an unknown question id gives the verdict ``error`` and the
    rest are still graded. Raises BatchError when the file has no
    ``question`` or ``response`` column.
    """
    index = question_index(packs)
    progress = _Progress(progress_stream or sys.stderr, total_bytes) if show_progress else None
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(progress.lines(input) if progress else input)
    try:
        header = next(reader)
    except StopIteration:
        raise BatchError("the responses file is empty (it needs a header row)") from None
    except csv.Error as error:
        raise BatchError(f"the responses file is not valid CSV: {error}") from None
    if header:
        header[0] = header[0].lstrip("\ufeff")
    question_at = _column(header, "question")
    response_at = _column(header, "response")
    out_header = list(header)
    added_at: list[int] = []
    for name in ADDED_COLUMNS:
        existing = [i for i, h in enumerate(header) if h.strip().casefold() == name]
        if existing:
            added_at.append(existing[0])  # grading a graded file again: overwrite
        else:
            added_at.append(len(out_header))
            out_header.append(name)
    width = len(header)

    @lru_cache(maxsize=_CACHE_SIZE)
    def cached(question_id: str, response: str) -> Verdict:
        return grade(index[question_id], response)

    write = _writer(output, fmt, out_header, width, added_at[1])
    if fmt == "csv":
        csv.writer(output, lineterminator="\n").writerow(out_header)
    counts = {"correct": 0, "partial": 0, "incorrect": 0, "error": 0}
    rows = 0
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise BatchError(f"line {line + 1}: not valid CSV: {error}") from None
        line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue  # a blank line, or a spreadsheet's filler row of empty cells
        rows += 1
        row: list[object] = [*(cells + [""] * width)[:width], *[""] * (len(out_header) - width)]
        extra = _extra_cells(cells, width)
        question_id = cells[question_at].strip() if question_at < len(cells) else ""
        response = cells[response_at] if response_at < len(cells) else ""
        if question_id in index:
            if len(response) <= _CACHE_MAX_CHARS:
                verdict = cached(question_id, response)
            else:
                verdict = grade(index[question_id], response)
            values: tuple[str, float | None, str] = (
                verdict.verdict,
                verdict.score if verdict.graded else None,  # an "error" row has no score
                verdict.feedback,
            )
        else:
            values = ("error", None, _unknown(question_id, index))
        counts[values[0]] += 1
        for at, value in zip(added_at, values, strict=True):
            row[at] = value
        write(row, extra)
        if progress:
            progress.row()
    if progress:
        progress.close()
    return GradeSummary(
        rows, counts["error"], counts["correct"], counts["partial"], counts["incorrect"]
    )


def _format_score(score: object) -> str:
    if score is None:
        return ""
    return f"{score:g}" if isinstance(score, float) else str(score)


def _extra_cells(cells: list[str], width: int) -> list[str]:
    """The cells of a row beyond the header, up to the last that holds something."""
    extra = cells[width:]
    while extra and not extra[-1].strip():
        extra.pop()
    return extra


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... when it is taken; the result is taken."""
    unique, n = name, 1
    while unique in taken:
        n += 1
        unique = f"{name}_{n}"
    taken.add(unique)
    return unique


def _writer(
    output: TextIO, fmt: str, header: list[str], width: int, score_at: int
) -> Callable[[list[object], list[str]], None]:
    """Write a row and the cells it has beyond the header.

    In JSON those cells are named after their column (``column6``...) and a
    header name used twice gets a suffix (``note``, ``note_2``). In CSV they
    follow the added columns, since the header is written before any row.
    """
    if fmt == "jsonl":
        taken: set[str] = set()
        names = [_unique(h, taken) for h in header]
        extra_names: list[str] = []

        def write_json(cells: list[object], extra: list[str]) -> None:
            while len(extra_names) < len(extra):
                extra_names.append(_unique(f"column{width + len(extra_names) + 1}", taken))
            record = dict(zip(names, cells, strict=True))
            record.update(zip(extra_names, extra, strict=False))
            output.write(json.dumps(record, ensure_ascii=False))
            output.write("\n")

        return write_json
    writer = csv.writer(output, lineterminator="\n")

    def write_csv(cells: list[object], extra: list[str]) -> None:
        row = [_format_score(c) if i == score_at else c for i, c in enumerate(cells)]
        writer.writerow([*row, *extra])

    return write_csv
