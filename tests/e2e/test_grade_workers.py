"""`quizbot grade` with worker processes writes what one process writes, byte for byte."""

from __future__ import annotations

import csv
import multiprocessing
import random
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from quizbot.packs.builtin import builtin_pack_dir
from quizbot.packs.loader import load_pack

Run = Callable[..., subprocess.CompletedProcess[str]]
PACK = builtin_pack_dir() / "digital-china.yaml"
# Workers on from the first chunk, in chunks small enough that every worker gets many.
POOL = {"QUIZBOT_GRADE_WORKERS": "2", "QUIZBOT_GRADE_CHUNK": "50", "QUIZBOT_GRADE_POOL_AFTER": "0"}
ALONE = {"QUIZBOT_GRADE_WORKERS": "0"}


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_workers_write_the_same_report_as_one_process(
    run_quizbot: Run, tmp_path: Path, fmt: str
) -> None:
    pack = load_pack(PACK).pack
    assert pack is not None
    rng = random.Random(5)
    questions = list(pack.questions)
    with (tmp_path / "answers.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question", "response"])
        for n in range(3_000):
            question = rng.choice(questions)
            said = rng.choice([question.answer, question.answer[:-1], "I think " + question.answer])
            writer.writerow([f"s{n}", question.id if n % 500 else "no-such-id", said])
    runs = [
        run_quizbot("grade", "--pack", str(PACK), "--format", fmt, "answers.csv", env=env)
        for env in (ALONE, POOL)
    ]
    alone, pooled = runs
    assert alone.returncode == pooled.returncode == 1
    assert pooled.stdout == alone.stdout
    assert pooled.stderr == alone.stderr
    assert "graded 3000 rows" in alone.stderr
