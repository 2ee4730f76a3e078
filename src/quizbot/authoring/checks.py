"""Advice for a valid pack (``quizbot validate`` warns, ``--strict`` fails on it).

Nothing here is an error: the pack loads and plays. Each check points at something
a careful author would want to look at again: a question that teaches nothing when
missed, two questions that accept each other's answers, near-duplicate prompts, a
prompt that gives another question's answer away, facts nothing asks about, an
exact number asked of a figure the source only gives roughly, and an answer no
response can match.

Every check is near-linear in the pack's size: candidates are found through
dictionaries and sorted lists, blocked by topic, and only they are graded or compared
(a 10,000-question pack is checked in about a second; see bench/README.md).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from quizbot.packs.model import Pack, Place, Question

NEAR_DUPLICATE = 90  # fuzz.ratio of two prompts (numbers equal) that are "the same"
LONGEST_ANSWER_WORDS = 6  # answers longer than this are not looked for in prompts
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_HEDGE = r"nearly|almost|over|more than|about|around|roughly|approximately|some|close to"
# A hedge just before the number, in the source's sentence.
_HEDGED = re.compile(rf"\b(?:{_HEDGE})\s*$", re.IGNORECASE)
# A prompt that asks for an approximation, or says the figure is one.
_ASKS_ROUGHLY = re.compile(
    rf"\b(?:{_HEDGE}|at least|estimate[ds]?|approximate|roughly|how many .* nearly)\b|约|大约|近",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class Warning_:
    """``FILE:LINE:COLUMN: warning: ...``: advice at its place (not a problem)."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place}: warning: {' '.join(self.message.split())}"


def pack_warnings(pack: Pack) -> list[Warning_]:
    """Every warning for one valid pack, in file order."""
    found = [
        *_teaches_nothing(pack),
        *_accepts_another_answer(pack),
        *_near_duplicate_prompts(pack),
        *_gives_answer_away(pack),
        *_untested_facts(pack),
        *_exact_for_rough(pack),
        *_unmatchable(pack),
    ]
    return sorted(found, key=lambda w: (w.place.line, w.place.column, w.message))


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _authored(pack: Pack) -> list[Question]:
    return [q for q in pack.questions if not q.is_cloze]


# -- a question that teaches nothing when missed -------------------------------------------


def _teaches_nothing(pack: Pack) -> Iterator[Warning_]:
    for q in _authored(pack):
        if not (q.hint or q.explanation or pack.source_of(q)):
            yield Warning_(
                q.place,
                f"question {q.id!r} has no hint, explanation or source: a learner who "
                "misses it learns nothing (add one)",
            )


# -- an answer no response can match ------------------------------------------------------


def _unmatchable(pack: Pack) -> Iterator[Warning_]:
    """An answer, alias, list item or option of no letters or digits ("?", "—"): the
    grader compares words, so nothing a learner types can match it."""
    from quizbot.grading.normalize import clean, words

    for q in pack.questions:  # a cloze blank too: "{{?}}"
        keys = [("answer", q.answer)] if q.type in ("text", "number") else []
        keys += [("accepted answer", a) for a in q.accept]
        keys += [("list item", form) for item in q.answers for form in item]
        keys += [("option", o) for o in q.options]
        for what, text in keys:
            if not words(clean(text)):
                yield Warning_(
                    q.place,
                    f"the {what} {text.strip()!r} of {q.id!r} has no letters or digits: "
                    "no answer can match it (write it in words)",
                )


# -- one question's answer accepted as another's ----------------------------------------


def _forms(q: Question) -> tuple[str, ...]:
    return (q.answer, *q.accept)


