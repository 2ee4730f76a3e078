"""safetext: every control character shown as a visible escape, nothing else changed."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from quizbot.packs.loader import load_pack
from quizbot.safetext import (
    describe,
    for_terminal,
    forbidden_character,
    safe_json,
    safe_line,
    safe_text,
)

# What a terminal would obey, and what would break a one-line record.
# A CR is raw only when it is not the CR of a CR LF (which draws as a new line).
RAW_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
RAW_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("\x1b]52;c;cHduZWQ=\x07", "\\x1b]52;c;cHduZWQ=\\x07"),
        ("\x1b[2J\x1b[?1049l", "\\x1b[2J\\x1b[?1049l"),
        ("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\link"),
        ("over\rwritten", "over\\rwritten"),
        ("\x9b2J", "\\x9b2J"),
        ("\x7f\x00\x08", "\\x7f\\x00\\x08"),
        ("abc\u202edef\u2066x\u2069", "abc\\u202edef\\u2066x\\u2069"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("windows line\r\nend", "windows line\r\nend"),
        ("[/] [link=http://x]y[/link] [bold]", "[/] [link=http://x]y[/link] [bold]"),
        ("👩\u200d💻 🇨🇳 互联网 \u200d", "👩\u200d💻 🇨🇳 互联网 \u200d"),
    ],
)
def test_safe_text_table(text: str, shown: str) -> None:
    assert safe_text(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("evil\nforged.yaml:1:1: fine", "evil\\nforged.yaml:1:1: fine"),
        ("a\tb\r\nc", "a\\tb\\r\\nc"),
        ("para\u2028graph\u2029", "para\\u2028graph\\u2029"),
        ("\x1b]0;t\x07", "\\x1b]0;t\\x07"),
        ("plain title [/]", "plain title [/]"),
    ],
)
def test_safe_line_table(text: str, shown: str) -> None:
    assert safe_line(text) == shown


def test_clean_text_is_returned_as_it_is() -> None:
    text = "A long clean text 🙂 " * 10_000
    assert safe_text(text) is text
    assert safe_line(text) is text


@given(st.text())
@example("line\r\nnext \r\r\n")  # a kept CR LF, and a bare CR just before one
def test_nothing_a_terminal_would_obey_survives(text: str) -> None:
    shown = safe_text(text)
    assert RAW_IN_TEXT.search(shown) is None
    assert RAW_IN_LINE.search(safe_line(text)) is None
    # Escaping twice changes nothing more: fronts may escape text already escaped.
    assert safe_text(shown) == shown
    assert safe_line(safe_line(text)) == safe_line(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert safe_text(text) == text
    assert safe_line(text) == text


@given(
    st.recursive(st.text() | st.integers(), lambda c: st.lists(c) | st.dictionaries(st.text(), c))
)
def test_safe_json_is_still_the_same_json(value: object) -> None:
    text = safe_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert RAW_IN_LINE.search(text) is None


def test_a_long_hostile_string_is_escaped_whole() -> None:
    text = "\x1b[2J\r\x9b" * 100_000
    shown = safe_text(text)
    assert shown == "\\x1b[2J\\r\\x9b" * 100_000


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("fine\nwith\ttabs 👩\u200d💻", None),
        ("a\x1bb", (1, "\x1b")),
        ("line\r\nend", (4, "\r")),  # CR is a control character in a pack string
        ("\u202eevil", (0, "\u202e")),
        ("x\x9b", (1, "\x9b")),
        ("\u2068isolated\u2069", (0, "\u2068")),
    ],
)
def test_forbidden_character(text: str, found: tuple[int, str] | None) -> None:
    assert forbidden_character(text) == found


def test_describe_names_the_character() -> None:
    assert describe("\x1b") == "U+001B (escape)"
    assert describe("\u202e") == "U+202E (right-to-left override)"
    assert describe("\x01") == "U+0001"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_for_terminal_escapes_only_on_a_terminal() -> None:
    pipe = io.StringIO()
    assert for_terminal(pipe) is pipe  # data for scripts is written exactly
    terminal = FakeTerminal()
    writer = for_terminal(terminal)
    assert writer.write("a\x1b]0;x\x07\n") == len("a\x1b]0;x\x07\n")
    writer.flush()
    assert terminal.getvalue() == "a\\x1b]0;x\\x07\n"
    closed = io.StringIO()
    closed.close()
    assert for_terminal(closed) is closed


# -- the pack validator ------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


PACK = """\
pack: p
title: {title}
sources:
  - id: s
    title: {source}
topics:
  - id: t
    title: {topic}
facts:
  - id: f
    topic: t
    source: s
    text: {fact}
questions:
  - id: q
    type: choice
    topic: t
    prompt: {prompt}
    options: [{option}, "other"]
    answer: {option}
    hint: {hint}
"""
FIELDS = ("title", "source", "topic", "fact", "prompt", "option", "hint")
CLEAN = {
    "title": '"A pack"',
    "source": '"A source"',
    "topic": '"A topic"',
    "fact": '"The {{wall}} fell"',
    "prompt": '"Which?"',
    "option": '"this one"',
    "hint": '"think"',
}


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("escape", ["\\e]0;x\\a", "\\r", "\\x9b", "\\u202e", "\\x00", "\\x7f"])
def test_each_pack_string_with_a_control_is_a_problem_at_its_place(
    tmp_path: Path, field: str, escape: str
) -> None:
    values = dict(CLEAN)
    values[field] = values[field][:-1] + escape + '"'
    text = PACK.format(**values)
    result = load_pack(write(tmp_path, text))
    assert result.pack is None
    problems = [p for p in result.problems if "not allowed" in p.message]
    # The option is written twice (options and answer): each place is reported.
    assert len(problems) == (2 if field == "option" else 1), result.problems
    for problem in problems:
        line = text.splitlines()[problem.place.line - 1]
        assert line[problem.place.column - 1 :].startswith(values[field])


def test_a_clean_pack_with_emoji_tabs_and_new_lines_loads(tmp_path: Path) -> None:
    values = dict(CLEAN)
    values["title"] = '"Family 👨\u200d👩\u200d👧 \u200d"'
    values["prompt"] = '"Line one\\n\\tLine two 🇨🇳?"'
    values["fact"] = '"The {{wall}} [/] fell [link=http://x]y[/link]"'
    result = load_pack(write(tmp_path, PACK.format(**values)))
    assert result.problems == []
    assert result.pack is not None


def test_a_key_holding_a_control_is_a_problem_and_is_shown_escaped(tmp_path: Path) -> None:
    text = PACK.format(**CLEAN).replace('title: "A pack"', '"title\\e[2J": "A pack"')
    problems = load_pack(write(tmp_path, text)).problems
    assert problems
    assert all(RAW_IN_LINE.search(str(p)) is None for p in problems)


FORBIDDEN_IN_PACKS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_forbidden_character_finds_the_first_one_whatever_the_text(text: str) -> None:
    match = FORBIDDEN_IN_PACKS.search(text)
    expected = None if match is None else (match.start(), match.group())
    assert forbidden_character(text) == expected
