"""What the grader needs of a question, worked out once and kept (forms, prompt words, numbers)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from quizbot.grading.guards import NEGATIONS
from quizbot.grading.normalize import clean, words
from quizbot.grading.text import Form, Match, best_match, make_form
from quizbot.grading.verdict import Verdict
from quizbot.lexicon import units
from quizbot.lexicon.numbers import NumberReading, clean_for_numbers, find_numbers, read_number
from quizbot.lexicon.units import Unit
from quizbot.packs.model import Question, Reject

# Enough for a whole batch of a big pack; the cache is simply emptied when full.
_CACHE_SIZE = 50_000


@dataclass(frozen=True, slots=True)
class RejectForm:
    """A reject entry: its text form and, when it reads as one, its number."""

    reject: Reject
    form: Form | None
    number: NumberReading | None


@dataclass(frozen=True, slots=True)
class RejectHit:
    """A response that matched a reject entry, and how."""

    match: Match
    entry: RejectForm

    @property
    def text(self) -> str:
        return self.entry.reject.answer.strip()

    @property
    def feedback(self) -> str | None:
        """The author's feedback for this entry, if any."""
        return self.entry.reject.feedback


@dataclass(frozen=True, slots=True)
class Prepared:
    """A question's keys in comparable form."""

    forms: tuple[Form, ...]  # the answer first, then the accepted forms
    text_forms: tuple[Form, ...]  # for number questions: the forms that are not numbers
    rejects: tuple[RejectForm, ...]
    reject_forms: tuple[Form, ...]  # the text forms of the reject entries that have one
    prompt_words: frozenset[str]  # with their singular and plural forms
    key_words: frozenset[str]
    key_numbers: tuple[NumberReading, ...]
    prompt_numbers: frozenset[Decimal]
    items: tuple[tuple[Form, ...], ...]  # list questions: each item's forms
    has_negation: bool
    has_alternatives: bool
    options: tuple[tuple[Form, ...], ...] = ()  # choice: each option's forms (with aliases)
    option_numbers: tuple[NumberReading | None, ...] = ()
    # list: does some item hold a separator ("Belt and Road"), and how many words
    # the items' forms have (a run of pieces of another length cannot be one).
    multi_piece_items: bool = False
    item_sizes: frozenset[int] = frozenset()
    truth: bool = False  # truefalse: the key
    # Traditional characters are made simplified, unless that would make an answer
    # equal to a reject of the same question (a pack that tests 髮 against 發).
    simplified: bool = True
    # number: the answer's unit (from its text or ``unit:``), the period it is
    # counted in ("twice a year"), its unit as shown, and whether it is a year.
    unit: Unit | None = None
    period: Unit | None = None
    unit_label: str = ""
    is_year: bool = False
    # number: one key number, no unit, period, reject or text form: a response that is
    # just that number is right without any other check
    plain_number: bool = False
    # list: the values of the items that read as numbers ("342 million"), per item
    item_numbers: tuple[frozenset[Decimal], ...] = ()
    item_years: bool = False  # some item is a year: a part may say it aloud
    # list: each item form's words, to the item's index (the first on a tie): exact parts
    # are found without any edit distance
    item_exact: dict[tuple[str, ...], int] = dataclasses.field(default_factory=dict)
    # Each form's words (the answer's, an alias's; a reject entry's), to the first form
    # or entry with them: a response that is one word for word is found at once.
    exact_forms: dict[tuple[str, ...], Form] = dataclasses.field(default_factory=dict)
    exact_rejects: dict[tuple[str, ...], RejectForm] = dataclasses.field(default_factory=dict)
    # list: every item's forms in one row, and the item each belongs to (by the form's id)
    item_forms: tuple[Form, ...] = ()
    item_of: dict[int, int] = dataclasses.field(default_factory=dict)
    # list: how many items make a fully correct answer (at least one, at most all)
    need: int = 1
    # list: each item's name in feedback: its first form's text (or, with no form, as written)
    item_names: tuple[str, ...] = ()
    # list: each of ``item_forms`` as (form, its words run together, their length, its
    # slack, the budget of its one word or -1 when it has several, its item's index)
    item_table: tuple[tuple[Form, str, int, int, int, int], ...] = ()
    # list: when every item form is one word of three letters or more with one slip
    # allowed (most lists), those words' letters (lists.py: a word that starts or ends
    # as none of them is no slip of any)
    item_ends: ItemEnds | None = None


PERCENT = units.lookup("percent")
METRES = units.lookup("metres")


def _is_year(reading: NumberReading) -> bool:
    value = reading.value
    return (
        not reading.scaled
        and not reading.percent
        and value == value.to_integral_value()
        and 1000 <= value <= 2100
    )


