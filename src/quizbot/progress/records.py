"""One recorded answer: a line of the append-only history."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


def question_key(pack: str, question: str) -> str:
    """The key a question's progress is kept under: ``pack/question`` (built only here)."""
    return f"{pack}/{question}"


@dataclass(frozen=True)
class AnswerRecord:
    """An answer as it is written to the history, before its feedback is shown."""

    time: float  # seconds since the epoch, from the injected clock
    pack: str
    question: str
    response: str
    verdict: str  # correct, partial, incorrect, skipped
    score: float
    hint_used: bool = False
    seconds: float = 0.0  # time the learner took to answer
    topic: str = ""  # the question's topic id, for per-topic counts; "" when it has none

    @property
    def key(self) -> str:
        return question_key(self.pack, self.question)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.topic:
            del data["topic"]  # lines without a topic keep the shape older versions wrote
        return data
