"""``quizbot import``: Quizlet, CSV, GIFT and Aiken files to a commented pack."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from quizbot.authoring.importers.builder import PackBuilder, slug

_AIKEN_ANSWER = re.compile(r"^ANSWER:\s*[A-Z]\s*$", re.MULTILINE)


def _reader(name: str) -> Callable[[str, PackBuilder], None]:
    if name == "quizlet":
        from quizbot.authoring.importers.quizlet import read_quizlet

        return read_quizlet
    if name == "csv":
        from quizbot.authoring.importers.csvfile import read_csv

        return read_csv
    if name == "gift":
        from quizbot.authoring.importers.gift import read_gift

        return read_gift
    from quizbot.authoring.importers.aiken import read_aiken

    return read_aiken


def guess_format(path: Path, text: str) -> str:
    """The format a file is in, from its extension, else from what it holds."""
    suffix = path.suffix.lower()
    if suffix == ".gift":
        return "gift"
    if suffix == ".csv":
        first = text.split("\n", 1)[0].lower()
        return "csv" if "prompt" in first and "answer" in first else "quizlet"
    if _AIKEN_ANSWER.search(text):
        return "aiken"
    if re.search(r"(?<!\\)\{[^}]*[=~#T}]", text) and "\t" not in text:
        return "gift"
    return "quizlet"


def import_text(text: str, file: str, fmt: str) -> PackBuilder:
    """Read ``text`` (the contents of ``file``) in format ``fmt``; see the builder's problems."""
    builder = PackBuilder(file)
    _reader(fmt)(text.lstrip("\ufeff"), builder)
    return builder


def default_pack_id(path: Path) -> str:
    return slug(path.stem, "imported")
