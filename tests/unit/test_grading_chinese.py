"""Traditional and simplified Chinese, Chinese numbers, years, and true missing-scale feedback."""

from __future__ import annotations

import pytest
from grading_helpers import q, tol

from quizbot.grading import grade
from quizbot.packs.model import Question, Reject

WECHAT_WORK = q("text", "企业微信", accept=("WeChat Work",), prompt="Which app grew fastest?")
WECHAT_WORK_TRAD = q("text", "企業微信", prompt="Which app grew fastest?")
INNER_MONGOLIA = q("text", "内蒙古", accept=("Inner Mongolia",), prompt="Which region?")
HAIR = q("text", "髮", reject=(Reject("發", "That is 'to send'."),), prompt="Which character?")
CHOICE = q("choice", "企业微信", options=("钉钉", "企业微信", "腾讯会议"), prompt="哪个应用？")
LIST = q("list", "贵州, 云南", answers=(("贵州",), ("云南",)), prompt="Name two provinces.")
LEARNERS = q("number", "3.42亿", prompt="How many used online education?")
ONE_AND_A_HALF = q("number", "1.5亿", prompt="How many?")
NINE_THREE = q("number", "930 million", prompt="How many?")
WAN = q("number", "400万", prompt="How many users?")
TOLERANT = q("number", "903.6 million", tolerance=tol("0.01", True), prompt="How many?")
YEAR = q("number", "2020", prompt="In which year did remote work take off?")
SINCE = q("number", "1997", prompt="Since which year has the report come out?")
FORTY_FIVE = q("number", "45 million", prompt="How many?")

C, X = "correct", "incorrect"

CASES: list[tuple[Question, str, str, str | None]] = [
    # traditional is simplified, everywhere the grader compares
    (WECHAT_WORK, "企業微信", C, "exact"),
    (WECHAT_WORK, "企业微信", C, "exact"),
    (WECHAT_WORK_TRAD, "企业微信", C, "exact"),
    (WECHAT_WORK_TRAD, "企業微信", C, "exact"),
    (INNER_MONGOLIA, "內蒙古", C, "exact"),
    (CHOICE, "企業微信", C, None),
    (CHOICE, "钉钉", X, None),
    (LIST, "貴州, 雲南", C, None),
    # ...unless that would merge the answer with a reject of the same question
    (HAIR, "髮", C, "exact"),
    (HAIR, "發", X, "rejected"),
    (HAIR, "发", X, None),
    # Chinese numbers wherever they stand
    (LEARNERS, "3.42 亿", C, "number"),
    (LEARNERS, "3.42亿", C, None),
    (LEARNERS, "3.42 亿人", C, "number"),
    (LEARNERS, "about 3.42 亿", C, "number"),
    (LEARNERS, "34200 万", C, "number"),
    (LEARNERS, "342 million", C, "number"),
    (LEARNERS, "3.46 亿", X, "wrong_number"),
    (ONE_AND_A_HALF, "1.5 亿", C, "number"),
    (ONE_AND_A_HALF, "15000 万", C, "number"),
    (ONE_AND_A_HALF, "一亿 五千万", C, "number"),
    (ONE_AND_A_HALF, "一億五千萬", C, "number"),
    (ONE_AND_A_HALF, "一亿 六千万", X, "wrong_number"),
    (NINE_THREE, "9亿3千万", C, "number"),
    (NINE_THREE, "九亿三千万", C, "number"),
    (NINE_THREE, "9亿", X, "wrong_number"),
    # years as people say them, when the answer is a year
    (YEAR, "twenty twenty", C, "number"),
    (YEAR, "two thousand and twenty", C, "number"),
    (YEAR, "二〇二〇年", C, "number"),
    (YEAR, "2020年", C, "number"),
    (YEAR, "twenty nineteen", X, "wrong_number"),
    (SINCE, "nineteen ninety-seven", C, "number"),
    (SINCE, "nineteen ninety seven", C, "number"),
    (SINCE, "nineteen ninety-eight", X, "wrong_number"),
    (FORTY_FIVE, "forty fifty million", X, "two_numbers"),
    (FORTY_FIVE, "forty-five million", C, "number"),
    # missing-scale feedback must be true
    (WAN, "4", X, "missing_scale"),
    (WAN, "400", X, "missing_scale"),
    (WAN, "4 million", C, "number"),
    (TOLERANT, "904", X, "missing_scale"),
    (TOLERANT, "904 million", C, "number"),
]


@pytest.mark.parametrize(
    ("question", "response", "verdict", "reason"),
    CASES,
    ids=[f"{c[0].answer}|{c[1]}" for c in CASES],
)
def test_chinese_and_numbers(
    question: Question, response: str, verdict: str, reason: str | None
) -> None:
    graded = grade(question, response)
    assert graded.verdict == verdict, graded
    if reason is not None:
        assert graded.reason == reason, graded


@pytest.mark.parametrize(
    ("question", "response", "scale"),
    [(WAN, "4", "million"), (WAN, "400", "万"), (TOLERANT, "904", "million")],
)
def test_missing_scale_feedback_names_the_scale_that_is_missing(
    question: Question, response: str, scale: str
) -> None:
    assert f"missing its scale ({scale})" in grade(question, response).feedback


def test_a_spoken_year_is_quoted_as_the_year_it_means() -> None:
    feedback = grade(YEAR, "twenty nineteen").feedback
    assert "2019" in feedback and "twenty is" not in feedback


# Feedback quotes the learner's words as typed: t2s is only for comparing.
QUOTED_AS_TYPED: list[tuple[Question, str, str, str]] = [
    (WECHAT_WORK, "釘釘會議", "“釘釘會議”", "钉钉会议"),
    (WECHAT_WORK, "企業微信或者釘釘", "(“企業微信” or “釘釘”)", "钉钉"),
    (WECHAT_WORK, "企業 微信 app 電話", "“企業 微信 app 電話”", "电话"),
    (LIST, "貴州, 臺灣", "臺灣 is not on the list", "台湾"),
    (LIST, "貴州, 臺灣", "贵州 right", "貴州 right"),  # an item is named as the pack has it
    (WAN, "五百萬", "“五百萬”", "五百万"),
    (INNER_MONGOLIA, "內蒙古的呼和浩特", "“內蒙古的呼和浩特”", "内蒙古的"),
]


@pytest.mark.parametrize(("question", "response", "present", "absent"), QUOTED_AS_TYPED)
def test_feedback_quotes_traditional_characters_as_typed(
    question: Question, response: str, present: str, absent: str
) -> None:
    feedback = grade(question, response).feedback
    assert present in feedback, feedback
    assert absent not in feedback, feedback


def test_the_expected_answer_is_still_shown_as_the_pack_writes_it() -> None:
    feedback = grade(WECHAT_WORK, "釘釘").feedback
    assert feedback == "The answer is 企业微信, not “釘釘”."
    assert grade(HAIR, "發").feedback == "That is 'to send'."  # compared as typed anyway
