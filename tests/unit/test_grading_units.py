"""The contract's Units and Rates rules, as a table: right and wrong cases for every quantity."""

from __future__ import annotations

from pathlib import Path

import pytest
from grading_helpers import q, tol

from quizbot.grading import grade
from quizbot.lexicon import units
from quizbot.packs.loader import load_pack
from quizbot.packs.model import Question

MINUTES = q("number", "8 minutes", prompt="How long did it take to get a health code?")
MINUTES_UNIT = q("number", "8", unit="minutes", prompt="How long did it take?")
MINUTES_CN = q("number", "8分钟", prompt="多长时间？")
AGE = q("number", "4.6 billion years", prompt="How old is the Sun?")
SURFACE = q("number", "5500 °C", prompt="How hot is the Sun's surface?")
YUAN = q("number", "4000", unit="yuan", prompt="How much did the course cost?")
YUAN_TEXT = q("number", "40 yuan", prompt="How much per month?")
DOLLARS = q("number", "$4000", prompt="How much in dollars?")
DISTANCE = q("number", "10 km", prompt="How long was the run?")
FEVER = q("number", "100 °F", prompt="What temperature is a fever?")
YEAR_LONG = q("number", "1 year", prompt="How long was the plan?")
HEIGHT = q("number", "8848", unit="metres", prompt="How high is Everest?")
USERS = q("number", "900 million", prompt="How many registered?")
SPEED = q("number", "100 Mbps", prompt="How fast is the village broadband?")
STORAGE = q("number", "1 GB", prompt="How much storage was given?")
MASS = q("number", "2 kg", prompt="How heavy?")
RATE = q("number", "70.4", unit="percent", prompt="What was the internet penetration rate?")
TWICE_PROMPT = q("number", "twice", prompt="How often a year is the CNNIC report published?")
TWICE_ANSWER = q("number", "twice a year", prompt="How often is the CNNIC report published?")
SINCE = q("number", "1997", prompt="Since which year has the report come out?")
PEOPLE = q("number", "900 million", unit="people", prompt="How many registered?")
TEMPERATURE_TOL = q("number", "37", unit="°C", tolerance=tol("0.5"), prompt="Body temperature?")

C, X = "correct", "incorrect"

