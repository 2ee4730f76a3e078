"""Scoring the knowledge base on a table of learner questions: precision and recall.

The table itself is data, kept out of the package (bench/ask_questions.yaml), so that
nothing here can be tuned to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizbot.knowledge.index import KnowledgeBase


@dataclass(frozen=True)
class Case:
    """A question as a learner types it; ``expect`` must be in the answer, None = don't know."""

    question: str
    expect: str | None


@dataclass(frozen=True)
class Scores:
    """How the knowledge base did on a table of cases."""

    cases: int
    in_scope: int
    answered: int  # cases it claimed to know
    correct: int  # in-scope cases answered with the expected text
    rejected: int  # out-of-scope cases it rightly did not answer
    failures: tuple[tuple[Case, str], ...]  # each failed case and what was said

    @property
    def precision(self) -> float:
        """Of the answers given, the share that were right."""
        return self.correct / self.answered if self.answered else 1.0

    @property
    def recall(self) -> float:
        """Of the questions it should answer, the share answered right."""
        return self.correct / self.in_scope if self.in_scope else 1.0

    @property
    def rejection(self) -> float:
        """Of the out-of-scope questions, the share it declined."""
        out = self.cases - self.in_scope
        return self.rejected / out if out else 1.0


def evaluate(kb: KnowledgeBase, cases: Sequence[Case]) -> Scores:
    """Ask every case and count what came back."""
    answered = correct = rejected = 0
    failures: list[tuple[Case, str]] = []
    for case in cases:
        reply = kb.ask(case.question)
        said = reply.render()
        answered += reply.known
        if case.expect is None:
            if reply.known:
                failures.append((case, said))
            else:
                rejected += 1
        elif reply.known and case.expect.casefold() in said.casefold():
            correct += 1
        else:
            failures.append((case, said))
    in_scope = sum(case.expect is not None for case in cases)
    return Scores(len(cases), in_scope, answered, correct, rejected, tuple(failures))


def load_cases(path: Path) -> tuple[Case, ...]:
    """A question table (bench/ask_questions.yaml): in-scope pairs, then refusals."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [Case(str(q), str(e)) for q, e in data.get("in_scope", ())]
    cases += [Case(str(q), None) for q in data.get("out_of_scope", ())]
    return tuple(cases)
