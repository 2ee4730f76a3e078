"""The pack format, described once: every section's keys, their kinds, which are required,
the values allowed and what they refer to.

Three things are made from this description, so they cannot drift apart:
- the loader's key checks and messages (``PACK_KEYS``, ``QUESTION_REQUIRED``, ... below,
  worked out once at import: the loader pays nothing for them);
- the JSON Schema (draft 2020-12) that ``quizbot schema`` prints and editors use for
  completion (``json_schema``);
- the reference tables of ``docs/pack-format.md`` (``markdown_table``; a test compares).

The loader still does the checks a schema cannot (numbers the reader can read, units,
blanks, references declared in the same file), and its messages stay its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ID_PATTERN = re.compile(r"[A-Za-z0-9_.\-]+")
UNITS = ("percent",)
DIFFICULTY_RANGE = (1, 3)
QUESTION_TYPE_NAMES = ("text", "number", "choice", "truefalse", "list")
# What other quiz tools call our types: an unknown type named here suggests ours.
TYPE_SYNONYMS = {
    "multiple": "choice",
    "multiple-choice": "choice",
    "multiplechoice": "choice",
    "mc": "choice",
    "mcq": "choice",
    "select": "choice",
    "true-false": "truefalse",
    "true/false": "truefalse",
    "tf": "truefalse",
    "bool": "truefalse",
    "boolean": "truefalse",
    "yesno": "truefalse",
    "numeric": "number",
    "numerical": "number",
    "integer": "number",
    "short": "text",
    "shortanswer": "text",
    "short-answer": "text",
    "string": "text",
    "cloze": "text",
    "multi": "list",
    "multiple-answers": "list",
}


@dataclass(frozen=True)
class Key:
    """One key of a section: its name, the kind of value it takes and what it means."""

    name: str
    kind: str  # one of KINDS
    meaning: str
    required: bool = False
    allowed: tuple[str, ...] = ()  # for a "choice of words" key (a question's type)
    refers_to: str | None = None  # the section whose ids it names
    only_for: tuple[str, ...] = ()  # the question types that take it


@dataclass(frozen=True)
class Section:
    """A mapping of the format: the pack itself, or one item of a list of the pack."""

    name: str  # as the docs' tables are named (the pack's top-level key for a list)
    what: str  # how the loader's messages name one of them ("a source")
    keys: tuple[Key, ...]

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys if key.required)


# The kinds of value, as the docs' tables name them (and the JSON Schema draws them).
KINDS = {
    "id": "id",
    "text": "text",
    "text-or-empty": "text (may be empty)",
    "texts": "text or list of texts",
    "integer": "whole number",
    "difficulty": "1, 2 or 3",
    "word": "one of the words listed",
    "reference": "id",
    "answer": "text, number or true/false",
    "list-answers": "list of items (an item: text or list of texts)",
    "rejects": "list of texts or {answer, feedback}",
    "tolerance": "number, or number%",
    "unit": "text",
    "tests": "{accepted: [...], rejected: [...]}",
    "blank-tests": "blank number or name: {accepted, rejected}",
    "sources": "list of sources",
    "topics": "list of topics",
    "facts": "list of facts",
    "questions": "list of questions",
    "responses": "list of texts",
}

PACK = Section(
    "pack",
    "the pack",
    (
        Key("pack", "id", "the pack's id, unique among the packs loaded together", True),
        Key("title", "text", "the pack's title, as learners see it", True),
        Key("version", "integer", "your own version number for the pack (default 1)"),
        Key("language", "text", "the language of the prompts, a BCP-47 tag (default en)"),
        Key("description", "text-or-empty", "what the pack is about"),
        Key("sources", "sources", "where the facts come from; cited after each answer"),
        Key("topics", "topics", "what a learner can choose to be quizzed on"),
        Key("facts", "facts", "short statements, each from one source; blanks make questions"),
        Key("questions", "questions", "the questions you write yourself"),
    ),
)
SOURCE = Section(
    "sources",
    "a source",
    (
        Key("id", "id", "unique among the pack's sources", True),
        Key("title", "text", "the article's or report's title", True),
        Key("publisher", "text-or-empty", "who published it"),
        Key("author", "text-or-empty", "who wrote it"),
        Key("date", "text-or-empty", 'when it was published; quote it: "2021-02-04"'),
        Key("url", "text-or-empty", "where to read it"),
    ),
)
TOPIC = Section(
    "topics",
    "a topic",
    (
        Key("id", "id", "unique among the pack's topics", True),
        Key("title", "text", "as learners see it", True),
    ),
)
FACT = Section(
    "facts",
    "a fact",
    (
        Key("id", "id", "unique among the pack's facts", True),
        Key("text", "text", "one sentence; {{...}} marks a blank (see Blanks)", True),
        Key("topic", "reference", "a topic of this pack", refers_to="topics"),
        Key("source", "reference", "the source it comes from", refers_to="sources"),
        Key("tests", "blank-tests", "responses each blank must accept and reject"),
    ),
)
QUESTION = Section(
    "questions",
    "a question",
    (
        Key("id", "id", "unique in the pack", True),
        Key("type", "word", "the kind of answer", True, allowed=QUESTION_TYPE_NAMES),
        Key("prompt", "text", "the question as the learner sees it", True),
        Key("answer", "answer", "the right answer (every type but list)", True),
        Key("answers", "list-answers", "a list question's items", True, only_for=("list",)),
        Key("topic", "reference", "a topic of this pack", refers_to="topics"),
        Key("accept", "texts", "other accepted forms: aliases, translations, abbreviations"),
        Key("reject", "rejects", "wrong answers to catch, with an optional message"),
        Key("hint", "text", "shown once when asked; a right answer after it earns half"),
        Key("explanation", "text", "shown after the answer: why it is so"),
        Key("fact", "reference", "the fact this question tests", refers_to="facts"),
        Key("source", "reference", "a source, when the question has no fact", refers_to="sources"),
        Key("difficulty", "difficulty", "1 (easy) to 3 (hard)"),
        Key("tags", "texts", "words for your own sorting"),
        Key("options", "texts", "the choices (at least two)", only_for=("choice",)),
        Key("need", "integer", "how many items are asked for (default: all)", only_for=("list",)),
        Key(
            "tolerance",
            "tolerance",
            "absolute (0.5) or relative (2%); default 0",
            only_for=("number",),
        ),
        Key("unit", "unit", "the answer's unit when its text does not say", only_for=("number",)),
        Key("tests", "tests", "responses that must be marked right, and wrong"),
    ),
)
REJECT = Section(
    "reject",
    "a reject entry",
    (
        Key("answer", "text", "the wrong answer", True),
        Key("feedback", "text", "what the learner is told"),
    ),
)
TESTS = Section(
    "tests",
    "tests",
    (
        Key("accepted", "responses", "responses that must be marked right"),
        Key("rejected", "responses", "responses that must be marked wrong"),
    ),
)
SECTIONS = (PACK, SOURCE, TOPIC, FACT, QUESTION, REJECT, TESTS)

# What the loader checks keys against: worked out once, here.
PACK_KEYS, PACK_REQUIRED = PACK.key_names, PACK.required
SOURCE_KEYS, SOURCE_REQUIRED = SOURCE.key_names, SOURCE.required
TOPIC_KEYS, TOPIC_REQUIRED = TOPIC.key_names, TOPIC.required
FACT_KEYS, FACT_REQUIRED = FACT.key_names, FACT.required
QUESTION_KEYS = QUESTION.key_names
# "answer" and "answers" depend on the type: the loader says which one is missing.
QUESTION_REQUIRED = tuple(k for k in QUESTION.required if k not in ("answer", "answers"))
REJECT_KEYS, REJECT_REQUIRED = REJECT.key_names, REJECT.required
TESTS_KEYS = TESTS.key_names


# -- the JSON Schema ---------------------------------------------------------------------

SCHEMA_ID = "https://quizbot.invalid/pack.schema.json"
_SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_TEXTS: dict[str, Any] = {"anyOf": [_SCALAR, {"type": "array", "items": _SCALAR}]}
_RESPONSES: dict[str, Any] = {"type": "array", "items": {"type": ["string", "number", "null"]}}


def _kind_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of value (sections are referenced by ``$defs``)."""
    simple: dict[str, dict[str, Any]] = {
        "id": {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"},
        "text": {"type": ["string", "number"]},
        "text-or-empty": {"type": ["string", "number", "null"]},
        "texts": _TEXTS,
        "integer": {"type": "integer"},
        "difficulty": {
            "type": "integer",
            "minimum": DIFFICULTY_RANGE[0],
            "maximum": DIFFICULTY_RANGE[1],
        },
        "word": {"enum": list(QUESTION_TYPE_NAMES)},
        "reference": {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"},
        "answer": _SCALAR,
        "list-answers": {"type": "array", "minItems": 1, "items": _TEXTS},
        "rejects": {
            "type": "array",
            "items": {"anyOf": [_SCALAR, {"$ref": "#/$defs/reject"}]},
        },
        "tolerance": {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*%?\s*$"},
            ]
        },
        "unit": {"type": "string"},
        "tests": {"$ref": "#/$defs/tests"},
        "blank-tests": {
            "type": "object",
            "patternProperties": {"^([0-9]+|[A-Za-z0-9_.\\-]+)$": {"$ref": "#/$defs/tests"}},
            "additionalProperties": False,
        },
        "responses": _RESPONSES,
    }
    if kind in simple:
        return dict(simple[kind])
    section = {"sources": "source", "topics": "topic", "facts": "fact", "questions": "question"}
    return {"type": "array", "items": {"$ref": f"#/$defs/{section[kind]}"}}


def _section_schema(section: Section) -> dict[str, Any]:
    properties = {}
    for key in section.keys:
        described = _kind_schema(key.kind)
        meaning = key.meaning
        if key.refers_to:
            meaning += f" (an id declared under {key.refers_to})"
        properties[key.name] = {"description": meaning, **described}
    required = section.required
    if section is QUESTION:
        required = QUESTION_REQUIRED
    schema: dict[str, Any] = {
        "type": "object",
        "description": f"{section.what[0].upper()}{section.what[1:]}",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }
    if section is QUESTION:
        schema["allOf"] = _question_rules()
    return schema


def _question_rules() -> list[dict[str, Any]]:
    """A list question takes ``answers``, every other type ``answer``; type-only keys."""
    rules: list[dict[str, Any]] = [
        {
            "if": {"properties": {"type": {"const": "list"}}, "required": ["type"]},
            "then": {"required": ["answers"], "not": {"required": ["answer"]}},
            "else": {"required": ["answer"], "not": {"required": ["answers"]}},
        },
        {
            "if": {"properties": {"type": {"const": "choice"}}, "required": ["type"]},
            "then": {"required": ["options"]},
        },
    ]
    for key in QUESTION.keys:
        if key.only_for and key.name != "answers":
            rules.append(
                {
                    "if": {"required": [key.name]},
                    "then": {"properties": {"type": {"enum": list(key.only_for)}}},
                }
            )
    return rules


def json_schema() -> dict[str, Any]:
    """The whole format as a JSON Schema (draft 2020-12), for editors and other tools."""
    defs = {
        "source": _section_schema(SOURCE),
        "topic": _section_schema(TOPIC),
        "fact": _section_schema(FACT),
        "question": _section_schema(QUESTION),
        "reject": _section_schema(REJECT),
        "tests": _section_schema(TESTS),
    }
    top = _section_schema(PACK)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "quizbot question pack",
        **top,
        "description": "A quizbot question pack (see 'quizbot help packs').",
        "$defs": defs,
    }


def json_schema_text() -> str:
    """The schema as the file shipped in the wheel and written by ``quizbot new``."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# -- the docs' tables --------------------------------------------------------------------


def markdown_table(section: Section) -> str:
    """The reference table of one section, as ``docs/pack-format.md`` holds it."""
    rows = ["| key | takes | meaning |", "| --- | --- | --- |"]
    for key in section.keys:
        name = f"**`{key.name}`**" if key.required else f"`{key.name}`"
        takes = KINDS[key.kind]
        if key.allowed:
            takes = ", ".join(f"`{word}`" for word in key.allowed)
        elif key.refers_to:
            takes = f"id of one of `{key.refers_to}`"
        meaning = key.meaning
        if key.only_for:
            meaning += f" (only {', '.join(key.only_for)})"
        rows.append(f"| {name} | {takes} | {meaning} |")
    return "\n".join(rows)


def markdown_tables() -> dict[str, str]:
    """Every section's table by its name, in the order of ``SECTIONS``."""
    return {section.name: markdown_table(section) for section in SECTIONS}
