"""Benchmark: start-up of the non-TUI commands, as fresh processes (they never import Textual).

Run: python bench/bench_cli.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

from quizbot.packs.builtin import builtin_pack_dir

RUNS = 7


def timed(args: list[str], env_home: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "quizbot", *args],
        capture_output=True,
        check=False,
        env={"QUIZBOT_HOME": env_home, "PATH": ""},
    )
    return time.perf_counter() - started


def main() -> None:
    commands = {
        "python -c pass (the floor)": None,
        "quizbot --version": ["--version"],
        "quizbot validate (built-in pack)": ["validate", str(builtin_pack_dir())],
        "quizbot ask": ["ask", "how many people use online education?"],
        "quizbot stats --json (empty profile)": ["stats", "--json"],
    }
    with tempfile.TemporaryDirectory() as home:
        print(f"start-up of quizbot commands, median of {RUNS} fresh processes:")
        for label, args in commands.items():
            if args is None:
                runs = []
                for _ in range(RUNS):
                    started = time.perf_counter()
                    subprocess.run([sys.executable, "-c", "pass"], check=False)
                    runs.append(time.perf_counter() - started)
            else:
                runs = [timed(args, home) for _ in range(RUNS)]
            print(f"  {label:40} {statistics.median(runs) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
