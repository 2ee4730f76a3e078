"""The terminal UI over a whole evening: launch to the first question, then keypress to
screen and memory from answer 10 to answer 300.

1. Launch: fresh processes run the quiz app headless (``run_test``, 80x24) from the
   interpreter's first line to the first question on screen (Enter at the menu), and a
   minimal Textual app doing the same screen change (an Input; Enter mounts one
   Static). Median of ``--runs`` each, CPU time (the machine is shared) and wall
   time; target: quizbot at most 1.5x the minimal app. Then, in quizbot's runs, the
   CPU once the first answer's modules are imported in the background (a moment after
   the question shows) and the first answer's keypress to reply on screen.
2. A long session: one process answers ``--answers`` questions (a new round with /new
   after each summary), timing each Enter until the reply is on screen and reading the
   resident memory. Target: answers 290-300 within 20% of answers 10-20, memory too.

    python bench/bench_tui.py [--runs N] [--answers N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

LAUNCH_QUIZ = r"""
import time
t0, c0 = time.perf_counter(), time.process_time()
import asyncio, json, random
from quizbot.tui.app import QuizApp
from quizbot.packs.builtin import load_builtin_packs
from quizbot.tutor import Tutor

async def main():
    tutor = Tutor(load_builtin_packs(), rng=random.Random(1), clock=lambda: 1_700_000_000.0)
    app = QuizApp(tutor, clock=lambda: 1_700_000_000.0)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10_000):
            if not app.busy and app.query(".bubble.menu"):
                break
            await pilot.pause()
        await pilot.press("enter")
        for _ in range(10_000):
            if app.query(".bubble.question"):
                break
            await pilot.pause()
        shown = [time.perf_counter() - t0, time.process_time() - c0]
        # Not part of the launch: the first answer's modules are imported in the
        # background a moment after the question shows (tui/warmup.py); a learner
        # reads the question for longer than that. Then the first answer.
        await asyncio.sleep(1.0)
        await app.workers.wait_for_complete()
        warmed = time.process_time() - c0
        bubbles = len(app.query(".bubble"))
        app.query_one("#answer").value = "Paris"
        t1, c1 = time.perf_counter(), time.process_time()
        await pilot.press("enter")
        for _ in range(100_000):
            if not app.busy and len(app.query(".bubble")) > bubbles + 1:
                break
            await pilot.pause(0)
        answer = [time.perf_counter() - t1, time.process_time() - c1]
        print(json.dumps(shown + [warmed] + answer))

asyncio.run(main())
"""

LAUNCH_MINIMAL = r"""
import time
t0, c0 = time.perf_counter(), time.process_time()
import asyncio, json
from textual.app import App
from textual.widgets import Footer, Header, Input, Static
from textual.containers import VerticalScroll

class Minimal(App):
    def compose(self):
        yield Header()
        yield VerticalScroll(Static("Hello! Press Enter to start."), id="log")
        yield Input(id="answer")
        yield Footer()

    def on_mount(self):
        self.query_one("#answer").focus()

    def on_input_submitted(self, event):
        self.query_one("#log").mount(Static("Question 1: which city?", classes="question"))

async def main():
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(10_000):
            if app.query(".question"):
                break
            await pilot.pause()
        print(json.dumps([time.perf_counter() - t0, time.process_time() - c0]))

asyncio.run(main())
"""

SESSION = r"""
import asyncio, json, random, sys, time
from quizbot.tui.app import QuizApp
from quizbot.packs.builtin import load_builtin_packs
from quizbot.tutor import Tutor

ANSWERS = int(sys.argv[1])

def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

async def settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()
    while app.busy:
        await app.workers.wait_for_complete()
        await pilot.pause()

