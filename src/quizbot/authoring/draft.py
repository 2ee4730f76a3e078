"""``quizbot draft``: a news article saved as text -> a draft pack for an author to review.

Rules only (no network, no model): the header gives the source (title; a byline
``By NAME | Publisher | Updated: 2021-02-04 09:06``), the site's navigation, share
buttons, photo captions and footer are dropped (a body paragraph is a full sentence of
six words or more, and the footer starts at "Copyright"), and every sentence that
carries a figure or a name becomes a fact whose figures (numbers with their scale or
unit, percentages, years, "twice") and names (runs of capitalised words: people,
organisations, places) are its blanks. A name found in most sentences ("China") is
the article's subject, not a fact to test, and stays unblanked.

Each fact gets proposed questions whose wrong options come from the article itself
(another figure of the same kind, another name), the kind of near miss a reader makes:
a multiple-choice completion, and a true/false statement with one figure swapped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from quizbot.authoring.importers.builder import clean_text, slug
from quizbot.authoring.yaml_writer import dump_pack
from quizbot.packs.cloze import GAP
from quizbot.safetext import forbidden_character

# -- the article -------------------------------------------------------------------------------

_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_BYLINE_PART_DATE = re.compile(r"^(?:Updated|Published|Posted)?:?\s*(\d{4}-\d{2}-\d{2})")
_FOOTER = re.compile(r"^(Copyright|©|\(c\)|All rights reserved|Most Viewed)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“\[])")
_MIN_WORDS = 6


@dataclass
class Article:
    title: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line, text)


def read_article(text: str) -> Article:
    """The article's header and its body paragraphs, boilerplate dropped."""
    lines = text.splitlines()
    article = Article()
    byline = next((i for i, line in enumerate(lines) if _is_byline(line)), None)
    body_from = 0
    if byline is not None:
        _read_byline(lines[byline], article)
        article.title = next(
            (lines[i].strip() for i in range(byline - 1, -1, -1) if _is_heading(lines[i])), ""
        )
        body_from = byline + 1
    else:
        heading = next((i for i, line in enumerate(lines) if _is_heading(line)), None)
        if heading is not None:
            article.title = lines[heading].strip()
            body_from = heading + 1
        found = _DATE.search("\n".join(lines[:10]))
        article.date = found.group(1) if found else ""
    article.title, article.publisher, article.author = (
        clean_text(article.title),
        clean_text(article.publisher),
        clean_text(article.author),
    )
    for number, raw in enumerate(lines[body_from:], start=body_from + 1):
        line = " ".join(raw.split())
        if _FOOTER.match(line):
            break
        if _is_body(line):
            article.paragraphs.append((number, line))
    return article


def _is_byline(line: str) -> bool:
    parts = [p.strip() for p in line.split("|")]
    return len(parts) >= 2 and any(_BYLINE_PART_DATE.match(p) for p in parts)


def _read_byline(line: str, article: Article) -> None:
    for part in (p.strip() for p in line.split("|")):
        date = _BYLINE_PART_DATE.match(part)
        if date:
            article.date = date.group(1)
        elif part.lower().startswith("by "):
            article.author = " ".join(
                w.capitalize() if w.isupper() else w for w in part[3:].split()
            )
        elif part and not article.publisher:
            article.publisher = part


def _is_heading(line: str) -> bool:
    """A title: words, not a breadcrumb ("Home / World") nor a one-word menu item."""
    text = line.strip()
    return len(text.split()) >= 3 and " / " not in text and "|" not in text


def _is_body(line: str) -> bool:
    return (
        len(line.split()) >= _MIN_WORDS
        and line[-1:] in ".!?\"”'’"
        and "[Photo" not in line
        and forbidden_character(line) is None
        and "{{" not in line
        and "}}" not in line
    )


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _words(text: str) -> list[str]:
    """A word list written as words."""
    return text.split()


# -- blanks ---------------------------------------------------------------------------------

