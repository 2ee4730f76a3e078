"""List questions: split the response into parts, match each item once, and let wrong parts cost.

score = max(0, min(right, k - wrong)) / k, so naming every option never pays.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizbot.grading.guards import NEGATIONS, split_gloss
from quizbot.grading.normalize import said_words, strip_filler, words
from quizbot.grading.prepared import (
    LIST_SEPARATOR,
    Prepared,
    match_rejects,
    reject_wins,
)
from quizbot.grading.text import (
    MAX_MERGE,
    Match,
    best_match,
    match_form,
    trim_prompt_words,
    word_cost,
)
from quizbot.grading.verdict import Verdict
from quizbot.lexicon.numbers import read_number, spoken_years
from quizbot.packs.model import Question

# The separators of the contract, kept (captured) so that an item holding "and"
# or a comma can be put back together.
_SEPARATOR = LIST_SEPARATOR
# An item with its own "and" or comma may span this many pieces of the response.
_MAX_SPAN = 4
# More pieces than this is not a list answer; the rest is ignored.
_MAX_PIECES = 60
# A run-together response ("Jupiter Saturn Uranus") longer than this is not split.
_MAX_RUN_WORDS = 24
# Parts that say "and more" ("etc", "and so on": the "and" is a separator): neither right nor wrong.
_FILLER = frozenset(
    {
        "etc", "etcetera", "et cetera", "so on", "so forth", "others", "other", "more",
        "many more", "the rest", "the others", "others too", "stuff", "things", "等", "等等",
        "之类", "什么的", "so on etc",
    }
)  # fmt: skip
_FILLER_FIRST = frozenset(phrase.split()[0] for phrase in _FILLER)
# Wrong items named in the feedback, at most.
_NAMED_WRONG = 3


# What ``_part`` found: an item's index (named for the first time or again), or these.
_NOTHING = -1  # nothing gradable ("etc", "not Pluto")
_WRONG = -2


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _could_fit(keys: Prepared, attempts: tuple[tuple[str, ...], ...]) -> bool:
    """Could one of these runs of words be an item at all, by its number of words?

    ``match_form`` needs no more than MAX_MERGE times as many words, or as few.
    """
    return any(
        len(said) <= MAX_MERGE * n and n <= MAX_MERGE * len(said)
        for said in attempts
        for n in keys.item_sizes
    )


def _rejoin(piece: str, separator: str) -> str:
    """A piece and the separator after it, as they were written; "&" is read as "and"."""
    return piece + (" and " if separator.strip() == "&" else separator)


def _best_item(keys: Prepared, said: Sequence[str]) -> tuple[Match, int] | None:
    """The item matched with the fewest slips (the first on a tie), and its index.

    ``best_match`` over all the items' forms at once: the first form with the fewest
    slips is the first item's with the fewest, as when each item's best is compared.
    One word (most parts) is compared here with each form, as ``best_match`` does.
    """
    if len(said) != 1:
        match = best_match(keys.item_forms, said)
        return None if match is None else (match, keys.item_of[id(match.form)])
    one = said[0]
    size = len(one)
    found: tuple[Match, int] | None = None
    ends = keys.item_ends
    if ends is not None and size > 2:
        # Every item form is one word of three letters or more with one slip allowed
        # (most lists): the loop below, with what it knows of such words.
        firsts, lasts, rows = ends
        first, last = one[0], one[-1]
        if first not in firsts and last not in lasts:
            return None  # each form would be passed over
        second = one[1]
        for form, joined, letters, key_first, key_second, key_last, index in rows:
            if key_first != first:
                if last != key_last or (
                    second != key_first and second != key_second and first != key_second
                ):
                    continue  # as below: neither one slip nor a plural
            elif one == joined:
                return Match(form, 0, False), index  # nothing can beat it
            if abs(size - letters) > 2:
                continue  # more letters off than one slip (two for a plural) allows
            cost = word_cost(joined, one, 1)  # not 0: only the same word costs nothing
            if cost is not None and (found is None or cost < found[0].slips):
                found = Match(form, cost, False), index
        return found
    for form, joined, letters, slack, allowed, index in keys.item_table:
        if abs(size - letters) > slack:
            continue  # more letters off than its slips allow
        if allowed < 0:
            match = match_form(form, said)
            if match is None:
                continue
        elif one == joined:
            return Match(form, 0, False), index  # nothing can beat it
        elif (
            allowed == 1
            and size > 2
            and letters > 2
            and one[0] != joined[0]
            and (
                one[-1] != joined[-1]
                or (one[1] != joined[0] and one[1] != joined[1] and one[0] != joined[1])
            )
        ):
            # What word_cost would say, from the letters at the ends. Between words of
            # three letters or more, a plural ("city", "cities") keeps the first letter,
            # and so does one slip (a letter changed, added, dropped, or two swapped)
            # anywhere but at the start. A slip at the start keeps the last letter, and
            # the response's second letter is the key's second (a letter changed) or
            # first (one added, or two swapped), or its first is the key's second (the
            # first dropped). (tests/unit/test_grading_list_fast_paths.py checks it.)
            continue
        else:
            cost = word_cost(joined, one, allowed)
            if cost is None:
                continue
            match = Match(form, cost, False)
        if found is None or match.slips < found[0].slips:
            found = match, index
            if match.slips == 0 and not match.spacing:
                break
    return found


def _number_item(keys: Prepared, text: str) -> int | None:
    """The number item this part names as a number ("342m" for 342 million), if any."""
    if not keys.item_numbers:
        return None
    if keys.item_years:
        text = spoken_years(text)  # "twenty twenty" for a year item
    reading = read_number(text)
    if reading is None:
        return None
    for index, values in enumerate(keys.item_numbers):
        if reading.value in values:
            return index
    return None


def _part(keys: Prepared, text: str, *, run: bool = False) -> int:
    """Grade one part of the response against the items: the index of the item it
    names, or _NOTHING or _WRONG.

    For a ``run`` of pieces put back together, nothing is tried when no item
    has a number of words it could match.
    """
    plain = words(text)
    said = strip_filler(plain)
    if not said or (
        # a filler phrase starts with one of its first words (most parts start with none)
        (said[0] in _FILLER_FIRST or plain[0] in _FILLER_FIRST)
        and (" ".join(said) in _FILLER or " ".join(plain) in _FILLER)
    ):
        return _NOTHING
    if not NEGATIONS.isdisjoint(said):
        return _NOTHING  # "not Pluto" says what is not on the list
    exact = keys.item_exact.get(said)
    if exact is not None and (
        not keys.reject_forms or not any(f.words == said for f in keys.reject_forms)
    ):
        return exact
    if said[0].isascii() and keys.prompt_words.isdisjoint(said):
        attempts: tuple[tuple[str, ...], ...] = (said,)  # what trim_prompt_words gives
    else:
        trimmed = trim_prompt_words(said, keys.prompt_words, keys.key_words)
        attempts = (said, trimmed) if trimmed and trimmed != said else (said,)
    if run and not _could_fit(keys, attempts):
        return _WRONG
    for attempt in attempts:
        best = _best_item(keys, attempt)
        if keys.reject_forms and reject_wins(
            match_rejects(keys, attempt), best[0] if best else None
        ):
            return _WRONG
        if best is not None:
            return best[1]
    if run:
        return _WRONG
    if keys.item_numbers:
        number = _number_item(keys, text)
        if number is not None:
            return number
    gloss = split_gloss(text)
    if gloss is not None:
        # "Artificial Intelligence (AI)": right when the outer part names an item and
        # the bracket says nothing else.
        outer, inner = (_part(keys, side) for side in gloss)
        if outer >= 0 and inner in (_NOTHING, outer):
            return outer
    return _WRONG


def _run_together(keys: Prepared, text: str) -> list[int] | None:
    """A response with no separator whose words split into different items, in order."""
    said = said_words(text)
    if not 2 <= len(said) <= _MAX_RUN_WORDS or not keys.item_sizes:
        return None
    longest = max(keys.item_sizes)

    def split(at: int, used: frozenset[int]) -> list[int] | None:
        if at == len(said):
            return []
        for size in range(min(longest, len(said) - at), 0, -1):
            best = _best_item(keys, said[at : at + size])
            if best is None or best[1] in used:
                continue
            rest = split(at + size, used | {best[1]})
            if rest is not None:
                return [best[1], *rest]
        return None

    found = split(0, frozenset())
    return found if found is not None and len(found) >= 2 else None


def grade_list(
    question: Question, keys: Prepared, cleaned: str, expected: str, typed: str | None = None
) -> Verdict:
    """Grade a list response; wrong items are named as ``typed`` (before t2s), if given."""
    pieces = _SEPARATOR.split(cleaned)[: 2 * _MAX_PIECES]
    segments = pieces[0::2]
    separators = pieces[1::2]
    named = segments
    if typed is not None:
        # t2s keeps the separators, so the learner's own pieces line up with these
        typed_segments = _SEPARATOR.split(typed)[: 2 * _MAX_PIECES][0::2]
        if len(typed_segments) == len(segments):
            named = typed_segments
    # The items named so far, in order; the others are still open (a part that names
    # one of these again is a repeat: neither right nor wrong).
    found: list[int] = []
    wrong: list[str] = []
    if not keys.multi_piece_items:
        # each piece is a part (the loop below, without spans)
        for i, segment in enumerate(segments):
            part = _part(keys, segment)
            if part >= 0:
                if part not in found:
                    found.append(part)
            elif part == _WRONG:
                wrong.append(" ".join(named[i].split()))
    else:
        i = 0
        while i < len(segments):
            taken = 1
            part = _NOTHING
            for span in range(min(_MAX_SPAN, len(segments) - i), 1, -1):
                joined = (
                    "".join(_rejoin(segments[i + k], separators[i + k]) for k in range(span - 1))
                    + segments[i + span - 1]
                )
                spanned = _part(keys, joined, run=True)
                if spanned >= 0 and spanned not in found:  # an item named for the first time
                    part, taken = spanned, span
                    break
            if taken == 1:
                part = _part(keys, segments[i])
            if part >= 0:
                if part not in found:
                    found.append(part)
            elif part == _WRONG:
                wrong.append(" ".join(named[i].split()))
            i += taken
    if len(segments) == 1 and wrong:
        run = _run_together(keys, segments[0])
        if run is not None:
            found, wrong = run, []
    return _verdict(keys, keys.need, found, wrong, expected)


def _quoted(parts: Sequence[str]) -> str:
    if len(parts) == 1:  # the common cases, as below
        return parts[0] if len(parts[0]) <= 40 else parts[0][:39] + "…"
    if len(parts) == 2 and len(parts[0]) <= 40 and len(parts[1]) <= 40:
        return f"{parts[0]} and {parts[1]}"
    shown = [p if len(p) <= 40 else p[:39] + "…" for p in parts[:_NAMED_WRONG]]
    if len(parts) > _NAMED_WRONG:
        shown.append(f"{len(parts) - _NAMED_WRONG} more")
    return _join(shown)


def _sentence(text: str) -> str:
    """A feedback sentence starts with a capital, even when an item is written in lower case."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _named_items(names: tuple[str, ...], indexes: Sequence[int]) -> str:
    """The items' names joined, as ``_join`` does."""
    if len(indexes) == 1:
        return names[indexes[0]]
    if len(indexes) == 2:
        return f"{names[indexes[0]]} and {names[indexes[1]]}"
    return _join([names[k] for k in indexes])


