"""Batch grading for ``quizbot grade``: a CSV of responses in, graded rows out, streamed."""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TextIO

from quizbot.batch_pool import POOL_FILE_BYTES, Chunks
from quizbot.grading import grade
from quizbot.packs.model import Pack, Question
from quizbot.safetext import safe_text

ADDED_COLUMNS = ("verdict", "score", "feedback")
# Classes repeat answers; this many recent (question, response) verdicts are kept.
_CACHE_SIZE = 20_000
# Responses longer than this are not cached (they are rare and would crowd the cache).
_CACHE_MAX_CHARS = 200
# No cell is too big to read (csv's default limit is 131,072 characters): the grader
# itself only looks at the start of a long response. The C long of csv may be 32 bits.
_CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
# A quoted cell may hold new lines (a list answer, one item a line), but one that runs
# on longer than this has almost surely lost its closing quote and swallowed the rest
# of the file: grading it as one response would hide the mistake.
MAX_QUOTED_LINES = 50
MAX_QUOTED_CHARS = 10_000
# Written after the last line so that a quoted cell still open at the end of the file
# shows itself (csv would otherwise end the cell there without a word).
_END = "\ufffequizbot: end of input\ufffe"
# A cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Graded rows are written in blocks of about this many characters, whatever buffering
# the output has (PYTHONUNBUFFERED would otherwise make every row a system call).
_BLOCK = 1 << 16


# What grading adds to a row: verdict, score (None for an "error" row) and feedback.
Values = tuple[str, float | None, str]
# A row read and waiting for its values: its cells (with room for the added columns),
# the cells beyond the header, and whether a cell may hold a "\r".
_Row = tuple[list[object], list[str], bool]


class BatchError(Exception):
    """The responses file cannot be graded at all (one line for the user); ``line`` is
    where the problem is, when it is at a line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


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


class _RowGrader:
    """The values of rows, by question id and response (the same in any process)."""

    def __init__(self, index: dict[str, Question], fmt: str) -> None:
        self.index = index
        self.safe = spreadsheet_safe if fmt == "csv" else safe_text
        # Classes repeat answers: the most recent verdicts are kept.
        self.cached = lru_cache(maxsize=_CACHE_SIZE)(self.graded)

    def graded(self, question_id: str, response: str) -> Values:
        verdict = grade(self.index[question_id], response)
        score = verdict.score if verdict.graded else None  # an "error" row has no score
        return verdict.verdict, score, self.safe(verdict.feedback)

    def values(self, jobs: list[tuple[str, str]]) -> list[Values]:
        done: list[Values] = []
        for question_id, response in jobs:
            if question_id not in self.index:
                done.append(("error", None, self.safe(_unknown(question_id, self.index))))
            elif len(response) <= _CACHE_MAX_CHARS:
                done.append(self.cached(question_id, response))
            else:
                done.append(self.graded(question_id, response))
        return done


def _by_question(job: tuple[str, str]) -> int:
    """Which worker grades a row: by its question, so that each prepares only its own."""
    return hash(job[0])


class _Progress:
    """A plain text progress bar on stderr, redrawn in place with a carriage return."""

    def __init__(self, stream: TextIO, total_bytes: int | None) -> None:
        self.stream = stream
        self.total = total_bytes
        self.done = 0
        self.rows = 0
        self.shown_at = 0.0

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


class _Lines:
    """Hands csv the lines of the file, counting them, and stops a row whose quoted cell
    runs on past the limits: the line where that row began is the one to look at."""

    def __init__(self, source: Iterable[str], progress: _Progress | None) -> None:
        self.source = source
        self.progress = progress
        self.line = 0  # lines handed out
        self.row_start = 1  # the line the row being read began on
        self.row_chars = 0  # characters of that row after its first line
        self.row_cr = False  # a line of that row holds a "\r" before its end

    def next_row(self) -> None:
        self.row_start = self.line + 1
        self.row_chars = 0
        self.row_cr = False

    def __iter__(self) -> Iterator[str]:
        text = ""
        for text in self.source:
            self.line += 1
            if self.progress is not None:
                self.progress.done += len(text)
            if text.find("\r", 0, len(text) - 2) >= 0:
                self.row_cr = True
            if self.line != self.row_start:
                self.row_chars += len(text)
                if (
                    self.line - self.row_start >= MAX_QUOTED_LINES
                    or self.row_chars > MAX_QUOTED_CHARS
                ):
                    raise lost_quote(self.row_start, ended=False)
            yield text
        if text and not text.endswith(("\n", "\r")):
            yield "\n"  # end the last row, unless a quoted cell is still open
        self.line += 1
        yield _END + "\n"


def lost_quote(line: int, *, ended: bool) -> BatchError:
    if ended:
        what = "is never closed"
    else:
        what = f"runs on for over {MAX_QUOTED_LINES} lines or {MAX_QUOTED_CHARS:,} characters"
    return BatchError(
        f'a quoted cell that starts on this line {what}: its closing quote (") is probably missing',
        line,
    )


class _Blocks(io.StringIO):
    """Collects the written text (in C, as csv writes it) for ``spill`` to pass on in
    blocks of about ``_BLOCK`` characters."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def spill(self, *, everything: bool = False) -> None:
        if self.tell() >= _BLOCK or (everything and self.tell()):
            self.target.write(self.getvalue())
            self.seek(0)
            self.truncate()


