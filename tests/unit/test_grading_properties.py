"""Properties of the grader that hold for any input (hypothesis) and strange input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from grading_helpers import q, tol
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizbot.grading import grade
from quizbot.packs.model import Question

QUESTIONS: list[Question] = [
    q(
        "text",
        "Hohhot",
        accept=("呼和浩特",),
        reject=("Baotou",),
        prompt="Which city is the capital of Inner Mongolia?",
    ),
    q("text", "WeChat Work", accept=("企业微信",)),
    q("number", "900 million", prompt="How many registered in 2020?"),
    q("number", "70.4", unit="percent"),
    q("choice", "Hohhot", options=("Baotou", "Hohhot", "Ordos")),
    q("truefalse", "true"),
    q("list", "Guizhou, Yunnan", answers=(("Guizhou", "贵州"), ("Yunnan",)), need=1),
    # issue 9: units, periods, years, money, data, numbers in lists, t2s exceptions
    q("number", "8 minutes"),
    q("number", "5500 °C"),
    q("number", "100 °F", tolerance=tol("1")),
    q("number", "twice", prompt="How often a year is it published?"),
    q("number", "8848", unit="metres"),
    q("number", "4000", unit="yuan"),
    q("number", "1 GB"),
    q("number", "100 Mbps"),
    q("number", "2020", prompt="Which year?"),
    q("number", "3.42亿", unit="people"),
    q("list", "342 million, 215 million", answers=(("342 million",), ("215 million",))),
    q(
        "list",
        "Jupiter, Saturn, Uranus, Neptune",
        answers=(("Jupiter",), ("Saturn",), ("Uranus",), ("Neptune",)),
    ),
    q("text", "髮", reject=("發",)),
    q("choice", "企业微信", options=("钉钉", "企业微信"), prompt="哪个应用？"),
]
# Pieces people write around numbers: mixed into responses to reach the unit and list paths.
PIECES = st.sampled_from(
    [
        "8", "480", "3.42", "900", "twice", "every", "six", "months", "a", "year", "per",
        "minutes", "hours", "km", "m", "°C", "kelvin", "$", "¥", "元", "亿", "万", "一亿",
        "五千万", "9亿3千万", "GB", "MB", "Mbps", "%", "percentage points", "twenty",
        "nineteen", "ninety-seven", ",", " and ", "etc", "not", "(", ")", "E", "no,", "—",
        "企業微信", "髮", "發", "light years", "每年", "两次", "-", "/", "\n", "\x00",
    ]
)  # fmt: skip
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.sampled_from(QUESTIONS), st.text(max_size=300))
def test_no_input_raises_or_hits_the_safety_net(question: Question, response: str) -> None:
    verdict = grade(question, response)
    assert verdict.reason != "error"
    assert verdict.verdict in ("correct", "partial", "incorrect")
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.feedback and "\n" not in verdict.feedback


@FAST
@given(st.sampled_from(QUESTIONS), st.lists(PIECES, max_size=12).map(" ".join))
def test_number_and_unit_phrases_never_raise(question: Question, response: str) -> None:
    verdict = grade(question, response)
    assert verdict.reason != "error"
    assert verdict.verdict in ("correct", "partial", "incorrect")
    assert 0.0 <= verdict.score <= 1.0


@FAST
@given(st.sampled_from(QUESTIONS), st.text(max_size=100))
def test_grading_is_deterministic(question: Question, response: str) -> None:
    assert grade(question, response) == grade(question, response)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
KEY = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


@FAST
@given(KEY, st.lists(KEY, max_size=3), st.text(max_size=60))
def test_a_keys_own_answer_and_aliases_are_correct(
    answer: str, accept: list[str], prompt: str
) -> None:
    question = q("text", answer, accept=tuple(accept), prompt=prompt)
    for form in (answer, *accept):
        assert grade(question, form).correct, form


@FAST
@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_a_number_key_reads_its_own_answer(value: Decimal) -> None:
    text = f"{value:f}"
    assert grade(q("number", text), text).correct


NUMBER_FORMS = [
    lambda v: f"{v:,}",
    lambda v: f"{v}",
    lambda v: f"about {v}",
    lambda v: f"{v} people",
    lambda v: f"{v / 1_000_000:g} million" if v % 1_000_000 == 0 else f"{v}",
]


@FAST
@given(
    st.integers(min_value=1, max_value=999).map(lambda n: n * 1_000_000),
    st.integers(min_value=1, max_value=10**10),
    st.sampled_from(NUMBER_FORMS),
)
def test_any_other_number_is_never_correct(key: int, other: int, form: object) -> None:
    if other == key:
        other += 1
    question = q("number", f"{key // 1_000_000} million", prompt="How many people?")
    response = form(other)  # type: ignore[operator]
    assert not grade(question, response).correct, response


@FAST
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_digits_that_look_alike_are_different_numbers(a: int, b: int) -> None:
    if a == b:
        return
    question = q("number", f"{a} million")
    assert not grade(question, f"{b} million").correct
    swapped = int(str(a)[::-1] + "0")
    assert grade(question, f"{swapped} million").correct is (swapped == a)


STRANGE = [
    "",
    "\x00\x01\x02",
    "\u202eHohhot\u202c",
    "مرحبا بالعالم",
    "🙂🙂🙂",
    "Hohhot\u200b",
    "a" * 100_000,
    "Hohhot " * 20_000,
    "9" * 50_000,
    "not " * 5000 + "Hohhot",
    " or ".join(["Hohhot"] * 3000),
    "(" * 1000 + ")" * 1000,
    "九" * 10_000,
    "\n" * 10_000,
    "%" * 1000,
    "1,2," * 5000,
]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.type)
@pytest.mark.parametrize("response", STRANGE, ids=range(len(STRANGE)))
def test_strange_input_is_graded_without_error(question: Question, response: str) -> None:
    verdict = grade(question, response)
    assert verdict.reason != "error"
    assert verdict.verdict != "correct" or len(response) < 100


def test_a_hidden_control_character_does_not_change_the_grade() -> None:
    assert grade(QUESTIONS[0], "Hoh\u200bhot").correct
    assert grade(QUESTIONS[0], "\u202eHohhot\u202c").correct
