"""The grader: guards, then the matcher for the question's type, then a verdict with a reason."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from quizbot.grading import choices, lists
from quizbot.grading import feedback as say
from quizbot.grading.canonical import key_of, without_lead
from quizbot.grading.guards import (
    is_dont_know,
    is_empty,
    split_alternatives,
    split_gloss,
    split_negation,
)
from quizbot.grading.normalize import MAX_RESPONSE_CHARS, clean, said_words, words
from quizbot.grading.prepared import (
    METRES,
    PERCENT,
    Known,
    Prepared,
    RejectHit,
    canonical_verdicts,
    known,
    match_rejects,
    prepared,
    reject_wins,
)
from quizbot.grading.text import Form, Match, best_match, contains_form, trim_prompt_words
from quizbot.grading.verdict import Verdict
from quizbot.lexicon import units
from quizbot.lexicon.numbers import (
    FoundNumber,
    NumberReading,
    clean_for_numbers,
    find_numbers,
    read_number,
    spoken_years,
)
from quizbot.lexicon.units import Unit
from quizbot.packs.model import Question, Tolerance

_log = logging.getLogger("quizbot.grading")
# A response that is one number with at most a hedge before it and a counting noun after.
# A lead the full path strips as filler ("I think", "it's") may come first: it holds no
# number, negation or alternative, so the one number is still all there is to judge.
_SIMPLE_NUMBER = re.compile(
    r"(?:(?:i think|i believe|i guess|maybe|perhaps|probably|it's|its|it is|"
    r"the answer is|um|uh) )?"
    r"(?:(?:about|nearly|around|roughly|approximately|over|almost|more than) )?"
    r"(\d[\d,]*(?:\.\d+)? ?(?:million|billion|thousand|m|bn|k)?)(?: people| users| times)?",
    re.IGNORECASE,
)
Part = Callable[[str], Verdict]
# Verdicts of a part that said nothing gradable ("or so", an empty bracket).
_NOTHING = frozenset({"empty", "no_number"})


# What the table of canonical responses gives for a response that is none of them
# (compared by identity: never returned).
_NOT_CANONICAL = Verdict("error", 0.0, "", "not_canonical")


def grade(
    question: Question, response: str, *, shown_options: Sequence[int] | None = None
) -> Verdict:
    """Grade one response to one question. Deterministic, and never raises."""
    try:
        entry = known(question)
        if shown_options is None and isinstance(response, str):
            # The question's own canonical responses (its answer, options, letters...)
            # are graded once, by the same grader, and answered at once after that.
            quick = entry.table
            if quick is None:
                quick = canonical_verdicts(question)[0]
            key = key_of(response)
            verdict = quick.get(key, _NOT_CANONICAL)
            if verdict is _NOT_CANONICAL and entry.lead_proof:
                # "I think B", "maybe true": the verdict of "B", "true" (canonical.py
                # says which responses keep their verdict after a lead, and why).
                rest = without_lead(key)
                if rest is not None and rest in entry.lead_proof:
                    key = response = rest
                    verdict = quick[key]
            if verdict is not _NOT_CANONICAL:
                if verdict is None:  # canonical, but not graded yet
                    verdict = quick[key] = _grade(question, response, None, entry)
                return verdict
        return _grade(question, response, shown_options, entry)
    except Exception:  # a last safety net: a learner must never see a crash...
        # ...nor be marked wrong for the grader's bug: the verdict is "error".
        if os.environ.get("QUIZBOT_DEBUG"):
            _log.exception("could not grade %r for question %r", response, question.id)
        return Verdict(
            "error", 0.0, "Sorry, I could not grade that answer.", "error", question.answer
        )


def _grade(
    question: Question,
    response: str,
    shown_options: Sequence[int] | None,
    entry: Known | None = None,
) -> Verdict:
    if entry is None:
        entry = known(question)
    keys = entry.keys
    if shown_options is None:
        expected = entry.expected
        if expected is None:
            expected = entry.expected = expected_answer(question)
    else:
        expected = expected_answer(question, shown_options)
    if not isinstance(response, str):
        response = ""
    cleaned = clean(response, simplified=keys.simplified)
    if not keys.simplified or response.isascii():
        return _judged(question, entry, expected, response, cleaned, shown_options, None)
    # Traditional characters are made simplified to compare, but feedback quotes the
    # learner's words as they typed them.
    typed = clean(response, simplified=False)
    if typed == cleaned:
        return _judged(question, entry, expected, response, cleaned, shown_options, None)
    verdict = _judged(question, entry, expected, response, cleaned, shown_options, typed)
    return say.as_typed(verdict, cleaned, typed)


def _judged(
    question: Question,
    entry: Known,
    expected: str,
    response: str,
    cleaned: str,
    shown_options: Sequence[int] | None,
    typed: str | None,
) -> Verdict:
    """The verdict on a cleaned response (``typed``: as written, when t2s changed it)."""
    keys = entry.keys
    kind = entry.kind
    if keys.plain_number and len(response) <= MAX_RESPONSE_CHARS:
        simple = _SIMPLE_NUMBER.fullmatch(cleaned)
        if simple is not None:
            # "900,000,000", "about 900 million people", "904": one number and nothing
            # else to judge (no negation, alternative, unit, reject or prompt number).
            # The number alone is read, so the plain-digit reader takes it, not the
            # tokenizer. (It holds a digit, so it is not empty: no check comes before.)
            found = find_numbers(simple.group(1))
            if len(found) == 1:
                reading = found[0].reading
                if within(reading.value, keys.key_numbers[0].value, entry.tolerance):
                    return say.right_number(expected)
                if reading.value not in keys.prompt_numbers:
                    return _wrong_figure(keys, entry.tolerance, found[0].text, reading, expected)
    if is_empty(cleaned):
        return say.empty(expected)
    if len(response) > MAX_RESPONSE_CHARS:
        return say.too_long(expected)
    if kind in ("text", "choice"):
        # A choice response keeps its leading "a": it may be the letter A.
        said = words(cleaned) if kind == "choice" else said_words(cleaned)
        exact = _exact_key(keys, said, expected)
        if exact is not None:
            return exact
    if is_dont_know(cleaned):
        return say.empty(expected, dont_know=True)
    if kind == "truefalse":
        return choices.grade_truefalse(question, keys, cleaned)
    if kind == "list":
        return lists.grade_list(question, keys, cleaned, expected, typed)
    if shown_options is not None and kind == "choice":
        part, mentions = choices.choice_part(question, keys, expected, shown_options)
    else:
        # The part matchers depend on the question alone (options in their order):
        # made once per question, not per response.
        if entry.parts is None:
            entry.parts = _parts(question, keys, expected)
        part, mentions = entry.parts
    return judge(cleaned, keys, expected, part, mentions)


def _parts(question: Question, keys: Prepared, expected: str) -> tuple[Part, Callable[[str], bool]]:
    """The part matcher and the mention test of a choice, number or text question."""
    if question.type == "choice":
        return choices.choice_part(question, keys, expected, None)
    if question.type == "number":
        return _number_part(question, keys, expected)
    return _text_part(keys, expected)


def _exact_key(keys: Prepared, said: tuple[str, ...], expected: str) -> Verdict | None:
    """The answer (or an alias, or a reject entry) word for word: no guard can overrule it."""
    r = keys.exact_rejects.get(said)
    if r is not None and r.form is not None:
        return say.rejected(r.form.text, expected, r.reject.feedback)
    form = keys.exact_forms.get(said)
    return say.accepted(Match(form, 0, False), expected) if form is not None else None


def expected_answer(question: Question, shown_options: Sequence[int] | None = None) -> str:
    """The right answer as the learner should see it."""
    if question.type == "choice":
        return choices.option_label(question, shown_options)
    if question.type == "number" and question.unit:
        reading = read_number(question.answer)
        if question.unit == "percent":
            if reading is not None and not reading.percent:
                return f"{question.answer.strip()}%"
        elif reading is not None:
            keys = prepared(question)
            found = find_numbers(question.answer)
            said = clean_for_numbers(question.answer)
            if found and units.around(said, found[0].start, found[0].end).unit is None:
                # The unit comes from ``unit:``: show it ("8 minutes", "900 million people").
                return f"{question.answer.strip()} {keys.unit_label}"
    return question.answer.strip()


# --- the guards around any part matcher ------------------------------------


def judge(
    cleaned: str, keys: Prepared, expected: str, part: Part, mentions: Callable[[str], bool]
) -> Verdict:
    """Negation, then alternatives, then each part (with its bracket gloss)."""
    if not keys.has_negation:
        negation = split_negation(cleaned)
        if negation is not None:
            if any(mentions(denied) for denied in negation.denied):
                return say.negated(expected, mentioned=True)
            if not words(negation.kept):
                return say.negated(expected, mentioned=False)
            cleaned = negation.kept
    parts = split_alternatives(cleaned) if not keys.has_alternatives else [cleaned]
    if len(parts) <= 1:
        return _single(cleaned, part)
    verdicts = [_single(p, part) for p in parts]
    meaningful = [v for v in verdicts if v.reason not in _NOTHING]
    if not meaningful:
        return verdicts[0]
    if len(meaningful) == 1:
        return meaningful[0]
    rejected = next((v for v in meaningful if v.reason == "rejected"), None)
    if rejected is not None:
        return rejected
    if all(v.correct for v in meaningful):
        return meaningful[0]
    if any(v.correct for v in meaningful):
        return say.alternatives(parts, expected)
    return say.wrong(cleaned, expected)  # quoted as typed, not re-joined


def _single(text: str, part: Part) -> Verdict:
    verdict = part(text)
    if verdict.correct or verdict.reason == "rejected":
        return verdict
    gloss = split_gloss(text)
    if gloss is None:
        return verdict
    outer, inner = (part(t) for t in gloss)
    for side in (outer, inner):
        if side.reason == "rejected":
            return side
    if outer.correct and inner.correct:
        return say.gloss(outer.expected)
    if outer.correct and inner.reason in ("prompt_only", "empty", "no_number"):
        return outer
    return verdict


# --- text -------------------------------------------------------------------


def match_text(
    keys: Prepared, said: tuple[str, ...], forms: tuple[Form, ...] | None = None
) -> tuple[Match | None, RejectHit | None, bool]:
    """(best key match, best reject match, only prompt words) for the response's words.

    Words that only repeat the prompt are dropped when the whole response
    does not match as it stands.
    """
    key_forms = keys.forms if forms is None else forms
    match = best_match(key_forms, said)
    reject = match_rejects(keys, said)
    prompt_only = False
    if match is None or (reject is None and keys.reject_forms):
        trimmed = trim_prompt_words(said, keys.prompt_words, keys.key_words)
        if not trimmed:
            prompt_only = match is None
        elif trimmed != said:
            match = match or best_match(key_forms, trimmed)
            if reject is None:
                reject = match_rejects(keys, trimmed)
    return match, reject, prompt_only


def _text_part(keys: Prepared, expected: str) -> tuple[Part, Callable[[str], bool]]:
    def part(text: str) -> Verdict:
        said = said_words(text)
        if not said:
            return say.empty(expected)
        match, reject, prompt_only = match_text(keys, said)
        if reject is not None and reject_wins(reject, match):
            return say.rejected(reject.text, expected, reject.feedback)
        if match is not None:
            return say.accepted(match, expected)
        if keys.key_numbers:
            reading = read_number(text)
            if reading is not None and any(reading.value == k.value for k in keys.key_numbers):
                return say.right_number(expected)
        if prompt_only:
            return say.prompt_only(expected)
        key_words = keys.forms[0].words if keys.forms else ()
        return say.wrong_text(text, said, key_words, expected)

    def mentions(text: str) -> bool:
        return contains_form(keys.forms, said_words(text))

    return part, mentions


# --- numbers ----------------------------------------------------------------


def within(value: Decimal, key: Decimal, tolerance: Tolerance | None) -> bool:
    """Is ``value`` the key, within the question's tolerance?"""
    if tolerance is None or not tolerance.value:
        return value == key
    limit = tolerance.value * abs(key) if tolerance.relative else tolerance.value
    return abs(value - key) <= limit


