"""Loading a pack file: YAML nodes to the model, reporting every problem at its line.

Reading the YAML (``yamlsafe``) and building the model (``builder``) are separate steps.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from quizbot.packs.builder import build_pack, did_you_mean, nearest
from quizbot.packs.builder import plain as _plain
from quizbot.packs.builder import slug as _slug
from quizbot.packs.files import find_pack_files
from quizbot.packs.model import Pack, Place
from quizbot.packs.problems import PackError, Problem
from quizbot.packs.yamlsafe import read_nodes

# Kept importable from here: the command line and the authoring tools use them.
__all__ = [
    "LoadResult",
    "_plain",
    "_slug",
    "did_you_mean",
    "duplicate_pack_problems",
    "load_pack",
    "load_packs",
    "nearest",
    "pack_files",
]


@dataclass
class LoadResult:
    """A pack (when it could be built) and every problem found in its file."""

    path: Path
    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.problems


def load_pack(path: str | Path, display: str | None = None) -> LoadResult:
    """Read and check one pack file; never raises for anything the file holds."""
    path = Path(path)
    file = display or str(path)
    with _collector_paused():
        root, problems = read_nodes(path, file)
        if root is None:
            return LoadResult(path, None, problems)
        pack, problems = build_pack(root, file)
    return LoadResult(path, pack, problems)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a pack is read.

    Reading makes millions of small objects and frees almost all of them by reference
    counting, but each allocation burst runs the collector over everything still alive:
    that was 35-45% of the load time. The rare garbage cycle (an alias loop in a broken
    file) waits for the collector to resume.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pack_files(paths: Iterable[str | Path]) -> list[Path]:
    """The pack files named: files as given, folders searched for ``*.yaml``/``*.yml``."""
    return find_pack_files(paths)[0]


def load_packs(
    paths: Iterable[str | Path], *, check: Callable[[Pack], list[Problem]] | None = None
) -> list[Pack]:
    """Load every pack named; raise PackError listing all problems if any is invalid.

    ``check`` adds each loaded pack's further problems: the front ends pass the authors'
    grading tests (``quizbot.authoring.selftest.grading_test_problems``), so a pack
    ``validate`` rejects is rejected everywhere (the built-in packs skip it: CI runs
    them). The loader itself stays below the grader.
    """
    paths = list(paths)
    files, problems = find_pack_files(paths)  # problems: folders that could not be listed
    results = [load_pack(p) for p in files]
    problems.extend(problem for result in results for problem in result.problems)
    problems.extend(duplicate_pack_problems(results))
    if check is not None:
        for result in results:
            if result.pack is not None:
                problems.extend(check(result.pack))
    if problems:
        raise PackError(problems)
    if not results:
        where = Place(str(paths[0]) if paths else ".", 1, 1)
        raise PackError([Problem(where, "no pack files (*.yaml) found here")])
    return [r.pack for r in results if r.pack is not None]


def duplicate_pack_problems(results: Sequence[LoadResult]) -> list[Problem]:
    """Pack ids must be unique among the packs loaded together."""
    seen: dict[str, Pack] = {}
    problems = []
    for result in results:
        pack = result.pack
        if pack is None:
            continue
        if pack.id in seen:
            problems.append(
                Problem(
                    pack.place,
                    f"pack id {pack.id!r} is also used by {seen[pack.id].place.file} "
                    "(give each pack its own id)",
                )
            )
        else:
            seen[pack.id] = pack
    return problems
