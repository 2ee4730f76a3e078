"""The advice ``validate`` gives (warnings; ``--strict`` fails on them), one check a case."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizbot.authoring.checks import pack_warnings
from quizbot.authoring.starter import starter_text
from quizbot.packs.loader import load_pack

HEAD = """\
pack: p
title: T
sources:
  - {id: s, title: S}
topics:
  - {id: a, title: A}
  - {id: b, title: B}
"""


def _warnings(tmp_path: Path, body: str) -> list[str]:
    file = tmp_path / "p.yaml"
    file.write_text(HEAD + body, encoding="utf-8")
    result = load_pack(file)
    assert result.problems == [], result.problems
    assert result.pack is not None
    return [str(w) for w in pack_warnings(result.pack)]


def _q(qid: str, prompt: str, answer: str, *, topic: str = "a", extra: str = "") -> str:
    return (
        f"  - id: {qid}\n    type: text\n    topic: {topic}\n    source: s\n"
        f"    prompt: {prompt}\n    answer: {answer}\n{extra}"
    )


def test_a_good_pack_has_no_warnings(tmp_path: Path) -> None:
    body = "questions:\n" + _q("q1", "Which city?", "Hohhot") + _q("q2", "Which app?", "WeChat")
    assert _warnings(tmp_path, body) == []


def test_starter_pack_has_no_warnings(tmp_path: Path) -> None:
    file = tmp_path / "s.yaml"
    file.write_text(starter_text(file), encoding="utf-8")
    pack = load_pack(file).pack
    assert pack is not None and pack_warnings(pack) == []


def test_question_that_teaches_nothing(tmp_path: Path) -> None:
    body = "questions:\n  - {id: bare, type: text, prompt: Which city?, answer: Hohhot}\n"
    (line,) = _warnings(tmp_path, body)
    assert line.startswith(f"{tmp_path / 'p.yaml'}:9:5: warning: question 'bare' has no hint")


def test_answer_accepted_for_another_question_of_the_topic(tmp_path: Path) -> None:
    body = "questions:\n" + _q("hubei", "Which province, 1?", "Hubei")
    body += _q("hebei", "Which province, 2?", "Hebei")
    found = _warnings(tmp_path, body)
    assert any(
        "'Hubei', an answer of 'hubei', is also marked right for 'hebei'" in w for w in found
    )
    # In another topic the two questions are never asked together: no warning.
    other = "questions:\n" + _q("hubei", "Which province, 1?", "Hubei")
    other += _q("hebei", "Which province, 2?", "Hebei", topic="b")
    assert _warnings(tmp_path, other) == []


def test_number_within_another_questions_tolerance(tmp_path: Path) -> None:
    body = (
        "questions:\n"
        "  - {id: n1, type: number, topic: a, source: s, prompt: Users?, answer: 342 million,"
        " tolerance: 2%}\n"
        "  - {id: n2, type: number, topic: a, source: s, prompt: Workers?, answer: 346 million}\n"
    )
    found = _warnings(tmp_path, body)
    assert any(
        "'346 million', an answer of 'n2', is also marked right for 'n1'" in w for w in found
    )
    assert not any("an answer of 'n1'" in w for w in found)  # 342 is outside n2's exact key


def test_near_duplicate_prompts(tmp_path: Path) -> None:
    body = "questions:\n" + _q("one", "Which city has the telemedicine centre?", "Hohhot")
    body += _q("two", "Which city has the telemedicine center?", "Hohhot")
    found = _warnings(tmp_path, body)
    assert any("the prompt of 'two' is nearly the same as that of 'one'" in w for w in found)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("How many people used online education?", "How many people used online medicine?"),
        ("How many users were there in 2019?", "How many users were there in 2020?"),
    ],
)
def test_prompts_differing_in_a_word_or_number_are_not_duplicates(
    tmp_path: Path, first: str, second: str
) -> None:
    body = "questions:\n" + _q("one", first, "Hohhot") + _q("two", second, "Beijing")
    assert _warnings(tmp_path, body) == []


def test_prompt_giving_another_answer_away(tmp_path: Path) -> None:
    body = "questions:\n" + _q("who", "Who leads China Daily's website?", "Han Lei")
    body += _q("what", "What did Han Lei say about villages?", "connected")
    found = _warnings(tmp_path, body)
    assert any("the prompt of 'what' holds 'Han Lei', the answer of 'who'" in w for w in found)


def test_fact_no_question_tests(tmp_path: Path) -> None:
    body = (
        "facts:\n  - {id: idle, source: s, text: A sentence with no blank.}\n"
        "  - {id: used, source: s, text: 'A {{blank}}.'}\n"
    )
    found = _warnings(tmp_path, body)
    assert len(found) == 1 and "no question tests fact 'idle'" in found[0]


def test_exact_number_asked_of_a_rough_figure(tmp_path: Path) -> None:
    fact = "facts:\n  - {id: f, source: s, text: Nearly 900 million people registered.}\n"
    asked = (
        "questions:\n  - {{id: n, type: number, topic: a, fact: f, prompt: '{prompt}',"
        " answer: 900 million}}\n"
    )
    found = _warnings(tmp_path, fact + asked.format(prompt="How many people registered?"))
    assert any("the fact says 'nearly' '900 million'" in w for w in found)
    roughly = asked.format(prompt="Roughly how many people registered?")
    assert _warnings(tmp_path, fact + roughly) == []


def test_an_answer_of_no_letters_or_digits_can_never_be_matched(tmp_path: Path) -> None:
    body = "questions:\n" + _q("mark", "Which mark?", '"?"', extra='    accept: ["—", "Q"]\n')
    body += (
        "  - {id: cities, type: list, topic: a, source: s, prompt: Name two.,"
        ' answers: [Hohhot, "?", [Guiyang, "!"]], need: 2}\n'
        "  - {id: pick, type: choice, topic: a, source: s, prompt: Which?,"
        ' options: [Hohhot, "…"], answer: Hohhot}\n'
    )
    found = [w.split("warning: ", 1)[1] for w in _warnings(tmp_path, body)]
    assert found == [  # in file order, then by message
        "the accepted answer '—' of 'mark' has no letters or digits: no answer can match"
        " it (write it in words)",
        "the answer '?' of 'mark' has no letters or digits: no answer can match it"
        " (write it in words)",
        "the list item '!' of 'cities' has no letters or digits: no answer can match it"
        " (write it in words)",
        "the list item '?' of 'cities' has no letters or digits: no answer can match it"
        " (write it in words)",
        "the option '…' of 'pick' has no letters or digits: no answer can match it"
        " (write it in words)",
    ]
