"""The model -> YAML writer: what it writes loads back to the same pack, and reads well."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizbot.authoring.yaml_writer import dump_pack, pack_to_data, quoted
from quizbot.packs.builtin import load_builtin_packs
from quizbot.packs.loader import _plain, load_pack

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TRICKY = [
    "yes", "no", "null", "~", "true", "- dash", "a: b", "#hash", "x #y", "1997", "70.4",
    "2021-02-04", "'q'", '"q"', "[x]", "{x}", "*star", "&anchor", "!tag", "% p", "@at",
    "`tick", "| bar", "> fold", "line\nbreak", "tab\there", " lead", "trail ", "end:",
    "?q", "0x1F", ".inf", "1e3", "=SUM(A1)", "\u2028sep", "\ufeffbom", "\uffff", "é 企业微信 🙂",
]  # fmt: skip


def _text(alphabet_extra: str = "") -> st.SearchStrategy[str]:
    free = st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters=BIDI + "{}|" + alphabet_extra
        )
        | st.sampled_from(["\n", "\t", " ", ":", "#", "-", "'", '"']),
        min_size=1,
        max_size=20,
    )
    return (free | st.sampled_from(TRICKY)).filter(lambda s: bool(s.strip()))


IDS = st.from_regex(r"[A-Za-z0-9_.\-]{1,12}", fullmatch=True)
NUMBERS = st.sampled_from(["900 million", "70.4", "1997", "8 minutes", "2.5", "40 billion"])


@st.composite
def questions(draw: st.DrawFn, index: int, topics: list[str]) -> dict[str, Any]:
    qtype = draw(st.sampled_from(["text", "number", "choice", "truefalse", "list"]))
    q: dict[str, Any] = {"id": f"q{index}-{draw(IDS)}"}
    if topics and draw(st.booleans()):
        q["topic"] = draw(st.sampled_from(topics))
    q["type"] = qtype
    q["prompt"] = draw(_text())
    if qtype == "list":
        items = draw(st.lists(_text() | st.lists(_text(), min_size=2, max_size=3), min_size=1))
        q["answers"] = items
    elif qtype == "truefalse":
        q["answer"] = draw(st.booleans())
    elif qtype == "number":
        q["answer"] = draw(NUMBERS)
    elif qtype == "choice":
        options = draw(st.lists(_text(), min_size=2, max_size=4, unique=True))
        q["answer"] = draw(st.sampled_from(options))
        q["options"] = options
    else:
        q["answer"] = draw(_text())
    if draw(st.booleans()):
        q["accept"] = draw(st.lists(_text(), min_size=1, max_size=3))
    if qtype in ("text", "choice") and draw(st.booleans()):
        wrong = draw(_text())
        assume(_plain(wrong) not in {_plain(a) for a in [q["answer"], *q.get("accept", [])]})
        q["reject"] = [draw(st.sampled_from([wrong, {"answer": wrong, "feedback": "Not so."}]))]
    if qtype == "list" and draw(st.booleans()):
        q["need"] = draw(st.integers(1, len(q["answers"])))
    if qtype == "number" and draw(st.booleans()):
        q["tolerance"] = draw(st.sampled_from(["0.5", "2%", "0"]))
    for key in ("hint", "explanation"):
        if draw(st.booleans()):
            q[key] = draw(_text())
    if draw(st.booleans()):
        q["difficulty"] = draw(st.integers(1, 3))
    if draw(st.booleans()):
        q["tags"] = draw(st.lists(_text(), min_size=1, max_size=2))
    if draw(st.booleans()):
        q["tests"] = {"accepted": draw(st.lists(_text(), min_size=1, max_size=2))}
    return q


@st.composite
def facts(draw: st.DrawFn, index: int) -> dict[str, Any]:
    pieces = draw(st.lists(_text(), min_size=1, max_size=4))
    form = _text().filter(lambda s: not any(c in s for c in "{}|"))  # blank markup
    forms = draw(st.lists(st.lists(form, min_size=1, max_size=2), min_size=1, max_size=3))
    text = "".join(
        f"{piece}{{{{{'|'.join(f.strip() for f in blank)}}}}}"
        for piece, blank in zip(pieces, forms, strict=False)
    )
    fact: dict[str, Any] = {"id": f"f{index}", "text": text}
    if draw(st.booleans()):
        fact["tests"] = {1: {"rejected": [draw(_text())]}}
    return fact


@st.composite
def packs(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"pack": draw(IDS), "title": draw(_text())}
    if draw(st.booleans()):
        data["version"] = draw(st.integers(2, 99))
    if draw(st.booleans()):
        data["description"] = draw(_text())
    topics = [f"t{i}" for i in range(draw(st.integers(0, 2)))]
    if topics:
        data["topics"] = [{"id": t, "title": draw(_text())} for t in topics]
    n_facts = draw(st.integers(0, 2))
    if n_facts:
        data["facts"] = [draw(facts(i)) for i in range(n_facts)]
    n_questions = draw(st.integers(0 if n_facts else 1, 4))
    if n_questions:
        data["questions"] = [draw(questions(i, topics)) for i in range(n_questions)]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(packs(), st.text(max_size=20), st.text(max_size=20))
def test_what_is_written_loads_back_to_the_same_pack(
    tmp_path_factory: Any, data: Any, header: str, note: str
) -> None:
    # Comments may quote anything (a file name with a new line in it): still one comment.
    ids = [q["id"] for q in data.get("questions", [])] + [f["id"] for f in data.get("facts", [])]
    path = Path(tmp_path_factory.mktemp("w")) / "pack.yaml"
    path.write_text(
        dump_pack(data, header=[header], notes=dict.fromkeys(ids, note)), encoding="utf-8"
    )
    result = load_pack(path)
    assert result.problems == []
    assert result.pack is not None
    assert pack_to_data(result.pack) == data


def test_the_built_in_pack_round_trips(tmp_path: Path) -> None:
    pack = next(iter(load_builtin_packs()))
    path = tmp_path / "copy.yaml"
    path.write_text(dump_pack(pack), encoding="utf-8")
    result = load_pack(path)
    assert result.pack is not None, result.problems
    assert pack_to_data(result.pack) == pack_to_data(pack)


def test_keys_come_in_reading_order_and_comments_are_written() -> None:
    data = {
        "questions": [
            {"tags": ["x"], "answer": "Hohhot", "prompt": "Where?", "type": "text", "id": "q1"}
        ],
        "title": "T",
        "pack": "p",
    }
    text = dump_pack(data, header=["Imported from cards.txt"], notes={"q1": "from line 3"})
    lines = text.splitlines()
    assert lines[0] == "# Imported from cards.txt"
    assert lines[1:3] == ["pack: p", "title: T"]
    assert "  # from line 3" in lines
    keys = [
        line.strip().lstrip("- ").split(":")[0]
        for line in lines
        if "Where" in line or line.strip().startswith(("- id", "type", "prompt", "answer", "tags"))
    ]
    assert keys == ["id", "type", "prompt", "answer", "tags"]


def test_plain_where_plain_reads_the_same_and_quoted_elsewhere() -> None:
    text = dump_pack({"pack": "p", "title": "yes", "description": "Hohhot, Inner Mongolia"})
    assert 'title: "yes"' in text
    assert "description: Hohhot, Inner Mongolia" in text
    assert yaml.safe_load(quoted('a\u2028b"c\\')) == 'a\u2028b"c\\'
