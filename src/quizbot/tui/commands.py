"""The command palette: the tutor's actions, a topic to be quizzed on, a pack to play.

Topic and pack titles come from packs, so every entry is handed to Textual as
``Content`` (never as a markup string): ``[/]`` in a title is shown, not parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from quizbot.packs.schema import ID_PATTERN
from quizbot.safetext import safe_line

if TYPE_CHECKING:
    from quizbot.tui.app import QuizApp


@dataclass(frozen=True)
class PaletteCommand:
    """One line in the palette: ``title`` is plain text, safe to show on one line."""

    title: str
    help: str
    run: Callable[[], object]


def _shown_id(identifier: str) -> str:
    """An id for the help line, which Textual reads as markup: a valid id holds no
    bracket or backslash; anything else (a model built without validation) is hidden."""
    return identifier if ID_PATTERN.fullmatch(identifier) else "?"


# (palette title, help, tutor command name); the same actions as the key bindings.
TUTOR_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Hint", "A clue for the current question", "hint"),
    ("Skip question", "Show the answer and move on", "skip"),
    ("Repeat question", "Ask the current question again", "repeat"),
    ("Why?", "Explain the last answer, with its source", "why"),
    ("Score", "How this round is going", "score"),
    ("New round", "Start a new round of questions", "new"),
    ("Review missed", "Go over the questions missed", "review"),
    ("Review due", "The questions due now or missed, from every session", "review"),
    ("New questions", "A round of questions you have never seen", "unseen"),
    ("Weak spots", "The questions you are least likely to remember", "weak"),
    ("Exam", "A timed exam: no hints, verdicts at the end", "exam"),
    ("Dispute the last verdict", "It was right: flag it for the author, no miss", "dispute"),
    ("List topics", "What the tutor can quiz you on", "topics"),
    ("Help", "What you can type and which keys do what", "help"),
)


def palette_commands(app: QuizApp) -> list[PaletteCommand]:
    """Every command the palette offers, built from the tutor's topics and packs."""
    commands = [
        PaletteCommand(title, help_text, partial(app.send_command, name))
        for title, help_text, name in TUTOR_ACTIONS
    ]
    commands.append(PaletteCommand("Show stats", "Your progress over time", app.action_stats))
    for topic_id, title in app.tutor.topics():
        commands.append(
            PaletteCommand(
                f"Quiz me on: {safe_line(title)}",
                f"A round on the topic '{_shown_id(topic_id)}'",
                partial(app.send_command, "topic", topic_id),
            )
        )
    for pack in app.tutor.packs:
        commands.append(
            PaletteCommand(
                f"Play pack: {safe_line(pack.title)}",
                f"Switch to the pack '{_shown_id(pack.id)}'",
                partial(app.send_command, "pack", pack.id),
            )
        )
    commands.append(PaletteCommand("Quit", "Leave quizbot (progress is saved)", app.action_quit))
    return commands


class QuizCommands(Provider):
    """Offers the tutor's commands, topics and packs in the command palette."""

    def _commands(self) -> list[PaletteCommand]:
        from quizbot.tui.app import QuizApp

        app = self.app
        if not isinstance(app, QuizApp):
            return []
        return palette_commands(app)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(
                Content(command.title), command.run, text=command.title, help=command.help
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, command.title),
                    command.run,
                    text=command.title,
                    help=command.help,
                )


def highlighted(matcher: Matcher, title: str) -> Content:
    """The title with the letters the query matched highlighted.

    ``Matcher.highlight`` parses its candidate as markup (a title holding ``[/]``
    raised MarkupError); this builds plain ``Content`` and styles the same letters.
    """
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if not score:
        return content
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
