"""The responses every class writes for a question (its answer, options, letters, true/false
words), each graded once per question and then answered at once.

Grading stays one function: a canonical response is graded by the full grader
the first time it is seen, so its verdict is the grader's own. Only the fixed,
small set of canonical strings of a question is kept (never arbitrary
responses), so memory is bounded by the pack.
"""

from __future__ import annotations

from quizbot.grading.choices import FALSE_WORDS, LETTERS, TRUE_WORDS
from quizbot.packs.model import Question

# Said for any question.
_ANY = ("no idea", "I don't know", "idk", "don't know", "不知道", "?")
_LETTER_FORMS = ("{}", "{})", "({})", "{}.", "option {}")


def _cases(text: str) -> tuple[str, ...]:
    text = text.strip()
    return (text, text.lower(), text.upper(), text.title(), text.capitalize())


def canonical_responses(question: Question) -> frozenset[str]:
    """The strings a class most often writes for this question, exactly as typed."""
    found: set[str] = set(_ANY)
    texts = [question.answer, *question.accept, *(r.answer for r in question.reject)]
    if question.type == "choice":
        texts += question.options
        for i in range(min(len(question.options) + 1, len(LETTERS))):
            for form in _LETTER_FORMS:
                found.update(form.format(c) for c in (LETTERS[i], LETTERS[i].lower()))
    elif question.type == "truefalse":
        words = [*TRUE_WORDS, *FALSE_WORDS, "not true", "not false"]
        texts += words
    elif question.type == "list":
        texts += [", ".join(item[0] for item in question.answers)]
    for text in texts:
        found.update(_cases(text))
    found.discard("")
    return frozenset(found)
