"""A pack as Moodle GIFT: what ``quizbot import --format gift`` reads back.

Text questions become short answer (accepted forms as more ``=`` answers, rejects as
``=%0%wrong#feedback``), numbers written as plain numbers become numerical questions
with their tolerance (other numbers, "900 million", stay short answer so the text is
kept), choice and true/false their own kinds, the explanation general feedback, and
each cloze blank a missing-word question. GIFT has no hints and no free-text list
question: those are reported, not written.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from quizbot.authoring.exporters import Exported
from quizbot.packs.cloze import GAP
from quizbot.packs.model import Pack, Question

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\~=#{}:"} | {"\n": "\\n"})


def escape(text: str) -> str:
    return text.translate(_SPECIAL)


def to_gift(pack: Pack) -> Exported:
    lines = [f"// {pack.title.splitlines()[0] if pack.title else pack.id}: exported by quizbot",
             ""]  # fmt: skip
    lists: list[str] = []
    loose: list[str] = []  # number questions whose tolerance GIFT cannot keep
    hints = 0
    count = 0
    topic: str | None = None
    for question in pack.questions:
        if question.type == "list":
            lists.append(question.id)
            continue
        if question.topic != topic:
            found = pack.topic(question.topic)
            # Moodle's category of the course itself, "top", stands for no topic.
            category = f"/{escape(found.title)}" if found else ""
            lines += [f"$CATEGORY: $course$/top{category}", ""]
            topic = question.topic
        hints += question.hint is not None
        if question.type == "number" and question.tolerance and not _plain_number(question.answer):
            loose.append(question.id)
        lines += [_question(question), ""]
        count += 1
    notes = []
    if lists:
        notes.append(f"GIFT has no free-text list question: left out {', '.join(lists)}")
    if loose:
        notes.append(
            "a GIFT numerical answer is a plain number: written as short answer, without "
            f"their tolerance: {', '.join(loose)}"
        )
    if hints:
        notes.append(f"GIFT has no hints: {hints} hint{'s' if hints != 1 else ''} left out")
    return Exported("\n".join(lines), count, notes)


def _question(q: Question) -> str:
    title = f"::{escape(q.id)}:: "
    answers = _answers(q)
    if q.explanation and not q.is_cloze:
        answers += f" ####{escape(q.explanation)}"
    if q.is_cloze and GAP in q.prompt:
        before, after = q.prompt.split(GAP, 1)
        after = escape(after).lstrip()
        gap = f"{{{answers}}}" if not after or after[0] in ".,;!?)" else f"{{{answers}}} "
        return f"{title}{escape(before).rstrip()} {gap}{after}".rstrip()
    return f"{title}{escape(q.prompt)} {{{answers}}}"


def _answers(q: Question) -> str:
    if q.type == "truefalse":
        return "TRUE" if q.answer == "true" else "FALSE"
    if q.type == "choice":
        feedback = {r.answer: r.feedback for r in q.reject if r.feedback}
        parts = []
        for option in q.options:
            mark = "=" if option == q.answer else "~"
            why = f"#{escape(feedback[option])}" if option in feedback else ""
            parts.append(f"{mark}{escape(option)}{why}")
        return " ".join(parts)
    if q.type == "number" and _plain_number(q.answer):
        tolerance = ""
        if q.tolerance is not None and q.tolerance.value:
            amount = q.tolerance.value * (Decimal(q.answer) if q.tolerance.relative else 1)
            tolerance = f":{abs(amount).normalize():f}"
        return f"#{q.answer.strip()}{tolerance}"
    parts = [f"={escape(form)}" for form in (q.answer, *q.accept)]
    for reject in q.reject:
        why = f"#{escape(reject.feedback)}" if reject.feedback else ""
        parts.append(f"=%0%{escape(reject.answer)}{why}")
    return " ".join(parts)


def _plain_number(text: str) -> bool:
    try:
        return Decimal(text.strip()).is_finite()
    except InvalidOperation:
        return False
