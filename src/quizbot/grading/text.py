"""Matching words against an accepted form, word by word, with a small edit budget."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from quizbot.grading.normalize import clean, has_cjk, strip_filler, words

# A response with many more (or fewer) words than the key cannot be a slip of it.
MAX_MERGE = 3
# A denial longer than this many words is not searched for the answer any further.
_MAX_SCANNED_WORDS = 64


_HAS_DIGIT = re.compile(r"\d").search


def budget(word: str) -> int:
    """Slips forgiven in a key word: none up to 3 letters, 1 up to 7, then 2.

    Chinese and other scripts without spaces get none: one character there
    is a different word (湖北 and 河北).
    """
    if has_cjk(word) or any(c.isdigit() for c in word):
        return 0
    n = len(word)
    if n <= 3:
        return 0
    return 1 if n <= 7 else 2


@dataclass(frozen=True, slots=True)
class Form:
    """An accepted (or rejected) answer, ready to be matched."""

    text: str  # as the author wrote it, for feedback
    words: tuple[str, ...]
    budgets: tuple[int, ...]
    alias: bool = False
    joined: str = field(init=False, compare=False)  # the words run together
    # The most the letters of a matching response can differ in length: a slip
    # changes the length by at most one, a plural (one slip) by two.
    slack: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "joined", "".join(self.words))
        object.__setattr__(self, "slack", 2 * sum(self.budgets))


def make_form(text: str, *, alias: bool = False, simplified: bool = True) -> Form | None:
    """The comparable form of an author's answer, or None when nothing is left of it."""
    ws = strip_filler(words(clean(text, simplified=simplified)))
    if not ws:
        return None
    return Form(text.strip(), ws, tuple(budget(w) for w in ws), alias)


@dataclass(frozen=True, slots=True)
class Match:
    """How a response matched a form: slips forgiven, and whether spacing differed."""

    form: Form
    slips: int
    spacing: bool


def _plural_of(word: str, base: str) -> bool:
    if word == base + "s" or word == base + "es":
        return True
    return base.endswith("y") and word == base[:-1] + "ies"


def word_cost(key: str, said: str, allowed: int) -> int | None:
    """Slips between a key word and a response word, or None when over ``allowed``."""
    if key == said:
        return 0
    if allowed <= 0:
        return None
    if not (key.isalpha() and said.isalpha()) and (_HAS_DIGIT(key) or _HAS_DIGIT(said)):
        return None  # digits must match exactly: 5G is not 4G (letters alone hold none)
    distance: int = OSA.distance(key, said, score_cutoff=allowed)
    if distance == 1:
        return 1  # what a plural would cost too
    # A plural ends in "s", "es" or "ies": one or two letters longer.
    if (
        0 < abs(len(said) - len(key)) <= 2
        and (said[-1:] == "s" or key[-1:] == "s")
        and (_plural_of(said, key) or _plural_of(key, said))
    ):
        return 1
    return distance if distance <= allowed else None


def _merged_cost(key: Sequence[str], said: Sequence[str], budgets: Sequence[int]) -> int | None:
    """Slips between words run together and the same words apart ("wechatwork").

    At most one slip, and none when a piece is so short that the slip could be
    a whole small word swallowed ("intelligence ai" is not "intelligence").
    The slip must fall in a key word that has a budget for it: running "Rod
    Army" together as "rodarmy" does not buy "Red" a slip it does not have.
    """
    if min(map(len, key)) < 3 or min(map(len, said)) < 3:
        return 0 if "".join(key) == "".join(said) else None
    return _run_together_cost(key, said, budgets, "".join(key), "".join(said))


def _run_together_cost(
    key: Sequence[str], said: Sequence[str], budgets: Sequence[int], key_run: str, said_run: str
) -> int | None:
    """``_merged_cost`` of pieces of three letters or more, given the words run together."""
    cost = word_cost(key_run, said_run, min(1, max(budgets)))
    if cost and len(key) > 1 and min(budgets) == 0 and not _slip_fits(key, said[0], budgets):
        return None
    return cost


def _slip_fits(key: Sequence[str], said: str, budgets: Sequence[int]) -> bool:
    """Can ``said`` be cut into the key words, all exact but one that has a budget?"""
    for i, word in enumerate(key):
        if not budgets[i]:
            continue
        head, tail = "".join(key[:i]), "".join(key[i + 1 :])
        if len(said) < len(head) + len(tail) or not said.startswith(head):
            continue
        if not said.endswith(tail):
            continue
        middle = said[len(head) : len(said) - len(tail)]
        if word_cost(word, middle, budgets[i]) is not None:
            return True
    return False


def _too_far(form: Form, joined: str) -> bool:
    """Can no alignment of the words fit the form's slips? Decided on the words run together.

    Every step of an alignment costs at most its key words' budgets, and one slip is
    at most three edits (a plural: "city" -> "cities"); the pieces' edits together
    turn the one run of letters into the other, so more edits than that fit nothing.
    """
    most = 3 * form.slack // 2  # slack is twice the budgets' sum
    return bool(OSA.distance(form.joined, joined, score_cutoff=most) > most)


def _stray_digits(form: Form, said: Sequence[str]) -> bool:
    """Has the response a word with a digit that is nowhere in the form's letters?

    Such a word matches nothing: a word with a digit is only ever matched exactly
    (alone, run together or in pieces), so it is then part of the form's words run
    together. "Alipay 523" is not "Alipay" with slips, and the alignment need not try.
    """
    return any(_HAS_DIGIT(w) and w not in form.joined for w in said)


