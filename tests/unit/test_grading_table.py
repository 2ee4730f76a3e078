"""The grading contract as a table: question, response, verdict and reason."""

from __future__ import annotations

import pytest
from grading_helpers import q, tol

from quizbot.grading import grade
from quizbot.packs.model import Question, Reject

# --- questions, written from the contract ------------------------------------

HOHHOT = q(
    "text",
    "Hohhot",
    prompt="Which city is the capital of Inner Mongolia?",
    reject=(Reject("Baotou", "Baotou is the biggest city, but not the capital."),),
)
WECHAT_WORK = q(
    "text",
    "WeChat Work",
    accept=("企业微信",),
    prompt="Which enterprise messaging app grew to 400 million users?",
)
CNNIC = q(
    "text",
    "China Internet Network Information Center",
    accept=("CNNIC",),
    prompt="Which body published the report?",
)
HUBEI = q("text", "Hubei", reject=("Hebei",), prompt="Which province was hit first?")
GUIZHOU = q(
    "text",
    "Guizhou",
    accept=("贵州",),
    prompt="Which hilly province in Southwest China has a big data strategy?",
)
AI = q("text", "Artificial Intelligence", accept=("AI",), prompt="Besides big data, which field?")
FOUR_G = q(
    "text", "4G", prompt="Besides fibre broadband, what mobile connections do villages have?"
)
COVID = q("text", "COVID-19", prompt="Which pandemic sped up remote work?")
COUNTY = q("text", "county", prompt="What kind of place was lifted out of poverty?")
APP = q("text", "app", prompt="What do you install on a phone?")
TELEMEDICINE = q("text", "telemedicine", prompt="What is medical care at a distance called?")
HOHHOT_CN = q("text", "呼和浩特", accept=("Hohhot",), prompt="内蒙古的首府是哪个城市？")

REGISTERED = q(
    "number",
    "900 million",
    prompt="Roughly how many people had registered for China's health QR code?",
)
EDUCATION = q(
    "number",
    "342 million",
    prompt="How many people used online education services at the end of 2020?",
    reject=(Reject("346 million", "346 million is the number of remote workers."),),
)
PENETRATION = q("number", "70.4", unit="percent", prompt="What was the internet penetration rate?")
INCREASE = q("number", "85.4 million", prompt="By how much did users grow from March 2020?")
SINCE = q("number", "1997", prompt="Since which year has the report come out twice a year?")
TWICE = q("number", "twice", prompt="How often a year is the CNNIC report published?")
VILLAGES = q("number", "98", unit="percent", tolerance=tol("1"), prompt="Share of villages?")
USERS = q("number", "989 million", tolerance=tol("0.01", True), prompt="How many internet users?")
USERS_CN = q("number", "3.42亿", prompt="在线教育用户有多少？")
CLOZE_REGISTERED = Question(
    id="health-code#1",
    type="number",
    prompt="Nearly _____ people had registered for the code, using it more than 40 billion times.",
    answer="900 million",
    cloze_of="health-code",
)
CLOZE_RATE = Question(
    id="users#2",
    type="number",
    prompt="The penetration rate reached _____, up by 5.9 percentage points.",
    answer="70.4 percent",
    unit="percent",
    cloze_of="users",
)
CLOZE_TEXT = Question(
    id="villages#1",
    type="text",
    prompt="Nearly all Chinese villages have fibre broadband and _____ mobile connections.",
    answer="4G",
    accept=("fourth generation",),
    cloze_of="villages",
)

CITY = q("choice", "Hohhot", options=("Baotou", "Hohhot", "Ordos", "Chifeng"), prompt="Capital?")
COUNT = q("choice", "342 million", options=("215 million", "342 million", "346 million"))
TRUE = q("truefalse", "true", prompt="The report is published twice a year.")
FALSE = q("truefalse", "false", prompt="The report began in 2007.")

PROVINCES = q(
    "list",
    "Guizhou, Yunnan, Sichuan",
    answers=(("Guizhou", "贵州"), ("Yunnan",), ("Sichuan",)),
    prompt="Name the three provinces.",
)
USES = q(
    "list",
    "health codes, online education, remote work, telemedicine",
    answers=(
        ("health codes",),
        ("online education",),
        ("remote work",),
        ("online medical services", "telemedicine"),
    ),
    need=2,
    prompt="Name two ways the internet helped during the pandemic.",
)
PLANS = q(
    "list",
    "Belt and Road, Internet Plus",
    answers=(("Belt and Road",), ("Internet Plus",), ("Made in China 2025",)),
    need=2,
    prompt="Name two national plans.",
)
CAPITALS = q(
    "list",
    "Hohhot, Inner Mongolia; Guiyang, Guizhou",
    answers=(("Hohhot, Inner Mongolia",), ("Guiyang, Guizhou",)),
    prompt="Name two regional capitals with their regions.",
)

