"""Untrusted text as Textual content: shown exactly as written, never obeyed.

Pack text, file names and responses reach widgets only through here. ``Content``
is never parsed as markup, so ``[/]`` or ``[link=...]`` shows as typed; and
control characters, which Textual passes through to the terminal (an OSC ended
by ``ESC \\`` survives it), are turned into visible escapes first.
"""

from __future__ import annotations

from textual.content import Content

from quizbot.safetext import safe_line, safe_text


def literal(text: str) -> Content:
    """Text that may span lines (new lines and tabs kept)."""
    return Content(safe_text(text))


def literal_line(text: str) -> Content:
    """Text that must stay on one line: a title, a palette entry."""
    return Content(safe_line(text))
