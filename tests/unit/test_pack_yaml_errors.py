"""YAML syntax errors in our words: indentation, tabs, colons; and misnamed types."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizbot.packs.loader import load_pack

HEAD = "pack: p\ntitle: T\nquestions:\n  - id: a\n    type: text\n"


def _one(tmp_path: Path, text: str) -> str:
    file = tmp_path / "p.yaml"
    file.write_text(text, encoding="utf-8")
    (problem,) = load_pack(file).problems
    return str(problem).removeprefix(f"{file}:")


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        # A list item one space too deep: it belongs with the '- ' of line 4.
        (
            "   - id: b\n",
            "6:4: YAML syntax error: wrong indentation at column 4 "
            "(did you mean column 3, like line 4?",
        ),
        # A key one space short of the item's other keys.
        (
            "   prompt: x\n",
            "6:4: YAML syntax error: wrong indentation at column 4 "
            "(did you mean column 5, like line 5?",
        ),
        # A key indented under another key's value.
        (
            "      prompt: x\n",
            "6:7: YAML syntax error: wrong indentation at column 7 "
            "(did you mean column 5, like line 5?",
        ),
    ],
)
def test_wrong_indentation_names_the_column_that_lines_up(
    tmp_path: Path, bad_line: str, expected: str
) -> None:
    assert _one(tmp_path, HEAD + bad_line).startswith(expected)


@pytest.mark.parametrize(
    "text", ["pack: p\ntitle: T\nquestions:\n\t- id: a\n", HEAD + "\tprompt: x\n"]
)
def test_tab_indentation_says_use_spaces(tmp_path: Path, text: str) -> None:
    line = text.count("\n")
    assert _one(tmp_path, text) == (
        f"{line}:1: YAML syntax error: this line is indented with a tab; YAML allows only "
        "spaces for indentation (replace the tab with spaces)"
    )


def test_colon_in_a_value_says_quote_it(tmp_path: Path) -> None:
    assert _one(tmp_path, "pack: p\ntitle: Health: the codes\n") == (
        "2:14: YAML syntax error: a ': ' inside a value makes YAML read a second key on this "
        'line (put the whole value in quotes: "...")'
    )


@pytest.mark.parametrize(
    ("written", "ours"),
    [
        ("multiple", "choice"),
        ("multiple choice", "choice"),
        ("boolean", "truefalse"),
        ("numeric", "number"),
        ("short-answer", "text"),
    ],
)
def test_other_tools_type_names_suggest_ours(tmp_path: Path, written: str, ours: str) -> None:
    text = f"pack: p\ntitle: T\nquestions:\n  - {{id: a, type: {written}, prompt: P, answer: A}}\n"
    assert _one(tmp_path, text).endswith(
        f"unknown question type {written!r} (did you mean {ours!r}?)"
    )
