"""Units of measure: the table (data, in one place), and reading a unit or a period after a number.

To add a unit, add one row to ``_TABLE``: its quantity, its name as shown, its
factor to the quantity's base unit (and an offset for temperatures), the
words that name it (forgiven one slip from 4 letters, with plurals) and its
abbreviations and symbols (matched exactly: "km" is never "cm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from rapidfuzz.distance import OSA


@dataclass(frozen=True)
class Unit:
    """A unit of a quantity: ``base = value * factor + offset``."""

    name: str  # as shown in feedback ("minutes", "°C")
    quantity: str  # time, length, mass, temperature, money, data, rate, percent
    factor: Decimal
    offset: Decimal = Decimal(0)
    # "degrees" names a temperature without its scale: it takes the answer's.
    generic: bool = False

    def to_base(self, value: Decimal) -> Decimal:
        return value * self.factor + self.offset

    def from_base(self, value: Decimal) -> Decimal:
        return (value - self.offset) / self.factor

    @property
    def converts(self) -> bool:
        """Money is never converted: exchange rates change, a fact's figure does not."""
        return self.quantity != "money"


_D = Decimal
_F_OFFSET = _D("273.15") - _D(32) * _D(5) / _D(9)
_DAY = _D(86400)

# quantity, name shown, factor, offset, words (forgiving), abbreviations and symbols (exact)
_TABLE: tuple[tuple[str, str, Decimal, Decimal, tuple[str, ...], tuple[str, ...]], ...] = (
    ("time", "seconds", _D(1), _D(0), ("second",), ("s", "sec", "secs", "秒", "秒钟")),
    ("time", "minutes", _D(60), _D(0), ("minute",), ("min", "mins", "分钟")),
    ("time", "hours", _D(3600), _D(0), ("hour",), ("h", "hr", "hrs", "小时", "个小时", "钟头")),
    ("time", "days", _DAY, _D(0), ("day",), ("天",)),
    ("time", "weeks", _DAY * 7, _D(0), ("week",), ("wk", "wks", "周", "星期", "个星期")),
    ("time", "months", _DAY * _D("30.436875"), _D(0), ("month",), ("mo", "个月", "月")),
    ("time", "years", _DAY * _D("365.2425"), _D(0), ("year",), ("yr", "yrs", "年")),
    ("time", "decades", _DAY * _D("3652.425"), _D(0), ("decade",), ()),
    ("time", "centuries", _DAY * _D("36524.25"), _D(0), ("century", "centuries"), ("世纪",)),
    ("length", "mm", _D("0.001"), _D(0), ("millimetre", "millimeter"), ("mm", "毫米")),
    ("length", "cm", _D("0.01"), _D(0), ("centimetre", "centimeter"), ("cm", "厘米")),
    ("length", "metres", _D(1), _D(0), ("metre", "meter"), ("米",)),
    ("length", "km", _D(1000), _D(0), ("kilometre", "kilometer"), ("km", "公里", "千米")),
    ("length", "miles", _D("1609.344"), _D(0), ("mile",), ("mi", "英里")),
    ("length", "light years", _D("9460730472580800"), _D(0), ("light year",), ("ly", "光年")),
    ("mass", "g", _D("0.001"), _D(0), ("gram", "gramme"), ("g", "克")),
    ("mass", "kg", _D(1), _D(0), ("kilogram", "kilogramme", "kilo"), ("kg", "千克", "公斤")),
    ("mass", "tonnes", _D(1000), _D(0), ("tonne", "metric ton", "ton"), ("t", "吨")),
    ("temperature", "°C", _D(1), _D("273.15"), ("celsius", "degree celsius", "centigrade"),
     ("°c", "c", "摄氏度")),
    ("temperature", "°F", _D(5) / _D(9), _F_OFFSET, ("fahrenheit", "degree fahrenheit"),
     ("°f", "f", "华氏度")),
    ("temperature", "kelvin", _D(1), _D(0), ("kelvin",), ("k",)),
    ("money", "yuan", _D(1), _D(0), ("yuan", "renminbi"),
     ("rmb", "cny", "¥", "元", "块", "人民币")),
    ("money", "dollars", _D(1), _D(0), ("dollar", "us dollar"), ("$", "usd", "us$", "美元")),
    ("money", "euros", _D(1), _D(0), ("euro",), ("€", "eur", "欧元")),
    ("data", "KB", _D(1000), _D(0), ("kilobyte",), ("kb",)),
    ("data", "MB", _D(1000) ** 2, _D(0), ("megabyte",), ("mb",)),
    ("data", "GB", _D(1000) ** 3, _D(0), ("gigabyte",), ("gb",)),
    ("data", "TB", _D(1000) ** 4, _D(0), ("terabyte",), ("tb",)),
    ("rate", "kbps", _D(1000), _D(0), ("kilobit per second",), ("kbps", "kbit/s", "kb/s")),
    ("rate", "Mbps", _D(1000) ** 2, _D(0), ("megabit per second",), ("mbps", "mbit/s", "兆")),
    ("rate", "Gbps", _D(1000) ** 3, _D(0), ("gigabit per second",), ("gbps", "gbit/s")),
    ("percent", "percent", _D(1), _D(0), ("percent", "per cent", "percentage point",
     "percentage"), ("%", "pct", "pp", "百分点", "个百分点")),
)  # fmt: skip

