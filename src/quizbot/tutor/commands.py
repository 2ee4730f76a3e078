"""The one list of commands: what each is called, how it may be typed, what it does.

``/help`` shows this list; the line reader (:mod:`quizbot.tutor.intents`) reads it; the
README's command table says the same.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """One command of the conversation."""

    name: str
    usage: str  # as /help shows it
    does: str  # what happens, in a few words
    aliases: tuple[str, ...] = ()  # other names after a slash
    phrases: tuple[str, ...] = ()  # what a learner may type without the slash
    during_question: bool = False  # the bare phrases also work while a question is open
    typos: bool = True  # a bare phrase with a small typo still counts (between rounds)


COMMANDS: tuple[Command, ...] = (
    Command(
        "hint",
        "/hint",
        "a clue (a right answer then earns half)",
        phrases=("hint", "a hint", "give me a hint", "can i have a hint", "clue", "a clue"),
        during_question=True,
    ),
    Command(
        "skip",
        "/skip",
        "show the answer and go on (no points)",
        aliases=("next", "pass"),
        # A learner who has no clue gives up.
        phrases=(
            "skip",
            "pass",
            "next",
            "i don't know",
            "i dont know",
            "dont know",
            "don't know",
            "idk",
            "no idea",
            "i have no idea",
            "give up",
            "i give up",
            "show answer",
            "show the answer",
            "show me the answer",
            "skip it",
            "skip this",
            "skip this one",
            "next question",
            "i dunno",
            "dunno",
            "no clue",
            "i have no clue",
        ),
        during_question=True,
    ),
    Command(
        "repeat",
        "/repeat",
        "show the question again",
        aliases=("again",),
        phrases=(
            "repeat",
            "again",
            "say again",
            "say that again",
            "repeat the question",
            "what was the question",
        ),
        during_question=True,
    ),
    Command(
        "why",
        "/why",
        "explain the last answer, with its source",
        aliases=("explain",),
        phrases=("why", "explain", "explain that", "explain it", "explain please", "why is that"),
        during_question=True,
    ),
    Command(
        "score",
        "/score",
        "this round's score",
        phrases=("score", "my score", "what's my score", "what is my score", "how am i doing"),
        during_question=True,
    ),
    Command(
        "stats",
        "/stats",
        "your progress over time",
        aliases=("progress",),
        phrases=("stats", "my stats", "statistics", "my progress"),
    ),
    Command(
        "new",
        "/new",
        "end this round (summary) and start another",
        aliases=("start", "go"),
        phrases=(
            "new",
            "new round",
            "another round",
            "more questions",
            "more",
            "one more round",
            "play again",
            "next round",
            "start",
            "go",
            "start a round",
            "quiz",
            "quiz me",
            "let's go",
            "lets go",
            "play",
            "again please",
            "ok",
            "okay",
            "yes",
            "sure",
        ),
        typos=False,
    ),
    Command(
        "review",
        "/review",
        "the questions you missed or that are due",
        phrases=(
            "review",
            "review missed",
            "review the missed ones",
            "review mistakes",
            "my mistakes",
            "missed ones",
            "review missed questions",
        ),
    ),
    Command(
        "weak",
        "/weak",
        "a round on your weakest questions",
        phrases=("weak", "weak spots", "my weak spots", "weak questions", "weakest"),
    ),
    Command(
        "unseen",
        "/unseen",
        "a round of questions never seen",
        aliases=("fresh",),
        phrases=("unseen", "new questions", "questions i haven't seen", "fresh questions"),
    ),
    Command(
        "exam",
        "/exam",
        "a timed exam, verdicts at the end",
        phrases=("exam", "exam mode", "test me", "mock exam"),
    ),
    Command(
        "mode",
        "/mode NAME",
        "a round in a mode: review, new, weak, exam",
    ),
    Command(
        "dispute",
        "/dispute",
        "the last verdict was wrong: flag it",
        phrases=(
            "that was right",
            "i was right",
            "my answer was right",
            "that should be right",
            "that answer was right",
        ),
        during_question=True,
        typos=False,
    ),
    Command(
        "topics",
        "/topics",
        "the topics I can quiz you on",
        aliases=("menu",),
        phrases=(
            "topics",
            "what topics are there",
            "which topics",
            "list topics",
            "menu",
            "show topics",
            "what topics",
            "what can you quiz me on",
            "what topics do you have",
            "topic list",
        ),
        during_question=True,  # shows the menu; the question stays open
    ),
    Command("topic", "/topic N", "a round on topic N (its number or name)"),
    Command("pack", "/pack ID", "switch to another pack", aliases=("packs",)),
    Command(
        "help",
        "/help",
        "this list",
        aliases=("h", "?"),
        phrases=("help", "commands", "what can i type", "what can i say", "what can you do"),
        during_question=True,
    ),
    Command(
        "quit",
        "/quit",
        "leave (your progress is saved)",
        aliases=("exit", "bye", "q"),
        phrases=("quit", "exit", "bye", "goodbye", "good bye", "stop", "see you", "q"),
        during_question=True,
        typos=False,  # leaving by accident would be rude ("quiz" is one letter from "quit")
    ),
)

BY_NAME = {command.name: command for command in COMMANDS}


def help_text() -> str:
    """What /help shows: what a line does, then every command (fits a chat bubble at 80
    columns: 60 characters a line)."""
    width = max(len(c.usage) for c in COMMANDS) + 2
    bare = ", ".join(c.name for c in COMMANDS if c.during_question)
    lines = [
        "During a question, a line is graded as your answer, except:",
        "- a line starting with / is a command (below);",
        "- a command word alone, unless it could be your answer:",
        *textwrap.wrap(f"{bare};", 58, initial_indent="  ", subsequent_indent="  "),
        "- a question of your own: it ends with ? or starts like",
        '  one ("what is...", "tell me about..."). I answer it from',
        "  the facts, or say that I can't; the quiz question stays",
        "  open. A letter, yes/no or a number with a ? is still an",
        '  answer ("342 million?").',
        'Between rounds: a topic\'s number or name, "5 questions",',
        "easier, harder, or Enter for a round on all topics.",
        "Commands:",
    ]
    lines += [f"  {c.usage:<{width}}{c.does}" for c in COMMANDS]
    return "\n".join(lines)
