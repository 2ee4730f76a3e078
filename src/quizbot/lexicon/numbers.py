"""The number reader: digits, scale words, English and Chinese numerals, percentages."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from rapidfuzz.distance import OSA

# The number reader never looks past this many characters of a text (a key,
# a prompt or a response): nobody writes a number further into a text.
MAX_NUMBER_TEXT_CHARS = 4000


class NumberReading(NamedTuple):
    """A number read from text.

    ``value`` is the full value (900 million -> 900000000; 70.4 percent -> 70.4
    with ``percent``); ``scaled`` says a scale word or suffix was used and
    ``scale`` names the biggest one as written canonically ("million", "亿").

    This and ``FoundNumber`` are named tuples, not frozen dataclasses: the grader
    makes them for most number responses, and a tuple is made in less than half the time.
    """

    value: Decimal
    percent: bool
    scaled: bool
    scale: str = ""


class FoundNumber(NamedTuple):
    """A number found inside a longer text, with where it stands."""

    reading: NumberReading
    start: int
    end: int
    text: str


# --- tokens -----------------------------------------------------------------

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 4, "萬": 4, "亿": 8, "億": 8}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG) + "点點"

_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<pctpre>百分之)"
    r"|(?P<pctpost>个?百分点|個?百分點)"
    rf"|(?P<cn>[{_CN_CHARS}]+)"
    rf"|(?P<word>[^\W\d_{_CN_CHARS}]+(?:['’][^\W\d_]+)?)"
    r"|(?P<pct>[%‰])"
    r"|(?P<sep>\S)"
)


@dataclass
class _Token:
    kind: str
    text: str
    start: int
    end: int


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sep"
        word = m.group()
        if kind == "num" and "," in word and not _THOUSANDS.fullmatch(word):
            # "1,2,3" is a list of numbers, not one number.
            at = m.start()
            for piece in word.split(","):
                tokens.append(_Token("num", piece, at, at + len(piece)))
                at += len(piece)
                tokens.append(_Token("sep", ",", at, at + 1))
                at += 1
            tokens.pop()
            continue
        tokens.append(_Token(kind, word, m.start(), m.end()))
    return tokens


# --- words ------------------------------------------------------------------

_UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "ninty": 90,
}  # fmt: skip
_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_BIG_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_PLURAL_BIG = {w + "s": e for w, e in _BIG_WORDS.items()}
# Suffixes only count right after a number ("900m", "40 bn").
_SUFFIXES = {
    "k": ("thousand", 3), "m": ("million", 6), "mn": ("million", 6), "mln": ("million", 6),
    "mil": ("million", 6), "b": ("billion", 9), "bn": ("billion", 9), "bln": ("billion", 9),
    "tn": ("trillion", 12), "trn": ("trillion", 12),
}  # fmt: skip
_FUZZY_SCALES = ("hundred", "thousand", "million", "billion", "trillion")
_PERCENT_WORDS = {"percent", "pct", "percentage", "percents"}
_DOT_WORDS = {"point", "dot"}
_NEGATIVE_WORDS = {"minus", "negative"}


def _scale_word(word: str) -> str | None:
    """Canonical scale word for ``word``, allowing one slip ("milion"), else None."""
    if word == "hundred" or word == "hundreds":
        return "hundred"
    if word in _BIG_WORDS:
        return word
    if word in _PLURAL_BIG:
        return word[:-1]
    if len(word) < 5 or not word.isascii() or not word.isalpha():
        return None
    found = [s for s in _FUZZY_SCALES if OSA.distance(word, s, score_cutoff=1) <= 1]
    return found[0] if len(found) == 1 else None


# --- Chinese numerals -------------------------------------------------------


def read_chinese(text: str, prefix: Decimal | None = None) -> Decimal | None:
    """Read a Chinese numeral (九亿, 三点四二亿, 九百万, 二〇二〇), maybe after digits (3.42亿)."""
    if not text:
        return prefix
    if "点" in text or "點" in text:
        head, _, tail = text.replace("點", "点").partition("点")
        big = ""
        while tail and tail[-1] in _CN_BIG:
            big = tail[-1] + big
            tail = tail[:-1]
        if prefix is not None or not tail or any(c not in _CN_DIGITS for c in tail):
            return None
        whole = _read_cn_integer(head, None) if head else Decimal(0)
        if whole is None:
            return None
        frac = "".join(str(_CN_DIGITS[c]) for c in tail)
        value = whole + Decimal("0." + frac)
        for c in big:
            value = value.scaleb(_CN_BIG[c])
        return value
    return _read_cn_integer(text, prefix)


def _read_cn_integer(text: str, prefix: Decimal | None) -> Decimal | None:
    if prefix is None and all(c in _CN_DIGITS for c in text):
        # Digit by digit, as years are written: 二〇二〇.
        return Decimal("".join(str(_CN_DIGITS[c]) for c in text))
    total = Decimal(0)  # the part counted in 亿
    wan = Decimal(0)  # the part counted in 万
    acc = Decimal(0)  # below 万
    num: Decimal | None = prefix
    for c in text:
        if c in _CN_DIGITS:
            if num is not None and num != 0:
                return None  # two digits in a row inside a numeral with units
            num = Decimal(_CN_DIGITS[c])
        elif c in _CN_SMALL:
            acc += (num if num is not None else Decimal(1)) * _CN_SMALL[c]
            num = None
        elif c in _CN_BIG:
            part = acc + (num or 0)
            if _CN_BIG[c] == 4:
                wan = (part if part else Decimal(1)).scaleb(4)
            else:
                below = total + wan + part
                total = (below if below else Decimal(1)).scaleb(8)
                wan = Decimal(0)
            acc = Decimal(0)
            num = None
        else:
            return None
    return total + wan + acc + (num or 0)


# --- the phrase parser ------------------------------------------------------


@dataclass
class _Phrase:
    value: Decimal
    percent: bool
    scaled: bool
    scale: str
    first: int  # token indexes
    last: int


def _digits_value(text: str) -> Decimal | None:
    """The number of a digit token ("900,000,000", "70.4"); None for "1.2.3".

    A token keeps its commas only when they are thousands separators: any
    other comma was made a separator by ``_tokens``.
    """
    if text.count(".") > 1:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _is_glued_word(tokens: list[_Token], i: int) -> bool:
    """Is number token ``i`` part of a word like 4g, mp3, covid-19, 1st, 1990s?"""
    tok = tokens[i]
    if i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start and prev.kind == "word" and prev.text.isascii():
            return True
        if (
            prev.end == tok.start
            and prev.text in "-_"
            and i > 1
            and tokens[i - 2].end == prev.start
            and tokens[i - 2].kind == "word"
        ):
            return True
    if i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.start == tok.end and nxt.kind == "word" and nxt.text.isascii():
            return nxt.text not in _SUFFIXES and _scale_word(nxt.text) is None
        if nxt.start == tok.end and nxt.text in "-_" and i + 2 < len(tokens):
            after = tokens[i + 2]
            return (
                after.start == nxt.end
                and after.kind == "word"
                and after.text.isascii()
                and (after.text not in _UNITS and after.text not in _TENS)
                and not _hyphen_before_scale(tokens, i + 1)
            )
    return False


def _hyphen_before_scale(tokens: list[_Token], i: int) -> bool:
    """Is token ``i`` a hyphen that glues a number to a scale word ("900-million")?"""
    if not 0 < i < len(tokens) - 1 or tokens[i].text != "-":
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    return (
        before.end == tokens[i].start
        and after.start == tokens[i].end
        and after.kind == "word"
        and _scale_word(after.text) is not None
    )


class _Reader:
    """Reads number phrases from a token list, left to right."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens

    def word(self, i: int) -> str:
        if 0 <= i < len(self.tokens) and self.tokens[i].kind == "word":
            return self.tokens[i].text
        return ""

    def phrases(self) -> list[_Phrase]:
        found: list[_Phrase] = []
        i = 0
        n = len(self.tokens)
        while i < n:
            phrase = self.phrase_at(i)
            if phrase is None:
                i += 1
                continue
            phrase = self.chinese_rest(phrase)
            found.append(phrase)
            i = phrase.last + 1
        return found

    def chinese_rest(self, phrase: _Phrase) -> _Phrase:
        """Add what follows a 亿 or 万 and is smaller: 9亿3千万, 一亿 五千万 (one number each)."""
        while True:
            end = self.tokens[phrase.last]
            if end.kind != "cn" or end.text[-1] not in _CN_BIG:
                return phrase
            j = phrase.last + 1
            if j >= len(self.tokens) or self.tokens[j].start - end.end > 1:
                return phrase
            if self.tokens[j].kind not in ("num", "cn"):
                return phrase
            rest = self.phrase_at(j)
            if rest is None or rest.percent or self.tokens[rest.last].kind != "cn":
                return phrase
            if not 0 < rest.value < Decimal(10) ** _CN_BIG[end.text[-1]]:
                return phrase
            phrase.value += rest.value
            phrase.last = rest.last

    def phrase_at(self, i: int) -> _Phrase | None:
        tok = self.tokens[i]
        if tok.kind == "num":
            return self.digits_phrase(i)
        if tok.kind == "cn":
            value = read_chinese(tok.text)
            if value is None:
                return None
            return self.finish(value, i, i, scale=_cn_scale(tok.text))
        if tok.kind == "pctpre" and i + 1 < len(self.tokens):
            inner = self.phrase_at(i + 1)
            if inner is None or self.tokens[i + 1].start != tok.end:
                return None
            inner.percent = True
            inner.first = i
            return inner
        if tok.kind == "word":
            return self.words_phrase(i)
        if tok.text in "-−" and i + 1 < len(self.tokens):
            nxt = self.tokens[i + 1]
            prev_ok = i == 0 or self.tokens[i - 1].kind not in ("num", "word", "cn")
            if nxt.kind == "num" and nxt.start == tok.end and prev_ok:
                inner = self.digits_phrase(i + 1)
                if inner is not None:
                    inner.value = -inner.value
                    inner.first = i
                return inner
        return None

    def digits_phrase(self, i: int) -> _Phrase | None:
        tokens = self.tokens
        if _is_glued_word(tokens, i):
            return None
        value = _digits_value(tokens[i].text)
        if value is None:
            return None
        last = i
        # Thousands separated by single spaces: "900 000 000".
        if re.fullmatch(r"\d{1,3}", tokens[i].text):
            j = i + 1
            while (
                j < len(tokens)
                and tokens[j].kind == "num"
                and re.fullmatch(r"\d{3}", tokens[j].text)
                and tokens[j].start - tokens[j - 1].end == 1
                and not _is_glued_word(tokens, j)
            ):
                j += 1
            if j > i + 1:
                value = Decimal("".join(t.text for t in tokens[i:j]))
                last = j - 1
        # Chinese units glued on or after one space: 3.42亿, 3.42 亿, 900万, 9百万.
        if (
            last + 1 < len(tokens)
            and tokens[last + 1].kind == "cn"
            and tokens[last + 1].start - tokens[last].end <= 1
        ):
            cn = tokens[last + 1].text
            if all(c in _CN_SMALL or c in _CN_BIG for c in cn):
                cn_value = read_chinese(cn, value)
                if cn_value is not None:
                    return self.finish(cn_value, i, last + 1, scale=_cn_scale(cn))
        # "point five" after digits is unusual; take digits as they are.
        return self.scales(value, i, last, big_seen=0)

    def words_phrase(self, i: int) -> _Phrase | None:
        word = self.tokens[i].text
        if word in _TIMES:
            return self.finish(Decimal(_TIMES[word]), i, i)
        start = i
        if word in _NEGATIVE_WORDS:
            inner = self.phrase_at(i + 1) if i + 1 < len(self.tokens) else None
            if inner is None:
                return None
            inner.value = -inner.value
            inner.first = i
            return inner
        if word in ("a", "an"):
            nxt = self.word(i + 1)
            if _scale_word(nxt) is None and nxt != "dozen":
                return None
            current: Decimal | None = Decimal(1)
            i += 1
        elif word in _UNITS or word in _TENS:
            current = None
        else:
            return None
        total = Decimal(0)
        big_seen = 0
        scale = ""
        last = start
        kind = ""  # the kind of the last atom: unit, tens, hundred, big
        while i < len(self.tokens):
            w = self.word(i)
            tok = self.tokens[i]
            if w in _UNITS and kind in ("", "tens", "hundred", "big", "and"):
                if kind == "tens" and (_UNITS[w] >= 10 or _UNITS[w] == 0):
                    break
                current = (current or Decimal(0)) + _UNITS[w]
                kind = "unit"
            elif w in _TENS and kind in ("", "hundred", "big", "and"):
                current = (current or Decimal(0)) + _TENS[w]
                kind = "tens"
            elif w == "dozen" and kind in ("", "unit", "tens"):
                current = (current if current is not None else Decimal(1)) * 12
                kind = "hundred"
            elif w and kind in ("unit", "tens", "hundred", "") and _scale_word(w) == "hundred":
                if current is None or current >= 100:
                    break
                current = current * 100
                kind = "hundred"
            elif (
                w
                and kind in ("unit", "tens", "hundred", "big", "")
                and (_scale_word(w) in _BIG_WORDS)
            ):
                canonical = _scale_word(w) or ""
                exponent = _BIG_WORDS[canonical]
                if kind == "big" and exponent <= big_seen:
                    break
                if current is None and not total:
                    break
                part = current if current is not None else Decimal(0)
                if big_seen and exponent < big_seen:
                    total += part.scaleb(exponent)
                else:
                    total = (total + part).scaleb(exponent)
                    big_seen = exponent
                    scale = canonical
                current = None
                kind = "big"
            elif w == "and" and kind in ("hundred", "big"):
                nxt = self.word(i + 1)
                if nxt not in _UNITS and nxt not in _TENS:
                    break
                kind = "and"
                i += 1
                continue
            elif tok.text == "-" and kind == "tens":
                nxt = self.word(i + 1)
                if nxt not in _UNITS or _UNITS[nxt] >= 10:
                    break
                i += 1
                continue
            elif w in _DOT_WORDS and kind in ("unit", "tens", "hundred") and not total:
                digits, end = self.fraction_digits(i + 1)
                if not digits:
                    break
                current = (current or Decimal(0)) + Decimal("0." + digits)
                last = end
                i = end + 1
                return self.scales(current, start, last, big_seen=0)
            else:
                break
            last = i
            i += 1
        if kind == "and":
            return None
        value = total + (current or Decimal(0))
        return self.finish(value, start, last, scaled=big_seen > 0, scale=scale)

    def fraction_digits(self, i: int) -> tuple[str, int]:
        """Digits after "point": "four two" -> "42" or a digit token; returns the last index."""
        digits = ""
        end = i - 1
        if i < len(self.tokens) and self.tokens[i].kind == "num" and self.tokens[i].text.isdigit():
            return self.tokens[i].text, i
        while i < len(self.tokens):
            w = self.word(i)
            if w in _UNITS and _UNITS[w] < 10:
                digits += str(_UNITS[w])
                end = i
                i += 1
            else:
                break
        return digits, end

    def scales(self, value: Decimal, first: int, last: int, *, big_seen: int) -> _Phrase:
        """Scale words and suffixes after a value: "1.2 million", "900m", "40 bn", "900-million"."""
        scale = ""
        scaled = False
        i = last + 1
        if _hyphen_before_scale(self.tokens, i):
            i += 1
        while i < len(self.tokens):
            tok = self.tokens[i]
            if tok.kind != "word":
                break
            gap = tok.start - self.tokens[i - 1].end
            if gap > 1:
                break
            w = tok.text
            if w in _SUFFIXES and not scaled:
                canonical, exponent = _SUFFIXES[w]
            else:
                canonical = _scale_word(w) or ""
                if not canonical:
                    break
                exponent = 2 if canonical == "hundred" else _BIG_WORDS[canonical]
            if scaled and exponent <= big_seen:
                break
            value = value.scaleb(exponent)
            if exponent >= 3:
                scaled = True
                scale = canonical
                big_seen = exponent
            last = i
            i += 1
        return self.finish(value, first, last, scaled=scaled, scale=scale)

    def finish(
        self, value: Decimal, first: int, last: int, *, scaled: bool | None = None, scale: str = ""
    ) -> _Phrase:
        """Attach a percent sign or word that follows the number."""
        percent = False
        i = last + 1
        if i < len(self.tokens):
            tok = self.tokens[i]
            w = self.word(i)
            if tok.kind in ("pct", "pctpost"):
                percent = True
                last = i
            elif w in _PERCENT_WORDS:
                percent = True
                last = i
                if self.word(i + 1) in ("point", "points"):
                    last = i + 1
            elif w == "per" and self.word(i + 1) == "cent":
                percent = True
                last = i + 1
        if scaled is None:
            scaled = bool(scale)
        return _Phrase(value, percent, scaled, scale, first, last)


