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


# Leads a class writes before an answer ("I think B", "maybe true"); each is filler the
# full grader strips. Only these, each once and followed by one space, are looked past.
LEADS = (
    "i think", "i believe", "i guess", "maybe", "perhaps", "probably", "it's", "its", "it is",
    "the answer is", "um", "uh",
)  # fmt: skip
_LEADS_BY_WORD: dict[str, tuple[str, ...]] = {}
for _lead in LEADS:
    _first = _lead.split()[0]
    _LEADS_BY_WORD[_first] = (*_LEADS_BY_WORD.get(_first, ()), _lead + " ")
# A letter with one of these marks (or none) after it: no bracket before it.
_BARE_LETTER_FORMS = ("{}", "{})", "{}.")
# "i think b" reads "i" as a letter: kept harmless by keeping I (the 9th) past the options.
_MAX_LEAD_PROOF_OPTIONS = 8


def without_lead(key: str) -> str | None:
    """A looked-up response after its lead ("i think b" -> "b"), or None when it has none."""
    space = key.find(" ")
    if space < 0:
        return None
    for lead in _LEADS_BY_WORD.get(key[:space], ()):
        if key.startswith(lead):
            return key[len(lead) :]
    return None


def lead_proof_responses(
    question: Question, exact_words: frozenset[tuple[str, ...]]
) -> frozenset[str]:
    """The canonical responses whose verdict a lead does not change ("maybe b" is "b").

    - true/false: an ASCII truth word (or "not true", "not false"). Its verdict is
      read_truth's value against the key, and read_truth reads the same value with any
      lead before it (the lead is filler; a test checks every pair).
    - choice, with at most 8 options: a letter alone or with ")" or "." after it (no
      bracket before it: "maybe (b)" would be tried as a gloss), when no answer, alias
      or reject is that letter word for word (``exact_words``: such a response is
      decided by the exact-key check, which a lead turns away). The letter decides
      either way: no lead holds a negation, an alternative or a bracket, and
      "i think b" reads as a letter I past the last option, then as the bare "b".
    Anything else (a phrase, an answer, "no idea") is graded in full after a lead.
    """
    if question.type == "truefalse":
        words = [w for w in (*TRUE_WORDS, *FALSE_WORDS) if w.isascii()]
        return frozenset(key_of(w) for w in (*words, "not true", "not false"))
    if question.type == "choice" and len(question.options) <= _MAX_LEAD_PROOF_OPTIONS:
        letters = LETTERS[: len(question.options) + 1].lower()
        return frozenset(
            form.format(letter)
            for letter in letters
            if (letter,) not in exact_words
            for form in _BARE_LETTER_FORMS
        )
    return frozenset()
