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


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    import subprocess
    import sys

    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


def test_the_temporary_name_holds_the_writers_pid(tmp_path: Path) -> None:
    from quizbot.atomic import remove_orphans

    target = tmp_path / "report.csv"
    with replacing(target, encoding="utf-8") as handle:
        handle.write("x")
        (temporary,) = [p.name for p in tmp_path.iterdir()]
        assert temporary.startswith(f".report.csv.{os.getpid()}.")
        assert remove_orphans(target) == []  # its writer is alive: kept


def test_orphans_of_dead_writers_are_removed_and_nothing_else(tmp_path: Path) -> None:
    from quizbot.atomic import remove_orphans

    target = tmp_path / "report.csv"
    pid = dead_pid()
    orphan = tmp_path / f".report.csv.{pid}.abcd_123.tmp"
    kept = [
        tmp_path / f".report.csv.{os.getpid()}.abcd_123.tmp",  # a live writer
        tmp_path / f".report.csv.5.{pid}.abcd_123.tmp",  # report.csv.5's, not ours
        tmp_path / f".other.csv.{pid}.abcd_123.tmp",
        tmp_path / ".report.csv.abcd_123.tmp",  # no pid in it
        tmp_path / "report.csv",
    ]
    for path in (orphan, *kept):
        path.write_text("half")
    assert remove_orphans(target) == [orphan]
    assert sorted(tmp_path.iterdir()) == sorted(kept)
