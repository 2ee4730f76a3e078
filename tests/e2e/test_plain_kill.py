"""SIGKILL a real ``play --plain`` session: no answer whose feedback was shown is lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from quizbot.progress.store import ProgressStore

VERDICT_LINES = ("Correct:", "Partly right:", "Not quite:")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_after", [1, 3, 6])
def test_sigkill_after_feedback_loses_no_shown_answer(tmp_path: Path, kill_after: int) -> None:
    data = tmp_path / "data"
    session = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quizbot",
            "play",
            "--plain",
            "--data-dir",
            str(data),
            "--round",
            "10",
            "--seed",
            str(kill_after),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert session.stdin is not None and session.stdout is not None
    session.stdin.write("\n")  # Enter: a round on all topics
    session.stdin.flush()
    shown = 0
    rng = random.Random(kill_after)
    # A watchdog, so a session that stops answering fails the test instead of hanging it.
    watchdog = threading.Timer(60, session.kill)
    watchdog.start()
    try:
        while shown < kill_after:
            session.stdin.write(rng.choice(["zzz", "42", "true", "B", "Hohhot"]) + "\n")
            session.stdin.flush()
            # Read until this answer's feedback has been printed.
            while True:
                line = session.stdout.readline()
                assert line, "the session ended early"
                if line.startswith(VERDICT_LINES):
                    shown += 1
                    break
    finally:
        watchdog.cancel()
        session.send_signal(signal.SIGKILL)
        session.wait(timeout=30)
    store = ProgressStore.open(data, "default")
    answers = list(store.history())
    assert len(answers) >= shown
    assert store.warnings == []
    history = next(data.rglob("history.jsonl")).read_text("utf-8").splitlines()
    assert all(json.loads(line)["question"] for line in history)
