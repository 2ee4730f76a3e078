"""Wrong answers grouped by the grader's own rules, for a teacher's report: what a class
got wrong, the biggest misconception first.

Two responses go together when each, taken as the answer, is graded right for the other
("Guangzhou" and "guangzou": a typo), so never two different numbers ("342 million" and
"346 million") and never two names that the question's ``reject`` list keeps apart
("Hubei" and "Hebei"). Choice and true/false responses group by the option they name
("B" and the option's text together).

Used by ``quizbot report`` (a drill's answers, all in memory) and ``quizbot grade
--report`` (a responses file of any size, streamed): :class:`AnswerTally` counts one
question's answers as they come in bounded memory, and :func:`group_counted` groups the
distinct forms it kept. No wording here: the caller names an empty response.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizbot.packs.model import Question
from quizbot.quiz.ports import Grader

# Grouping compares each distinct form with each group found so far (two grades a pair),
# so the forms kept per question are capped: this many covers a class's misconceptions
# many times over, and grouping them stays well under a second.
MAX_FORMS = 200
# A response longer than this is not kept as a form (it counts among the other answers):
# a pasted essay would otherwise hold memory and slow every comparison.
MAX_FORM_CHARS = 300


@dataclass(frozen=True)
class WrongGroup:
    """Wrong responses the grader treats as one answer: shown as the most common form."""

    answer: str
    count: int
    forms: tuple[str, ...]  # every form written, most common first


def group_wrong(
    question: Question,
    responses: Sequence[str],
    grade: Grader,
    shown: Sequence[int] | None = None,
    *,
    empty: str,
) -> list[WrongGroup]:
    """The responses grouped as the grader would take them, the biggest group first
    (equal groups in the order first seen); an empty response is the form ``empty``."""
    counts: dict[str, int] = {}
    for response in responses:
        form = response.strip() or empty
        counts[form] = counts.get(form, 0) + 1
    return group_counted(question, counts, grade, shown, empty=empty)


def group_counted(
    question: Question,
    counts: Mapping[str, int],
    grade: Grader,
    shown: Sequence[int] | None = None,
    *,
    empty: str,
) -> list[WrongGroup]:
    """Distinct forms (stripped, in the order first seen) with how often each was written,
    grouped as :func:`group_wrong` groups the responses they stand for."""
    groups: list[list[str]] = []
    labels: list[str] = []
    same = _Sameness(question, grade, empty)
    for form in counts:
        label = _option_named(question, form, grade, shown) if form != empty else None
        for i, members in enumerate(groups):
            if label is not None:
                if labels[i] == label:
                    members.append(form)
                    break
            elif labels[i] == "" and same(members[0], form):
                members.append(form)
                break
        else:
            groups.append([form])
            labels.append(label or "")
    result = []
    for members, label in zip(groups, labels, strict=True):
        forms = sorted(members, key=lambda m: -counts[m])  # stable: first seen first
        total = sum(counts[m] for m in members)
        result.append(WrongGroup(label or forms[0], total, tuple(forms)))
    return sorted(result, key=lambda g: -g.count)


class AnswerTally:
    """One question's answers as they are graded, in bounded memory: how many, how many
    right, and each distinct wrong form with its count.

    The first :data:`MAX_FORMS` distinct wrong forms are counted exactly; a form first
    seen after that (or longer than :data:`MAX_FORM_CHARS`) is counted among ``others``,
    so a file of a million rows costs no more than a few hundred forms a question.
    """

    __slots__ = ("answered", "correct", "forms", "max_forms", "others", "partial")

    def __init__(self, max_forms: int = MAX_FORMS) -> None:
        self.max_forms = max_forms
        self.answered = 0
        self.correct = 0
        self.partial = 0
        self.forms: dict[str, int] = {}  # stripped wrong form -> count, first seen first
        self.others = 0  # wrong answers not kept as a form

    def add(self, response: str, verdict: str, *, empty: str) -> None:
        """Count one graded answer (``verdict``: correct, partial or incorrect; a partial
        answer is not right, so it is among the wrong forms too)."""
        self.answered += 1
        if verdict == "correct":
            self.correct += 1
            return
        if verdict == "partial":
            self.partial += 1
        if len(response) > MAX_FORM_CHARS * 4:
            self.others += 1  # not even stripped: it may be huge
            return
        form = response.strip() or empty
        if form in self.forms:
            self.forms[form] += 1
        elif len(self.forms) < self.max_forms and len(form) <= MAX_FORM_CHARS:
            self.forms[form] = 1
        else:
            self.others += 1

    @property
    def wrong(self) -> int:
        return self.answered - self.correct

    @property
    def share_correct(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


class _Sameness:
    """Whether two forms are one answer: each graded right with the other as the key
    (the question's rejects kept, but not one that is the key itself).

    Each form made a key is made once: the grader prepares a key the first time it
    sees it, which costs far more than a grade, and a form meets every group."""

    def __init__(self, question: Question, grade: Grader, empty: str) -> None:
        self.question = question
        self.grade = grade
        self.empty = empty
        self.keys: dict[str, Question] = {}

    def __call__(self, a: str, b: str) -> bool:
        if a.casefold().split() == b.casefold().split():
            return True
        if self.empty in (a, b) or self.question.type == "list":
            return False
        return self._right_for(a, b) and self._right_for(b, a)

    def _right_for(self, answer: str, response: str) -> bool:
        """Would ``response`` be right if ``answer`` were the key?"""
        as_key = self.keys.get(answer)
        if as_key is None:
            question = self.question
            # A reject that says what this form says ("346 million" when the form is
            # "346m") is the form itself, not a wrong answer to it.
            rejects = tuple(r for r in question.reject if not self._says(r.answer, answer))
            as_key = self.keys[answer] = dataclasses.replace(
                question, answer=answer, accept=(), reject=rejects, tests=None, gap=None,
                explanation=None, hint=None,
            )  # fmt: skip
        try:
            verdict = self.grade(as_key, response)
        except (ValueError, ArithmeticError):
            return False
        return verdict.verdict == "correct"

    def _says(self, rejected: str, form: str) -> bool:
        """Whether ``form`` says what the rejected answer says: the same text, or for a
        number question the same number ("346m" and "346 million"). Only numbers: a
        name one letter off is right by the typo rule, yet a reject keeps it apart."""
        if rejected.casefold() == form.casefold():
            return True
        if self.question.type != "number":
            return False
        bare = dataclasses.replace(
            self.question, answer=rejected, accept=(), reject=(), tests=None, gap=None
        )
        try:
            return self.grade(bare, form).verdict == "correct"
        except (ValueError, ArithmeticError):
            return False


def _option_named(
    question: Question, response: str, grade: Grader, shown: Sequence[int] | None
) -> str | None:
    """For a choice or true/false question: the option the response names, if any."""
    if question.type == "truefalse":
        for word in ("true", "false"):
            if grade(dataclasses.replace(question, answer=word), response).correct:
                return word
        return None
    if question.type != "choice":
        return None
    for option in question.options:
        if grade(
            dataclasses.replace(question, answer=option), response, shown_options=shown
        ).correct:
            return option
    return None
