"""The grader's fast paths give exactly the verdicts of its full path."""

from __future__ import annotations

import re

import pytest
from grading_helpers import q
from test_grading_properties import QUESTIONS

from quizbot.grading import grade, grader
from quizbot.grading.canonical import canonical_responses
from quizbot.lexicon import numbers
from quizbot.packs.model import Question

NUMBER = q("number", "900 million", prompt="How many registered in 2020?")
NUMBER_RESPONSES = [
    "900 million", "900,000,000", "900m", "900 M", "about 900 million people", "904",
    "904 million", "900", "9000 million", "2020", "90 million", "0.9 billion", "1.2k",
    "40 bn", "900 users", "nearly 900 million", "more than 900 million people", "1,234.5",
]  # fmt: skip


@pytest.mark.parametrize("question", QUESTIONS, ids=[f"{q.type}:{q.answer}" for q in QUESTIONS])
def test_canonical_responses_get_the_full_graders_verdict(question: Question) -> None:
    for response in canonical_responses(question):
        for said in (response, response.upper(), f"  {response.title()} "):
            assert grade(question, said) == grader._grade(question, said, None), said


@pytest.mark.parametrize("response", NUMBER_RESPONSES)
def test_one_number_responses_get_the_full_path_verdict(
    response: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = grader._grade(NUMBER, response, None)
    monkeypatch.setattr(grader, "_SIMPLE_NUMBER", re.compile(r"(?!)"))
    assert grader._grade(NUMBER, response, None) == fast


@pytest.mark.parametrize("text", NUMBER_RESPONSES)
def test_plain_numbers_read_as_the_tokenizer_reads_them(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = numbers.find_numbers(text)
    monkeypatch.setattr(numbers, "_PLAIN_NUMBER", re.compile(r"(?!)()()"))
    assert numbers.find_numbers(text) == fast
