"""The knowledge base: an inverted index over facts, ranked by rare-word weight (IDF)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quizbot.knowledge.documents import (
    NAMES,
    RELATED,
    ROLE_STEMS,
    Built,
    Document,
    capitalised,
    document_terms,
    find_concepts,
    question_text,
    question_words,
)
from quizbot.knowledge.reply import Finding, Reply
from quizbot.knowledge.synonyms import ALL_SURFACE
from quizbot.knowledge.words import STOP_WORDS, normalise, split_words, stem
from quizbot.packs.cloze import blanks
from quizbot.packs.model import Pack, Question

# A statement must match at least this share of the question's weight to be trusted.
MIN_COVERAGE = 0.62
# ... and what it matches must be specific: at least this share of the weight of a
# word no statement holds, so "how many people ...?" alone never passes.
MIN_SPECIFIC = 0.4
# Other statements are given too when they score nearly as well as the best one.
ALSO_WITHIN = 0.9
MAX_FINDINGS = 3
# Ranking nudges for what the question asks for (a number, a date, a person, a definition).
CUE_BONUS = 0.08
DEFINITION_BONUS = 0.15
# A word reached through the synonym table or a typo counts a little less.
RELATED_FACTOR = 0.75
SYNONYM_ONLY_FACTOR = 0.9
TYPO_FACTOR = 0.85
WEAK_FACTOR = 0.7
MAX_QUESTION_CHARS = 1000
MAX_SLOTS = 40

HOW_MANY = re.compile(
    r"\b(?:how (?:many|much|big|large|high|fast)|what (?:percent|percentage|share|proportion|"
    r"number|fraction|rate)|what's the (?:number|rate|share|percentage))\b"
)
WHEN = re.compile(r"\b(?:when|what year|which year|since when|how long|what date)\b")
DEFINE = re.compile(
    r"^\W*(?:(?:what|who)(?:'s|s)?\b(?: (?:is|are|was|were))?(?: an?| the)?(?: [\w-]+){1,4}\W*$"
    r"|tell (?:me|us) (?:more )?about|what about|explain|describe)"
)
WHO = re.compile(r"^\W*(?:who|whom|whose)\b")


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency: always positive, large for rare words."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def edit_budget(word: str) -> int:
    """Slips forgiven in a word: none up to 3 letters, 1 up to 7, 2 from 8."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


@dataclass(frozen=True)
class Slot:
    """One content word of the question: its weight and the terms that satisfy it."""

    word: str
    weight: float
    # (term, factor, capped): capped terms count at most their own IDF.
    alternatives: tuple[tuple[str, float, bool], ...]


