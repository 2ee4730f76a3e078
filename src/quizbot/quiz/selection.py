"""Choosing a round's questions: due ones first, and none that gives another away.

A question is *on a fact* when it names it (``fact:``), is one of its blanks (a cloze),
or has the same answer as one of its blanks. A round takes at most one question per
fact, and no question whose prompt shows another chosen question's answer. Only when
the pool is smaller than the round (a review, a short pack) does this give way; then a
question that gives another's answer away is asked after it.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Literal

from quizbot.packs.cloze import blanks
from quizbot.packs.model import Pack, Question
from quizbot.quiz.options import question_key

Difficulty = Literal["easier", "harder"]
MEDIUM = 2  # the difficulty of a question whose author gave none (cloze questions)
_WORD = re.compile(r"\w+")


def effective_difficulty(question: Question) -> int:
    return question.difficulty if question.difficulty is not None else MEDIUM


def fits(question: Question, difficulty: Difficulty | None) -> bool:
    """Whether a question suits the learner's wish for easier or harder questions."""
    if difficulty == "easier":
        return effective_difficulty(question) <= 1 or question.type in ("truefalse", "choice")
    if difficulty == "harder":
        return effective_difficulty(question) >= 3 or (
            effective_difficulty(question) >= MEDIUM and question.type in ("text", "list")
        )
    return True


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return size > 0 and any(haystack[i : i + size] == needle for i in range(len(haystack)))


def _answer_forms(question: Question) -> list[tuple[str, ...]]:
    """The answers a prompt could give away (true/false words give nothing away)."""
    if question.type == "truefalse":
        return []
    texts = [question.answer, *question.accept]
    if question.type == "list":
        texts = [form for item in question.answers for form in item]
    forms = [_words(text) for text in texts]
    # One letter or digit ("A", "5") is everywhere: not a give-away.
    return [form for form in forms if form and len("".join(form)) > 1]


class FactIndex:
    """Which facts each question of a pack is on."""

    def __init__(self, pack: Pack) -> None:
        self._by_answer: dict[tuple[str, ...], set[str]] = {}
        for fact in pack.facts:
            for blank in blanks(fact.text):
                for form in blank.forms:
                    self._by_answer.setdefault(_words(form), set()).add(fact.id)

    def of(self, question: Question) -> frozenset[str]:
        facts = {f for f in (question.fact, question.cloze_of) if f is not None}
        if question.type != "truefalse":
            facts |= self._by_answer.get(_words(question.answer), set())
        return frozenset(facts)


def reveals(giver: Question, other: Question) -> bool:
    """Whether ``giver``'s prompt (or its options) shows ``other``'s answer."""
    if giver is other:
        return False
    shown = _words(" ".join([giver.prompt, *giver.options]))
    return any(_contains(shown, form) for form in _answer_forms(other))


def choose_questions(
    pack: Pack,
    *,
    count: int,
    rng: random.Random,
    now: float,
    states: Mapping[str, Any] | None = None,
    topic: str | None = None,
    difficulty: Difficulty | None = None,
    only: Collection[str] | None = None,
    exclude: Collection[str] = (),
    taken: Sequence[Question] = (),
) -> list[Question]:
    """Pick ``count`` questions: due ones first when progress is known, else shuffled.

    Questions that suit the difficulty wish come first. ``taken``: questions of the round
    already asked, which the new ones must not give away either.
    """
    pool = [
        q
        for q in pack.questions
        if (topic is None or q.topic == topic)
        and (only is None or q.id in only)
        and q.id not in exclude
    ]
    preferred = [q for q in pool if fits(q, difficulty)]
    others = [q for q in pool if not fits(q, difficulty)]
    ordered = _order(pack, preferred, rng, now, states) + _order(pack, others, rng, now, states)
    facts = FactIndex(pack)
    chosen: list[Question] = []
    held_back: list[Question] = []
    used: set[str] = {f for q in taken for f in facts.of(q)}
    for question in ordered:
        if len(chosen) == count:
            break
        mine = facts.of(question)
        clash = bool(mine & used) or any(
            reveals(question, q) or reveals(q, question) for q in [*taken, *chosen]
        )
        if clash:
            held_back.append(question)
            continue
        used |= mine
        chosen.append(question)
    if len(chosen) < count:
        chosen.extend(held_back[: count - len(chosen)])
        chosen = _givers_last(chosen)
    return chosen


def _givers_last(questions: list[Question]) -> list[Question]:
    """Keep the order, except that a question showing another's answer comes after it."""
    left = list(questions)
    ordered: list[Question] = []
    while left:
        ready = next(
            (q for q in left if not any(reveals(q, other) for other in left if other is not q)),
            left[0],  # a circle of give-aways: keep the order
        )
        left.remove(ready)
        ordered.append(ready)
    return ordered


def _order(
    pack: Pack,
    questions: Sequence[Question],
    rng: random.Random,
    now: float,
    states: Mapping[str, Any] | None,
) -> list[Question]:
    if not questions:
        return []
    if states is None:
        shuffled = list(questions)
        rng.shuffle(shuffled)
        return shuffled
    from quizbot.progress.schedule import order_for_round

    by_key = {question_key(pack, q): q for q in questions}
    keys = order_for_round(list(by_key), states, now, rng, len(by_key))
    return [by_key[k] for k in keys]


def to_review(pack: Pack, states: Mapping[str, Any], now: float) -> list[str]:
    """Ids of the pack's questions answered before that were missed last time or are due
    again: what a review round across sessions goes over, most overdue first."""
    found: list[tuple[float, str]] = []
    for question in pack.questions:
        state = states.get(question_key(pack, question))
        if state is None:
            continue
        due = float(getattr(state, "due", now))
        missed = float(getattr(state, "last_score", 1.0)) < 1.0
        if missed or due <= now:
            found.append((due, question.id))
    return [question_id for _, question_id in sorted(found)]
