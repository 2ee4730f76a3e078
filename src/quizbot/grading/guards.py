"""Guards that run before matching: empty answers, negations, alternatives, glosses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizbot.grading.normalize import words

_DONT_KNOW = frozenset(
    {
        "idk", "i dont know", "dont know", "do not know", "i do not know", "no idea",
        "i have no idea", "no clue", "dunno", "not sure", "im not sure", "i am not sure",
        "pass", "skip", "i give up", "give up", "?", "不知道", "我不知道", "不清楚", "不会", "不懂",
    }
)  # fmt: skip

NEGATIONS = frozenset(
    {
        "not", "isnt", "wasnt", "arent", "werent", "dont", "doesnt", "didnt", "never", "cannot",
        "cant", "neither", "nor"
    }
)  # fmt: skip
# "Not sure", "no idea" are hedges, not negations of an answer.
_HEDGES = re.compile(
    r"\b(?:i['’]?m |i am )?not (?:so |too |really |entirely |quite |100% )?(?:sure|certain)\b"
    r"|\bi don['’]?t know\b|\bdon['’]?t know\b|\bno idea\b|\bi(?: do|['’]?m) not know\b",
    re.IGNORECASE,
)
_CJK_NEGATIONS = re.compile(r"并不是|而不是|不是|并非")
_CLAUSES = re.compile(
    r"[,;!?，；。！？\n]|(?<!\d)\.|\.(?!\d)|\bbut\b|\binstead\b|\brather\b", re.IGNORECASE
)
_ALTERNATIVES = re.compile(
    r"\s+or\s+|\s*/\s*|\s*或者\s*|\s*还是\s*|\s*或\s*|^either\s+", re.IGNORECASE
)
# Where _ALTERNATIVES finds a separator, this finds one too, and nowhere else (each
# separator without its optional spaces around it), but three times faster.
_MAY_ALTERNATE = re.compile(r"\sor\s|/|或|还是|^either\s", re.IGNORECASE)
_NOT_CONTRACTION = re.compile(r"n['’]t\b|\bcan not\b", re.IGNORECASE)
# A bracket that denies ("Guizhou (not Yunnan)") is a clause of its own, as after a comma.
_NEGATED_BRACKET = re.compile(
    r"[(\[【「]\s*((?:" + "|".join(sorted(NEGATIONS)) + r")\b[^()\[\]【】「」]*)[)\]】」]",
    re.IGNORECASE,
)
# Anything that could make a response a negation (or a hedge to remove): when none of
# these is there, there is nothing to split.
_MAY_NEGATE = re.compile(
    r"n['’]?t\b|\bcan not\b|\b(?:" + "|".join(sorted(NEGATIONS)) + r"|sure|certain|know|idea)\b"
    r"|并不是|而不是|不是|并非",
    re.IGNORECASE,
)


def _may_negate(cleaned: str) -> bool:
    """False when _MAY_NEGATE cannot match, decided without it (it is slow: it tries
    every word boundary). Only for ASCII: a case-insensitive pattern also matches some
    other letters (the long s, the Kelvin sign...), which ``lower`` does not fold.

    Each way _MAY_NEGATE can match holds one of these (in lower case): a contraction
    "nt" or "n't", "not" ("can not", "cannot"), a negation word without "nt" in it
    (never, neither, nor) or a hedge's own word. They are tested one by one, not by a
    loop: this runs for nearly every response.
    """
    if not cleaned.isascii():
        return True
    low = cleaned.lower()
    if "n" not in low:  # every needle but two has an "n"
        return "sure" in low or "idea" in low
    return (
        "nt" in low
        or "n't" in low
        or "not" in low
        or "never" in low
        or "neither" in low
        or "nor" in low
        or "know" in low
        or "certain" in low
        or "sure" in low
        or "idea" in low
    )


_GLOSS = re.compile(r"^(.*?)[(\[【「]([^()\[\]]*)[)\]】」](.*)$")
_OPENING_BRACKET = re.compile(r"[(\[【「]")  # what _GLOSS needs first


def is_empty(cleaned: str) -> bool:
    """Nothing to grade: no letters or digits at all."""
    return not words(cleaned)


# Each phrase but "?" is its own words joined by spaces (a test checks it), so a
# response's words find it; the longest has this many.
_DONT_KNOW_WORDS = max(len(phrase.split()) for phrase in _DONT_KNOW)


def is_dont_know(cleaned: str) -> bool:
    """ "I don't know", "no idea", "不知道": an honest blank."""
    said = words(cleaned)
    if not said:
        return cleaned.strip() == "?"
    return len(said) <= _DONT_KNOW_WORDS and " ".join(said) in _DONT_KNOW


@dataclass(frozen=True, slots=True)
class Negation:
    """A response split into what it asserts and what it denies."""

    kept: str
    denied: tuple[str, ...]


def split_negation(cleaned: str) -> Negation | None:
    """Split "Hohhot, not Baotou" into kept "Hohhot" and denied "Baotou"; None if no negation."""
    if not _may_negate(cleaned) or _MAY_NEGATE.search(cleaned) is None:
        return None  # the common case, decided by one search
    text = _HEDGES.sub(" ", cleaned)
    text = _CJK_NEGATIONS.sub(" not ", text)
    text = _NOT_CONTRACTION.sub(lambda m: "nt" if m.group().startswith("n") else "cannot", text)
    if not any(w.casefold() in NEGATIONS for w in re.findall(r"[^\W\d_]+", text)):
        return None if text == cleaned else Negation(text.strip(), ())
    text = _NEGATED_BRACKET.sub(lambda m: f", {m.group(1)},", text)
    kept: list[str] = []
    denied: list[str] = []
    for clause in _CLAUSES.split(text):
        tokens = clause.split()
        at = next(
            (i for i, t in enumerate(tokens) if t.strip("\"'“”").casefold() in NEGATIONS), None
        )
        if at is None:
            kept.append(clause)
            continue
        kept.append(" ".join(tokens[:at]))
        denied.append(" ".join(tokens[at + 1 :]))
    return Negation(
        ", ".join(k.strip() for k in kept if k.strip()), tuple(d for d in denied if d.strip())
    )


def _may_alternate(cleaned: str) -> bool:
    """False when _MAY_ALTERNATE cannot match. An ASCII text is first searched for what
    each of its ways holds ("/", "or", "either"): five times faster than the pattern."""
    if cleaned.isascii():
        low = cleaned.lower()
        if "/" not in low and "or" not in low and "either" not in low:
            return False
    return _MAY_ALTERNATE.search(cleaned) is not None


def split_alternatives(cleaned: str) -> list[str]:
    """The parts of "Guizhou or Yunnan" (one part when there is no alternative)."""
    if not _may_alternate(cleaned):
        whole = cleaned.strip()  # the common case: nothing to split
        return [whole] if words(whole) else []
    parts = [p.strip() for p in _ALTERNATIVES.split(cleaned)]
    return [p for p in parts if words(p)]


def split_gloss(cleaned: str) -> tuple[str, str] | None:
    """("artificial intelligence", "ai") for "artificial intelligence (ai)", else None."""
    if not _OPENING_BRACKET.search(cleaned):
        return None  # the common case: no bracket at all (one search, not the gloss scan)
    found = _GLOSS.match(cleaned)
    if found is None:
        return None
    outer = f"{found.group(1)} {found.group(3)}".strip()
    inner = found.group(2).strip()
    if not words(outer) or not words(inner):
        return None
    return outer, inner
