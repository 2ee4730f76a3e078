"""The authors' commands as real processes: help, schema, new, validate --list/--strict, try."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from quizbot.authoring.resources import pack_format_path

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_help_packs_prints_the_pack_format(run_quizbot: Run) -> None:
    result = run_quizbot("help", "packs")
    assert result.returncode == 0, result.stderr
    assert result.stdout == pack_format_path().read_text(encoding="utf-8")


def test_help_unknown_topic_is_a_usage_error(run_quizbot: Run) -> None:
    result = run_quizbot("help", "pakcs")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_schema_prints_the_json_schema(run_quizbot: Run) -> None:
    result = run_quizbot("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "question" in schema["$defs"]


def test_new_writes_a_valid_pack_with_its_schema(run_quizbot: Run, tmp_path: Path) -> None:
    result = run_quizbot("new", "my-pack.yaml")
    assert result.returncode == 0, result.stderr
    pack = tmp_path / "my-pack.yaml"
    assert pack.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=pack.schema.json\n"
    )
    schema = json.loads((tmp_path / "pack.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(run_quizbot("schema").stdout)
    checked = run_quizbot("validate", "my-pack.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""


def test_new_does_not_overwrite(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("pack: mine\n", encoding="utf-8")
    result = run_quizbot("new", "mine.yaml")
    assert result.returncode == 1
    assert "already exists" in result.stderr and result.stderr.count("\n") == 1
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8") == "pack: mine\n"
    assert run_quizbot("new", "mine.yaml", "--force").returncode == 0


def test_new_adds_the_yaml_suffix_and_refuses_a_missing_folder(
    run_quizbot: Run, tmp_path: Path
) -> None:
    assert run_quizbot("new", "quiz").returncode == 0
    assert (tmp_path / "quiz.yaml").is_file()
    missing = run_quizbot("new", "no/such/folder/p.yaml")
    assert missing.returncode == 1 and "does not exist" in missing.stderr


LISTED = """\
pack: listed
title: Listed
sources:
  - {id: s, title: S}
facts:
  - id: users
    source: s
    text: "In {{2020}}, {{#users: 342 million}} people studied online."
questions:
  - id: tabby
    type: text
    source: s
    prompt: "A prompt with\\ta tab and\\nnew line and \\u2028 separator?"
    answer: Hohhot
  - id: items
    type: list
    source: s
    prompt: Name two.
    answers: [WeChat, QQ]
"""


def test_validate_list_one_escaped_line_per_question(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(LISTED, encoding="utf-8")
    result = run_quizbot("validate", "--list", "p.yaml")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["tabby", "items", "users#1", "users#users"]
    assert all(line.count("\t") == 3 for line in lines)
    assert "\u2028" not in result.stdout
    assert (
        lines[0]
        == "tabby\ttext\tA prompt with\\ta tab and\\nnew line and \\u2028 separator?\tHohhot"
    )
    assert lines[1].endswith("\tWeChat; QQ")
    assert lines[3] == "users#users\tnumber\tIn 2020, _____ people studied online.\t342 million"


def test_validate_list_json(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(LISTED, encoding="utf-8")
    result = run_quizbot("validate", "--list", "--json", "p.yaml")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["prompt"] == "A prompt with\ta tab and\nnew line and \u2028 separator?"
    assert {row["id"]: row["cloze_of"] for row in rows}["users#users"] == "users"
    assert "\u2028" not in result.stdout


def test_validate_list_of_a_broken_pack_lists_nothing(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(LISTED.replace("prompt: Name", "promt: Name"), "utf-8")
    result = run_quizbot("validate", "--list", "p.yaml")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "unknown key 'promt'" in result.stderr


ADVICE = """\
pack: advice
title: Advice
questions:
  - {id: bare, type: text, prompt: Which city?, answer: Hohhot}
"""


def test_warnings_are_shown_and_strict_fails_on_them(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(ADVICE, encoding="utf-8")
    plain = run_quizbot("validate", "p.yaml")
    assert plain.returncode == 0
    assert plain.stdout == ""  # standard output stays the contract's problem lines
    assert "p.yaml:4:5: warning: question 'bare' has no hint" in plain.stderr
    assert plain.stderr.rstrip().endswith("1 pack, 1 question, 0 problems, 1 warning")
    strict = run_quizbot("validate", "--strict", "p.yaml")
    assert strict.returncode == 1
    assert strict.stdout.startswith("p.yaml:4:5: warning: question 'bare' has no hint")
    fixed = ADVICE.replace("answer: Hohhot", "answer: Hohhot, hint: Inner Mongolia")
    (tmp_path / "p.yaml").write_text(fixed, encoding="utf-8")
    assert run_quizbot("validate", "--strict", "p.yaml").returncode == 0


def test_summary_names_the_file_that_failed(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(ADVICE.replace("Which", "Hint: which"), "utf-8")
    (tmp_path / "broken.yaml").write_text("pack: b\ntitle: B\nquestions:\n\t- id: a\n", "utf-8")
    result = run_quizbot("validate", "broken.yaml")
    assert result.returncode == 1
    assert result.stdout.startswith("broken.yaml:4:1: YAML syntax error: this line is indented")
    assert result.stderr.rstrip().endswith("0 packs, 0 questions, 1 problem (in broken.yaml)")


def test_against_an_old_version_warns_about_shifted_ids(run_quizbot: Run, tmp_path: Path) -> None:
    old = "pack: v\ntitle: V\nversion: 1\nsources: [{id: s, title: S}]\nfacts:\n"
    old += '  - {id: f, source: s, text: "{{342 million}} studied online."}\n'
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    # A blank inserted before: f#1 now asks for the year, and f#2 is new.
    shifted = old.replace("version: 1", "version: 2").replace(
        '"{{342 million}}', '"In {{2020}}, {{342 million}}'
    )
    (tmp_path / "new.yaml").write_text(shifted, encoding="utf-8")
    result = run_quizbot("validate", "--strict", "--against", "old.yaml", "new.yaml")
    assert result.returncode == 1
    assert "warning: 'f#1' now asks for '2020' but asked for '342 million' in version 1 -> 2" in (
        result.stdout
    )
    # Named, the blank keeps its id: nothing to warn about.
    named = old.replace("{{342 million}}", "{{#users: 342 million}}")
    (tmp_path / "old.yaml").write_text(named, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(
        named.replace('"{{#users', '"In {{#year: 2020}}, {{#users'), encoding="utf-8"
    )
    kept = run_quizbot("validate", "--strict", "--against", "old.yaml", "new.yaml")
    assert kept.returncode == 0, kept.stdout + kept.stderr
