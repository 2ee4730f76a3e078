"""The tutor on the built-in pack with the real grader and knowledge base."""

from __future__ import annotations

import dataclasses
import random

import pytest
from tutor_fakes import Clock, FakeStore, kinds, last_question

from quizbot.knowledge import KnowledgeBase
from quizbot.packs.builtin import load_builtin_packs
from quizbot.packs.model import Pack, Question
from quizbot.tutor import Tutor
from quizbot.tutor.messages import BotMessage


@pytest.fixture(scope="module")
def packs() -> list[Pack]:
    return list(load_builtin_packs())


@pytest.fixture(scope="module")
def knowledge(packs: list[Pack]) -> KnowledgeBase:
    return KnowledgeBase(packs)


def tutor_for(
    packs: list[Pack],
    knowledge: KnowledgeBase,
    store: FakeStore | None = None,
    seed: int = 11,
    round_length: int = 10,
) -> Tutor:
    return Tutor(
        packs,
        store=store,
        knowledge=knowledge,
        clock=Clock(),  # type: ignore[arg-type]
        rng=random.Random(seed),
        round_length=round_length,
    )


def question_of(packs: list[Pack], message: BotMessage) -> Question:
    assert message.question_id is not None
    for pack in packs:
        found = pack.question(message.question_id)
        if found is not None:
            return found
    raise AssertionError(message.question_id)


def typed_answer(question: Question, message: BotMessage) -> str:
    """What a learner who knows the answer types (the author's first accepted test, if any)."""
    if question.type == "choice":
        return "ABCDEFGH"[message.options.index(question.answer)]
    if question.type == "list":
        return ", ".join(forms[0] for forms in question.answers[: question.needed])
    return question.answer


def test_a_whole_round_of_right_answers_is_perfect(
    packs: list[Pack], knowledge: KnowledgeBase
) -> None:
    store = FakeStore()
    tutor = tutor_for(packs, knowledge, store, round_length=12)
    tutor.start()
    messages = tutor.respond("")
    for _ in range(12):
        question = last_question(messages)
        messages = tutor.respond(typed_answer(question_of(packs, question), question))
        assert messages[0].kind == "verdict"
        assert messages[0].verdict is not None
        assert messages[0].verdict.verdict == "correct", (question.text, messages[0].text)
        if messages[-1].kind == "summary":
            break
    assert messages[-1].kind == "summary"
    assert "You got 12 of 12 right" in messages[-1].text
    assert len(store.records) == 12
    assert {r.verdict for r in store.records} == {"correct"}


def test_every_question_type_of_the_pack_can_be_asked(
    packs: list[Pack], knowledge: KnowledgeBase
) -> None:
    tutor = tutor_for(packs, knowledge, round_length=200)
    tutor.start()
    messages = tutor.respond("")
    types = set()
    cloze = False
    for _ in range(200):
        question = last_question(messages)
        asked = question_of(packs, question)
        types.add(asked.type)
        cloze = cloze or (asked.is_cloze and question.text.startswith("Fill in the blank: "))
        if asked.type == "choice":
            assert len(question.options) == len(asked.options)
        messages = tutor.respond("/skip")
        if messages[-1].kind == "summary":
            break
    assert types == {"text", "number", "choice", "truefalse", "list"}
    assert cloze


def test_a_near_number_is_wrong_and_the_right_one_is_shown(
    packs: list[Pack], knowledge: KnowledgeBase
) -> None:
    tutor = tutor_for(packs, knowledge, round_length=50)
    tutor.start()
    messages = tutor.respond("")
    for _ in range(300):
        question = last_question(messages)
        asked = question_of(packs, question)
        if asked.type == "number" and asked.answer == "342 million":
            verdict = tutor.respond("346 million")[0]
            assert verdict.verdict is not None and verdict.verdict.verdict == "incorrect"
            assert "342 million" in verdict.text
            return
        messages = tutor.respond("/skip")
        if messages[-1].kind == "summary":
            messages = tutor.respond("")
    pytest.skip("the pack asks no question whose answer is 342 million")


def test_questions_of_the_learner_are_answered_from_the_facts(
    packs: list[Pack], knowledge: KnowledgeBase
) -> None:
    tutor = tutor_for(packs, knowledge)
    tutor.start()
    question = last_question(tutor.respond(""))
    for line in (
        "who is Han Lei",
        "how many people use online education?",
        "tell me about telemedicine",
        "what's the penetration rate?",
    ):
        reply = tutor.respond(line)
        assert kinds(reply) == ["answer", "info"], line
        assert "don't know" not in reply[0].text, line
        assert reply[1].text.startswith("Back to the question")
    assert tutor.command("repeat") == [question]


def one_question(packs: list[Pack], question_id: str) -> Pack:
    """The first built-in pack with only one of its questions, so a round asks just that."""
    pack = packs[0]
    return dataclasses.replace(
        pack, questions=tuple(q for q in pack.questions if q.id == question_id)
    )


def test_a_free_question_never_gives_the_open_answer_away(
    packs: list[Pack], knowledge: KnowledgeBase
) -> None:
    store = FakeStore()
    tutor = tutor_for([one_question(packs, "os-education")], knowledge, store=store)
    tutor.start()
    tutor.respond("")
    reply = tutor.respond("tell me about online education")
    assert "342" not in " ".join(m.text for m in reply)
    assert "once you've answered" in reply[0].text
    assert tutor.status.stage == "question"


@pytest.mark.parametrize(
    ("question_id", "line"),
    [
        ("os-education", "around 300 million people?"),
        ("os-education", "three hundred million users?"),
    ],
)
def test_unsure_wrong_answers_with_a_question_mark_are_graded(
    packs: list[Pack], knowledge: KnowledgeBase, question_id: str, line: str
) -> None:
    tutor = tutor_for([one_question(packs, question_id)], knowledge)
    tutor.start()
    tutor.respond("")
    reply = tutor.respond(line)
    assert reply[0].kind == "verdict", reply[0].text
    assert reply[0].verdict is not None and reply[0].verdict.verdict == "incorrect"


def test_a_question_back_is_not_graded_and_the_question_stays_open(
    packs: list[Pack], knowledge: KnowledgeBase
) -> None:
    tutor = tutor_for([one_question(packs, "os-hohhot")], knowledge)
    tutor.start()
    tutor.respond("")
    reply = tutor.respond("the capital of Inner Mongolia?")
    assert "verdict" not in [m.kind for m in reply]
    assert "Hohhot" not in " ".join(m.text for m in reply)  # nor given away
    assert tutor.status.stage == "question"
    assert reply[-1].text.startswith("Back to the question:")


@pytest.mark.parametrize("seed", range(15))
def test_a_round_of_the_built_in_pack_asks_nothing_twice_or_gives_anything_away(
    packs: list[Pack], seed: int
) -> None:
    from quizbot.quiz.selection import FactIndex, choose_questions, reveals

    for pack in packs:
        chosen = choose_questions(pack, count=10, rng=random.Random(seed), now=0.0)
        facts = FactIndex(pack)
        seen: set[str] = set()
        for question in chosen:
            mine = facts.of(question)
            assert not mine & seen, (question.id, mine & seen)
            seen |= mine
            assert not any(reveals(question, other) for other in chosen), question.id
