"""``quizbot validate``: every problem of every pack, and the authors' grading tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizbot.packs.loader import LoadResult, duplicate_pack_problems, load_pack, pack_files
from quizbot.packs.model import Pack, Place
from quizbot.packs.problems import Problem


@dataclass
class Report:
    """What validation found over all the files named."""

    packs: int = 0
    questions: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{_count(self.packs, 'pack')}, {_count(self.questions, 'question')}, "
            f"{_count(len(self.problems), 'problem')}"
        )


def validate_paths(paths: Iterable[str | Path]) -> Report:
    """Load and check every pack file named (folders are searched for ``*.yaml``)."""
    report = Report()
    names = list(paths)
    files = pack_files(names)
    if not files:
        where = str(names[0]) if names else "."
        report.problems.append(Problem(Place(where, 1, 1), "no pack files (*.yaml) found here"))
        return report
    results: list[LoadResult] = []
    for path in files:
        result = load_pack(path)
        results.append(result)
        report.problems.extend(result.problems)
        if result.pack is not None:
            report.packs += 1
            report.questions += len(result.pack.questions)
            report.problems.extend(grading_test_problems(result.pack))
    report.problems.extend(duplicate_pack_problems(results))
    return report


def grading_test_problems(pack: Pack) -> list[Problem]:
    """Grade each question's ``tests:`` examples; a mismatch is a problem at its line."""
    from quizbot.grading import grade

    problems = []
    for question in pack.questions:
        tests = question.tests
        if tests is None:
            continue
        for response, place in zip(tests.accepted, tests.accepted_places, strict=True):
            verdict = grade(question, response)
            if not verdict.correct:
                problems.append(
                    Problem(
                        place,
                        f"test response {response!r} should be accepted but was graded "
                        f"{verdict.verdict} ({verdict.reason}): {verdict.feedback}",
                    )
                )
        for response, place in zip(tests.rejected, tests.rejected_places, strict=True):
            verdict = grade(question, response)
            if verdict.correct:
                problems.append(
                    Problem(
                        place,
                        f"test response {response!r} should be rejected but was graded "
                        f"correct ({verdict.reason})",
                    )
                )
    return problems


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
