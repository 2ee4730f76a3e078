"""List grading's fast paths give exactly what the general path gives.

``lists._best_item`` compares a one-word part with the items' forms itself (and turns
words away by their letters before any edit distance); ``lists._verdict`` builds only
the sentence it returns; the list separator reads "and" and "," before checking what
is around them. Each is compared here with the way it was done before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grading_helpers import q
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quizbot.grading import grade, lists, prepared, text
from quizbot.grading.prepared import Prepared, prepare
from quizbot.grading.text import Form, Match
from quizbot.grading.verdict import Verdict

# --- one word against the items' forms ------------------------------------------------

_ITEM_WORDS = [
    "Hohhot", "Guiyang", "Chengdu", "Kunming", "Lhasa", "Urumqi", "Nanning", "Harbin", "city",
    "Shanghai", "Hangzhou", "Rio", "ox", "5G", "Mars", "Venus", "Jupiter", "Saturn", "bus",
    "church", "ies", "y", "北京", "湖北",
]  # fmt: skip
_ITEM_TEXTS = [*_ITEM_WORDS, "Belt and Road", "WeChat Work", "big data", "the Yellow River"]
_LETTERS = "abcehgiknrsuyz5"


def _slipped(word: str, kind: int, at: int, letter: str) -> str:
    """The word with one slip (or a plural ending) at a position, or as it is."""
    word = word.casefold()
    if not word:
        return word
    at %= len(word) + 1
    if kind == 0:  # a letter changed
        return word[: min(at, len(word) - 1)] + letter + word[min(at, len(word) - 1) + 1 :]
    if kind == 1:  # a letter added
        return word[:at] + letter + word[at:]
    if kind == 2:  # a letter dropped
        return word[: min(at, len(word) - 1)] + word[min(at, len(word) - 1) + 1 :]
    if kind == 3 and len(word) > 1:  # two letters swapped
        i = min(at, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 4:
        return word + "s"
    if kind == 5:
        return word + "es"
    if kind == 6 and word.endswith("y"):
        return word[:-1] + "ies"
    if kind == 7 and word.endswith("ies"):
        return word[:-3] + "y"
    if kind == 8:  # two slips: one at each end
        return letter + word[1:-1] + letter if len(word) > 2 else word
    return word


_WORD = st.one_of(
    st.sampled_from(_ITEM_WORDS).map(str.casefold),
    st.builds(
        _slipped,
        st.sampled_from(_ITEM_WORDS),
        st.integers(0, 9),
        st.integers(0, 12),
        st.sampled_from(_LETTERS),
    ),
    st.text(alphabet=_LETTERS, min_size=1, max_size=9),
)


def _best_item_by_best_match(keys: Prepared, said: Sequence[str]) -> tuple[Match, int] | None:
    """``_best_item`` as it was: ``best_match`` over all the items' forms."""
    match = text.best_match(keys.item_forms, said)
    return None if match is None else (match, keys.item_of[id(match.form)])


def _list_keys(items: list[tuple[str, ...]]) -> Prepared:
    question = q("list", ", ".join(i[0] for i in items), answers=tuple(items), need=1)
    return prepare(question)


_ITEMS = st.lists(
    st.lists(
        st.one_of(st.sampled_from(_ITEM_TEXTS), _WORD), min_size=1, max_size=2, unique=True
    ).map(tuple),
    min_size=1,
    max_size=4,
)


@given(items=_ITEMS, said=st.lists(_WORD, min_size=1, max_size=3).map(tuple))
@settings(max_examples=4000)
@example(items=[("Kunming",), ("Lhasa",), ("Harbin",)], said=("nanning",))
@example(items=[("Kunming",)], said=("xunming",))  # a letter changed at the start
@example(items=[("Kunming",)], said=("ukmning",))  # two swapped at the start
@example(items=[("Kunming",)], said=("unming",))  # the first dropped
@example(items=[("Kunming",)], said=("akunming",))  # one added before it
@example(items=[("church",)], said=("churches",))  # a plural two letters longer
@example(items=[("city",)], said=("cities",))
@example(items=[("cities",)], said=("city",))
@example(items=[("y",), ("ies",)], said=("ies",))
def test_a_part_finds_the_item_best_match_finds(
    items: list[tuple[str, ...]], said: tuple[str, ...]
) -> None:
    keys = _list_keys(items)
    assert lists._best_item(keys, said) == _best_item_by_best_match(keys, said)


