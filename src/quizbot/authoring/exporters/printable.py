"""A printable quiz with an answer key, in Markdown or HTML, for a class without computers.

Questions are grouped by topic and numbered; each fact is printed once with its blanks
numbered in place ("Fill in the blanks"); the answer key follows on a new page, then
the sources. Every pack text is escaped for the format: the pack is someone else's text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from quizbot.authoring.exporters import Exported
from quizbot.packs import cloze
from quizbot.packs.model import Fact, Pack, Question

BLANK_LINE = "________________"
_Escape = Callable[[str], str]
_Gap = Callable[[int], str]


@dataclass
class _Entry:
    """One numbered thing to answer: a question, or one blank of a fact."""

    number: int
    answer: str
    also: tuple[str, ...] = ()
    note: str = ""


@dataclass
class _Section:
    title: str
    questions: list[tuple[int, Question]] = field(default_factory=list)
    facts: list[tuple[Fact, list[int]]] = field(default_factory=list)


def _layout(pack: Pack) -> tuple[list[_Section], list[_Entry]]:
    """Sections in the pack's topic order (questions without a topic last), numbered in
    the order they are printed: each section's questions, then its facts' blanks."""
    order: list[str | None] = [t.id for t in pack.topics]
    grouped: dict[str | None, tuple[list[Question], list[Fact]]] = {t: ([], []) for t in order}
    for q in pack.questions:
        if not q.is_cloze:
            grouped.setdefault(q.topic, ([], []))[0].append(q)
    for fact in pack.facts:
        if cloze.blanks(fact.text):
            grouped.setdefault(fact.topic, ([], []))[1].append(fact)
    titled = any(pack.topic(t) for t, (qs, fs) in grouped.items() if qs or fs)
    sections: list[_Section] = []
    key: list[_Entry] = []
    for topic, (questions, facts) in grouped.items():
        if not questions and not facts:
            continue
        title = _topic_title(pack, topic) or (topic or ("Other questions" if titled else ""))
        section = _Section(title)
        for q in questions:
            key.append(_Entry(len(key) + 1, _key_answer(q), q.accept, q.explanation or ""))
            section.questions.append((len(key), q))
        for fact in facts:
            numbers = []
            for blank in cloze.blanks(fact.text):
                key.append(_Entry(len(key) + 1, blank.answer, blank.forms[1:]))
                numbers.append(len(key))
            section.facts.append((fact, numbers))
        sections.append(section)
    return sections, key


def _key_answer(q: Question) -> str:
    """The answer as the key prints it: the option's letter, True/False, the unit."""
    if q.type == "list":
        return ", ".join(item[0] for item in q.answers)
    if q.type == "choice":
        return f"{chr(ord('A') + q.options.index(q.answer))}. {q.answer}"
    if q.type == "truefalse":
        return q.answer.capitalize()
    if q.type == "number" and q.unit and q.unit.lower() not in q.answer.lower():
        return f"{q.answer} {q.unit}"
    return q.answer


def _topic_title(pack: Pack, topic_id: str | None) -> str:
    topic = pack.topic(topic_id)
    return topic.title if topic else ""


def _count(pack: Pack) -> int:
    return len(pack.questions)


# -- Markdown --------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
# What makes a line a heading, a list item or a numbered item when it starts one.
_MD_LINE_START = re.compile(r"^([#+=-]|\d+(?=[.)]))")


