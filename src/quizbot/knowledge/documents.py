"""Statements to search: the terms each fact, authored question or source is indexed by."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from operator import itemgetter
from typing import cast

from quizbot.knowledge.answer import quantities
from quizbot.knowledge.synonyms import concept_phrases, related_stems
from quizbot.knowledge.words import (
    MONTHS,
    STOP_WORDS,
    is_number,
    is_year,
    normalise,
    split_words,
    stem,
)
from quizbot.knowledge.words import WORD as WORD_PATTERN
from quizbot.packs.model import Question

_ROLES = (
    "editor director deputy chief author wrote head president minister founder reporter "
    "journalist spokesperson spokesman spokeswoman ceo chairman official professor expert"
)
ROLE_STEMS = frozenset(stem(w) for w in _ROLES.split()) | {"~editor-in-chief"}
CONCEPTS = concept_phrases()
RELATED = related_stems()
# Names whose words say nothing on their own: "WeChat Work" is not "WeChat".
NAMES = frozenset({"~cnnic", "~wechat-work"})


def _concept_starts() -> dict[str, tuple[int, ...]]:
    """For each stem that begins a concept phrase, the phrase lengths, longest first."""
    starts: dict[str, set[int]] = {}
    for key in CONCEPTS:
        starts.setdefault(key[0], set()).add(len(key))
    return {k: tuple(sorted(v, reverse=True)) for k, v in starts.items()}


CONCEPT_STARTS = _concept_starts()


def _concept_words() -> dict[str, frozenset[str]]:
    """Each concept's words ("~telemedicine" -> online, medical, telehealth, ...)."""
    words: dict[str, set[str]] = {}
    for key, concept in CONCEPTS.items():
        words.setdefault(concept, set()).update(k for k in key if k not in STOP_WORDS)
    return {concept: frozenset(found) for concept, found in words.items()}


CONCEPT_WORDS = _concept_words()


