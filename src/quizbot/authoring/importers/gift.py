"""Moodle's GIFT format: ``::title:: question {answers}``, questions separated by blank lines.

Converted: short answer (``{=a =b}``; ``=%0%wrong#why`` becomes a reject with its
feedback), numerical (``{#3.14:0.01}``, ``{#1..5}``), multiple choice (``{=right ~wrong}``),
multiple answer (``{~%50%a ~%50%b ~%-100%c}``, a list question), true/false (``{T}``),
missing word (text after the braces: the gap is shown as ``_____``), per-answer feedback
(``#...``; a wrong answer's becomes a reject's feedback, the right answer's the
explanation) and general feedback (``####...``: the explanation). ``$CATEGORY:`` lines
become topics. Not convertible, so reported: matching (``->``), essays (``{}``),
descriptions without answers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from quizbot.authoring.importers.builder import Data, PackBuilder, number_or_text
from quizbot.packs.cloze import GAP

# Characters GIFT escapes with a backslash.
_SPECIAL = "~=#{}:\\"
_UNESCAPE = re.compile(r"\\([~=#{}:\\n])")
_TITLE = re.compile(r"^::(.*?)(?<!\\)::", re.DOTALL)
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TRUE = ("T", "TRUE")
_FALSE = ("F", "FALSE")


def unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text).strip()


def _find(text: str, chars: str, start: int = 0) -> int:
    """Index of the first of ``chars`` not escaped by a backslash, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            return i
        i += 1
    return -1


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, last, i = [], 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(sep, i):
            parts.append(text[last:i])
            last = i = i + len(sep)
            continue
        i += 1
    parts.append(text[last:])
    return parts


@dataclass
class _Answer:
    mark: str  # "=" or "~"
    weight: Decimal | None
    text: str
    feedback: str


def read_gift(text: str, builder: PackBuilder) -> None:
    topic: str | None = None
    for line, block in _blocks(text):
        if block.startswith("$CATEGORY:"):
            path = block.split(":", 1)[1].strip()
            name = path.rstrip("/").rsplit("/", 1)[-1].strip()
            top = not name or name.startswith("$") or path.rstrip("/").endswith("$/top")
            topic = None if top else builder.topic(name, line)
            continue
        _question(block, line, topic, builder)