_SCALE = r"(?:thousand|million|billion|trillion)"
_UNIT = (
    r"(?:percent|per cent|percentage points?|yuan|dollars|euros|km|kilometres|kilometers"
    r"|hours|minutes|seconds|days|weeks|months|Mbps|Gbps|GB|TB|kg|tonnes|metres|meters)"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?<![\w.,/-])(?:[$¥€]\s?)?(?:{_NUMBER})(?:\s?%|\s{_SCALE}(?:\s{_UNIT})?|\s{_UNIT})?(?![\w-])"
    r"|\b(?:twice|thrice|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds)\b",
    re.IGNORECASE,
)
_MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_DATE_PHRASE = re.compile(rf"\b(?:{'|'.join(_MONTHS)})\.? \d{{1,2}}, \d{{4}}\b")
_CAPITALISED = r"(?:[A-Z][\w-]*|\d+G)"
_NAME = re.compile(
    rf"{_CAPITALISED}(?:(?:\s+(?:of|and|for|the|de|van|von))*\s+{_CAPITALISED})*",
)
_NOT_NAMES = frozenset(
    _words(
        "a an the this that these those it its he she they we i you his her their our my "
        "in on at by for from with as of to and or but if when while since after before during "
        "such yet thanks because meanwhile however also then there here what which who how why "
        "nearly over about more most some many all every each both one other another last next "
        "first second third new report said says according monday tuesday wednesday thursday "
        "friday saturday sunday"
    )
    + [m.lower() for m in _MONTHS]
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "figure" or "name"


def figure_spans(sentence: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "figure") for m in _DATE_PHRASE.finditer(sentence)]
    for match in _FIGURE.finditer(sentence):
        if match.group().lower() in ("one",):
            continue
        span = Span(match.start(), match.end(), "figure")
        if not any(_overlaps(span, other) for other in spans):
            spans.append(span)
    return spans


def name_spans(sentence: str) -> list[Span]:
    """Runs of capitalised words, without a leading "The" or a function word."""
    found = []
    for match in _NAME.finditer(sentence):
        start, end = match.start(), match.end()
        # "The CNNIC Report" -> "CNNIC Report": drop leading words that name nothing.
        first = _FIRST_WORD.match(sentence, start, end)
        while first and first.group(1).lower() in _NOT_NAMES and first.end() < end:
            start = first.end()
            first = _FIRST_WORD.match(sentence, start, end)
        text = sentence[start:end]
        words = text.split()
        if not words or text.lower() in _NOT_NAMES or words[-1].lower() in _NOT_NAMES:
            continue
        if len(words) == 1 and text.endswith("ese"):  # "Chinese": a nationality, no name
            continue
        found.append(Span(start, end, "name"))
    return found


_FIRST_WORD = re.compile(r"(\S+)\s+")


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def blank_spans(sentence: str, common: frozenset[str], inner: frozenset[str]) -> list[Span]:
    """The sentence's blanks: figures first, then names that neither overlap a figure nor
    are the article's subject (``common``). A capitalised word that starts the sentence
    is a name only when the article also capitalises it inside a sentence (``inner``):
    "Demand for ..." is no name, "Guizhou is ..." is."""
    spans = figure_spans(sentence)
    for span in name_spans(sentence):
        name = sentence[span.start : span.end]
        if name in common or any(_overlaps(span, other) for other in spans):
            continue
        starts = not sentence[: span.start].strip(" \"“‘'(")
        if starts and " " not in name and name not in inner:
            continue
        spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _inner_names(all_sentences: list[str]) -> frozenset[str]:
    """Names the article capitalises inside a sentence, where capitals mean a name."""
    return frozenset(
        sentence[s.start : s.end]
        for sentence in all_sentences
        for s in name_spans(sentence)
        if s.start > 0 and sentence[: s.start].rstrip()[-1:] not in ('"', "“", ":")
    )


