"""The keys a pack may hold, section by section, as the contract lists them."""

from __future__ import annotations

import re

PACK_KEYS = (
    "pack",
    "title",
    "version",
    "language",
    "description",
    "sources",
    "topics",
    "facts",
    "questions",
)
PACK_REQUIRED = ("pack", "title")
SOURCE_KEYS = ("id", "title", "publisher", "author", "date", "url")
SOURCE_REQUIRED = ("id", "title")
TOPIC_KEYS = ("id", "title")
TOPIC_REQUIRED = ("id", "title")
FACT_KEYS = ("id", "topic", "source", "text", "tests")
FACT_REQUIRED = ("id", "text")
QUESTION_KEYS = (
    "id",
    "type",
    "prompt",
    "answer",
    "answers",
    "topic",
    "accept",
    "reject",
    "hint",
    "explanation",
    "fact",
    "source",
    "difficulty",
    "tags",
    "options",
    "need",
    "tolerance",
    "unit",
    "tests",
)
REJECT_KEYS = ("answer", "feedback")
TESTS_KEYS = ("accepted", "rejected")

ID_PATTERN = re.compile(r"[A-Za-z0-9_.\-]+")
UNITS = ("percent",)
DIFFICULTY_RANGE = (1, 3)
