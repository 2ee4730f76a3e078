"""What happened in the current round, kept by the UI for the summary screen."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizbot.tutor.messages import BotMessage, RoundProgress

_ANSWER_IS = re.compile(r"answer is (.+?)\.?$", re.IGNORECASE | re.DOTALL)


def _answer_in(text: str) -> str:
    """The answer named in "Skipped. The answer is X." (empty when there is none)."""
    found = _ANSWER_IS.search(text.strip())
    return found.group(1).strip() if found else ""


@dataclass(frozen=True)
class Missed:
    """A question the learner did not get fully right."""

    prompt: str
    response: str  # what they typed; "" when skipped
    expected: str
    outcome: str  # "partial", "incorrect" or "skipped"


@dataclass(frozen=True)
class RoundReport:
    """The end of a round: what the tutor said, the score, the time and the misses."""

    text: str
    progress: RoundProgress | None
    seconds: float
    missed: tuple[Missed, ...]


@dataclass
class RoundLog:
    """Follows the conversation to remember the round's start time and misses."""

    started_at: float | None = None
    missed: list[Missed] = field(default_factory=list)
    prompt: str = ""
    response: str = ""
    finished: bool = True

    def learner(self, line: str) -> None:
        self.response = line

    def message(self, message: BotMessage, now: float) -> RoundReport | None:
        """Take in one tutor message; return the report when it ends the round."""
        if message.kind == "question":
            asked = message.progress.asked if message.progress else 0
            if self.finished or asked == 0:
                self.started_at, self.missed, self.finished = now, [], False
            # The first line is the question itself (then come instructions like "Answer with...").
            self.prompt = message.text.strip().splitlines()[0] if message.text.strip() else ""
        elif message.kind == "info" and message.question_id and message.progress:
            # The tutor finished a question without grading it: a skip (by key or by word).
            self.missed.append(Missed(self.prompt, "", _answer_in(message.text), "skipped"))
        elif message.kind == "verdict" and message.verdict is not None:
            if message.verdict.verdict != "correct":
                self.missed.append(
                    Missed(
                        self.prompt,
                        self.response,
                        message.verdict.expected,
                        message.verdict.verdict,
                    )
                )
        elif message.kind == "summary":
            seconds = now - self.started_at if self.started_at is not None else 0.0
            self.finished = True
            return RoundReport(message.text, message.progress, seconds, tuple(self.missed))
        return None
