"""Verdicts with one friendly feedback sentence each, saying why."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizbot.grading.text import Match, describe_slips
from quizbot.grading.verdict import Verdict

# Responses longer than this are not quoted back in feedback.
_QUOTE_MAX = 40
# A quotation of the learner's words in a feedback line.
_QUOTED = re.compile("“([^“”]*)”")


def _quote(text: str) -> str:
    """The response in quotation marks: feedback never starts with what the learner typed
    (a spreadsheet would run ``@SUM(1+1) is not right`` as a formula)."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + '…'}”"


def _right(reason: str, feedback: str, expected: str) -> Verdict:
    return Verdict("correct", 1.0, feedback, reason, expected)


def _wrong(reason: str, feedback: str, expected: str) -> Verdict:
    return Verdict("incorrect", 0.0, feedback, reason, expected)


def accepted(match: Match, expected: str) -> Verdict:
    """A text match: exact, an accepted alias, a spacing difference or a forgiven slip."""
    shown = match.form.text if match.form.alias else expected
    if match.slips:
        return _right("typo", f"Accepted — {describe_slips(match)}: {shown}.", expected)
    if match.spacing:
        return _right("spacing", f"Accepted — only the spacing differs: {shown}.", expected)
    if match.form.alias:
        return _right("alias", f"Correct — {shown} is another way to say {expected}.", expected)
    return _right("exact", f"Correct — {expected}.", expected)


def gloss(expected: str) -> Verdict:
    return _right("gloss", f"Correct — both names are right: {expected}.", expected)


def right_number(expected: str) -> Verdict:
    return _right("number", f"Correct — {expected}.", expected)


def empty(expected: str, *, dont_know: bool = False) -> Verdict:
    if dont_know:
        return _wrong("empty", f"No problem — the answer is {expected}.", expected)
    return _wrong("empty", f"No answer given: the answer is {expected}.", expected)


def too_long(expected: str) -> Verdict:
    return _wrong(
        "too_long", f"That answer is too long to grade: the answer is {expected}.", expected
    )


def negated(expected: str, *, mentioned: bool) -> Verdict:
    if mentioned:
        text = f"You said it is not the answer, but it is: the answer is {expected}."
    else:
        text = f"You only said what the answer is not: the answer is {expected}."
    return _wrong("negated", text, expected)


def alternatives(parts: Sequence[str], expected: str) -> Verdict:
    said = " or ".join(_quote(p) for p in parts)
    return _wrong(
        "alternatives",
        f"Give one answer, not a choice ({said}): the answer is {expected}.",
        expected,
    )


def rejected(said: str, expected: str, author_feedback: str | None) -> Verdict:
    if author_feedback:
        return _wrong("rejected", author_feedback, expected)
    return _wrong("rejected", f"The answer is {expected}, not {_quote(said)}.", expected)


def prompt_only(expected: str) -> Verdict:
    return _wrong(
        "prompt_only", f"That only repeats the question: the answer is {expected}.", expected
    )


def wrong(said: str, expected: str) -> Verdict:
    return _wrong("wrong", f"The answer is {expected}, not {_quote(said)}.", expected)


def wrong_text(
    said: str, said_words: Sequence[str], key_words: Sequence[str], expected: str
) -> Verdict:
    """A wrong text answer; say so more kindly when it is part of the answer or adds to it."""
    said_set, key_set = set(said_words), set(key_words)
    if said_set and key_set and said_set < key_set:
        return _wrong(
            "wrong", f"{_quote(said)} is only part of it: the answer is {expected}.", expected
        )
    if said_set and key_set and key_set < said_set:
        return _wrong("wrong", f"Close, but with extra words: the answer is {expected}.", expected)
    return wrong(said, expected)


def no_number(expected: str) -> Verdict:
    return _wrong(
        "no_number", f"I could not find a number there: the answer is {expected}.", expected
    )


def prompt_number(expected: str) -> Verdict:
    return _wrong(
        "prompt_only",
        f"That number is already in the question: the answer is {expected}.",
        expected,
    )


def two_numbers(said: Sequence[str], expected: str) -> Verdict:
    both = " and ".join(_quote(s) for s in said[:3])
    return _wrong(
        "two_numbers", f"Give one number, not several ({both}): the answer is {expected}.", expected
    )


def missing_scale(said: str, scale: str, expected: str) -> Verdict:
    what = f"its scale ({scale})" if scale else "its scale"
    return _wrong(
        "missing_scale", f"{_quote(said)} is missing {what}: the answer is {expected}.", expected
    )


def wrong_scale(said: str, expected: str) -> Verdict:
    return _wrong(
        "wrong_scale", f"{_quote(said)} has the wrong scale: the answer is {expected}.", expected
    )


def wrong_number(said: str, expected: str) -> Verdict:
    return _wrong("wrong_number", f"The answer is {expected}, not {_quote(said)}.", expected)


def no_such_option(letter: str, expected: str) -> Verdict:
    """A letter with no option ("E" of A-C): the tutor keeps the question open."""
    return _wrong("no_such_option", f"There is no option {letter.upper()}.", expected)


def wrong_unit(said: str, expected: str) -> Verdict:
    """A number in a unit that is not the answer's (another quantity, or not the same amount)."""
    return _wrong("wrong_unit", f"{_quote(said)} is not {expected}.", expected)


def as_typed(verdict: Verdict, compared: str, typed: str) -> Verdict:
    """``verdict`` with the learner's words quoted as they typed them (``typed``), not as
    they were compared (``compared``: traditional characters made simplified).

    t2s changes characters one for one, so a quotation found in the compared text
    stands at the same place in the typed one. A reject's feedback quotes the pack,
    not the learner, and is kept.
    """
    compared, typed = " ".join(compared.split()), " ".join(typed.split())
    if len(compared) != len(typed) or verdict.reason == "rejected":
        return verdict
    folded = compared.casefold()  # numbers are quoted as read: case-folded
    searched = (compared, folded) if len(folded) == len(compared) else (compared,)

    def back(quotation: re.Match[str]) -> str:
        quoted = quotation.group(1)
        shown = quoted.removesuffix("…")
        for text in searched:
            at = text.find(shown) if shown else -1
            if at >= 0:
                return f"“{typed[at : at + len(shown)]}{quoted[len(shown) :]}”"
        return quotation.group()

    feedback = _QUOTED.sub(back, verdict.feedback)
    if feedback == verdict.feedback:
        return verdict
    return verdict._replace(feedback=feedback)
