"""What the grader needs of a question, worked out once and kept (forms, prompt words, numbers)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from quizbot.grading.guards import NEGATIONS
from quizbot.grading.normalize import clean, words
from quizbot.grading.text import Form, Match, best_match, make_form
from quizbot.lexicon.numbers import NumberReading, find_numbers, read_number
from quizbot.packs.model import Question, Reject

# Enough for a whole batch of a big pack; the cache is simply emptied when full.
_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class RejectForm:
    """A reject entry: its text form and, when it reads as one, its number."""

    reject: Reject
    form: Form | None
    number: NumberReading | None


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
LIST_SEPARATOR = re.compile(r"(\s*(?:[,;/\n&、，；]|\band\b)\s*)", re.IGNORECASE)


def _forms(texts: tuple[str, ...], first_is_answer: bool = True) -> tuple[Form, ...]:
    made = []
    for i, text in enumerate(texts):
        form = make_form(text, alias=i > 0 or not first_is_answer)
        if form is not None:
            made.append(form)
    return tuple(made)


def _item_forms(texts: tuple[str, ...]) -> tuple[Form, ...]:
    """A list item's forms, with "&" read as "and" ("R&D", "Belt & Road")."""
    made = []
    for i, text in enumerate(texts):
        form = make_form(text.replace("&", " and "), alias=i > 0)
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
    forms = _forms(keys)
    items = tuple(_item_forms(item) for item in question.answers) if question.type == "list" else ()
    key_numbers: list[NumberReading] = []
    text_forms: list[Form] = []
    if question.type in ("number", "text", "choice"):
        for i, key in enumerate(keys):
            reading = read_number(key)
            if reading is not None:
                key_numbers.append(reading)
            elif question.type == "number":
                form = make_form(key, alias=i > 0)
                if form is not None:
                    text_forms.append(form)
    rejects = tuple(
        RejectForm(r, make_form(r.answer, alias=True), read_number(r.answer))
        for r in question.reject
    )
    key_words = frozenset(w for form in forms for w in form.words) | frozenset(
        w for item in items for form in item for w in form.words
    )
    options: list[tuple[Form, ...]] = []
    if question.type == "choice":
        for option in question.options:
            form = make_form(option)
            own = (form,) if form is not None else ()
            options.append(forms + own if option == question.answer else own)
    all_key_text = " ".join(keys + tuple(a for item in question.answers for a in item))
    plain_keys = " ".join(words(clean(all_key_text)))
    return Prepared(
        forms=forms,
        text_forms=tuple(text_forms),
        rejects=rejects,
        reject_forms=tuple(r.form for r in rejects if r.form is not None),
        prompt_words=_with_number_forms(words(clean(question.prompt))),
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
    )


_NEGATION_WORDS = NEGATIONS | {"no", "不是"}
_cache: dict[int, tuple[Question, Prepared]] = {}


def prepared(question: Question) -> Prepared:
    """The prepared keys of a question, from a small cache keyed by the object itself."""
    entry = _cache.get(id(question))
    if entry is not None and entry[0] is question:
        return entry[1]
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    made = prepare(question)
    _cache[id(question)] = (question, made)
    return made
