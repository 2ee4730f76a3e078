"""The pack loader: every kind of problem is reported at its line, never as a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from quizbot.packs.loader import load_pack, load_packs
from quizbot.packs.problems import PackError

GOOD = """\
pack: demo
title: Demo pack
version: 2
language: en
sources:
  - id: cd
    title: Internet plays key role in virus battle
    publisher: China Daily
    date: 2021-02-04
topics:
  - id: codes
    title: Health codes
facts:
  - id: registrations
    topic: codes
    source: cd
    text: "Nearly {{900 million}} people registered, using it {{40 billion}} times; \
{{70.4 percent}} of people in {{Hohhot|呼和浩特}} use {{4G}}."
questions:
  - id: q-number
    type: number
    prompt: How many registered?
    answer: 900 million
    fact: registrations
    topic: codes
    source: cd
    difficulty: 1
    tolerance: 2%
    tags: [pandemic]
  - id: q-text
    type: text
    prompt: Which city?
    answer: Hohhot
    accept: [呼和浩特]
    reject:
      - Hefei
      - {answer: Harbin, feedback: Harbin is in Heilongjiang.}
    tests:
      accepted: [hohhot]
      rejected: [Harbin]
  - id: q-choice
    type: choice
    prompt: Which app?
    options: [WeChat Work, DingTalk, QQ]
    answer: WeChat Work
  - id: q-tf
    type: truefalse
    prompt: The report is published twice a year.
    answer: true
  - id: q-list
    type: list
    prompt: Name two services.
    answers: [online education, [online medicine, telemedicine], remote work]
    need: 2
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    result = load_pack(write(tmp_path, text))
    assert result.pack is None or result.problems == []
    return [str(p) for p in result.problems]


def test_good_pack_loads_with_every_type_and_cloze(tmp_path: Path) -> None:
    result = load_pack(write(tmp_path, GOOD))
    assert result.problems == []
    pack = result.pack
    assert pack is not None
    assert (pack.id, pack.title, pack.version) == ("demo", "Demo pack", 2)
    assert pack.sources[0].date == "2021-02-04"
    assert [q.type for q in pack.questions[:5]] == ["number", "text", "choice", "truefalse", "list"]
    assert pack.question("q-tf") is not None and pack.question("q-tf").answer == "true"  # type: ignore[union-attr]
    listq = pack.question("q-list")
    assert listq is not None and listq.answers[1] == ("online medicine", "telemedicine")
    assert listq.needed == 2
    number = pack.question("q-number")
    assert number is not None and number.tolerance is not None and number.tolerance.relative
    assert all(q.pack == "demo" for q in pack.questions)


def test_cloze_blanks_become_questions(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path, GOOD)).pack
    assert pack is not None
    ids = [q.id for q in pack.questions if q.is_cloze]
    assert ids == [f"registrations#{i}" for i in range(1, 6)]
    first, second, third, city, fourth = (pack.question(i) for i in ids)
    assert first is not None and first.type == "number" and first.answer == "900 million"
    assert "_____" in first.prompt and "40 billion" in first.prompt
    assert third is not None and third.type == "number" and third.unit == "percent"
    assert second is not None and second.unit is None
    assert fourth is not None and fourth.type == "text" and fourth.answer == "4G"
    assert city is not None and city.type == "text" and city.accept == ("呼和浩特",)
    assert pack.facts[0].plain_text.startswith("Nearly 900 million people")


BROKEN = [
    # (what is changed, replacement, expected line, message fragment)
    (
        "title: Demo pack",
        "titel: Demo pack",
        2,
        "unknown key 'titel' in the pack (did you mean 'title'?)",
    ),
    ("    prompt: Which city?", "    promt: Which city?", 31, "did you mean 'prompt'?"),
    ("  - id: q-text", "  - id: q text", 29, "may use only letters"),
    ("  - id: q-choice", "  - id: q-text", 40, "question id 'q-text' is used twice"),
    (
        "    topic: codes\n    source: cd\n    difficulty",
        "    topic: kodes\n    source: cd\n    difficulty",
        24,
        "topic 'kodes' is not declared",
    ),
    (
        "    fact: registrations",
        "    fact: registration",
        23,
        "fact 'registration' is not declared",
    ),
    (
        "    type: choice",
        "    type: choise",
        41,
        "unknown question type 'choise' (did you mean 'choice'?)",
    ),
    ("    answer: 900 million", "    answer: lots", 22, "cannot read 'lots' as a number"),
    ("    answer: WeChat Work", "    answer: WeChat", 44, "is not one of the options"),
    ("    need: 2", "    need: 4", 53, "need is 4 but the list has only 3 answers"),
    ("    tolerance: 2%", "    tolerance: -1", 27, "must be zero or more"),
    ("    prompt: Which app?", "    prompt: ''", 42, "prompt is empty"),
    ("    difficulty: 1", "    difficulty: 5", 26, "out of range"),
    ("      - Hefei", "      - hohhot", 35, "is the answer itself"),
    ('{{4G}}."', '{{4G}."', 17, "unbalanced"),
    ("    answer: true", "    answer: maybe", 48, "must be true or false"),
    ("version: 2", "version: two", 3, "version must be a whole number"),
    (
        "    prompt: How many registered?",
        "    prompt: How many registered?\n    prompt: again",
        22,
        "appears twice",
    ),
    (
        "    tolerance: 2%",
        "    tolerance: 2%\n    unit: percnt",
        28,
        "unknown unit 'percnt' (did you mean 'percent'?)",
    ),
    ("    need: 2", "    need: 2\n    options: [a, b]", 54, "only a choice question takes options"),
]