def _metres_not_million(answer: str, reading: NumberReading) -> NumberReading:
    """ "8848 m" in an answer in metres is 8848 metres, not 8848 million."""
    found = find_numbers(answer)
    if reading.scale == "million" and found and found[0].text.rstrip().endswith("m"):
        return reading._replace(value=reading.value.scaleb(-6), scaled=False, scale="")
    return reading


def _item_exact(items: tuple[tuple[Form, ...], ...]) -> dict[tuple[str, ...], int]:
    exact: dict[tuple[str, ...], int] = {}
    for index, forms in enumerate(items):
        for form in forms:
            exact.setdefault(form.words, index)
    return exact


def _first_by_words(forms: tuple[Form, ...]) -> dict[tuple[str, ...], Form]:
    found: dict[tuple[str, ...], Form] = {}
    for form in forms:
        found.setdefault(form.words, form)
    return found


def _item_numbers(question: Question) -> tuple[frozenset[Decimal], ...]:
    """Each list item's values, for the items that read as numbers; () when none does."""
    values = []
    for item in question.answers:
        readings = (read_number(form) for form in item)
        values.append(frozenset(r.value for r in readings if r is not None))
    return tuple(values) if any(values) else ()


def _t2s_merges(question: Question) -> bool:
    """Would t2s make an answer, alias, item or option equal to one of the question's rejects?"""
    if not question.reject:
        return False
    keys = [question.answer, *question.accept, *question.options]
    keys += [a for item in question.answers for a in item]
    texts = [k for k in keys if not k.isascii()] + [r.answer for r in question.reject]
    if all(t.isascii() for t in texts):
        return False

    def plain(text: str, simplified: bool) -> tuple[str, ...]:
        return words(clean(text, simplified=simplified))

    rejects = {plain(r.answer, True): plain(r.answer, False) for r in question.reject}
    for key in keys:
        merged = rejects.get(plain(key, True))
        if merged is not None and merged != plain(key, False):
            return True
    return False


def _unit_of(question: Question, key: NumberReading | None) -> tuple[Unit | None, Unit | None, str]:
    """(unit, period, label) of a number question's answer."""
    named = units.lookup(question.unit) if question.unit else None
    unit: Unit | None = named
    period: Unit | None = None
    label = question.unit or ""
    folded = clean_for_numbers(question.answer)
    found = find_numbers(question.answer)
    if found:
        year = key is not None and _is_year(key) and named is None
        near = units.around(folded, found[0].start, found[0].end, year)
        period = near.period
        if unit is None and near.unit is not None and not near.every:
            unit = near.unit
    if unit is None and key is not None and key.percent:
        unit = PERCENT
    if period is None:
        period = units.period_in(question.prompt) or units.period_in(question.answer)
    return unit, period, label


def match_rejects(keys: Prepared, said: Sequence[str]) -> RejectHit | None:
    """The reject entry the words match best (with the answer's forgiveness), if any."""
    if not keys.reject_forms:
        return None
    match = best_match(keys.reject_forms, said)
    if match is None:
        return None
    entry = next(r for r in keys.rejects if r.form is match.form)
    return RejectHit(match, entry)


def reject_wins(hit: RejectHit | None, match: Match | None) -> bool:
    """Does a reject match win over a key match? Yes on a tie, but never over an exact key."""
    if hit is None:
        return False
    if match is None:
        return True
    if match.slips == 0 and not match.spacing:
        return hit.match.slips == 0 and not hit.match.spacing
    return hit.match.slips <= match.slips


# The separators of a list answer ("and", a comma...), as in ``lists``.
# A comma between thousands ("342,000,000") separates nothing.
# The lookahead only says which character a separator can start with: without it,
# every position of the text tries each way of being one (splitting took 40% longer).
# The word "and" is checked for a word character before it only once it is there,
# "and(?<!\wand)" for "\band" (a quarter faster), and "(?<!\d)," as ",(?<!\d,)".
LIST_SEPARATOR = re.compile(
    r"((?=[\s;/&、，；,a])\s*"
    r"(?:[;/\n&、，；]|,(?:(?<!\d,)|(?!\d{3}(?!\d)))|and(?<!\wand)\b)\s*)",
    re.IGNORECASE,
)


class ItemEnds(NamedTuple):
    """The items' forms when each is one word of three letters or more with one slip
    allowed: their first letters, their last letters, and each form as (form, its word,
    its length, its first, second and last letter, its item's index)."""

    firsts: frozenset[str]
    lasts: frozenset[str]
    rows: tuple[tuple[Form, str, int, str, str, str, int], ...]


