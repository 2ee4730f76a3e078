"""Answering free questions from facts: matching, confidence, sources, rendering."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizbot.knowledge import Finding, KnowledgeBase, Reply, looks_like_question
from quizbot.knowledge.evaluation import Case, evaluate, load_cases
from quizbot.knowledge.index import edit_budget
from quizbot.knowledge.words import stem
from quizbot.packs.model import Fact, Pack, Question, Source, Topic

# The learner questions of the benchmark (bench/ask_questions.yaml), kept out of src.
TABLE = load_cases(Path(__file__).resolve().parents[2] / "bench" / "ask_questions.yaml")
BUILTIN_CASES = tuple(case for case in TABLE if case.expect is not None)
OUT_OF_SCOPE = tuple(case for case in TABLE if case.expect is None)

CD = Source(
    "cd-2021-02-04",
    "Internet plays key role in virus battle",
    publisher="China Daily",
    author="Zhang Yangfei",
    date="2021-02-04",
)
HAN = Source(
    "cd-2020-09-28",
    "China's anti-poverty success has digital backbone",
    publisher="chinadaily.com.cn",
    date="2020-09-28",
)
# Sentences of the two seed articles, as a pack author might write them.
FACTS = [
    (
        "code-movement",
        "codes",
        CD,
        "China's health QR code has facilitated the free movement "
        "of {{900 million}} people, the China Internet Network Information Center (CNNIC) said.",
    ),
    (
        "code-registered",
        "codes",
        CD,
        "Nearly {{900 million}} people have registered for the "
        "health code, using it more than {{40 billion}} times.",
    ),
    (
        "edu-users",
        "online",
        CD,
        "At the end of 2020 there were {{342 million}} people using "
        "online education services in China.",
    ),
    (
        "med-users",
        "online",
        CD,
        "At the end of 2020, {{215 million}} people were using online medical services in China.",
    ),
    (
        "report-since",
        "cnnic",
        CD,
        "The CNNIC report has been published twice a year since {{1997}}.",
    ),
    (
        "net-users",
        "use",
        CD,
        "The number of internet users in China had reached {{989 million}} "
        "by December 2020, an increase of {{85.4 million}} from March.",
    ),
    (
        "penetration",
        "use",
        CD,
        "The internet penetration rate among the population reached "
        "{{70.4 percent}}, up by {{5.9}} percentage points.",
    ),
    (
        "remote",
        "online",
        CD,
        "As of December 2020, the number of people working remotely had reached {{346 million}}.",
    ),
    (
        "wechat",
        "online",
        CD,
        "The number of users of {{WeChat Work}}, an instant messaging app "
        "for enterprises, grew from 60 million at the end of 2019 to {{400 million}} by December.",
    ),
    (
        "zhang-xiao",
        "cnnic",
        CD,
        "{{Zhang Xiao}} is the deputy director of the China Internet Network Information Center.",
    ),
    ("counties", "poverty", CD, "{{832}} poor counties had gained access to e-commerce."),
    (
        "schools-997",
        "schools",
        CD,
        "Internet coverage has been extended to {{99.7 percent}} of "
        "primary and secondary schools nationwide.",
    ),
    (
        "telemedicine",
        "poverty",
        CD,
        "Telemedicine services are accessible in all county-level hospitals in poorer counties.",
    ),
    ("han-lei", "poverty", HAN, "{{Han Lei}} is the editor-in-chief of China Daily website."),
    (
        "villages",
        "poverty",
        HAN,
        "Over {{98 percent}} of Chinese villages had fibre broadband "
        "and {{4G}} mobile connections as of October 2019.",
    ),
    (
        "schools-96",
        "schools",
        HAN,
        "Over {{96 percent}} of China's middle and primary schools have Internet connection.",
    ),
    (
        "guizhou",
        "poverty",
        HAN,
        "The hilly province of {{Guizhou}} could boast of robust growth "
        "thanks to its big data strategy.",
    ),
    (
        "livestreaming",
        "poverty",
        HAN,
        "Live-streaming sales on Chinese social media helped "
        "people in poor areas increase their sales and profits.",
    ),
]
TOPICS = (
    Topic("codes", "Health codes"),
    Topic("online", "Online education, medicine and work"),
    Topic("cnnic", "The CNNIC report"),
    Topic("use", "Internet users"),
    Topic("poverty", "Poverty alleviation"),
    Topic("schools", "Schools online"),
)
HOHHOT = Question(
    "hohhot",
    "text",
    "In which city is the Telemedicine Center of Inner Mongolia?",
    "Hohhot",
    source=CD.id,
    explanation="Medical experts held online consultations there in February 2020.",
)
PACK = Pack(
    "digital-china",
    "Digital China",
    sources=(CD, HAN),
    topics=TOPICS,
    facts=tuple(Fact(i, text, topic, src.id) for i, topic, src, text in FACTS),
    questions=(HOHHOT,),
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase([PACK])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many ppl use online educaton", "342 million"),
        ("How many people use online education?", "342 million"),
        ("whats the penetration rate", "70.4 percent"),
        ("what is the internet penetration", "70.4 percent"),
        ("who is han lei", "editor-in-chief"),
        ("Who is Zhang Xiao?", "deputy director"),
        ("who is zhang yangfei", "Zhang Yangfei is the author"),
        ("tell me about telemedicine", "Telemedicine services"),
        ("how many people use online medicine", "215 million"),
        ("how many people work from home", "346 million"),
        ("how many are teleworking", "346 million"),
        ("when did the cnnic report start", "1997"),
        ("how many netizens are there", "989 million"),
        ("how many internet users in china", "989 million"),
        ("how many ppl registered for the qr code", "900 million"),
        ("how many poor counties have online shopping", "832"),
        ("tell me about livestreaming", "Live-streaming sales"),
        ("live streaming", "Live-streaming sales"),
        ("what about guizhuo", "Guizhou"),
        ("how many villages have fiber", "98 percent"),
        ("what is wechat work", "400 million"),
        ("where is the telemedicine centre of inner mongolia", "Hohhot"),
        ("telemedecine", "Telemedicine"),
    ],
)
def test_answers_learner_phrasings(kb: KnowledgeBase, question: str, expected: str) -> None:
    reply = kb.ask(question)
    assert reply.known, question
    assert expected in reply.render()


@pytest.mark.parametrize(
    "question",
    [
        "What is the tallest mountain in Africa?",
        "How many people live in Sydney?",
        "what is the boiling point of water?",
        "who won the world cup?",
        "How many people live in China?",
        "how many people",
        "what is water",
        "who is the president of france",
        "how many internet users are there in Japan",
        "what is the capital of australia",
        "what time is it",
        "tell me a joke",
        "",
        "???",
        "the the the",
    ],
)
def test_says_it_does_not_know(kb: KnowledgeBase, question: str) -> None:
    reply = kb.ask(question)
    assert not reply.known, reply.render()
    assert reply.render().startswith("I don't know that one. I can tell you about: Health codes")


def test_gives_both_facts_with_their_dates_when_two_answer(kb: KnowledgeBase) -> None:
    reply = kb.ask("how many schools have internet access")
    texts = [f.text for f in reply.findings]
    assert any("96 percent" in t for t in texts)
    assert any("99.7 percent" in t for t in texts)
    sources = " ".join(f.source or "" for f in reply.findings)
    assert "2020-09-28" in sources and "2021-02-04" in sources


def test_finding_carries_plain_text_source_and_ids(kb: KnowledgeBase) -> None:
    reply = kb.ask("how many people work remotely")
    first = reply.findings[0]
    assert first.text == (
        "As of December 2020, the number of people working remotely had reached 346 million."
    )
    assert first.source == (
        "“Internet plays key role in virus battle”, China Daily, by Zhang Yangfei, 2021-02-04"
    )
    assert (first.fact_id, first.pack) == ("remote", "digital-china")
    assert 0.6 <= first.score <= 1.0


def test_render_puts_the_source_under_each_answer() -> None:
    reply = Reply(
        findings=(Finding("A.", "S1", "a", "p", 1.0), Finding("B.", None, "b", "p", 0.9)),
        suggestions=("X",),
    )
    assert reply.known
    assert reply.render() == "A.\nSource: S1\n\nB."


def test_render_without_topics_still_says_it_does_not_know() -> None:
    assert Reply((), ()).render() == "I don't know that one."


def test_suggestions_are_always_the_topics(kb: KnowledgeBase) -> None:
    titles = [t.title for t in TOPICS]
    assert kb.topics() == titles
    assert list(kb.ask("who is han lei").suggestions) == titles
    assert list(kb.ask("who won the world cup").suggestions) == titles


def test_a_wh_question_prefers_the_fact_with_a_number_or_date(kb: KnowledgeBase) -> None:
    reply = kb.ask("when was the cnnic report first published")
    assert reply.findings[0].fact_id == "report-since"


def test_a_fact_of_the_question_words_is_not_split_from_its_name(kb: KnowledgeBase) -> None:
    # "internet" inside the name of the CNNIC says nothing about internet use.
    reply = kb.ask("how many people in china use the internet")
    assert reply.known
    assert all(f.fact_id != "code-movement" for f in reply.findings)


def test_authored_question_linked_to_a_fact_lends_it_words() -> None:
    fact = Fact("f", "The report came out on {{Wednesday}}.", source=CD.id)
    question = Question(
        "q", "text", "On which weekday was the CNNIC survey released?", "Wednesday", fact="f"
    )
    pack = Pack("p", "P", sources=(CD,), facts=(fact,), questions=(question,))
    reply = KnowledgeBase([pack]).ask("which weekday was the survey released")
    assert [f.fact_id for f in reply.findings] == ["f"]
    assert reply.findings[0].text == "The report came out on Wednesday."


def test_an_empty_knowledge_base_knows_nothing() -> None:
    kb = KnowledgeBase([])
    assert kb.topics() == []
    assert not kb.ask("who is han lei").known


def test_several_packs_are_searched_and_named() -> None:
    other = Pack(
        "space",
        "Space",
        topics=(Topic("moon", "The Moon"),),
        facts=(Fact("chang-e", "Chang'e 5 brought lunar samples back in {{December 2020}}."),),
    )
    kb = KnowledgeBase([PACK, other])
    reply = kb.ask("when did chang'e 5 bring back lunar samples")
    assert reply.findings[0].pack == "space"
    assert reply.findings[0].source is None
    assert "The Moon" in kb.topics()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_input(text: str) -> None:
    reply = KB.ask(text)
    assert isinstance(reply, Reply)
    assert reply.suggestions


def test_odd_inputs_do_not_raise(kb: KnowledgeBase) -> None:
    for text in ["x" * 100_000, "\x00\x1b[2J", "🙂🙂", "互联网普及率是多少？", "42", "9" * 5000]:
        assert isinstance(kb.ask(text).render(), str)


KB = KnowledgeBase([PACK])


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("users", "user"),
        ("schools", "school"),
        ("educational", stem("education")),
        ("counties", "county"),
        ("working", "work"),
        ("remotely", stem("remote")),
        ("shopping", "shop"),
        ("status", "status"),
        ("989", "989"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("word", "budget"),
    [("cup", 0), ("code", 1), ("wechats", 1), ("teaching", 2), ("telemedicine", 2)],
)
def test_edit_budget_grows_with_word_length(word: str, budget: int) -> None:
    assert edit_budget(word) == budget


def test_typos_are_mended_within_the_budget_only(kb: KnowledgeBase) -> None:
    # "hen" is one letter from "han", but a word of three letters gets no slip.
    assert not kb.ask("who is hen").known
    assert kb.ask("who is han").known
    # "guizhuo" is one transposition from "guizhou"; "guozhai" is three slips away.
    assert kb.ask("guizhuo").known
    assert not kb.ask("guozhai").known


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how many people use online education", True),
        ("What is CNNIC?", True),
        ("whats the penetration rate", True),
        ("tell me about telemedicine", True),
        ("who is han lei", True),
        ("do you know who Zhang Xiao is", True),
        ("the rate of internet penetration?", True),
        ("互联网用户有多少？", True),
        ("900 million", False),
        ("Hohhot?", False),
        ("is it 900 million?", False),
        ("maybe Guizhou?", False),
        ("WeChat Work", False),
        ("true", False),
        ("", False),
        ("B", False),
    ],
)
def test_looks_like_question(text: str, expected: bool) -> None:
    assert looks_like_question(text) is expected


def test_a_name_is_specific_even_where_every_fact_has_it() -> None:
    uses = [("5 million", "kites"), ("7 million", "boats"), ("9 million", "sleds")]
    facts = [
        Fact(f"f{i}", f"According to the Acme Institute, {n} people use {thing}.")
        for i, (n, thing) in enumerate(uses)
    ]
    facts.append(Fact("def", "The {{Acme Institute}} counts how people travel."))
    kb = KnowledgeBase([Pack("p", "P", facts=tuple(facts))])
    assert kb.ask("what is the acme institute").findings[0].fact_id == "def"
    assert not kb.ask("how many people").known
    assert kb.ask("how many people use boats").findings[0].fact_id == "f1"


def test_words_of_linked_questions_count_less_than_the_facts_own() -> None:
    facts = (
        Fact("own", "Nearly {{900 million}} people registered for the health code."),
        Fact("lent", "The health code helped {{900 million}} people move freely."),
        Fact("other", "{{832}} poor counties gained access to e-commerce."),
        Fact("more", "{{98 percent}} of poor villages had optical fibre."),
    )
    question = Question(
        "q",
        "number",
        "How many people registered for the health code to move?",
        "900 million",
        fact="lent",
    )
    kb = KnowledgeBase([Pack("p", "P", facts=facts, questions=(question,))])
    assert kb.ask("how many people registered for the health code").findings[0].fact_id == "own"


# -- the table of learner questions on the built-in packs ------------------------------


@pytest.fixture(scope="module")
def builtin_kb() -> KnowledgeBase:
    from quizbot.packs.builtin import load_builtin_packs

    return KnowledgeBase(load_builtin_packs())


@pytest.mark.parametrize("case", BUILTIN_CASES, ids=lambda c: c.question)
def test_builtin_table_answers(builtin_kb: KnowledgeBase, case: Case) -> None:
    reply = builtin_kb.ask(case.question)
    assert reply.known, reply.render()
    assert (case.expect or "").casefold() in reply.render().casefold()
    assert all(f.source for f in reply.findings)


@pytest.mark.parametrize("case", OUT_OF_SCOPE, ids=lambda c: c.question)
def test_builtin_table_declines(builtin_kb: KnowledgeBase, case: Case) -> None:
    assert not builtin_kb.ask(case.question).known


def test_builtin_table_is_big_enough() -> None:
    assert len(BUILTIN_CASES) >= 40 and len(OUT_OF_SCOPE) >= 15


def test_evaluate_counts_precision_and_recall() -> None:
    kb = KnowledgeBase([PACK])
    cases = [
        Case("who is han lei", "editor-in-chief"),  # right
        Case("who is han lei", "deputy director"),  # answered, wrong text
        Case("who won the world cup", None),  # declined, right
        Case("zorblat", "anything"),  # not answered
    ]
    scores = evaluate(kb, cases)
    assert (scores.answered, scores.correct, scores.rejected) == (2, 1, 1)
    assert scores.precision == 0.5
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.rejection == 1.0
    assert [case.expect for case, _ in scores.failures] == ["deputy director", "anything"]
