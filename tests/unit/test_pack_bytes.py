"""Reading a pack's bytes: the size limit holds for what is read, not what stat says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizbot.packs.files import find_pack_files, read_pack_bytes
from quizbot.packs.problems import Problem


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"x" * 100)
    assert read_pack_bytes(path, "p.yaml", 100) == b"x" * 100
    problem = read_pack_bytes(path, "p.yaml", 99)
    assert isinstance(problem, Problem)
    assert str(problem) == "p.yaml:1:1: file is larger than 99 bytes; split the pack"


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_the_limit_holds_for_a_file_whose_size_says_zero(tmp_path: Path) -> None:
    # /proc files are regular files that report size 0 and still hold bytes: a
    # check of the reported size alone would read them whole.
    source = Path("/proc/self/status")
    assert source.stat().st_size == 0
    link = tmp_path / "status.yaml"
    link.symlink_to(source)
    problem = read_pack_bytes(link, "status.yaml", 10)
    assert isinstance(problem, Problem) and "larger than 10 bytes" in problem.message


def test_a_folder_named_like_a_pack_is_a_problem_at_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "odd.yaml"
    folder.mkdir()
    problem = read_pack_bytes(folder, "odd.yaml", 100)
    assert str(problem) == "odd.yaml:1:1: is a folder, not a pack file"


def test_search_finds_packs_in_subfolders_and_survives_a_link_loop(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.yaml", "a/b/two.yml", "a/b/notes.txt"):
        (tmp_path / name).write_text("pack: x\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    files, problems = find_pack_files([tmp_path / "a"])
    assert problems == []
    assert files == [tmp_path / "a" / "b" / "two.yml", tmp_path / "a" / "one.yaml"]
