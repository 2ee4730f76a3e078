"""How a question's choice options are lettered and shuffled, and its progress key."""

from __future__ import annotations

import random
from string import ascii_uppercase

from quizbot.packs.model import Pack, Question
from quizbot.progress.records import question_key as progress_key


def question_key(pack: Pack | str, question: Question | str) -> str:
    """The key progress is kept under: ``pack/question`` (built by the progress records)."""
    pack_id = pack if isinstance(pack, str) else pack.id
    question_id = question if isinstance(question, str) else question.id
    return progress_key(pack_id, question_id)


def letter(index: int) -> str:
    """The letter option ``index`` (0-based) is shown with: A..Z, then AA, AB... as a
    spreadsheet names its columns."""
    name = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, len(ascii_uppercase))
        name = ascii_uppercase[rest] + name
    return name


def shuffled_options(question: Question, rng: random.Random) -> tuple[int, ...]:
    """The order to show a choice question's options in: ``shown[i]`` is shown as letter i.
    True/false and other questions keep their order."""
    order = list(range(len(question.options)))
    if question.type == "choice":
        rng.shuffle(order)
    return tuple(order)
