"""Answering on the built-in pack: the figure first, look-alike figures told apart,
Chinese questions, comparisons, causes, follow-ups, and refusals that share words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizbot.knowledge import Conversation, KnowledgeBase, Reply, looks_like_question
from quizbot.knowledge.answer import chinese_figure, read_cue
from quizbot.knowledge.chinese import split_chinese, to_english
from quizbot.knowledge.compare import cause_of, compare_line, comparison_subjects
from quizbot.knowledge.t2s import to_simplified
from quizbot.packs.builtin import load_builtin_packs
from quizbot.packs.model import Fact, Pack


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(load_builtin_packs())


def first_line(reply: Reply) -> str:
    return reply.render().splitlines()[0]


# -- the answer first ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # look-alike figures: 342 / 346 / 215 million
        ("number of online education users", "342 million"),
        ("how many people study online", "342 million"),
        ("how many people work remotely", "346 million"),
        ("how many people use online medical services", "215 million"),
        ("how many ppl see a docter online", "215 million"),
        # 900 million / 40 billion in one sentence
        ("how many times has the health code been used", "40 billion"),
        ("how many people registered for the health code", "900 million"),
        ("how many people could move freely thanks to the health code", "900 million"),
        # the same sentence, its other figures by their dates
        ("how many wechat work users were there at the end of 2019", "60 million"),
        ("how many wechat work users in may 2020", "250 million"),
        ("how many wechat work users at the end of 2020", "400 million"),
        ("how many internet users were there in december 2020", "989 million"),
        ("how many new internet users were added since March 2020", "85.4 million"),
        ("by how many percentage points did the penetration rate rise", "5.9 percentage points"),
        # typos: a swap into a short word, a slip with a plural
        ("how mnay counties have ecommerce", "832"),
        ("how many remote wrokers", "346 million"),
        ("how many tims was the helth code used", "40 billion"),
        # word forms: first / since 1997
        ("when was the first CNNIC report published", "1997"),
        # who -> the person, where -> the place, which -> the phrase
        ("who is the deputy director of the cnnic", "Zhang Xiao"),
        ("who is han lei", "editor-in-chief of the China Daily website"),
        (
            "who is zhang xiao",
            "the deputy director of the China Internet Network Information Center",
        ),
        ("who wrote the china daily article about the virus battle", "Zhang Yangfei"),
        ("where is the telemedicine center of inner mongolia", "Hohhot"),
        ("where is guizhou", "Southwest China"),
        ("what did the pandemic accelerate", "digital transformation"),
        ("what is wechat work", "an instant messaging app for enterprises"),
        ("what does cnnic stand for", "China Internet Network Information Center"),
        ("what does asean stand for", "Association of Southeast Asian Nations"),
        ("who quoted zhang xiao", "Zhang Yangfei"),
        ("which organization published the report?", "China Internet Network Information Center"),
        ("how many manifestations of inclusiveness did han lei pick", "two"),
        ("where did medical experts hold online consultations?", "Hohhot"),
        # relative dates and word forms
        ("how many people used online education services at the end of last year", "342 million"),
        ("how many wechat work users were there by may?", "250 million"),
        ("by how much did the number of internet users increase from march?", "85.4 million"),
    ],
)
def test_the_figure_or_name_comes_first(kb: KnowledgeBase, question: str, answer: str) -> None:
    reply = kb.ask(question)
    assert reply.known, question
    assert first_line(reply) == answer
    assert len(reply.findings) == 1
    # then the sentence that says it, then its source
    lines = reply.render().splitlines()
    assert lines[1] == reply.findings[0].text
    assert lines[2].startswith("Source: ")


@pytest.mark.parametrize(
    ("question", "answer", "date"),
    [
        ("what percentage of schools have internet according to the cnnic", "99.7", "2021"),
        ("what percentage of schools have internet according to han lei", "96", "2020-09-28"),
        ("what share of poor villages had optical fiber by november 2020", "98", "2021"),
        ("what share of villages had fibre broadband and 4g in october 2019", "98", "2020-09-28"),
    ],
)
def test_look_alike_shares_are_told_apart_by_who_said_them_and_when(
    kb: KnowledgeBase, question: str, answer: str, date: str
) -> None:
    reply = kb.ask(question)
    assert len(reply.findings) == 1, reply.render()
    assert first_line(reply).startswith(answer)
    assert date in (reply.findings[0].source or "")


def test_two_facts_that_fit_equally_are_both_shown_labelled(kb: KnowledgeBase) -> None:
    reply = kb.ask("how many schools have internet access")
    assert reply.ambiguous
    assert {f.answer for f in reply.findings} == {"99.7 percent", "96 percent"}
    text = reply.render()
    assert text.startswith("Two facts fit that question")
    assert "1) 99.7 percent" in text and "2) 96 percent" in text


def test_a_sentence_question_gets_the_sentence_without_a_headline(kb: KnowledgeBase) -> None:
    reply = kb.ask("tell me about online education")
    assert reply.findings[0].answer is None
    assert "online education" in first_line(reply)


# -- confidence that knows its limits -------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "how many people use WeChat?",  # WeChat is not WeChat Work
        "how big is Inner Mongolia",  # a caption names it, but gives no size
        "what is the population of China",  # the penetration rate is a share of it
        "how many people were lifted out of poverty in 2020",
        "when did covid start",
        "how many hospitals are in hohhot",
        "what is the capital of guizhou",
        "who is the president of cnnic",
        "how much does online education cost",
        "what time is it",
        "when was china daily founded",  # the report's start is not the paper's
        "when will the next cnnic report be published",  # "next" is not a slip for "net"
        "how many people use online education in india",
        "what is the internet penetration rate in japan",
        "how many counties does guizhou have",
    ],
)
def test_out_of_scope_questions_that_share_words_with_facts_are_refused(
    kb: KnowledgeBase, question: str
) -> None:
    reply = kb.ask(question)
    assert not reply.known, reply.render()
    assert reply.render().startswith("I don't know that one. I can tell you about: Health codes")


def test_the_rarest_word_of_a_question_must_be_matched() -> None:
    facts = (
        Fact("kites", "In 2020, {{5 million}} people flew kites in Weifang."),
        Fact("boats", "In 2020, {{7 million}} people rowed boats in Hangzhou."),
    )
    kb = KnowledgeBase([Pack("p", "P", facts=facts)])
    assert kb.ask("how many people flew kites in 2020").findings[0].fact_id == "kites"
    # "sleds" is in no fact: the common words alone must not find an answer.
    assert not kb.ask("how many people rode sleds in 2020").known


def test_a_role_of_another_owner_is_not_an_answer() -> None:
    facts = (
        Fact("a", "{{Li Wei}}, the director of the Acme Institute, visited the Zenith Museum."),
        Fact("b", "The {{Zenith Museum}} opened in {{1990}}."),
        Fact("c", "The {{Acme Institute}} was founded in {{1985}}."),
        Fact("d", "Harbin has an ice festival in {{January}}."),
    )
    kb = KnowledgeBase([Pack("p", "P", facts=facts)])
    assert kb.ask("who is the director of the acme institute").findings[0].answer == "Li Wei"
    assert not kb.ask("who is the director of the zenith museum").known


def test_equal_fits_with_different_figures_are_both_labelled() -> None:
    facts = (
        Fact("a", "The Acme survey counted {{5 million}} kite flyers."),
        Fact("b", "The Zenith survey counted {{8 million}} kite flyers."),
        Fact("c", "Weifang holds a kite festival every {{April}}."),
        Fact("d", "Hangzhou has {{12}} rowing clubs."),
        Fact("e", "Harbin has an ice festival in {{January}}."),
    )
    reply = KnowledgeBase([Pack("p", "P", facts=facts)]).ask("how many kite flyers")
    assert reply.ambiguous
    assert [f.answer for f in reply.findings] == ["5 million", "8 million"]


# -- Chinese ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("中国有多少网民", "9.89亿"),
        ("在线教育用户有多少", "3.42亿"),
        ("健康码使用了多少次", "400亿"),
        ("有多少人注册了健康码", "9亿"),
        ("远程办公的人有多少", "3.46亿"),
        ("互联网普及率是多少", "70.4%"),
        ("在线医疗用户有多少", "2.15亿"),
        ("网民有多少？", "9.89亿"),
        # traditional characters
        ("網民有多少", "9.89亿"),
        ("在線教育用戶有多少", "3.42亿"),
        ("健康碼使用了多少次", "400亿"),
        # a blank with a Chinese alias is answered with it
        ("贵州有什么战略", "大数据"),
        ("韩蕾是谁", "editor-in-chief of the China Daily website"),
    ],
)
def test_chinese_questions_are_answered_in_chinese(
    kb: KnowledgeBase, question: str, answer: str
) -> None:
    reply = kb.ask(question)
    assert reply.known, question
    assert first_line(reply) == answer
    assert reply.findings[0].source  # the English sentence and its source follow


@pytest.mark.parametrize("question", ["中国有多少人口", "上海有多少医院", "北京的天气怎么样"])
def test_chinese_out_of_scope_is_refused_in_chinese(kb: KnowledgeBase, question: str) -> None:
    reply = kb.ask(question)
    assert not reply.known
    assert reply.render().startswith("这个我不知道。我可以讲：Health codes")


def test_chinese_is_split_by_the_term_table_longest_first() -> None:
    assert split_chinese("中国有多少网民") == ["中国", "有多少", "网民"]
    assert split_chinese("上海有多少医院") == ["上海", "有多少", "医院"]
    assert to_english("健康码使用了多少次") == "how many times health code use"


def test_traditional_characters_are_made_simplified() -> None:
    assert to_simplified("網民") == "网民"
    assert to_simplified("在線教育用戶") == "在线教育用户"


@pytest.mark.parametrize(
    ("figure", "chinese"),
    [
        ("342 million", "3.42亿"),
        ("85.4 million", "8540万"),
        ("40 billion", "400亿"),
        ("98 percent", "98%"),
        ("832", "832"),
        ("Hohhot", "Hohhot"),
    ],
)
def test_figures_are_written_the_chinese_way(figure: str, chinese: str) -> None:
    assert chinese_figure(figure) == chinese


# -- comparisons and causes -------------------------------------------------------------


def test_which_is_larger_is_computed_from_both_facts_and_cites_both(kb: KnowledgeBase) -> None:
    reply = kb.ask("which is larger, online education or remote work users?")
    assert reply.lead is not None
    assert "Remote work is larger than online education, by 4 million" in reply.lead
    assert [f.answer for f in reply.findings] == ["342 million", "346 million"]
    assert all(f.source for f in reply.findings)
    assert reply.render().startswith("Online education: 342 million; remote work: 346 million.")


def test_how_many_more_is_the_difference(kb: KnowledgeBase) -> None:
    reply = kb.ask("how many more people use online education than online medical services")
    assert reply.lead is not None and "by 127 million" in reply.lead


def test_a_comparison_says_back_only_words() -> None:
    subjects = comparison_subjects("which is larger, online\x1b[2J education or remote work?")
    assert subjects == ("online 2j education", "remote work")


def test_a_finding_says_its_answer_then_its_sentence(kb: KnowledgeBase) -> None:
    finding = kb.ask("how many people work remotely").findings[0]
    assert finding.said.splitlines() == ["346 million", finding.text]


def test_a_chinese_comparison(kb: KnowledgeBase) -> None:
    reply = kb.ask("在线教育和远程办公哪个用户多")
    assert reply.lead is not None and "by 4 million" in reply.lead
    assert [f.answer for f in reply.findings] == ["3.42亿", "3.46亿"]


def test_how_often_names_the_frequency(kb: KnowledgeBase) -> None:
    # "twice" is a synonym of "often", but the question does not name it.
    assert first_line(kb.ask("how often is the cnnic report published")) == "twice"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("截至2020年12月中国网民规模是多少", "9.89亿"),
        ("2019年底企业微信有多少用户", "6000万"),
        ("企业微信用户有多少", "4亿"),  # a series without a date asked: the latest
        ("健康码帮助多少人自由出行", "9亿"),
        ("贫困村通光纤的比例是多少", "98%"),  # 比例 is a share, not a comparison
    ],
)
def test_chinese_dates_and_scales(kb: KnowledgeBase, question: str, answer: str) -> None:
    assert first_line(kb.ask(question)) == answer


def test_comparison_parts() -> None:
    assert comparison_subjects("which is larger, online education or remote work users?") == (
        "online education",
        "remote work",
    )
    assert comparison_subjects("how many people use online education") is None
    assert compare_line(("a", "b"), ("98 percent", "96 percent")) == (
        "A: 98 percent; b: 96 percent. A is larger than b, by 2 percentage points."
    )
    assert compare_line(("a", "b"), ("98 percent", "96 million")) is None


@pytest.mark.parametrize(
    "question", ["why did demand for online healthcare grow", "why did online education grow?"]
)
def test_why_is_answered_with_the_cause(kb: KnowledgeBase, question: str) -> None:
    reply = kb.ask(question)
    assert first_line(reply) == "as a result of the COVID-19 pandemic"
    assert reply.findings[0].fact_id == "online-demand"


def test_cause_parts() -> None:
    assert read_cue("why did it grow").why
    assert cause_of("It grew as of December.") is None


# -- follow-ups -------------------------------------------------------------------------


def test_a_follow_up_asks_the_last_question_about_a_new_subject(kb: KnowledgeBase) -> None:
    talk = Conversation(kb)
    assert first_line(talk.ask("how many people use online education?")) == "342 million"
    assert first_line(talk.ask("and remote work?")) == "346 million"
    assert first_line(talk.ask("what about online medicine?")) == "215 million"


def test_a_follow_up_with_a_date_asks_the_last_question_for_that_date(
    kb: KnowledgeBase,
) -> None:
    talk = Conversation(kb)
    assert first_line(talk.ask("how many wechat work users at the end of 2020")) == "400 million"
    assert first_line(talk.ask("what about 2019?")) == "60 million"
    assert first_line(talk.ask("and may 2020?")) == "250 million"


def test_a_chinese_follow_up(kb: KnowledgeBase) -> None:
    talk = Conversation(kb)
    assert first_line(talk.ask("在线教育用户有多少")) == "3.42亿"
    assert first_line(talk.ask("那远程办公呢？")) == "3.46亿"


def test_a_follow_up_that_is_a_question_of_its_own_is_asked_as_one(kb: KnowledgeBase) -> None:
    talk = Conversation(kb)
    talk.ask("how many people use online education?")
    assert "Guizhou" in talk.ask("what about guizhou?").render()
    # Without an earlier question, "and remote work?" is read on its own.
    fresh = Conversation(kb)
    assert fresh.ask("and remote work?").known
    fresh.forget()
    assert fresh.last_question is None


def test_an_unanswered_question_does_not_become_the_topic(kb: KnowledgeBase) -> None:
    talk = Conversation(kb)
    talk.ask("how many people use online education?")
    assert not talk.ask("who won the world cup").known
    assert first_line(talk.ask("and remote work?")) == "346 million"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(["and remote work?", "what about 2019?", "那远程办公呢？", "和", "呢"]),
            st.text(alphabet="网民在线教育健康码多少呢那是的？?和或還網", max_size=12),
        ),
        max_size=4,
    )
)
def test_a_conversation_never_raises(lines: list[str]) -> None:
    talk = Conversation(BUILTIN)
    for line in lines:
        reply = talk.ask(line)
        assert isinstance(reply.render(), str)


BUILTIN = KnowledgeBase(load_builtin_packs())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("and remote work?", True),
        ("and 2019?", True),
        ("how about online medicine?", True),
        ("那远程办公呢？", True),
        ("網民有多少", True),
        ("and", False),
        ("remote work", False),
        ("2019?", False),
    ],
)
def test_follow_ups_read_as_questions(line: str, expected: bool) -> None:
    assert looks_like_question(line) is expected


# -- the command ------------------------------------------------------------------------


def ask(*question: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run(
        [sys.executable, "-m", "quizbot", "ask", *question],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=Path(__file__).parent,
        timeout=60,
    )


def test_ask_command_shows_both_equal_fits_and_exits_0() -> None:
    result = ask("how many schools have internet access")
    assert result.returncode == 0
    assert "1) 99.7 percent" in result.stdout and "2) 96 percent" in result.stdout


def test_ask_command_answers_chinese_and_refuses_out_of_scope() -> None:
    result = ask("中国有多少网民")
    assert result.returncode == 0
    assert result.stdout.startswith("9.89亿\n")
    refused = ask("how big is Inner Mongolia")
    assert refused.returncode == 1
    assert refused.stdout.startswith("I don't know that one. I can tell you about:")


# -- which <thing>, and how much something grew ------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "provinces like the hilly Guizhou in Southwest China could boast of robust
        # growth": the province is the blank next to "provinces", not the one next to
        # "boast of robust growth".
        ("which province boasted robust growth", "Guizhou"),
        ("Which province could boast of robust growth?", "Guizhou"),
        ("what province grew strongly thanks to big data", "Guizhou"),
        ("which province grew fast thanks to big data?", "Guizhou"),
        ("哪个省份增长强劲", "贵州"),
        ("哪个省靠大数据增长", "贵州"),  # 大 of 大数据 makes no comparison
        ("what strategy did Guizhou use?", "big data"),
        ("which app grew to 400 million users?", "WeChat Work"),
    ],
)
def test_which_thing_is_the_blank_the_statement_calls_so(
    kb: KnowledgeBase, question: str, answer: str
) -> None:
    reply = kb.ask(question)
    assert reply.known, question
    assert first_line(reply) == answer


WECHAT_WORK_GREW = "340 million (from 60 million to 400 million)"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # A series "from 60 million ... to 250 million by May 2020 and 400 million by
        # December 2020": the change from its start to its latest figure.
        ("how much did WeChat Work grow in 2020", WECHAT_WORK_GREW),
        ("How much did WeChat Work grow?", WECHAT_WORK_GREW),
        ("how much has wechat work grown", WECHAT_WORK_GREW),
        ("how big was the growth of WeChat Work", WECHAT_WORK_GREW),
        ("how fast did WeChat Work grow", WECHAT_WORK_GREW),
        ("how many users did WeChat Work gain in 2020", WECHAT_WORK_GREW),
        ("by how much did WeChat Work users increase", WECHAT_WORK_GREW),
        # ... up to the date the question names
        (
            "how much did WeChat Work grow by May 2020?",
            "190 million (from 60 million to 250 million)",
        ),
        ("企业微信增长了多少", "3.4亿（从6000万到4亿）"),
        # A change the statement states: "up by 5.9 percentage points", not 70.4 percent.
        ("by how much did the penetration rate rise?", "5.9 percentage points"),
        ("互联网普及率提高了多少", "5.9 percentage points"),
        (
            "how much did the remote working market grow in the second half of the year?",
            "73.6 percent",
        ),
        ("网民增加了多少", "8540万"),
        # How many, not how much more: the level.
        ("how many users did WeChat Work have in May 2020?", "250 million"),
        ("how high is the internet penetration rate", "70.4 percent"),
    ],
)
def test_how_much_something_grew_is_the_change(
    kb: KnowledgeBase, question: str, answer: str
) -> None:
    reply = kb.ask(question)
    assert reply.known, question
    assert first_line(reply) == answer


@pytest.mark.parametrize(
    "question",
    [
        "how much did WeChat grow?",  # WeChat is not WeChat Work
        "how much did WeChat grow in 2020?",
        "how much did Guizhou's population grow?",
        "how much did Alibaba grow in 2020",
        "which city boasted robust growth?",  # the statement names a province
        "which province has the most internet users?",  # "between provinces" names none
        "which province had the most poor villages",
        "which province is Hohhot in?",
        "how fast is the internet in Guizhou",
    ],
)
def test_growth_and_which_look_alikes_are_refused(kb: KnowledgeBase, question: str) -> None:
    reply = kb.ask(question)
    assert not reply.known, reply.render()


@pytest.mark.parametrize(
    ("question", "thing", "change"),
    [
        ("which province boasted robust growth", "provinc", False),
        ("what strategy did Guizhou use", "strategy", False),
        ("what did the pandemic accelerate", "", False),
        ("what percentage of schools have internet", "", False),
        ("which is larger, online education or remote work?", "", False),
        ("how much did WeChat Work grow", "", True),
        ("how big was the growth of WeChat Work", "", True),
        ("by how much did the rate rise", "", True),
        ("how many people use WeChat Work", "", False),
        ("how many times was the health code used", "", False),
    ],
)
def test_the_cue_reads_the_thing_and_the_change(question: str, thing: str, change: bool) -> None:
    cue = read_cue(question)
    assert (cue.thing, cue.change) == (thing, change)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # No blank is the market: the sentence, not its figure (73.6 percent).
        ("what market saw explosive growth?", "remote working market witnessed"),
        # available / accessible; a place in lower case ("county-level hospitals")
        ("where are telemedicine services available?", "accessible in all county-level"),
    ],
)
def test_a_question_with_no_fitting_blank_gets_the_sentence(
    kb: KnowledgeBase, question: str, said: str
) -> None:
    reply = kb.ask(question)
    assert reply.known, question
    assert reply.findings[0].answer is None
    assert said in first_line(reply)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # Two dates side by side are no comparison of two things: how much one grew
        # (it used to answer "Internet december ... larger than march, by 903.6 million").
        ("how many more internet users were there in December than in March?", "85.4 million"),
        ("网民比去年3月增加了多少", "8540万"),
        ("远程办公市场下半年增长了多少", "73.6%"),
        ("贵州靠什么增长", "thanks to its big data strategy"),
    ],
)
def test_more_growth_and_cause_paraphrases(kb: KnowledgeBase, question: str, answer: str) -> None:
    reply = kb.ask(question)
    assert reply.known, question
    assert first_line(reply) == answer


def test_a_chinese_comparison_with_bi() -> None:
    reply = KnowledgeBase(load_builtin_packs()).ask("在线教育用户比在线医疗用户多多少")
    assert reply.lead is not None and reply.lead.endswith("by 127 million.")


def test_a_comparison_whose_measure_is_one_sides_own_word(kb: KnowledgeBase) -> None:
    reply = kb.ask("how many more remote workers than online education users?")
    assert reply.lead is not None and reply.lead.endswith("by 4 million.")
    assert not kb.ask("how many more people use online education than live in Japan?").known


def test_dates_side_by_side_are_no_comparison() -> None:
    assert comparison_subjects("how many more users in December than in March 2020") is None
    assert comparison_subjects("how many more users at the end of 2019 than by May") is None
    assert comparison_subjects("how many more people used online education than online medicine")
