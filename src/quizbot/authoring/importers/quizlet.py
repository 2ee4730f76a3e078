"""Quizlet's export: one card a line, term and definition separated by a tab or a comma.

Quizlet's Write mode shows the definition and asks for the term, so the definition
becomes the prompt and the term the answer.
"""

from __future__ import annotations

from quizbot.authoring.importers.builder import PackBuilder, number_or_text


def read_quizlet(text: str, builder: PackBuilder) -> None:
    lines = text.splitlines()
    # Quizlet writes one separator for the whole file: a tab if any line has one.
    separator = "\t" if any("\t" in line for line in lines) else ","
    name = "tab" if separator == "\t" else "comma"
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if separator not in line:
            builder.problem(number, f"no {name} between term and definition: skipped")
            continue
        term, definition = (part.strip() for part in line.split(separator, 1))
        if not term or not definition:
            missing = "term" if not term else "definition"
            builder.problem(number, f"the card has no {missing}: skipped")
            continue
        builder.add({"type": number_or_text(term), "prompt": definition, "answer": term}, number)
