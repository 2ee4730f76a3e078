"""What the grader needs of a question, worked out once and kept (forms, prompt words, numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from quizbot.grading.guards import NEGATIONS
from quizbot.grading.normalize import clean, words
from quizbot.grading.numbers import NumberReading, find_numbers, read_number
from quizbot.grading.text import Form, make_form
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
class Prepared:
    """A question's keys in comparable form."""

    forms: tuple[Form, ...]  # the answer first, then the accepted forms
    text_forms: tuple[Form, ...]  # for number questions: the forms that are not numbers
    rejects: tuple[RejectForm, ...]
    prompt_words: frozenset[str]
    key_words: frozenset[str]
    key_numbers: tuple[NumberReading, ...]
    prompt_numbers: frozenset[Decimal]
    items: tuple[tuple[Form, ...], ...]  # list questions: each item's forms
    has_negation: bool
    has_alternatives: bool
    options: tuple[tuple[Form, ...], ...] = ()  # choice: each option's forms (with aliases)
    option_numbers: tuple[NumberReading | None, ...] = ()


def _forms(texts: tuple[str, ...], first_is_answer: bool = True) -> tuple[Form, ...]:
    made = []
    for i, text in enumerate(texts):
        form = make_form(text, alias=i > 0 or not first_is_answer)
        if form is not None:
            made.append(form)
    return tuple(made)


def prepare(question: Question) -> Prepared:
    """Work out the comparable forms of a question's keys (never raises on odd text)."""
    keys = (question.answer, *question.accept)
    forms = _forms(keys)
    items = tuple(_forms(item) for item in question.answers) if question.type == "list" else ()
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
        prompt_words=frozenset(words(clean(question.prompt))),
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
