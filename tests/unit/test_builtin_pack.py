"""The built-in pack covers both source articles: every figure, name and idea, well formed."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from quizbot.lexicon.numbers import read_number
from quizbot.packs import cloze
from quizbot.packs.builtin import builtin_pack_dir, load_builtin_packs
from quizbot.packs.loader import load_pack
from quizbot.packs.model import QUESTION_TYPES, Pack, Question

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# Every figure of the two articles must be the answer of a question or a cloze blank.
# (what it is, value as the number reader gives it)
FIGURES: list[tuple[str, Decimal]] = [
    ("health-code registrations / people moving freely", Decimal("900e6")),
    ("health-code uses", Decimal("40e9")),
    ("online-education users, end of 2020", Decimal("342e6")),
    ("online-medical users, end of 2020", Decimal("215e6")),
    ("internet users, December 2020", Decimal("989e6")),
    ("increase in internet users from March 2020", Decimal("85.4e6")),
    ("internet penetration rate (percent)", Decimal("70.4")),
    ("rise of the penetration rate (percentage points)", Decimal("5.9")),
    ("remote workers, December 2020", Decimal("346e6")),
    ("remote-work growth, second half of 2020 (percent)", Decimal("73.6")),
    ("WeChat Work users, end of 2019", Decimal("60e6")),
    ("WeChat Work users, May 2020", Decimal("250e6")),
    ("WeChat Work users, December 2020", Decimal("400e6")),
    (
        "poor villages on optical fibre by November 2020 / villages with fibre and 4G (percent)",
        Decimal("98"),
    ),
    ("poor counties with e-commerce", Decimal("832")),
    ("primary and secondary schools with internet, CNNIC (percent)", Decimal("99.7")),
    ("first year of the CNNIC report", Decimal("1997")),
    ("editions of the report a year (twice)", Decimal("2")),
    ("middle and primary schools with Internet, Han Lei (percent)", Decimal("96")),
    ("internet users who took part in poverty alleviation (percent)", Decimal("70")),
    ("the landmark year", Decimal("2020")),
]

# Every named person, organisation, place and idea must be an answer or accepted form.
ENTITIES = [
    "CNNIC",
    "China Internet Network Information Center",
    "中国互联网络信息中心",
    "Zhang Xiao",
    "Zhang Yangfei",
    "Han Lei",
    "deputy director",
    "Guizhou",
    "贵州",
    "Southwest China",
    "hilly",
    "big data",
    "ASEAN",
    "Hohhot",
    "呼和浩特",
    "Inner Mongolia",
    "内蒙古",
    "health code",
    "健康码",
    "telemedicine",
    "live-streaming",
    "inclusiveness",
    "WeChat Work",
    "企业微信",
    "online international conference",
    "AI",
    "direct purchases",
    "donations",
    "social media likes and shares",
    "4G",
    "e-commerce",
    "educational equality",
]

# Facts whose figures could be confused must name their report and date.
DISAMBIGUATED = {
    "poor-villages-fiber": ("CNNIC", "November 2020"),
    "villages-2019": ("Han Lei", "October 2019"),
    "schools-cnnic": ("CNNIC", "February 2021"),
    "schools-han-lei": ("Han Lei", "September 2020"),
}


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@pytest.fixture(scope="module")
def packs() -> tuple[Pack, ...]:
    return tuple(load_builtin_packs())


@pytest.fixture(scope="module")
def questions(packs: tuple[Pack, ...]) -> list[Question]:
    return [q for pack in packs for q in pack.questions]


@pytest.fixture(scope="module")
def authored(questions: list[Question]) -> list[Question]:
    return [q for q in questions if not q.is_cloze]


def _forms(question: Question) -> list[str]:
    """Every accepted form of a question's key: answer, aliases, list items."""
    forms = [question.answer, *question.accept]
    for item in question.answers:
        forms.extend(item)
    return forms


def test_every_builtin_file_loads_without_problems() -> None:
    files = sorted(builtin_pack_dir().glob("*.yaml"))
    assert files, "no built-in pack files found"
    for path in files:
        result = load_pack(path)
        assert result.problems == [], [str(p) for p in result.problems]
        assert result.pack is not None


def test_enough_authored_questions_over_enough_topics(authored: list[Question]) -> None:
    assert len(authored) >= 60
    topics = {q.topic for q in authored}
    assert None not in topics
    assert len(topics) >= 6


def test_every_type_is_used_at_least_five_times(authored: list[Question]) -> None:
    counts = Counter(q.type for q in authored)
    for qtype in QUESTION_TYPES:
        assert counts[qtype] >= 5, f"{qtype} used {counts[qtype]} times"


def test_every_authored_question_has_hint_explanation_source_and_fact(
    authored: list[Question],
) -> None:
    lacking = [
        q.id
        for q in authored
        if not (q.hint and q.explanation and q.source and q.fact and q.difficulty)
    ]
    assert lacking == []


def test_both_articles_are_sources_with_facts(packs: tuple[Pack, ...]) -> None:
    sources = {s.id: s for pack in packs for s in pack.sources}
    titles = {s.title for s in sources.values()}
    assert "Internet plays key role in virus battle" in titles
    assert (
        "China's anti-poverty success has digital backbone: China Daily website chief editor"
        in titles
    )
    used = Counter(f.source for pack in packs for f in pack.facts)
    for source_id in sources:
        assert used[source_id] >= 10, f"few facts from {source_id}"