def _cn_scale(text: str) -> str:
    if "亿" in text or "億" in text:
        return "亿"
    if "万" in text or "萬" in text:
        return "万"
    return ""


# --- public functions -------------------------------------------------------

# Words that may stand before the one number of an answer key or response.
LEAD_WORDS = frozenset(
    {
        "nearly", "about", "around", "over", "more", "than", "roughly", "approximately", "approx",
        "in", "since", "by", "almost", "some", "circa", "ca", "up", "to", "at", "least", "most",
        "less", "fewer", "under", "just", "only", "exactly", "close", "precisely", "the", "a",
        "an", "it", "is", "was", "its", "it's", "i", "think", "believe", "guess", "maybe",
        "perhaps", "probably", "answer", "my", "of", "total", "estimated", "est", "reached",
        "well", "like", "er", "um", "uh", "hmm", "rmb", "usd", "us", "yuan",
        "约", "大约", "将近", "近", "接近", "超过", "逾", "多达", "达", "大概",
        "差不多", "是", "约为", "共", "有", "约有", "大约有", "超", "达到",
    }
)  # fmt: skip
_TRAIL_BREAKERS = frozenset({"of"})


def clean_for_numbers(text: str) -> str:
    """NFKC and case-folding, as every reader of numbers sees the text."""
    text = text[:MAX_NUMBER_TEXT_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.casefold()


_PLAIN_NUMBER = re.compile(
    r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?: ?(thousand|million|billion|trillion|k|m|mn|bn|b|tn))?"
)