async def main():
    tutor = Tutor(load_builtin_packs(), rng=random.Random(1), clock=lambda: 1_700_000_000.0,
                  round_length=10)
    app = QuizApp(tutor, clock=lambda: 1_700_000_000.0)
    app.EXIT_DELAY = 0
    times, cpu, memory = [], [], {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        answer = app.query_one("#answer")
        answer.value = ""
        await pilot.press("enter")
        await settle(app, pilot)
        for n in range(1, ANSWERS + 1):
            if tutor.status.stage != "question":
                answer.value = "/new"
                await pilot.press("enter")
                await settle(app, pilot)
            answer.value = "Paris"
            start, start_cpu = time.perf_counter(), time.process_time()
            await pilot.press("enter")
            await settle(app, pilot)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if n in (10, 20, 100, 200, 290, 300) or n == ANSWERS:
                memory[n] = rss_mib()
        widgets = len(list(app.query("*")))
    print(json.dumps({"times": times, "cpu": cpu, "memory": memory, "widgets": widgets}))

asyncio.run(main())
"""


# Children import from compiled bytecode, as an installed quizbot does: with
# PYTHONDONTWRITEBYTECODE set (as on the machine these figures come from), every
# launch compiled quizbot's sources again (~60 ms) while Textual's came compiled from
# pip. The bytecode goes to a scratch directory, not into the source tree.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "quizbot-bench-pycache")


def child(code: str, *args: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
        env=CHILD_ENV,
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise SystemExit(f"bench_tui: a child failed: {tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--session-only", action="store_true", help="skip the launch figures")
    parser.add_argument("--launch-only", action="store_true", help="skip the long session")
    args = parser.parse_args()

    if not args.session_only:
        launch(args.runs)
    if not args.launch_only:
        session(args.answers)
    return 0


def launch(runs: int) -> None:
    """Launch to the first question, quizbot against a minimal Textual app.

    The two alternate, so a change in the machine's load hits both alike. CPU time
    (the process's, worker thread included) is the figure to read on a shared machine.
    """
    quiz: list[list[float]] = []
    minimal: list[list[float]] = []
    # Not counted: writes the bytecode and the built-in packs' cache (as a learner's
    # first launch after installing does), warms the disk cache.
    _seconds(LAUNCH_QUIZ)
    _seconds(LAUNCH_MINIMAL)
    for _ in range(runs):
        quiz.append(_seconds(LAUNCH_QUIZ))
        minimal.append(_seconds(LAUNCH_MINIMAL))
    for n, what in enumerate(("CPU", "wall")):
        q = statistics.median(run[1 - n] for run in quiz)
        m = statistics.median(run[1 - n] for run in minimal)
        print(
            f"launch -> first question, {what} time, median of {runs}: quizbot "
            f"{q * 1000:.0f} ms, minimal Textual app {m * 1000:.0f} ms, ratio {q / m:.2f}x "
            "(target <= 1.5x)"
        )
    warmed = statistics.median(run[2] for run in quiz)
    print(
        f"  quizbot's CPU once the first answer's modules are imported in the background "
        f"(after the question shows): {warmed * 1000:.0f} ms"
    )
    for n, what in ((4, "CPU"), (3, "wall")):
        first = statistics.median(run[n] for run in quiz)
        print(f"first answer -> reply on screen, {what} time, median: {first * 1000:.0f} ms")


def _seconds(code: str) -> list[float]:
    """The seconds a child measured: wall and CPU to the first question, then more."""
    value = child(code)
    assert isinstance(value, list)
    return [float(v) for v in value]


def session(answers: int) -> None:
    """Keypress to screen and memory over a long session."""
    found = child(SESSION, str(answers))
    assert isinstance(found, dict)
    for what, key in (("CPU", "cpu"), ("wall", "times")):
        times = found[key]
        early = statistics.median(times[9:20]) * 1000
        late = statistics.median(times[-11:]) * 1000
        print(
            f"keypress -> screen, {what} time, median: answers 10-20 {early:.0f} ms, "
            f"answers {len(times) - 10}-{len(times)} {late:.0f} ms ({late / early:.2f}x)"
        )
    memory = {int(k): v for k, v in found["memory"].items()}
    first, last = memory[min(memory)], memory[max(memory)]
    steps = ", ".join(f"{n}: {v:.0f}" for n, v in sorted(memory.items()))
    print(f"resident memory (MiB) at answer {steps} ({last / first:.2f}x)")
    print(f"widgets in the DOM after {len(times)} answers: {found['widgets']}")


if __name__ == "__main__":
    raise SystemExit(main())
