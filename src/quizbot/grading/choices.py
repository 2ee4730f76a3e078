"""Choice questions (by letter or option text) and true/false questions."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence

from rapidfuzz.distance import OSA

from quizbot.grading import feedback as say
from quizbot.grading.normalize import said_words, strip_filler, words
from quizbot.grading.prepared import Prepared, match_rejects, reject_wins
from quizbot.grading.text import Match, best_match, trim_prompt_words
from quizbot.grading.verdict import Verdict
from quizbot.lexicon.numbers import read_number

# Re-exported (``as``): the words moved below the loader and the grader, importers kept.
from quizbot.lexicon.truth import FALSE_WORDS as FALSE_WORDS
from quizbot.lexicon.truth import TRUE_WORDS as TRUE_WORDS
from quizbot.packs.model import Question

LETTERS = string.ascii_uppercase

# "A", "a)", "A.", "(A)", "[a]", "option A", "选A", then maybe the option's text.
_LETTER = re.compile(
    r"^(?:(?:option|choice|answer|letter)\s*|选项\s*|选\s*)?"
    r"(?:\(\s*([a-z])\s*\)|\[\s*([a-z])\s*\]|([a-z])(?:\s*[).:\]]|(?=\s)|$))\s*(.*)$"
)

# Words that say the next is an option's letter ("option C"); "answer" is filler.
_LETTER_WORDS = frozenset({"option", "choice", "letter"})
# A bare letter with a mark after it ("b)", "b."), as against one followed by words.
_MARKED_LETTER = re.compile(r"[a-z]\s*[).:\]]")


def display_order(question: Question, shown_options: Sequence[int] | None) -> list[int]:
    """Option indexes in the order shown (letter i shows option order[i])."""
    count = len(question.options)
    if shown_options is None:
        return list(range(count))
    order = [i for i in shown_options if isinstance(i, int) and 0 <= i < count]
    return order or list(range(count))


def _correct_index(question: Question) -> int:
    try:
        return question.options.index(question.answer)
    except ValueError:
        return -1


def option_label(
    question: Question, shown_options: Sequence[int] | None, index: int | None = None
) -> str:
    """An option as shown, by default the right one: "B) Hohhot".

    Just the text when it was not shown with a letter (or the answer is no option).
    """
    if index is None:
        index = _correct_index(question)
    text = question.options[index].strip() if index >= 0 else question.answer.strip()
    order = display_order(question, shown_options)
    if index in order and order.index(index) < len(LETTERS):
        return f"{LETTERS[order.index(index)]}) {text}"
    return text


def _letter(text: str, order: list[int]) -> tuple[int, str, bool] | None:
    """(option index, the rest of the text, letter was marked) for a letter answer."""
    text = text.casefold()
    found = _LETTER.match(text)
    if found is None:
        return None
    letter = found.group(1) or found.group(2) or found.group(3)
    position = ord(letter) - ord("a")
    if position >= len(order):
        return -1, found.group(4).strip(), True
    marked = found.group(3) is None or _MARKED_LETTER.match(text, found.start(3)) is not None
    if text.startswith(("option", "choice", "answer", "letter", "选")):
        marked = True
    return order[position], found.group(4).strip(), marked


def choice_part(
    question: Question, keys: Prepared, expected: str, shown_options: Sequence[int] | None
) -> tuple[Callable[[str], Verdict], Callable[[str], bool]]:
    order = display_order(question, shown_options)
    correct = _correct_index(question)
    labels = [option_label(question, shown_options, i) for i in range(len(question.options))]
    option_forms = keys.options
    option_numbers = keys.option_numbers
    # Reading the response as a number is only worth it when an option is one.
    has_number_option = any(n is not None for n in option_numbers)
    # The letter counts a response can have to match an option at all: best_match
    # turns away a form more letters off than its slack, so outside the window of
    # every form of the option it finds nothing (and is not called).
    windows = [
        (
            min((len(f.joined) - f.slack for f in forms), default=1),
            max((len(f.joined) + f.slack for f in forms), default=0),
        )
        for forms in option_forms
    ]

    def named_in(attempt: tuple[str, ...]) -> list[tuple[int, int]]:
        """(slips, option index) of each option the words match."""
        letters = sum(map(len, attempt))
        named = []
        for i, forms in enumerate(option_forms):
            low, high = windows[i]
            if low <= letters <= high:
                match = best_match(forms, attempt)
                if match is not None:
                    named.append((match.slips, i))
        return named

    def pick(named: list[tuple[int, int]]) -> tuple[int | None, int]:
        """The option matched with the fewest slips; None when none is, or on a tie."""
        if not named:
            return None, 0
        named.sort()
        if len(named) > 1 and named[0][0] == named[1][0]:
            return None, 0
        return named[0][1], named[0][0]

    # An option's words as written (the commonest response naming one): what they
    # name, worked out once. They match that option, so the first attempt decides.
    by_option_words = {f.words: pick(named_in(f.words)) for forms in option_forms for f in forms}

    def by_text(text: str) -> tuple[int | None, int]:
        """(option index the text names, slips); None when no option or a tie.

        Words that only repeat the prompt are dropped when the whole does not match
        ("WeChat Work app" when the prompt asks which app).
        """
        said = said_words(text)
        if not said:
            return None, 0
        best: list[tuple[int, int]] = []
        trimmed = trim_prompt_words(said, keys.prompt_words, keys.key_words)
        for attempt in (said, trimmed) if trimmed and trimmed != said else (said,):
            known = by_option_words.get(attempt)
            if known is not None:
                return known  # an option's words: they match it, so this attempt decides
            best = named_in(attempt)
            if best:
                break
        if not best and has_number_option:
            reading = read_number(text)
            if reading is not None:
                best = [
                    (0, i)
                    for i, n in enumerate(option_numbers)
                    if n is not None and n.value == reading.value
                ]
        return pick(best)

    def chosen(text: str) -> tuple[int | None, bool, int]:
        """(option index, chosen by letter, slips)."""
        said = said_words(text)
        bare = " ".join(said) if len(said) == 1 and len(said[0]) == 1 else text
        candidates = [text, bare]
        if len(said) >= 2 and said[0] in _LETTER_WORDS:
            candidates.append(" ".join(said))  # "I think option C": option C, after its lead
        for candidate in dict.fromkeys(candidates):
            letter = _letter(candidate, order)
            if letter is None:
                continue
            index, rest, marked = letter
            if index < 0:
                if not rest and (marked or len(said) == 1):
                    return -1, True, 0
                continue
            if not rest:
                return index, True, 0
            named, slips = by_text(rest)
            if named == index:
                return index, True, slips
            if marked and named is None:
                if read_truth(rest) is False:
                    return None, True, 0  # "option B is wrong": no option chosen
                return index, True, 0
            if marked:
                return None, True, 0  # "A) Hohhot" when A is not Hohhot: which one?
        named, slips = by_text(text)
        return named, False, slips

    def _exact(said: tuple[str, ...]) -> Match | None:
        """The right option (or an alias) word for word: no fuzzy reject beats it."""
        forms = option_forms[correct] if correct >= 0 else keys.forms
        return next((Match(f, 0, False) for f in forms if f.words == said), None)

    def part(text: str) -> Verdict:
        said = said_words(text)
        if not said:
            return say.empty(expected)
        hit = match_rejects(keys, said)
        if hit is not None and reject_wins(hit, _exact(said)):
            return say.rejected(hit.text, expected, hit.feedback)
        index, by_letter, slips = chosen(text)
        if index is None:
            return say.wrong(text, expected)
        if index < 0:
            return say.no_such_option(said[-1][:1], expected)
        if index == correct:
            if by_letter:
                return Verdict("correct", 1.0, f"Correct — {expected}.", "choice_letter", expected)
            if slips:
                return Verdict(
                    "correct", 1.0, f"Accepted — close enough: {expected}.", "typo", expected
                )
            return Verdict("correct", 1.0, f"Correct — {expected}.", "exact", expected)
        return say.wrong(labels[index], expected)

    def mentions(text: str) -> bool:
        index, _, _ = chosen(text)
        return index == correct and index >= 0

    return part, mentions


# --- true / false -----------------------------------------------------------

_FUZZY_TRUTH = {"true": True, "correct": True, "right": True, "false": False, "wrong": False,
                "incorrect": False}  # fmt: skip
# The fuzzy truth words a word of each length may be one edit from (one letter more or less).
_FUZZY_BY_LENGTH = {
    n: tuple((k, v) for k, v in _FUZZY_TRUTH.items() if abs(len(k) - n) <= 1)
    for n in range(1, 1 + max(map(len, _FUZZY_TRUTH)) + 1)
}
_NOT = frozenset({"not", "isnt", "no"})
_NOISE = frozenset(
    {
        "it", "is", "its", "thats", "that", "this", "statement", "the", "answer", "i", "think",
        "definitely", "totally", "absolutely", "of", "course", "so", "very", "yes", "sure",
        "的", "吧", "啊",
    }
)  # fmt: skip


def _truth_of(word: str) -> bool | None:
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    if len(word) >= 4 and word.isascii():
        # One edit changes the length by one at most: only words of about that length.
        near = _FUZZY_BY_LENGTH.get(len(word), ())
        close = {v for k, v in near if OSA.distance(word, k, score_cutoff=1) <= 1}
        if len(close) == 1:
            return close.pop()
    return None


# Whole answers that say true or false without a truth word.
_TRUTH_PHRASES = {
    "not really": False, "not at all": False, "of course not": False, "definitely not": False,
    "absolutely not": False, "certainly not": False, "no way": False, "not true": False,
    "of course": True, "absolutely": True, "definitely": True, "certainly": True,
    "exactly": True, "indeed": True, "不是的": False, "当然": True,
}  # fmt: skip
# A verdict word, then a reason: "no, it's a dwarf planet", "False - it is a dwarf planet".
# (The lookahead names the characters a reason can start with: the pattern is then
# tried only there, not at every position.)
_REASON = re.compile(
    r"(?=[\s,;:.!?，；：。！？–—\-bs])\s*(?:[,;:.!?，；：。！？–—]|\s-|-\s|\bbecause\b|\bsince\b)"
)


def read_truth(cleaned: str) -> bool | None:
    """True, False, or None when the response does not clearly say one of them.

    A leading verdict followed by a reason counts ("no, it's a dwarf planet"),
    unless the reason itself says the opposite.
    """
    value = _read_truth(cleaned)
    if value is not None:
        return value
    head, *rest = _REASON.split(cleaned, maxsplit=1)
    if not rest or not words(rest[0]):
        return None
    value = _read_truth(head)
    if value is None:
        return None
    return None if _read_truth(rest[0]) is (not value) else value


def _read_truth(cleaned: str) -> bool | None:
    said = words(cleaned)
    if not said:
        return None
    whole = "".join(said)
    if whole in TRUE_WORDS or whole in FALSE_WORDS:
        return whole in TRUE_WORDS
    phrase = " ".join(said)
    if phrase in _TRUTH_PHRASES:
        return _TRUTH_PHRASES[phrase]
    said = strip_filler(said)
    values: set[bool] = set()
    flip = False
    for word in said:
        value = _truth_of(word)
        if value is not None:
            values.add(value != flip)
            flip = False
        elif word in _NOT:
            flip = not flip
        elif word not in _NOISE:
            return None
    return values.pop() if len(values) == 1 else None


def _truth_verdicts(expected: str) -> tuple[Verdict, Verdict, Verdict]:
    """(right, wrong, unclear): the only verdicts a true/false question can get."""
    return (
        Verdict("correct", 1.0, f"Correct — it is {expected}.", "exact", expected),
        Verdict("incorrect", 0.0, f"Not quite — it is {expected}.", "wrong", expected),
        Verdict(
            "incorrect",
            0.0,
            f"I could not tell whether you meant true or false: it is {expected}.",
            "unclear",
            expected,
        ),
    )


# Made once: they name nothing the learner wrote (by the key: True, False).
_TRUTH_VERDICTS = {True: _truth_verdicts("true"), False: _truth_verdicts("false")}


def grade_truefalse(question: Question, keys: Prepared, cleaned: str) -> Verdict:
    right, wrong, unclear = _TRUTH_VERDICTS[keys.truth]
    said = read_truth(cleaned)
    if said is None:
        return unclear
    return right if said == keys.truth else wrong
