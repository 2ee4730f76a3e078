"""The Aiken format: a question line, options ``A.`` or ``A)``, then ``ANSWER: B``."""

from __future__ import annotations

import re

from quizbot.authoring.importers.builder import PackBuilder

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*\S)\s*$")
_ANSWER = re.compile(r"^ANSWER:\s*(\S*)\s*$", re.IGNORECASE)


def read_aiken(text: str, builder: PackBuilder) -> None:
    prompt, start = "", 0
    options: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        option, answer = _OPTION.match(line), _ANSWER.match(line)
        if answer:
            if not prompt:
                builder.problem(number, "ANSWER: with no question before it: skipped")
            else:
                _finish(builder, start, prompt, options, answer.group(1).upper())
            prompt, options = "", {}
        elif option and prompt:
            options[option.group(1)] = option.group(2)
        else:
            if prompt:
                builder.problem(start, "the question has no ANSWER: line: skipped")
            prompt, start, options = line, number, {}
    if prompt:
        builder.problem(start, "the question has no ANSWER: line: skipped")


def _finish(
    builder: PackBuilder, line: int, prompt: str, options: dict[str, str], letter: str
) -> None:
    if letter not in options:
        known = ", ".join(options) or "none"
        builder.problem(line, f"ANSWER: {letter or '(empty)'} is not one of the options "
                        f"({known}): skipped")  # fmt: skip
        return
    builder.add(
        {"type": "choice", "prompt": prompt, "answer": options[letter],
         "options": list(options.values())},
        line,
    )  # fmt: skip