CASES: list[tuple[Question, str, str, str | None]] = [
    # time
    (MINUTES, "8 minutes", C, None),
    (MINUTES, "8", C, "number"),  # no unit takes the answer's
    (MINUTES, "eight minutes", C, "number"),
    (MINUTES, "8 mins", C, "number"),
    (MINUTES, "8 min", C, "number"),
    (MINUTES, "8 minuts", C, "number"),  # one slip in a unit word of 4+ letters
    (MINUTES, "8分钟", C, "number"),
    (MINUTES, "480 seconds", C, "number"),
    (MINUTES, "0.1333 hours", C, "number"),  # conversions round: within 0.5%
    (MINUTES, "8 hours", X, "wrong_unit"),
    (MINUTES, "8 km", X, "wrong_unit"),
    (MINUTES, "8 seconds", X, "wrong_unit"),
    (MINUTES, "9 minutes", X, "wrong_number"),
    (MINUTES_UNIT, "8 minutes", C, "number"),
    (MINUTES_UNIT, "8 hours", X, "wrong_unit"),
    (MINUTES_CN, "8 minutes", C, "number"),
    (MINUTES_CN, "8小时", X, "wrong_unit"),
    (YEAR_LONG, "52 weeks", C, "number"),
    (YEAR_LONG, "12 months", C, "number"),
    (YEAR_LONG, "365 days", C, "number"),
    (YEAR_LONG, "1 month", X, "wrong_unit"),
    (AGE, "4.6 billion years", C, None),
    (AGE, "4.6 billion", C, "number"),
    (AGE, "4.6 billion light years", X, "wrong_unit"),  # a length, not a time
    # length
    (DISTANCE, "10 km", C, None),
    (DISTANCE, "10 kilometres", C, "number"),
    (DISTANCE, "10 kilometers", C, "number"),
    (DISTANCE, "10公里", C, "number"),
    (DISTANCE, "6.2 miles", C, "number"),
    (DISTANCE, "10000 metres", C, "number"),
    (DISTANCE, "10 cm", X, "wrong_unit"),  # never a slip in an abbreviation
    (DISTANCE, "10 miles", X, "wrong_unit"),
    (DISTANCE, "10 kg", X, "wrong_unit"),
    (HEIGHT, "8848 m", C, "number"),  # "m" is metres when the answer is in metres
    (HEIGHT, "8848m", C, "number"),
    (HEIGHT, "8.848 km", C, "number"),
    (HEIGHT, "8848米", C, "number"),
    (HEIGHT, "8848 feet", C, "number"),  # not a known unit: a noun, ignored
    (HEIGHT, "8848 minutes", X, "wrong_unit"),
    (USERS, "900m", C, "number"),  # elsewhere "m" is million
    (USERS, "900 m", C, "number"),
    # mass
    (MASS, "2000 g", C, "number"),
    (MASS, "2 kilograms", C, "number"),
    (MASS, "2公斤", C, "number"),
    (MASS, "2 tonnes", X, "wrong_unit"),
    (MASS, "2 km", X, "wrong_unit"),
    # temperature, with offsets
    (SURFACE, "5500 °C", C, None),
    (SURFACE, "5500", C, "number"),
    (SURFACE, "5500 degrees", C, "number"),  # degrees in the answer's own scale
    (SURFACE, "5500 celsius", C, "number"),
    (SURFACE, "5500℃", C, "number"),
    (SURFACE, "5500度", C, "number"),
    (SURFACE, "5773 kelvin", C, "number"),
    (SURFACE, "5773 K", C, "number"),  # K after a temperature is kelvin, not thousand
    (SURFACE, "5500 K", X, "wrong_unit"),
    (SURFACE, "5500 kelvin", X, "wrong_unit"),
    (SURFACE, "5500 °F", X, "wrong_unit"),
    (FEVER, "37.8 °C", C, "number"),
    (FEVER, "100 fahrenheit", C, "number"),
    (FEVER, "100 °C", X, "wrong_unit"),
    (TEMPERATURE_TOL, "37.4", C, "number"),
    (TEMPERATURE_TOL, "98.6 °F", C, "number"),
    (TEMPERATURE_TOL, "310.15 kelvin", C, "number"),
    (TEMPERATURE_TOL, "37 °F", X, "wrong_unit"),
    # money never converts
    (YUAN, "4000", C, "number"),
    (YUAN, "4000 yuan", C, "number"),
    (YUAN, "¥4000", C, "number"),
    (YUAN, "4000元", C, "number"),
    (YUAN, "RMB 4000", C, "number"),
    (YUAN, "$4000", X, "wrong_unit"),
    (YUAN, "4000 dollars", X, "wrong_unit"),
    (YUAN, "€4000", X, "wrong_unit"),
    (YUAN, "4000 minutes", X, "wrong_unit"),
    (YUAN_TEXT, "40", C, "number"),
    (YUAN_TEXT, "40 dollars", X, "wrong_unit"),
    (DOLLARS, "4000 dollars", C, "number"),
    (DOLLARS, "4000 yuan", X, "wrong_unit"),
    # data: 1000 or 1024
    (STORAGE, "1000 MB", C, "number"),
    (STORAGE, "1024 MB", C, "number"),
    (STORAGE, "1 gigabyte", C, "number"),
    (STORAGE, "1 TB", X, "wrong_unit"),
    (STORAGE, "1 GB", C, None),
    # rates
    (SPEED, "100 Mbps", C, None),
    (SPEED, "100", C, "number"),
    (SPEED, "0.1 Gbps", C, "number"),
    (SPEED, "100 Gbps", X, "wrong_unit"),
    (SPEED, "100 MB", X, "wrong_unit"),
    # percent and percentage points
    (RATE, "70.4", C, "number"),
    (RATE, "70.4%", C, "number"),
    (RATE, "70.4 percent", C, "number"),
    (RATE, "70.4 percentage points", C, "number"),
    (RATE, "70.4 minutes", X, "wrong_unit"),
    # periods
    (TWICE_PROMPT, "twice", C, "number"),
    (TWICE_PROMPT, "twice a year", C, "number"),
    (TWICE_PROMPT, "2 times per year", C, "number"),
    (TWICE_PROMPT, "every six months", C, "number"),
    (TWICE_PROMPT, "twice a month", X, "wrong_unit"),
    (TWICE_PROMPT, "twice a week", X, "wrong_unit"),
    (TWICE_PROMPT, "每年两次", C, "number"),
    (TWICE_PROMPT, "一年两次", C, "number"),
    (TWICE_PROMPT, "每月两次", X, "wrong_unit"),
    (TWICE_PROMPT, "biannually", C, "number"),
    (TWICE_PROMPT, "semi-annually", C, "number"),
    (TWICE_PROMPT, "twice yearly", C, "number"),
    (TWICE_PROMPT, "twice per annum", C, "number"),
    (TWICE_PROMPT, "quarterly", X, "wrong_number"),
    (TWICE_PROMPT, "annually", X, "wrong_number"),
    (TWICE_ANSWER, "twice", C, "number"),
    (TWICE_ANSWER, "twice annually", C, "number"),
    (TWICE_ANSWER, "every 6 months", C, "number"),
    (TWICE_ANSWER, "twice a month", X, "wrong_unit"),
    (TWICE_ANSWER, "every month", X, None),
    (TWICE_ANSWER, "three times a year", X, "wrong_number"),
    # 年 after a year is no unit
    (SINCE, "1997年", C, "number"),
    (SINCE, "1997", C, "number"),
    # a counting noun is a label, not checked
    (PEOPLE, "900 million people", C, "number"),
    (PEOPLE, "900 million", C, "number"),
    (PEOPLE, "900 million users", C, "number"),
]


