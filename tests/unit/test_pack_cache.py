"""The built-in packs' cache: used only when everything that made it is unchanged,
never trusted for anything but pack model objects, and never an error."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from quizbot.packs import builtin
from quizbot.packs.cache import MAGIC, cache_key, read_cached, write_cached
from quizbot.packs.loader import load_packs

PACK = """\
pack: cached
title: Cached
topics:
  - id: cities
    title: Cities
questions:
  - id: capital
    topic: cities
    type: text
    prompt: What is the capital of Inner Mongolia?
    answer: Hohhot
  - id: netizens
    topic: cities
    type: number
    unit: people
    prompt: How many internet users did China have in December 2020?
    answer: 989 million
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("QUIZBOT_CACHE", str(folder))
    return folder


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "packs" / "cached.yaml"
    path.parent.mkdir()
    path.write_text(PACK, encoding="utf-8")
    return path


def _store(pack_file: Path) -> None:
    key = cache_key([pack_file])
    assert key is not None
    write_cached([pack_file], key, tuple(load_packs([pack_file])))


def test_packs_come_back_equal_to_the_yaml(cache: Path, pack_file: Path) -> None:
    assert read_cached([pack_file]) is None  # nothing cached yet
    _store(pack_file)
    assert read_cached([pack_file]) == tuple(load_packs([pack_file]))


def test_a_changed_pack_file_is_read_again(cache: Path, pack_file: Path) -> None:
    _store(pack_file)
    info = pack_file.stat()
    # Same size and time, different bytes: the key is the content, not the file's dates.
    pack_file.write_text(PACK.replace("Hohhot", "Baotou"), encoding="utf-8")
    os.utime(pack_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert read_cached([pack_file]) is None


def test_a_pack_file_added_or_moved_is_read_again(cache: Path, pack_file: Path) -> None:
    _store(pack_file)
    other = pack_file.with_name("other.yaml")
    other.write_text(PACK.replace("pack: cached", "pack: other"), encoding="utf-8")
    assert read_cached([pack_file, other]) is None
    moved = pack_file.rename(pack_file.with_name("moved.yaml"))  # places name the file
    assert read_cached([moved]) is None


def test_a_damaged_cache_is_ignored(cache: Path, pack_file: Path) -> None:
    _store(pack_file)
    stored = cache / "builtin-packs.pickle"
    stored.write_bytes(stored.read_bytes()[:-100])
    assert read_cached([pack_file]) is None


class _Planted:
    """A pickle that would run a command when loaded by a trusting unpickler."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted",))


def test_a_planted_cache_cannot_run_code(
    cache: Path, pack_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    key = cache_key([pack_file])
    assert key is not None
    cache.mkdir()
    # The right key, so only the unpickler stands in the way.
    (cache / "builtin-packs.pickle").write_bytes(MAGIC + key + pickle.dumps(_Planted()))
    assert read_cached([pack_file]) is None
    assert not (tmp_path / "planted").exists()


def test_objects_other_than_packs_are_refused(cache: Path, pack_file: Path) -> None:
    key = cache_key([pack_file])
    assert key is not None
    cache.mkdir()
    (cache / "builtin-packs.pickle").write_bytes(MAGIC + key + pickle.dumps(("a", "b")))
    assert read_cached([pack_file]) is None


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, pack_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("QUIZBOT_CACHE", str(blocker / "cache"))
    _store(pack_file)  # does not raise
    assert read_cached([pack_file]) is None


def test_caching_can_be_turned_off(
    tmp_path: Path, pack_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZBOT_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    _store(pack_file)
    assert read_cached([pack_file]) is None
    assert not any(tmp_path.rglob("*.pickle"))


def test_builtin_packs_are_the_same_from_cache_and_from_yaml(cache: Path) -> None:
    builtin.load_builtin_packs.cache_clear()
    try:
        from_yaml = builtin.load_builtin_packs()
        assert (cache / "builtin-packs.pickle").is_file()
        builtin.load_builtin_packs.cache_clear()
        from_cache = builtin.load_builtin_packs()
    finally:
        builtin.load_builtin_packs.cache_clear()
    assert from_cache == from_yaml
    assert from_cache == tuple(load_packs([builtin.builtin_pack_dir()]))