def _accepts_another_answer(pack: Pack) -> Iterator[Warning_]:
    """A text or number answer (or alias) of one question graded right for another of
    its topic: a learner mixing the two up is told they are right."""
    from rapidfuzz import fuzz, process

    from quizbot.grading import grade
    from quizbot.lexicon.numbers import read_number

    text_blocks: dict[tuple[str | None, str], list[Question]] = defaultdict(list)
    numbers: dict[str | None, list[tuple[Decimal, str, Question]]] = defaultdict(list)
    for q in pack.questions:
        if q.type == "text":
            # The grader wants a text answer's digits exact: the same digits block together.
            for form in _forms(q):
                text_blocks[(q.topic, " ".join(_DIGITS.findall(form)))].append(q)
        elif q.type == "number":
            for form in _forms(q):
                reading = read_number(form)
                if reading is not None:
                    numbers[q.topic].append((reading.value, form, q))
    seen: set[tuple[str, str]] = set()

    def check(said: Question, form: str, other: Question) -> Iterator[Warning_]:
        if said is other or (said.id, other.id) in seen or _same_fact(said, other):
            return
        if _plain(form) in {_plain(f) for f in _forms(other)} or _same_value(form, other):
            return  # the same answer on purpose (two questions on one figure or name)
        if grade(other, form).correct:
            seen.add((said.id, other.id))
            yield Warning_(
                said.place,
                f"{form!r}, an answer of {said.id!r}, is also marked right for "
                f"{other.id!r} in the same topic (add it to that question's reject, "
                "or make the answers differ)",
            )

    for block in text_blocks.values():
        if len(block) < 2:
            continue
        # Only a form alike to one of the other's forms can be graded right for it:
        # rapidfuzz finds those pairs (in C), the grader then decides.
        forms = [(form, q) for q in dict.fromkeys(block) for form in _forms(q)]
        plains = [_plain(form) for form, _ in forms]
        for form, said in forms:
            for _, _, k in process.extract(
                _plain(form), plains, scorer=fuzz.ratio, score_cutoff=70, limit=None
            ):
                yield from check(said, form, forms[k][1])
    for figures in numbers.values():
        figures.sort(key=lambda e: e[0])
        values = [e[0] for e in figures]
        for other in dict.fromkeys(q for _, _, q in figures):
            key = read_number(other.answer)
            if key is None:
                continue
            low, high = _accepted_range(key.value, other)
            start, stop = bisect.bisect_left(values, low), bisect.bisect_right(values, high)
            for _, form, said in figures[start:stop]:
                yield from check(said, form, other)


def _same_value(form: str, other: Question) -> bool:
    from quizbot.lexicon.numbers import read_number

    if other.type != "number":
        return False
    said, key = read_number(form), read_number(other.answer)
    return said is not None and key is not None and said.value == key.value


def _accepted_range(key: Decimal, q: Question) -> tuple[Decimal, Decimal]:
    """The values the grader could accept for this key (a little wider, to be safe)."""
    tolerance = q.tolerance
    margin = abs(key) * Decimal("0.005")  # units converted within 0.5%
    if tolerance is not None:
        margin = max(margin, abs(key) * tolerance.value if tolerance.relative else tolerance.value)
    return key - margin, key + margin


# -- near-duplicate prompts ----------------------------------------------------------------


def _near_duplicate_prompts(pack: Pack) -> Iterator[Warning_]:
    """Prompts (authored) that read almost the same: one is probably a copy to finish.

    Prompts whose numbers differ ("in 2019" / "in 2020") are different questions, so
    prompts are blocked by topic and their numbers; within a block only prompts of
    similar length can reach the cut-off, and rapidfuzz compares them in C.
    """
    from rapidfuzz import fuzz, process

    blocks: dict[tuple[str | None, tuple[str, ...]], list[Question]] = defaultdict(list)
    for q in _authored(pack):
        blocks[(q.topic, tuple(_DIGITS.findall(q.prompt)))].append(q)
    for block in blocks.values():
        if len(block) < 2:
            continue
        prompts = [_plain(q.prompt) for q in block]
        order = sorted(range(len(block)), key=lambda i: len(prompts[i]))
        lengths = [len(prompts[i]) for i in order]
        for rank, i in enumerate(order):
            # fuzz.ratio >= 90 needs the longer prompt within 100/90*... of the shorter.
            stop = bisect.bisect_right(lengths, lengths[rank] * 1.25 + 1)
            later = [prompts[j] for j in order[rank + 1 : stop]]
            if not later:
                continue
            for _, score, k in process.extract(
                prompts[i], later, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, limit=None
            ):
                if not _same_words(prompts[i], later[k]):
                    continue  # "online education" / "online medical": two questions
                first, second = sorted((block[i], block[order[rank + 1 + k]]), key=_line)
                yield Warning_(
                    second.place,
                    f"the prompt of {second.id!r} is nearly the same as that of "
                    f"{first.id!r} (line {first.place.line}; {score:.0f}% alike): "
                    "make them differ, or remove one",
                )


def _same_words(a: str, b: str) -> bool:
    """The same content words, but for typos: each word (of 4 letters or more) that one
    prompt has and the other lacks is a slip of one of the other's."""
    from rapidfuzz import fuzz

    words_a = {w for w in _WORD.findall(a) if len(w) >= 4}
    words_b = {w for w in _WORD.findall(b) if len(w) >= 4}
    only_a, only_b = words_a - words_b, words_b - words_a
    return all(any(fuzz.ratio(x, y) >= 80 for y in only_b) for x in only_a) and all(
        any(fuzz.ratio(y, x) >= 80 for x in only_a) for y in only_b
    )


def _line(q: Question) -> tuple[int, int]:
    return (q.place.line, q.place.column)


# -- a prompt that gives another question's answer away ------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_plain(text)))


