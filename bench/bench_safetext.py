"""What escaping untrusted text costs: ``safe_text``/``safe_line`` on long strings,
and the pack string check inside ``load_pack``.

    python bench/bench_safetext.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from bench_load import generate  # the load benchmark's pack (bench/ is on the path)
from quizbot.packs.loader import load_pack
from quizbot.safetext import forbidden_character, safe_line, safe_text


def median_seconds(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    clean = "A clean line of pack text with 互联网 and 🙂. " * 250_000  # ~12 MB
    sparse = ("x" * 99 + "\x1b") * 100_000  # 10 MB, 1% escapes
    dense = "\x1b[2J\r\x9b\u202e" * 250_000  # 1.25 M characters, all unsafe
    print(f"{'text':<40} {'chars':>12} {'safe_text':>10} {'safe_line':>10}")
    for name, text in (("clean", clean), ("1% escapes", sparse), ("all unsafe", dense)):
        a = median_seconds(runs, partial(safe_text, text))
        b = median_seconds(runs, partial(safe_line, text))
        print(f"{name:<40} {len(text):>12,} {a * 1000:>8.1f}ms {b * 1000:>8.1f}ms")

    # The validator's check alone, on every string of the load benchmark's pack: what
    # it adds to load_pack (timing load_pack twice is too noisy for a 1% difference).
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yaml"
        path.write_text(generate(10_000), encoding="utf-8")
        strings = [
            event.value
            for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            if isinstance(event, yaml.ScalarEvent)
        ]
        check = median_seconds(runs, lambda: [forbidden_character(s) for s in strings])
        load = median_seconds(runs, partial(load_pack, path))
    print(
        f"the pack string check over {len(strings):,} strings: {check * 1000:.1f} ms; "
        f"load_pack of the same 10,000-question pack: {load:.2f} s ({check / load:.1%})"
    )


if __name__ == "__main__":
    main()
