"""Benchmark what ``quizbot grade`` pays for reading any encoding with line-exact errors,
for lost-quote checks and for writing in blocks.

Run: python bench/bench_grade_files.py
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizbot.batch import grade_rows
from quizbot.packs.builtin import load_builtin_packs
from quizbot.textinput import decoded_lines

ROWS = 500_000
POOL = [
    ("os-education", "342 million"),
    ("os-education", "346 million"),
    ("os-education", "3.42亿"),
    ("health-code-registrations#1", "900 million"),
    ("health-code-registrations#1", "nine hundred million"),
]


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def write_responses(path: Path, encoding: str) -> None:
    with path.open("w", newline="", encoding=encoding) as out:
        writer = csv.writer(out)
        writer.writerow(["student", "question", "response"])
        for n in range(ROWS):
            question, response = POOL[n % len(POOL)]
            writer.writerow([f"s{n % 300}", question, response])


class CountingWrites(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def main() -> None:
    packs = list(load_builtin_packs())
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for encoding in ("utf-8", "gb18030", "utf-16"):
            files[encoding] = Path(folder) / f"{encoding}.csv"
            write_responses(files[encoding], encoding)
        size = files["utf-8"].stat().st_size
        print(f"reading {ROWS:,} lines ({size / 1e6:.1f} MB), best of 3:")

        def text_file() -> None:
            with files["utf-8"].open(newline="", encoding="utf-8") as handle:
                for _ in handle:
                    pass

        print(f"  open(newline='') iteration (no line in errors): {best_of(3, text_file):.3f} s")
        for encoding, path in files.items():

            def ours(path: Path = path, encoding: str = encoding) -> None:
                with path.open("rb") as handle:
                    for _ in decoded_lines(handle, None if encoding != "gb18030" else encoding):
                        pass

            print(f"  decoded_lines, {encoding:8}: {best_of(3, ours):.3f} s")

        out = CountingWrites()
        with files["utf-8"].open("rb") as handle:
            start = time.perf_counter()
            summary = grade_rows(packs, decoded_lines(handle), out, "csv")
            took = time.perf_counter() - start
        print(
            f"grade_rows over decoded_lines: {ROWS:,} rows in {took:.2f} s "
            f"({ROWS / took:,.0f} rows/s), {out.writes} writes to its output "
            f"({summary.rows:,} rows)"
        )
        report = Path(folder) / "report.csv"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "quizbot", "grade", str(files["utf-8"]), "-o", str(report)],
            check=True,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        print(f"quizbot grade -o, start-up included: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
