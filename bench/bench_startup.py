"""How long the terminal UI takes from a cold start to the first question on screen.

Each run is a fresh ``python -c`` process that imports quizbot.tui.app, loads
the built-in packs, builds the Tutor and runs the app headless (``run_test``)
until the first question bubble is mounted. Prints the median of 5 runs of
the in-process time (imports to first question) and of the whole process
(interpreter start to exit). Target: in-process median under 0.6 s.

    python bench/bench_startup.py [--runs N] [--data-dir DIR]

With ``--data-dir``, the tutor opens the profile "default" there (a returning
learner): the snapshot is read and the welcome-back line is on screen before the
first question.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET = 0.6

CHILD = r"""
import time
t0, c0 = time.perf_counter(), time.process_time()
import asyncio, json, random
from quizbot.tui.app import QuizApp
from quizbot.tui.widgets.bubble import BotBubble
t_import, c_import = time.perf_counter(), time.process_time()
from quizbot.packs.builtin import load_builtin_packs
from quizbot.tutor import Tutor
packs = load_builtin_packs()
store = None
if DATA_DIR:
    from pathlib import Path
    from quizbot.progress.store import ProgressStore
    store = ProgressStore.open(Path(DATA_DIR))
tutor = Tutor(packs, store=store, rng=random.Random(1), clock=lambda: 1_700_000_000.0)
t_tutor = time.perf_counter()

def has_question(app):
    return any(b.message.kind == "question" for b in app.query(BotBubble))

async def main():
    app = QuizApp(tutor, store=store, clock=lambda: 1_700_000_000.0)
    async with app.run_test(size=(80, 24)) as pilot:
        asked_for_round = False
        for _ in range(10_000):
            if has_question(app):
                break
            if not app.busy and not asked_for_round and len(app.query(BotBubble)):
                app.send_command("new")  # the tutor opened with a menu: start a round
                asked_for_round = True
            await pilot.pause()
        else:
            raise SystemExit("no question appeared")
        t_question = time.perf_counter()
        if DATA_DIR:
            said = [b.message.text for b in app.query(BotBubble)]
            assert any(t.startswith("Welcome back") for t in said), said
    print(json.dumps({
        "import_tui": t_import - t0,
        "import_tui_cpu": c_import - c0,
        "packs_and_tutor": t_tutor - t_import,
        "first_question": t_question - t0,
    }))

asyncio.run(main())
"""


# Children import from compiled bytecode, as an installed quizbot does (this machine
# sets PYTHONDONTWRITEBYTECODE, which made each run compile quizbot's sources again);
# the bytecode goes to a scratch folder. See bench_tui.py.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "quizbot-bench-pycache")


def one_run(data_dir: str | None = None) -> tuple[dict[str, float], float]:
    """One cold start: the child's own figures and the wall time of the whole process."""
    start = time.perf_counter()
    code = f"DATA_DIR = {data_dir!r}\n" + CHILD
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=CHILD_ENV
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise SystemExit(f"bench_startup: the app did not start: {tail}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", help="a returning learner: the profile 'default' there")
    args = parser.parse_args()
    one_run(args.data_dir)  # not counted: writes the bytecode and the packs' cache
    runs = [one_run(args.data_dir) for _ in range(max(1, args.runs))]

    def median(values: list[float]) -> float:
        return statistics.median(values)

    keys = ("import_tui", "import_tui_cpu", "packs_and_tutor", "first_question")
    print(f"startup of the terminal UI, median of {len(runs)} fresh processes:")
    for key in keys:
        values = [figures[key] for figures, _ in runs]
        print(
            f"  {key:<16} {median(values):6.3f} s   (runs: "
            + ", ".join(f"{v:.3f}" for v in values)
            + ")"
        )
    walls = [wall for _, wall in runs]
    print(f"  {'whole process':<16} {median(walls):6.3f} s   (interpreter start to exit)")
    first = median([figures["first_question"] for figures, _ in runs])
    verdict = "OK" if first < TARGET else "SLOWER THAN TARGET"
    print(f"target: first question under {TARGET:.1f} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
