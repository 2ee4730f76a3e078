"""A round of questions: choosing them, shuffling choice options, and keeping the score."""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from string import ascii_uppercase
from typing import Any, Literal

from quizbot.packs.model import Pack, Question
from quizbot.tutor.messages import RoundProgress

Difficulty = Literal["easier", "harder"]
Outcome = Literal["correct", "partial", "incorrect", "skipped"]

HINT_CREDIT = 0.5  # a right answer after a hint earns this share of the points
MEDIUM = 2  # the difficulty of a question whose author gave none (cloze questions)


def question_key(pack: Pack, question: Question) -> str:
    """The key progress is kept under: ``pack/question``."""
    return f"{pack.id}/{question.id}"


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


def _fact_of(question: Question) -> str | None:
    return question.cloze_of or question.fact


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
) -> list[Question]:
    """Pick ``count`` questions: due ones first when progress is known, else shuffled.

    Questions that suit the difficulty wish come first; at most one question per
    fact is taken while others remain, because a cloze and the authored question
    on the same fact give each other away.
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
    chosen: list[Question] = []
    facts: set[str] = set()
    held_back: list[Question] = []
    for question in ordered:
        if len(chosen) == count:
            break
        fact = _fact_of(question)
        if fact is not None and fact in facts:
            held_back.append(question)
            continue
        if fact is not None:
            facts.add(fact)
        chosen.append(question)
    chosen.extend(held_back[: max(0, count - len(chosen))])
    return chosen


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


def shuffled_options(question: Question, rng: random.Random) -> tuple[int, ...]:
    """The order to show a choice question's options in: ``shown[i]`` is shown as letter i."""
    order = list(range(len(question.options)))
    if question.type == "choice":
        rng.shuffle(order)
    return tuple(order)


def letter(index: int) -> str:
    """The letter option ``index`` (0-based) is shown with: A..Z, then AA, AB... as in a
    spreadsheet's columns."""
    name = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, len(ascii_uppercase))
        name = ascii_uppercase[rest] + name
    return name


def expected_answer(question: Question, shown: Sequence[int]) -> str:
    """The right answer as the learner should read it (a choice with its shown letter)."""
    if question.type == "choice":
        for position, index in enumerate(shown):
            if question.options[index] == question.answer:
                return f"{letter(position)}) {question.answer}"
        return question.answer
    if question.type == "truefalse":
        return question.answer.capitalize()
    if question.type == "list" and question.answers:
        items = [forms[0] for forms in question.answers if forms]
        if question.needed < len(items):
            return f"any {question.needed} of: " + ", ".join(items)
        return ", ".join(items)
    return question.answer


def _mask(text: str) -> str:
    """Keep each word's first character and its length: ``342 million`` -> ``3__ m______``."""
    words = []
    for word in text.split():
        head, tail = word[:1], word[1:]
        words.append(head + re.sub(r"\w", "_", tail))
    return " ".join(words)


def can_hint(question: Question, shown: Sequence[int]) -> bool:
    """Whether the question has a hint, its author's or one made from the answer."""
    if question.hint:
        return True
    if question.type == "truefalse":
        return False
    if question.type == "choice":
        return sum(1 for i in shown if question.options[i] != question.answer) >= 2
    return bool(question.answers if question.type == "list" else question.answer.strip())


def automatic_hint(question: Question, shown: Sequence[int], rng: random.Random) -> str | None:
    """A clue made from the answer itself, for questions whose author wrote no hint."""
    if question.type == "truefalse":
        return None
    if question.type == "choice":
        wrong = [i for i, index in enumerate(shown) if question.options[index] != question.answer]
        if len(wrong) < 2:
            return None
        dropped = sorted(rng.sample(wrong, len(wrong) // 2))
        names = ", ".join(letter(i) for i in dropped)
        return f"It is not {names}."
    if question.type == "list" and question.answers:
        first = question.answers[0][0]
        return f"One of them looks like this: {_mask(first)} ({len(question.answers)} in all)."
    answer = question.answer.strip()
    if not answer:
        return None
    return f"The answer looks like this: {_mask(answer)}"


@dataclass
class Asked:
    """The question on screen: its options as shown, when it was asked, whether hinted."""

    pack: Pack
    question: Question
    shown: tuple[int, ...]
    asked_at: float
    hint_used: bool = False
    hint_text: str | None = None

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(self.question.options[i] for i in self.shown)

    @property
    def expected(self) -> str:
        return expected_answer(self.question, self.shown)


@dataclass(frozen=True)
class Result:
    """How one question of the round went."""

    pack: Pack
    question: Question
    response: str
    outcome: Outcome
    credit: float  # points earned, 0..1 (hints halve them)
    expected: str


@dataclass
class Round:
    """The questions of one round, in order, and how each went."""

    pack: Pack
    questions: list[Question]
    started_at: float
    topic: str | None = None
    review: bool = False  # a round of questions missed before
    results: list[Result] = field(default_factory=list)
    current: Asked | None = None

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def finished(self) -> bool:
        return len(self.results) >= self.total

    def ask_next(self, now: float, rng: random.Random) -> Asked | None:
        """Put the next question on screen, or None when the round is over."""
        if self.finished:
            self.current = None
            return None
        question = self.questions[len(self.results)]
        self.current = Asked(self.pack, question, shuffled_options(question, rng), now)
        return self.current

    def replace_remaining(self, questions: Sequence[Question]) -> None:
        """Swap the questions not yet asked (after "easier"/"harder"), keeping the count."""
        done = len(self.results) + (1 if self.current else 0)
        wanted = self.total - done
        self.questions = self.questions[:done] + list(questions)[:wanted]

    def finish_current(self, response: str, outcome: Outcome, credit: float) -> Result:
        assert self.current is not None, "no question is being asked"
        result = Result(
            self.pack, self.current.question, response, outcome, credit, self.current.expected
        )
        self.results.append(result)
        self.current = None
        return result

    @property
    def correct(self) -> int:
        return sum(1 for r in self.results if r.outcome == "correct")

    @property
    def points(self) -> float:
        return sum(r.credit for r in self.results)

    @property
    def missed(self) -> list[Result]:
        return [r for r in self.results if r.outcome != "correct"]

    def progress(self) -> RoundProgress:
        return RoundProgress(
            asked=len(self.results), total=self.total, correct=self.correct, score=self.points
        )
