"""List questions: split the response into items, match each item once, count towards need."""

from __future__ import annotations

from quizbot.grading.guards import NEGATIONS
from quizbot.grading.normalize import strip_filler, words
from quizbot.grading.prepared import LIST_SEPARATOR, Prepared, match_rejects, reject_wins
from quizbot.grading.text import MAX_MERGE, Match, best_match, without_prompt_words
from quizbot.grading.verdict import Verdict
from quizbot.packs.model import Question

# The separators of the contract, kept (captured) so that an item holding "and"
# or a comma can be put back together.
_SEPARATOR = LIST_SEPARATOR
# An item with its own "and" or comma may span this many pieces of the response.
_MAX_SPAN = 4
# More pieces than this is not a list answer; the rest is ignored.
_MAX_PIECES = 60


def _join(items: list[str]) -> str:
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


def _match_item(
    keys: Prepared, open_items: set[int], text: str, *, run: bool = False
) -> tuple[int | None, bool]:
    """(index of the item this piece names, whether it named an item already counted).

    For a ``run`` of pieces put back together, nothing is tried when no item
    has a number of words it could match.
    """
    said = strip_filler(words(text))
    if not said or any(w in NEGATIONS for w in said):
        return None, False
    trimmed = strip_filler(without_prompt_words(said, keys.prompt_words, keys.key_words))
    attempts = (said, trimmed) if trimmed and trimmed != said else (said,)
    if run and not _could_fit(keys, attempts):
        return None, False
    for attempt in attempts:
        best: tuple[Match, int] | None = None
        for index, forms in enumerate(keys.items):
            match = best_match(forms, attempt)
            if match is not None and (best is None or match.slips < best[0].slips):
                best = (match, index)
        if reject_wins(match_rejects(keys, attempt), best[0] if best else None):
            return None, False
        if best is not None:
            return best[1], best[1] not in open_items
    return None, False


def grade_list(question: Question, keys: Prepared, cleaned: str, expected: str) -> Verdict:
    items = keys.items
    first_forms = [item[0].text for item in items if item]
    need = max(1, min(question.needed, len(items))) if items else 1
    pieces = _SEPARATOR.split(cleaned)[: 2 * _MAX_PIECES]
    segments = pieces[0::2]
    separators = pieces[1::2]
    open_items = set(range(len(items)))
    found: list[int] = []
    strays: list[str] = []
    i = 0
    while i < len(segments):
        taken = 1
        named: int | None = None
        if keys.multi_piece_items:
            for span in range(min(_MAX_SPAN, len(segments) - i), 1, -1):
                joined = (
                    "".join(_rejoin(segments[i + k], separators[i + k]) for k in range(span - 1))
                    + segments[i + span - 1]
                )
                index, _ = _match_item(keys, open_items, joined, run=True)
                if index is not None and index in open_items:
                    named, taken = index, span
                    break
        if named is None:
            index, repeated = _match_item(keys, open_items, segments[i])
            if index is not None and not repeated:
                named = index
            elif index is None and words(segments[i]):
                strays.append(" ".join(segments[i].split()))
        if named is not None:
            open_items.discard(named)
            found.append(named)
        i += taken
    names = _join([items[k][0].text for k in found])
    if len(found) >= need:
        if need < len(items):
            text = f"Correct — {names}."
        else:
            count = "both" if len(items) == 2 else f"all {len(items)}"
            text = f"Correct — {count}: {names}." if len(items) > 1 else f"Correct — {names}."
        return Verdict("correct", 1.0, text, "exact", expected)
    missing = [items[k][0].text for k in sorted(open_items)]
    if found:
        also = "another" if need - len(found) == 1 else f"{need - len(found)} more"
        text = f"{len(found)} of {need}: {names} right; {also} from {_join(missing)}."
        if need == len(items):
            text = f"{len(found)} of {need}: {names} right; missing {_join(missing)}."
        return Verdict("partial", len(found) / need, text, "partial_list", expected)
    answers = _join(first_forms)
    return Verdict(
        "incorrect",
        0.0,
        f"None of those is on the list: the answers are {answers}.",
        "wrong",
        expected,
    )
