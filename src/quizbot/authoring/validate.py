"""``quizbot validate``: every problem of every pack, and the authors' grading tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizbot.authoring.selftest import grading_test_problems
from quizbot.packs.files import find_pack_files
from quizbot.packs.loader import LoadResult, duplicate_pack_problems, load_pack
from quizbot.packs.model import Pack, Place
from quizbot.packs.problems import Problem


@dataclass
class Report:
    """What validation found over all the files named."""

    packs: int = 0
    questions: int = 0
    problems: list[Problem] = field(default_factory=list)
    loaded: list[Pack] = field(default_factory=list)  # the valid packs, for listings and advice

    def summary(self, warnings: int = 0) -> str:
        counts = (
            f"{_count(self.packs, 'pack')}, {_count(self.questions, 'question')}, "
            f"{_count(len(self.problems), 'problem')}"
        )
        if warnings:
            counts += f", {_count(warnings, 'warning')}"
        # Which files failed: "0 packs, 0 questions, 1 problem" alone does not say.
        files = list(dict.fromkeys(problem.place.file for problem in self.problems))
        if not files:
            return counts
        shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        return f"{counts} (in {shown})"


def validate_paths(paths: Iterable[str | Path]) -> Report:
    """Load and check every pack file named (folders are searched for ``*.yaml``)."""
    report = Report()
    names = list(paths)
    files, unlisted = find_pack_files(names)
    report.problems.extend(unlisted)  # folders that could not be searched
    if not files:
        if unlisted:
            return report
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
            report.loaded.append(result.pack)
    report.problems.extend(duplicate_pack_problems(results))
    return report


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
