"""Plain line mode: the tutor's conversation on standard input and output, no full screen.

For scripts, screen readers and terminals without full-screen support: no
colours, no cursor movement, one idea per line, each verdict spelled out in
words ("Correct:", "Partly right:", "Not right:"). Never imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from quizbot.safetext import safe_text
from quizbot.tutor import Tutor
from quizbot.tutor.engine import HEADLINES
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.rounds import letter

PROMPT = "> "
VERDICT_LABELS = {"correct": "Correct:", "partial": "Partly right:", "incorrect": "Not right:"}
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
        for i, option in enumerate(message.options):
            lines.append(f"{letter(i)}) {option}")
    elif message.kind == "verdict" and message.verdict is not None:
        outcome = message.verdict.verdict
        text = _without_headline(text, HEADLINES.get(outcome, ""))
        text = _without_headline(text, VERDICT_LABELS.get(outcome, ""))
        label = VERDICT_LABELS.get(outcome, "Result:")
        body = text.splitlines() or [""]
        lines.append(f"{label} {body[0]}".rstrip())
        lines.extend(body[1:])
    else:
        label = KIND_LABELS.get(message.kind, "")
        if label and not text.lower().startswith(label.lower().rstrip(":")):
            text = f"{label} {text}"
        lines.extend(text.splitlines())
    if message.source:
        lines.append(f"Source: {message.source}")
    return lines


def _without_headline(text: str, headline: str) -> str:
    """The verdict text without its leading headline word, however it is punctuated
    ("Not quite — it is true." -> "it is true."): the label says it already."""
    words = re.findall(r"\w+", headline)
    if not words:
        return text
    pattern = r"^\s*" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)[\s.!,:;—–-]*"
    rest = re.sub(pattern, "", text, count=1, flags=re.IGNORECASE)
    return rest if rest.strip() else text


def _write(output: TextIO, text: str) -> None:
    """Write, replacing characters the terminal's encoding cannot show instead of failing."""
    text = safe_text(text)  # pack text and echoed responses: escapes shown, never obeyed
    try:
        output.write(text)
    except UnicodeEncodeError:
        encoding = getattr(output, "encoding", None) or "ascii"
        output.write(text.encode(encoding, "replace").decode(encoding))


def show(messages: Iterable[BotMessage], output: TextIO) -> None:
    """Print messages, a blank line after each group so a listener hears where one ends."""
    for message in messages:
        for line in render(message):
            _write(output, line + "\n")
    _write(output, "\n")
    output.flush()


def run_plain(tutor: Tutor, input: TextIO, output: TextIO) -> int:
    """Hold the conversation line by line until the learner quits or input ends; exit status."""
    store = tutor.store
    notices = store.pending_notices() if store is not None else []  # repairs told once
    if store is not None and notices:
        show((BotMessage("warning", notice) for notice in notices), output)
        store.acknowledge(notices)
    show(tutor.start(), output)
    # Echo what a script typed, so a transcript of a piped session reads like a dialogue.
    echo = not _interactive(input)
    while tutor.status.stage != "ended":
        _write(output, PROMPT)
        output.flush()
        line = input.readline()
        if not line:  # end of input: leave politely; every answer is already saved
            _write(output, "\n")
            show(tutor.command("quit"), output)
            break
        line = line.rstrip("\r\n")
        if echo:
            _write(output, line + "\n")
        show(tutor.respond(line), output)
    return 0


def _interactive(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