C, P, X = "correct", "partial", "incorrect"

CASES: list[tuple[Question, str, str, str | None]] = [
    # exact, case, articles, filler
    (HOHHOT, "Hohhot", C, "exact"),
    (HOHHOT, "hohhot", C, "exact"),
    (HOHHOT, "HOHHOT", C, "exact"),
    (HOHHOT, "the Hohhot", C, "exact"),
    (HOHHOT, "I think it's Hohhot", C, "exact"),
    (HOHHOT, "The answer is Hohhot.", C, "exact"),
    (HOHHOT, "Hohhot, I think", C, "exact"),
    (HOHHOT, "it is Hohhot!", C, "exact"),
    (HOHHOT, "Maybe Hohhot?", C, "exact"),
    (HOHHOT, "  Hohhot  ", C, "exact"),
    (HOHHOT, "Ｈｏｈｈｏｔ", C, "exact"),
    # slips within the budget (4-7 letters: one)
    (HOHHOT, "Hohot", C, "typo"),
    (HOHHOT, "Hohhott", C, "typo"),
    (HOHHOT, "Hohhto", C, "typo"),
    (HOHHOT, "Huhhot", C, "typo"),
    (HOHHOT, "Hooht", X, "wrong"),
    (HOHHOT, "Hhht", X, "wrong"),
    # prompt words
    (HOHHOT, "Hohhot, Inner Mongolia", C, None),
    (HOHHOT, "Hohhot city", C, None),
    (HOHHOT, "Inner Mongolia", X, "prompt_only"),
    (HOHHOT, "the capital of Inner Mongolia", X, "prompt_only"),
    (HOHHOT, "Hohhot Ordos", X, "wrong"),
    # reject entries win, with the same forgiveness
    (HOHHOT, "Baotou", X, "rejected"),
    (HOHHOT, "Baotuo", X, "rejected"),
    (HUBEI, "Hebei", X, "rejected"),
    (HUBEI, "Hubei", C, "exact"),
    (HUBEI, "Hubie", C, "typo"),
    (HUBEI, "Hobei", X, "rejected"),
    # guards
    (HOHHOT, "", X, "empty"),
    (HOHHOT, "   ", X, "empty"),
    (HOHHOT, "...", X, "empty"),
    (HOHHOT, "I don't know", X, "empty"),
    (HOHHOT, "不知道", X, "empty"),
    (HOHHOT, "not Hohhot", X, "negated"),
    (HOHHOT, "It isn't Hohhot", X, "negated"),
    (HOHHOT, "I don't think it's Hohhot", X, "negated"),
    (HOHHOT, "Hohhot, not Ordos", C, None),
    (HOHHOT, "not Ordos", X, "negated"),
    (HOHHOT, "I'm not sure, maybe Hohhot", C, None),
    (HOHHOT, "Hohhot or Ordos", X, "alternatives"),
    (HOHHOT, "Hohhot/Ordos", X, "alternatives"),
    (GUIZHOU, "Guizhou or Yunnan", X, "alternatives"),
    (GUIZHOU, "Guizhou or 贵州", C, None),
    (GUIZHOU, "不是贵州", X, "negated"),
    (GUIZHOU, "贵州或云南", X, "alternatives"),
    (AI, "Artificial Intelligence (AI)", C, "gloss"),
    (AI, "AI (Artificial Intelligence)", C, "gloss"),
    (AI, "Artificial Intelligence (machine learning)", X, None),
    (AI, "Artificial Intelligence (big data)", C, None),  # prompt words are ignored
    (AI, "Artificial Intelligence", C, "exact"),
    (AI, "AI", C, "alias"),
    (AI, "Artificial Inteligence", C, "typo"),
    (AI, "Intelligence", X, "wrong"),
    (WECHAT_WORK, "WeChat Work (企业微信)", C, "gloss"),
    (WECHAT_WORK, "WeChat Work (WeChat)", X, None),
    # spacing is no slip; whole words are
    (WECHAT_WORK, "WeChat Work", C, "exact"),
    (WECHAT_WORK, "wechatwork", C, "spacing"),
    (WECHAT_WORK, "We Chat Work", C, "spacing"),
    (WECHAT_WORK, "WeChat-Work", C, None),
    (WECHAT_WORK, "ＷｅＣｈａｔ　Ｗｏｒｋ", C, None),
    (WECHAT_WORK, "WeChat Wrok", C, "typo"),
    (WECHAT_WORK, "WeChat", X, "wrong"),
    (WECHAT_WORK, "WeChat Pay", X, "wrong"),
    (WECHAT_WORK, "Work", X, None),
    (WECHAT_WORK, "企业微信", C, "alias"),
    (WECHAT_WORK, "企业微博", X, "wrong"),
    (CNNIC, "China Internet Network Information Center", C, "exact"),
    (CNNIC, "china internet network information centre", C, "typo"),
    (CNNIC, "China Internet Netwrok Informaton Center", C, "typo"),
    (CNNIC, "China Internet Information Center", X, "wrong"),
    (CNNIC, "Network Information Center", X, "wrong"),
    (CNNIC, "CNNIC", C, "alias"),
    (CNNIC, "CNNC", C, "typo"),
    (CNNIC, "CNN", X, "wrong"),
    # digits exactly
    (FOUR_G, "4G", C, "exact"),
    (FOUR_G, "4g", C, "exact"),
    (FOUR_G, "4 G", C, "spacing"),
    (FOUR_G, "４Ｇ", C, None),
    (FOUR_G, "5G", X, "wrong"),
    (FOUR_G, "4", X, "wrong"),
    (FOUR_G, "3G", X, "wrong"),
    (COVID, "covid 19", C, None),
    (COVID, "Covid19", C, None),
    (COVID, "COVID-20", X, "wrong"),
    # plurals are one slip, and 3-letter words have no budget
    (COUNTY, "counties", C, "typo"),
    (COUNTY, "County", C, "exact"),
    (APP, "apps", X, "wrong"),
    (APP, "ap", X, "wrong"),
    (TELEMEDICINE, "telemedecine", C, "typo"),
    (TELEMEDICINE, "telemedcin", C, "typo"),
    (TELEMEDICINE, "telemdcn", X, "wrong"),
    (TELEMEDICINE, "tele medicine", C, "spacing"),
    # Chinese compared by characters
    (HOHHOT_CN, "呼和浩特", C, "exact"),
    (HOHHOT_CN, "Hohhot", C, "alias"),
    (HOHHOT_CN, "呼和浩持", X, "wrong"),
    (HOHHOT_CN, "我觉得是呼和浩特", C, None),
    (GUIZHOU, "贵州", C, "alias"),
    (GUIZHOU, "贵洲", X, "wrong"),
    # numbers: forms of the same value
    (REGISTERED, "900 million", C, "number"),
    (REGISTERED, "900,000,000", C, "number"),
    (REGISTERED, "900 000 000", C, "number"),
    (REGISTERED, "nine hundred million", C, "number"),
    (REGISTERED, "九亿", C, "number"),
    (REGISTERED, "9亿", C, "number"),
    (REGISTERED, "90000万", C, "number"),
    (REGISTERED, "nearly 900 million people", C, "number"),
    (REGISTERED, "900m", C, "number"),
    (REGISTERED, "900 mn", C, "number"),
    (REGISTERED, "0.9 billion", C, "number"),
    (REGISTERED, "900 milion", C, "number"),
    (REGISTERED, "about 900 million", C, "number"),
    (REGISTERED, "900 million (900,000,000)", C, None),
    (REGISTERED, "９００ million", C, "number"),
    # numbers: missing or wrong scale, other numbers
    (REGISTERED, "900", X, "missing_scale"),
    (REGISTERED, "nine hundred", X, "missing_scale"),
    (REGISTERED, "900 billion", X, "wrong_scale"),
    (REGISTERED, "90 million", X, "wrong_number"),
    (REGISTERED, "about a billion", X, "wrong_number"),
    (REGISTERED, "800 million", X, "wrong_number"),
    (REGISTERED, "900 million or 1 billion", X, "alternatives"),
    (REGISTERED, "900 million people out of 1.4 billion", X, "two_numbers"),
    (REGISTERED, "not 900 million", X, "negated"),
    (REGISTERED, "lots of people", X, "no_number"),
    (REGISTERED, "", X, "empty"),
    (EDUCATION, "342 million", C, "number"),
    (EDUCATION, "three hundred and forty-two million", C, "number"),
    (EDUCATION, "3.42亿", C, "number"),
    (EDUCATION, "三点四二亿", C, "number"),
    (EDUCATION, "342 million in 2020", C, "number"),
    (EDUCATION, "346 million", X, "rejected"),
    (EDUCATION, "343 million", X, "wrong_number"),
    (EDUCATION, "324 million", X, "wrong_number"),
    (EDUCATION, "2020", X, "prompt_only"),
    (EDUCATION, "342", X, "missing_scale"),
    (PENETRATION, "70.4", C, "number"),
    (PENETRATION, "70.4%", C, "number"),
    (PENETRATION, "70.4 percent", C, "number"),
    (PENETRATION, "70.4 per cent", C, "number"),
    (PENETRATION, "seventy point four percent", C, "number"),
    (PENETRATION, "百分之七十点四", C, "number"),
    (PENETRATION, "70.8%", X, "wrong_number"),
    (PENETRATION, "74%", X, "wrong_number"),
    (PENETRATION, "70", X, "wrong_number"),
    (PENETRATION, "7.04", X, "wrong_number"),
    (INCREASE, "85.4 million", C, "number"),
    (INCREASE, "85,400,000", C, "number"),
    (INCREASE, "84.5 million", X, "wrong_number"),
    (SINCE, "1997", C, "number"),
    (SINCE, "since 1997", C, "number"),
    (SINCE, "twice a year since 1997", C, "number"),
    (SINCE, "1979", X, "wrong_number"),
    (SINCE, "1990s", X, "no_number"),
    (TWICE, "twice", C, "number"),
    (TWICE, "2", C, "number"),
    (TWICE, "two times", C, "number"),
    (TWICE, "twice a year", C, "number"),
    (TWICE, "once", X, "wrong_number"),
    (TWICE, "three times a year", X, "wrong_number"),
    (VILLAGES, "98%", C, "number"),
    (VILLAGES, "97.5", C, "number"),
    (VILLAGES, "99 percent", C, "number"),
    (VILLAGES, "96%", X, "wrong_number"),
    (USERS, "989 million", C, "number"),
    (USERS, "990 million", C, "number"),
    (USERS, "1 billion", X, "wrong_number"),
    (USERS_CN, "342 million", C, "number"),
    (USERS_CN, "3.42", X, "missing_scale"),
    (CLOZE_REGISTERED, "900 million", C, "number"),
    (CLOZE_REGISTERED, "40 billion", X, "prompt_only"),
    (CLOZE_RATE, "70.4", C, "number"),
    (CLOZE_RATE, "70.4 percent", C, "number"),
    (CLOZE_RATE, "5.9", X, "prompt_only"),
    (CLOZE_TEXT, "4G", C, "exact"),
    (CLOZE_TEXT, "fourth generation", C, "alias"),
    (CLOZE_TEXT, "5G", X, "wrong"),
    # choice
    (CITY, "B", C, "choice_letter"),
    (CITY, "b", C, "choice_letter"),
    (CITY, "B)", C, "choice_letter"),
    (CITY, "b.", C, "choice_letter"),
    (CITY, "(B)", C, "choice_letter"),
    (CITY, "option B", C, "choice_letter"),
    (CITY, "Option b", C, "choice_letter"),
    (CITY, "B) Hohhot", C, "choice_letter"),
    (CITY, "I think it's B", C, "choice_letter"),
    (CITY, "I think option B", C, "choice_letter"),  # "option B" after a lead
    (CITY, "um, choice b", C, "choice_letter"),
    (CITY, "maybe option C", X, "wrong"),
    (CITY, "option B is wrong", X, "wrong"),  # says B is not the answer
    (CITY, "B) that's false", X, "wrong"),
    (CITY, "option B because it is the capital", C, "choice_letter"),
    (CITY, "option B is right", C, "choice_letter"),
    (CITY, "Hohhot", C, "exact"),
    (CITY, "hohot", C, "typo"),
    (CITY, "A", X, "wrong"),
    (CITY, "Baotou", X, "wrong"),
    (CITY, "E", X, "no_such_option"),  # there is no option E
    (CITY, "B or C", X, "alternatives"),
    (CITY, "not B", X, "negated"),
    (CITY, "", X, "empty"),
    (COUNT, "342,000,000", C, None),
    (COUNT, "346 million", X, "wrong"),
    (COUNT, "b", C, "choice_letter"),
    # true / false
    (TRUE, "true", C, None),
    (TRUE, "True", C, None),
    (TRUE, "T", C, None),
    (TRUE, "yes", C, None),
    (TRUE, "Y", C, None),
    (TRUE, "correct", C, None),
    (TRUE, "right", C, None),
    (TRUE, "对", C, None),
    (TRUE, "是", C, None),
    (TRUE, "TRUE!", C, None),
    (TRUE, "ture", C, None),
    (TRUE, "It's true", C, None),
    (TRUE, "false", X, "wrong"),
    (TRUE, "不对", X, "wrong"),
    (TRUE, "maybe", X, "unclear"),
    (TRUE, "true or false", X, "unclear"),
    (FALSE, "false", C, None),
    (FALSE, "F", C, None),
    (FALSE, "no", C, None),
    (FALSE, "n", C, None),
    (FALSE, "wrong", C, None),
    (FALSE, "incorrect", C, None),
    (FALSE, "错", C, None),
    (FALSE, "不对", C, None),
    (FALSE, "不是", C, None),
    (FALSE, "Nope.", C, None),
    (FALSE, "not true", C, None),
    (FALSE, "flase", C, None),
    (FALSE, "true", X, "wrong"),
    (FALSE, "是", X, "wrong"),
    # lists
    (PROVINCES, "Guizhou, Yunnan, Sichuan", C, None),
    (PROVINCES, "Guizhou; Yunnan / Sichuan", C, None),
    (PROVINCES, "Guizhou and Yunnan and Sichuan", C, None),
    (PROVINCES, "Guizhou & Yunnan & Sichuan", C, None),
    (PROVINCES, "贵州、Yunnan、Sichuan", C, None),
    (PROVINCES, "Guizhou\nYunnan\nSichuan", C, None),
    (PROVINCES, "Sichuan, Guizhou, Yunnan", C, None),
    (PROVINCES, "Guizhu, Yunan, Sichuan", C, None),
    (PROVINCES, "Guizhou, Yunnan", P, "partial_list"),
    (PROVINCES, "Guizhou, Guizhou, Guizhou", P, "partial_list"),
    (PROVINCES, "Guizhou, 贵州", P, "partial_list"),
    (PROVINCES, "Hunan", X, "wrong"),
    (PROVINCES, "", X, "empty"),
    (USES, "health codes & remote work", C, None),
    (USES, "remote work", P, "partial_list"),
    (USES, "telemedicine and online education", C, None),
    (USES, "remote work, remote work", P, "partial_list"),
    (PLANS, "Belt and Road, Internet Plus", C, None),
    (PLANS, "Belt and Road", P, "partial_list"),
    (PLANS, "Internet Plus and Belt and Road", C, None),
    (CAPITALS, "Hohhot, Inner Mongolia; Guiyang, Guizhou", C, None),
]


