"""Comparisons ("which is larger, A or B?", "how many more A than B?") and causes
("why ...?"): reading the question's two sides, and saying the difference."""

from __future__ import annotations

import re

COMPARE = re.compile(
    r"\b(?:which (?:is|are|was|were|has|had) (?:larger|bigger|greater|more|higher|smaller"
    r"|fewer|less|lower)|which (?:one )?(?:has|had) more|how many more|how much more"
    r"|how many fewer|compare|difference between|more than|larger than|bigger than)\b"
)
# "A or B", "A than B", "between A and B", "A vs B", "A compared to B"
SIDES = re.compile(r"\s*(?:\bor\b|\bthan\b|\bvs\.?|\bversus\b|\bcompared (?:to|with)\b|,)\s*")
FILLER = re.compile(
    r"\b(?:which|is|are|was|were|has|had|one|larger|bigger|greater|more|higher|smaller|fewer"
    r"|less|lower|how|many|much|compare|difference|between|the|number|of|people|users?"
    r"|use|using|did|do|does|there|in|china)\b"
)
DATES_ONLY = re.compile(
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|(?:19|20)\d\d|last|this|year|end|of|at|by|the)\s*)+"
)
MEASURE = re.compile(r"\b(?:users?|people|workers?|members?|times|villages|schools|counties)\b")
CAUSE = re.compile(
    r"\b(?:as a result of|because of|because|thanks to|due to|owing to)\b\s+([^,.;]+)",
)


def comparison_subjects(question: str) -> tuple[str, str] | None:
    """The two things a comparison question sets side by side, or None."""
    # Only words: the sides are said back to the learner, and nothing typed may reach
    # the terminal as a control sequence.
    text = re.sub(r"[^\w\s,'-]", " ", question.casefold()).strip()
    if not COMPARE.search(text):
        return None
    text = re.sub(r"\bbetween\b(.*)\band\b", r"between \1 or ", text)
    parts = [FILLER.sub(" ", part) for part in SIDES.split(text)]
    sides = [" ".join(part.split()) for part in parts]
    sides = [side for side in sides if side]
    if len(sides) != 2 or any(DATES_ONLY.fullmatch(side) for side in sides):
        # "How many more users in December than in March?" sets two dates side by
        # side, not two things: it asks how much one thing grew.
        return None
    return sides[0], sides[1]


def comparison_rest(question: str) -> str:
    """The measure both sides share ("users", "people"), to ask each side with."""
    found = MEASURE.findall(question.casefold())
    return found[0] if found else ""


def figure_value(figure: str | None) -> tuple[float, str] | None:
    """ "342 million" -> (342e6, "million"); "98 percent" -> (98, "percent")."""
    if not figure:
        return None
    match = re.match(r"\D*?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|percent|%)?", figure)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    unit = match.group(2) or ""
    scale = {"thousand": 1e3, "million": 1e6, "billion": 1e9}.get(unit, 1.0)
    return value * scale, "percent" if unit in ("percent", "%") else unit


def say(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:g} percentage points"
    for name, scale in (("billion", 1e9), ("million", 1e6)):
        if value >= scale:
            return f"{round(value / scale, 3):g} {name}"
    return f"{value:,.0f}"


def compare_line(subjects: tuple[str, str], figures: tuple[str | None, str | None]) -> str | None:
    """ "Remote work: 346 million; online education: 342 million. Remote work is larger,
    by 4 million." (None when the figures cannot be compared)."""
    a, b = figure_value(figures[0]), figure_value(figures[1])
    if a is None or b is None or (a[1] == "percent") != (b[1] == "percent"):
        return None
    sides = f"{subjects[0].capitalize()}: {figures[0]}; {subjects[1]}: {figures[1]}."
    if a[0] == b[0]:
        return f"{sides} They are the same."
    larger, smaller = (subjects[0], subjects[1]) if a[0] > b[0] else (subjects[1], subjects[0])
    difference = say(abs(a[0] - b[0]), a[1])
    return f"{sides} {larger.capitalize()} is larger than {smaller}, by {difference}."


def cause_of(text: str) -> str | None:
    """The cause a statement gives ("as a result of the COVID-19 pandemic"), or None."""
    match = CAUSE.search(text)
    if match is None:
        return None
    return match.group(0).strip()
