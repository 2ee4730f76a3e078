"""``quizbot try``: the author types answers to one question and sees how each is marked.

Line by line on any text streams (a terminal, a pipe, a test). After a verdict,
``/accept``, ``/reject`` or ``/test`` adds the last answer to the pack file (see
``editing``); the pack is reloaded, so the next answer is marked by the new pack.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from quizbot.authoring.editing import EditError, Where, add_response
from quizbot.packs.model import Pack, Question
from quizbot.safetext import safe_line, safe_text

HELP = (
    "Type an answer to see how it is marked. Then /accept (an alias, for a blank), "
    "/reject or /test adds that answer to the pack; /quit ends."
)
COMMANDS: dict[str, Where | None] = {
    "/accept": "accept",
    "/reject": "reject",
    "/test": None,  # accepted or rejected: as it is marked now
    "/quit": None,
}


def describe(question: Question) -> list[str]:
    """The question as the author will check it: prompt, answer and other forms."""
    lines = [f"{question.id} ({question.type})", f"Prompt: {question.prompt}"]
    if question.options:
        lines.append("Options: " + " | ".join(question.options))
    if question.type == "list":
        lines.append("Answers: " + "; ".join(" / ".join(item) for item in question.answers))
    else:
        lines.append(f"Answer: {question.answer}")
    if question.accept:
        lines.append("Also accepted: " + ", ".join(question.accept))
    if question.reject:
        lines.append("Rejected: " + ", ".join(r.answer for r in question.reject))
    return lines


class TrySession:
    """One author trying answers to one question: each line in, the lines to show out.

    Both fronts drive it (the plain loop below, and the terminal UI): the marking,
    the edits and the reload after each edit live here once.
    """

    def __init__(self, path: Path, question_id: str, load: Callable[[], Pack]) -> None:
        self.path = path
        self.question_id = question_id
        self.load = load
        question = load().question(question_id)
        if question is None:
            raise KeyError(question_id)
        self.question = question
        self.last: tuple[str, bool] | None = None  # the last response, and was it right
        self.finished = False

    def intro(self) -> list[str]:
        return [*describe(self.question), HELP]

    def handle(self, line: str) -> list[str]:
        """Mark an answer, or run a command on the last one; the lines to show."""
        from quizbot.grading import grade

        said = line.rstrip("\r\n")
        command = said.strip().lower()
        if command == "/quit":
            self.finished = True
            return []
        if command in COMMANDS:
            return self._save(command)
        if command.startswith("/"):
            return [f"Unknown command {safe_line(said.strip())!r}. {HELP}"]
        verdict = grade(self.question, said)
        self.last = (said, verdict.correct)
        advice = (
            "  /test keeps it accepted; /reject marks it wrong from now on."
            if verdict.correct
            else "  /accept marks it right from now on; /test keeps it rejected."
        )
        return [
            f"{verdict.verdict} (score {verdict.score:.2f}, reason: {verdict.reason}): "
            f"{verdict.feedback}",
            advice,
        ]

    def _save(self, command: str) -> list[str]:
        if self.last is None:
            return [f"Type an answer first; then {command} adds it to the pack."]
        where = COMMANDS[command] or ("accepted" if self.last[1] else "rejected")
        try:
            edit = add_response(self.path, self.question, where, self.last[0])
        except EditError as error:
            return [f"Not changed: {error}"]
        self.question = self.load().question(self.question_id) or self.question
        self.last = None
        return [f"Saved: {edit.description}; the pack still validates."]


def run_try(
    path: Path,
    question_id: str,
    load: Callable[[], Pack],
    stdin: TextIO,
    stdout: TextIO,
) -> int:
    """The plain loop, line by line; ``load`` reads the pack (again after each edit)."""

    def say(text: str) -> None:
        stdout.write(safe_text(text) + "\n")
        stdout.flush()

    session = TrySession(path, question_id, load)
    for line in session.intro():
        say(line)
    while not session.finished:
        stdout.write("> ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            break
        for shown in session.handle(line):
            say(shown)
    return 0
