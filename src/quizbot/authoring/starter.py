"""``quizbot new``: a commented starter pack, written by hand (not dumped from a model),
with the JSON Schema beside it so an editor completes and checks the keys."""

from __future__ import annotations

from pathlib import Path

from quizbot.authoring.resources import SCHEMA_FILE_NAME

# One example of every question type, a fact with blanks (one of them named), units and
# tests. A test (tests/unit/test_authoring_starter.py) loads it and runs its tests.
STARTER = """\
# yaml-language-server: $schema={schema}
#
# A quizbot question pack. Edit it, then:
#   quizbot validate {file}          check it (add --strict for advice)
#   quizbot validate --list {file}   every question id, prompt and answer
#   quizbot try --pack {file} ID     type answers and see how they are marked
#   quizbot play --pack {file}       play it
# The whole format: quizbot help packs
pack: {pack_id}                  # the pack's id: letters, digits, '-', '_', '.'
title: My first pack
version: 1                       # raise it when you change the pack
language: en

sources:                         # where the facts come from; cited after each answer
  - id: my-source
    title: The article the facts come from
    publisher: A newspaper
    date: "2021-02-04"           # quoted, so YAML keeps it as text

topics:                          # what a learner can choose to be quizzed on
  - id: basics
    title: The basics

facts:
  # Each {{{{...}}}} is a blank: one fill-in question per blank. Its id is
  # starter-fact#N (N counts the blanks), or starter-fact#NAME for a named
  # blank {{{{#NAME: answer}}}}, which keeps its id when blanks are added.
  # {{{{answer|alias}}}} accepts another form too.
  - id: starter-fact
    topic: basics
    source: my-source
    text: "The checkout took {{{{8 minutes}}}} in {{{{#city: Hohhot|呼和浩特}}}}."
    tests:                       # keyed by blank number or name
      1:
        accepted: [eight minutes, 480 seconds]
        rejected: [8 hours]
      city:
        accepted: [hohot]

questions:
  - id: capital                  # text: a name, a word, a phrase
    topic: basics
    type: text
    prompt: In which city is the telemedicine centre of Inner Mongolia?
    answer: Hohhot
    accept: [呼和浩特]             # other accepted forms
    reject:                      # wrong answers to catch, with a message
      - answer: Harbin
        feedback: Harbin is in Heilongjiang, not Inner Mongolia.
    hint: It is the capital of Inner Mongolia.
    explanation: The centre is in Hohhot, the capital.
    fact: starter-fact
    tests:                       # responses that must be marked right, and wrong
      accepted: [hohot, 呼和浩特]
      rejected: [Harbin]

  - id: checkout-time            # number: with its unit in the answer
    topic: basics
    type: number
    prompt: How long did the checkout take?
    answer: 8 minutes
    tolerance: 0                 # absolute (0.5) or relative (2%)
    hint: Less than ten minutes.
    fact: starter-fact
    tests:
      accepted: [8, eight minutes, 480 seconds]
      rejected: [8 hours, 9 minutes]

  - id: share                    # number: a percentage, with unit
    topic: basics
    type: number
    prompt: What share of villages had broadband, in percent?
    answer: 98
    unit: percent
    explanation: Nearly all villages were connected.
    source: my-source
    tests:
      accepted: [98%, 98 percent]
      rejected: [89%]

  - id: app                      # choice: the learner types the option or its letter
    topic: basics
    type: choice
    prompt: Which app did companies use most for remote work?
    options: [WeChat, WeChat Work, Weibo]
    answer: WeChat Work
    hint: It is made for offices.
    source: my-source
    tests:
      accepted: [b, WeChat Work]
      rejected: [a, Weibo]

  - id: checkout-fast            # truefalse
    topic: basics
    type: truefalse
    prompt: The checkout took more than an hour.
    answer: false
    explanation: It took 8 minutes.
    fact: starter-fact
    tests:
      accepted: ["no", "false, it took 8 minutes"]
      rejected: ["yes"]

  - id: two-apps                 # list: several items in any order
    topic: basics
    type: list
    prompt: Name two apps made by Tencent.
    answers:
      - WeChat
      - [WeChat Work, 企业微信]    # an item with another accepted form
      - QQ
    need: 2                      # how many items are asked for
    hint: One of them is for offices.
    source: my-source
    tests:
      accepted: ["WeChat, QQ"]
      rejected: [WeChat]
"""


class StarterExists(Exception):
    """The target is already there; ``quizbot new`` does not overwrite without --force."""


def starter_text(path: Path) -> str:
    """The starter pack for ``path``: its id from the file name."""
    from quizbot.packs.loader import _slug

    pack_id = _slug(path.stem).lower() or "my-pack"
    return STARTER.format(schema=SCHEMA_FILE_NAME, file=path.name, pack_id=pack_id)


def write_starter(path: Path, *, force: bool = False) -> list[Path]:
    """Write the starter pack and the schema beside it; return the files written."""
    from quizbot.atomic import replacing
    from quizbot.packs.schema import json_schema_text

    if path.exists() and not force:
        raise StarterExists(str(path))
    schema = path.parent / SCHEMA_FILE_NAME
    with replacing(path, encoding="utf-8") as out:
        out.write(starter_text(path))
    with replacing(schema, encoding="utf-8") as out:
        out.write(json_schema_text())
    return [path, schema]
