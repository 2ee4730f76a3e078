"""Plain line mode: the tutor's conversation on standard input and output, no full screen.

For scripts, screen readers and terminals without full-screen support: no
colours, no cursor movement, one idea per line, each verdict spelled out in
words ("Correct:", "Partly right:", "Not quite:"). On a terminal, lines wrap at
word boundaries to its width. Never imports Textual.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Iterable
from typing import TextIO

from quizbot.quiz import letter
from quizbot.safetext import safe_text
from quizbot.tutor import Tutor
from quizbot.tutor.messages import BotMessage

PROMPT = "> "
# The TUI's headlines ("Correct!", "Partly right.", "Not quite."), said as labels.
VERDICT_LABELS = {"correct": "Correct:", "partial": "Partly right:", "incorrect": "Not quite:"}
KIND_LABELS = {"hint": "Hint:", "warning": "Warning:"}


def render(message: BotMessage) -> list[str]:
    """The plain text lines of one message."""
    text = message.text.strip()
    lines: list[str] = []
    if message.kind == "question":
        if message.progress is not None:
            number = min(message.progress.asked + 1, message.progress.total)
            text = f"[{number}/{message.progress.total}] {text}"
        lines.extend(text.splitlines())
    elif message.kind == "verdict" and message.verdict is not None:
        # The tutor gives the verdict without its headline, worded to follow the label.
        label = VERDICT_LABELS.get(message.verdict.verdict, "Result:")
        body = (message.body if message.body is not None else text).strip().splitlines()
        lines.append(f"{label} {body[0] if body else ''}".rstrip())
        lines.extend(body[1:])
    else:
        label = KIND_LABELS.get(message.kind, "")
        lines.extend(f"{label} {text}".strip().splitlines() if label else text.splitlines())
    lines.extend(f"{letter(i)}) {option}" for i, option in enumerate(message.options))
    if message.source:
        lines.append(f"Source: {message.source}")
    return lines


# A list item's marker: "- ", "6) ", "AB) ". Its wrapped lines hang under its text.
_ITEM = re.compile(r"\s*(?:-|\w{1,2}\))\s+")


def wrap(line: str, width: int | None) -> list[str]:
    """A line cut at word boundaries to ``width`` columns (None: as it is). Continuation
    lines keep the line's indentation, and a list item's hang under its text, so a
    menu, an option or a missed question stays readable."""
    if width is None or len(line) <= width:
        return [line]
    item = _ITEM.match(line)
    indent = " " * item.end() if item else line[: len(line) - len(line.lstrip())]
    return textwrap.wrap(
        line,
        width,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [line]


# Typographic marks an ASCII terminal (or a screen reader's) cannot show, said in ASCII.
_ASCII_MARKS = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "…": "...", "×": "x"}
)


def _write(output: TextIO, text: str) -> None:
    """Write; on a terminal whose encoding cannot show a character, typographic marks are
    said in ASCII and anything else becomes "?", so a learner's session goes on."""
    text = safe_text(text)  # pack text and echoed responses: escapes shown, never obeyed
    try:
        output.write(text)
    except UnicodeEncodeError:
        encoding = getattr(output, "encoding", None) or "ascii"
        text = text.translate(_ASCII_MARKS)
        output.write(text.encode(encoding, "replace").decode(encoding))


def show(messages: Iterable[BotMessage], output: TextIO, width: int | None = None) -> None:
    """Print messages, a blank line after each group so a listener hears where one ends."""
    for message in messages:
        for line in render(message):
            for part in wrap(line, width):
                _write(output, part + "\n")
    _write(output, "\n")
    output.flush()


def terminal_width(output: TextIO) -> int | None:
    """The width to wrap at: the terminal's, when output is one; None for pipes and files."""
    if not _interactive(output):
        return None
    return max(20, shutil.get_terminal_size().columns - 1)


def run_plain(tutor: Tutor, input: TextIO, output: TextIO) -> int:
    """Hold the conversation line by line until the learner quits or input ends; exit status."""
    width = terminal_width(output)
    store = tutor.store
    notices = store.pending_notices() if store is not None else []  # repairs told once
    if store is not None and notices:
        show((BotMessage("warning", notice) for notice in notices), output, width)
        store.acknowledge(notices)
    show(tutor.start(), output, width)
    # Echo what a script typed, so a transcript of a piped session reads like a dialogue.
    echo = not _interactive(input)
    while tutor.status.stage != "ended":
        _write(output, PROMPT)
        output.flush()
        line = input.readline()
        if not line:  # end of input: leave politely; every answer is already saved
            _write(output, "\n")
            show(tutor.command("quit"), output, width)
            break
        line = line.rstrip("\r\n")
        if echo:
            _write(output, line + "\n")
        show(tutor.respond(line), output, width)
    return 0


def _interactive(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
