"""Fixtures for the terminal UI tests."""

from __future__ import annotations

import pytest
from tui_helpers import RecordingTutor, make_tutor


@pytest.fixture
def tutor() -> RecordingTutor:
    """The real tutor on the built-in packs, seeded, with a fixed clock and no store."""
    return make_tutor()
