"""Benchmark progress storage against a long history (1,000,000 answers by default).

Measures: open() with no snapshot (a full replay with the fsrs scheduler, once: what the
first start after the switch from the hand-written model costs), open() with one,
the welcome-back numbers and the stats summary in process (what the stats screen shows),
record() per answer, close(), and `quizbot stats --json` / `--csv` as whole processes
(target under 0.5 s: they read the snapshot's running counts and states, not the history).

Run: python bench/bench_progress.py [--answers N] [--questions N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizbot.progress.codec import encode_record
from quizbot.progress.records import AnswerRecord
from quizbot.progress.stats import summarize
from quizbot.progress.store import ProgressStore
from quizbot.progress.welcome import welcome

T0 = 1_800_000_000.0
VERDICTS = [("correct", 1.0), ("partial", 0.5), ("incorrect", 0.0), ("skipped", 0.0)]
STATS_TARGET = 0.5
RECORD_TARGET = 0.005


def answer(rng: random.Random, i: int, questions: int, spacing: float) -> AnswerRecord:
    verdict, score = rng.choice(VERDICTS)
    return AnswerRecord(
        time=T0 + i * spacing,
        pack=f"pack{i % 5}",
        question=f"question-{rng.randrange(questions)}",
        response="nearly nine hundred million people",
        verdict=verdict,
        score=score,
        hint_used=rng.random() < 0.1,
        seconds=rng.uniform(2, 30),
        topic=f"topic{i % 7}",
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def stats_process(data: Path, option: str = "--json") -> float:
    """Wall time of `python -m quizbot stats --json` (or --csv), start to exit."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "quizbot", "stats", option, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    if option == "--json":
        json.loads(result.stdout)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=2_000)
    parser.add_argument("--records", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(1)
    # A few years of answers: about 3 minutes apart on average.
    spacing = 3 * 365 * 86_400 / args.answers
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        folder = data / "profiles" / "default"
        folder.mkdir(parents=True)
        started = time.perf_counter()
        with open(folder / "history.jsonl", "wb") as fh:
            for i in range(args.answers):
                fh.write(encode_record(answer(rng, i, args.questions, spacing)))
        size = (folder / "history.jsonl").stat().st_size
        print(
            f"history: {args.answers:,} answers to {args.questions:,} questions,"
            f" {size / 1e6:.0f} MB, written in {time.perf_counter() - started:.1f} s"
        )

        started = time.perf_counter()
        store = ProgressStore.open(data)
        print(f"open() with no snapshot (full replay): {ms(time.perf_counter() - started)}")
        opens = []
        for _ in range(5):
            started = time.perf_counter()
            store = ProgressStore.open(data)
            opens.append(time.perf_counter() - started)
        snap = (folder / "state.json").stat().st_size
        print(f"open() with snapshot ({snap / 1e3:.0f} kB): median {ms(statistics.median(opens))}")

        keys = [f"pack{p}/question-{q}" for p in range(5) for q in range(args.questions)]
        started = time.perf_counter()
        line = welcome(store, T0 + 3 * 365 * 86_400, keys).text()
        print(
            f"welcome-back numbers (in process, snapshot open): {ms(time.perf_counter() - started)}"
        )
        print(f"  {line}")
        started = time.perf_counter()
        summarize(store, T0 + 3 * 365 * 86_400)
        print(
            f"stats summary (in process, for the stats screen): {ms(time.perf_counter() - started)}"
        )
        csv_runs = sorted(stats_process(data, "--csv") for _ in range(3))
        print(f"`quizbot stats --csv` (whole process): median {ms(statistics.median(csv_runs))}")

        runs = sorted(stats_process(data) for _ in range(5))
        print(
            f"`quizbot stats --json` (whole process): median {ms(statistics.median(runs))},"
            f" max {ms(runs[-1])} (target < {STATS_TARGET} s)"
        )

        timings = []
        base = args.answers
        for i in range(args.records):
            rec = answer(rng, base + i, args.questions, spacing)
            started = time.perf_counter()
            store.record(rec)
            timings.append(time.perf_counter() - started)
        first = timings[0]
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"record() x{args.records}: median {ms(statistics.median(timings))},"
            f" p95 {ms(p95)}, max {ms(timings[-1])} (target < {RECORD_TARGET * 1000:.0f} ms)"
        )
        print(f"  of which the first (creates the lock file, syncs the folder once): {ms(first)}")
        started = time.perf_counter()
        store.close()
        print(f"close() (snapshot write): {ms(time.perf_counter() - started)}")

        # After a session: stats still reads only the snapshot and the short tail.
        after = stats_process(data)
        print(f"`quizbot stats --json` after the session: {ms(after)}")
        ok = statistics.median(timings) < RECORD_TARGET and statistics.median(runs) < STATS_TARGET
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
