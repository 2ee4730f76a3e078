"""What a question asks for (a number, a date, a person, a place, a reason) and the
phrase of a statement that answers it: the blank the figure or name is in."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizbot.knowledge.compare import figure_value, say
from quizbot.knowledge.words import (
    MONTH_ORDER,
    MONTHS,
    STOP_WORDS,
    is_year,
    normalise,
    split_words,
    stem,
)

HOW_MANY = re.compile(
    r"\b(?:how (?:many|much|big|large|high|fast|often)|what (?:percent|percentage|share|proportion|"
    r"number|fraction|rate|size|population)|what's the (?:number|rate|share|percentage)"
    r"|(?:the |what is the |whats the )?(?:number|population|size|count|total) of"
    r"|(?:what|whats)(?: is| was| are| were)? the [\w\s'-]{0,40}?"
    r"(?:rate|percentage|share|proportion|number|population|size))\b"
)
PERCENT = re.compile(r"\b(?:percent|percentage|share|proportion|fraction|rate|per cent)\b")
# A measure that is a count of things, never a share: "the population of China".
COUNT_MEASURE = re.compile(r"\b(?:population|how big|how large|size|area)\b")
WHEN = re.compile(r"\b(?:when|what year|which year|since when|what date|what day|which day)\b")
WHO = re.compile(r"^\W*(?:who|whom|whose)\b|\bwho (?:is|was|are|wrote|said)\b")
WHERE = re.compile(r"^\W*where\b|\bwhere (?:is|are|was|were|did|do)\b")
WHY = re.compile(r"^\W*why\b|\b(?:what caused|because of what|for what reason|how come)\b")
IDENTITY = re.compile(
    r"^\W*(?:(?:what|who)(?:'s|s)?(?: (?:is|are|was|were))\b|(?:what|who)'s\b|tell (?:me|us)"
    r" (?:more )?about\b)"
)
STAND_FOR = re.compile(r"\b(?:stand|stands) for\b|\bshort for\b|\bfull name\b|\babbreviation\b")
DEFINE = re.compile(
    r"^\W*(?:(?:what|who)(?:'s|s)?\b(?! (?:did|does|do|has|had|have|can|could|will|would)\b)"
    r"(?: (?:is|are|was|were))?(?: an?| the)?(?: [\w-]+){1,4}\W*$"
    r"|tell (?:me|us) (?:more )?about|what about|explain|describe)"
)

QUANTITY = re.compile(
    r"^(?:about |over |nearly |more than |some )?\d[\d.,]*\s*"
    r"(?:million|billion|thousand|percent|per cent|%|percentage points?)?$",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
NUMBER_IN_TEXT = re.compile(
    r"\b\d[\d.,]*\s*(?:million|billion|thousand|percentage points?|percent|per cent|%)"
    r"|(?<![\w:])\d{1,3}(?![\w:])(?!,? ?(?:19|20)\d\d)"
)
DATE_IN_TEXT = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, (?:19|20)\d\d"
    r"|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) (?:19|20)\d\d"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) (?:19|20)\d\d"
    r"|(?:19|20)\d\d)\b"
)
# "Han Lei, editor-in-chief of ...,": a noun phrase between commas, not a clause.
APPOSITION = r", (?!(?:was|is|were|are|said|says|has|had|and|who|which|but)\b)((?:the )?[^,.]+)[,.]"
PLACE_BEFORE = re.compile(r"\b(?:in|at|of|from|to|like)(?: the| an| a)?(?: [a-z]+)?\s*$")
VENUE_BEFORE = re.compile(r"\bat (?:an?|the)\s*$")
PLACE_IN_TEXT = (
    re.compile(r"\bin (?:the )?((?:[A-Z][\w-]+)(?: [A-Z][\w-]+)*)"),
    re.compile(r"\bat (?:the )?((?:[A-Z][\w-]+)(?: [A-Z][\w-]+)*)"),
)
_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve twenty twice"
NUMBER_WORDS = frozenset(_NUMBER_WORDS.split())
# "Which organisation ...?": the answer is a name.
WHICH_NAME = re.compile(
    r"\b(?:which|what) (?:organi[sz]ation|agency|company|institution|newspaper|website|body"
    r"|centre|center|country|countries|app|person|people|journalist|reporter|official)\b"
)
MONTH_DAY = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}\b"
    r"|\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b"
)


@dataclass(frozen=True)
class Cue:
    """What kind of answer a question wants."""

    number: bool = False  # "how many ...?", "what percentage ...?"
    percent: bool = False  # a share, not a count
    count: bool = False  # a count that a share does not answer ("the population of")
    date: bool = False
    person: bool = False
    place: bool = False
    why: bool = False
    definition: bool = False
    identity: bool = False  # "who is X?", "what is X?", "what does X stand for?"
    spelled_out: bool = False  # "what does X stand for?"
    which: bool = False  # "what did ...?", "which ...?": one phrase of the statement
    name: bool = False  # "which organisation ...?": a name
    # "Which province ...?", "what strategy ...?": the stem of what the answer is; the
    # statement names it next to the answer ("provinces like the hilly Guizhou").
    thing: str = ""
    change: bool = False  # "how much did X grow?": by how much, not how many at last


WHICH = re.compile(
    r"^\W*(?:(?:in|at|on|for|from|by|of|with|to) )?(?:which|what (?:did|has|had|helped|made))\b"
)
WHICH_PLACE = re.compile(r"\b(?:which|what) (?:city|province|place|region|county|village|town)\b")
THING = re.compile(r"^\W*(?:(?:in|at|on|for|from|by|of|with|to) )?(?:which|what) ([a-z][a-z-]+)\b")
# Words after "which"/"what" that say what kind of answer, not what thing it is.
_NOT_THINGS = """percent percentage share proportion fraction rate number year date day month
    time kind type sort size population amount total"""
NOT_THINGS = frozenset(_NOT_THINGS.split())
GROWS = (
    r"(?:grow|grows|grew|grown|growing|growth|increase|increased|increases|rise|rose|risen"
    r"|go up|went up|gone up|jump|jumped|climb|climbed|expand|expanded|gain|gained|add|added)"
)
CHANGE = re.compile(
    rf"\bby how (?:much|many)\b|\bhow (?:much|many) more\b"
    rf"|\bhow (?:much|many|fast|quickly|rapidly)\b(?: [\w'-]+){{0,8}}? "
    rf"{GROWS}\b|\bhow (?:much|big|large|fast) (?:(?:was|is|has been) )?(?:the |its )?{GROWS}\b"
)


def read_cue(question: str) -> Cue:
    """The kind of answer an (English, normalised) question wants."""
    text = normalise(question)
    number = bool(HOW_MANY.search(text))
    percent = number and bool(PERCENT.search(text))
    date = bool(WHEN.search(text))
    thing = THING.search(text)
    kind = thing.group(1) if thing and not (number or date) else ""
    if kind in STOP_WORDS or kind in NOT_THINGS:
        kind = ""
    return Cue(
        number=number,
        percent=percent,
        count=number and not percent and bool(COUNT_MEASURE.search(text)),
        date=date,
        person=bool(WHO.search(text)),
        place=bool(WHERE.search(text) or WHICH_PLACE.search(text)),
        why=bool(WHY.search(text)),
        definition=bool(DEFINE.search(text)) or bool(STAND_FOR.search(text)),
        identity=bool(IDENTITY.search(text) or STAND_FOR.search(text)),
        spelled_out=bool(STAND_FOR.search(text)),
        which=bool(WHICH.search(text)) or bool(kind),
        name=bool(WHICH_NAME.search(text)),
        thing=stem(kind.replace("-", "")) if kind else "",
        change=number and bool(CHANGE.search(text)),
    )


def is_quantity(form: str) -> bool:
    form = form.strip()
    if form.lower() in NUMBER_WORDS:
        return True
    return bool(QUANTITY.match(form)) and not YEAR.match(form)


def is_percent(form: str) -> bool:
    return "percent" in form.lower() or "%" in form


def quantities(text: str, blanks: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The figures a statement gives: its number blanks, or numbers with a unit in it.

    Days of the month ("Feb 14") and years are dates, not figures."""
    found = [with_unit(text, forms[0]) for forms in blanks if is_quantity(forms[0])]
    if found:
        return tuple(found)
    return tuple(m.group().strip() for m in NUMBER_IN_TEXT.finditer(_without_dates(text)))


