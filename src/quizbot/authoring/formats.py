"""The names of the formats ``quizbot import`` reads and ``quizbot export`` writes.

Kept apart so the command line can list them without importing any reader or writer.
"""

from __future__ import annotations

IMPORT_FORMATS = ("quizlet", "csv", "gift", "aiken")
EXPORT_FORMATS = ("gift", "anki", "quizlet", "csv", "markdown", "html")
