"""Property tests: no line a learner types breaks the tutor, no file breaks the loader."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizbot.knowledge import KnowledgeBase
from quizbot.packs.builtin import load_builtin_packs
from quizbot.packs.loader import load_pack
from quizbot.tutor import Tutor

PACKS = list(load_builtin_packs())
KNOWLEDGE = KnowledgeBase(PACKS)

# Lines a learner might type, mixed with anything at all.
LINES = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "",
            "hint",
            "/hint",
            "skip",
            "/skip",
            "why",
            "/why",
            "repeat",
            "score",
            "help",
            "/new",
            "review",
            "/review",
            "topics",
            "/topic 3",
            "/topic nothing",
            "/pack nope",
            "easier",
            "harder",
            "thanks",
            "hi",
            "quiz me on remote work",
            "5 questions",
            "0 questions",
            "how many people use online education?",
            "true",
            "B",
            "342 million",
            "/",
            "//",
            "/quit",
        ]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINES, max_size=25), seed=st.integers(0, 10_000))
def test_no_conversation_makes_the_tutor_raise(lines: list[str], seed: int) -> None:
    now = [1_700_000_000.0]

    def clock() -> float:
        now[0] += 7
        return now[0]

    tutor = Tutor(PACKS, knowledge=KNOWLEDGE, clock=clock, rng=random.Random(seed), round_length=3)
    assert tutor.start()
    for line in lines:
        messages = tutor.respond(line)
        if tutor.status.stage == "ended":
            break
        assert messages, f"no reply to {line!r}"
        assert all(m.text.strip() for m in messages)
        progress = tutor.status.progress
        if progress is not None:
            assert 0 <= progress.asked <= progress.total
            assert 0 <= progress.score <= progress.asked


YAML_PIECES = st.sampled_from(
    [
        "pack: p\n",
        "title: t\n",
        "questions:\n",
        "  - id: q\n",
        "    type: number\n",
        "    answer: 9\n",
        "    prompt: '?'\n",
        "facts:\n",
        '  - {id: f, text: "{{a|b}}"}\n',
        "    options: [a, b]\n",
        "&a [*a]\n",
        "!!binary x\n",
        "\t",
        ":",
        "- ",
        "{",
        "}}",
        "\x00",
        "'",
        '"',
        "\n",
        "    need: -1\n",
        "    tolerance: 5%\n",
        "    answers: [[]]\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.one_of(YAML_PIECES, st.text(max_size=20)), max_size=30))
def test_no_file_makes_the_loader_raise(pieces: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes("".join(pieces).encode("utf-8", "surrogatepass"))
        result = load_pack(path)
    assert result.pack is None or not result.problems
    for problem in result.problems:
        line = str(problem)
        assert "\n" not in line
        assert line.startswith(str(path))
