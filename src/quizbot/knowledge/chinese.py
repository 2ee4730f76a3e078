"""Chinese questions: traditional characters made simplified, the question split into
the terms of a bilingual table (longest first), and told as the English words the
facts use ("中国有多少网民" -> "how many china internet users").

Why a term table and not a segmenter: the facts are English, so a Chinese word the
table does not know could not be matched anyway; splitting by the table's longest
terms is the segmentation that matters here, costs nothing at start-up (jieba takes
~0.7 s to load its dictionary) and leaves every other character as an unknown word,
so a question about something the packs do not cover is refused.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from quizbot.knowledge.t2s import to_simplified
from quizbot.knowledge.words import MONTH_NAMES

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TERMS_FILE = Path(__file__).with_name("zh_terms.tsv")
# Characters that carry no topic in a question: particles, pronouns, "is", "has".
FUNCTION = frozenset(
    "的了是吗呢吧啊呀么嘛有在和与及中个们都也被把让给对从到为以这那些我你他她它共约已经曾"
    "如今底究竟就还又很最更会能可要想请问过着得地之其该每各多少几所"
)
ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%\-]*(?: [A-Za-z0-9][A-Za-z0-9.%\-]*)*")
QUESTION_WORDS = re.compile(r"^(?:how|what|when|who|where|why|which)\b")


# "A和B哪个用户多", "哪个更大": the comparative ends the question ("哪个省靠大数据增长"
# holds 大, but in 大数据).
CHINESE_COMPARISON = re.compile(
    r"哪(?:个|一个|种|边)[^，。？?]{0,8}?更?(?:多(?!少)|大|高)(?=[，。？?！!呢吗啊]|$)"
    r"|比(?![例率])[^，。？?]{1,12}多(?!少)"
)
SIDE_JOINERS = frozenset({"和", "与", "还是", "跟", "同"})


def has_chinese(text: str) -> bool:
    return bool(CJK.search(text))


@lru_cache(maxsize=1)
def term_table() -> dict[str, str]:
    """The bilingual table: simplified Chinese term -> English words ("" for none)."""
    table: dict[str, str] = {}
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        chinese, _, english = line.partition("\t")
        table[chinese.strip()] = "" if english.strip() == "-" else english.strip()
    return table


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(len(term) for term in term_table())


def split_chinese(text: str) -> list[str]:
    """The question's terms, longest table terms first; other characters one by one
    (runs of unknown characters are kept together as one unknown word)."""
    table = term_table()
    longest = _longest()
    text = to_simplified(text)
    out: list[str] = []
    unknown = ""
    i = 0
    while i < len(text):
        ascii_word = ASCII_RUN.match(text, i)
        if ascii_word:
            if unknown:
                out.append(unknown)
                unknown = ""
            out.append(ascii_word.group())
            i = ascii_word.end()
            continue
        for size in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + size] in table:
                if unknown:
                    out.append(unknown)
                    unknown = ""
                out.append(text[i : i + size])
                i += size
                break
        else:
            char = text[i]
            if CJK.match(char) and char not in FUNCTION:
                unknown += char
            elif unknown:
                out.append(unknown)
                unknown = ""
            i += 1
    if unknown:
        out.append(unknown)
    return out


CHINESE_DATE = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月|(底|末))?|(\d{1,2})\s*月")


def _date(match: re.Match[str]) -> str:
    year, month, end, bare_month = match.groups()
    if bare_month:
        return f" {_month(bare_month)} "
    if end:
        return f" end of {year} "
    return f" {_month(month)} {year} " if month else f" {year} "


def _month(number: str) -> str:
    index = int(number) - 1
    return MONTH_NAMES[index] if 0 <= index < 12 else number


def to_english(text: str) -> str:
    """The question in the English words the facts use: question words first."""
    table = term_table()
    # "2020年12月" -> "december 2020", "2019年底" -> "end of 2019": dates as the facts say them.
    text = CHINESE_DATE.sub(_date, to_simplified(text))
    # "A和B哪个用户多": a comparison; its "and" joins the two sides ("A or B").
    comparing = bool(CHINESE_COMPARISON.search(text))
    cues: list[str] = ["which is larger"] if comparing else []
    words: list[str] = []
    for term in split_chinese(text):
        english = table.get(term)
        if comparing and term in SIDE_JOINERS:
            english = "or"
        elif comparing and english is not None and QUESTION_WORDS.match(english):
            continue  # "哪个", "多少": the comparison says what is asked
        if english is None:
            # Not in the table: kept as it is, an unknown word the index cannot match
            # (so "上海有多少医院" is refused rather than answered about hospitals).
            words.append(term)
        elif QUESTION_WORDS.match(english):
            cues.append(english)
        elif english:
            words.append(english)
    return " ".join(cues + words)
