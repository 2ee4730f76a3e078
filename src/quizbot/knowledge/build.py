"""Building the knowledge base's index: statements from packs, their terms, postings."""

from __future__ import annotations

import gc
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from quizbot.knowledge.documents import (
    NAMES,
    ROLE_STEMS,
    Built,
    Document,
    capitalised,
    document_terms,
    question_text,
    question_words,
    statement_terms,
)
from quizbot.packs.cloze import BLANK, NAMED
from quizbot.packs.model import Pack, Question

# From this many statements on, the built index is frozen out of garbage collection.
FREEZE_FROM = 2000
NO_TERMS: frozenset[str] = frozenset()


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency: always positive, large for rare words."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def read_blanks(text: str) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """A fact's plain text (each blank filled with its answer) and its blanks' forms,
    as ``cloze.plain_text`` and ``cloze.blanks`` read them."""
    if "{{" not in text:
        return text, ()
    if text.count("{{") == 1:
        # One blank, as in most facts: the pattern would find just this.
        before, _, rest = text.partition("{{")
        inside, closed, after = rest.partition("}}")
        if not closed:
            return text, ()
        forms = _forms(inside)
        return f"{before}{forms[0]}{after}", (forms,)
    found: list[tuple[str, ...]] = []

    def fill(match: re.Match[str]) -> str:
        forms = _forms(match.group(1))
        found.append(forms)
        return forms[0]

    return BLANK.sub(fill, text), tuple(found)


def _forms(inside: str) -> tuple[str, ...]:
    """A blank's forms, answer first, without its name ("#users: ")."""
    if inside.startswith("#"):
        named = NAMED.match(inside)
        if named is not None:
            inside = inside[named.end() :]
    return tuple(map(str.strip, inside.split("|")))


@dataclass(frozen=True)
class Index:
    """The statements of some packs and the terms that find them."""

    docs: list[Document]
    postings: dict[str, list[int]]  # term -> statements that say it
    # Words only the linked questions use ("weak") count less than the fact's own.
    weak: dict[str, list[int]]
    # Each statement's own and weak terms, to score the few candidates a question's
    # rarest word finds without walking the long postings of its common words.
    terms: list[AbstractSet[str]]
    weak_terms: list[AbstractSet[str]]
    df: dict[str, int]  # how many statements have each term
    # A name (written with a capital inside sentences: "Guizhou", "WeChat") is
    # specific even where it is common; "people" and "internet" are not.
    names: frozenset[str]
    topics: list[str]  # topic titles, in pack order


def build_index(packs: Sequence[Pack]) -> Index:
    """Index the facts, loose authored questions and source authors of the packs."""
    # Building makes many small objects and none of them is garbage: the cyclic
    # collector would only walk them again and again (a third of the build time),
    # and later, full collections in the middle of a question (tens of ms).
    collecting = gc.isenabled()
    gc.disable()
    try:
        index = _build(packs)
    finally:
        if collecting:
            gc.enable()
    if len(index.docs) > FREEZE_FROM:
        gc.freeze()  # a big index is long-lived: keep it out of later collections
    return index


def _build(packs: Sequence[Pack]) -> Index:
    docs: list[Document] = []
    postings: defaultdict[str, list[int]] = defaultdict(list)
    weak_postings: defaultdict[str, list[int]] = defaultdict(list)
    all_terms: list[AbstractSet[str]] = []
    all_weak: list[AbstractSet[str]] = []
    capitals: dict[str, int] = {}
    for pack in packs:
        for doc, terms, weak in _documents(pack):
            at = len(docs)
            docs.append(doc)
            all_terms.append(terms)
            all_weak.append(weak or NO_TERMS)
            for term in terms:
                postings[term].append(at)
            for term in weak:
                weak_postings[term].append(at)
            for term in capitalised(doc.text):
                capitals[term] = capitals.get(term, 0) + 1
    df = {term: len(found) for term, found in postings.items()}
    for term, found in weak_postings.items():
        df[term] = df.get(term, 0) + len(found)
    names = frozenset(term for term, count in capitals.items() if 2 * count >= df.get(term, 0))
    topics: dict[str, None] = {}
    for pack in packs:
        for topic in pack.topics:
            topics.setdefault(topic.title, None)
    return Index(
        docs=docs,
        postings=dict(postings),
        weak=dict(weak_postings),
        terms=all_terms,
        weak_terms=all_weak,
        df=df,
        names=names | NAMES,
        topics=list(topics),
    )


def _documents(pack: Pack) -> Iterable[Built]:
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
    # An authored question names the article it comes from ("The China Daily article
    # calls ..."): those words say where a fact is from, not what it is about.
    source_words = document_terms([f"{s.publisher} {s.title}" for s in pack.sources])[0]
    for fact in pack.facts:
        text, forms = read_blanks(fact.text)
        # Topic titles are not indexed: a broad title ("Online education, medicine
        # and work") would make every fact under it match each of its words.
        extra = [question_words(q) for q in by_fact.get(fact.id, ())]
        yield _document(
            text,
            [" ".join(extra)] if extra else [],
            citations.get(fact.source or ""),
            fact.id,
            pack.id,
            0,
            forms,
            source_words,
        )
    for question in loose:
        yield _document(
            question_text(question),
            [question_words(question)],
            citations.get(question.source or ""),
            None,
            pack.id,
            1,
            ((question.answer, *question.accept),),
        )
    for source in pack.sources:
        if source.author:
            yield _document(
                f"{source.author} is the author of “{source.title}”.",
                ["author wrote journalist"],
                source.citation(),
                None,
                pack.id,
                2,
                ((source.author,),),
            )


def _document(
    text: str,
    more_texts: list[str],
    citation: str | None,
    fact_id: str | None,
    pack: str,
    rank: int,
    forms: tuple[tuple[str, ...], ...] = (),
    source_words: AbstractSet[str] = NO_TERMS,
) -> Built:
    """The statement, its terms, and its weak terms (from linked questions)."""
    terms, has_year, shared = statement_terms(text)
    doc = Document(
        text=text,
        citation=citation,
        fact_id=fact_id,
        pack=pack,
        size=len(terms),
        has_year=has_year,
        has_role=not ROLE_STEMS.isdisjoint(terms),
        rank=rank,
        blanks=forms,
    )
    # A blank's aliases ("CNNIC", "健康码") find the statement too; its answer is
    # in the text already.
    aliases = [alias for group in forms for alias in group[1:]]
    if aliases:
        terms.update(dict.fromkeys(document_terms(aliases)[0]))
    if not (more_texts or shared):
        return doc, terms.keys(), NO_TERMS  # most facts of a big pack have no question
    more = document_terms(more_texts)[0] if more_texts else set()
    return doc, terms.keys(), ((more - source_words) | shared) - terms.keys()