def find_numbers(text: str) -> list[FoundNumber]:
    """Every number stated in ``text``, in order (never raises)."""
    try:
        cleaned = clean_for_numbers(text)
        plain = _PLAIN_NUMBER.fullmatch(cleaned)
        if plain is not None:
            # Digits alone ("904", "900,000,000") or with one scale ("904 million", "900m"):
            # the commonest number responses, read without the tokenizer.
            value = Decimal(plain.group(1).replace(",", ""))
            scale = plain.group(2)
            if scale is None:
                reading = NumberReading(value, False, False)
            else:
                canonical, exponent = _SUFFIXES.get(scale) or (scale, _BIG_WORDS[scale])
                reading = NumberReading(value.scaleb(exponent), False, True, canonical)
            return [FoundNumber(reading, 0, len(cleaned), cleaned)]
        tokens = _tokens(cleaned)
        found = []
        for phrase in _Reader(tokens).phrases():
            start = tokens[phrase.first].start
            end = tokens[phrase.last].end
            reading = NumberReading(phrase.value, phrase.percent, phrase.scaled, phrase.scale)
            found.append(FoundNumber(reading, start, end, cleaned[start:end]))
        return found
    except (ArithmeticError, ValueError, IndexError, KeyError):
        return []


def read_number(text: str) -> NumberReading | None:
    """Read text that should be ONE number (an answer key or a whole response), else None.

    Hedges and prepositions may come before it ("nearly 900 million") and nouns
    after it ("832 poor counties", "twice a year"); anything else means the
    text is not just a number ("4G", "Route 66", "1990s").
    """
    try:
        cleaned = clean_for_numbers(text)
        tokens = _tokens(cleaned)
        phrases = _Reader(tokens).phrases()
        if len(phrases) != 1:
            return None
        phrase = phrases[0]
        for tok in tokens[: phrase.first]:
            if tok.kind == "word" and tok.text not in LEAD_WORDS:
                return None
            if tok.kind in ("num", "cn"):
                return None
        after = tokens[phrase.last + 1 :]
        if after and after[0].kind == "word" and after[0].text in _TRAIL_BREAKERS:
            return None
        if any(t.kind in ("num", "cn", "pctpre") for t in after):
            return None
        return NumberReading(phrase.value, phrase.percent, phrase.scaled, phrase.scale)
    except (ArithmeticError, ValueError, IndexError, KeyError):
        return None


