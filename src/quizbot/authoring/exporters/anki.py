"""A pack as an Anki deck (``.apkg``, written by genanki).

Each fact becomes one cloze note (its blanks ``{{c1::...}}``, ``{{c2::...}}``), each
authored question a "type in the answer" note; the other accepted forms and the
explanation go on the back. Note ids come from the pack and question ids, so importing
a newer export into Anki updates the notes instead of adding copies. Anki fields are
HTML: every pack text is escaped.
"""

from __future__ import annotations

import hashlib
import html
import tempfile
from pathlib import Path
from typing import Any

import genanki

from quizbot.authoring.exporters import Exported
from quizbot.packs import cloze
from quizbot.packs.model import Fact, Pack, Question

# Fixed ids: Anki knows a note type by its id, so every export shares the same two.
_BASIC_ID = 1_607_392_319
_CLOZE_ID = 1_607_392_320
_CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: center; }"

BASIC = genanki.Model(
    _BASIC_ID,
    "quizbot (type in the answer)",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Extra"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}<br><br>{{type:Back}}",
            "afmt": "{{Front}}<hr id=answer>{{type:Back}}<br>{{Extra}}",
        }
    ],
    css=_CSS,
)
CLOZE = genanki.Model(
    _CLOZE_ID,
    "quizbot cloze (type in the answer)",
    fields=[{"name": "Text"}, {"name": "Extra"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}<br><br>{{type:cloze:Text}}",
            "afmt": "{{cloze:Text}}<br>{{type:cloze:Text}}<br>{{Extra}}",
        }
    ],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)


def _stable_id(text: str) -> int:
    return (1 << 30) + int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % (1 << 30)


def _tags(pack: Pack, topic: str | None, tags: tuple[str, ...] = ()) -> list[str]:
    # Anki tags are single words.
    return ["_".join(t.split()) for t in (pack.id, topic, *tags) if t]


def cloze_text(fact: Fact) -> str:
    """The fact's text with its blanks as Anki clozes, the rest HTML-escaped."""
    pieces, last = [], 0
    for number, blank in enumerate(cloze.blanks(fact.text), start=1):
        pieces.append(html.escape(fact.text[last : blank.start]))
        # "::" inside a cloze starts Anki's hint: write its second colon as an entity.
        answer = html.escape(blank.answer).replace("::", ":&#58;")
        pieces.append(f"{{{{c{number}::{answer}}}}}")
        last = blank.end
    pieces.append(html.escape(fact.text[last:]))
    return "".join(pieces)


def _front(q: Question) -> str:
    front = html.escape(q.prompt)
    if q.type == "choice":
        items = "".join(f"<li>{html.escape(option)}</li>" for option in q.options)
        front += f"<ol type=A>{items}</ol>"
    elif q.type == "truefalse":
        front += "<br>(true or false)"
    elif q.type == "list":
        front += f"<br>(name {q.needed}, separated by commas)"
    return front


def _back(q: Question) -> str:
    if q.type == "list":
        return html.escape(", ".join(item[0] for item in q.answers))
    return html.escape(q.answer)


def _extra(pack: Pack, q: Question) -> str:
    parts = []
    if q.accept:
        parts.append("Also accepted: " + html.escape(", ".join(q.accept)))
    if q.explanation:
        parts.append(html.escape(q.explanation))
    source = pack.source_of(q)
    if source is not None:
        parts.append(f"<small>{html.escape(source.citation())}</small>")
    return "<br>".join(parts)


def to_anki(pack: Pack) -> Exported:
    deck = genanki.Deck(_stable_id(f"quizbot deck {pack.id}"), pack.title)
    for fact in pack.facts:
        if not cloze.blanks(fact.text):
            continue
        source = pack.source(fact.source)
        extra = f"<small>{html.escape(source.citation())}</small>" if source else ""
        deck.add_note(
            genanki.Note(
                model=CLOZE,
                fields=[cloze_text(fact), extra],
                tags=_tags(pack, fact.topic),
                guid=genanki.guid_for(pack.id, "fact", fact.id),
            )
        )
    for q in pack.questions:
        if q.is_cloze:
            continue
        deck.add_note(
            genanki.Note(
                model=BASIC,
                fields=[_front(q), _back(q), _extra(pack, q)],
                tags=_tags(pack, q.topic, q.tags),
                guid=genanki.guid_for(pack.id, q.id),
            )
        )
    return Exported(_package_bytes(deck), len(pack.questions))


def _package_bytes(deck: Any) -> bytes:
    """genanki writes to a path: write beside nothing of ours, then read it back."""
    with tempfile.TemporaryDirectory(prefix="quizbot-anki-") as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()