@pytest.mark.parametrize(("old", "new", "line", "fragment"), BROKEN)
def test_each_problem_is_reported_at_its_line(
    tmp_path: Path, old: str, new: str, line: int, fragment: str
) -> None:
    assert old in GOOD
    found = problems_of(tmp_path, GOOD.replace(old, new, 1))
    matching = [p for p in found if fragment in p]
    assert matching, found
    assert matching[0].startswith(f"{tmp_path / 'pack.yaml'}:{line}:")


def test_fact_text_read_as_mapping_says_quote_it(tmp_path: Path) -> None:
    text = GOOD.replace(
        'text: "Nearly {{900 million}}', 'text: {{900 million}} people\n    x: "', 1
    )
    found = problems_of(tmp_path, text)
    assert found and any("quote" in p or "YAML" in p for p in found), found


def test_fact_text_mapping_is_reported_with_quote_advice(tmp_path: Path) -> None:
    text = """\
    pack: p
    title: t
    facts:
      - id: f
        text: {a: 1}
    """
    found = problems_of(tmp_path, text)
    assert any(":5:" in p and "put the whole text in quotes" in p for p in found), found


def test_all_problems_of_a_file_are_reported_in_one_run(tmp_path: Path) -> None:
    broken = GOOD.replace("titel", "title").replace("type: choice", "type: choise")
    broken = broken.replace("difficulty: 1", "difficulty: 9").replace("need: 2", "need: 7")
    assert len(problems_of(tmp_path, broken)) >= 3


def test_missing_required_keys(tmp_path: Path) -> None:
    text = """\
    pack: p
    title: t
    questions:
      - id: a
        type: text
        prompt: Where?
      - id: b
        type: list
        prompt: Which?
    """
    found = problems_of(tmp_path, text)
    assert any(":4:" in p and "no 'answer'" in p for p in found), found
    assert any(":7:" in p and "no 'answers'" in p for p in found), found


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"# only a comment\n", "empty"),
        (b"- a\n- b\n", "must be a mapping"),
        (b"pack: p\ntitle: \xff\xfe\n", "UTF-8"),
        (b"pack: [unclosed\n", "YAML syntax error"),
        (b"pack: !!python/object:os.system x\ntitle: t\n", "not allowed"),
        (b"pack: !custom x\ntitle: t\n", "not allowed"),
        (b"just a string\n", "must be a mapping"),
    ],
)
def test_unusable_files_give_one_line(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = load_pack(path)
    assert result.pack is None
    assert len(result.problems) == 1
    line = str(result.problems[0])
    assert "\n" not in line and fragment in line
    assert line.startswith(f"{path}:")


def test_invalid_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"pack: p\ntitle: ab\xffc\n")
    (problem,) = load_pack(path).problems
    assert (problem.place.line, problem.place.column) == (2, 10)


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = load_pack(tmp_path / "nope.yaml").problems
    assert "no such file" in str(problem)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["pack: p", "title: t", 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        refs = ",".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    result = load_pack(path)  # walking the expansion would never finish: it is counted
    assert result.pack is None
    assert any("aliases expand" in str(p) for p in result.problems)


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "pack: p\ntitle: t\nx: &a [*a]\n")
    result = load_pack(path)
    assert result.pack is None and result.problems


def test_small_aliases_are_allowed(tmp_path: Path) -> None:
    text = GOOD.replace(
        "    options: [WeChat Work, DingTalk, QQ]", "    options: &apps [WeChat Work, DingTalk, QQ]"
    )
    assert load_pack(write(tmp_path, text)).problems == []


def test_load_packs_raises_with_every_problem_and_duplicate_pack_ids(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "one.yaml")
    write(tmp_path, GOOD, "two.yaml")
    with pytest.raises(PackError) as caught:
        load_packs([tmp_path])
    assert any("pack id 'demo' is also used" in str(p) for p in caught.value.problems)


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "pack: p\ntitle: t\nquestions: " + "[" * 5000 + "]" * 5000 + "\n")
    result = load_pack(path)
    assert result.pack is None and len(result.problems) >= 1