def _blocks(text: str) -> list[tuple[int, str]]:
    """Questions as (first line, text): comments dropped, blank lines between questions."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.lstrip().startswith("//"):
            continue
        if not line.strip():
            if current:
                blocks.append((first, "\n".join(current)))
                current = []
            continue
        if not current:
            first = number
        current.append(line)
    if current:
        blocks.append((first, "\n".join(current)))
    return blocks


def _question(block: str, line: int, topic: str | None, builder: PackBuilder) -> None:
    title = ""
    match = _TITLE.match(block.strip())
    body = block.strip()
    if match:
        title = unescape(match.group(1))
        body = body[match.end() :]
    markup = _FORMAT.match(body)
    is_html = markup is not None and markup.group(1).lower() == "html"
    body = body[markup.end() :] if markup else body
    open_at = _find(body, "{")
    close_at = _find(body, "}", open_at + 1) if open_at >= 0 else -1
    if open_at < 0 or close_at < 0:
        what = "no '}' closes the answers" if open_at >= 0 else "no answers in {...}"
        builder.problem(line, f"{what} (a description, or a broken question): skipped")
        return
    before, inside, after = body[:open_at], body[open_at + 1 : close_at], body[close_at + 1 :]
    if _find(after, "{") >= 0:
        builder.problem(line, "more than one set of answers in one question: skipped")
        return
    # A line break in the file is a space (Moodle's reading); only "\n" is a new line.
    before, after = " ".join(before.split()), " ".join(after.split())
    if is_html:
        before, after = (html.unescape(_TAG.sub("", part)) for part in (before, after))
    prompt = unescape(before) + (f" {GAP}{_joined(unescape(after))}" if after else "")
    q = _answers(inside.strip(), line, builder)
    if q is None:
        return
    q = {"type": q.pop("type"), "prompt": prompt, **q}
    if topic:
        q = {"topic": topic, **q}
    builder.add(q, line, id_hint=title)


def _joined(after: str) -> str:
    """The text after a gap: no space before punctuation ("in _____.")."""
    return after if after[:1] in ".,;:!?)'\"”’" else f" {after}"


def _answers(inside: str, line: int, builder: PackBuilder) -> Data | None:
    general = ""
    parts = _split_unescaped(inside, "####")
    if len(parts) > 1:
        inside, general = parts[0].strip(), unescape("####".join(parts[1:]))
    if not inside:
        builder.problem(line, "an essay question (no answer to mark): skipped")
        return None
    if inside.startswith("#"):
        return _numerical(inside[1:], general, line, builder)
    head, *feedback = _split_unescaped(inside, "#")
    if head.strip().upper() in _TRUE + _FALSE:
        q: Data = {"type": "truefalse", "answer": head.strip().upper() in _TRUE}
        explanation = general or (unescape(feedback[1]) if len(feedback) > 1 else "")
        if explanation:
            q["explanation"] = explanation
        return q
    if "->" in inside:
        builder.problem(line, "a matching question (pairs with '->') has no quizbot type: skipped")
        return None
    answers = _split_answers(inside)
    if answers is None:
        builder.problem(line, "answers must start with '=' or '~': skipped")
        return None
    if any(a.mark == "~" for a in answers):
        return _choice(answers, general, line, builder)
    return _short_answer(answers, general, line, builder)


def _split_answers(inside: str) -> list[_Answer] | None:
    starts = []
    i = 0
    while i < len(inside):
        if inside[i] == "\\":
            i += 2
            continue
        if inside[i] in "=~":
            starts.append(i)
        i += 1
    if not starts or inside[: starts[0]].strip():
        return None
    found = []
    for start, end in zip(starts, [*starts[1:], len(inside)], strict=True):
        chunk = inside[start + 1 : end].strip()
        weight = None
        match = _WEIGHT.match(chunk)
        if match:
            weight = Decimal(match.group(1))
            chunk = chunk[match.end() :]
        text, *feedback = _split_unescaped(chunk, "#")
        found.append(_Answer(inside[start], weight, unescape(text), unescape("#".join(feedback))))
    return found


def _right(answer: _Answer) -> bool:
    return answer.weight is None or answer.weight >= 100


def _with_explanation(q: Data, general: str, right: list[_Answer]) -> Data:
    explanation = general or next((a.feedback for a in right if a.feedback), "")
    if explanation:
        q["explanation"] = explanation
    return q


def _short_answer(
    answers: list[_Answer], general: str, line: int, builder: PackBuilder
) -> Data | None:
    right = [a for a in answers if _right(a)]
    wrong = [a for a in answers if a.weight is not None and a.weight <= 0]
    partial = [a for a in answers if a not in right and a not in wrong]
    for a in partial:
        builder.problem(line, f"partial credit for {a.text!r} ({a.weight}%) has no quizbot "
                        "equivalent: left out")  # fmt: skip
    if not right:
        builder.problem(line, "no answer gets full marks: skipped")
        return None
    q: Data = {"type": number_or_text(right[0].text), "answer": right[0].text}
    if len(right) > 1:
        q["accept"] = [a.text for a in right[1:]]
    if wrong:
        q["reject"] = [{"answer": a.text, "feedback": a.feedback} if a.feedback else a.text
                       for a in wrong]  # fmt: skip
    return _with_explanation(q, general, right)


def _choice(answers: list[_Answer], general: str, line: int, builder: PackBuilder) -> Data | None:
    right = [a for a in answers if a.mark == "="]
    if len(right) > 1:
        builder.problem(line, "a multiple-choice question with two '=' answers: skipped")
        return None
    if not right:  # multiple answers: the options with a positive weight are the list
        chosen = [a for a in answers if a.weight is not None and a.weight > 0]
        if not chosen:
            builder.problem(line, "no option is marked right ('=' or a positive %weight%): "
                            "skipped")  # fmt: skip
            return None
        builder.problem(line, "a multiple-answer question becomes a list question (its wrong "
                        "options are not shown): check it")  # fmt: skip
        q: Data = {"type": "list", "answers": [a.text for a in chosen]}
        return _with_explanation(q, general, chosen)
    q = {"type": "choice", "answer": right[0].text, "options": [a.text for a in answers]}
    wrong = [a for a in answers if a.mark == "~" and a.feedback]
    if wrong:
        q["reject"] = [{"answer": a.text, "feedback": a.feedback} for a in wrong]
    return _with_explanation(q, general, right)


def _numerical(body: str, general: str, line: int, builder: PackBuilder) -> Data | None:
    entries = _split_answers(body) if body.strip().startswith("=") else None
    if entries is None:
        text, *feedback = _split_unescaped(body, "#")
        entries = [_Answer("=", None, unescape(text), unescape("#".join(feedback)))]
    right = [a for a in entries if _right(a)]
    if len(right) < len(entries):
        builder.problem(line, "partly-right numerical answers have no quizbot equivalent: "
                        "left out")  # fmt: skip
    if not right:
        builder.problem(line, "no numerical answer gets full marks: skipped")
        return None
    value = _number_and_tolerance(right[0].text)
    if value is None:
        builder.problem(line, f"{right[0].text!r} is not a number (write {{#3.14:0.01}} or "
                        "{#1..5}): skipped")  # fmt: skip
        return None
    answer, tolerance = value
    q: Data = {"type": "number", "answer": answer}
    if tolerance:
        q["tolerance"] = tolerance
    if len(right) > 1:
        builder.problem(line, "only the first of several right numerical answers is kept")
    return _with_explanation(q, general, right)


def _number_and_tolerance(text: str) -> tuple[str, str] | None:
    """``3.14:0.01`` -> ("3.14", "0.01"); ``1..5`` -> ("3", "2")."""
    try:
        if ".." in text:
            low, high = (Decimal(part.strip()) for part in text.split("..", 1))
            middle, half = (low + high) / 2, abs(high - low) / 2
            return f"{middle.normalize():f}", f"{half.normalize():f}" if half else ""
        value, _, tolerance = text.partition(":")
        number = Decimal(value.strip())
        margin = Decimal(tolerance.strip()) if tolerance.strip() else Decimal(0)
    except InvalidOperation:
        return None
    if not number.is_finite() or not margin.is_finite():
        return None
    return value.strip(), f"{abs(margin).normalize():f}" if margin else ""
