"""Reading numbers: a first version (the grader engineer replaces it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SCALES = {"thousand": 3, "k": 3, "million": 6, "m": 6, "mn": 6, "billion": 9, "bn": 9,
           "trillion": 12, "万": 4, "亿": 8}
_NUMBER = re.compile(
    r"^(?:nearly|about|around|over|more than|roughly|approximately)?\s*"
    r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|mn|k|m|万|亿)?"
    r"(%|\s*percent|\s*per cent)?(?:\s+[a-z ]+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberReading:
    value: Decimal
    percent: bool
    scaled: bool


def read_number(text: str) -> NumberReading | None:
    if text.strip().lower() == "twice":
        return NumberReading(Decimal(2), False, False)
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    try:
        value = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    scale = match.group(2)
    if scale:
        value = value.scaleb(_SCALES[scale.lower()])
    return NumberReading(value, bool(match.group(3)), bool(scale))
