"""The built-in pack's facts cover every factual sentence of the two seed articles.

The mapping lives in tests/data/article_sentences.yaml; the articles live beside
the repository (../shared/seeds), so the test is skipped where they are absent.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizbot.packs.builtin import load_builtin_packs

ROOT = Path(__file__).resolve().parents[2]
# A worktree lives elsewhere than the main checkout: QUIZBOT_SEEDS may point at them.
SEEDS = Path(os.environ.get("QUIZBOT_SEEDS") or ROOT.parent / "shared" / "seeds")
MAPPING = ROOT / "tests" / "data" / "article_sentences.yaml"
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“\[])")
ISO_DATE = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
NUMBER = re.compile(r"\d+(?:\.\d+)?")

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles are not beside the repository"
)


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.extend(part for part in SENTENCE_END.split(line) if part)
    return out


def numbers(text: str) -> set[Decimal]:
    # An ISO date is written out in a fact as "4 February 2021": keep day and year.
    text = ISO_DATE.sub(lambda m: f"{int(m.group(3))} {m.group(1)}", text)
    return {Decimal(m.group()) for m in NUMBER.finditer(text)}


def load_mapping() -> list[dict[str, Any]]:
    entries = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def entry_for(sentence: str, entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    found = [e for e in entries if sentence.startswith(e["starts"])]
    return max(found, key=lambda e: len(e["starts"])) if found else None


def test_every_mapping_entry_is_a_fact_or_says_why_not() -> None:
    facts = {f.id for pack in load_builtin_packs() for f in pack.facts}
    for entry in load_mapping():
        if "facts" in entry:
            assert entry["facts"], entry
            assert set(entry["facts"]) <= facts, entry
        else:
            assert entry.get("not factual"), entry


@needs_seeds
def test_every_article_sentence_is_mapped_and_every_entry_used() -> None:
    entries = load_mapping()
    used: set[str] = set()
    unmapped = []
    for path in sorted(SEEDS.glob("*.txt")):
        for sentence in sentences(path.read_text(encoding="utf-8")):
            entry = entry_for(sentence, entries)
            if entry is None:
                unmapped.append(sentence)
            else:
                used.add(entry["starts"])
    assert unmapped == []
    assert {e["starts"] for e in entries} - used == set()


@needs_seeds
def test_every_figure_of_a_factual_sentence_is_in_its_facts() -> None:
    facts = {f.id: f.plain_text for pack in load_builtin_packs() for f in pack.facts}
    entries = load_mapping()
    checked = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for sentence in sentences(path.read_text(encoding="utf-8")):
            entry = entry_for(sentence, entries)
            if entry is None or "facts" not in entry:
                continue
            stated = numbers(" ".join(facts[i] for i in entry["facts"]))
            assert numbers(sentence) <= stated, (sentence, entry["facts"])
            checked += 1
    assert checked >= 40
