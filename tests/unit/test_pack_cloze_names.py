"""Named blanks: ``{{#name: answer}}`` gives the id FACT#name; unnamed blanks keep FACT#N."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizbot.packs import cloze
from quizbot.packs.loader import load_pack

PACK = """\
pack: p
title: T
facts:
  - id: users
    text: "{text}"
{tests}"""


def _ids(tmp_path: Path, text: str, tests: str = "") -> list[str]:
    file = tmp_path / "p.yaml"
    file.write_text(PACK.format(text=text, tests=tests), encoding="utf-8")
    result = load_pack(file)
    assert result.problems == [], result.problems
    assert result.pack is not None
    return [q.id for q in result.pack.questions]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("{{342 million}} used {{online education}}.", ["users#1", "users#2"]),
        ("{{#users: 342 million|342m}} used {{online education}}.", ["users#users", "users#2"]),
        ("{{#1}} and {{C#}} stay answers.", ["users#1", "users#2"]),  # backward compatible
        ("{{#hashtag}} is no name without ': '.", ["users#1"]),
    ],
)
def test_blank_ids(tmp_path: Path, text: str, ids: list[str]) -> None:
    assert _ids(tmp_path, text) == ids


def test_named_blank_keeps_its_id_when_a_blank_is_inserted(tmp_path: Path) -> None:
    before = _ids(tmp_path, "Over {{#users: 342 million}} people.")
    after = _ids(tmp_path, "In {{2020}}, over {{#users: 342 million}} people.")
    assert "users#users" in before and "users#users" in after


def test_named_blank_answer_and_aliases() -> None:
    (blank,) = cloze.blanks("{{#users: 342 million|342m}}")
    assert blank.name == "users"
    assert blank.forms == ("342 million", "342m")
    assert cloze.plain_text("Over {{#users: 342 million|342m}}.") == "Over 342 million."


def test_tests_keyed_by_name(tmp_path: Path) -> None:
    tests = "    tests:\n      users:\n        rejected: [346 million]\n"
    assert _ids(tmp_path, "{{#users: 342 million}}", tests) == ["users#users"]


def test_two_blanks_with_one_name_is_a_problem(tmp_path: Path) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(PACK.format(text="{{#a: x}} {{#a: y}}", tests=""), encoding="utf-8")
    messages = [p.message for p in load_pack(file).problems]
    assert any("named 'a'" in m for m in messages)
