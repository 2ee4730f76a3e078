"""Control characters shown as escapes, so that text from a file or a response can never
act on a terminal or a spreadsheet (ESC sequences, a bare CR, C1 controls, bidi overrides)."""

from __future__ import annotations

import re

# Unicode Cc except new line and tab, plus the bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\r": "\\r"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def escape_controls(text: str, *, newlines: bool = False) -> str:
    """``text`` with each control character written as an escape (ESC as ``\\x1b``);
    new lines and tabs are kept unless ``newlines`` asks to escape them too."""
    if newlines:
        text = text.replace("\n", "\\n").replace("\t", "\\t")
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text
