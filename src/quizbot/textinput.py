"""Reading a text file of unknown origin line by line, with errors that name the line.

Spreadsheets write CSV in many encodings: Excel's "CSV UTF-8" starts with a byte
order mark, its "Unicode text" is UTF-16, and plain "CSV" in a Chinese locale is
GB18030/GBK. A byte order mark decides; otherwise the text must be UTF-8 unless
the caller names the encoding. A byte the encoding cannot read is reported with
its line and column, never as a position in the middle of a read buffer.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterable, Iterator

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


def decoded_lines(chunks: Iterable[bytes], encoding: str | None = None) -> Iterator[str]:
    """The lines of text in ``chunks`` (bytes split after each 0x0A, as a binary file
    iterates), each with its line end, as ``open(newline="")`` would give them.

    Without ``encoding``, a byte order mark decides, else UTF-8. Raises
    DecodeProblem at the first byte that cannot be read.
    """
    chunks = _reading(chunks)
    first = next(chunks, b"")
    chosen = encoding
    if chosen is None:
        chosen = next((name for mark, name in _MARKS if first.startswith(mark)), "utf-8")
    wide = codecs.lookup(chosen).name.startswith(_WIDE)
    # The byte order of a wide encoding, to count the lines before a bad character.
    ordered = chosen
    if codecs.lookup(chosen).name in _WIDE:
        little = first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE)) or (
            sys.byteorder == "little" and not first.startswith(codecs.BOM_UTF16_BE)
        )
        ordered = f"{codecs.lookup(chosen).name}-{'le' if little else 'be'}"
    decoder = codecs.getincrementaldecoder(chosen)("strict")
    done = 0  # lines handed out
    pending = ""

    def problem(error: UnicodeDecodeError, chunk: bytes, final: bool = False) -> DecodeProblem:
        shown = _NAMES.get(chosen, chosen)
        bad = error.object[error.start : error.end]
        if final or not bad:
            what = f"the file ends in the middle of a {shown} character"
        elif len(bad) == 1:
            what = f"byte 0x{bad[0]:02x} is not {shown} text"
        else:
            what = f"bytes {bad.hex(' ', 1)} are not {shown} text"
        column = None
        line = done + 1
        if not wide and not final:
            column = len(chunk[: error.start].decode(chosen, errors="replace")) + 1
        elif not final:  # the decoder's data starts at a character: count its new lines
            line += (pending + error.object[: error.start].decode(ordered, "replace")).count("\n")
        if encoding is None and chosen == "utf-8":
            advice = (
                "if a spreadsheet saved the file in a Chinese locale, try --encoding gb18030 "
                "(or save it as 'CSV UTF-8')"
            )
        else:
            advice = "name the file's encoding with --encoding"
        return DecodeProblem(f"{what}: {advice}", line, column)

    chunk = first
    while chunk:
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as error:
            raise problem(error, chunk) from None
        last = len(text) - 1
        if text and not pending and text.find("\n") == last and text.find("\r", 0, last - 1) < 0:
            done += 1  # the usual case: the chunk is one whole line
            yield text
            chunk = next(chunks, b"")
            continue
        pending += text
        start = 0
        for end in _LINE_END.finditer(pending):
            done += 1
            yield pending[start : end.end()]
            start = end.end()
        pending = pending[start:]
        chunk = next(chunks, b"")
    try:
        pending += decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise problem(error, b"", final=True) from None
    if pending:
        yield pending


def _reading(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks``, with a failure to read them raised as UnreadableInput."""
    try:
        yield from chunks
    except OSError as error:
        raise UnreadableInput(error.strerror or str(error)) from error