def match_form(form: Form, said: Sequence[str]) -> Match | None:
    """Align the response words with the form's words in order.

    A response word may stand for several key words run together
    ("wechatwork") and a key word may be split ("4 g"); spacing costs nothing.
    Each key word is matched within its own budget; a missing, extra or
    different whole word makes the alignment fail.
    """
    key = form.words
    n, m = len(key), len(said)
    if not n or not m or m > MAX_MERGE * n or n > MAX_MERGE * m:
        return None
    if tuple(said) == key:
        return Match(form, 0, False)
    joined = "".join(said)
    if joined == form.joined:
        return Match(form, 0, True)
    if abs(len(joined) - len(form.joined)) > form.slack:
        return None  # too many letters more or fewer for the slips allowed
    if n == 1 and m == 1:
        # One word against one word: the alignment below could only compare them.
        # (``_too_far`` is not asked first: whatever it turns away, word_cost does too,
        # as a word's slips, a plural's three edits included, fit in its bound.)
        cost = word_cost(key[0], said[0], form.budgets[0])
        return None if cost is None else Match(form, cost, False)
    if n == 1 or m == 1:
        # One word against several, or several against one: the only alignment is the
        # one step that runs the several together (a step takes at least one of each).
        if min(map(len, key)) < 3 or min(map(len, said)) < 3:
            return None  # short pieces must run together exactly, and they do not (above)
        cost = _run_together_cost(key, said, form.budgets, form.joined, joined)
        return None if cost is None else Match(form, cost, True)
    if n == 2 and m == 2:
        # Two words against two: the only alignment is word by word (a step that runs
        # two together would leave one side nothing to match the other's last word).
        first = word_cost(key[0], said[0], form.budgets[0])
        if first is None:
            return None
        second = word_cost(key[1], said[1], form.budgets[1])
        return None if second is None else Match(form, first + second, False)
    # (Neither shortcut above asks the two checks below first: what they turn away,
    # the one step or the two word costs turn away too, as the alignment would.)
    if not joined.isalpha() and _HAS_DIGIT(joined) and _stray_digits(form, said):
        return None
    if _too_far(form, joined):
        return None
    return _align(form, said)


def _align(form: Form, said: Sequence[str]) -> Match | None:
    """Every way of aligning the words, each step one word against one to three."""
    key = form.words
    n, m = len(key), len(said)
    # best[i][j]: (slips, spacing used) to match key[:i] with said[:j].
    best: list[list[tuple[int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (0, False)
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here is None or (i == n and j == m):
                continue
            for a in range(1, min(MAX_MERGE, n - i) + 1):
                for b in range(1, min(MAX_MERGE, m - j) + 1):
                    if a > 1 and b > 1:
                        continue
                    if a == 1 and b == 1:
                        allowed = form.budgets[i]
                        cost = word_cost(key[i], said[j], allowed)
                    else:
                        cost = _merged_cost(
                            key[i : i + a], said[j : j + b], form.budgets[i : i + a]
                        )
                    if cost is None:
                        continue
                    candidate = (here[0] + cost, here[1] or a != b)
                    old = best[i + a][j + b]
                    if old is None or candidate < old:
                        best[i + a][j + b] = candidate
    end = best[n][m]
    if end is None:
        return None
    return Match(form, end[0], end[1])


def best_match(forms: Iterable[Form], said: Sequence[str]) -> Match | None:
    """The form the response matches with the fewest slips (the first on a tie)."""
    found: Match | None = None
    letters = sum(map(len, said))
    one = said[0] if len(said) == 1 else None
    for form in forms:
        if abs(letters - len(form.joined)) > form.slack:
            continue  # what match_form would find: more letters off than its slips allow
        if one is not None and len(form.words) == 1:
            # One word against one word, as match_form compares them, without the call.
            if one == form.joined:
                match: Match | None = Match(form, 0, False)
            else:
                cost = word_cost(form.joined, one, form.budgets[0])
                match = None if cost is None else Match(form, cost, False)
        else:
            match = match_form(form, said)
        if match is not None and (found is None or match.slips < found.slips):
            found = match
            if match.slips == 0 and not match.spacing:
                break
    return found


def contains_form(forms: Iterable[Form], said: Sequence[str]) -> bool:
    """Does some run of the response's words match a form ("not Guizhou" holds Guizhou)?

    Only the first words are searched: nobody names the answer in a denial
    after dozens of words, and a long text must not cost quadratic time.
    """
    forms = tuple(forms)
    said = said[:_MAX_SCANNED_WORDS]
    for start in range(len(said)):
        for form in forms:
            longest = min(len(said), start + MAX_MERGE * len(form.words))
            for stop in range(start + 1, longest + 1):
                if match_form(form, said[start:stop]) is not None:
                    return True
    return False


def without_prompt_words(
    said: Sequence[str], prompt_words: frozenset[str], key_words: frozenset[str]
) -> tuple[str, ...]:
    """The response without words that only repeat the prompt (key words are kept)."""
    return tuple(w for w in said if w in key_words or w not in prompt_words)


def trim_prompt_words(
    said: Sequence[str], prompt_words: frozenset[str], key_words: frozenset[str]
) -> tuple[str, ...]:
    """Words already without their filler, without the words that only repeat the prompt,
    and without the filler that dropping them uncovers."""
    if said and prompt_words.isdisjoint(said) and said[0].isascii():
        # Nothing to drop, and strip_filler, which the words went through, would find
        # nothing more: it stops only when no filler is left at either end (only its
        # Chinese prefixes, for a first word with Chinese in it, are taken off once).
        return tuple(said)
    return strip_filler(without_prompt_words(said, prompt_words, key_words))


def describe_slips(match: Match) -> str:
    """Why a near answer was accepted, for the feedback line."""
    if match.slips == 0:
        return "only the spacing differs"
    if match.slips == 1:
        return "one letter off"
    return f"{match.slips} small slips"
