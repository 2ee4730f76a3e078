"""The built-in packs shipped with quizbot, found from any working directory."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from quizbot.packs.cache import cache_key, read_cached, write_cached
from quizbot.packs.files import find_pack_files
from quizbot.packs.model import Pack


def builtin_pack_dir() -> Path:
    """The folder of built-in packs: inside the wheel, or the repository's ``questions/``."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "questions"  # where the wheel puts them
    if installed.is_dir():
        return installed
    return here.parent.parent / "questions"  # an editable install runs from src/


@cache
def load_builtin_packs() -> tuple[Pack, ...]:
    """Load (once per process) every built-in pack; raises PackError if one is broken.

    From the cache of the packs as built when their files and quizbot are unchanged
    (``quizbot.packs.cache``), else from the YAML: the loader is imported only then.
    """
    folder = builtin_pack_dir()
    files, unlisted = find_pack_files([folder])
    if files and not unlisted:
        cached = read_cached(files)
        if cached is not None:
            return cached
    from quizbot.packs.loader import load_packs

    key = cache_key(files)
    packs = tuple(load_packs([folder]))
    # Kept only if the files did not change while they were read.
    if key is not None and files and not unlisted and cache_key(files) == key:
        write_cached(files, key, packs)
    return packs