# The scale steps, by the ratio they make (Decimal hashes by value: 1E+6 finds 1000000).
_SCALE_STEPS = {Decimal(10) ** n: n for n in (3, 4, 6, 8, 9, 12)}


# How far apart (in Decimal.adjusted(), the power of ten of the first digit) two
# numbers a scale step apart can be: the step, or one less or more, as the digits
# round (9.99 and 1000). Any other pair is no step apart, decided without dividing.
_NEAR_STEPS = frozenset(n + d for n in _SCALE_STEPS.values() for d in (-1, 0, 1))


def _powers_of_ten(big: Decimal, small: Decimal) -> int:
    """n when big == small * 10**n for a scale step (3, 4, 6, 8, 9 or 12), else 0."""
    if not small or big.adjusted() - small.adjusted() not in _NEAR_STEPS:
        return 0
    return _SCALE_STEPS.get(big / small, 0)


KELVIN = units.lookup("kelvin")
# Symbols that name a unit but vanish from the words ("$4000" is not 4000 yuan).
_UNIT_SYMBOLS = frozenset("$¥€£°%℃℉")
# Conversions round ("6.2 miles" for 10 km): they are compared within this much.
_CONVERSION_TOLERANCE = Tolerance(Decimal("0.005"), True)


def _widest(tolerance: Tolerance | None, key: Decimal) -> Tolerance:
    """The question's tolerance or 0.5% of the key, whichever is larger."""
    if tolerance is None or not tolerance.value:
        return _CONVERSION_TOLERANCE
    own = tolerance.value * abs(key) if tolerance.relative else tolerance.value
    return tolerance if own >= _CONVERSION_TOLERANCE.value * abs(key) else _CONVERSION_TOLERANCE


