"""What the first question does not need is not imported before it is on screen.

A launch runs in a fresh interpreter (this test process has imported everything
already), from ``quizbot play``'s own steps: the built-in packs (from their cache, as
on every launch after the first), a real progress store, the app to the first
question. Then the first answer's modules come in the background worker, so the
first answer does not pay for them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Imported only once the first question is on screen (or never, for a launch).
LAZY = (
    "yaml",  # the built-in packs come from their cache
    "quizbot.packs.loader",
    "quizbot.lexicon",  # the number and unit readers: building packs, grading
    "rapidfuzz",
    "filelock",  # the profile's lock is first taken when an answer is saved
    "quizbot.grading",
    "quizbot.knowledge",
    "quizbot.authoring",
)

LAUNCH = r"""
import asyncio, json, random, sys
from pathlib import Path

from quizbot.packs.builtin import load_builtin_packs
from quizbot.progress.store import ProgressStore
from quizbot.tui.app import QuizApp
from quizbot.tutor import Tutor
import textual._wait  # imported by textual.app already

LAZY = json.loads(sys.argv[2])
# Pilot's idle checks every 5 ms, not 20: this script waits for what it checks, and
# each launch waited ~0.1 s in 20 ms idle sleeps.
textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = 0.005 / 20

def loaded():
    return sorted(n for n in LAZY if any(m == n or m.startswith(n + ".") for m in sys.modules))

async def main():
    store = ProgressStore.open(Path(sys.argv[1]), "default", clock=lambda: 1_700_000_000.0)
    tutor = Tutor(load_builtin_packs(), store=store, rng=random.Random(1),
                  clock=lambda: 1_700_000_000.0)
    app = QuizApp(tutor, clock=lambda: 1_700_000_000.0)
    app.WARM_UP_DELAY = float(sys.argv[3])
    found = {}
    async with app.run_test(size=(80, 24)) as pilot:
        while app.busy or not app.query(".bubble.menu"):
            await pilot.pause()
        await pilot.press("enter")
        while not app.query(".bubble.question"):
            await pilot.pause()
        found["first question"] = loaded()
        if app.WARM_UP_DELAY > 0:  # the warm-up is not due yet
            print(json.dumps(found))
            return
        for _ in range(10_000):  # until the warm-up worker has run (it imports filelock last)
            if "filelock" in sys.modules:
                break
            await pilot.pause()
        await app.workers.wait_for_complete()
        found["warmed up"] = loaded()
    print(json.dumps(found))

asyncio.run(main())
"""


def _launch(tmp_path: Path, cache: Path, warm_up_delay: float) -> dict[str, list[str]]:
    env = {**os.environ, "QUIZBOT_CACHE": str(cache)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            LAUNCH,
            str(tmp_path / "home"),
            json.dumps(LAZY),
            str(warm_up_delay),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert isinstance(found, dict)
    return found


def test_first_question_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    # The first launch reads the YAML and fills the cache; the first answer's modules
    # come in the background once the question shows (no delay here).
    first = _launch(tmp_path, cache, warm_up_delay=0)
    assert "yaml" in first["first question"]
    assert (cache / "builtin-packs.pickle").is_file()
    warmed = set(first["warmed up"])
    assert {"quizbot.grading", "quizbot.lexicon", "rapidfuzz", "filelock"} <= warmed
    assert "quizbot.authoring" not in warmed

    # Every later launch: nothing of the list before the first question is on screen
    # (the warm-up is held back so that only the launch's own imports are seen).
    found = _launch(tmp_path, cache, warm_up_delay=3600)
    assert found["first question"] == []
