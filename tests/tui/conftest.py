"""Fixtures for the terminal UI tests."""

from __future__ import annotations

import pytest
from tui_helpers import RecordingTutor, make_tutor


@pytest.fixture
def tutor() -> RecordingTutor:
    """The real tutor on the built-in packs, seeded, with a fixed clock and no store."""
    return make_tutor()


@pytest.fixture(autouse=True)
def quick_idle_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits for the app to go idle by sleeping 20 ms at a time and comparing CPU
    with wall time: most of this folder's wall time was those sleeps. Checking every 5 ms
    (with the same share of CPU meaning idle) keeps what a test sees and halves its wait.
    Our helpers also wait for the tutor's worker explicitly (``settle``)."""
    import textual._wait as wait

    monkeypatch.setattr(wait, "SLEEP_GRANULARITY", 0.005)
    monkeypatch.setattr(wait, "SLEEP_IDLE", 0.005 / 20)
