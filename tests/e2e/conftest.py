"""Helpers for running quizbot as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_quizbot(tmp_path: Path) -> Run:
    """Run ``python -m quizbot ARGS`` with its own data folder; return the finished process."""

    def run(
        *args: str,
        input: str | None = None,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "QUIZBOT_HOME": str(tmp_path / "home"), "PYTHONUTF8": "1"}
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "quizbot", *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or tmp_path,
            env=environment,
            timeout=timeout,
        )

    return run
