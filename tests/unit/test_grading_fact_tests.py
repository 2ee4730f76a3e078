"""Facts carry their own `tests:`, keyed by blank number, and `validate` grades them."""

from __future__ import annotations

from pathlib import Path

from quizbot.authoring.selftest import grading_test_problems
from quizbot.packs.loader import load_pack, load_packs
from quizbot.packs.problems import PackError

PACK = """\
pack: p
title: t
facts:
  - id: code
    text: "Getting a code took {{8 minutes}} for {{900 million}} people."
    tests:
      1: {accepted: [eight minutes, 480 seconds, "8"], rejected: [8 hours, 8 km]}
      2: {accepted: ["900m", nine hundred million], rejected: ["900", 346 million]}
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_packs([path], check=grading_test_problems)  # as the commands load packs
    except PackError as error:
        return [f"{p.place.line}: {p.message}" for p in error.problems]
    return []


def test_fact_tests_reach_their_cloze_questions(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    pack = load_pack(path).pack
    assert pack is not None
    first, second = pack.question("code#1"), pack.question("code#2")
    assert first is not None and first.tests is not None
    assert first.tests.rejected == ("8 hours", "8 km")
    assert second is not None and second.tests is not None
    assert second.tests.accepted == ("900m", "nine hundred million")


def test_passing_fact_tests_are_no_problem(tmp_path: Path) -> None:
    assert _problems(tmp_path, PACK) == []


def test_a_failing_fact_test_is_a_problem_at_its_line(tmp_path: Path) -> None:
    text = PACK.replace("rejected: [8 hours, 8 km]", "rejected: [8 hours, 480 seconds]")
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith("7: test response '480 seconds' should be rejected")


def test_a_tests_key_that_is_no_blank_is_a_problem(tmp_path: Path) -> None:
    text = PACK.replace("      2: {", "      3: {")
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith("8: tests key '3' is no blank of this fact")


def test_fact_tests_must_be_keyed_by_blank(tmp_path: Path) -> None:
    text = PACK.split("    tests:")[0] + "    tests: [8 hours]\n"
    (problem,) = _problems(tmp_path, text)
    assert "keyed by blank number" in problem