@given(key=st.sampled_from(_ITEM_WORDS).map(str.casefold), said=_WORD)
@settings(max_examples=3000)
def test_one_slip_keeps_an_end_letter_or_the_start_as_the_fast_path_says(
    key: str, said: str
) -> None:
    # The fact _best_item's letter test rests on, for words of three letters or more.
    if len(key) < 3 or len(said) < 3 or key[0] == said[0]:
        return
    if text.word_cost(key, said, 1) is not None:
        assert key[-1] == said[-1]
        assert said[1] in (key[0], key[1]) or said[0] == key[1]


_ONE_SLIP_WORDS = [w for w in _ITEM_WORDS if 4 <= len(w) <= 7 and w.isalpha() and w.isascii()]
_ONE_SLIP_ITEMS = st.lists(
    st.lists(
        st.one_of(
            st.sampled_from(_ONE_SLIP_WORDS),
            st.text(alphabet="abcehgiknrsuyz", min_size=4, max_size=7),
            st.builds(
                _slipped,
                st.sampled_from(_ONE_SLIP_WORDS),
                st.integers(0, 9),
                st.integers(0, 12),
                st.sampled_from("abcehgiknrsuyz"),
            ).filter(lambda w: 4 <= len(w) <= 7),
        ),
        min_size=1,
        max_size=2,
        unique=True,
    ).map(tuple),
    min_size=1,
    max_size=4,
)


@given(items=_ONE_SLIP_ITEMS, said=_WORD)
@settings(max_examples=4000)
@example(items=[("Kunming",), ("Kunming",)], said="kunmin")  # the first on a tie
@example(items=[("Kunming",), ("Kunmin",)], said="kunmin")  # the same word wins
@example(items=[("Hohhot",), ("Harbin",)], said="hohhot")
def test_a_word_among_one_slip_items_finds_the_item_best_match_finds(
    items: list[tuple[str, ...]], said: str
) -> None:
    keys = _list_keys(items)
    assert keys.item_ends is not None
    assert lists._best_item(keys, (said,)) == _best_item_by_best_match(keys, (said,))


def test_the_items_ends_are_known_only_when_every_form_allows_one_slip() -> None:
    keys = _list_keys([("Kunming",), ("Lhasa", "Lasa")])
    assert keys.item_ends is not None
    assert keys.item_ends.firsts == frozenset("kl")
    assert keys.item_ends.lasts == frozenset("ga")
    assert [row[1:] for row in keys.item_ends.rows] == [
        ("kunming", 7, "k", "u", "g", 0),
        ("lhasa", 5, "l", "h", "a", 1),
        ("lasa", 4, "l", "a", "a", 1),
    ]
    assert tuple(row[0] for row in keys.item_ends.rows) == keys.item_forms
    for items in ([("Kunming",), ("Shanghai",)], [("Kunming",), ("Ox",)], [("Belt and Road",)]):
        assert _list_keys(items).item_ends is None, items
    assert _list_keys([("北京",)]).item_ends is None


def test_the_items_table_holds_each_form_with_its_item() -> None:
    keys = _list_keys([("Kunming", "Yunnan capital"), ("Lhasa",)])
    assert [(row[1], row[2], row[3], row[4], row[5]) for row in keys.item_table] == [
        ("kunming", 7, 2, 1, 0),
        ("yunnancapital", 13, 4, -1, 0),
        ("lhasa", 5, 2, 1, 1),
    ]
    assert tuple(row[0] for row in keys.item_table) == keys.item_forms
    assert keys.item_names == ("Kunming", "Lhasa")