def _in_key_units(keys: Prepared, found: FoundNumber, text: str) -> tuple[list[Decimal], str, bool]:
    """(the values the number may mean in the answer's units, its unit as written, converted?).

    No values means the response names a unit of another quantity (or another
    currency): that is wrong whatever the number.
    """
    reading = found.reading
    value = reading.value
    if keys.unit is None and keys.period is None:
        return [value], "", False
    folded = clean_for_numbers(text)
    near = units.around(folded, found.start, found.end, keys.is_year)
    unit: Unit | None = near.unit
    written = near.unit_text
    if reading.percent:
        unit, written = PERCENT, ""
    if keys.unit is METRES and reading.scale == "million" and found.text.rstrip().endswith("m"):
        value, unit, written = value.scaleb(-6), METRES, "m"
    if (
        keys.unit is not None
        and keys.unit.quantity == "temperature"
        and reading.scale == "thousand"
        and found.text.rstrip().endswith("k")
    ):
        # "5773 K" for a temperature is kelvin, not 5,773 thousand.
        value, unit, written = value.scaleb(-3), KELVIN, "K"
    if near.every and keys.period is not None and unit is not None and value:
        # "every six months" for twice a year: once per six months.
        return [keys.period.factor / (unit.factor * value)], written, True
    values = [value]
    converted = False
    if keys.unit is not None and unit is not None and unit != keys.unit and not unit.generic:
        if unit.quantity != keys.unit.quantity or not unit.converts:
            return [], written, False
        values = [units.convert(value, unit, keys.unit)]
        if unit.quantity == "data":
            # A kilobyte may be 1000 or 1024 bytes.
            step = units.BINARY_STEP ** (units.data_power(unit) - units.data_power(keys.unit))
            values.append(values[0] * step)
        converted = True
    elif (
        keys.unit is not None
        and unit is not None
        and unit.generic
        and unit.quantity != keys.unit.quantity
    ):
        return [], written, False
    if keys.period is not None and near.period is not None and near.period != keys.period:
        values = [v * keys.period.factor / near.period.factor for v in values]
        written = f"a {near.period.name.rstrip('s')}"
        converted = True
    return values, written, converted


