"""The authors' commands as real processes: help, schema, new, validate --list/--strict, try."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

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
