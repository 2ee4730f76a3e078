"""Benchmark: loading packs (time and peak memory) against libyaml's bare load of the file.

Three measurements:
- the project's bench pack (10,000 questions of every type, 1,000 facts) and a mixed
  pack (10,000 items, a third of them cloze facts): ``load_pack`` vs a bare
  ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the same file, time and peak memory;
- one fact with 1k, 5k, 10k and 50k blanks: the load time must grow linearly.

Times are medians of CPU time; peak memory is how far a fresh process's peak resident
size rises while it reads the file once.

Run: python bench/bench_load.py [--questions N] [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from quizbot.packs.loader import load_pack

BLANK_COUNTS = (1_000, 5_000, 10_000, 50_000)


def generate(count: int) -> str:
    """The project's bench pack: every question type, and a fact with blanks per ten."""
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
        lines += _question(i, fact=f"fact-{i // 10}")
    return "\n".join(lines) + "\n"


def generate_mixed(items: int) -> str:
    """A pack of ``items`` items of mixed types where every third item is a cloze fact."""
    facts = [i for i in range(items) if i % 3 == 2]
    lines = [
        "pack: mixed",
        "title: A mixed generated pack",
        "sources:",
        *(f"  - {{id: src-{s}, title: Source {s}, publisher: Bench}}" for s in range(3)),
        "topics:",
        *(f"  - {{id: topic-{t}, title: Topic {t}}}" for t in range(10)),
        "facts:",
    ]
    for n, i in enumerate(facts):
        blanks = [
            f"{{{{{1990 + i % 30}}}}}",
            f"{{{{{i % 97}.5 percent|{i % 97}.5%}}}}",
            f"{{{{place {i}|地方{i}|spot {i}}}}}",
        ][: 1 + n % 3]
        lines += [
            f"  - id: fact-{i}",
            f"    topic: topic-{i % 10}",
            f"    source: src-{i % 3}",
            f'    text: "Fact {i} says that {" and then ".join(blanks)} happened there."',
        ]
    lines.append("questions:")
    for i in range(items):
        if i % 3 != 2:
            nearest_fact = i - i % 3 + 2
            lines += _question(i, fact=f"fact-{nearest_fact}" if nearest_fact < items else None)
    return "\n".join(lines) + "\n"


def _question(i: int, fact: str | None) -> list[str]:
    kind = ("text", "number", "choice", "truefalse", "list")[i % 5]
    lines = [f"  - id: q-{i}", f"    type: {kind}", f"    topic: topic-{i % 10}"]
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
    lines += [f"    hint: Think of {i}.", f"    explanation: Because {i}."]
    if fact is not None:
        lines.append(f"    fact: {fact}")
    lines += ["    difficulty: 2", "    tags: [bench]"]
    return lines


def generate_blanks(count: int) -> str:
    """A pack holding one fact with ``count`` blanks (numbers, words with aliases)."""
    blanks = " ".join(
        f"in {{{{{1900 + i % 100}}}}} came {{{{word {i}|w{i}}}}}." for i in range(count // 2)
    )
    return f'pack: long\ntitle: One long fact\nfacts:\n  - id: long\n    text: "{blanks}"\n'


def bare_load(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def bare_load_collector_paused(path: Path) -> object:
    """The bare load with Python's cycle collector paused, as ``load_pack`` pauses it."""
    gc.disable()
    try:
        return bare_load(path)
    finally:
        gc.enable()


def medians(runs: int, actions: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median CPU seconds of each action, run in turns.

    CPU time of this process, not wall time: the machine is shared, and time spent
    waiting for a core says nothing about the loader.
    """
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            started = time.process_time()
            action()
            times[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_memory(how: str, path: Path) -> int:
    """Peak memory (bytes) a fresh process adds to read the file ``how`` ('bare' or 'load')."""
    out = subprocess.run(
        [sys.executable, __file__, "--memory-of", how, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(json.loads(out)["peak_growth"])


def _measure_memory(how: str, path: Path) -> None:
    """In the child: read the file once and print how far the peak rose above the start."""
    start = _status_kib("VmRSS")
    if how == "bare":
        bare_load(path)
    else:
        assert load_pack(path).ok
    # VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the parent's size from before exec.
    print(json.dumps({"peak_growth": (_status_kib("VmHWM") - start) * 1024}))


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def compare(name: str, text: str, folder: Path, runs: int) -> None:
    path = folder / f"{name.replace(' ', '-')}.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_pack(path)
    assert result.ok and result.pack is not None, result.problems[:3]
    total = len(result.pack.questions)
    cloze = sum(q.is_cloze for q in result.pack.questions)
    took = medians(
        runs,
        {
            "bare": lambda: bare_load(path),
            "paused": lambda: bare_load_collector_paused(path),
            "load": lambda: load_pack(path),
        },
    )
    bare_peak, load_peak = peak_memory("bare", path), peak_memory("load", path)
    mb = 1024 * 1024
    print(f"{name}: {total:,} questions ({cloze:,} cloze), {path.stat().st_size / mb:.1f} MiB")
    for what, seconds, peak in (
        ("bare yaml.load (CSafeLoader)", took["bare"], bare_peak),
        ("load_pack", took["load"], load_peak),
    ):
        print(f"  {what:<29} median {seconds:.3f} s, peak +{peak / mb:.0f} MiB")
    print(
        f"  ratio: time {took['load'] / took['bare']:.2f}x (target <= 1.2x), "
        f"memory {load_peak / bare_peak:.2f}x (target <= 2x), "
        f"{load_peak / total / 1024:.1f} KiB per question at peak"
    )
    print(
        f"  (bare load with the collector paused too: median {took['paused']:.3f} s; "
        f"load_pack is {took['load'] / took['paused']:.2f}x that)"
    )


def blanks_scaling(folder: Path) -> None:
    print("one fact with N blanks: load_pack time (linear: the time per blank stays flat)")
    for count in BLANK_COUNTS:
        path = folder / f"blanks-{count}.yaml"
        path.write_text(generate_blanks(count), encoding="utf-8")
        took = medians(3, {"load": lambda path=path: load_pack(path)})["load"]
        result = load_pack(path)
        assert result.ok and result.pack is not None and len(result.pack.questions) == count
        print(
            f"  {count:>6,} blanks, {path.stat().st_size / 1024:>5.0f} KiB: "
            f"{took:.3f} s, {took / count * 1e6:.1f} µs per blank"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory-of", nargs=2, metavar=("HOW", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        _measure_memory(args.memory_of[0], Path(args.memory_of[1]))
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        compare("bench pack", generate(args.questions), folder, args.runs)
        compare("mixed pack", generate_mixed(args.questions), folder, args.runs)
        blanks_scaling(folder)


if __name__ == "__main__":
    main()
