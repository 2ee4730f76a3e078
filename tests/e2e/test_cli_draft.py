"""``quizbot draft`` as a real process: a pack that validates and plays, one-line errors."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]
DATA = Path(__file__).resolve().parents[1] / "data" / "authoring"


def test_a_drafted_pack_validates_and_plays(run_quizbot: Run, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    result = run_quizbot("draft", str(DATA / "article-clinic.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "drafted 5 facts" in result.stderr
    assert run_quizbot("validate", str(out)).returncode == 0
    played = run_quizbot(
        "play", "--plain", "--pack", str(out), "--round", "2", "--seed", "1",
        input="\n36 hours\nI do not know\nquit\n",
    )  # fmt: skip
    assert played.returncode == 0, played.stderr
    assert "[1/2]" in played.stdout


def test_pack_id_option_and_hostile_text(run_quizbot: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Home / World\n\nA title with \x1b[31m colour codes\n\n"
        "By A WRITER | Some Paper | Updated: 2021-01-02 10:00\n\n"
        "The council opened 42 new libraries in Rivertown during 2020.\n\n"
        "A line with an escape \x1b]52;c;aGk=\x07 and 17 percent of it is hostile.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.yaml"
    result = run_quizbot("draft", str(article), "-o", str(out), "--pack-id", "rivertown")
    assert "\x1b" not in result.stderr
    assert run_quizbot("validate", str(out)).returncode == 0, out.read_text(encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    assert "pack: rivertown" in text
    assert "{{42}}" in text and "{{2020}}" in text
    assert "hostile" not in text  # a sentence holding control characters is left out


def test_draft_errors_are_one_line(run_quizbot: Run, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    missing = run_quizbot("draft", str(tmp_path / "nope.txt"), "-o", str(out))
    assert missing.returncode == 1 and len(missing.stderr.splitlines()) == 1
    bland = tmp_path / "bland.txt"
    bland.write_text("nothing here worth asking about at all today.\n", encoding="utf-8")
    empty = run_quizbot("draft", str(bland), "-o", str(out))
    assert empty.returncode == 1
    assert empty.stderr.startswith(f"{bland}:1: ")
    assert not out.exists()
    bad_id = run_quizbot(
        "draft", str(DATA / "article-clinic.txt"), "-o", str(out), "--pack-id", "a b"
    )
    assert bad_id.returncode == 2
    for result in (missing, empty, bad_id):
        assert "Traceback" not in result.stderr
