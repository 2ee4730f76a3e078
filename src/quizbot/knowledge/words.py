"""Words for matching: normalising, splitting into tokens, light stemming, stop words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The months, in order: dates in facts and questions ("as of December 2020").
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = frozenset(MONTH_NAMES)
MONTH_ORDER = {name: number for number, name in enumerate(MONTH_NAMES, 1)}

# Words that carry no topic of their own in a learner's question. "china" is here
# on purpose: every fact in the built-in packs is about China, so it tells nothing
# apart, and keeping it would let "how many people live in China" look on-topic.
_STOP_TEXT = """
    a about above after again against all also am an and any are aren as at be been before
    being below between both but by can cannot could couldn did didn do does doesn doing don
    down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is isn it its itself just let me more most my myself no nor
    not now of off on once only or other ought our ours ourselves out over own same she should
    so some such than that thats the their theirs them themselves then there theres these they
    this those through to too under until up very was wasn we were weren what whats when whens
    where wheres which while who whos whom whose why whys will with won would you your yours
    yourself yourselves
    many much tell know explain describe please pls plz thanks thank hi hello hey ok okay u ur
    r ya yeah want wanted like would wonder wondering curious info anything something
    say said says told give show happen happened happens mean means meant stand stands called
    call get got go going get gets make made one ones thing things kind sort lot lots exactly
    really actually ever still even well yes oh time today way ways
    number numbers amount total last
    help helps helped helping let lets allow allows allowed enable enables enabled able
    china chinese country nation nations countrys
    tel teh hwo hw wat wht waht whta wich wats wut wot abt abut abot mny meny thx ty pleas
    use used uses using see saw seen look find known famous renowned notable
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3})(?:,(\d{3}))+(?![\d])")
YEAR = re.compile(r"^(1[89]|20)\d\d$")


def normalise(text: str) -> str:
    """NFKC, case-folded, with percent signs and thousands separators made plain."""
    # ASCII is already in NFKC form; skipping it halves the time to index a big pack.
    text = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    if "," in text:
        text = THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)
    if "%" in text:
        text = text.replace("%", " percent ")
    return text.replace("’", "'")


def split_words(text: str) -> list[str]:
    """The words of already-normalised text; possessives dropped, hyphens kept."""
    out: list[str] = []
    for word in WORD.findall(text):
        if "'" in word or "’" in word:
            word = word.replace("’", "'")
            if word.endswith("'s"):
                word = word[:-2]
            # "what's" -> "whats", "don't" -> "dont": one token either way.
            word = word.replace("'", "")
        if word:
            out.append(word)
    return out


def is_number(word: str) -> bool:
    return word[:1].isdigit()


def is_year(word: str) -> bool:
    return bool(YEAR.match(word))


VOWELS = frozenset("aeiouy")


def _has_vowel(part: str) -> bool:
    return any(c in VOWELS for c in part)


# British and American spellings meet at one stem (facts and learners use both).
SPELLINGS = {
    "centre": "center",
    "centres": "centers",
    "fibre": "fiber",
    "fibres": "fibers",
    "colour": "color",
    "colours": "colors",
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
    "programmes": "programs",
    "optimised": "optimized",
    "mobilise": "mobilize",
    "summarised": "summarized",
    "travelling": "traveling",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, consistent stem: users/user, schools/school, educational/education.

    Only suffixes a learner varies freely are removed; what matters is that the
    question and the facts go through the same function.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    w = SPELLINGS.get(word, word)
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and _has_vowel(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # shopping -> shopp -> shop
            break
    if w.endswith("ional"):
        w = w[:-2]  # educational -> education
    elif w.endswith("ly") and len(w) >= 6 and w[-3] not in "il":
        w = w[:-2]  # remotely -> remote
    if w.endswith("ation") and len(w) >= 8:
        w = w[:-3]  # indication/indicate, participation/participate
    elif w.endswith("ity") and len(w) >= 7:
        w = w[:-3]  # popularity/popular, equality/equal
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]  # remote/remotely, cite/citing, increase/increased meet at one stem
    return w