def _gives_answer_away(pack: Pack) -> Iterator[Warning_]:
    """A prompt holding another question's answer: the quiz shows both."""
    answers: dict[tuple[str, ...], list[Question]] = defaultdict(list)
    for q in pack.questions:
        if q.type not in ("text", "number") or _CJK.search(q.answer):
            continue
        words = _words(q.answer)
        if not words or len(words) > LONGEST_ANSWER_WORDS:
            continue
        if q.type == "number" and len(words) < 2:
            continue  # a bare year or count appears in many prompts without telling
        if q.type == "text" and (len(words) < 2 and not q.answer[:1].isupper()):
            continue  # one common word ("digital") is in many prompts without telling
        answers[words].append(q)
    if not answers:
        return
    said: set[tuple[str, str]] = set()
    for q in _authored(pack):  # a fact's sentence names what it is about: not a giveaway
        words = _words(q.prompt)
        for size in range(1, LONGEST_ANSWER_WORDS + 1):
            for start in range(len(words) - size + 1):
                for other in answers.get(words[start : start + size], ()):
                    if (
                        other is q
                        or other.is_cloze
                        or other.topic != q.topic
                        or (other.answer, q.id) in said
                        or _same_fact(q, other)
                    ):
                        continue
                    said.add((other.answer, q.id))
                    yield Warning_(
                        q.place,
                        f"the prompt of {q.id!r} holds {other.answer!r}, the answer of "
                        f"{other.id!r}: asked both, a learner reads it here (reword one)",
                    )


def _same_fact(a: Question, b: Question) -> bool:
    fact_a, fact_b = a.cloze_of or a.fact, b.cloze_of or b.fact
    return fact_a is not None and fact_a == fact_b


# -- facts nothing asks about --------------------------------------------------------------


def _untested_facts(pack: Pack) -> Iterator[Warning_]:
    asked = {q.cloze_of or q.fact for q in pack.questions}
    for fact in pack.facts:
        if fact.id not in asked:
            yield Warning_(
                fact.place,
                f"no question tests fact {fact.id!r} (add a {{{{blank}}}} to its text, "
                "or a question with 'fact: " + fact.id + "')",
            )


# -- an exact number asked of a rough figure -----------------------------------------------


def _exact_for_rough(pack: Pack) -> Iterator[Warning_]:
    """The source says "nearly 900 million" but the prompt asks "how many": the true
    figure is not 900 million, and a learner who knows it is marked wrong."""
    from quizbot.lexicon.numbers import clean_for_numbers, find_numbers, read_number

    facts = {fact.id: fact for fact in pack.facts}
    for q in _authored(pack):
        if q.type != "number" or q.fact not in facts or _ASKS_ROUGHLY.search(q.prompt):
            continue
        if q.tolerance is not None and q.tolerance.value > 0:
            continue  # the author already accepts a range
        key = read_number(q.answer)
        if key is None:
            continue
        source = clean_for_numbers(facts[q.fact].plain_text)
        for found in find_numbers(source):
            if found.reading.value == key.value and _HEDGED.search(source[: found.start]):
                hedge = _HEDGED.search(source[: found.start])
                word = hedge.group(0).strip() if hedge else "roughly"
                yield Warning_(
                    q.place,
                    f"the fact says {word!r} {found.text.strip()!r} but the prompt of "
                    f"{q.id!r} asks for an exact number (say 'about' or 'nearly' in "
                    "the prompt, or give a tolerance)",
                )
                break


def warnings_for(packs: Iterable[Pack]) -> list[Warning_]:
    return [w for pack in packs for w in pack_warnings(pack)]


# -- ids that changed against a previous version -------------------------------------------


def changed_ids(old: Pack, new: Pack) -> list[Warning_]:
    """Ids whose question changed or vanished since ``old`` (the same pack, before).

    Progress and ``grade`` CSVs follow a question's id: when a blank is inserted,
    ``fact#2`` silently becomes another blank. An id that now asks for another answer,
    or is gone, is said here; naming blanks (``{{#name: ...}}``) prevents it.
    """
    found = []
    ours = {q.id: q for q in new.questions}
    for before in old.questions:
        now = ours.get(before.id)
        versions = f"version {old.version} -> {new.version}"
        if now is None:
            found.append(
                Warning_(
                    new.place,
                    f"question {before.id!r} of {versions} is gone: progress and grade CSVs "
                    "that name it no longer find it (keep the id, or name the blank)",
                )
            )
        elif now.type != before.type or _plain(now.answer) != _plain(before.answer):
            found.append(
                Warning_(
                    now.place,
                    f"{before.id!r} now asks for {now.answer!r} but asked for "
                    f"{before.answer!r} in {versions}: progress and grade CSVs follow the id "
                    "(name the blank, {{#name: ...}}, so its id stays with it)",
                )
            )
    return found