def find_concepts(stems: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every concept phrase in a run of stems: (start, end, concept), longest first."""
    found: list[tuple[int, int, str]] = []
    if CONCEPT_STARTS.keys().isdisjoint(stems):
        return found
    for i in [i for i, first in enumerate(stems) if first in CONCEPT_STARTS]:
        for size in CONCEPT_STARTS[stems[i]]:
            concept = CONCEPTS.get(tuple(stems[i : i + size]))
            if concept:
                found.append((i, i + size, concept))
                break
    return found


@dataclass(frozen=True)
class Document:
    """One answerable statement: a fact, an authored question, or a source's author."""

    text: str
    citation: str | None
    fact_id: str | None
    pack: str
    size: int  # how many terms it has: among equals, the shorter statement wins
    has_year: bool
    has_role: bool
    rank: int  # facts 0, questions 1, sources 2: facts win ties
    blanks: tuple[tuple[str, ...], ...] = ()  # each blank's forms: answer first

    # Worked out when a question first needs them, not for every statement of a big
    # pack while the index is built.
    @cached_property
    def figures(self) -> tuple[str, ...]:
        """The figures it gives ("342 million", "98 percent")."""
        return quantities(self.text, self.blanks)

    @property
    def has_number(self) -> bool:
        return bool(self.figures)

    @cached_property
    def focus(self) -> frozenset[str]:
        """The terms of what the statement is about: its blanks."""
        return frozenset(document_terms([form for forms in self.blanks for form in forms])[0])


WordTerms = tuple[str, str, tuple[str, ...], int]
WORD, NUMBER, YEAR, MONTH = 0, 1, 2, 3  # what kind of word: the last of WordTerms
_WORD_TERMS: dict[str, WordTerms] = {}


def _word_terms(word: str) -> WordTerms:
    """A fact's word: its joined form, stem, index terms, and its kind (WORD, NUMBER...)."""
    known = _WORD_TERMS.get(word)
    if known is None:
        if len(_WORD_TERMS) > 200_000:  # bound the memory a strange pack can take
            _WORD_TERMS.clear()
        known = _WORD_TERMS[word] = _read_word(word)
    return known


def known_words(stems: Container[str]) -> set[str]:
    """The words read so far (by any index) whose stem is one of ``stems``: the
    vocabulary that typos are mended towards, without reading every statement again."""
    return {info[0] for info in list(_WORD_TERMS.values()) if info[1] in stems}


def _read_word(word: str) -> WordTerms:
    joined = word.replace("-", "")
    stemmed = stem(joined)
    if is_number(joined):
        return joined, stemmed, (joined,), YEAR if is_year(joined) else NUMBER
    terms: list[str] = []
    if joined not in STOP_WORDS:
        terms.append(stemmed)
    if "-" in word:
        # "live-streaming" is indexed whole and by its head noun, not by "live",
        # so "how many people live in ..." does not find it.
        last = word.rsplit("-", 1)[1]
        if last.isalpha() and len(last) >= 3 and last not in STOP_WORDS:
            terms.append(stem(last))
    return joined, stemmed, tuple(terms), MONTH if joined in MONTHS else WORD


Built = tuple[Document, set[str], set[str]]


# For lower-case ASCII text, the same words as WORD_PATTERN finds, found faster.
ASCII_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


def _split(plain: str) -> list[str]:
    """The words of normalised text; most sentences have no apostrophe, and then one
    regex pass is all the splitting needed."""
    if "'" in plain:
        return split_words(plain)
    return ASCII_WORD.findall(plain) if plain.isascii() else WORD_PATTERN.findall(plain)


def document_terms(texts: Iterable[str]) -> tuple[set[str], set[str], bool, bool]:
    """Index terms, surface words, and whether the text holds a number and a year."""
    terms: set[str] = set()
    surface: set[str] = set()
    kinds: set[int] = set()
    known = _WORD_TERMS.get
    for text in texts:
        plain = normalise(text)
        words = _split(plain)
        infos = [known(word) or _word_terms(word) for word in words]
        surface.update({info[0] for info in infos})
        if "-" in plain:
            surface.update([w.rsplit("-", 1)[1] for w in words if "-" in w])
        kinds.update({info[3] for info in infos})
        at = [info[2] for info in infos]  # the terms each word gives, by position
        for start, end, concept in find_concepts([info[1] for info in infos]):
            terms.add(concept)
            if concept in NAMES:
                # The words of a name ("China Internet Network Information Center") say
                # nothing about the internet: only the name itself is indexed.
                at[start:end] = [()] * (end - start)
        terms.update(chain.from_iterable(at))
    has_number = NUMBER in kinds  # a year alone does not answer "how many"
    return terms, surface, has_number, YEAR in kinds or MONTH in kinds


_STEM, _TERMS, _KIND = itemgetter(1), itemgetter(2), itemgetter(3)


def shared_concepts(stems: Sequence[str]) -> set[str]:
    """Concepts a coordination shares between two nouns: "online healthcare and
    education" also speaks of online education, if less directly."""
    found: set[str] = set()
    for i in [i for i, word in enumerate(stems) if word == "and" and 2 <= i < len(stems) - 1]:
        concept = CONCEPTS.get((stems[i - 2], stems[i + 1]))
        if concept:
            found.add(concept)
    return found


def statement_terms(text: str) -> tuple[set[str], bool, set[str]]:
    """A statement's index terms, whether it holds a year or month, and the concepts it
    shares through a coordination (indexed as weak terms): what ``document_terms``
    gives, without the surface words (the hot path of a build)."""
    plain = normalise(text)
    words = _split(plain)
    infos = list(map(_WORD_TERMS.get, words))
    if None in infos:
        infos = [info or _word_terms(word) for info, word in zip(infos, words, strict=True)]
    known = cast("list[WordTerms]", infos)
    at = list(map(_TERMS, known))
    terms: set[str] = set()
    stems = list(map(_STEM, known))
    shared = shared_concepts(stems) if "and" in words else set()
    for start, end, concept in find_concepts(stems):
        terms.add(concept)
        if concept in NAMES:
            at[start:end] = [()] * (end - start)
    terms.update(chain.from_iterable(at))
    dated = not set(map(_KIND, known)).isdisjoint((YEAR, MONTH))
    return terms, dated, shared - terms


CAPITAL = re.compile(r"(?<=[^.!?:;\s\"'‘“(] )[A-Z][\w-]*")


def capitalised(text: str) -> set[str]:
    """Terms of the words written with a capital inside a sentence (names, mostly)."""
    out: set[str] = set()
    if text[1:].islower():
        return out  # nothing capitalised after the first letter
    for word in CAPITAL.findall(text):
        out.update(_word_terms(word.lower())[2])
    return out


def question_words(question: Question) -> str:
    """The words of an authored question that say what it is about."""
    parts = [question.prompt, question.answer, question.explanation or "", *question.accept]
    return " ".join(parts)


def question_text(question: Question) -> str:
    """An authored question told as a statement: prompt, answer, explanation."""
    answer = question.answer
    if question.type == "truefalse":
        answer = "True" if answer.strip().lower() == "true" else "False"
    text = f"{question.prompt.strip()} — {answer.strip()}."
    if question.explanation:
        text += " " + question.explanation.strip()
    return text
