"""Statements to search: the terms each fact, authored question or source is indexed by."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from operator import itemgetter

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
# The first two stems of every phrase of two words or more.
CONCEPT_PAIRS = frozenset(key[:2] for key in CONCEPTS if len(key) > 1)


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


# Not frozen, though nothing changes it once built: a big pack makes tens of thousands,
# and a frozen dataclass takes twice as long to make.
@dataclass
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
# Every word read so far, by any index: a big pack says the same few thousand words
# again and again, so each is stemmed once.
_WORD_TERMS: dict[str, WordTerms] = {}
# The same, laid out for the hot path of a build (``statement_terms``), which reads
# them a whole sentence at a time with C-level set and map calls:
_STEMS: dict[str, str] = {}  # word -> stem
_MAIN: dict[str, str] = {}  # word -> its first index term ("" for a stop word)
_HEAD: dict[str, str] = {}  # a hyphenated word -> its second term, the head noun's
_DATED: set[str] = set()  # the words that are a year or a month
_STARTS: set[str] = set()  # the words whose stem begins a concept phrase


def _word_terms(word: str) -> WordTerms:
    """A fact's word: its joined form, stem, index terms, and its kind (WORD, NUMBER...)."""
    known = _WORD_TERMS.get(word)
    if known is None:
        if len(_WORD_TERMS) > 200_000:  # bound the memory a strange pack can take
            for cache in (_WORD_TERMS, _STEMS, _MAIN, _HEAD, _DATED, _STARTS):
                cache.clear()
        known = _WORD_TERMS[word] = _read_word(word)
        _, stemmed, terms, kind = known
        _STEMS[word] = stemmed
        _MAIN[word] = terms[0] if terms else ""
        if len(terms) > 1:
            _HEAD[word] = terms[1]
        if kind in (YEAR, MONTH):
            _DATED.add(word)
        if stemmed in CONCEPT_STARTS:
            _STARTS.add(word)
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


# A statement, its terms, and its weak terms (words only its linked questions use).
Built = tuple[Document, AbstractSet[str], AbstractSet[str]]


# For lower-case ASCII text, the same words as WORD_PATTERN finds, found faster.
ASCII_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


def _split(plain: str) -> list[str]:
    """The words of normalised text; most sentences have no apostrophe, and then one
    regex pass is all the splitting needed."""
    if "'" in plain:
        return split_words(plain)
    if not plain.isascii():
        return WORD_PATTERN.findall(plain)
    # Most sentences are letters and digits between spaces, full stops and commas:
    # splitting on those is twice as fast as the pattern, and gives the same words
    # whenever what is left is all letters and digits.
    words = plain.replace(".", " ").replace(",", " ").split()
    if "".join(words).encode().isalnum():  # bytes: an ASCII check, not Unicode's
        return words
    return ASCII_WORD.findall(plain)


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


# A statement's terms are the keys of a dict: a build makes one per statement, and for
# the twenty-odd terms of a sentence a dict takes a third of a set's memory (832
# bytes against 2,264) and is filled a little faster.
Terms = dict[str, None]
NO_SHARED: frozenset[str] = frozenset()


def statement_terms(text: str) -> tuple[Terms, bool, AbstractSet[str]]:
    """A statement's index terms, whether it holds a year or month, and the concepts it
    shares through a coordination (indexed as weak terms): what ``document_terms``
    gives, without the surface words (the hot path of a build)."""
    plain = normalise(text)
    words = _split(plain)
    if len(words) < 2:  # itemgetter gives a tuple only for two words or more
        return _statement_terms(words)
    try:
        # The words' first terms, looked up in one C call.
        terms = dict.fromkeys(itemgetter(*words)(_MAIN))
    except KeyError:  # a word no index has read yet
        return _statement_terms(words)
    terms.pop("", None)
    if "-" in plain:
        terms.update(dict.fromkeys(map(_HEAD.__getitem__, _HEAD.keys() & words)))
    dated = not _DATED.isdisjoint(words)
    starts = _STARTS.intersection(words)
    if not starts:
        return terms, dated, NO_SHARED
    concepts = _concepts_at(words, starts)
    if not NAMES.isdisjoint(concepts):
        # A name's own words are not indexed: the general path blanks them out.
        return _statement_terms(words)
    terms.update(dict.fromkeys(concepts))
    if "and" not in words:
        return terms, dated, NO_SHARED
    return terms, dated, shared_concepts(list(map(_STEMS.__getitem__, words))) - terms.keys()


def _concepts_at(words: list[str], starts: Iterable[str]) -> set[str]:
    """The concepts of the phrases that begin at the given words (found as
    ``find_concepts`` finds them, without stemming the rest of the sentence)."""
    found: set[str] = set()
    last = len(words) - 1
    for word in starts:
        first = _STEMS[word]
        single = CONCEPTS.get((first,))
        at = -1
        for _ in range(words.count(word)):
            at = words.index(word, at + 1)
            # Most starts ("people", "online") begin no phrase here: the next word
            # rules the longer phrases out before any of them is looked up.
            if at < last and (first, _STEMS[words[at + 1]]) in CONCEPT_PAIRS:
                for size in CONCEPT_STARTS[first]:
                    key = tuple(map(_STEMS.__getitem__, words[at : at + size]))
                    concept = CONCEPTS.get(key)
                    if concept:
                        found.add(concept)
                        break
            elif single:
                found.add(single)
    return found


def _statement_terms(words: list[str]) -> tuple[Terms, bool, AbstractSet[str]]:
    """``statement_terms`` word by word: for words not read before, and for names."""
    known = [_word_terms(word) for word in words]
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
    return dict.fromkeys(terms), dated, shared - terms


CAPITAL = re.compile(r"(?<=[^.!?:;\s\"'‘“(] )[A-Z][\w-]*")


def capitalised(text: str) -> set[str]:
    """Terms of the words written with a capital inside a sentence (names, mostly)."""
    out: set[str] = set()
    rest = text[1:]
    if rest == rest.lower():
        return out  # nothing capitalised after the first letter (faster than islower)
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