def test_choice_answers_are_options(authored: list[Question]) -> None:
    for q in authored:
        if q.type == "choice":
            assert 3 <= len(q.options) <= 4, q.id
            assert q.answer in q.options, q.id


@pytest.mark.parametrize(("what", "value"), FIGURES, ids=[w for w, _ in FIGURES])
def test_every_figure_is_an_answer(questions: list[Question], what: str, value: Decimal) -> None:
    found = set()
    for q in questions:
        if q.type != "number":
            continue
        reading = read_number(q.answer)
        assert reading is not None, q.id
        found.add(reading.value)
        if reading.percent:  # a reader may give 70.4% as 0.704
            found.add(reading.value * 100)
    assert value in found, f"no question or blank has the answer {what} ({value})"


@pytest.mark.parametrize("entity", ENTITIES)
def test_every_entity_is_an_answer_or_alias(questions: list[Question], entity: str) -> None:
    forms = {_norm(form) for q in questions for form in _forms(q)}
    assert _norm(entity) in forms


def test_confusable_figures_name_their_report_and_date(packs: tuple[Pack, ...]) -> None:
    facts = {f.id: f for pack in packs for f in pack.facts}
    for fact_id, (who, when) in DISAMBIGUATED.items():
        text = facts[fact_id].plain_text
        assert who in text and when in text, fact_id


def test_prompts_of_confusable_figures_name_their_report(authored: list[Question]) -> None:
    for q in authored:
        if q.type == "number" and q.answer in ("96", "98", "99.7"):
            assert "CNNIC" in q.prompt or "Han Lei" in q.prompt, q.id
            assert re.search(r"(19|20)\d\d", q.prompt), q.id


def test_cloze_blanks_are_unique_within_their_fact(packs: tuple[Pack, ...]) -> None:
    # A blank whose answer also stands elsewhere in the same fact gives itself away.
    for pack in packs:
        for fact in pack.facts:
            for index, blank in enumerate(cloze.blanks(fact.text)):
                shown = cloze.with_gap(fact.text, index)
                assert _norm(blank.answer) not in _norm(shown), (fact.id, blank.answer)


def test_reject_entries_are_not_accepted_forms(authored: list[Question]) -> None:
    for q in authored:
        forms = {_norm(f) for f in _forms(q)}
        for reject in q.reject:
            assert _norm(reject.answer) not in forms, (q.id, reject.answer)
            assert reject.feedback, (q.id, reject.answer)


def test_trickiest_questions_carry_grading_tests(authored: list[Question]) -> None:
    tested = [q for q in authored if q.tests is not None]
    assert len(tested) >= 15
    for q in tested:
        assert q.tests is not None
        assert q.tests.accepted and q.tests.rejected, q.id


def _seed_numbers() -> set[Decimal]:
    numbers = set()
    for path in SEEDS.glob("*.txt"):
        for match in re.finditer(r"\d+(?:\.\d+)?", path.read_text(encoding="utf-8")):
            numbers.add(Decimal(match.group()))
    return numbers


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the repository")
def test_every_number_in_a_fact_is_in_the_articles(packs: tuple[Pack, ...]) -> None:
    seen = _seed_numbers()
    assert Decimal("989") in seen  # the seeds are the articles we think they are
    for pack in packs:
        for fact in pack.facts:
            for match in re.finditer(r"\d+(?:\.\d+)?", fact.plain_text):
                assert Decimal(match.group()) in seen, (fact.id, match.group())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the repository")
def test_every_figure_is_in_the_articles() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    for needle in (
        "900 million",
        "40 billion",
        "342 million",
        "215 million",
        "989 million",
        "85.4 million",
        "70.4 percent",
        "5.9 percentage",
        "346 million",
        "73.6 percent",
        "60 million",
        "250 million",
        "400 million",
        "98 percent",
        "832 poor counties",
        "99.7 percent",
        "twice a year since 1997",
        "96 percent",
        "70 percent",
    ):
        assert needle in text, needle


def test_every_key_and_accepted_form_grades_correct(questions: list[Question]) -> None:
    from quizbot.grading import grade

    wrong = []
    for q in questions:
        if q.type == "list":
            forms = [", ".join(item[0] for item in q.answers)]
        elif q.type == "choice":
            forms = [q.answer, "ABCD"[q.options.index(q.answer)], *q.accept]
        else:
            forms = [q.answer, *q.accept]
        wrong.extend((q.id, form) for form in forms if not grade(q, form).correct)
    assert wrong == []


def test_every_reject_entry_grades_incorrect_with_its_feedback(authored: list[Question]) -> None:
    from quizbot.grading import grade

    for q in authored:
        for reject in q.reject:
            verdict = grade(q, reject.answer)
            assert not verdict.correct, (q.id, reject.answer)
            assert reject.feedback and reject.feedback in verdict.feedback, (q.id, reject.answer)


def test_authors_grading_tests_pass(packs: tuple[Pack, ...]) -> None:
    from quizbot.authoring.validate import grading_test_problems

    problems = [str(p) for pack in packs for p in grading_test_problems(pack)]
    assert problems == []
