"""The documents shipped for authors, found from the installed package (like the packs).

The wheel holds ``quizbot/docs/pack-format.md`` (copied from the repository's ``docs/``
when it is built) and ``quizbot/authoring/pack.schema.json``; an editable install reads
the repository's own files.
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_FILE_NAME = "pack.schema.json"


def pack_format_path() -> Path:
    """``pack-format.md``: inside the wheel, or the repository's ``docs/``."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "docs" / "pack-format.md"
    if installed.is_file():
        return installed
    return package.parent.parent / "docs" / "pack-format.md"  # an editable install


def schema_path() -> Path:
    """The JSON Schema file shipped beside this module (a test keeps it up to date)."""
    return Path(__file__).resolve().parent / SCHEMA_FILE_NAME