def _without_dates(text: str) -> str:
    """The text with days of the month, "COVID-19", "4G" and times blanked out."""
    bare = MONTH_DAY.sub(" ", text)
    return re.sub(r"\b(?:COVID|covid)-19\b|\b\d+G\b|\d\d:\d\d", " ", bare)


# "an increase of 85.4 million", "up by 5.9 percentage points", "grew by another 73.6%"
CHANGE_BEFORE = re.compile(
    r"(?:\b(?:increase|rise|growth|gain|jump|drop|fall) of|\bup(?: by)?|\bby(?: another)?)\s*$",
    re.IGNORECASE,
)
FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)


def change_in(text: str, asked: Mapping[str, float], chinese: bool = False) -> str | None:
    """How much something grew, by the statement: the change it states ("an increase
    of 85.4 million"), else the one its series implies ("from 60 million ... to 400
    million" -> "340 million (from 60 million to 400 million)"), or None."""
    bare = _without_dates(text)
    figures = [(m.start(), m.group().strip()) for m in NUMBER_IN_TEXT.finditer(bare)]
    figures = [(at, with_unit(bare, figure)) for at, figure in figures if is_quantity(figure)]
    for at, figure in figures:
        if CHANGE_BEFORE.search(bare, max(0, at - 20), at):
            return chinese_figure(figure) if chinese else figure
    starts = [(at, figure) for at, figure in figures if FROM_BEFORE.search(bare, 0, at)]
    if not starts:
        return None
    start_at, start = starts[0]
    ends = [f for at, f in figures if at > start_at and is_percent(f) == is_percent(start)]
    if not ends:
        return None
    # The figure the question dates ("by May"), else the latest of the series.
    end = max(
        ends,
        key=lambda f: (_closeness(text, f, asked, set()), dated_after(text, f), -ends.index(f)),
    )
    first, last = figure_value(start), figure_value(end)
    if first is None or last is None:
        return None
    grown = say(abs(last[0] - first[0]), last[1])
    if chinese:
        return f"{chinese_figure(grown)}（从{chinese_figure(start)}到{chinese_figure(end)}）"
    return f"{grown} (from {start} to {end})"