_GENERIC: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # A bare "degrees" (or 度) is a temperature in the answer's own scale.
    "temperature": (("degree",), ("°", "度")),
}

# Periods after a number: "twice a year", "per month", "/day", "annually", "每年".
_PERIOD_WORDS = {
    "annually": "years", "yearly": "years", "monthly": "months", "weekly": "weeks",
    "daily": "days", "hourly": "hours", "annual": "years",
}  # fmt: skip
_PERIOD_LEADS = ("a", "an", "per", "each", "every", "/", "a single")
_PER_ANNUM = ("per annum",)


def _plurals(word: str) -> tuple[str, ...]:
    *head, last = word.split(" ")
    forms: tuple[str, ...]
    if last.endswith("y") and not last.endswith("ay"):
        forms = (last + "s", last[:-1] + "ies")
    elif last.endswith(("s", "x", "ch")):
        forms = (last + "es",)
    else:
        forms = (last + "s",)
    return tuple(" ".join((*head, f)) for f in forms)


def _build() -> tuple[dict[str, Unit], dict[str, Unit], dict[str, Unit]]:
    words: dict[str, Unit] = {}
    abbreviations: dict[str, Unit] = {}
    by_name: dict[str, Unit] = {}
    for quantity, name, factor, offset, names, abbrevs in _TABLE:
        unit = Unit(name, quantity, factor, offset)
        by_name[name.casefold()] = unit
        for word in names:
            words[word] = unit
            for plural in _plurals(word):
                words.setdefault(plural, unit)
            if word.startswith("degree "):
                words["degrees " + word[len("degree ") :]] = unit
        for abbreviation in abbrevs:
            abbreviations[abbreviation] = unit
    for quantity, (names, abbrevs) in _GENERIC.items():
        unit = Unit("degrees", quantity, _D(1), _D(0), generic=True)
        for word in names:
            words[word] = unit
            words[word + "s"] = unit
        for abbreviation in abbrevs:
            abbreviations[abbreviation] = unit
    # Spelling variants people write.
    for variant, canonical in (("metres", "metre"), ("meters", "meter")):
        words[variant] = words[canonical]
    return words, abbreviations, by_name


WORDS, ABBREVIATIONS, _BY_NAME = _build()
_LONGEST_WORD = max(len(w.split()) for w in WORDS)
# Letters-only units with one slip forgiven: only the words of 4 letters or more.
_FUZZY = tuple(w for w in WORDS if len(w) >= 4 and " " not in w)
_CJK_UNITS = tuple(
    sorted((a for a in ABBREVIATIONS if not a.isascii() and a[0] not in "°¥€$"), key=len)[::-1]
)


def _exact(phrase: str) -> Unit | None:
    return WORDS.get(phrase) or ABBREVIATIONS.get(phrase)


