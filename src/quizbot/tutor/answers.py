"""Whether a line could be an answer to the open question (right or wrong).

The line reader asks this before it takes a line for a command word or for a question
of the learner's own: a line that could be an answer is always graded."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quizbot.quiz import Asked, letter
from quizbot.tutor.intents import normalise

if TYPE_CHECKING:
    from quizbot.grading.verdict import Verdict

MAX_NUMBER_ANSWER_WORDS = 6  # "around 300 million people, I think?" is still a number answer
_CHOICE_LETTER = re.compile(r"^(?:option |choice |answer |letter )?\(?([a-z]{1,2})\)?$")


def is_answer_form(asked: Asked, line: str) -> bool:
    """An answer form of the question's type: a choice letter, a true/false word, a number
    for a number question (with or without a question mark)."""
    # The grader's own lists, imported when a question is open (not for the first screen).
    from quizbot.lexicon.numbers import find_numbers
    from quizbot.lexicon.truth import FALSE_WORDS, TRUE_WORDS

    key = normalise(line)
    question = asked.question
    if question.type == "choice":
        found = _CHOICE_LETTER.match(key)
        letters = {letter(i).casefold() for i in range(len(asked.shown))}
        return found is not None and found.group(1) in letters
    if question.type == "truefalse":
        return key in TRUE_WORDS or key in FALSE_WORDS
    if question.type == "number":
        return len(key.split()) <= MAX_NUMBER_ANSWER_WORDS and bool(find_numbers(key))
    return False


def could_be_answer(asked: Asked, line: str, verdict: Verdict) -> bool:
    """Whether ``line`` reads as an answer: the grader accepts it (even in part), it is a
    listed wrong answer, one of the question's forms or options, or an answer form."""
    if verdict.verdict != "incorrect" or verdict.reason == "rejected":
        return True
    if is_answer_form(asked, line):
        return True
    question = asked.question
    forms = [question.answer, *question.accept, *(r.answer for r in question.reject)]
    forms += [form for item in question.answers for form in item]
    forms += list(question.options)
    return normalise(line) in {normalise(form) for form in forms}
