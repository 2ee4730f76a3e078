"""Chat bubbles: one per tutor message or learner line, styled by kind and verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from quizbot.quiz.options import letter
from quizbot.safetext import safe_line
from quizbot.tui.widgets.literal import literal, literal_line
from quizbot.tutor.messages import BotMessage

# Shown before a verdict so the outcome reads without colour too (screen readers, mono).
VERDICT_SYMBOLS = {"correct": "✓", "partial": "◐", "incorrect": "✗"}

# A short label on bubbles whose kind is not obvious from the text alone.
KIND_LABELS = {"hint": "Hint", "explanation": "Why", "summary": "Round over", "warning": "Warning"}


def option_lines(options: tuple[str, ...]) -> str:
    """Choice options as ``A) ...`` lines, lettered in the order shown.

    Each option stays on its line: a new line in one must not draw a fake ``B)``.
    """
    return "\n".join(f"{letter(i)}) {safe_line(text)}" for i, text in enumerate(options))


def bubble_body(message: BotMessage) -> str:
    """The main text of a bot bubble: the verdict symbol, a label, then the message."""
    text = message.text.strip()
    if message.kind == "verdict" and message.verdict is not None:
        return f"{VERDICT_SYMBOLS.get(message.verdict.verdict, '•')} {text}"
    label = KIND_LABELS.get(message.kind)
    if label and not text.lower().startswith(label.lower()):
        return f"{label}: {text}"
    return text


def bubble_classes(message: BotMessage) -> str:
    """CSS classes of a bot bubble: its kind and, for a verdict, the outcome."""
    classes = ["bubble", "bot", message.kind]
    if message.verdict is not None:
        classes.append(message.verdict.verdict)
    return " ".join(classes)


class BotBubble(Vertical):
    """What the tutor says, on the left: straight in the transcript, with no row
    around it (left is where a column puts it), so a reply costs fewer widgets."""

    def __init__(self, message: BotMessage) -> None:
        super().__init__(classes=bubble_classes(message))
        self.message = message

    def compose(self) -> ComposeResult:
        # Pack text and learner text are shown as written: [brackets] and escapes too.
        yield Static(literal(bubble_body(self.message)), markup=False, classes="body")
        if self.message.options:
            yield Static(
                literal(option_lines(self.message.options)), markup=False, classes="options"
            )
        if self.message.source:
            yield Static(
                literal_line(f"Source: {self.message.source}"), markup=False, classes="source"
            )


class LearnerBubble(Static):
    """A line the learner typed, on the right."""

    def __init__(self, text: str) -> None:
        super().__init__(literal(text), markup=False, classes="bubble learner")
        self.text = text


class BubbleRow(Horizontal):
    """One line of the transcript, so a bubble can sit on the right (the learner's)."""

    def __init__(self, bubble: BotBubble | LearnerBubble) -> None:
        side = "learner-row" if isinstance(bubble, LearnerBubble) else "bot-row"
        super().__init__(classes=f"row {side}")
        self.bubble = bubble

    def compose(self) -> ComposeResult:
        yield self.bubble
