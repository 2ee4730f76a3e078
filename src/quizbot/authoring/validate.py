"""``quizbot validate``: every problem of every pack, and the authors' grading tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizbot.authoring.selftest import grading_test_problems
from quizbot.packs.loader import LoadResult, duplicate_pack_problems, load_pack, pack_files
from quizbot.packs.model import Place
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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
