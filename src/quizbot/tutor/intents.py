"""What a learner's line means: a command, an answer, a question of their own, a choice.

The rule that keeps answers, commands and questions apart (the ``help`` text
says the same to the learner):

1. A line that starts with ``/`` is always a command: ``/hint``, ``/topic 2``.
2. While a question is open, every other line is an answer, except
   a. a bare command word or phrase ("hint", "skip", "i don't know", "help",
      "thanks"...), written exactly, and
   b. a line that reads as a question: it ends with "?" (or "？") or starts like
      one ("who is Han Lei", "tell me about telemedicine"),
   and each exception holds only when the line could not be an answer to the
   open question: the grader does not accept it, it is not one of the
   question's options or listed wrong answers, and it is not an answer form of
   the question's type (a choice letter, a true/false word, a number for a
   number question). So "yes" is an answer to a true-or-false question, "Help"
   is an answer when an option says "Help", and "342 million?" is an unsure
   answer to a number question, while "what is the capital of France?" is a
   question of the learner's own: answered, or not, and the quiz question stays
   open.
3. Outside a question, lines choose what to play (a topic number or title,
   "quiz me on remote work", "5 questions", Enter for all topics: read by
   :mod:`.menu_intents`) or chat ("hi", "thanks", "easier"); command words are
   understood with a small typo.

Polite padding around a command phrase ("hint please", "can I get a hint?", "give
me a clue") is ignored when the phrase is matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from quizbot.tutor.commands import COMMANDS as TABLE

IntentKind = Literal[
    "command",  # name: one of COMMANDS; arg: its argument
    "unknown_command",  # name: what followed the slash
    "answer",
    "question",  # the learner asks something: answered from the facts
    "choose",  # topic / length chosen; start: begin a round now
    "chat",  # name: greeting, thanks, easier, harder
    "empty",
    "unclear",
]

COMMANDS: tuple[str, ...] = tuple(command.name for command in TABLE)
CHAT: tuple[str, ...] = ("greeting", "thanks", "easier", "harder")

# Other names a learner may type after a slash.
SLASH_ALIASES: dict[str, str] = {alias: c.name for c in TABLE for alias in c.aliases}

# Bare phrases, compared after normalising (case, punctuation, spaces): the commands'
# own (from the one list), then chat.
PHRASES: dict[str, tuple[str, ...]] = {c.name: c.phrases for c in TABLE if c.phrases} | {
    "greeting": (
        "hi",
        "hello",
        "hey",
        "hiya",
        "good morning",
        "good afternoon",
        "good evening",
        "你好",
        "您好",
        "hi there",
        "hello there",
    ),
    "thanks": (
        "thanks",
        "thank you",
        "thx",
        "ty",
        "cheers",
        "谢谢",
        "thanks a lot",
        "thank you very much",
        "many thanks",
        "great thanks",
        "nice",
    ),
    "easier": (
        "easier",
        "easy",
        "make it easier",
        "easier questions",
        "too hard",
        "easier please",
        "something easier",
    ),
    "harder": (
        "harder",
        "hard",
        "make it harder",
        "harder questions",
        "too easy",
        "more difficult",
        "tougher",
        "harder please",
        "something harder",
    ),
}
# Commands a bare phrase may give while a question is open ("new", "review", "topics"
# abandon the round, so they need their slash then).
DURING_QUESTION = (*(c.name for c in TABLE if c.during_question), *CHAT)
# Never guessed from a typo.
NO_TYPOS = frozenset(c.name for c in TABLE if not c.typos)

_PHRASE_NAME = {phrase: name for name, phrases in PHRASES.items() for phrase in phrases}

# Polite padding around a command phrase: "hint please", "can I get a hint?", "give me a clue".
_POLITE_START = re.compile(
    r"^(?:please|pls|ok|okay|so|um|uh|hmm"
    r"|(?:can|could|may) i (?:get|have|see)|(?:can|could|would) you (?:give|show) me"
    r"|i(?:'d| would) like|i want|i need|give me|show me|let me have|just"
    r"|a|an|the|one|another)\s+"
)
_POLITE_END = re.compile(r"[\s,]+(?:please|pls|thanks|thank you|now)$")


@dataclass(frozen=True)
class Intent:
    """What a line means. Fields beyond ``kind`` are filled as the kind needs them."""

    kind: IntentKind
    name: str = ""
    arg: str = ""
    topic: str | None = None  # "choose": a topic id, "" for all topics, None for unchanged
    length: int | None = None  # "choose": questions per round
    start: bool = False  # "choose": start a round now


def normalise(line: str) -> str:
    """Case-folded, NFKC, curly quotes straightened, punctuation at the edges and runs of
    spaces removed: how phrases are compared."""
    text = unicodedata.normalize("NFKC", line).replace("’", "'").casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .,!?;:。！？，")


def parse_slash(line: str) -> Intent:
    """``"/Topic  health-codes "`` -> command ``topic`` with arg ``health-codes``."""
    name, _, arg = line.strip()[1:].strip().partition(" ")
    name = normalise(name) if name != "?" else "?"
    name = SLASH_ALIASES.get(name, name)
    if name in COMMANDS:
        return Intent("command", name=name, arg=arg.strip())
    if name in CHAT:
        return Intent("chat", name=name)
    return Intent("unknown_command", name=name, arg=arg.strip())


def phrase_intent(text: str, *, typos: bool, allowed: Sequence[str] | None = None) -> Intent | None:
    """A bare command or chat phrase ("hint", "thank you"), optionally with one small typo."""
    key = normalise(text)
    if not key:
        return None
    name = _PHRASE_NAME.get(key)
    if name is None:
        key = unpadded(key)
        name = _PHRASE_NAME.get(key)
    if name is None and typos and len(key) >= 4:
        # One slip for short phrases, two for long ones, as the grader forgives words.
        budget = 1 if len(key) < 8 else 2
        # Imported here: rapidfuzz is not needed before the first answer (start-up).
        from rapidfuzz.distance import OSA

        best: tuple[int, str] | None = None
        for phrase, candidate in _PHRASE_NAME.items():
            if candidate in NO_TYPOS or abs(len(phrase) - len(key)) > budget:
                continue
            distance = OSA.distance(key, phrase, score_cutoff=budget)
            if distance <= budget and (best is None or distance < best[0]):
                best = (distance, candidate)
        name = best[1] if best else None
    if name is None or (allowed is not None and name not in allowed):
        return None
    if name in CHAT:
        return Intent("chat", name=name)
    return Intent("command", name=name)


def unpadded(key: str) -> str:
    """A normalised phrase without polite padding: "can i get a hint" -> "hint"."""
    while True:
        shorter = _POLITE_END.sub("", _POLITE_START.sub("", key, count=1), count=1).strip()
        if shorter == key or not shorter:
            return key
        key = shorter


def read_question_line(
    line: str,
    *,
    could_be_answer: Callable[[str], bool],
    looks_like_question: Callable[[str], bool],
) -> Intent:
    """A line typed while a question is open: an answer unless the rule above says otherwise."""
    if line.strip().startswith("/"):
        return parse_slash(line)
    if not line.strip():
        return Intent("empty")
    phrase = phrase_intent(line, typos=False, allowed=DURING_QUESTION)
    if phrase is not None and not could_be_answer(line):
        return phrase
    if reads_as_question(line, looks_like_question) and not could_be_answer(line):
        return Intent("question", arg=line.strip())
    return Intent("answer", arg=line)


def reads_as_question(line: str, looks_like_question: Callable[[str], bool]) -> bool:
    """Whether a line reads as a question: it ends with a question mark, or it starts like
    one ("how many ...", "tell me about ...")."""
    return line.strip().endswith(("?", "？")) or starts_like_question(line, looks_like_question)


def starts_like_question(line: str, looks_like_question: Callable[[str], bool]) -> bool:
    """Whether a line reads as a question by its words ("how many ...", "tell me about ..."),
    not merely by a trailing question mark: without its "?" it must still look like one."""
    return looks_like_question(line.strip().rstrip(" ?？"))
