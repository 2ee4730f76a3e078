"""``quizbot export``: each format holds what it can, and the round trips prove it."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from quizbot.packs.cloze import GAP
from quizbot.packs.loader import load_pack
from quizbot.packs.model import Pack, Question

Run = Callable[..., subprocess.CompletedProcess[str]]
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "authoring" / "export-sample.yaml"


def _sample() -> Pack:
    result = load_pack(SAMPLE)
    assert result.pack is not None, result.problems
    return result.pack


def _export(run_quizbot: Run, tmp_path: Path, fmt: str, name: str) -> Path:
    out = tmp_path / name
    result = run_quizbot("export", str(SAMPLE), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


def _reimport(run_quizbot: Run, tmp_path: Path, exported: Path, fmt: str) -> Pack:
    out = tmp_path / "back.yaml"
    result = run_quizbot("import", str(exported), "--format", fmt, "-o", str(out))
    assert "Traceback" not in result.stderr
    assert run_quizbot("validate", str(out)).returncode == 0
    loaded = load_pack(out)
    assert loaded.pack is not None, loaded.problems
    return loaded.pack


def _topic_title(pack: Pack, q: Question) -> str | None:
    topic = pack.topic(q.topic)
    return topic.title if topic else None


def _by_prompt(pack: Pack) -> dict[str, Question]:
    return {" ".join(q.prompt.split()): q for q in pack.questions}


def test_gift_round_trip_keeps_what_gift_holds(run_quizbot: Run, tmp_path: Path) -> None:
    original = _sample()
    result = run_quizbot(
        "export", str(SAMPLE), "--format", "gift", "-o", str(tmp_path / "quiz.gift")
    )
    assert result.returncode == 0
    assert "technologies" in result.stderr  # the list question is said to be left out
    assert "hint" in result.stderr
    assert "without their tolerance: users" in result.stderr
    back_pack = _reimport(run_quizbot, tmp_path, tmp_path / "quiz.gift", "gift")
    back = _by_prompt(back_pack)
    kept = [q for q in original.questions if q.type != "list"]
    assert len(back) == len(kept)
    for q in kept:
        copy = back[" ".join(q.prompt.split())]
        assert (copy.type, copy.answer, copy.accept) == (q.type, q.answer, q.accept), q.id
        assert [(r.answer, r.feedback) for r in copy.reject] == [
            (r.answer, r.feedback) for r in q.reject
        ]
        assert copy.options == q.options
        assert copy.tolerance == (q.tolerance if q.answer.replace(".", "").isdigit() else None)
        if not q.is_cloze:
            assert copy.explanation == q.explanation
        assert _topic_title(original, q) == _topic_title(back_pack, copy)
    cloze = back[original.question("health-code#1").prompt]  # type: ignore[union-attr]
    assert GAP in cloze.prompt


def test_csv_round_trip_keeps_every_column(run_quizbot: Run, tmp_path: Path) -> None:
    original = _sample()
    exported = _export(run_quizbot, tmp_path, "csv", "quiz.csv")
    with exported.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    formula = next(row for row in rows if row["id"] == "formula")
    assert formula["prompt"].startswith("'=") and formula["answer"] == "'=a formula"
    back_pack = _reimport(run_quizbot, tmp_path, exported, "csv")
    back = _by_prompt(back_pack)
    assert len(back) == len(original.questions)
    for q in original.questions:
        copy = back[" ".join(q.prompt.split())]
        fields = ("type", "answer", "answers", "accept", "options", "hint", "unit", "tolerance",
                  "difficulty", "tags")  # fmt: skip
        assert [getattr(copy, f) for f in fields] == [getattr(q, f) for f in fields], q.id
        assert [r.answer for r in copy.reject] == [r.answer for r in q.reject]
        if not q.is_cloze:
            assert copy.explanation == q.explanation
        assert _topic_title(original, q) == _topic_title(back_pack, copy)


def test_quizlet_round_trip_keeps_terms_and_definitions(run_quizbot: Run, tmp_path: Path) -> None:
    original = _sample()
    exported = _export(run_quizbot, tmp_path, "quizlet", "cards.txt")
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0].count("\t") == 1
    back = _by_prompt(_reimport(run_quizbot, tmp_path, exported, "quizlet"))
    for q in original.questions:
        if q.type in ("text", "number"):
            assert back[" ".join(q.prompt.split())].answer == q.answer


def test_anki_deck_has_cloze_notes_and_type_in_notes(run_quizbot: Run, tmp_path: Path) -> None:
    exported = _export(run_quizbot, tmp_path, "anki", "deck.apkg")
    with zipfile.ZipFile(exported) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = [(flds.split("\x1f"), tags, mid) for flds, tags, mid in
                 db.execute("select flds, tags, mid from notes")]  # fmt: skip
        models = json.loads(db.execute("select models from col").fetchone()[0])
    finally:
        db.close()
    cloze_texts = [fields[0] for fields, _, _ in notes if "{{c1::" in fields[0]]
    assert any("{{c1::900 million}}" in t and "{{c2::40 billion}}" in t for t in cloze_texts)
    assert any("{{c1::Hohhot}}" in t for t in cloze_texts)
    basic = {fields[1]: fields for fields, _, _ in notes if len(fields) == 3}
    city = basic["Hohhot"]
    assert "&lt;script&gt;" in city[0] and "<script>" not in city[0]
    assert "呼和浩特" in city[2]  # the other accepted forms are on the back
    assert "WeChat Work" in basic and "<li>DingTalk</li>" in basic["WeChat Work"][0]
    assert len(notes) == 2 + 7  # two facts, seven authored questions
    templates = [t for model in models.values() for t in model["tmpls"]]
    assert any("{{type:Back}}" in t["qfmt"] for t in templates)
    assert any("{{type:cloze:Text}}" in t["qfmt"] for t in templates)
    assert any(model["type"] == 1 for model in models.values())  # a cloze note type
    assert any("geography" in tags for _, tags, _ in notes)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_printable_quiz_has_every_question_and_an_answer_key(
    run_quizbot: Run, tmp_path: Path, fmt: str
) -> None:
    text = _export(run_quizbot, tmp_path, fmt, f"quiz.{fmt}").read_text(encoding="utf-8")
    quiz, key = text.split("Answer key", 1)
    assert "Name:" in quiz
    assert "Which app grew to 400 million users?" in quiz
    assert "Hohhot" not in quiz.split("Telemedicine Center of Inner Mongolia is in", 1)[1][:80]
    assert "Hohhot" in key and "WeChat Work" in key and "989 million" in key
    assert "900 million" in key and "40 billion" in key  # the facts' blanks
    assert "China Daily" in key  # the sources
    # Numbered in the order printed (topic by topic), each question and blank once.
    pattern = r"<b>\(?(\d+)[.)]</b>" if fmt == "html" else r"(?m)^(\d+)\\\.|\((\d+)\) _"
    numbers = [int(next(g for g in m if g)) if isinstance(m, tuple) else int(m)
               for m in re.findall(pattern, quiz)]  # fmt: skip
    assert numbers == list(range(1, 11))
    assert "Other questions" in quiz  # the questions without a topic, after the topics
    assert "in (3) ____" in quiz or "in <b>(3)</b>" in quiz  # spaces around a blank are kept
    if fmt == "html":
        assert "<script>" not in text and "&lt;script&gt;" in text
        assert "Export &lt;sample&gt; &amp; *checks*" in text
        assert "break-before: page" in text
    else:
        assert "\\<script\\>" in text and "Export \\<sample\\> \\& \\*checks\\*" in text


def test_export_errors_are_one_line(run_quizbot: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "pack: bad\ntitle: Bad\nquestions:\n  - id: q\n    type: txt\n", encoding="utf-8"
    )
    invalid = run_quizbot("export", str(bad), "--format", "gift", "-o", str(tmp_path / "x.gift"))
    assert invalid.returncode == 1
    assert all(line.startswith(str(bad)) for line in invalid.stderr.splitlines())
    assert not (tmp_path / "x.gift").exists()
    nowhere = tmp_path / "no" / "such" / "x.gift"
    missing = run_quizbot("export", str(SAMPLE), "--format", "gift", "-o", str(nowhere))
    assert missing.returncode == 1
    assert len(missing.stderr.splitlines()) == 1
    itself = tmp_path / "pack.yaml"
    itself.write_bytes(SAMPLE.read_bytes())
    refused = run_quizbot("export", str(itself), "--format", "csv", "-o", str(itself))
    assert refused.returncode == 1 and "the pack itself" in refused.stderr
    assert itself.read_bytes() == SAMPLE.read_bytes()
    unknown = run_quizbot("export", str(SAMPLE), "--format", "pdf", "-o", "x")
    assert unknown.returncode == 2


@pytest.mark.parametrize("fmt", ["gift", "csv", "quizlet"])
def test_the_built_in_pack_goes_out_and_back_in_whole(
    run_quizbot: Run, tmp_path: Path, fmt: str
) -> None:
    from quizbot.packs.builtin import builtin_pack_dir, load_builtin_packs

    builtin = next(iter(load_builtin_packs()))
    pack_file = builtin_pack_dir() / "digital-china.yaml"
    exported = tmp_path / f"out.{fmt}"
    assert (
        run_quizbot("export", str(pack_file), "--format", fmt, "-o", str(exported)).returncode == 0
    )
    result = run_quizbot("import", str(exported), "--format", fmt, "-o", str(tmp_path / "b.yaml"))
    assert result.returncode == 0, result.stderr  # nothing it wrote is refused
    back = load_pack(tmp_path / "b.yaml").pack
    assert back is not None
    lists = sum(q.type == "list" for q in builtin.questions)
    assert len(back.questions) == len(builtin.questions) - (lists if fmt == "gift" else 0)
