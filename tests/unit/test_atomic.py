"""Replacing a file atomically: all of the new one, or the old one untouched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quizbot.atomic import replacing


def test_success_replaces_the_file_with_shared_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old")
    with replacing(target, encoding="utf-8") as handle:
        handle.write("new")
        assert target.read_text() == "old"  # nothing visible until the end
    assert target.read_text() == "new"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target, binary=True, private=True) as handle:
        handle.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_private_files_stay_private(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    with replacing(target, binary=True, private=True) as handle:
        handle.write(b"{}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
