"""The knowledge base: answering a question from the index (build.py), ranked by
rare-word weight (IDF), with the answer picked from the best statement (answer.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from quizbot.knowledge.answer import (
    Asked,
    Cue,
    fits,
    is_percent,
    pick_answer,
    read_cue,
)
from quizbot.knowledge.build import build_index, idf
from quizbot.knowledge.chinese import has_chinese, to_english
from quizbot.knowledge.compare import (
    cause_of,
    compare_line,
    comparison_rest,
    comparison_subjects,
)
from quizbot.knowledge.documents import (
    CONCEPT_WORDS,
    RELATED,
    document_terms,
    find_concepts,
    known_words,
)
from quizbot.knowledge.reply import Finding, Reply
from quizbot.knowledge.synonyms import ALL_SURFACE
from quizbot.knowledge.words import MONTHS, STOP_WORDS, is_year, normalise, split_words, stem
from quizbot.packs.model import Pack

# A statement must match at least this share of the question's weight to be trusted
# (the absolute threshold of the confidence).
MIN_COVERAGE = 0.62
# ... and what it matches must be specific: at least this share of the weight of a
# word no statement holds, so "how many people ...?" alone never passes.
MIN_SPECIFIC = 0.4
# The rarest words of a question that every answer must match.
REQUIRED_SLOTS = 2
# Two statements whose scores lie closer than this (on the 0..1 scale) fit about
# equally: when they give different answers, both are shown, labelled.
AMBIGUITY_GAP = 0.1
MAX_CLOSE = 5  # statements within the gap that are looked at
# Ranking nudges for what the question asks for (a number, a date, a person, a definition).
CUE_BONUS = 0.08
DEFINITION_BONUS = 0.15
KIND_BONUS = 0.15
LITERAL_BONUS = 0.05
# A word reached through the synonym table or a typo counts a little less.
RELATED_FACTOR = 0.75
SYNONYM_ONLY_FACTOR = 0.9
TYPO_FACTOR = 0.85
WEAK_FACTOR = 0.7
MAX_QUESTION_CHARS = 1000
MAX_SLOTS = 40


END_OF_YEAR = re.compile(r"\bend of (?:the year|last year|this year|(?:19|20)\d\d)\b")
# "last year", "this year": a date relative to the article, not a topic.
RELATIVE = frozenset({"last", "this", "that", "previous", "past"})
# "the director of the CNNIC": a role or measure and whose it is.
OF_PHRASE = re.compile(r"\b([a-z][a-z-]+) of (?:the )?([a-z][\w' -]*?)(?=\?|$|,| in | at | by )")
DATE_STEMS = frozenset({"year", "month", "end", "half", "first", "second"})
# "How big ...?", "how fast ...?": the measure asked for, not a topic word.
HOW_MEASURES = frozenset({"big", "large", "fast", "quickly", "rapidly", "high", "strongly"})


def is_date_word(word: str) -> bool:
    return word in MONTHS or is_year(word)


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
        index = build_index(packs)
        self._docs = index.docs
        self._postings = index.postings
        self._weak = index.weak
        self._terms = index.terms
        self._weak_terms = index.weak_terms
        self._df = index.df
        self._names = index.names
        self._topics = index.topics
        self._n = len(self._docs)
        self._unknown_weight = idf(0, self._n)
        self._choices_by_letter: dict[str, list[str]] | None = None

    @property
    def _choices(self) -> dict[str, list[str]]:
        """Typos are mended towards the facts' words, the synonym table and stop words,
        most common first so that a tie goes to the likelier word (built when first
        needed: most questions have no typo)."""
        if self._choices_by_letter is None:
            surface = known_words(self._df)
            if not surface:  # the word cache was emptied: read the statements again
                for doc in self._docs:
                    surface |= document_terms([doc.text])[1]
            known = sorted(
                (surface | ALL_SURFACE) - STOP_WORDS,
                key=lambda w: (-self._df.get(stem(w), 0), w),
            )
            choices: dict[str, list[str]] = {}
            for word in [w for w in known if w.isalpha()] + sorted(STOP_WORDS):
                choices.setdefault(word[0], []).append(word)
            self._choices_by_letter = choices
        return self._choices_by_letter

    # -- asking -----------------------------------------------------------------------

    def topics(self) -> list[str]:
        """The titles of the topics it can talk about, in pack order."""
        return list(self._topics)

    def ask(self, question: str) -> Reply:
        """The statements that answer the question, or none ("I don't know")."""
        text = str(question)[:MAX_QUESTION_CHARS]
        chinese = has_chinese(text)
        try:
            english = to_english(text) if chinese else text
        except Exception:  # a question must never crash the tutor; say "don't know"
            return Reply((), tuple(self._topics), chinese=chinese)
        return self.ask_english(english, chinese=chinese)

    def ask_english(self, question: str, chinese: bool = False) -> Reply:
        """Answer a question already in English words (a Chinese one is translated first);
        ``chinese`` says the learner asked in Chinese, to answer in Chinese."""
        try:
            return self._answer(str(question)[:MAX_QUESTION_CHARS], chinese)
        except Exception:  # a question must never crash the tutor; say "don't know"
            return Reply((), tuple(self._topics), chinese=chinese)

    def _answer(self, question: str, chinese: bool) -> Reply:
        suggestions = tuple(self._topics)
        subjects = comparison_subjects(question)
        if subjects is not None:
            reply = self._compare(question, subjects, chinese)
            if reply is not None:
                return reply
        words = self._words(question)
        # The cue is read from the mended words: "how mnay" asks "how many".
        cue = read_cue(" ".join(w for w, _ in words) if any(m for _, m in words) else question)
        ranked, asked = self._rank(question, cue)
        if not ranked:
            return Reply((), suggestions, chinese=chinese)
        top = ranked[0][1]
        close = [item for item in ranked if item[1] >= top - AMBIGUITY_GAP]
        candidates = [self._finding(item, cue, asked, chinese) for item in close[:MAX_CLOSE]]
        if cue.number or cue.date or cue.person or cue.place:
            # Of statements that fit about equally, one that holds the answer asked for
            # ("who ...?" -> a name) comes before one that does not.
            candidates.sort(key=lambda found: found.answer is None)
        if cue.place and cue.thing and candidates[0].answer is None:
            # "Which province ...?": a statement that names no province does not answer
            # it, however many of the question's other words it shares. ("Where ...?"
            # may be answered by a sentence: "in county-level hospitals" is a place too.)
            return Reply((), suggestions, chinese=chinese)
        findings = [candidates[0]]
        for other in candidates[1:]:
            if other.answer is None or findings[0].answer is None:
                continue
            if other.text == findings[0].text or other.answer == findings[0].answer:
                continue
            # Two statements fit about equally and say different things: show both.
            findings.append(other)
            break
        return Reply(tuple(findings), suggestions, ambiguous=len(findings) > 1, chinese=chinese)

    def _finding(
        self, item: tuple[int, float], cue: Cue, asked: Mapping[str, float], chinese: bool
    ) -> Finding:
        doc = self._docs[item[0]]
        if cue.why:
            answer = cause_of(doc.text)
        else:
            answer = pick_answer(doc.text, doc.blanks, cue, asked, chinese)
        score = min(1.0, item[1])
        return Finding(doc.text, doc.citation, doc.fact_id, doc.pack, score, answer)

    def _compare(self, question: str, subjects: tuple[str, str], chinese: bool) -> Reply | None:
        """ "Which is larger, A or B?": each side's figure, and the difference, citing both."""
        cue = Cue(number=True)
        rest = comparison_rest(question)
        found: list[Finding] = []
        figures: list[str | None] = []  # in English, to compute with
        for subject in subjects:
            ranked, asked = self._rank(f"how many {subject} {rest}", cue)
            if not ranked and rest:
                # The measure was one side's own word ("remote workers than online
                # education users"): the other side is asked without it.
                ranked, asked = self._rank(f"how many {subject}", cue)
            if not ranked:
                return None
            found.append(self._finding(ranked[0], cue, asked, chinese))
            figures.append(self._finding(ranked[0], cue, asked, False).answer)
        first, second = found
        if first.text == second.text and first.answer == second.answer:
            return None
        lead = compare_line(subjects, (figures[0], figures[1]))
        if lead is None:
            return None
        return Reply((first, second), tuple(self._topics), lead=lead, chinese=chinese)

    def _rank(self, question: str, cue: Cue) -> tuple[list[tuple[int, float]], Asked]:
        """The trusted statements, best first, with their scores (0..1 with nudges)."""
        slots = self._slots(question)
        # The question's words and what they stand for, with their weight: which blank
        # answers is judged by the rare words of the question standing near it.
        asked = Asked({stem(w): self._idf(stem(w)) for w, _ in self._words(question)})
        if not slots or not self._n:
            return [], asked
        for slot in slots:
            for term, _, _ in slot.alternatives:
                asked.setdefault(term, slot.weight)
            for word in CONCEPT_WORDS.get(slot.word, ()):
                asked.setdefault(word, slot.weight * RELATED_FACTOR)
        if END_OF_YEAR.search(normalise(question)):
            asked.setdefault("december", self._unknown_weight)  # "the end of 2019"
        total = sum(slot.weight for slot in slots)
        specific = MIN_SPECIFIC * self._unknown_weight
        if total < specific and not any(
            term in self._names for slot in slots for term, _, _ in slot.alternatives
        ):
            # Only common words ("how many users reached"): no statement can be specific
            # enough, so none is scored (in a big pack that would be all of them).
            return [], asked
        ordered = sorted(slots, key=lambda slot: -slot.weight)
        # The question's rarest word must be matched: the statements it finds are the
        # only candidates, so common words never make a statement look on-topic (and
        # a big pack is scored on a few candidates, not on every posting).
        matched: dict[int, float] = {}
        named: set[int] = set()
        terms = {term for slot in slots for term, _, _ in slot.alternatives}
        for index, slot in enumerate(ordered):
            best: dict[int, float] = {}
            for term, factor, capped in slot.alternatives:
                if term not in self._df:
                    continue
                gain = factor * (min(slot.weight, self._idf(term)) if capped else slot.weight)
                strong = self._postings.get(term, ())
                weak = self._weak.get(term, ())
                if index == 0 or len(strong) + len(weak) <= len(matched):
                    for docs, weight in ((strong, gain), (weak, gain * WEAK_FACTOR)):
                        for doc in docs:
                            if (index == 0 or doc in matched) and weight > best.get(doc, 0.0):
                                best[doc] = weight
                else:
                    for doc in matched:
                        if term in self._terms[doc]:
                            weight = gain
                        elif term in self._weak_terms[doc]:
                            weight = gain * WEAK_FACTOR
                        else:
                            continue
                        if weight > best.get(doc, 0.0):
                            best[doc] = weight
                if term in self._names and factor >= TYPO_FACTOR:
                    named.update(self._postings.get(term, ()))
            if index == 0:
                if not best:
                    return [], asked
                matched = dict(best)
            elif index < REQUIRED_SLOTS:
                # The second-rarest word must be matched too: "when did covid start"
                # is not answered by a statement about when a report started.
                matched = {doc: matched[doc] + gain for doc, gain in best.items()}
                if not matched:
                    return [], asked
            else:
                for doc, gain in best.items():
                    matched[doc] += gain
        coverage = MIN_COVERAGE * total
        # "How many ...?" is answered only by a statement with a figure (a share only
        # when a share is asked), "when ...?" only by one with a date.
        trusted = [
            (doc, weight)
            for doc, weight in matched.items()
            if weight >= coverage - 1e-9
            and (weight >= specific or doc in named)
            and fits(cue, self._docs[doc].figures, self._docs[doc].has_year)
        ]
        if cue.number and not cue.percent and len(slots) < 2:
            # A share answers "how many schools have internet?" (of the schools, how
            # many), but not "how many schools are there?", which asks for a total.
            trusted = [
                item
                for item in trusted
                if not all(is_percent(f) for f in self._docs[item[0]].figures)
            ]
        trusted = [item for item in trusted if self._same_owner(question, item[0])]
        if cue.place and cue.thing:
            # "Which city ...?" is answered only by a statement that says which city:
            # one about a province, however well its other words fit, does not.
            trusted = [
                item
                for item in trusted
                if cue.thing in self._terms[item[0]] or cue.thing in self._weak_terms[item[0]]
            ]
        if cue.why:
            # "Why ...?" is answered by a statement that gives a cause, where one fits.
            causes = [item for item in trusted if cause_of(self._docs[item[0]].text)]
            trusted = causes or trusted
        if not trusted:
            return [], asked

        def nudged(item: tuple[int, float]) -> float:
            doc = self._docs[item[0]]
            bonus = 1.0
            if (cue.number and doc.has_number) or (cue.date and doc.has_year):
                bonus += CUE_BONUS
            if cue.number and any(is_percent(f) == cue.percent for f in doc.figures):
                # "How many users" is a count, "what share" a percentage: the
                # statement with the figure of the kind asked for fits better.
                bonus += KIND_BONUS
            if cue.person and doc.has_role:
                bonus += CUE_BONUS
            if cue.why and cause_of(doc.text):
                bonus += CUE_BONUS
            if cue.definition and doc.focus & terms & self._terms[item[0]]:
                # "What is X?": the statement whose blank is X defines it, and the
                # others that merely mention X fall out of the answer.
                bonus += DEFINITION_BONUS
            return item[1] / total * bonus

        # The learner's own words, where a statement has them, beat a synonym's match:
        # "telemedicine" finds the telemedicine fact before "online medical services".
        literal = [w for w, _ in self._words(question) if w not in STOP_WORDS and len(w) > 2]

        def own_words(doc: int) -> float:
            if not literal:
                return 0.0
            text = self._docs[doc].text.casefold()
            return LITERAL_BONUS * sum(w in text for w in literal) / len(literal)

        scored = [(doc, nudged((doc, weight)) + own_words(doc)) for doc, weight in trusted]
        # Among equals: facts before questions, then a fact the author wrote questions
        # about (a key fact), then the shorter, more to the point.
        found, weak_terms = self._docs, self._weak_terms
        scored.sort(
            key=lambda it: (-it[1], found[it[0]].rank, not weak_terms[it[0]], found[it[0]].size)
        )
        return scored, asked

    def _same_owner(self, question: str, doc: int) -> bool:
        """False when the question asks for "the director of China Daily" and the
        statement gives "the director of the CNNIC": the same words, another owner."""
        for head, target in OF_PHRASE.findall(normalise(question)):
            wanted = {
                term
                for term in document_terms([target])[0]
                if term.isalpha() or term.startswith("~")
            } - DATE_STEMS
            if head in STOP_WORDS or not wanted:
                continue
            text = normalise(self._docs[doc].text)
            owners = re.findall(rf"\b{re.escape(head)} of ((?:[\w'-]+ ?){{1,8}})", text)
            if owners and all(wanted.isdisjoint(document_terms([o])[0]) for o in owners):
                return False
        return True

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

        hits = process.extract(word, choices, scorer=OSA.distance, score_cutoff=budget, limit=8)
        # Of equally close words, two letters swapped is the likeliest slip ("mnay" is
        # "many", not "may").
        best = [h for h in hits if h[1] == hits[0][1]] if hits else []
        swapped = [h for h in best if sorted(str(h[0])) == sorted(word)]
        found_hits = swapped or best
        hit = found_hits[0] if found_hits else None
        if hit is None and word.endswith("s") and len(word) > 4:
            # "wrokers": the slip and the plural together are two edits; the singular
            # "wroker" is one from "worker".
            hit = process.extractOne(word[:-1], choices, scorer=OSA.distance, score_cutoff=1)
        if hit is None:
            return word, False
        found = str(hit[0])
        if found in STOP_WORDS and len(found) < 5 and sorted(found) != sorted(word):
            # A mended word that turns into a short stop word would vanish from the
            # question ("died" -> "did"); only long ones are safe ("abuot" -> "about"),
            # or two letters swapped ("mnay" -> "many").
            return word, False
        if len(found) < 4 and len(found) < len(word):
            return word, False  # "next" is a word of its own, not a slip for "net"
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
        # "since March 2020", "at the end of 2019", "last year" date a figure; "since",
        # "end" and "year" there are no topic of their own.
        ahead = [*words[1:], ("", False), ("", False)]
        words = [
            pair
            for index, pair in enumerate(words)
            if not (pair[0] == "since" and is_date_word(ahead[index][0]))
            and not (
                pair[0] == "end"
                and ahead[index][0] == "of"
                and (is_date_word(ahead[index + 1][0]) or ahead[index + 1][0] in RELATIVE)
            )
            and not (pair[0] == "year" and index and words[index - 1][0] in RELATIVE)
        ]
        merged: list[tuple[str, bool]] = []
        for word, mended in words:
            if merged:
                joined = merged[-1][0] + word
                # "live streaming" where the facts say "live-streaming", "on line" -> online
                # ... but not "china daily" -> "chinadaily" when "daily" is a word of
                # the facts on its own.
                if (
                    len(joined) >= 5
                    and joined.isalpha()
                    and stem(joined) in self._df
                    and stem(word) not in self._df
                ):
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
            if word in HOW_MEASURES and index and words[index - 1][0] == "how":
                continue  # "how big was the growth": what is asked, not what about
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
