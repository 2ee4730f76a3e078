"""The pack model: frozen dataclasses in which every node knows its file and line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from quizbot.packs.cloze import GAP

QuestionType = Literal["text", "number", "choice", "truefalse", "list"]
QUESTION_TYPES: tuple[QuestionType, ...] = ("text", "number", "choice", "truefalse", "list")


@dataclass(frozen=True)
class Place:
    """Where a node stands in its file: 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


NOWHERE = Place("<memory>")


@dataclass(frozen=True)
class Source:
    """An article or report that facts come from."""

    id: str
    title: str
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    place: Place = NOWHERE

    def citation(self) -> str:
        """A one-line citation: title, publisher, date."""
        parts = [f"“{self.title}”"]
        if self.publisher:
            parts.append(self.publisher)
        if self.author:
            parts.append(f"by {self.author}")
        if self.date:
            parts.append(self.date)
        return ", ".join(parts)


@dataclass(frozen=True)
class Topic:
    """A group of questions a learner can choose to be quizzed on."""

    id: str
    title: str
    place: Place = NOWHERE


@dataclass(frozen=True)
class Fact:
    """A short statement from one source; ``{{...}}`` marks its blanks."""

    id: str
    text: str
    topic: str | None = None
    source: str | None = None
    place: Place = NOWHERE
    # The author's grading checks of its blanks: (blank number from 1, tests).
    tests: tuple[tuple[int, GradingTests], ...] = ()

    @property
    def plain_text(self) -> str:
        """The text with the cloze markup removed (first form of each blank)."""
        from quizbot.packs.cloze import plain_text

        return plain_text(self.text)


@dataclass(frozen=True)
class Reject:
    """A wrong answer the author wants to catch, with an optional message."""

    answer: str
    feedback: str | None = None
    place: Place = NOWHERE


@dataclass(frozen=True)
class Tolerance:
    """How far a number may be from the key: absolute, or relative (a fraction)."""

    value: Decimal
    relative: bool = False

    def __str__(self) -> str:
        if self.relative:
            return f"{self.value * 100:f}%"
        return f"{self.value:f}"


@dataclass(frozen=True)
class GradingTests:
    """The author's own checks: responses that must and must not be graded correct."""

    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    accepted_places: tuple[Place, ...] = ()
    rejected_places: tuple[Place, ...] = ()


@dataclass(frozen=True)
class Gap:
    """A cloze question's prompt before it is written out: its fact's text with every
    blank filled in (one string shared by all the fact's questions) and where this
    blank's answer stands in it.

    The prompt is made each time it is read. Keeping N written-out prompts of a fact
    with N blanks would cost N copies of its text: O(N²) time and memory to load.
    """

    filled: str
    start: int
    end: int

    def text(self) -> str:
        """The fact with this blank hidden and the others filled in."""
        return f"{self.filled[: self.start]}{GAP}{self.filled[self.end :]}"


@dataclass(frozen=True)
class Question:
    """One question, authored or derived from a fact's blank (a cloze question).

    ``answer`` is the key as text (``"true"``/``"false"`` for truefalse; for a
    ``list`` question, the items joined by commas, for display). ``answers``
    holds a list question's items, each a tuple of accepted forms.
    """

    id: str
    type: QuestionType
    prompt: str
    answer: str
    pack: str = ""
    answers: tuple[tuple[str, ...], ...] = ()
    accept: tuple[str, ...] = ()
    reject: tuple[Reject, ...] = ()
    options: tuple[str, ...] = ()
    need: int | None = None
    tolerance: Tolerance | None = None
    unit: str | None = None
    topic: str | None = None
    fact: str | None = None
    source: str | None = None
    hint: str | None = None
    explanation: str | None = None
    difficulty: int | None = None
    tags: tuple[str, ...] = ()
    tests: GradingTests | None = None
    cloze_of: str | None = None  # the fact id, for questions made from a blank
    place: Place = NOWHERE
    # A cloze question's prompt as a recipe (see Gap); ``prompt`` reads its text.
    gap: Gap | None = field(default=None, repr=False, compare=False)

    @property
    def is_cloze(self) -> bool:
        return self.cloze_of is not None

    @property
    def needed(self) -> int:
        """How many list items make a fully correct answer."""
        if self.type != "list":
            return 1
        return self.need if self.need is not None else len(self.answers)


class _Prompt:
    """``Question.prompt``: the text given, or, for a question with a gap, its text."""

    def __get__(self, question: Question | None, owner: type | None = None) -> str:
        if question is None:  # read on the class: the field is required, it has no default
            raise AttributeError("prompt")
        gap = question.gap
        if gap is not None:
            return gap.text()
        given: str = vars(question)["prompt"]
        return given

    def __set__(self, question: Question, value: str) -> None:
        vars(question)["prompt"] = value  # only the dataclass's own __init__ sets it


# Installed after the dataclass is made, so the dataclass (and mypy) still see an
# ordinary required ``prompt: str`` field, and reading it goes through _Prompt.
setattr(Question, "prompt", _Prompt())  # noqa: B010


@dataclass(frozen=True)
class Pack:
    """A loaded, valid pack. ``questions`` holds authored then cloze questions."""

    id: str
    title: str
    version: int = 1
    language: str = "en"
    description: str = ""
    sources: tuple[Source, ...] = ()
    topics: tuple[Topic, ...] = ()
    facts: tuple[Fact, ...] = ()
    questions: tuple[Question, ...] = ()
    place: Place = NOWHERE
    _by_id: Mapping[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._by_id:
            object.__setattr__(self, "_by_id", {q.id: q for q in self.questions})

    def question(self, question_id: str) -> Question | None:
        """The question (or cloze question ``fact#N``) with this id, if any."""
        return self._by_id.get(question_id)

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def topic(self, topic_id: str | None) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def fact(self, fact_id: str | None) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def source_of(self, question: Question) -> Source | None:
        """The question's source: its own, else its fact's."""
        if question.source:
            return self.source(question.source)
        fact = self.fact(question.fact)
        return self.source(fact.source) if fact else None

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)
