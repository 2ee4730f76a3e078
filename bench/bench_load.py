"""Benchmark: loading and validating a generated 10,000-question pack vs libyaml's bare load.

Run: python bench/bench_load.py [--questions N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from quizbot.packs.loader import load_pack


def generate(count: int) -> str:
    """A pack with every question type and a fact with blanks per ten questions."""
    lines = [
        "pack: big",
        "title: A generated pack",
        "sources:",
        "  - {id: src, title: Generated, publisher: Bench, date: 2021-02-04}",
        "topics:",
        *(f"  - {{id: topic-{t}, title: Topic {t}}}" for t in range(10)),
        "facts:",
    ]
    for i in range(count // 10):
        lines += [
            f"  - id: fact-{i}",
            f"    topic: topic-{i % 10}",
            "    source: src",
            f'    text: "In {{{{{1990 + i % 30}}}}} about {{{{{i + 1} million}}}} people used '
            f'{{{{service {i}|服务{i}}}}}."',
        ]
    lines.append("questions:")
    for i in range(count):
        kind = ("text", "number", "choice", "truefalse", "list")[i % 5]
        lines += [f"  - id: q-{i}", f"    type: {kind}", f"    topic: topic-{i % 10}"]
        lines.append(f"    prompt: Question number {i} asks about service {i}?")
        if kind == "text":
            lines += [
                f"    answer: Answer {i}",
                f"    accept: [Alias {i}, 别名{i}]",
                f"    reject: [{{answer: Wrong {i}, feedback: Close but no.}}]",
            ]
        elif kind == "number":
            lines += [f"    answer: {i + 1}.5 million", "    tolerance: 1%"]
        elif kind == "choice":
            lines += [f"    options: [Option {i}, Other {i}, Third {i}]", f"    answer: Option {i}"]
        elif kind == "truefalse":
            lines.append(f"    answer: {'true' if i % 2 else 'false'}")
        else:
            lines += [f"    answers: [item {i}, [thing {i}, object {i}], piece {i}]", "    need: 2"]
        lines += [
            f"    hint: Think of {i}.",
            f"    explanation: Because {i}.",
            f"    fact: fact-{i // 10}",
            "    difficulty: 2",
            "    tags: [bench]",
        ]
    return "\n".join(lines) + "\n"


def best_of(runs: int, action: object) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(generate(args.questions), encoding="utf-8")
        size = path.stat().st_size / 1e6
        result = load_pack(path)
        assert result.ok, result.problems[:3]
        assert result.pack is not None
        total = len(result.pack.questions)

        def bare() -> None:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        bare_best, bare_median = best_of(args.runs, bare)
        full_best, full_median = best_of(args.runs, lambda: load_pack(path))
    print(
        f"pack: {args.questions:,} authored questions + cloze = {total:,} questions, {size:.1f} MB"
    )
    print(f"bare yaml.load (CSafeLoader): best {bare_best:.3f} s, median {bare_median:.3f} s")
    print(f"load_pack (compose + checks): best {full_best:.3f} s, median {full_median:.3f} s")
    print(f"ratio (median): {full_median / bare_median:.2f}x  (target <= 1.5x)")


if __name__ == "__main__":
    main()
