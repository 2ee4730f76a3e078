"""The contract's `list` row: wrong items cost a slot, parts graded by kind, feedback once."""

from __future__ import annotations

import pytest
from grading_helpers import q

from quizbot.grading import grade
from quizbot.packs.model import Question

GIANTS = q(
    "list",
    "Jupiter, Saturn, Uranus, Neptune",
    answers=(("Jupiter",), ("Saturn",), ("Uranus",), ("Neptune",)),
    prompt="Name the 4 gas giants.",
)
TECH = q(
    "list",
    "big data, artificial intelligence",
    answers=(("big data",), ("artificial intelligence", "AI")),
    prompt="Which 2 technologies did Guizhou build on?",
)
AIMS = q(
    "list",
    "trade, friendship",
    answers=(("trade",), ("friendship",)),
    prompt="Name the 2 aims of the fair.",
)
USERS = q(
    "list",
    "342 million, 215 million",
    answers=(("342 million",), ("215 million",)),
    prompt="Name both user counts.",
)
USES = q(
    "list",
    "health codes, online education, remote work, telemedicine",
    answers=(("health codes",), ("online education",), ("remote work",), ("telemedicine",)),
    need=2,
    prompt="Name two ways the internet helped during the pandemic.",
)

YEARS = q(
    "list",
    "1997, 2020",
    answers=(("1997",), ("2020",)),
    prompt="Name the year the report began and the landmark year.",
)

PLANETS = "Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus, Neptune"

C, P, X = "correct", "partial", "incorrect"

CASES: list[tuple[Question, str, str, float]] = [
    # naming every option never pays
    (GIANTS, PLANETS, X, 0.0),
    (TECH, "5G, cloud computing, big data, AI, blockchain, IoT", X, 0.0),
    (AIMS, "trade, friendship, cooperation, tourism, investment", X, 0.0),
    # the formula's corner cases: max(0, min(right, k - wrong)) / k
    (TECH, "big data, AI, 5G", P, 0.5),  # 2 right, 1 wrong
    (USES, "online shopping, remote work", P, 0.5),  # 1 right, 1 wrong
    (USES, "health codes, remote work, online shopping", P, 0.5),
    (USES, "health codes, remote work", C, 1.0),
    (USES, "health codes, remote work, online education", C, 1.0),  # more right ones are fine
    (GIANTS, "Jupiter, Saturn, Mars", P, 0.5),  # min(2, 4 - 1) / 4
    (GIANTS, "Jupiter, Mars, Venus, Earth", P, 0.25),  # min(1, 4 - 3) / 4
    (GIANTS, "Jupiter, Mars, Venus, Earth, Pluto", X, 0.0),  # min(1, 4 - 4) / 4
    (GIANTS, "Mars", X, 0.0),
    (GIANTS, "Jupiter, Saturn", P, 0.5),
    # filler, repeats and negated parts count for nothing
    (GIANTS, "Jupiter, Saturn, Uranus, Neptune, etc", C, 1.0),
    (GIANTS, "Jupiter, Saturn, Uranus, Neptune and so on", C, 1.0),
    (GIANTS, "Jupiter, Saturn, Uranus, Neptune and others", C, 1.0),
    (GIANTS, "Jupiter, Saturn, Uranus and so on", P, 0.75),
    (GIANTS, "Jupiter, Jupiter, Saturn, Uranus, Neptune", C, 1.0),
    (GIANTS, "Jupiter, Saturn, Uranus, Neptune, not Pluto", C, 1.0),
    # parts graded by the kind of the item they match
    (USERS, "342m, 215m", C, 1.0),
    (USERS, "342 million and 215 million", C, 1.0),
    (USERS, "342,000,000; 215,000,000", C, 1.0),
    (USERS, "342m", P, 0.5),
    (USERS, "346m, 215m", P, 0.5),  # a wrong number is a wrong item
    (USERS, "three hundred forty-two million, 215m", C, 1.0),
    (YEARS, "nineteen ninety-seven and twenty twenty", C, 1.0),
    (YEARS, "1997, twenty twenty-one", P, 0.5),
    # no separators: the words split into items
    (GIANTS, "Jupiter Saturn Uranus Neptune", C, 1.0),
    (GIANTS, "jupiter saturn uranus", P, 0.75),
    (GIANTS, "Jupiter Saturn Pluto", X, 0.0),
    # a bracket gloss inside an item
    (TECH, "Artificial Intelligence (AI) and big data", C, 1.0),
    (TECH, "big data, Artificial Intelligence (AI)", C, 1.0),
]


@pytest.mark.parametrize(
    ("question", "response", "verdict", "score"), CASES, ids=[c[1] for c in CASES]
)
def test_list_scores(question: Question, response: str, verdict: str, score: float) -> None:
    graded = grade(question, response)
    assert (graded.verdict, graded.score) == (verdict, pytest.approx(score)), graded


def test_feedback_names_the_wrong_items_once() -> None:
    feedback = grade(TECH, "big data, AI, 5G").feedback
    assert "5G is not on the list" in feedback
    assert feedback.casefold().count("big data") == 1
    many = grade(GIANTS, PLANETS).feedback
    assert "Mercury" in many and "each wrong item cancels a right one" in many
    assert many.count("the answers are") == 1


def test_feedback_starts_with_a_capital_and_is_one_sentence() -> None:
    feedback = grade(USES, "online shopping, remote work").feedback
    assert feedback == "Remote work right, but online shopping is not on the list: 1 of 2."
