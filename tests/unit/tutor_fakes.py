"""Small packs, a clock, a stand-in grader and store for the tutor's conversation tests."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from quizbot.grading.verdict import Verdict
from quizbot.knowledge.reply import Finding, Reply
from quizbot.packs.model import Fact, Pack, Question, Reject, Source, Topic
from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressError
from quizbot.tutor import Tutor
from quizbot.tutor.messages import BotMessage

TRUE_WORDS = {"true", "t", "yes", "y", "correct", "right"}
FALSE_WORDS = {"false", "f", "no", "n", "wrong", "incorrect"}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _norm(text: str) -> str:
    return " ".join(text.casefold().strip(" .!?").split())


def fake_grade(
    question: Question, response: str, *, shown_options: Sequence[int] | None = None
) -> Verdict:
    """Exact matching only: enough to drive the conversation without the real grader."""
    said = _norm(response)
    expected = question.answer
    if question.type == "truefalse":
        word = "true" if said in TRUE_WORDS else "false" if said in FALSE_WORDS else ""
        ok = word == question.answer
    elif question.type == "choice":
        shown = (
            list(shown_options) if shown_options is not None else list(range(len(question.options)))
        )
        letters = "abcdefghij"
        if len(said) == 1 and said in letters[: len(shown)]:
            said = _norm(question.options[shown[letters.index(said)]])
        ok = said == _norm(question.answer)
    elif question.type == "list":
        parts = {_norm(p) for p in said.replace(" and ", ",").split(",") if p.strip()}
        found = sum(1 for forms in question.answers if any(_norm(f) in parts for f in forms))
        if found >= question.needed:
            return Verdict("correct", 1.0, "All there.", "list", expected)
        if found:
            return Verdict(
                "partial",
                found / question.needed,
                f"{found} of {question.needed}.",
                "partial_list",
                expected,
            )
        ok = False
    else:
        ok = said in {_norm(a) for a in (question.answer, *question.accept)}
    if any(_norm(r.answer) == said for r in question.reject):
        return Verdict("incorrect", 0.0, "That one is a trap.", "rejected", expected)
    if ok:
        return Verdict("correct", 1.0, "Exactly.", "exact", expected)
    return Verdict("incorrect", 0.0, "Not what I have.", "wrong", expected)


SOURCE = Source("art-1", "Robots in the garden", publisher="Garden Weekly", date="2024-05-01")


def garden_pack() -> Pack:
    """One question of every type, two topics, a fact with a cloze blank."""
    questions = (
        Question(
            "q-text",
            "text",
            "Which city has the robot museum?",
            "Lyon",
            pack="garden",
            topic="robots",
            source="art-1",
            hint="It is in France.",
            explanation="The robot museum is in Lyon.",
            difficulty=1,
        ),
        Question(
            "q-number",
            "number",
            "How many robots work in the garden?",
            "342 million",
            pack="garden",
            topic="robots",
            source="art-1",
            explanation="There are 342 million robots.",
            difficulty=3,
            reject=(Reject("346 million"),),
        ),
        Question(
            "q-choice",
            "choice",
            "Which tool do the robots use?",
            "Rake",
            pack="garden",
            topic="tools",
            options=("Spade", "Rake", "Help", "Hose"),
            source="art-1",
            explanation="They use a rake.",
        ),
        Question(
            "q-tf",
            "truefalse",
            "Robots water the garden at night.",
            "true",
            pack="garden",
            topic="tools",
            source="art-1",
            explanation="They water at night.",
        ),
        Question(
            "q-list",
            "list",
            "Name two colours of the robots.",
            "red, blue",
            pack="garden",
            topic="robots",
            answers=(("red",), ("blue",), ("green",)),
            need=2,
            source="art-1",
            explanation="Robots are red, blue or green.",
        ),
        Question(
            "robot-fact#1",
            "text",
            "The robots were built in _____.",
            "Oslo",
            pack="garden",
            topic="tools",
            fact="robot-fact",
            source="art-1",
            cloze_of="robot-fact",
            explanation="The robots were built in Oslo.",
        ),
    )
    return Pack(
        id="garden",
        title="Garden Robots",
        sources=(SOURCE,),
        topics=(Topic("robots", "Robot facts"), Topic("tools", "Tools and weather")),
        facts=(
            Fact("robot-fact", "The robots were built in {{Oslo}}.", topic="tools", source="art-1"),
        ),
        questions=questions,
    )


def second_pack() -> Pack:
    return Pack(
        id="kitchen",
        title="Kitchen Machines",
        topics=(Topic("ovens", "Ovens"),),
        questions=(
            Question("k1", "text", "What heats the oven?", "gas", pack="kitchen", topic="ovens"),
        ),
    )


class FakeStore:
    """Keeps records in a list; ``fail`` makes the next records raise ProgressError."""

    def __init__(self, states: Mapping[str, Any] | None = None) -> None:
        self.records: list[AnswerRecord] = []
        self.warnings: list[str] = []
        self.fail = False
        self.closed = False
        self.on_wait: Callable[[str], None] | None = None
        self._states = dict(states or {})

    def close(self) -> None:
        self.closed = True

    def record(self, rec: AnswerRecord) -> None:
        if self.fail:
            raise ProgressError("cannot write history.jsonl: disk full")
        self.records.append(rec)

    def states(self) -> Mapping[str, Any]:
        return self._states

    def pending_notices(self) -> list[str]:
        return list(self.warnings)

    def acknowledge(self, notices: list[str]) -> None:
        self.warnings = [w for w in self.warnings if w not in notices]


class FakeKnowledge:
    """Answers every question with the same findings: by default one, "Robots love gardens."
    (``findings``: (text, fact id) pairs instead; an empty tuple knows nothing)."""

    def __init__(self, findings: Sequence[tuple[str, str | None]] | None = None) -> None:
        self.asked: list[str] = []
        self.findings = (
            list(findings) if findings is not None else [("Robots love gardens.", "garden-fact")]
        )

    def ask(self, text: str) -> Reply:
        self.asked.append(text)
        found = tuple(
            Finding(said, SOURCE.citation(), fact, "garden", 1.0) for said, fact in self.findings
        )
        return Reply(found, () if found else ("Robot facts",))


def make_tutor(
    packs: Sequence[Pack] | None = None,
    *,
    seed: int = 7,
    clock: Clock | None = None,
    store: FakeStore | None = None,
    knowledge: FakeKnowledge | None = None,
    round_length: int = 10,
    profile: str = "default",
) -> Tutor:
    return Tutor(
        packs if packs is not None else [garden_pack()],
        store=store,
        knowledge=knowledge if knowledge is not None else FakeKnowledge(),
        clock=clock or Clock(),
        rng=random.Random(seed),
        round_length=round_length,
        profile=profile,
        grader=fake_grade,
    )


def kinds(messages: Sequence[BotMessage]) -> list[str]:
    return [m.kind for m in messages]


def last_question(messages: Sequence[BotMessage]) -> BotMessage:
    return [m for m in messages if m.kind == "question"][-1]


def right_answer(pack: Pack, message: BotMessage) -> str:
    """The answer to the question a message asks, as a learner would type it."""
    assert message.question_id is not None
    question = pack.question(message.question_id)
    assert question is not None
    if question.type == "choice":
        return "ABCD"[message.options.index(question.answer)]
    if question.type == "list":
        return ", ".join(forms[0] for forms in question.answers[: question.needed])
    return question.answer
