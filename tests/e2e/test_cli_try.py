"""``quizbot try``: answers marked as the grader marks them, and edits that keep the file."""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Callable
from pathlib import Path

from quizbot.authoring.starter import starter_text

Run = Callable[..., subprocess.CompletedProcess[str]]


def _starter(tmp_path: Path) -> tuple[Path, str]:
    pack = tmp_path / "my-pack.yaml"
    text = starter_text(pack)
    pack.write_text(text, encoding="utf-8")
    return pack, text


def _changed(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+), sorted."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return sorted(line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))


def test_try_shows_verdict_score_and_reason(run_quizbot: Run, tmp_path: Path) -> None:
    pack, text = _starter(tmp_path)
    result = run_quizbot("try", "--pack", str(pack), "capital", input="hohot\nHarbin\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert "Prompt: In which city is the telemedicine centre of Inner Mongolia?" in result.stdout
    assert "correct (score 1.00, reason: typo)" in result.stdout
    assert "incorrect (score 0.00, reason: rejected)" in result.stdout
    assert pack.read_text(encoding="utf-8") == text  # trying alone changes nothing


def test_accept_reject_and_test_edit_only_their_lines(run_quizbot: Run, tmp_path: Path) -> None:
    pack, text = _starter(tmp_path)
    session = "Huhehaote\n/accept\nHuhehaote\n/test\nBaotou\n/reject\n"
    result = run_quizbot("try", "--pack", str(pack), "capital", input=session)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Saved: ") == 3
    assert "correct (score 1.00, reason: alias)" in result.stdout  # the reloaded pack
    after = pack.read_text(encoding="utf-8")
    assert _changed(text, after) == sorted(
        [
            "-    accept: [呼和浩特]             # other accepted forms",
            "+    accept: [呼和浩特, Huhehaote]  # other accepted forms",
            "+      - Baotou",
            "-      accepted: [hohot, 呼和浩特]",
            "+      accepted: [hohot, 呼和浩特, Huhehaote]",
        ]
    )
    assert run_quizbot("validate", str(pack)).returncode == 0


def test_blank_accept_becomes_an_alias_and_test_goes_to_the_fact(
    run_quizbot: Run, tmp_path: Path
) -> None:
    pack, text = _starter(tmp_path)
    session = "8 min\n/accept\n8 mins\n/test\n"
    result = run_quizbot("try", "--pack", str(pack), "starter-fact#1", input=session)
    assert result.returncode == 0, result.stderr
    assert _changed(text, pack.read_text(encoding="utf-8")) == sorted(
        [
            '-    text: "The checkout took {{8 minutes}} in {{#city: Hohhot|呼和浩特}}."',
            '+    text: "The checkout took {{8 minutes|8 min}} in {{#city: Hohhot|呼和浩特}}."',
            "-        accepted: [eight minutes, 480 seconds]",
            "+        accepted: [eight minutes, 480 seconds, 8 mins]",
        ]
    )


def test_an_edit_that_breaks_the_pack_is_undone(run_quizbot: Run, tmp_path: Path) -> None:
    pack, text = _starter(tmp_path)
    # Rejecting the answer itself would make the pack invalid; a test of a response
    # marked right as "rejected" would fail its own tests. Neither is saved.
    result = run_quizbot("try", "--pack", str(pack), "capital", input="Hohhot\n/reject\n")
    assert "Not changed: not added: the pack would not validate" in result.stdout
    assert pack.read_text(encoding="utf-8") == text


def test_the_same_response_is_not_added_twice(run_quizbot: Run, tmp_path: Path) -> None:
    pack, _ = _starter(tmp_path)
    result = run_quizbot("try", "--pack", str(pack), "capital", input="harbin\n/test\n")
    assert "Not changed: 'harbin' is already under rejected" in result.stdout


def test_try_unknown_id_and_broken_pack(run_quizbot: Run, tmp_path: Path) -> None:
    pack, _ = _starter(tmp_path)
    unknown = run_quizbot("try", "--pack", str(pack), "capitol")
    assert unknown.returncode == 1
    assert "no question 'capitol'" in unknown.stderr and "did you mean 'capital'" in unknown.stderr
    pack.write_text("pack: p\ntitle: T\nquestions:\n\t- id: a\n", encoding="utf-8")
    broken = run_quizbot("try", "--pack", str(pack), "a")
    assert broken.returncode == 1 and "indented with a tab" in broken.stderr
