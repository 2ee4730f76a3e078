"""The built-in packs shipped with quizbot, found from any working directory."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from quizbot.packs.loader import load_packs
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
    """Load (once per process) every built-in pack; raises PackError if one is broken."""
    return tuple(load_packs([builtin_pack_dir()]))