# --- the feedback sentence --------------------------------------------------------------


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(parts: Sequence[str]) -> str:
    shown = [p if len(p) <= 40 else p[:39] + "…" for p in parts[:3]]
    if len(parts) > 3:
        shown.append(f"{len(parts) - 3} more")
    return _join(shown)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _verdict_as_it_was(
    keys: Prepared,
    need: int,
    found: list[int],
    wrong: list[str],
    open_items: set[int],
    expected: str,
    written: Sequence[str],
) -> Verdict:
    """``lists._verdict`` before it was made faster, word for word, but for an item with
    no form ("?"), which it could not name (it raised): it is named as ``written``."""
    pairs = zip(keys.items, written, strict=True)
    items = [forms or (Form(text.strip(), (), ()),) for forms, text in pairs]
    right = len(found)
    score = max(0, min(right, need - len(wrong))) / need
    names = _join([items[k][0].text for k in found])
    is_are = "is" if len(wrong) == 1 else "are"
    if score >= 1:
        if need < len(items):
            text = f"Correct — {names}."
        else:
            count = "both" if len(items) == 2 else f"all {len(items)}"
            text = f"Correct — {count}: {names}." if len(items) > 1 else f"Correct — {names}."
        return Verdict("correct", 1.0, text, "exact", expected)
    missing = [items[k][0].text for k in sorted(open_items)]
    if wrong and found:
        text = f"{names} right, but {_quoted(wrong)} {is_are} not on the list"
        if score == 0:
            text += f" and each wrong item cancels a right one: the answers are {expected}."
            return Verdict("incorrect", 0.0, _sentence(text), "wrong", expected)
        text += f": {round(score * need)} of {need}."
        return Verdict("partial", score, _sentence(text), "partial_list", expected)
    if found:
        also = "another" if need - right == 1 else f"{need - right} more"
        text = f"{right} of {need}: {names} right; {also} from {_join(missing)}."
        if need == len(items):
            text = f"{right} of {need}: {names} right; missing {_join(missing)}."
        return Verdict("partial", score, text, "partial_list", expected)
    if wrong:
        text = _sentence(f"{_quoted(wrong)} {is_are} not on the list: the answers are {expected}.")
    else:
        text = f"None of those is on the list: the answers are {expected}."
    return Verdict("incorrect", 0.0, text, "wrong", expected)


_NAMES = ["Kunming", "lhasa", "Belt and Road", "北京", "?", "5G", "x" * 45]
_WRONG_PARTS = st.sampled_from(
    ["Nanning", "maybe urumqi", "um Harbin", "北京", "", "x" * 40, "y" * 41, "Ürümqi", "1 more"]
)


@given(
    names=st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5),
    data=st.data(),
)
@settings(max_examples=3000)
def test_the_feedback_is_the_sentence_it_was(names: list[str], data: st.DataObject) -> None:
    keys = prepare(q("list", ", ".join(names), answers=tuple((n,) for n in names)))
    need = data.draw(st.integers(1, len(names)))
    found = data.draw(st.permutations(range(len(names))).map(list))
    found = found[: data.draw(st.integers(0, len(found)))]
    wrong = data.draw(st.lists(_WRONG_PARTS, max_size=5))
    open_items = set(range(len(names))) - set(found)
    expected = data.draw(st.sampled_from(["Kunming, Lhasa", "a and b", ""]))
    want = _verdict_as_it_was(keys, need, found, wrong, set(open_items), expected, names)
    assert lists._verdict(keys, need, found, wrong, expected) == want


def test_an_item_with_no_form_is_named_as_written() -> None:
    """An item of no letters or digits ("?") matches nothing, but the feedback that names
    the missing items names it as the pack writes it (the grader once raised here, and
    every such answer was graded "error")."""
    keys = prepare(q("list", "Lhasa, ?", answers=(("Lhasa",), (" ? ",)), need=2))
    assert keys.item_names == ("Lhasa", "?")
    assert lists._verdict(keys, 2, [0], [], "Lhasa, ?") == Verdict(
        "partial", 0.5, "1 of 2: Lhasa right; missing ?.", "partial_list", "Lhasa, ?"
    )
    question = q("list", "Lhasa, ?", answers=(("Lhasa",), ("?",)), need=1)
    assert grade(question, "Lhasa").correct
    assert grade(question, "Lhasa and Lhasa").verdict == "correct"
    assert grade(question, "Hohhot").graded


# --- the separator ----------------------------------------------------------------------

# As the contract words it: whitespace, then a separator, then whitespace.
_PLAIN_SEPARATOR = re.compile(
    r"(\s*(?:[;/\n&、，；]|(?<!\d),|,(?!\d{3}(?!\d))|\band\b)\s*)", re.IGNORECASE
)
_PIECES = st.sampled_from(
    ["and", "And", "AND", "band", "anda", "a", "nd", " ", "\n", ",", "1", "000", "1,000", "_",
     "é", "ß", ";", "/", "&", "、", "，", "Lhasa", "x"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=10).map("".join))
@settings(max_examples=4000)
def test_the_list_separator_splits_words_as_the_plain_pattern_does(response: str) -> None:
    assert prepared.LIST_SEPARATOR.split(response) == _PLAIN_SEPARATOR.split(response)
