"""The responses every class writes for a question (its answer, options, letters, true/false
words), each graded once per question and then answered at once.

Grading stays one function: a canonical response is graded by the full grader
the first time it is seen, so its verdict is the grader's own. Only the fixed,
small set of canonical strings of a question is kept (never arbitrary
responses), so memory is bounded by the pack. They are kept case-folded: the
grader folds case itself, and no verdict of a canonical response quotes the
response (it names the answer, an option or a reject entry as the pack writes it).
"""

from __future__ import annotations

from quizbot.grading.choices import FALSE_WORDS, LETTERS, TRUE_WORDS
from quizbot.packs.model import Question

# Said for any question.
_ANY = ("no idea", "I don't know", "idk", "don't know", "不知道", "?")
_LETTER_FORMS = ("{}", "{})", "({})", "{}.", "option {}")


def key_of(response: str) -> str:
    """How a response is looked up among the canonical ones."""
    return response.strip().casefold()


def canonical_responses(question: Question) -> frozenset[str]:
    """The strings a class most often writes for this question, exactly as typed."""
    found: set[str] = set(_ANY)
    texts = [question.answer, *question.accept, *(r.answer for r in question.reject)]
    if question.type == "choice":
        texts += question.options
        for i in range(min(len(question.options) + 1, len(LETTERS))):
            found.update(form.format(LETTERS[i]) for form in _LETTER_FORMS)
    elif question.type == "truefalse":
        words = [*TRUE_WORDS, *FALSE_WORDS, "not true", "not false"]
        texts += words
    elif question.type == "list":
        texts += [", ".join(item[0] for item in question.answers)]
    found.update(texts)
    return frozenset(key_of(text) for text in found if text.strip())
