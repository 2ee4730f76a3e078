"""Telling a free question ("how many people ...?") from an answer to a quiz question."""

from __future__ import annotations

import re
import unicodedata

QUESTION_START = re.compile(
    r"^(?:what|whats|what's|who|whos|who's|whom|whose|when|where|wheres|where's|which|why|how"
    r"|tell me|tell us|explain|describe|do you know|can you tell|could you tell|can you explain"
    r"|could you explain|i want to know|i'd like to know|i wonder|what about|give me info"
    r"|is there|are there|does|did|do)\b\W*\w",
)
# An unsure answer ("is it Hohhot?", "maybe 900 million?") is still an answer.
HEDGE_START = re.compile(
    r"^(?:is it|it is|it's|its|maybe|perhaps|i think|probably|could it be"
    r"|might be|isn't it|was it|answer)\b"
)
CHINESE_QUESTION = re.compile(r"(?:什么|多少|谁|哪|为什么|怎么|几|為什麼|甚麼|誰)|[吗嗎呢]$")
# "and remote work?", "how about 2019?": a follow-up to the last question asked.
FOLLOW_UP = re.compile(r"^(?:and|how about|what of|same for)\b.*\?$")


def looks_like_question(text: str) -> bool:
    """Whether a learner's line reads as a question of their own rather than an answer."""
    try:
        line = unicodedata.normalize("NFKC", text).strip().casefold()
    except (TypeError, ValueError):
        return False
    if not line:
        return False
    line = re.sub(r"\s+", " ", line.replace("’", "'"))
    if HEDGE_START.match(line):
        return False
    if QUESTION_START.match(line) or FOLLOW_UP.match(line):
        return True
    bare = line.rstrip(" ?!.")
    if CHINESE_QUESTION.search(bare) and not bare.isascii():
        return True
    # A short reply with a question mark ("Hohhot?") is an unsure answer.
    return line.endswith("?") and len(bare.split()) >= 3
