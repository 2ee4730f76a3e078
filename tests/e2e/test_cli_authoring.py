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
