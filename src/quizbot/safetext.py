"""Untrusted text made safe to show: control characters become visible escapes.

Pack text, file names and responses come from other people. Printed raw, an
``ESC ] 52`` writes the clipboard, ``ESC [ 2J`` clears the screen, a bare CR
overwrites what a line said, a C1 ``\\x9b`` starts a sequence on its own, a
right-to-left override reorders what the reader sees, and a new line in a file
name forges a second ``FILE:LINE:COL`` line. Everything that is printed or shown
passes through here. Nothing is removed: each such character is written as an
escape a person can read (``\\x1b``, ``\\r``, ``\\u202e``), so what was in the
text stays visible. Pure Python, no Textual: every front can use it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TextIO, cast

# Characters a pack string may not hold (the contract: Unicode Cc other than new
# line and tab, and the bidirectional overrides and isolates).
_FORBIDDEN_IN_PACKS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"

# Multi-line text keeps its new lines and tabs (and CR LF, which draws as a new
# line); a bare CR would return to the start of the line and overwrite it. One
# character class (CR LF is told apart when replacing): an alternation here would
# make the scan of clean text several times slower.
_UNSAFE_IN_TEXT = re.compile(f"[{_FORBIDDEN_IN_PACKS}]")
# One line (a file name, a title, a table cell) must stay one line: new lines,
# tabs and the Unicode line and paragraph separators are escaped too.
_UNSAFE_IN_LINE = re.compile(f"[\t\n\r\u2028\u2029{_FORBIDDEN_IN_PACKS}]")
_FORBIDDEN = _UNSAFE_IN_TEXT  # the same characters: what a pack may not hold
# In JSON, C0 is always escaped by the encoder; the rest is escaped here, still JSON.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


# Every character either pattern can match, escaped once here, so escaping a
# string is one regex pass and a dictionary look-up per unsafe character.
_ESCAPES = {
    chr(code): _visible(chr(code))
    for code in [*range(0x20), *range(0x7F, 0xA0), *range(0x2028, 0x202F), *range(0x2066, 0x206A)]
}


def _escape_match(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _escape_match_keeping_crlf(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\r" and match.string.startswith("\n", match.end()):
        return char
    return _ESCAPES[char]


def safe_text(text: str) -> str:
    """Text that may span lines, safe to print: new lines and tabs are kept."""
    if _UNSAFE_IN_TEXT.search(text) is None:  # the usual case: no copy at all
        return text
    return _UNSAFE_IN_TEXT.sub(_escape_match_keeping_crlf, text)


def safe_line(text: str) -> str:
    """Text that must stay on one line (a file name, a title), safe to print."""
    if _UNSAFE_IN_LINE.search(text) is None:
        return text
    return _UNSAFE_IN_LINE.sub(_escape_match, text)


def safe_json(text: str) -> str:
    """JSON text with the characters ``json.dumps(ensure_ascii=False)`` leaves raw
    (DEL, C1, bidirectional controls, line separators) written as ``\\uXXXX``.

    Only valid on JSON output: those characters can only stand inside its strings.
    """
    if _UNSAFE_IN_JSON.search(text) is None:
        return text
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The first character a pack string may not hold, with its 0-based index, or None.

    Control characters other than new line and tab, and bidirectional overrides
    and isolates (emoji and zero-width joiners are fine).
    """
    if text.isprintable():  # no Cc nor Cf at all: the usual case, and cheap to ask
        return None
    match = _FORBIDDEN.search(text)
    return None if match is None else (match.start(), match.group())


def describe(char: str) -> str:
    """``U+001B (escape)``: how a problem names a forbidden character."""
    name = _NAMES.get(ord(char))
    code = f"U+{ord(char):04X}"
    return f"{code} ({name})" if name else code


class _EscapingWriter(io.TextIOBase):
    """A text stream that escapes what is written, then passes it on."""

    def __init__(self, stream: TextIO, escape: Callable[[str], str]) -> None:
        super().__init__()
        self._stream = stream
        self._escape = escape

    def write(self, text: str) -> int:
        self._stream.write(self._escape(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def for_terminal(stream: TextIO, escape: Callable[[str], str] = safe_text) -> TextIO:
    """``stream`` itself, or when it is a terminal, a writer that escapes what it is given.

    Data meant for files and pipes (a CSV report) is written exactly; a person
    reading it on a terminal sees escapes instead of their effects.
    """
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        terminal = False
    return cast(TextIO, _EscapingWriter(stream, escape)) if terminal else stream


_NAMES = {
    0x07: "bell",
    0x08: "backspace",
    0x0D: "carriage return",
    0x1B: "escape",
    0x7F: "delete",
    0x9B: "control sequence introducer",
    0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting",
    0x202D: "left-to-right override",
    0x202E: "right-to-left override",
    0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate",
    0x2068: "first strong isolate",
    0x2069: "pop directional isolate",
}
