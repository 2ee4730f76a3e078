"""Reading a text file of unknown origin line by line, with errors that name the line.

Spreadsheets write CSV in many encodings: Excel's "CSV UTF-8" starts with a byte
order mark, its "Unicode text" is UTF-16, and plain "CSV" in a Chinese locale is
GB18030/GBK. A byte order mark decides; otherwise the text must be UTF-8 unless
the caller names the encoding. A byte the encoding cannot read is reported with
its line and column, never as a position in the middle of a read buffer.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

# Byte order marks, longest first (a UTF-32 mark starts like a UTF-16 one).
_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings in which a 0x0A byte can be part of another character; for the rest a
# line of bytes is a line of text, which lets an error name its column exactly.
_WIDE = ("utf-16", "utf-32")
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
# Line ends as csv wants them (open(newline="")): \r\n, \n, or a lone \r.
_LINE_END = re.compile(r"\r\n|\r(?=[^\n])|\n")
_ANY_END = re.compile(r"\r\n?|\n")
_BLOCK = 1 << 16  # small enough to stay in cache, big enough for C to do the work


class UnreadableInput(Exception):
    """Reading failed (an I/O error, not the text's fault): the environment's problem."""


class DecodeProblem(Exception):
    """A byte that the encoding cannot read; ``line`` and ``column`` count from 1."""

    def __init__(self, message: str, line: int, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def check_encoding(name: str) -> str:
    """The codec's canonical name; LookupError when Python has no text codec so named."""
    info = codecs.lookup(name)
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64...: not text
        raise LookupError(name)
    return info.name


def decoded_lines(source: BinaryIO, encoding: str | None = None) -> Iterator[str]:
    """The lines of text in a binary file, each with its line end, as
    ``open(newline="")`` would give them.

    Without ``encoding``, a byte order mark decides, else UTF-8. Raises
    DecodeProblem at the first byte that cannot be read, UnreadableInput when
    reading fails. Reads what is there (a pipe is not waited on to fill a block).
    """
    blocks = _blocks(source)
    first = next(blocks, b"")
    chosen = encoding
    if chosen is None:
        chosen = next((name for mark, name in _MARKS if first.startswith(mark)), "utf-8")
    everything = itertools.chain((first,), blocks)
    if codecs.lookup(chosen).name.startswith(_WIDE):
        return _wide_lines(everything, chosen, first, named=encoding is not None)
    return _narrow_lines(everything, chosen, named=encoding is not None)


def _narrow_lines(blocks: Iterable[bytes], encoding: str, *, named: bool) -> Iterator[str]:
    """Lines of an encoding in which a 0x0A byte is always a new line: each run of whole
    lines is decoded at once and split by io (both in C, so fast)."""
    done = 0  # lines handed out
    pieces: list[bytes] = []  # the start of a line that has not ended yet
    codec = encoding
    for block in blocks:
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            pieces.append(block)
            continue
        whole = b"".join((*pieces, block[:cut])) if pieces else block[:cut]
        pieces = [block[cut:]] if cut < len(block) else []
        lines = _split(_decode(whole, codec, done, named=named))
        codec = "utf-8" if codec == "utf-8-sig" else codec  # a mark only at the start
        done += len(lines)
        yield from lines
    if pieces:
        yield from _split(_decode(b"".join(pieces), codec, done, named=named, last=True))


def _split(text: str) -> list[str]:
    return io.StringIO(text, newline="").readlines()


def _decode(data: bytes, codec: str, done: int, *, named: bool, last: bool = False) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        before = data[: error.start].decode(codec, errors="replace")
        ends = list(_ANY_END.finditer(before))
        column = len(before) - (ends[-1].end() if ends else 0) + 1
        # CPython's reasons for a sequence the data ends inside of.
        cut_short = (
            last
            and error.end == len(data)
            and error.reason.startswith(("unexpected end", "incomplete"))
        )
        raise _problem(
            data[error.start : error.end],
            codec,
            done + len(ends) + 1,
            column,
            named=named,
            cut_short=cut_short,
        ) from None


def _wide_lines(
    blocks: Iterable[bytes], encoding: str, first: bytes, *, named: bool
) -> Iterator[str]:
    """Lines of UTF-16 or UTF-32, where 0x0A bytes are parts of characters: decoded
    incrementally, split on the decoded text."""
    name = codecs.lookup(encoding).name
    if name in _WIDE:  # which byte order, to count the lines before a bad character
        little = first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE)) or (
            sys.byteorder == "little" and not first.startswith(codecs.BOM_UTF16_BE)
        )
        name = f"{name}-{'le' if little else 'be'}"
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    done = 0
    pending = ""
    for block in blocks:
        try:
            pending += decoder.decode(block)
        except UnicodeDecodeError as error:
            before = pending + error.object[: error.start].decode(name, "replace")
            line = done + len(_ANY_END.findall(before)) + 1
            bad = error.object[error.start : error.end]
            raise _problem(bad, encoding, line, None, named=named) from None
        start = 0
        for end in _LINE_END.finditer(pending):
            done += 1
            yield pending[start : end.end()]
            start = end.end()
        pending = pending[start:]
    try:
        pending += decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _problem(b"", encoding, done + 1, None, named=named, cut_short=True) from None
    if pending:
        yield pending


def _problem(
    bad: bytes,
    encoding: str,
    line: int,
    column: int | None,
    *,
    named: bool,
    cut_short: bool = False,
) -> DecodeProblem:
    shown = _NAMES.get(encoding, encoding)
    if cut_short or not bad:
        what = f"the file ends in the middle of a {shown} character"
    elif len(bad) == 1:
        what = f"byte 0x{bad[0]:02x} is not {shown} text"
    else:
        what = f"bytes {bad.hex(' ', 1)} are not {shown} text"
    if not named and encoding == "utf-8":
        advice = (
            "if a spreadsheet saved the file in a Chinese locale, try --encoding gb18030 "
            "(or save it as 'CSV UTF-8')"
        )
    else:
        advice = "name the file's encoding with --encoding"
    return DecodeProblem(f"{what}: {advice}", line, column)


def _blocks(source: BinaryIO) -> Iterator[bytes]:
    """The file's bytes in blocks of what is there; a failure to read is UnreadableInput."""
    read = getattr(source, "read1", source.read)
    try:
        while block := read(_BLOCK):
            yield block
    except OSError as error:
        raise UnreadableInput(error.strerror or str(error)) from error