@lru_cache(maxsize=2048)
def _fuzzy(word: str) -> Unit | None:
    """A unit word with one slip ("minuts", "kilometrs"), when only one unit is that close."""
    if len(word) < 4 or not word.isalpha() or not word.isascii():
        return None
    # The first letter must match: "tours" is no slip of "hours".
    found = {
        WORDS[w] for w in _FUZZY if w[0] == word[0] and OSA.distance(word, w, score_cutoff=1) <= 1
    }
    return found.pop() if len(found) == 1 else None


def lookup(name: str) -> Unit | None:
    """The unit a ``unit:`` value names ("minutes", "km", "°C", "元"), else None."""
    key = " ".join(name.casefold().replace("℃", "°c").replace("℉", "°f").split())
    if not key:
        return None
    return _exact(key) or _BY_NAME.get(key)


def suggest(name: str) -> str | None:
    """The known unit word nearest a misspelt ``unit:`` value (two slips at most), if any."""
    key = name.casefold().strip()
    if len(key) < 3:
        return None
    best: tuple[int, str] | None = None
    for word in (*WORDS, *(a for a in ABBREVIATIONS if len(a) >= 3 and a.isascii())):
        distance = OSA.distance(key, word, score_cutoff=2)
        # Two slips only in longer words; on a tie, the form ending like the value ("minutes").
        rank = distance * 2 + (word[-1] != key[-1])
        if distance <= (2 if len(key) >= 6 else 1) and (best is None or rank < best[0]):
            best = (rank, word)
    return best[1] if best is not None else None


def is_counting_noun(name: str) -> bool:
    """A plain noun that counts things (``people``, ``poor counties``): a label, not a unit."""
    return bool(re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+){0,3}", name.strip()))


# --- reading units around a number -----------------------------------------------

_TAIL_TOKEN = re.compile(r"[a-z]+|°\s?[cf]?|[%$¥€/]|[\u3400-\u9fff]+|[^\s\w]")
_HEAD_TOKEN = re.compile(r"(us\$|[$¥€]|rmb|usd|cny|eur|每)\s*$")


@dataclass(frozen=True)
class Around:
    """What stands around a number: its unit, the period it is counted in, "every"."""

    unit: Unit | None = None
    period: Unit | None = None  # "twice a year": years
    every: bool = False  # "every six months": the number is the period's length
    unit_text: str = ""  # the unit as written, for feedback


def _unit_at(tokens: list[str], i: int) -> tuple[Unit | None, int]:
    """The unit named by tokens[i:], and how many tokens it takes (longest first)."""
    for size in range(min(_LONGEST_WORD, len(tokens) - i), 0, -1):
        phrase = " ".join(tokens[i : i + size])
        unit = _exact(phrase)
        if unit is None and size == 1:
            unit = _fuzzy(phrase)
        if unit is not None:
            return unit, size
    return None, 0


def _cjk_unit(token: str) -> tuple[Unit | None, str]:
    """A Chinese unit at the start of a run of characters ("分钟左右", "公里")."""
    for abbreviation in _CJK_UNITS:
        if token.startswith(abbreviation):
            return ABBREVIATIONS[abbreviation], abbreviation
    return None, ""


def _period_at(tokens: list[str], i: int) -> tuple[Unit | None, int]:
    """A period starting at tokens[i] ("a year", "per month", "/day", "annually")."""
    if i >= len(tokens):
        return None, 0
    word = tokens[i]
    if word in _PERIOD_WORDS:
        return WORDS[_PERIOD_WORDS[word][:-1]], 1
    if " ".join(tokens[i : i + 2]) in _PER_ANNUM:
        return WORDS["year"], 2
    if word in _PERIOD_LEADS and i + 1 < len(tokens):
        unit, size = _unit_at(tokens, i + 1)
        if unit is not None and unit.quantity == "time":
            return unit, 1 + size
    if word.startswith("每"):
        unit, _ = _cjk_unit(word[1:])
        if unit is not None and unit.quantity == "time":
            return unit, 1
    return None, 0


