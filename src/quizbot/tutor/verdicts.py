"""How the tutor words an answer's fate: the verdict, a skip, a hint, the explanation.

The core reports a graded answer as data (a ``Result`` with the grader's ``Verdict``);
these functions turn it into messages. Nothing here keeps state or changes the round.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quizbot.quiz import Asked, AuthorHint, Hint, MaskedAnswer, Result, RuledOut, letter
from quizbot.quiz.round import RoundProgress
from quizbot.tutor.intents import normalise
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.wording import points, shown_answer

if TYPE_CHECKING:
    from quizbot.grading.verdict import Verdict

HEADLINES = {"correct": "Correct!", "partial": "Partly right.", "incorrect": "Not quite."}

# Words the feedback's sentences open with. After a label's colon ("Not quite: the answer
# is ...") they are written in lower case; names and other words keep their capitals.
OPENING_WORDS = frozenset(
    "the that there this it its no not you your give close accepted correct exactly only a"  # noqa: SIM905
    " an one all both some almost nearly yes right wrong so good well great".split()
)


def without_headline(feedback: str, headline: str) -> str | None:
    """The feedback without its opening headline words, however punctuated ("Not quite —
    it is true." -> "it is true."); None when it does not open with them."""
    words = re.findall(r"\w+", headline)
    if not words or not feedback:
        return None
    pattern = r"^\s*" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)[\s.!,:;—–-]*"
    rest = re.sub(pattern, "", feedback, count=1, flags=re.IGNORECASE)
    return rest if rest != feedback else None


def after_label(sentence: str) -> str:
    """A sentence as it reads after a label and a colon: "The answer is 96%." -> "the
    answer is 96%."; "Hohhot." and "I could not ..." are left as they are."""
    first = re.match(r"[A-Z][a-z]*(?![\w'’-])", sentence)
    if first is None or first.group().casefold() not in OPENING_WORDS:
        return sentence
    return sentence[0].lower() + sentence[1:]


def not_taken(verdict: Verdict) -> str:
    """Why a response was not taken as an answer (the question stays open)."""
    if verdict.verdict == "error":
        return "Sorry, I could not grade that answer. Please try again."
    return f"{verdict.feedback} Please choose one of the options shown."


def verdict_message(result: Result, asked: Asked, progress: RoundProgress) -> BotMessage:
    """The grade of an answer: the headline, the grader's feedback, the right answer when
    it was missed, and what a hint cost. ``body`` is the same without the headline,
    worded to follow a label ("Not quite: the answer is ...")."""
    verdict = result.verdict
    assert verdict is not None
    headline = HEADLINES.get(verdict.verdict, "")
    feedback = verdict.feedback.strip()
    rest = without_headline(feedback, headline)
    if rest is None:
        text, body = f"{headline} {feedback}".strip(), feedback
    else:
        # The grader's feedback opens with the headline ("Correct — B) Hohhot."): say it once.
        text, body = feedback, rest
    expected = shown_answer(asked)
    if verdict.verdict != "correct" and normalise(expected) not in normalise(text):
        text += f" The answer is {expected}."
        body = f"{body} The answer is {expected}.".strip()
    if result.hint_used and verdict.score > 0:
        cost = f" You used a hint, so it earns {points(result.credit)} of {points(verdict.score)}."
        text, body = text + cost, body + cost
    shown = verdict._replace(
        score=result.credit,
        expected=expected if asked.question.type == "choice" else verdict.expected or expected,
    )
    return BotMessage(
        "verdict",
        text,
        verdict=shown,
        progress=progress,
        question_id=asked.question.id,
        body=after_label(body),
    )


def skipped_message(asked: Asked, progress: RoundProgress) -> BotMessage:
    return BotMessage(
        "info",
        f"Skipped. The answer is {shown_answer(asked)}.",
        progress=progress,
        question_id=asked.question.id,
    )


def hint_text(hint: Hint, asked: Asked) -> str:
    if isinstance(hint, AuthorHint):
        return hint.text
    if isinstance(hint, RuledOut):
        return f"It is not {', '.join(letter(i) for i in hint.positions)}."
    assert isinstance(hint, MaskedAnswer)
    if hint.items > 1:
        return f"One of them looks like this: {hint.pattern} ({hint.items} in all)."
    return f"The answer looks like this: {hint.pattern}"


def explanation_text(asked: Asked) -> str | None:
    """Why the answer is right: the question's explanation, else its fact's sentence."""
    question = asked.question
    if question.explanation:
        return question.explanation
    fact = asked.pack.fact(question.cloze_of or question.fact)
    return fact.plain_text if fact else None


def explanation(asked: Asked) -> BotMessage | None:
    question = asked.question
    text = explanation_text(asked)
    source = asked.pack.source_of(question)
    citation = source.citation() if source else None
    if not text and not citation:
        return None
    return BotMessage(
        "explanation",
        text or f"The answer is {shown_answer(asked)}.",
        source=citation,
        question_id=question.id,
    )