# The scale a number lacks, by the power of ten it is off ("4" for 400万 lacks "million").
_SCALE_NAMES = {3: "thousand", 4: "万", 6: "million", 8: "亿", 9: "billion", 12: "trillion"}
_SCALE_POWER = {name: power for power, name in _SCALE_NAMES.items()}


def _missing_scale(value: Decimal, key: Decimal, tolerance: Tolerance | None) -> str:
    """The scale word that would make ``value`` the key (within the tolerance), else ""."""
    if value and key and (tolerance is None or not tolerance.value):
        # Equal only when the first digits stand at the same power of ten: one scale
        # to try, not six (the commonest case: a question without a tolerance).
        name = _SCALE_NAMES.get(key.adjusted() - value.adjusted())
        return name if name is not None and value.scaleb(_SCALE_POWER[name]) == key else ""
    for power, name in _SCALE_NAMES.items():
        if within(value.scaleb(power), key, tolerance):
            return name
    return ""


def _wrong_figure(
    keys: Prepared,
    tolerance: Tolerance | None,
    said: str,
    reading: NumberReading,
    expected: str,
) -> Verdict:
    """Why a number that is not the key is wrong: its scale is missing or wrong, or it differs."""
    if not keys.key_numbers:
        return say.wrong(said, expected)
    key = keys.key_numbers[0]
    if key.scaled and not reading.scaled:
        missing = _missing_scale(reading.value, key.value, tolerance)
        if missing:
            return say.missing_scale(said, missing, expected)
    if (
        key.scaled
        and reading.scaled
        and (_powers_of_ten(key.value, reading.value) or _powers_of_ten(reading.value, key.value))
    ):
        return say.wrong_scale(said, expected)
    return say.wrong_number(said, expected)