def test_a_control_character_is_reported_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "ctl.yaml"
    path.write_text("pack: p\ntitle: a\x1bb\n", encoding="utf-8")
    (problem,) = load_pack(path).problems
    assert str(problem) == f"{path}:2:9: character U+001B is not allowed in YAML (remove it)"


@pytest.mark.parametrize(("written", "key"), [("yes", "true"), ("'对'", "true"), ("F", "false")])
def test_truefalse_answers_in_any_of_the_contract_words(
    tmp_path: Path, written: str, key: str
) -> None:
    pack = load_pack(write(tmp_path, GOOD.replace("answer: true", f"answer: {written}"))).pack
    assert pack is not None and pack.question("q-tf").answer == key  # type: ignore[union-attr]


@pytest.mark.parametrize(("unit", "kept"), [("'%'", "percent"), ("people", "people")])
def test_units_other_than_percent_are_labels(tmp_path: Path, unit: str, kept: str) -> None:
    text = GOOD.replace("    tolerance: 2%", f"    tolerance: 2%\n    unit: {unit}")
    pack = load_pack(write(tmp_path, text)).pack
    assert pack is not None and pack.question("q-number").unit == kept  # type: ignore[union-attr]


def test_a_pack_with_nothing_to_ask_is_a_problem(tmp_path: Path) -> None:
    found = problems_of(tmp_path, "pack: p\ntitle: t\nquestions: []\n")
    assert found == [
        f"{tmp_path / 'pack.yaml'}:1:1: the pack has no questions "
        "(add 'questions:' or facts with {{blanks}})"
    ]


@pytest.mark.parametrize(
    "nesting",
    [
        " " + "[" * 50_000 + "]" * 50_000,
        "\n  " + "- " * 50_000 + "x",
        " " + "{a: " * 30_000 + "1" + "}" * 30_000,
    ],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_absurd_nesting_is_one_problem_not_a_crash(tmp_path: Path, nesting: str) -> None:
    # Our behaviour, not a message: which of libyaml's depth limit (PyYAML >= 6.0.4)
    # or the composer's own stops the file first depends on the PyYAML release.
    path = write(tmp_path, "pack: p\ntitle: t\nquestions:" + nesting + "\n")
    result = load_pack(path)
    assert result.pack is None
    (problem,) = result.problems
    assert problem.place.file == str(path)
    assert problem.place.line in (3, 4)  # where the nesting is, not the file's start
    assert problem.place.column >= 1
    assert "\n" not in str(problem) and len(str(problem)) < 400


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("pack: p\ntitle: t\nx: *nowhere\n", "undefined alias"),
        ("pack: p\ntitle: t\n---\npack: q\n", "one YAML document"),
    ],
)
def test_composition_errors_are_one_line(tmp_path: Path, text: str, fragment: str) -> None:
    (problem,) = load_pack(write(tmp_path, text)).problems
    assert fragment in str(problem) and "\n" not in str(problem)


@pytest.mark.parametrize(
    ("changed", "line", "fragment"),
    [
        ('text: "x {{ | b}} z"', 5, "a blank has an empty answer or alias"),
        ("answers: [a, []]", 10, "a list item is empty"),
        ("prompt: {{x}}", 9, "prompt was read by YAML as a mapping"),
    ],
)
def test_more_problems_at_their_lines(
    tmp_path: Path, changed: str, line: int, fragment: str
) -> None:
    text = (
        'pack: p\ntitle: t\nfacts:\n  - id: f\n    text: "x {{y}} z"\nquestions:\n'
        "  - id: q\n    type: list\n    prompt: p\n    answers: [a, b]\n"
    )
    original = {5: 'text: "x {{y}} z"', 10: "answers: [a, b]", 9: "prompt: p"}[line]
    found = problems_of(tmp_path, text.replace(original, changed))
    assert any(f":{line}:" in p and fragment in p for p in found), found


def test_an_unquoted_blank_gets_the_quoting_advice(tmp_path: Path) -> None:
    text = "pack: p\ntitle: t\nfacts:\n  - id: f\n    text: {{900 million}} people\n"
    (problem,) = problems_of(tmp_path, text)
    assert ":5:" in problem and "must be quoted" in problem


def test_merge_keys_are_refused_by_name(tmp_path: Path) -> None:
    text = "pack: p\ntitle: t\nbase: &b {a: 1}\nother:\n  <<: *b\n"
    (problem,) = problems_of(tmp_path, text)
    assert ":5:3: merge keys '<<' are not supported" in problem


def test_load_packs_runs_the_authors_tests_when_asked(tmp_path: Path) -> None:
    from quizbot.authoring.selftest import grading_test_problems

    write(tmp_path, GOOD.replace("rejected: [Harbin]", "rejected: [Hohhot]"))
    with pytest.raises(PackError) as caught:
        load_packs([tmp_path], check=grading_test_problems)
    assert any("should be rejected" in str(p) for p in caught.value.problems)
    assert load_packs([tmp_path])  # the loader alone knows nothing of the grader
