"""Benchmark: the authors' advice (``validate``'s warnings) on the generated bench packs.

Each check finds its candidates through dictionaries, sorted lists and rapidfuzz's C
loops, blocked by topic, so none is O(n²) in Python on a 10,000-question pack.
Times are medians of CPU seconds, against ``load_pack`` of the same file.

Run: python bench/bench_checks.py [--questions N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench_load import generate, generate_mixed
from quizbot.authoring import checks
from quizbot.packs.loader import load_pack

CHECKS = (
    "_teaches_nothing",
    "_accepts_another_answer",
    "_near_duplicate_prompts",
    "_gives_answer_away",
    "_untested_facts",
    "_exact_for_rough",
)


def cpu(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, text in (
            ("bench", generate(args.questions)),
            ("mixed", generate_mixed(args.questions)),
        ):
            path = Path(folder) / f"{name}.yaml"
            path.write_text(text, encoding="utf-8")
            pack = load_pack(path).pack
            assert pack is not None
            load = cpu(lambda p=path: load_pack(p), args.runs)
            every = cpu(lambda p=pack: checks.pack_warnings(p), args.runs)
            found = len(checks.pack_warnings(pack))
            print(
                f"{name} pack ({len(pack.questions)} questions): load_pack {load:.2f} s, "
                f"all checks {every:.2f} s, {found} warnings"
            )
            for check in CHECKS:
                seconds = cpu(lambda c=check, p=pack: list(getattr(checks, c)(p)), args.runs)
                print(f"  {check}: {seconds:.3f} s")


if __name__ == "__main__":
    main()