def _item_ends(items: tuple[tuple[Form, ...], ...]) -> ItemEnds | None:
    forms = [form for item in items for form in item]
    if not forms or any(
        len(form.words) != 1 or form.budgets[0] != 1 or len(form.joined) < 3 for form in forms
    ):
        return None
    rows = tuple(
        (form, form.joined, len(form.joined), form.joined[0], form.joined[1], form.joined[-1], i)
        for i, item in enumerate(items)
        for form in item
    )
    return ItemEnds(frozenset(r[3] for r in rows), frozenset(r[5] for r in rows), rows)


def _forms(texts: tuple[str, ...], simplified: bool = True) -> tuple[Form, ...]:
    made = []
    for i, text in enumerate(texts):
        form = make_form(text, alias=i > 0, simplified=simplified)
        if form is not None:
            made.append(form)
    return tuple(made)


def _item_forms(texts: tuple[str, ...], simplified: bool) -> tuple[Form, ...]:
    """A list item's forms, with "&" read as "and" ("R&D", "Belt & Road")."""
    made = []
    for i, text in enumerate(texts):
        form = make_form(text.replace("&", " and "), alias=i > 0, simplified=simplified)
        if form is not None:
            made.append(dataclasses.replace(form, text=text.strip()))
    return tuple(made)


def _with_number_forms(prompt_words: Sequence[str]) -> frozenset[str]:
    """Prompt words with their plural and singular forms ("provinces" holds "province")."""
    found = set(prompt_words)
    for w in prompt_words:
        if len(w) < 3 or not w.isascii() or not w.isalpha():
            continue
        found.update((w + "s", w + "es"))
        if w.endswith("y"):
            found.add(w[:-1] + "ies")
        if len(w) < 5:
            continue  # "is", "was", "has", "this" are no plurals
        if w.endswith("ies"):
            found.add(w[:-3] + "y")
        if w.endswith("es"):
            found.add(w[:-2])
        if w.endswith("s") and not w.endswith("ss"):
            found.add(w[:-1])
    return frozenset(found)


def _truth(answer: str) -> bool:
    """A truefalse key read with the contract's words ("true", "对", "错"); False otherwise."""
    from quizbot.grading.choices import FALSE_WORDS, TRUE_WORDS

    for said in (answer.strip().casefold(), "".join(words(clean(answer)))):
        if said in TRUE_WORDS or said in FALSE_WORDS:
            return said in TRUE_WORDS
    return False


def prepare(question: Question) -> Prepared:
    """Work out the comparable forms of a question's keys (never raises on odd text)."""
    keys = (question.answer, *question.accept)
    simplified = not _t2s_merges(question)
    forms = _forms(keys, simplified)
    items = (
        tuple(_item_forms(item, simplified) for item in question.answers)
        if question.type == "list"
        else ()
    )
    key_numbers: list[NumberReading] = []
    text_forms: list[Form] = []
    if question.type in ("number", "text", "choice"):
        for i, key in enumerate(keys):
            reading = read_number(key)
            if reading is not None:
                key_numbers.append(reading)
            elif question.type == "number":
                form = make_form(key, alias=i > 0, simplified=simplified)
                if form is not None:
                    text_forms.append(form)
    rejects = tuple(
        RejectForm(r, make_form(r.answer, alias=True, simplified=simplified), read_number(r.answer))
        for r in question.reject
    )
    key_words = frozenset(w for form in forms for w in form.words) | frozenset(
        w for item in items for form in item for w in form.words
    )
    options: list[tuple[Form, ...]] = []
    if question.type == "choice":
        for option in question.options:
            form = make_form(option, simplified=simplified)
            own = (form,) if form is not None else ()
            options.append(forms + own if option == question.answer else own)
    unit: Unit | None = None
    period: Unit | None = None
    unit_label = ""
    if question.type == "number":
        first = key_numbers[0] if key_numbers else None
        unit, period, unit_label = _unit_of(question, first)
        if unit is METRES and key_numbers:
            key_numbers[0] = _metres_not_million(question.answer, key_numbers[0])
    all_key_text = " ".join(keys + tuple(a for item in question.answers for a in item))
    plain_keys = " ".join(words(clean(all_key_text)))
    return Prepared(
        forms=forms,
        text_forms=tuple(text_forms),
        rejects=rejects,
        reject_forms=tuple(r.form for r in rejects if r.form is not None),
        prompt_words=_with_number_forms(words(clean(question.prompt, simplified=simplified))),
        key_words=key_words,
        key_numbers=tuple(key_numbers),
        prompt_numbers=frozenset(f.reading.value for f in find_numbers(question.prompt)),
        items=items,
        has_negation=any(w in _NEGATION_WORDS for w in plain_keys.split()),
        has_alternatives=" or " in f" {plain_keys} " or "/" in all_key_text,
        options=tuple(options),
        option_numbers=tuple(read_number(o) for o in question.options)
        if question.type == "choice"
        else (),
        multi_piece_items=any(
            LIST_SEPARATOR.search(form.text.casefold()) for item in items for form in item
        ),
        item_sizes=frozenset(len(form.words) for item in items for form in item),
        truth=_truth(question.answer) if question.type == "truefalse" else False,
        simplified=simplified,
        unit=unit,
        period=period,
        unit_label=unit_label,
        item_numbers=_item_numbers(question) if question.type == "list" else (),
        item_exact=_item_exact(items),
        exact_forms=_first_by_words(forms),
        # reversed: of entries with the same words, the first is the one kept
        exact_rejects={r.form.words: r for r in reversed(rejects) if r.form is not None},
        item_forms=tuple(form for forms in items for form in forms),
        item_of={id(form): index for index, forms in enumerate(items) for form in forms},
        need=max(1, min(question.needed, len(items))) if items else 1,
        # An item with no form (no letters or digits: "?") is named as written.
        item_names=tuple(
            forms[0].text if forms else texts[0].strip()
            for forms, texts in zip(items, question.answers, strict=True)
        )
        if items
        else (),
        item_table=tuple(
            (
                form,
                form.joined,
                len(form.joined),
                form.slack,
                form.budgets[0] if len(form.words) == 1 else -1,
                index,
            )
            for index, forms in enumerate(items)
            for form in forms
        ),
        item_ends=_item_ends(items),
        item_years=any(
            reading is not None and _is_year(reading)
            for item in question.answers
            for reading in map(read_number, item)
        ),
        plain_number=(
            question.type == "number"
            and len(key_numbers) == 1
            and unit is None
            and period is None
            and not question.reject
            and not text_forms
        ),
        is_year=bool(key_numbers) and unit is None and _is_year(key_numbers[0]),
    )