def _new_numbers(keys: Prepared, text: str) -> tuple[list[FoundNumber], list[FoundNumber]]:
    """(numbers of the response that are not just the prompt's, those that are)."""
    key_values = {k.value for k in keys.key_numbers}
    fresh: list[FoundNumber] = []
    echoed: list[FoundNumber] = []
    for f in find_numbers(text):
        value = f.reading.value
        new = value not in keys.prompt_numbers or value in key_values
        (fresh if new else echoed).append(f)
    return fresh, echoed


def _number_part(
    question: Question, keys: Prepared, expected: str
) -> tuple[Part, Callable[[str], bool]]:
    tolerance = question.tolerance

    def is_key(reading: NumberReading) -> bool:
        return any(within(reading.value, k.value, tolerance) for k in keys.key_numbers)

    def part(text: str) -> Verdict:
        said = said_words(text)
        if not said:
            return say.empty(expected)
        as_said = text
        if keys.is_year:
            text = spoken_years(text)
            said = said_words(text)
        elif keys.period is not None:
            text = units.frequencies_as_numbers(text)
            said = said_words(text)
        if (
            said in keys.exact_forms
            and said not in keys.exact_rejects
            and (keys.unit is None or not _UNIT_SYMBOLS.intersection(text))
        ):
            # The key word for word never loses to a reject entry that only looks like it.
            return say.right_number(expected)
        if keys.text_forms or keys.rejects:
            match, reject, _ = match_text(keys, said, keys.text_forms)
            if reject is not None and reject_wins(reject, match) and reject.entry.number is None:
                return say.rejected(reject.text, expected, reject.feedback)
            if match is not None:
                return say.accepted(match, expected)
        fresh, echoed = _new_numbers(keys, text)
        if not fresh:
            return say.prompt_number(expected) if echoed else say.no_number(expected)
        distinct: dict[Decimal, FoundNumber] = {}
        for f in fresh:
            distinct.setdefault(f.reading.value, f)
        if len(distinct) > 1:
            return say.two_numbers([d.text for d in distinct.values()], expected)
        said_number = fresh[0]
        reading = said_number.reading
        for r in keys.rejects:
            # A reject number is one wrong figure, matched exactly: the question's
            # tolerance is for the answer, and would reject the answer itself.
            if r.number is not None and reading.value == r.number.value:
                return say.rejected(r.reject.answer, expected, r.reject.feedback)
        if keys.unit is not None or keys.period is not None:
            values, written, converted = _in_key_units(keys, said_number, text)
            shown = f"{said_number.text} {written}".strip() if written else said_number.text
            if written in ("$", "¥", "€", "us$", "rmb", "usd", "cny", "eur"):
                shown = (
                    f"{written}{said_number.text}"
                    if len(written) < 3
                    else f"{written} {said_number.text}"
                )
            if not values:
                return say.wrong_unit(shown, expected)
            if written.startswith("a ") and keys.period is not None:
                period = keys.period.name.rstrip("s")
                # "twice a month", "一个月两次": the period as the learner said it
                shown = as_said.strip().rstrip(".!?。！？")
                if period not in expected:
                    expected_said = f"{expected} a {period}"
                    if not any(
                        within(v, k.value, tolerance) for v in values for k in keys.key_numbers
                    ):
                        return say.wrong_unit(shown, expected_said)
            if converted:
                key_value = keys.key_numbers[0].value if keys.key_numbers else Decimal(0)
                widest = _widest(tolerance, key_value)
                if any(within(v, k.value, widest) for v in values for k in keys.key_numbers):
                    return say.right_number(expected)
                return say.wrong_unit(shown, expected)
            reading = reading._replace(value=values[0])
        if is_key(reading):
            return say.right_number(expected)
        return _wrong_figure(keys, tolerance, said_number.text, reading, expected)

    def mentions(text: str) -> bool:
        fresh, _ = _new_numbers(keys, text)
        return any(is_key(f.reading) for f in fresh)

    return part, mentions
