"""One description of the pack format: the loader, the JSON Schema and the docs agree."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from authoring_helpers import as_json

from quizbot.authoring.resources import pack_format_path, schema_path
from quizbot.packs import schema
from quizbot.packs.builtin import builtin_pack_dir
from quizbot.packs.loader import load_pack

DOC_TABLE = re.compile(r"<!-- table: (\w+) [^>]*-->\n(.*?)\n<!-- end table -->", re.DOTALL)


def _doc_tables() -> dict[str, str]:
    return dict(DOC_TABLE.findall(pack_format_path().read_text(encoding="utf-8")))


def test_docs_tables_are_the_schemas() -> None:
    # On failure, after changing schema.py: replace each table between its markers in
    # docs/pack-format.md with quizbot.packs.schema.markdown_tables()[name], and write
    # schema.json_schema_text() to src/quizbot/authoring/pack.schema.json.
    assert _doc_tables() == schema.markdown_tables()


def test_shipped_schema_file_is_up_to_date() -> None:
    assert schema_path().read_text(encoding="utf-8") == schema.json_schema_text()


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(schema.json_schema())


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema.json_schema())


def test_builtin_packs_match_the_schema() -> None:
    for path in sorted(builtin_pack_dir().glob("*.yaml")):
        data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = [e.message for e in _validator().iter_errors(data)]
        assert errors == [], path


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ({"id": "q", "type": "text", "prompt": "P", "answer": "A", "promt": "x"}, "unknown key"),
        ({"id": "q", "type": "multiple", "prompt": "P", "answer": "A"}, "unknown type"),
        ({"id": "q", "type": "list", "prompt": "P", "answer": "A"}, "list needs answers"),
        ({"id": "q", "type": "text", "prompt": "P"}, "no answer"),
        ({"id": "q", "type": "choice", "prompt": "P", "answer": "A"}, "choice needs options"),
        ({"id": "q", "type": "text", "prompt": "P", "answer": "A", "unit": "km"}, "unit on text"),
        ({"id": "q w", "type": "text", "prompt": "P", "answer": "A"}, "id with a space"),
        ({"id": "q", "type": "text", "prompt": "P", "answer": "A", "difficulty": 4}, "range"),
        ({"id": "q", "type": "text", "prompt": "P", "answer": "A", "reject": "B"}, "reject list"),
        (
            {"id": "q", "type": "number", "prompt": "P", "answer": "1", "tolerance": "x"},
            "tolerance",
        ),
    ],
)
def test_schema_refuses_what_the_loader_refuses(
    question: dict[str, object], why: str, tmp_path: Path
) -> None:
    pack = {"pack": "p", "title": "T", "questions": [question]}
    assert list(_validator().iter_errors(pack)), why
    file = tmp_path / "p.yaml"
    file.write_text(yaml.safe_dump(pack), encoding="utf-8")
    assert load_pack(file).problems, why


def test_loader_checks_keys_from_the_description(tmp_path: Path) -> None:
    # Every key the description names is one the loader knows, and no other.
    for section in schema.SECTIONS:
        for key in section.keys:
            assert re.fullmatch(r"[a-z]+", key.name)
            assert key.kind in schema.KINDS
    assert tuple(k.name for k in schema.QUESTION.keys) == schema.QUESTION_KEYS
    assert schema.QUESTION_REQUIRED == ("id", "type", "prompt")
    file = tmp_path / "p.yaml"
    file.write_text("pack: p\ntitle: T\nsources:\n  - {id: s, titel: x}\n", encoding="utf-8")
    messages = [p.message for p in load_pack(file).problems]
    assert "unknown key 'titel' in a source (did you mean 'title'?)" in messages


def test_schema_json_is_plain_json() -> None:
    text = schema.json_schema_text()
    assert json.loads(text)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_accepts_what_the_loader_accepts(tmp_path: Path) -> None:
    pack = {
        "pack": "p",
        "title": 2021,
        "description": None,
        "sources": [{"id": "s", "title": "S", "author": None}],
        "facts": [{"id": "f", "text": "{{#n: 8 minutes}}", "tests": {"n": {"accepted": ["8"]}}}],
        "questions": [
            {"id": "q", "type": "truefalse", "prompt": "P", "answer": True},
            {"id": "n", "type": "number", "prompt": "P", "answer": 70.4, "tolerance": "2%"},
            {"id": "c", "type": "choice", "prompt": "P", "options": ["a", "b"], "answer": "a"},
            {"id": "l", "type": "list", "prompt": "P", "answers": [["a", "A"], "b"], "need": 1},
        ],
    }
    assert [e.message for e in _validator().iter_errors(pack)] == []
    file = tmp_path / "p.yaml"
    file.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    assert load_pack(file).problems == []
