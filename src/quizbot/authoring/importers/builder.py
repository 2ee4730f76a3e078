"""What every importer shares: a pack being assembled, question by question.

An importer reads its format and hands each question over as pack-format data with
the line it came from. The builder checks what the loader would refuse (empty
prompt, a number the reader cannot read, an answer that is not an option, control
characters) so that a bad card is reported at its line and skipped, while the rest
of the file is still imported and the pack written is valid. The pack is then made
as a tree placed at the source lines (``pack_tree``) and built by ``packs.builder``
with the loader's own checks before any YAML is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from quizbot.authoring.yaml_writer import dump_pack
from quizbot.packs import tree
from quizbot.packs.builder import plain as _plain  # the builder's comparison: what it refuses
from quizbot.safetext import describe, forbidden_character

Data = dict[str, Any]
_ID_PART = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str = "item") -> str:
    """A pack id from free text: lower-case ASCII words joined by '-' (at most 5 words)."""
    words = _ID_PART.sub(" ", text.lower()).split()[:5]
    return "-".join(words)[:40].strip("-") or fallback


def clean_text(text: str) -> str:
    """Text as a pack may hold it: control and text-direction characters taken out,
    white space made single (for titles made from file names and page headers)."""
    while (found := forbidden_character(text)) is not None:
        text = text[: found[0]] + text[found[0] + 1 :]
    return " ".join(text.split())


def number_or_text(answer: str) -> str:
    """``number`` when the grader would read the whole answer as one number (as a cloze
    blank is typed), else ``text``."""
    from quizbot.lexicon.numbers import read_number

    return "number" if read_number(answer) is not None else "text"


@dataclass
class PackBuilder:
    """Questions and topics gathered from one file, and the lines that were skipped."""

    file: str
    questions: list[Data] = field(default_factory=list)
    topics: list[Data] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)
    _prompts: dict[str, int] = field(default_factory=dict)
    # The source line of each question (by id) and topic (by id): the tree's places.
    _lines: dict[str, int] = field(default_factory=dict)
    _topic_lines: dict[str, int] = field(default_factory=dict)

    def problem(self, line: int, message: str) -> None:
        """``FILE:LINE: message``: something at that line was not imported as it stands."""
        self.problems.append(f"{self.file}:{line}: {message}")

    def topic(self, title: str, line: int = 1) -> str:
        """The id of the topic with this title, declared on first use (at ``line``)."""
        for topic in self.topics:
            if topic["title"] == title:
                return str(topic["id"])
        topic_id = self._unique(slug(title, "topic"), {t["id"] for t in self.topics})
        self.topics.append({"id": topic_id, "title": title})
        self._topic_lines[topic_id] = line
        return topic_id

    def add(self, question: Data, line: int, *, id_hint: str = "") -> bool:
        """Add one question (pack-format data without an id); False when it was skipped."""
        why = self._refusal(question)
        if why:
            self.problem(line, f"{why}: skipped")
            return False
        key = _plain(str(question["prompt"]))
        if key in self._prompts:
            self.problem(
                line, f"the same prompt as line {self._prompts[key]} (an exact duplicate): skipped"
            )
            return False
        self._prompts[key] = line
        hint = id_hint or str(question.get("answer") or question["prompt"])
        question_id = self._unique(slug(hint, "question"), self._ids)
        self._ids.add(question_id)
        self.questions.append({"id": question_id, **question})
        self.notes[question_id] = f"{self.file} line {line}"
        self._lines[question_id] = line
        return True

    @staticmethod
    def _unique(base: str, taken: set[Any]) -> str:
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    def _refusal(self, q: Data) -> str:
        """Why the loader would refuse this question, or ''."""
        for what, text in _strings(q):
            found = forbidden_character(text)
            if found is not None:
                return f"the {what} holds the control character {describe(found[1])}"
        if not str(q.get("prompt", "")).strip():
            return "the question has no prompt"
        if q["type"] == "list":
            if not q.get("answers"):
                return "the question has no right answer"
            return ""
        answer = q.get("answer")
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return "the question has no answer"
        if q["type"] == "number" and number_or_text(str(answer)) != "number":
            return f"{answer!r} cannot be read as a number"
        if "tolerance" in q and not _is_tolerance(str(q["tolerance"])):
            return f"tolerance {q['tolerance']!r} is not a number (write 0.5 or 2%)"
        if "unit" in q and not _is_unit(str(q["unit"])):
            return f"unknown unit {q['unit']!r}"
        if q["type"] == "choice":
            options = q.get("options", [])
            if len(options) < 2 or len(set(options)) != len(options):
                return "a multiple-choice question needs two or more different options"
            if answer not in options:
                return f"the answer {answer!r} is not one of the options"
        for entry in q.get("reject", []):
            wrong = entry["answer"] if isinstance(entry, dict) else entry
            if _plain(wrong) in {_plain(str(a)) for a in [answer, *q.get("accept", [])]}:
                return f"{wrong!r} is given as both right and wrong"
        return ""

    def pack_data(self, pack_id: str, title: str) -> Data:
        data: Data = {"pack": pack_id, "title": title, "version": 1}
        if self.topics:
            data["topics"] = self.topics
        data["questions"] = self.questions
        return data

    def pack_tree(self, pack_id: str, title: str) -> yaml.Node:
        """The pack as a tree for ``packs.builder``: each question and topic placed at the
        line of the source file it came from, the pack's own keys at line 1."""
        data = self.pack_data(pack_id, title)
        if self.topics:
            data["topics"] = [
                tree.from_data(t, tree.at(self._topic_lines.get(t["id"], 1))) for t in self.topics
            ]
        data["questions"] = [
            tree.from_data(q, tree.at(self._lines.get(q["id"], 1))) for q in self.questions
        ]
        return tree.from_data(data, tree.at(1))

    def to_yaml(self, pack_id: str, title: str, what: str) -> str:
        header = [
            f"Imported by 'quizbot import' from {what}.",
            "Each question says the line it came from. Check the prompts and answers, add",
            "'accept:' for other right answers, then run: quizbot validate THIS-FILE",
        ]
        return dump_pack(self.pack_data(pack_id, title), header=header, notes=self.notes)


def _is_tolerance(text: str) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        amount = Decimal(text.strip().rstrip("%").strip())
    except InvalidOperation:
        return False
    return amount.is_finite() and amount >= 0


def _is_unit(text: str) -> bool:
    from quizbot.lexicon import units

    if text.strip().lower() in ("percent", "%", "per cent", "percentage"):
        return True
    if units.lookup(text) is not None:
        return True
    return units.suggest(text) is None and units.is_counting_noun(text)


def _strings(value: Any, what: str = "text") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(what, value)]
    if isinstance(value, dict):
        return [pair for key, inner in value.items() for pair in _strings(inner, str(key))]
    if isinstance(value, list):
        return [pair for inner in value for pair in _strings(inner, what)]
    return []