@pytest.mark.parametrize(
    ("question", "response", "verdict", "reason"),
    CASES,
    ids=[f"{c[0].answer}|{c[1]}" for c in CASES],
)
def test_units(question: Question, response: str, verdict: str, reason: str | None) -> None:
    graded = grade(question, response)
    assert graded.verdict == verdict, graded
    if reason is not None:
        assert graded.reason == reason, graded


@pytest.mark.parametrize(
    ("question", "response", "feedback"),
    [
        (MINUTES, "8 hours", "“8 hours” is not 8 minutes."),
        (AGE, "4.6 billion light years", "“4.6 billion light years” is not 4.6 billion years."),
        (SURFACE, "5500 kelvin", "“5500 kelvin” is not 5500 °C."),
        (YUAN, "$4000", "“$4000” is not 4000 yuan."),
        (TWICE_PROMPT, "twice a month", "“twice a month” is not twice a year."),
        (TWICE_PROMPT, "Twice a month.", "“Twice a month” is not twice a year."),
        (TWICE_PROMPT, "一个月两次", "“一个月两次” is not twice a year."),
        (MINUTES_UNIT, "8", "Correct — 8 minutes."),
        (PEOPLE, "900 million", "Correct — 900 million people."),
    ],
)
def test_feedback_names_the_unit(question: Question, response: str, feedback: str) -> None:
    assert grade(question, response).feedback == feedback


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("minutes", "minutes"),
        ("min", "minutes"),
        ("km", "km"),
        ("Kilometres", "km"),
        ("°C", "°C"),
        ("℃", "°C"),
        ("yuan", "yuan"),
        ("元", "yuan"),
        ("GB", "GB"),
        ("Mbps", "Mbps"),
        ("percent", "percent"),
        ("小时", "hours"),
    ],
)
def test_unit_names_are_looked_up(name: str, unit: str) -> None:
    found = units.lookup(name)
    assert found is not None and found.name == unit


@pytest.mark.parametrize(
    ("name", "suggestion"), [("minuts", "minutes"), ("kilometrs", "kilometres")]
)
def test_a_misspelt_unit_gets_a_suggestion(name: str, suggestion: str) -> None:
    assert units.lookup(name) is None
    assert units.suggest(name) == suggestion


@pytest.mark.parametrize("name", ["people", "poor counties", "users"])
def test_counting_nouns_are_labels(name: str) -> None:
    assert units.lookup(name) is None
    assert units.suggest(name) is None
    assert units.is_counting_noun(name)


def test_the_table_is_consistent() -> None:
    """Every word and abbreviation names one unit, and abbreviations are never fuzzy."""
    assert units.WORDS["minutes"] is units.WORDS["minute"]
    assert not set(units.WORDS) & {"km", "cm", "mm", "kg", "mb", "gb"}


def _validate(tmp_path: Path, answer: str, unit: str) -> list[str]:
    path = tmp_path / "pack.yaml"
    path.write_text(
        "pack: p\ntitle: t\nquestions:\n  - id: a\n    type: number\n"
        f"    prompt: How long?\n    answer: {answer}\n    unit: {unit}\n",
        encoding="utf-8",
    )
    return [p.message for p in load_pack(path).problems]


@pytest.mark.parametrize(
    ("answer", "unit", "problem"),
    [
        ("8", "minutes", None),
        ("8", "'°C'", None),
        ("8", "people", None),
        ("8 minutes", "minutes", None),
        ("8 minutes", "min", None),
        ("8", "minuts", "unknown unit 'minuts' (did you mean 'minutes'?)"),
        ("8", "percnt", "unknown unit 'percnt' (did you mean 'percent'?)"),
        ("8", "km/hh", "unknown unit 'km/hh' (name a unit such as"),
        ("8 hours", "minutes", "the answer '8 hours' is in hours but unit is 'minutes'"),
    ],
)
def test_unit_keys_are_validated(
    tmp_path: Path, answer: str, unit: str, problem: str | None
) -> None:
    found = _validate(tmp_path, answer, unit)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(problem), found