UNIT_AFTER = re.compile(r"\s*(percentage points?|percent|per cent|%|times)\b")


def with_unit(text: str, figure: str) -> str:
    """A bare figure with the unit the sentence gives it: "5.9" -> "5.9 percentage points"."""
    if re.search(r"[a-z%]", figure, re.IGNORECASE):
        return figure
    at = text.find(figure)
    if at < 0:
        return figure
    unit = UNIT_AFTER.match(text, at + len(figure))
    return f"{figure} {unit.group(1)}" if unit else figure


def fits(cue: Cue, figures: Sequence[str], has_date: bool) -> bool:
    """Whether a statement with these figures can answer a question with this cue."""
    if cue.number:
        if not figures:
            return False
        shares = [f for f in figures if is_percent(f)]
        if cue.percent and not shares:
            return False
        if cue.count and len(shares) == len(figures):
            return False
    return not (cue.date and not has_date)


def _stems(text: str) -> list[str]:
    return [stem(w.replace("-", "")) for w in split_words(normalise(text))]


class Asked(dict[str, float]):
    """The stems a question stands for, with their weights: its own words, and the
    synonyms and concept words they reach. ``own`` holds its own words only."""

    def __init__(self, own: Mapping[str, float]) -> None:
        super().__init__(own)
        self.own = frozenset(own)


