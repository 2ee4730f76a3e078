"""Benchmark what ``quizbot grade --report`` costs: the observer on every graded row, and
grouping a question's wrong answers at the end (worst case: every kept form different).

CPU time (time.process_time) and peak memory of ``quizbot grade`` with and without
``--report``, each in its own process, then the grouping of the capped forms alone.

Run: python bench/bench_grade_report.py [ROWS]
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizbot.batch import question_index
from quizbot.grade_report import GradeReport
from quizbot.packs.builtin import load_builtin_packs
from quizbot.quiz.wrong_answers import MAX_FORMS

POOL = [
    ("os-education", "342 million"),
    ("os-education", "346 million"),
    ("os-education", "3.42亿"),
    ("health-code-registrations#1", "900 million"),
    ("health-code-registrations#1", "90 million"),
]
RUN = """
import resource, sys, time
from quizbot.cli import main
start = time.process_time()
sys.stdout = open('/dev/null', 'w')
sys.stderr = open('/dev/null', 'w')
main(['grade', sys.argv[1], *sys.argv[2:]])
print(time.process_time() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      file=sys.__stdout__)
"""


def write_responses(path: Path, rows: int) -> None:
    """The pool's answers, and one row in ten a different number each (50,000 of them)."""
    pick = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["question", "response"])
        for n in range(rows):
            question, response = pick.choice(POOL)
            if n % 10 == 0:
                response = f"{pick.randint(1, 50_000)} million"
            writer.writerow([question, response])


def grade(path: Path, *flags: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", RUN, str(path), *flags], capture_output=True, text=True, check=True
    )
    cpu, peak = out.stdout.split()
    return float(cpu), float(peak)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.csv"
        write_responses(path, rows)
        for flags in ((), ("--report",)):
            cpu, peak = grade(path, *flags)
            shown = " ".join(flags) or "(no --report)"
            print(f"grade {rows:,} rows {shown}: {cpu:.2f} s CPU, peak {peak:.0f} MB")
    report = GradeReport(question_index(list(load_builtin_packs())))
    for n in range(MAX_FORMS):
        report.observe("os-education", f"{n + 1} million", "incorrect")
    start = time.process_time()
    report.summaries()
    took = time.process_time() - start
    print(f"grouping {MAX_FORMS} different wrong numbers of one question: {took:.2f} s CPU")


if __name__ == "__main__":
    main()
