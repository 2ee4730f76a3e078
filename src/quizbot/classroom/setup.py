"""Who plays and what is asked: teams from the command line or a roster file, and the
drill's questions from packs, a topic or a list of ids."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from pathlib import Path

from quizbot.classroom.drill import MAX_NAME, DrillError
from quizbot.packs.model import Pack
from quizbot.quiz import choose_questions, question_key


def parse_teams(text: str) -> tuple[str, ...]:
    """``"Red, Blue,Green"`` -> ("Red", "Blue", "Green")."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise DrillError('--teams needs names separated by commas: --teams "Red,Blue,Green"')
    return names


def read_roster(path: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """A CSV of ``name,team`` (a header line ``name,team`` is allowed): the players in
    order and each one's team. Errors are ``FILE:LINE:COLUMN: what is wrong``."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise DrillError(f"{path}: cannot read the roster: {error.strerror}") from None
    except UnicodeDecodeError:
        raise DrillError(
            f"{path}:1:1: the roster is not UTF-8 text (save it as CSV UTF-8)"
        ) from None
    players: list[str] = []
    teams: dict[str, str] = {}
    seen: set[str] = set()
    for number, row in enumerate(csv.reader(text.splitlines()), 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and [c.casefold() for c in cells[:2]] == ["name", "team"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            # Where the missing cell should begin: the name's, or just after the name.
            column = 1 if not cells[0] else len(row[0]) + 1 + (len(row) > 1)
            raise DrillError(f"{path}:{number}:{column}: a line needs a name and a team: Ann,Red")
        name, team = cells[0], cells[1]
        if ":" in name or len(name) > MAX_NAME:
            raise DrillError(f"{path}:{number}:1: a name has 1 to {MAX_NAME} characters, no ':'")
        if name.casefold() in seen:
            raise DrillError(f"{path}:{number}:1: {name!r} is on the roster twice")
        seen.add(name.casefold())
        players.append(name)
        teams[name] = team
    if not players:
        raise DrillError(f"{path}:1:1: the roster names nobody (lines of name,team)")
    return tuple(players), teams


def pick_questions(
    packs: Sequence[Pack],
    *,
    count: int,
    seed: int,
    topic: str | None = None,
    ids: Sequence[str] = (),
) -> tuple[str, ...]:
    """The drill's questions as pack/question keys: the ids given, in their order, or
    ``count`` questions chosen as the tutor chooses (one per fact, none giving another
    away), from one topic if given."""
    if ids:
        return tuple(_find_id(packs, wanted) for wanted in ids)
    rng = random.Random(seed)
    chosen: list[str] = []
    for pack in packs:
        if topic is not None and pack.topic(topic) is None:
            continue
        picked = choose_questions(pack, count=count, rng=rng, now=0.0, topic=topic)
        chosen += [question_key(pack, q) for q in picked]
    if not chosen:
        where = f"topic {topic!r}" if topic else "the packs"
        raise DrillError(f"no questions in {where}")
    if len(packs) > 1:
        rng.shuffle(chosen)
    return tuple(chosen[:count])


def _find_id(packs: Sequence[Pack], wanted: str) -> str:
    pack_id, slash, question_id = wanted.rpartition("/")
    for pack in packs:
        if slash and pack.id != pack_id:
            continue
        question = pack.question(question_id)
        if question is not None:
            return question_key(pack, question)
    raise DrillError(f"no question {wanted!r} in the packs (see quizbot validate --list PACK)")