def md(text: str) -> str:
    """Pack text as literal Markdown: one line, every markup character escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    start = match.group(1)
    return f"{start}\\" if start[0].isdigit() else f"\\{start}"  # "12\\." or "\\-"


def to_markdown(pack: Pack) -> Exported:
    sections, key = _layout(pack)
    out = [f"# {md(pack.title)}", ""]
    if pack.description:
        out += [md(pack.description), ""]
    out += ["Name: ______________________ Date: ______________", ""]
    for section in sections:
        if section.title:
            out += [f"## {md(section.title)}", ""]
        for number, q in section.questions:
            out += [f"{number}\\. {md(q.prompt)}", ""]
            out += _md_answer_space(q)
        if section.facts:
            out += ["**Fill in the blanks**", ""]
        for fact, numbers in section.facts:
            out += [_with_numbered_gaps(fact, numbers, md, lambda n: f"({n}) {BLANK_LINE}"), ""]
    out += ["---", "", "## Answer key", ""]
    for entry in key:
        line = f"{entry.number}\\. **{md(entry.answer)}**"
        if entry.also:
            line += f" (also accepted: {md(', '.join(entry.also))})"
        if entry.note:
            line += f" — {md(entry.note)}"
        out += [line, ""]
    if pack.sources:
        out += ["## Sources", ""] + [f"- {md(s.citation())}" for s in pack.sources] + [""]
    return Exported("\n".join(out), _count(pack))


def _md_answer_space(q: Question) -> list[str]:
    if q.type == "choice":
        options = [f"   {chr(ord('A') + i)}\\. {md(o)}" for i, o in enumerate(q.options)]
        return [*("\n".join(options).split("\n")), ""]
    if q.type == "truefalse":
        return ["   True / False", ""]
    if q.type == "list":
        return [f"   ({q.needed} answers) {BLANK_LINE}", ""]
    return [f"   Answer: {BLANK_LINE}", ""]


def _with_numbered_gaps(fact: Fact, numbers: list[int], escape: _Escape, gap: _Gap) -> str:
    pieces, last = [], 0
    for number, blank in zip(numbers, cloze.blanks(fact.text), strict=True):
        pieces.append(escape(fact.text[last : blank.start]))
        pieces.append(gap(number))
        last = blank.end
    pieces.append(escape(fact.text[last:]))
    return "".join(pieces)


# -- HTML --------------------------------------------------------------------------------------

_STYLE = """
body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.5; }
ol.options { list-style-type: upper-alpha; }
.blank { display: inline-block; min-width: 8em; border-bottom: 1px solid #000; }
.key { page-break-before: always; break-before: page; }
"""


def h(text: str) -> str:
    """Pack text as HTML text (runs of white space made one space, kept at the ends:
    the text around a blank keeps its spaces)."""
    return html.escape(re.sub(r"\s+", " ", text), quote=True)


def to_html(pack: Pack) -> Exported:
    sections, key = _layout(pack)
    lang = h(pack.language or "en")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8">',
        f"<title>{h(pack.title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{h(pack.title)}</h1>",
    ]
    if pack.description:
        out.append(f"<p>{h(pack.description)}</p>")
    out.append("<p>Name: <span class=blank></span> Date: <span class=blank></span></p>")
    for section in sections:
        if section.title:
            out.append(f"<h2>{h(section.title)}</h2>")
        for number, q in section.questions:
            out.append(f'<p class=question id="q{number}"><b>{number}.</b> {h(q.prompt)}</p>')
            out.append(_html_answer_space(q))
        if section.facts:
            out.append("<h3>Fill in the blanks</h3>")
        for fact, numbers in section.facts:
            gaps = _with_numbered_gaps(
                fact, numbers, h, lambda n: f"<b>({n})</b> <span class=blank></span>"
            )
            out.append(f"<p class=fact>{gaps}</p>")
    out += ["<section class=key>", "<h2>Answer key</h2>", "<ol>"]
    for entry in key:
        line = f'<li value="{entry.number}"><b>{h(entry.answer)}</b>'
        if entry.also:
            line += f" (also accepted: {h(', '.join(entry.also))})"
        if entry.note:
            line += f" — {h(entry.note)}"
        out.append(line + "</li>")
    out.append("</ol>")
    if pack.sources:
        out.append("<h2>Sources</h2><ul>")
        out += [f"<li>{h(s.citation())}</li>" for s in pack.sources]
        out.append("</ul>")
    out += ["</section>", "</body>", "</html>", ""]
    return Exported("\n".join(out), _count(pack))


def _html_answer_space(q: Question) -> str:
    if q.type == "choice":
        items = "".join(f"<li>{h(o)}</li>" for o in q.options)
        return f"<ol class=options>{items}</ol>"
    if q.type == "truefalse":
        return "<p>True / False</p>"
    if q.type == "list":
        return f"<p>({q.needed} answers) <span class=blank></span></p>"
    return "<p>Answer: <span class=blank></span></p>"