def pick_answer(
    text: str,
    blanks: Sequence[tuple[str, ...]],
    cue: Cue,
    asked: Mapping[str, float],
    chinese: bool = False,
) -> str | None:
    """The blank (or date) of ``text`` that answers the question, or None.

    ``asked`` holds the question's stems and their weights: a blank the question names
    ("where is Inner Mongolia's centre" -> not "Inner Mongolia") is not the answer.
    Among several fitting blanks the one whose neighbouring words the question
    shares wins ("how many times ..." -> "40 billion times").
    """
    own = asked.own if isinstance(asked, Asked) else asked.keys()
    if cue.identity and not (cue.number or cue.date):
        # "Who is Han Lei?", "what is WeChat Work?": the question names it; the answer
        # is what the statement says it is ("Han Lei, editor-in-chief of ...,"), and
        # "what does CNNIC stand for?" is its longest other name.
        for forms in blanks:
            if not (forms[0][:1].isupper() and all(s in own for s in _stems(forms[0]))):
                continue
            if cue.spelled_out:
                longer = [f for f in forms if len(f) > len(forms[0]) and not CJK.search(f)]
                return max(longer, key=len) if longer else forms[0]
            found = re.search(re.escape(forms[0]) + APPOSITION, text)
            if found:
                return found.group(1)
        for forms in blanks:  # "what does CNNIC stand for?": named by an alias
            aliases = [f for f in forms[1:] if all(s in own for s in _stems(f))]
            if cue.spelled_out and aliases:
                return forms[0] if len(forms[0]) > len(aliases[0]) else aliases[0]
    if not (cue.number or cue.date or cue.person or cue.place or cue.which or cue.name):
        return None  # "tell me about X" asks for the statement, not for one word of it
    if cue.change:
        grown = change_in(text, asked, chinese)
        if grown is not None:
            return grown
    # What the question names in its own words ("twice" is a synonym of "often", but
    # "how often?" does not name it): ``own``.
    kinds: list[tuple[str, ...]] = []
    for forms in blanks:
        stems = [s for s in _stems(forms[0]) if s not in STOP_WORDS]
        if stems and all(s in own for s in stems):
            continue  # the question names it
        answer = forms[0]
        if cue.number:
            if not is_quantity(answer):
                continue
            if cue.percent and not is_percent(with_unit(text, answer)):
                continue
        elif cue.date:
            if not (YEAR.match(answer) or DATE_IN_TEXT.fullmatch(answer)):
                continue
        elif cue.place:
            before = text[: max(0, text.find(answer))]
            if not PLACE_BEFORE.search(before):
                continue  # "taken by Xinhua" names no place; "in Hohhot" does
            if not answer[:1].isupper() and not VENUE_BEFORE.search(before):
                continue  # a place is a name, or a venue ("at an online conference")
        elif (cue.person or cue.name) and not answer[:1].isupper():
            continue
        elif cue.thing and is_quantity(answer):
            continue  # "what market ...?" is not answered by a figure
        kinds.append(forms)
    if not kinds:
        if cue.date:
            dates = DATE_IN_TEXT.findall(text)
            return dates[0] if dates else None
        if cue.number:
            figures = quantities(text, ())
            return figures[0] if len(figures) == 1 else None
        if cue.place:
            for pattern in PLACE_IN_TEXT:
                for match in pattern.finditer(text):
                    if not all(s in asked for s in _stems(match.group(1))):
                        return match.group(1)
        return None
    # A neighbour that is itself a blank the question names ("the hilly Guizhou") is the
    # subject, not the attribute asked about: it counts half.
    named = {s for forms in blanks for s in _stems(forms[0])} & asked.keys()

    def closeness(forms: tuple[str, ...]) -> tuple[float, int]:
        return _closeness(text, forms[0], asked, named), -kinds.index(forms)

    best = max(kinds, key=closeness)
    if cue.thing:
        # "Which province ...?": the blank nearest to where the statement says
        # "province(s)" is the province, whatever the other words stand nearer to.
        thing = {cue.thing: 1.0}
        nearest = max(kinds, key=lambda forms: _closeness(text, forms[0], thing, set()))
        if _closeness(text, nearest[0], thing, set()) > 0:
            best = nearest
    if cue.number and closeness(best)[0] == 0 and len(kinds) > 1:
        # Nothing in the question points at one figure of a series ("grew from 60
        # million at the end of 2019 to ... 400 million by December 2020"): the latest.
        best = max(kinds, key=lambda forms: (dated_after(text, forms[0]), -kinds.index(forms)))
    if (cue.which or cue.name) and len(kinds) > 1 and closeness(best)[0] == 0:
        return None  # no word of the question points at one of them
    if chinese:
        return _chinese_form(best)
    return with_unit(text, best[0]) if cue.number else best[0]


