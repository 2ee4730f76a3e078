"""The model is built from a tree of placed values, whether YAML or an importer made it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_authoring_yaml_writer import packs  # the writer's generator of valid packs

from quizbot.authoring.importers import import_text
from quizbot.authoring.yaml_writer import dump_pack, pack_to_data
from quizbot.packs import tree
from quizbot.packs.builder import build_pack
from quizbot.packs.loader import load_pack
from quizbot.packs.model import Place


def _without_places(value: Any) -> Any:
    """A model object as nested tuples, its places left out (they name different files)."""
    if isinstance(value, Place):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(
            (f.name, _without_places(getattr(value, f.name)))
            for f in dataclasses.fields(value)
            if f.compare
        )
    if isinstance(value, (tuple, list)):
        return tuple(_without_places(item) for item in value)
    if isinstance(value, dict):
        return tuple((k, _without_places(v)) for k, v in value.items())
    return value


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(packs())
def test_a_pack_built_from_the_tree_equals_the_one_loaded_from_its_yaml(
    tmp_path_factory: Any, data: Any
) -> None:
    path = Path(tmp_path_factory.mktemp("t")) / "pack.yaml"
    path.write_text(dump_pack(data), encoding="utf-8")
    loaded = load_pack(path)
    built, problems = build_pack(tree.from_data(data, tree.at(1)), "memory")
    assert problems == [] and loaded.problems == []
    assert built is not None and loaded.pack is not None
    assert _without_places(built) == _without_places(loaded.pack)
    assert pack_to_data(built) == data


def test_the_tree_is_held_to_the_loaders_checks_at_the_places_it_carries() -> None:
    question = tree.from_data(
        {"id": "q", "type": "number", "prompt": "How far?", "answer": "lots"}, tree.at(7, 3)
    )
    root = tree.from_data({"pack": "p", "title": "T", "questions": [question]}, tree.at(1))
    pack, problems = build_pack(root, "cards.txt")
    assert pack is None
    assert [str(p.place) for p in problems] == ["cards.txt:7:3"]
    assert "cannot read 'lots' as a number" in problems[0].message


def test_tree_scalars_are_tagged_as_yaml_would_tag_them() -> None:
    root = tree.from_data(
        {"pack": "p", "title": "T", "version": 3, "questions": [
            {"id": "t", "type": "truefalse", "prompt": "Yes?", "answer": False},
            {"id": "n", "type": "number", "prompt": "How many?", "answer": "70.40"},
        ]},
        tree.at(1),
    )  # fmt: skip
    pack, problems = build_pack(root, "memory")
    assert problems == [] and pack is not None
    assert pack.version == 3
    assert [q.answer for q in pack.questions] == ["false", "70.40"]


def test_plain_data_of_another_kind_is_refused() -> None:
    with pytest.raises(TypeError):
        tree.from_data({"pack": {1, 2}}, tree.at(1))


def test_imported_questions_and_topics_are_placed_at_their_source_lines() -> None:
    gift = (
        "// a comment\n"
        "$CATEGORY: $course$/Places\n"
        "\n"
        "::Capital:: Where is the centre? {=Hohhot}\n"
        "\n"
        "How many minutes? {#8:1}\n"
    )
    builder = import_text(gift, "quiz.gift", "gift")
    assert builder.problems == []
    pack, problems = build_pack(builder.pack_tree("quiz", "Quiz"), "quiz.gift")
    assert problems == [] and pack is not None
    assert [q.place for q in pack.questions] == [Place("quiz.gift", 4, 1), Place("quiz.gift", 6, 1)]
    assert [t.place for t in pack.topics] == [Place("quiz.gift", 2, 1)]


def test_a_problem_the_importer_lets_through_points_at_the_csv_line() -> None:
    # The importer checks the unit on its own; its clash with the answer's unit is the
    # builder's check, now made on the imported file's lines.
    csv = "prompt,answer,type,unit\nHow far?,8 km,number,km\nHow heavy?,5 km,number,kg\n"
    builder = import_text(csv, "qs.csv", "csv")
    assert builder.problems == []
    pack, problems = build_pack(builder.pack_tree("qs", "Qs"), "qs.csv")
    assert pack is None
    assert [str(p.place) for p in problems] == ["qs.csv:3:1"]
    assert "unit is 'kg'" in problems[0].message
