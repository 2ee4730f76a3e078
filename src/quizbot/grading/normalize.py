"""Normalising responses and keys: NFKC, case-folding, punctuation, articles and filler."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from quizbot.lexicon.chinese import to_simplified

# The longest response that is graded: a longer one is not an answer ("too long"),
# and no text is cleaned past this many characters.
MAX_RESPONSE_CHARS = 2000

# Scripts written without spaces between words are compared character by character.
CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_CHAR = re.compile(f"[{CJK}]")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" ?\n[\s]*")
# Apostrophes are deleted ("China's" -> "chinas", "it's" -> "its"), not turned into spaces.
_APOSTROPHES = re.compile(r"['’‘`´]")
# Dots inside abbreviations ("U.S.", "A.I.") are deleted; dots in decimals are kept.
_ABBREV_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_WORD = re.compile(f"[{CJK}]+|(?:[^\\W_{CJK}]|(?<=\\d)\\.(?=\\d))+")
# The same words in a case-folded ASCII text, found three times faster: the pattern
# starts with a set of characters, which the regex engine looks for directly (a test
# checks that the two agree on ASCII texts).
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:(?<=[0-9])\.(?=[0-9])[a-z0-9]+)*")


def clean(text: str, *, simplified: bool = True) -> str:
    """NFKC, traditional Chinese made simplified, control characters out, white space
    collapsed (case is kept for quoting).

    ``simplified=False`` for the few questions whose answer and a reject differ only
    by a traditional character (a pack that tests 髮 against 發).
    """
    text = text[:MAX_RESPONSE_CHARS]
    if text.isascii() and text.isprintable() and "  " not in text:
        # The common case: no control character, tab, new line or run of spaces to
        # collapse, so only the ends change.
        return text.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if simplified:
            text = to_simplified(text)
    return collapse_spaces(text)


def collapse_spaces(text: str) -> str:
    """Control characters out, white space collapsed; new lines are kept (they separate
    the items of a list answer)."""
    text = _CONTROL.sub(" ", text)
    return _NEWLINES.sub("\n", _SPACES.sub(" ", text)).strip()


# One grade looks at the same text several times. A small cache is enough for that,
# and stays in the processor's cache: 4,096 entries were slower on distinct responses.
@lru_cache(maxsize=256)
def words(cleaned: str) -> tuple[str, ...]:
    """The case-folded words of a cleaned text; punctuation separates words, apostrophes vanish."""
    text = cleaned.casefold()
    is_ascii = text.isascii()
    # Each substitution runs only when its character is there (most responses have none).
    if not is_ascii or "'" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    if "." in text:
        text = _ABBREV_DOT.sub("", text)
    if "," in text:
        text = _THOUSANDS_COMMA.sub("", text)
    return tuple((_ASCII_WORD if is_ascii else _WORD).findall(text))


def has_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


_LEADING_PHRASES = (
    "i think", "i believe", "i guess", "i suppose", "i reckon", "i would say", "id say",
    "i feel", "i think its", "i think it is", "i believe its", "i believe it is",
    "im pretty sure", "i am pretty sure", "pretty sure", "im sure", "i am sure", "maybe",
    "perhaps", "probably", "possibly", "definitely", "surely", "it is", "its", "it was",
    "it should be", "it must be", "it would be", "should be", "must be", "that is", "thats",
    "this is", "the answer is", "answer is", "answer", "my answer is", "my answer",
    "my guess is", "my guess", "is it", "it is called", "its called", "called", "um", "uh",
    "er", "erm", "hmm", "well", "so", "ok", "okay", "oh", "ah", "a", "an", "the", "in", "at",
    "on", "from",
)  # fmt: skip
_TRAILING_PHRASES = (
    "i think", "i guess", "i believe", "maybe", "perhaps", "probably", "i suppose", "right",
    "yes", "ok",
)  # fmt: skip


def _by_word(phrases: tuple[str, ...], at: int) -> dict[str, list[tuple[str, ...]]]:
    """Phrases indexed by their first (at=0) or last (at=-1) word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((tuple(p.split()) for p in phrases), key=len, reverse=True):
        index.setdefault(phrase[at], []).append(phrase)
    return index


# Longest first, so that "i think its" goes before "i think".
_LEADING = _by_word(_LEADING_PHRASES, 0)
_TRAILING = _by_word(_TRAILING_PHRASES, -1)
_CJK_LEADING = ("我觉得是", "我认为是", "我想是", "我觉得", "我认为", "我想", "应该是", "答案是",
                "大概是", "可能是", "也许是", "是")  # fmt: skip
_CJK_TRAILING = ("吧", "吗", "呢", "啊", "呀")


def strip_filler(ws: tuple[str, ...]) -> tuple[str, ...]:
    """Drop leading articles and filler ("I think it's", "the") and trailing hedges.

    Never strips everything: a text made only of filler is kept as it is.
    """
    if not ws or (ws[0] not in _LEADING and ws[-1] not in _TRAILING and ws[0].isascii()):
        return ws  # the common case: nothing to strip
    original = ws
    changed = True
    while changed and ws:
        changed = False
        for phrase in _LEADING.get(ws[0], ()):
            if len(ws) > len(phrase) and ws[: len(phrase)] == phrase:
                ws = ws[len(phrase) :]
                changed = True
                break
        for phrase in _TRAILING.get(ws[-1], ()):
            if len(ws) > len(phrase) and ws[-len(phrase) :] == phrase:
                ws = ws[: -len(phrase)]
                changed = True
                break
    if ws and has_cjk(ws[0]):
        first = ws[0]
        for prefix in _CJK_LEADING:
            if first.startswith(prefix) and len(first) > len(prefix):
                ws = (first[len(prefix) :], *ws[1:])
                break
        last = ws[-1]
        if len(last) > 1 and last.endswith(_CJK_TRAILING) and has_cjk(last):
            ws = (*ws[:-1], last[:-1])
    return ws or original


@lru_cache(maxsize=256)  # like ``words``: one grade asks for the same text's words often
def said_words(cleaned: str) -> tuple[str, ...]:
    """The words of a cleaned text without its filler: ``strip_filler(words(cleaned))``."""
    return strip_filler(words(cleaned))
