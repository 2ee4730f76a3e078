"""What a line typed outside a question means: a topic, a round length, all topics.

"quiz me on remote work", "5 questions about health codes", "2", Enter for all topics;
otherwise a command word (a small typo forgiven), small talk, or a question of the
learner's own. The words shared with the question line (commands, chat, ``normalise``)
are in :mod:`.intents`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from quizbot.tutor.intents import Intent, normalise, parse_slash, phrase_intent

ALL_WORDS = frozenset(
    {
        "all",
        "all topics",
        "everything",
        "any",
        "anything",
        "any topic",
        "mixed",
        "mix",
        "random",
        "0",
    }
)

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty five": 25,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
_COUNT = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_LENGTH_PATTERNS = (
    re.compile(rf"\b{_COUNT}[ -]?(?:questions?|qs)\b"),
    re.compile(rf"\bround of {_COUNT}\b"),
    re.compile(rf"\b{_COUNT}[ -]question round\b"),
    re.compile(rf"\bround length:? {_COUNT}\b"),
)
_QUIZ_ME = re.compile(
    r"^(?:please |ok |okay |now |can you |could you |let'?s )*"
    r"(?:(?:qu?i[sz]+e?|test|ask|drill)(?: me)?(?: some questions| questions)?"
    r" (?:on|about|in|with)"
    r"|(?:questions?|quiz|round) (?:on|about)"
    r"|let'?s do|i want(?: to do)?|i'd like|topic:?|choose|pick|play|do)"
    r" (?P<topic>.+)$"
)


def read_length(text: str) -> int | None:
    """ "5 questions", "round of 20", "ten questions" -> the number, else None."""
    key = normalise(text)
    for pattern in _LENGTH_PATTERNS:
        found = pattern.search(key)
        if found:
            count = found.group(1)
            return int(count) if count.isdigit() else _NUMBER_WORDS[count]
    return None


def _without_length(text: str) -> str:
    key = normalise(text)
    for pattern in _LENGTH_PATTERNS:
        key = pattern.sub(" ", key)
    key = re.sub(r"\b(?:with|and|in|a|please)\s*$", "", key.strip(" ,;.-"))
    return re.sub(r"\s+", " ", key).strip(" ,;.-")


# What may stand between a round length and its topic: "give me 5 questions about health codes".
_LENGTH_FILLER = re.compile(
    r"^(?:(?:please|ok|okay|now|can you|could you|let'?s)\s+)*"
    r"(?:(?:give|ask|quiz|test)(?: me)?|i want|i'd like|let'?s do|let'?s have|do|try|play)?\s*"
    r"(?:(?:on|about|in|from|for|with)\s+)?"
)


def _length_topic(rest: str) -> str:
    return _LENGTH_FILLER.sub("", rest, count=1).strip()


def match_choice(
    text: str, choices: Sequence[tuple[str, str]], *, cutoff: float = 85.0
) -> str | None:
    """The id of the (id, title) pair that ``text`` names: a number (1-based), an id or a
    title, with typos forgiven; None when nothing is close enough."""
    key = normalise(text)
    if not key or not choices:
        return None
    key = re.sub(r"^(?:topic|number|no|#)\s*", "", key) or key
    if key.isdigit():
        number = int(key)
        return choices[number - 1][0] if 1 <= number <= len(choices) else None
    for choice_id, title in choices:
        if key in (choice_id.casefold(), normalise(title)):
            return choice_id
    names = {i: f"{normalise(title)}" for i, (_, title) in enumerate(choices)}
    names.update({len(choices) + i: cid.replace("-", " ") for i, (cid, _) in enumerate(choices)})
    # Imported here: rapidfuzz is not needed to start all topics with Enter (start-up).
    from rapidfuzz import process

    found = process.extractOne(key, names, scorer=_name_score, score_cutoff=cutoff)
    if found is None:
        return None
    index = int(found[2])
    return choices[index % len(choices)][0]


def _name_score(said: str, name: str, **_: object) -> float:
    """How well a line names a title: typos in the whole title, or a part of the title
    ("remote work" names "Remote work and WeChat Work"), never a title inside a longer
    line ("tell me about robots" does not name "robots")."""
    from rapidfuzz import fuzz

    score = float(fuzz.ratio(said, name))
    if len(said.split()) <= len(name.split()):
        score = max(score, float(fuzz.token_set_ratio(said, name)) - 5)
    return score


def read_menu_line(
    line: str,
    topics: Sequence[tuple[str, str]],
    *,
    looks_like_question: Callable[[str], bool],
) -> Intent:
    """A line typed while no question is open: a choice of what to play, a command, chat."""
    if line.strip().startswith("/"):
        return parse_slash(line)
    key = normalise(line)
    if not key:
        return Intent("empty")
    if key in ALL_WORDS:
        return Intent("choose", topic="", start=True)
    length = read_length(key)
    rest = _without_length(key) if length is not None else key
    asked_topic = _QUIZ_ME.match(rest)
    if asked_topic:
        wanted = asked_topic.group("topic").strip()
        if normalise(wanted) in ALL_WORDS or normalise(wanted) in ("all of them", "anything"):
            return Intent("choose", topic="", length=length, start=True)
        topic = match_choice(wanted, topics, cutoff=60.0)
        if topic is None:
            if looks_like_question(line):  # "do you know who Han Lei is?"
                return Intent("question", arg=line.strip())
            # No such topic: the same answer /topic gives, with the menu.
            return Intent("command", name="topic", arg=wanted)
        return Intent("choose", topic=topic, length=length, start=True)
    if length is not None:
        if not rest:
            return Intent("choose", length=length)
        wanted = _length_topic(rest)
        if not wanted:
            return Intent("choose", length=length)
        topic = match_choice(wanted, topics, cutoff=70.0) or match_choice(rest, topics, cutoff=70.0)
        if topic is not None:
            return Intent("choose", topic=topic, length=length, start=True)
        if normalise(wanted) in ALL_WORDS:
            return Intent("choose", topic="", length=length, start=True)
        return Intent("choose", length=length)
    phrase = phrase_intent(key, typos=True)
    if phrase is not None:
        return phrase
    topic = match_choice(key, topics)
    if topic is not None:
        return Intent("choose", topic=topic, start=True)
    if looks_like_question(line) or line.strip().endswith("?"):
        return Intent("question", arg=line.strip())
    if re.fullmatch(r"(?:topic|number|no|#)?\s*\d+", key):  # "9" when there are 8 topics
        return Intent("command", name="topic", arg=key)
    return Intent("unclear", arg=line.strip())