def _common_names(all_sentences: list[str]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for sentence in all_sentences:
        for name in {sentence[s.start : s.end] for s in name_spans(sentence)}:
            counts[name] = counts.get(name, 0) + 1
    limit = max(3, len(all_sentences) * 0.2)
    return frozenset(name for name, n in counts.items() if n >= limit)


# -- the pack --------------------------------------------------------------------------------


@dataclass
class Drafted:
    yaml: str
    facts: int
    questions: int
    figures: list[str] = field(default_factory=list)


@dataclass
class _Fact:
    id: str
    sentence: str
    line: int
    spans: list[Span]

    def text(self) -> str:
        out, last = [], 0
        for span in self.spans:
            out += [
                self.sentence[last : span.start],
                "{{",
                self.sentence[span.start : span.end],
                "}}",
            ]
            last = span.end
        return "".join([*out, self.sentence[last:]])

    def blank(self, span: Span) -> str:
        return self.sentence[span.start : span.end]


def draft_pack(text: str, file: str, pack_id: str | None = None) -> Drafted:
    article = read_article(text)
    found = [(line, s) for line, paragraph in article.paragraphs for s in sentences(paragraph)]
    common = _common_names([s for _, s in found])
    inner = _inner_names([s for _, s in found])
    facts: list[_Fact] = []
    for line, sentence in found:
        spans = blank_spans(sentence, common, inner)
        if spans:
            words = slug(" ".join(sentence.split()[:4]), "fact")
            facts.append(_Fact(f"s{len(facts) + 1:02d}-{words}", sentence, line, spans))
    title = article.title or "Drafted pack"
    source_id = "-".join(p for p in (slug(article.publisher, ""), article.date) if p) or "article"
    source: dict[str, Any] = {"id": source_id, "title": title}
    for key in ("publisher", "author", "date"):
        if getattr(article, key):
            source[key] = getattr(article, key)
    questions = _propose(facts, source_id)
    data: dict[str, Any] = {
        "pack": pack_id or slug(title, "draft"),
        "title": title,
        "version": 1,
        "description": f"A draft made by 'quizbot draft' from {title}: review before use.",
        "sources": [source],
        "facts": [{"id": f.id, "source": source_id, "text": f.text()} for f in facts],
    }
    if questions:
        data["questions"] = questions
    notes = {f.id: f"{file} line {f.line}" for f in facts}
    notes.update({q["id"]: "proposed: check it asks something worth knowing" for q in questions})
    header = [
        f"A draft made by 'quizbot draft' from {file}. Review it before use:",
        "each fact is one sentence of the article with its figures and names as {{blanks}};",
        "delete the blanks and facts not worth asking, add aliases ({{answer|alias}}),",
        "and check the proposed questions. Then run: quizbot validate THIS-FILE",
    ]
    figures = [f.blank(s) for f in facts for s in f.spans if s.kind == "figure"]
    yaml_text = dump_pack(data, header=header, notes=notes)
    return Drafted(yaml_text, len(facts), len(questions), figures)


def _propose(facts: list[_Fact], source_id: str) -> list[dict[str, Any]]:
    """Per fact: a choice completion for its first figure and for its first name, and a
    true/false with the figure swapped, each when the article offers wrong options of
    the same kind (the nearest figures first: 346 million against 342 million)."""
    pool: dict[str, list[str]] = {}
    for fact in facts:
        for blank in fact.spans:
            pool.setdefault(_kind(fact.blank(blank), blank), []).append(fact.blank(blank))
    questions: list[dict[str, Any]] = []
    for fact in facts:
        common = {"fact": fact.id, "source": source_id, "explanation": fact.sentence}
        for kind in ("figure", "name"):
            span = next((sp for sp in fact.spans if sp.kind == kind), None)
            if span is None:
                continue
            answer = fact.blank(span)
            others = _nearest(answer, pool[_kind(answer, span)])
            if len(others) < 2:
                continue
            gapped = f"{fact.sentence[: span.start]}{GAP}{fact.sentence[span.end :]}"
            options = sorted([answer, *others[:2]], key=lambda o: _digest(fact.id + o))
            questions.append(
                {"id": f"{fact.id}-{kind}", "type": "choice",
                 "prompt": f"Which completes the sentence? {gapped}", "answer": answer,
                 "options": options, **common}
            )  # fmt: skip
            if kind == "figure":  # a swapped name reads as nonsense more often than not
                swapped = f"{fact.sentence[: span.start]}{others[0]}{fact.sentence[span.end :]}"
                questions.append(
                    {"id": f"{fact.id}-tf", "type": "truefalse",
                     "prompt": f"True or false: {swapped}", "answer": False, **common}
                )  # fmt: skip
    return questions


def _nearest(answer: str, candidates: list[str]) -> list[str]:
    """The other candidates, nearest in value first for figures, else in article order."""
    from quizbot.lexicon.numbers import read_number

    others = _distinct([c for c in candidates if c.lower() != answer.lower()])
    reading = read_number(answer)
    if reading is None or reading.value == 0:
        return others

    def distance(other: str) -> Decimal:
        theirs = read_number(other)
        if theirs is None:
            return Decimal("Infinity")
        return abs(theirs.value - reading.value) / abs(reading.value)

    return sorted(others, key=distance)


def _kind(text: str, span: Span) -> str:
    """Wrong options must be of the answer's kind: a percentage for a percentage."""
    if span.kind == "name":
        if text.isupper():
            return "acronym"
        if any(word in _ORGANISATION_WORDS for word in text.split()):
            return "organisation"
        return f"name of {min(len(text.split()), 2)} words"
    lowered = text.lower()
    if "percent" in lowered or "%" in lowered:
        return "percent"
    scale = re.search(_SCALE, lowered)
    if scale:
        return scale.group()
    if re.fullmatch(r"1\d{3}|20\d{2}", text):
        return "year"
    return "figure"


_ORGANISATION_WORDS = frozenset(
    _words(
        "Center Centre Daily Network Ministry Association University Company Bank Group Council "
        "Committee Agency Office Institute Administration Commission Bureau Times News"
    )
)


def _distinct(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return list(seen.values())


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