class KnowledgeBase:
    """Answers free questions from the facts, questions and sources of some packs."""

    def __init__(self, packs: Sequence[Pack]) -> None:
        self._packs = tuple(packs)
        self._docs: list[Document] = []
        self._postings: dict[str, list[int]] = {}
        # Words only the linked questions use ("weak") count less than the fact's own.
        self._weak: dict[str, list[int]] = {}
        surface: set[str] = set()
        capitals: dict[str, int] = {}
        for pack in self._packs:
            for doc, terms, weak, words in self._documents(pack):
                index = len(self._docs)
                self._docs.append(doc)
                for term in terms:
                    self._postings.setdefault(term, []).append(index)
                for term in weak:
                    self._weak.setdefault(term, []).append(index)
                surface |= words
                for term in capitalised(doc.text):
                    capitals[term] = capitals.get(term, 0) + 1
        self._n = len(self._docs)
        self._df = {term: len(docs) for term, docs in self._postings.items()}
        for term, docs in self._weak.items():
            self._df[term] = self._df.get(term, 0) + len(docs)
        # A name (written with a capital inside sentences: "Guizhou", "WeChat") is
        # specific even where it is common; "people" and "internet" are not.
        self._names = (
            frozenset(
                term for term, count in capitals.items() if 2 * count >= self._df.get(term, 0)
            )
            | NAMES
        )
        self._unknown_weight = idf(0, self._n)
        self._surface = frozenset(surface)
        # Typos are mended towards the facts' words, the synonym table and stop words,
        # most common first so that a tie goes to the likelier word.
        known = sorted(
            (surface | ALL_SURFACE) - STOP_WORDS,
            key=lambda w: (-self._df.get(stem(w), 0), w),
        )
        self._choices: dict[str, list[str]] = {}
        for word in [w for w in known if w.isalpha()] + sorted(STOP_WORDS):
            self._choices.setdefault(word[0], []).append(word)
        self._topics = self._topic_titles()

    # -- building ---------------------------------------------------------------------

    def _documents(self, pack: Pack) -> Iterable[Built]:
        by_fact: dict[str, list[Question]] = {}
        loose: list[Question] = []
        fact_ids = {f.id for f in pack.facts}
        for question in pack.questions:
            if question.is_cloze:
                continue
            if question.fact in fact_ids:
                by_fact.setdefault(question.fact or "", []).append(question)
            else:
                loose.append(question)
        citations = {s.id: s.citation() for s in pack.sources}
        for fact in pack.facts:
            text = fact.plain_text
            # Topic titles are not indexed: a broad title ("Online education, medicine
            # and work") would make every fact under it match each of its words.
            extra = [question_words(q) for q in by_fact.get(fact.id, ())]
            # The blanks, with their aliases, are what the fact is about.
            focus = [form for blank in blanks(fact.text) for form in blank.forms]
            yield self._document(
                text,
                extra,
                focus,
                citations.get(fact.source or ""),
                fact.id,
                pack.id,
                0,
            )
        for question in loose:
            text = question_text(question)
            yield self._document(
                text,
                [question_words(question)],
                [question.answer, *question.accept],
                citations.get(question.source or ""),
                None,
                pack.id,
                1,
            )
        for source in pack.sources:
            if source.author:
                text = f"{source.author} is the author of “{source.title}”."
                yield self._document(
                    text,
                    ["author wrote journalist"],
                    [source.author],
                    source.citation(),
                    None,
                    pack.id,
                    2,
                )

    def _document(
        self,
        text: str,
        more_texts: list[str],
        focus_texts: list[str],
        citation: str | None,
        fact_id: str | None,
        pack: str,
        rank: int,
    ) -> Built:
        """The statement, its terms, its weak terms (from linked questions), its words."""
        terms, surface, has_number, has_year = document_terms([text])
        more, more_surface, _, _ = document_terms(more_texts)
        focus = document_terms(focus_texts)[0] if focus_texts else set()
        doc = Document(
            text=text,
            citation=citation,
            fact_id=fact_id,
            pack=pack,
            size=len(terms),
            focus=frozenset(focus),
            has_number=has_number,
            has_year=has_year,
            has_role=bool(terms & ROLE_STEMS),
            rank=rank,
        )
        terms |= focus
        return doc, terms, more - terms, surface | more_surface

    def _topic_titles(self) -> list[str]:
        seen: dict[str, None] = {}
        for pack in self._packs:
            for topic in pack.topics:
                seen.setdefault(topic.title, None)
        return list(seen)

    # -- asking -----------------------------------------------------------------------

    def topics(self) -> list[str]:
        """The titles of the topics it can talk about, in pack order."""
        return list(self._topics)

    def ask(self, question: str) -> Reply:
        """The statements that answer the question, or none ("I don't know")."""
        suggestions = tuple(self._topics)
        try:
            findings = self._find(str(question)[:MAX_QUESTION_CHARS])
        except Exception:  # a question must never crash the tutor; say "don't know"
            findings = ()
        return Reply(findings=findings, suggestions=suggestions)

    def _find(self, question: str) -> tuple[Finding, ...]:
        slots = self._slots(question)
        if not slots or not self._n:
            return ()
        total = sum(slot.weight for slot in slots)
        matched: dict[int, float] = {}
        named: set[int] = set()  # statements that match a name the question gives
        hit_terms: dict[int, set[str]] = {}
        for slot in slots:
            best: dict[int, float] = {}
            for term, factor, capped in slot.alternatives:
                if term not in self._df:
                    continue
                gain = factor * (min(slot.weight, self._idf(term)) if capped else slot.weight)
                for postings, weight in ((self._postings, gain), (self._weak, gain * WEAK_FACTOR)):
                    for doc in postings.get(term, ()):
                        if weight > best.get(doc, 0.0):
                            best[doc] = weight
                        hit_terms.setdefault(doc, set()).add(term)
                if term in self._names and factor >= TYPO_FACTOR:
                    named.update(self._postings.get(term, ()))
            for doc, gain in best.items():
                matched[doc] = matched.get(doc, 0.0) + gain
        if not matched:
            return ()
        cue = normalise(question)
        wants_number = bool(HOW_MANY.search(cue))
        wants_date = bool(WHEN.search(cue))
        wants_person = bool(WHO.search(cue))
        wants_definition = bool(DEFINE.search(cue))
        coverage = MIN_COVERAGE * total
        specific = MIN_SPECIFIC * self._unknown_weight
        # "How many ...?" is answered only by a statement with a number, "when ...?"
        # only by one with a date: anything else is talk around the question.
        trusted = [
            (doc, weight)
            for doc, weight in matched.items()
            if weight >= coverage - 1e-9
            and (weight >= specific or doc in named)
            and (self._docs[doc].has_number or not wants_number)
            and (self._docs[doc].has_year or not wants_date)
        ]
        if not trusted:
            return ()

        def rank(item: tuple[int, float]) -> tuple[float, int, int, int]:
            doc = self._docs[item[0]]
            bonus = 1.0
            if (wants_number and doc.has_number) or (wants_date and doc.has_year):
                bonus += CUE_BONUS
            if wants_person and doc.has_role:
                bonus += CUE_BONUS
            if wants_definition and doc.focus & hit_terms.get(item[0], set()):
                # "What is X?": the statement whose blank is X defines it, and the
                # others that merely mention X fall out of the answer.
                bonus += DEFINITION_BONUS
            # Among equals: facts before questions, then the shorter, more to the point.
            return (-item[1] / total * bonus, doc.rank, doc.size, item[0])

        trusted.sort(key=rank)
        top = -rank(trusted[0])[0]
        findings: list[Finding] = []
        seen: set[str] = set()
        for item in trusted:
            if len(findings) >= MAX_FINDINGS or -rank(item)[0] < ALSO_WITHIN * top:
                break
            found = self._docs[item[0]]
            if found.text in seen:
                continue
            seen.add(found.text)
            score = min(1.0, item[1] / total)
            findings.append(Finding(found.text, found.citation, found.fact_id, found.pack, score))
        return tuple(findings)

    def _idf(self, term: str) -> float:
        return idf(self._df.get(term, 0), self._n)

    def _union_idf(self, terms: Iterable[str]) -> float:
        docs: set[int] = set()
        for term in terms:
            docs.update(self._postings.get(term, ()))
            docs.update(self._weak.get(term, ()))
        return idf(len(docs), self._n)

    def _mend(self, word: str) -> tuple[str, bool]:
        """The word, or the known word it is a typo of (same first letter, small budget)."""
        if (
            not word.isalpha()
            or word in self._surface
            or word in ALL_SURFACE
            or word in STOP_WORDS
            or stem(word) in self._df
        ):
            return word, False
        budget = edit_budget(word)
        # Typos rarely touch the first letter; requiring it keeps "water" from
        # becoming "later".
        choices = self._choices.get(word[0])
        if not budget or not choices:
            return word, False
        # Imported here: most questions need no mending, and `quizbot ask` starts faster.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        hit = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=budget)
        if hit is None:
            return word, False
        found = str(hit[0])
        if found in STOP_WORDS and len(found) < 5:
            # A mended word that turns into a short stop word would vanish from the
            # question ("died" -> "did"); only long ones are safe ("abuot" -> "about").
            return word, False
        return found, True

    def _words(self, question: str) -> list[tuple[str, bool]]:
        """The question's words, typos mended and split compounds joined: (word, mended)."""
        words: list[tuple[str, bool]] = []
        for raw in split_words(normalise(question)):
            joined = raw.replace("-", "")
            if "-" in raw and stem(joined) not in self._df and joined not in ALL_SURFACE:
                words.extend(self._mend(part) for part in raw.split("-") if part)
            else:
                words.append(self._mend(joined))
        merged: list[tuple[str, bool]] = []
        for word, mended in words:
            if merged:
                joined = merged[-1][0] + word
                # "live streaming" where the facts say "live-streaming", "on line" -> online
                if len(joined) >= 5 and joined.isalpha() and stem(joined) in self._df:
                    merged[-1] = (joined, mended or merged[-1][1])
                    continue
            merged.append((word, mended))
        return merged

    def _slots(self, question: str) -> list[Slot]:
        words = self._words(question)
        stems = [stem(w) for w, _ in words]
        taken: set[int] = set()
        slots: dict[str, Slot] = {}
        i = 0
        concepts = {start: (end, concept) for start, end, concept in find_concepts(stems)}
        while i < len(stems):
            if i in concepts:
                end, concept = concepts[i]
                taken.update(range(i, end))
                df = self._df.get(concept, 0)
                weight = idf(df, self._n) if df else self._unknown_weight
                slots.setdefault(concept, Slot(concept, weight, ((concept, 1.0, False),)))
                i = end
                continue
            i += 1
        for index, ((word, mended), key) in enumerate(zip(words, stems, strict=True)):
            if index in taken or word in STOP_WORDS or key in slots:
                continue
            slots[key] = self._slot(word, key, mended)
            if len(slots) >= MAX_SLOTS:
                break
        return list(slots.values())

    def _slot(self, word: str, key: str, mended: bool) -> Slot:
        related = RELATED.get(key, frozenset())
        if key in self._df:
            factor = TYPO_FACTOR if mended else 1.0
            alternatives = [(key, factor, False)]
            alternatives += [(s, RELATED_FACTOR, True) for s in sorted(related)]
            return Slot(word, self._idf(key), tuple(alternatives))
        present = [s for s in sorted(related) if s in self._df]
        if present:
            # A word the facts never use but a synonym they do ("netizens"): weigh it
            # as the synonyms together.
            weight = self._union_idf(present)
            return Slot(word, weight, tuple((s, SYNONYM_ONLY_FACTOR, False) for s in present))
        return Slot(word, self._unknown_weight, ())
