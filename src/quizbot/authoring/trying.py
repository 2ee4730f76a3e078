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


def run_try(
    path: Path,
    question_id: str,
    load: Callable[[], Pack],
    stdin: TextIO,
    stdout: TextIO,
) -> int:
    """The loop; ``load`` reads the pack (again after each edit). Returns 0."""
    from quizbot.grading import grade

    def say(text: str) -> None:
        stdout.write(safe_text(text) + "\n")
        stdout.flush()

    pack = load()
    question = pack.question(question_id)
    assert question is not None  # checked by the caller
    for line in describe(question):
        say(line)
    say(HELP)
    last: tuple[str, bool] | None = None  # the last response and whether it was right
    while True:
        stdout.write("> ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return 0
        said = line.rstrip("\r\n")
        command = said.strip().lower()
        if command == "/quit":
            return 0
        if command in COMMANDS:
            if last is None:
                say("Type an answer first; then " + command + " adds it to the pack.")
                continue
            where = COMMANDS[command] or ("accepted" if last[1] else "rejected")
            try:
                edit = add_response(path, question, where, last[0])
            except EditError as error:
                say(f"Not changed: {error}")
                continue
            say(f"Saved: {edit.description}; the pack still validates.")
            pack = load()
            question = pack.question(question_id) or question
            last = None
            continue
        if command.startswith("/"):
            say(f"Unknown command {safe_line(said.strip())!r}. {HELP}")
            continue
        verdict = grade(question, said)
        say(
            f"{verdict.verdict} (score {verdict.score:.2f}, reason: {verdict.reason}): "
            f"{verdict.feedback}"
        )
        last = (said, verdict.correct)
        if verdict.correct:
            say("  /test keeps it accepted; /reject marks it wrong from now on.")
        else:
            say("  /accept marks it right from now on; /test keeps it rejected.")