def _verdict(
    keys: Prepared,
    need: int,
    found: list[int],
    wrong: list[str],
    expected: str,
) -> Verdict:
    """The verdict on the items found (each once, in order) and the wrong parts."""
    names = keys.item_names
    if not found:
        # no right item: the score is 0 (need is at least 1)
        if not wrong:
            text = f"None of those is on the list: the answers are {expected}."
        else:
            is_are = "is" if len(wrong) == 1 else "are"
            text = f"{_quoted(wrong)} {is_are} not on the list: the answers are {expected}."
            if text[:1].islower():
                text = _sentence(text)
        return Verdict("incorrect", 0.0, text, "wrong", expected)
    count_items = len(names)
    right = len(found)
    score = max(0, min(right, need - len(wrong))) / need
    named = _named_items(names, found)
    if score >= 1:
        if need < count_items or count_items == 1:
            text = f"Correct — {named}."
        elif count_items == 2:
            text = f"Correct — both: {named}."
        else:
            text = f"Correct — all {count_items}: {named}."
        return Verdict("correct", 1.0, text, "exact", expected)
    if wrong:
        is_are = "is" if len(wrong) == 1 else "are"
        if score == 0:
            text = _sentence(
                f"{named} right, but {_quoted(wrong)} {is_are} not on the list and each wrong"
                f" item cancels a right one: the answers are {expected}."
            )
            return Verdict("incorrect", 0.0, text, "wrong", expected)
        text = _sentence(
            f"{named} right, but {_quoted(wrong)} {is_are} not on the list:"
            f" {round(score * need)} of {need}."
        )
        return Verdict("partial", score, text, "partial_list", expected)
    missing = _named_items(names, [k for k in range(count_items) if k not in found])
    if need == count_items:
        text = f"{right} of {need}: {named} right; missing {missing}."
    else:
        also = "another" if need - right == 1 else f"{need - right} more"
        text = f"{right} of {need}: {named} right; {also} from {missing}."
    return Verdict("partial", score, text, "partial_list", expected)