# --- years as people say them -------------------------------------------------------

_TEENS = {w: v for w, v in _UNITS.items() if 10 <= v <= 19}
_YEAR_HEAD = "|".join([*_TEENS, *_TENS])
_SMALL_UNITS = "|".join(w for w, v in _UNITS.items() if 1 <= v <= 9)
_TENS_WORDS = "|".join(_TENS)
_TEEN_WORDS = "|".join(_TEENS)
_SPOKEN_YEAR = re.compile(
    rf"\b({_YEAR_HEAD})[\s-]+(?:(hundred)|(?:oh|o|zero)[\s-]+({_SMALL_UNITS})"
    rf"|({_TENS_WORDS})(?:[\s-]+({_SMALL_UNITS}))?|({_TEEN_WORDS}))\b",
    re.IGNORECASE,
)


def _year_value(m: re.Match[str]) -> str:
    head = m.group(1).casefold()
    century = _TEENS.get(head) or _TENS[head]
    if m.group(2):
        rest = 0
    elif m.group(3):
        rest = _UNITS[m.group(3).casefold()]
    elif m.group(4):
        rest = _TENS[m.group(4).casefold()] + (_UNITS[m.group(5).casefold()] if m.group(5) else 0)
    else:
        rest = _UNITS[m.group(6).casefold()]
    year = century * 100 + rest
    return str(year) if 1000 <= year <= 2100 else m.group()


def spoken_years(text: str) -> str:
    """Years said in words as digits: "twenty twenty" 2020, "nineteen ninety-seven" 1997.

    Only for answers that are years: elsewhere "forty fifty million" stays two numbers.
    """
    if text.isascii() and not any(c.isalpha() for c in text):
        return text
    return _SPOKEN_YEAR.sub(_year_value, text[:MAX_NUMBER_TEXT_CHARS])
