"""``quizbot new``'s starter pack: every type, a fact with blanks, units and tests; valid."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml
from authoring_helpers import as_json

from quizbot.authoring.selftest import grading_test_problems
from quizbot.authoring.starter import starter_text
from quizbot.packs import schema
from quizbot.packs.loader import load_pack


def _load(tmp_path: Path):  # type: ignore[no-untyped-def]
    file = tmp_path / "my-pack.yaml"
    file.write_text(starter_text(file), encoding="utf-8")
    return load_pack(file)


def test_starter_pack_validates_as_written(tmp_path: Path) -> None:
    result = _load(tmp_path)
    assert result.problems == []
    assert result.pack is not None
    assert result.pack.id == "my-pack"
    assert grading_test_problems(result.pack) == []


def test_starter_pack_shows_every_type_blanks_units_and_tests(tmp_path: Path) -> None:
    pack = _load(tmp_path).pack
    assert pack is not None
    assert {q.type for q in pack.questions} == set(schema.QUESTION_TYPE_NAMES)
    ids = {q.id for q in pack.questions}
    assert {"starter-fact#1", "starter-fact#city"} <= ids  # a numbered and a named blank
    assert any(q.unit == "percent" for q in pack.questions)
    assert all(q.tests is not None for q in pack.questions)


def test_starter_pack_names_its_schema_and_matches_it(tmp_path: Path) -> None:
    text = starter_text(tmp_path / "x.yaml")
    assert text.startswith("# yaml-language-server: $schema=pack.schema.json\n")
    data = as_json(yaml.safe_load(text))
    validator = jsonschema.Draft202012Validator(schema.json_schema())
    assert [e.message for e in validator.iter_errors(data)] == []