@lru_cache(maxsize=8192)
def around(text: str, start: int, end: int, is_year: bool = False) -> Around:
    """The unit and period around the number at text[start:end] (text NFKC'd and case-folded).

    ``is_year``: the number is a year, so 年 after it is no unit ("2020年").
    """
    tail = text[end : end + 48]
    tokens = _TAIL_TOKEN.findall(tail)
    tokens = [t.replace(" ", "") for t in tokens]
    unit: Unit | None = None
    unit_text = ""
    i = 0
    if tokens and tokens[0] == "-":
        i = 1  # "8-minute"
    if i < len(tokens):
        first = tokens[i]
        if not first.isascii() and first[0] not in "°¥€$%":
            if first.startswith("每"):
                pass
            else:
                unit, unit_text = _cjk_unit(first)
                if unit is not None and is_year and unit_text == "年":
                    unit, unit_text = None, ""
                i += 1 if unit is not None else 0
        else:
            period, _ = _period_at(tokens, i)
            if period is None:
                unit, size = _unit_at(tokens, i)
                if unit is not None:
                    unit_text = " ".join(tokens[i : i + size])
                    i += size
    if unit is None:
        head = _HEAD_TOKEN.search(text[max(0, start - 6) : start])
        if head is not None and head.group(1) != "每":
            unit = ABBREVIATIONS.get(head.group(1))
            unit_text = head.group(1)
    period, _ = _period_at(tokens, i)
    if period is None:
        before = text[max(0, start - 12) : start].split()
        if before and before[-1].startswith("每"):
            period, _ = _cjk_unit(before[-1][1:])
        elif text[max(0, start - 3) : start].rstrip().endswith("每"):
            period, _ = _cjk_unit(tail.lstrip())
            if period is not None:
                return Around(None, period, False, "")
    every = False
    if period is None and unit is not None and unit.quantity == "time":
        lead = text[max(0, start - 8) : start].split()
        every = bool(lead) and lead[-1] in ("every", "each")
    return Around(unit, period, every, unit_text)


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal:
    """``value`` in ``source`` units, said in ``target`` units (same quantity)."""
    return target.from_base(source.to_base(value))


def period_in(text: str) -> Unit | None:
    """A period a question's prompt or answer names anywhere ("twice a year", "每年")."""
    tokens = [t.replace(" ", "") for t in _TAIL_TOKEN.findall(text.casefold())]
    for i in range(len(tokens)):
        period, _ = _period_at(tokens, i)
        if period is not None and (tokens[i] != "every" or i + 1 < len(tokens)):
            return period
    return None


# Data units are counted in 1000s or in 1024s: both are right.
BINARY_STEP = Decimal(1024) / Decimal(1000)


def data_power(unit: Unit) -> int:
    """KB 1, MB 2, GB 3, TB 4 (for the 1024-based reading)."""
    power = 0
    factor = unit.factor
    while factor >= 1000:
        factor /= 1000
        power += 1
    return power


# Frequencies said in one word, read as a number and a period.
_FREQUENCY_WORDS = {
    "biannually": "twice a year", "semiannually": "twice a year",
    "semi-annually": "twice a year", "half-yearly": "twice a year",
    "twice-yearly": "twice a year", "quarterly": "4 times a year",
    "fortnightly": "every 2 weeks",
}  # fmt: skip
# Said alone, these are once in their period ("annually": once a year).
_ONCE_WORDS = {"annually": "once a year", "yearly": "once a year", "monthly": "once a month",
               "weekly": "once a week", "daily": "once a day"}  # fmt: skip
_FREQUENCY = re.compile(r"\b(" + "|".join(map(re.escape, _FREQUENCY_WORDS)) + r")\b", re.I)
# "一年两次" is "twice a year": 一 before a period means "per", not the number one.
_CN_ONE_PERIOD = re.compile(r"一(?=年|个月|月|周|星期|天|小时)")


def frequencies_as_numbers(text: str) -> str:
    """ "biannually" as "twice a year", "一年两次" as "每年两次": a number and its period."""
    alone = _ONCE_WORDS.get(text.strip().casefold())
    if alone is not None:
        return alone
    text = _FREQUENCY.sub(lambda m: _FREQUENCY_WORDS[m.group(1).casefold()], text)
    return _CN_ONE_PERIOD.sub("每", text) if "一" in text else text