@pytest.mark.parametrize(
    ("question", "response", "verdict", "reason"),
    CASES,
    ids=[f"{c[0].type}:{c[0].answer[:16]}:{c[1][:24]!r}" for c in CASES],
)
def test_grading_table(question: Question, response: str, verdict: str, reason: str | None) -> None:
    result = grade(question, response)
    assert result.verdict == verdict, result
    if reason is not None:
        assert result.reason == reason, result
    assert result.feedback
    assert 0.0 <= result.score <= 1.0


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 150


def test_partial_score_is_matched_over_need() -> None:
    assert grade(PROVINCES, "Guizhou, Yunnan").score == pytest.approx(2 / 3)
    assert grade(USES, "remote work").score == pytest.approx(0.5)
    assert grade(PROVINCES, "Guizhou, Yunnan, Sichuan").score == 1.0
    assert grade(PROVINCES, "Hunan").score == 0.0


def test_shuffled_choice_maps_letters_to_what_was_shown() -> None:
    shown = (2, 0, 1, 3)  # A) Ordos  B) Baotou  C) Hohhot  D) Chifeng
    right = grade(CITY, "C", shown_options=shown)
    assert right.correct and right.expected == "C) Hohhot"
    assert not grade(CITY, "B", shown_options=shown).correct
    assert grade(CITY, "Hohhot", shown_options=shown).correct
    assert "C) Hohhot" in grade(CITY, "A", shown_options=shown).feedback


def test_choice_letter_that_disagrees_with_its_text_is_not_correct() -> None:
    assert not grade(CITY, "A) Hohhot").correct
