"""Cloze questions at scale: a fact with thousands of blanks loads, in linear time.

Each of a fact's N questions shows the whole fact, so written-out prompts would
cost O(N²); the loader keeps each prompt as a ``Gap`` and makes its text when read.
"""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizbot.packs import cloze
from quizbot.packs.loader import load_pack
from quizbot.packs.model import Gap

# A piece of a fact: plain words, or a blank given as its forms (answer first).
WORDS = st.text(alphabet=st.characters(blacklist_characters="{}|"), max_size=12)
FORM = st.text(alphabet=st.characters(blacklist_characters="{}|"), min_size=1, max_size=8).filter(
    lambda s: s.strip() == s and s != ""
)
PIECES = st.lists(st.one_of(WORDS, st.lists(FORM, min_size=1, max_size=3)), max_size=30)


def markup(pieces: list[str | list[str]]) -> str:
    return "".join(p if isinstance(p, str) else "{{" + "|".join(p) + "}}" for p in pieces)


def shown(pieces: list[str | list[str]], hidden: int) -> str:
    """The fact as the contract says a cloze question shows it, written out naively."""
    out, blank = [], 0
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        else:
            out.append("_____" if blank == hidden else piece[0])
            blank += 1
    return "".join(out)


@given(PIECES)
def test_each_gap_shows_the_fact_with_that_one_blank_hidden(
    pieces: list[str | list[str]],
) -> None:
    text = markup(pieces)
    found = cloze.blanks(text)
    filled, spans = cloze.filled_in(text, found)
    assert [b.forms for b in found] == [tuple(p) for p in pieces if isinstance(p, list)]
    assert filled == shown(pieces, -1) == cloze.plain_text(text)
    for index, (start, end) in enumerate(spans):
        assert Gap(filled, start, end).text() == shown(pieces, index)
        assert cloze.with_gap(text, index) == shown(pieces, index)


def unbalanced_reference(text: str) -> int | None:
    """The first unpartnered ``{{``/``}}``, read pair by pair (the original loop)."""
    open_at: int | None = None
    i = 0
    while i < len(text) - 1:
        pair = text[i : i + 2]
        if pair in ("{{", "}}"):
            if (pair == "{{") == (open_at is not None):
                return open_at if open_at is not None else i
            open_at = i if pair == "{{" else None
            i += 2
        else:
            i += 1
    return open_at


@given(st.text(alphabet="{}a|", max_size=40))
def test_unbalanced_braces_are_found_where_a_pair_by_pair_reading_finds_them(text: str) -> None:
    assert cloze.unbalanced_at(text) == unbalanced_reference(text)


def test_a_fact_with_20000_blanks_loads_into_20000_cloze_questions(tmp_path: Path) -> None:
    # Before the fix this took minutes (2,000 blanks: 13.6 s; 4,000: 53 s).
    count = 20_000
    pieces: list[str | list[str]] = []
    for i in range(count):
        pieces.append(f"item {i} is ")
        pieces.append([f"{i}"] if i % 2 else [f"word{i}", f"alias{i}"])
        pieces.append("; ")
    text = markup(pieces)
    path = tmp_path / "long.yaml"
    path.write_text(
        f'pack: long\ntitle: A long fact\nfacts:\n  - id: f\n    text: "{text}"\n',
        encoding="utf-8",
    )
    result = load_pack(path)
    assert result.problems == []
    pack = result.pack
    assert pack is not None
    questions = [q for q in pack.questions if q.is_cloze]
    assert len(questions) == count
    assert [q.id for q in questions[:2]] == ["f#1", "f#2"]
    assert questions[-1].id == f"f#{count}"
    for index in (0, 1, 9_999, count - 1):
        question = questions[index]
        assert question.prompt == shown(pieces, index)
        assert question.explanation == shown(pieces, -1)
        assert question.pack == "long"
    assert (questions[0].type, questions[0].answer, questions[0].accept) == (
        "text",
        "word0",
        ("alias0",),
    )
    assert (questions[1].type, questions[1].answer) == ("number", "1")


def test_a_cloze_question_reads_like_any_other(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        'pack: p\ntitle: P\nfacts:\n  - id: f\n    text: "A {{b}} c {{d|e}}."\n', encoding="utf-8"
    )
    pack = load_pack(path).pack
    assert pack is not None
    first = pack.question("f#1")
    assert first is not None and first.prompt == "A _____ c d."
    copy = dataclasses.replace(first, pack="other")
    assert copy.prompt == "A _____ c d." and copy.pack == "other"
    assert dataclasses.replace(first) == first and hash(dataclasses.replace(first)) == hash(first)
    assert "A _____ c d." in repr(first)


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("text", ["pack: p\ntitle: P\nfacts: [{id: f, text: '{{a}}'}]\n", "a: [\n"])
def test_loading_leaves_the_cycle_collector_as_it_found_it(
    tmp_path: Path, enabled: bool, text: str
) -> None:
    # load_pack pauses the collector while it reads (a third of the time went to it).
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        load_pack(path)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