def dated_after(text: str, figure: str) -> tuple[int, int]:
    """(year, month) of the date that follows a figure in its clause, or (0, 0)."""
    at = text.find(figure)
    if at < 0:
        return 0, 0
    clause = re.split(r"[,;.]| and ", text[at + len(figure) :], maxsplit=1)[0]
    found = re.search(r"(?:\b([A-Z][a-z]+) )?\b((?:19|20)\d\d)\b", clause)
    if found is None:
        return 0, 0
    month = (found.group(1) or "").lower()
    return int(found.group(2)), MONTH_ORDER.get(month, 12 if "end of" in clause else 0)


TOKEN = re.compile(r"[\w%’'-]+(?:\.\d+)?|[,;:.()]")
# A figure's qualifier follows it ("60 million at the end of 2019"); what stands before
# it belongs to it only up to a break ("... 2019 to 250 million": not 250 million's).
BREAK_BEFORE = frozenset({",", ";", ":", ".", "(", ")", "to", "and", "from", "or"})
BREAK_AFTER = frozenset({",", ";", ":", ".", "(", ")", "and", "or"})
WINDOW = 7
DATE_WEIGHT = 5.0


def _closeness(text: str, answer: str, asked: Mapping[str, float], named: set[str]) -> float:
    """How much of the question's weight stands near the blank (nearer counts more)."""
    at = text.find(answer)
    if at < 0:
        return 0.0
    before = TOKEN.findall(text[:at])[::-1][:WINDOW]
    after = TOKEN.findall(text[at + len(answer) :])[:WINDOW]
    asks_year = any(is_year(word) for word in asked)
    score = 0.0
    for side, stops, step in ((before, BREAK_BEFORE, 1), (after, BREAK_AFTER, -1)):
        for distance, token in enumerate(side, 1):
            word = token.casefold()
            following = side[distance].casefold() if distance < len(side) else ""
            if word == "," and step < 0 and following in ("the", "a", "an"):
                continue  # "Zhang Xiao, the deputy director": an apposition names it
            if word in stops:
                break
            key = stem(word.replace("-", ""))
            # "from March 2020" does not date a figure the question asks about for
            # December 2020: a year counts only with the month the question names.
            at = distance - 1 + step
            month = side[at].casefold() if 0 <= at < len(side) else ""
            if is_year(key) and month in MONTHS and month not in asked:
                continue
            # ... and a month only with the year the question names ("December 2020"
            # is not "the end of 2019").
            at = distance - 1 - step
            year = side[at] if 0 <= at < len(side) else ""
            if word in MONTHS and is_year(year) and year not in asked and asks_year:
                continue
            if key in asked and word not in STOP_WORDS:
                share = 0.5 if key in named else 1.0
                # A year or month the question names picks the figure it dates, however
                # many statements mention that year.
                weight = DATE_WEIGHT if is_year(key) or key in MONTHS else asked[key]
                score += share * weight / math.sqrt(distance)
    return score


CJK = re.compile(r"[\u3400-\u9fff]")


def _chinese_form(forms: tuple[str, ...]) -> str:
    """The blank's Chinese alias, or its figure written the Chinese way (3.42亿, 98%)."""
    for form in forms:
        if CJK.search(form):
            return form
    return chinese_figure(forms[0])


SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def chinese_figure(figure: str) -> str:
    """ "342 million" -> "3.42亿", "85.4 million" -> "8540万", "98 percent" -> "98%"."""
    match = re.fullmatch(r"(\d[\d.,]*)\s*(thousand|million|billion|percent)?", figure.strip())
    if not match:
        return figure
    value = float(match.group(1).replace(",", ""))
    unit = match.group(2)
    if unit == "percent":
        return f"{match.group(1)}%"
    if unit is None:
        return figure
    value *= SCALES[unit]
    if value >= 1e8:
        return f"{value / 1e8:.6g}亿"
    if value >= 1e4:
        return f"{value / 1e4:.6g}万"
    return f"{value:.6g}"