_NEGATION_WORDS = NEGATIONS | {"no", "不是"}


class Known:
    """Everything kept about one question, in one record found by one look-up.

    A batch grades responses to thousands of questions in no order: each response
    then fetches its question's data from memory, and one record (not one entry in
    each of four caches) is what makes that cheap. Fields other than ``keys`` are
    filled in when first needed.
    """

    __slots__ = (
        "expected",
        "keys",
        "kind",
        "lead_proof",
        "parts",
        "question",
        "table",
        "tolerance",
    )

    def __init__(self, question: Question, keys: Prepared) -> None:
        self.question = question
        self.keys = keys
        # Read for every response: kept here, so that grading one reads this record and
        # not the question's own attributes, elsewhere in memory (one less cache miss).
        self.kind = question.type
        self.tolerance = question.tolerance
        # The canonical responses, each with its verdict once graded (None before).
        self.table: dict[str, Verdict | None] | None = None
        self.lead_proof: frozenset[str] = frozenset()
        self.expected: str | None = None  # the right answer as shown (options in order)
        # The grader's part matcher and mention test (options in their order).
        self.parts: tuple[Callable[[str], Verdict], Callable[[str], bool]] | None = None


_cache: dict[int, Known] = {}


def known(question: Question) -> Known:
    """The kept record of a question, from a small cache keyed by the object itself."""
    entry = _cache.get(id(question))
    if entry is not None and entry.question is question:
        return entry
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    made = _cache[id(question)] = Known(question, prepare(question))
    return made


def canonical_verdicts(question: Question) -> tuple[dict[str, Verdict | None], frozenset[str]]:
    """The question's canonical responses, each with its verdict once it has been graded,
    and those of them whose verdict stays the same after a lead ("maybe b")."""
    entry = known(question)
    if entry.table is None:
        # choices imports this module
        from quizbot.grading.canonical import canonical_responses, lead_proof_responses

        table: dict[str, Verdict | None] = dict.fromkeys(canonical_responses(question))
        keys = entry.keys
        exact = frozenset(f.words for f in keys.forms) | frozenset(
            f.words for f in keys.reject_forms
        )
        entry.lead_proof = lead_proof_responses(question, exact) & table.keys()
        entry.table = table
    return entry.table, entry.lead_proof


def forget_verdicts() -> None:
    """Forget every canonical verdict graded so far (the prepared keys are kept)."""
    for entry in _cache.values():
        entry.table = None


def prepared(question: Question) -> Prepared:
    """The prepared keys of a question, from a small cache keyed by the object itself."""
    return known(question).keys
