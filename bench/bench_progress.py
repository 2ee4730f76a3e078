"""Benchmark progress storage: record() and open() against a 100,000-answer history."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from quizbot.progress.codec import encode_record
from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressStore

T0 = 1_800_000_000.0
VERDICTS = [("correct", 1.0), ("partial", 0.5), ("incorrect", 0.0), ("skipped", 0.0)]


def answer(rng: random.Random, i: int, questions: int) -> AnswerRecord:
    verdict, score = rng.choice(VERDICTS)
    return AnswerRecord(
        time=T0 + i * 30.0,
        pack=f"pack{i % 5}",
        question=f"question-{rng.randrange(questions)}",
        response="nearly nine hundred million people",
        verdict=verdict,
        score=score,
        hint_used=rng.random() < 0.1,
        seconds=rng.uniform(2, 30),
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=2_000)
    parser.add_argument("--records", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        folder = data / "profiles" / "default"
        folder.mkdir(parents=True)
        started = time.perf_counter()
        with open(folder / "history.jsonl", "wb") as fh:
            for i in range(args.answers):
                fh.write(encode_record(answer(rng, i, args.questions)))
        size = (folder / "history.jsonl").stat().st_size
        print(
            f"history: {args.answers:,} answers to {args.questions:,} questions,"
            f" {size / 1e6:.1f} MB, written in {time.perf_counter() - started:.1f} s"
        )

        started = time.perf_counter()
        store = ProgressStore.open(data)
        print(
            f"open() without snapshot (full replay, then writes one): "
            f"{ms(time.perf_counter() - started)}"
        )
        opens = []
        for _ in range(5):
            started = time.perf_counter()
            store = ProgressStore.open(data)
            opens.append(time.perf_counter() - started)
        snap = (folder / "state.json").stat().st_size
        print(f"open() with snapshot ({snap / 1e3:.0f} kB): median {ms(statistics.median(opens))}")

        timings = []
        base = args.answers
        for i in range(args.records):
            rec = answer(rng, base + i, args.questions)
            started = time.perf_counter()
            store.record(rec)
            timings.append(time.perf_counter() - started)
        first = timings[0]
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"record() x{args.records}: median {ms(statistics.median(timings))},"
            f" p95 {ms(p95)}, max {ms(timings[-1])} (target < 5 ms)"
        )
        print(f"  of which the first (creates the lock file, syncs the folder once): {ms(first)}")
        started = time.perf_counter()
        store.close()
        print(f"close() (snapshot write): {ms(time.perf_counter() - started)}")
        return 0 if statistics.median(timings) < 0.005 else 1


if __name__ == "__main__":
    sys.exit(main())