def spreadsheet_safe(text: str) -> str:
    """``text`` for a column quizbot adds: control characters escaped, and a leading
    formula character (``=``, ``+``, ``-``, ``@``) quoted away with an apostrophe."""
    text = safe_text(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def grade_rows(
    packs: Sequence[Pack],
    input: Iterable[str],
    output: TextIO,
    fmt: Literal["csv", "jsonl"],
    *,
    show_progress: bool = False,
    total_bytes: int | None = None,
    progress_stream: TextIO | None = None,
    bom: bool = False,
    observe: Callable[[str, str, str], None] | None = None,
) -> GradeSummary:
    """Grade every row of a responses CSV, writing the graded rows as they are read.

    ``input`` gives the lines of the file (a text file opened with ``newline=""``, or
    ``textinput.decoded_lines``). Rows keep their columns in order and gain
    ``verdict``, ``score`` and ``feedback``; an unknown question id gives the verdict
    ``error`` and the rest are still graded. The added columns never start with a
    formula character nor hold a control character (a report shown on a terminal is
    escaped whole by the caller: ``safetext.for_terminal``). ``bom`` starts a CSV
    with a byte order mark, for Excel. ``observe``, if given, is called with each
    graded row's question id, response and verdict (``quizbot grade --report``), in
    input order; rows whose question is unknown are not passed to it. A file of
    ``total_bytes`` >= POOL_FILE_BYTES
    (or a long input of unknown size) is graded in worker processes, a chunk of rows
    at a time (``batch_pool``); the output is the same. Raises BatchError when the
    file has no ``question`` or ``response`` column, or is not CSV (a quoted cell
    that never ends, above all).
    """
    index = question_index(packs)
    progress = _Progress(progress_stream or sys.stderr, total_bytes) if show_progress else None
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    lines = _Lines(input, progress)
    feed = iter(lines)
    first = next(feed)
    reader = csv.reader(itertools.chain((first,), feed), delimiter=_delimiter(first))
    try:
        header = next(reader)
    except csv.Error as error:
        raise BatchError(f"not valid CSV: {error}", lines.row_start) from None
    if header == [_END]:
        raise BatchError("the responses file is empty (it needs a header row)")
    _check_row(header, lines)
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
    chunks: Chunks[tuple[str, str], Values] = Chunks(
        _RowGrader(index, fmt).values,
        at_once=(total_bytes or 0) >= POOL_FILE_BYTES,
        share=_by_question,
    )

    blocks = _Blocks(output)
    write = _writer(blocks, fmt, out_header, width, added_at[1])
    if fmt == "csv":
        if bom:
            blocks.write("\ufeff")
        csv.writer(blocks, lineterminator="\n").writerow(out_header)
    counts = {"correct": 0, "partial": 0, "incorrect": 0, "error": 0}
    rows = 0
    # Rows read, a chunk at a time, waiting for their values (in input order), with
    # their (question id, response).
    waiting: deque[tuple[list[_Row], list[tuple[str, str]]]] = deque()
    reading: list[_Row] = []
    added = [""] * (len(out_header) - width)  # room for the added columns
    no_extra: list[str] = []  # never changed
    chunk_size = chunks.size
    jobs: list[tuple[str, str]] = []  # their (question id, response)

    verdict_at, score_at, feedback_at = added_at

    def written(graded: list[list[Values]]) -> None:
        """Write the rows of the oldest waiting chunks with their values."""
        for values_of in graded:
            rows_of, jobs_of = waiting.popleft()
            for (row, extra, carriage), values in zip(rows_of, values_of, strict=True):
                counts[values[0]] += 1
                row[verdict_at], row[score_at], row[feedback_at] = values
                write(row, extra, carriage)
                if progress:
                    progress.row()
            blocks.spill()
            if observe is not None:
                for (question_id, response), values in zip(jobs_of, values_of, strict=True):
                    if question_id in index:
                        observe(question_id, response, values[0])

    def send() -> None:
        nonlocal reading, jobs
        if reading:
            waiting.append((reading, jobs))
            sent, reading, jobs = jobs, [], []
            written(chunks.put(sent))

    try:
        try:
            while True:
                lines.next_row()
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    raise BatchError(f"not valid CSV: {error}", lines.row_start) from None
                if lines.line != lines.row_start:
                    _check_row(cells, lines)
                if cells == [_END]:
                    break
                if not "".join(cells).strip():
                    continue  # a blank line, or a spreadsheet's filler row of empty cells
                rows += 1
                row: list[object]
                if len(cells) == width:  # the common case, made without copying twice
                    padded = cells
                    extra = no_extra
                else:
                    padded = (cells + [""] * width)[:width]
                    extra = _extra_cells(cells, width)
                row = [*padded, *added]
                jobs.append((padded[question_at].strip(), padded[response_at]))
                # Only a row read from several lines, or from a line with a "\r" inside,
                # can hold a "\r" in a cell.
                carriage = lines.row_cr or lines.line != lines.row_start
                reading.append((row, extra, carriage))
                if len(reading) >= chunk_size:
                    send()
                    chunk_size = chunks.size
        except BatchError:
            # The rows graded so far are still written, even when a later line is bad.
            send()
            written(chunks.finish())
            raise
        send()
        written(chunks.finish())
    finally:
        chunks.close()
        blocks.spill(everything=True)
    if progress:
        progress.close()
    return GradeSummary(
        rows, counts["error"], counts["correct"], counts["partial"], counts["incorrect"]
    )


def _delimiter(header: str) -> str:
    """A comma, unless the header has none but tabs (Excel's "Unicode text") or
    semicolons (Excel's CSV where the comma is the decimal sign)."""
    if "," in header:
        return ","
    return max(("\t", ";"), key=header.count) if "\t" in header or ";" in header else ","


def _check_row(cells: list[str], lines: _Lines) -> None:
    """Raise BatchError for a row that ran past its first line on a cell that never
    closed or is too long to be anything but a lost quote."""
    if lines.line == lines.row_start:
        return
    if cells and _END in cells[-1]:
        raise lost_quote(lines.row_start, ended=True)
    for cell in cells:
        if "\n" in cell and (len(cell) > MAX_QUOTED_CHARS or cell.count("\n") >= MAX_QUOTED_LINES):
            raise lost_quote(lines.row_start, ended=False)


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
    output: _Blocks, fmt: str, header: list[str], width: int, score_at: int
) -> Callable[[list[object], list[str], bool], None]:
    """Write a row and the cells it has beyond the header.

    In JSON those cells are named after their column (``column6``...) and a
    header name used twice gets a suffix (``note``, ``note_2``). In CSV they
    follow the added columns, since the header is written before any row.
    """
    if fmt == "jsonl":
        taken: set[str] = set()
        names = [_unique(h, taken) for h in header]
        extra_names: list[str] = []

        def write_json(cells: list[object], extra: list[str], carriage: bool) -> None:
            while len(extra_names) < len(extra):
                extra_names.append(_unique(f"column{width + len(extra_names) + 1}", taken))
            record = dict(zip(names, cells, strict=True))
            record.update(zip(extra_names, extra, strict=False))
            output.write(json.dumps(record, ensure_ascii=False))
            output.write("\n")

        return write_json
    writer = csv.writer(output, lineterminator="\n")

    # csv quotes a cell holding the line terminator ("\n") but not one holding a bare
    # "\r", which readers then take for a line end: such rows are quoted whole.
    quoting_all = csv.writer(output, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def write_csv(cells: list[object], extra: list[str], carriage: bool) -> None:
        """``carriage``: some cell may hold a "\r"."""
        cells[score_at] = _format_score(cells[score_at])
        if extra:
            cells.extend(extra)
        if carriage and any(isinstance(c, str) and "\r" in c for c in cells):
            quoting_all.writerow(cells)
        else:
            writer.writerow(cells)

    return write_csv
