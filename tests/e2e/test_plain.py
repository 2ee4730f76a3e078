"""Plain line mode: in-process with StringIO, and ``quizbot play --plain`` as a real process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizbot.grading.verdict import Verdict
from quizbot.plain import render, run_plain
from quizbot.tutor.messages import BotMessage, RoundProgress

UNIT_TESTS = Path(__file__).resolve().parent.parent / "unit"
sys.path.insert(0, str(UNIT_TESTS))
from tutor_fakes import FakeStore, make_tutor  # noqa: E402


def transcript(lines: list[str], **options: object) -> str:
    tutor = make_tutor(**options)  # type: ignore[arg-type]
    output = io.StringIO()
    status = run_plain(tutor, io.StringIO("".join(f"{line}\n" for line in lines)), output)
    assert status == 0
    return output.getvalue()


# -- rendering ------------------------------------------------------------------


def test_a_question_shows_progress_and_lettered_options() -> None:
    message = BotMessage(
        "question",
        "Which tool?",
        progress=RoundProgress(2, 10, 1, 1.0),
        question_id="q",
        options=("Rake", "Hose"),
    )
    assert render(message) == ["[3/10] Which tool?", "A) Rake", "B) Hose"]


@pytest.mark.parametrize(
    ("outcome", "body", "line"),
    [
        (
            "correct",
            "Accepted — one letter off: Hohhot",
            "Correct: Accepted — one letter off: Hohhot",
        ),
        ("partial", "1 of 2.", "Partly right: 1 of 2."),
        ("incorrect", "the answer is 342 million.", "Not quite: the answer is 342 million."),
    ],
)
def test_verdicts_are_spelled_out_in_words(outcome: str, body: str, line: str) -> None:
    verdict = Verdict(outcome, 1.0, "", "x")  # type: ignore[arg-type]
    message = BotMessage("verdict", "Whatever the TUI shows", verdict=verdict, body=body)
    assert render(message) == [line]


def test_a_wrong_answer_is_one_sentence_in_the_tuis_words() -> None:
    """Plain mode's verdict line says what the TUI's headline says ("Not quite"), then the
    grader's sentence, with no capital after the colon."""
    import random

    from tutor_fakes import Clock, FakeKnowledge, garden_pack, last_question

    from quizbot.tutor import Tutor

    tutor = Tutor(
        [garden_pack()], knowledge=FakeKnowledge(), clock=Clock(), rng=random.Random(7)
    )  # the real grader
    tutor.start()
    messages = tutor.respond("")
    said: dict[str, list[str]] = {}
    while messages[-1].kind != "summary":
        asked = last_question(messages).question_id
        answer = {"q-number": "42", "q-text": "lyon"}.get(asked or "", "/skip")
        messages = tutor.respond(answer)
        said[answer] = render(messages[0])
        if asked == "q-number":
            assert messages[0].text == "Not quite. The answer is 342 million, not “42”."  # TUI
    assert said["42"][0] == "Not quite: the answer is 342 million, not “42”."
    assert said["lyon"][0] == "Correct: Lyon."  # a name keeps its capital after the label


@pytest.mark.parametrize(
    ("line", "said"),
    [("zzz", "Not quite: not what I have. The answer is Lyon."), ("Lyon", "Correct: exactly.")],
)
def test_the_verdict_word_is_said_once(line: str, said: str) -> None:
    out = transcript(["1", *["/skip"] * 5, "", line], round_length=1, seed=3)
    assert said in out.splitlines(), out


def test_plain_mode_wraps_at_word_boundaries_on_a_terminal() -> None:
    from quizbot.plain import wrap

    line = "A question that is long enough to be wrapped when written to a narrow terminal."
    parts = wrap(line, 20)
    assert all(len(p) <= 20 for p in parts)
    assert " ".join(parts) == line  # no word was cut
    assert wrap(line, None) == [line]
    assert wrap("- a missed question with a long text", 16)[1].startswith("  ")


def test_a_wrapped_menu_item_or_option_hangs_under_its_text() -> None:
    from quizbot.plain import wrap

    item = wrap("  6) E-commerce, live-streaming and the anti-poverty campaign", 40)
    assert item == ["  6) E-commerce, live-streaming and the", "     anti-poverty campaign"]
    option = wrap("D) New markets for farm produce, and mobilizing internet users", 40)
    assert option == ["D) New markets for farm produce, and", "   mobilizing internet users"]


def test_options_past_z_get_two_letters() -> None:
    options = tuple(f"option {i}" for i in range(28))
    lines = render(BotMessage("question", "Which?", options=options))
    assert lines[26:] == ["Z) option 25", "AA) option 26", "AB) option 27"]


def test_explanations_and_answers_end_with_their_source() -> None:
    message = BotMessage("explanation", "Because.", source="“Title”, Paper, 2021-02-04")
    assert render(message) == ["Because.", "Source: “Title”, Paper, 2021-02-04"]
    assert render(BotMessage("hint", "Think big."))[0] == "Hint: Think big."
    assert render(BotMessage("warning", "Disk full."))[0] == "Warning: Disk full."


# -- whole conversations in process -------------------------------------------------


def test_a_scripted_session() -> None:
    store = FakeStore()
    out = transcript(
        ["hi", "", "/hint", "zzz", "/skip", "tell me about robots", "/score"],
        store=store,
        round_length=3,
    )
    assert out.count("> ") >= 7
    assert "Hello!" in out
    assert "[1/3] " in out and "[2/3] " in out and "[3/3] " in out
    assert "Hint: " in out
    assert "Not quite: " in out
    assert "Skipped. The answer is " in out
    assert "Source: “Robots in the garden”, Garden Weekly, 2024-05-01" in out
    assert "Robots love gardens." in out and "Back to the question: " in out
    assert out.rstrip().endswith("Goodbye! This round: 0 of 2 right. Your progress is saved.")
    assert "\x1b" not in out  # no colours, no cursor movement
    assert [r.verdict for r in store.records] == ["incorrect", "skipped"]


def test_piped_lines_are_echoed_after_the_prompt() -> None:
    out = transcript(["hello"])
    assert "> hello\nHello!" in out


def test_control_characters_never_reach_the_terminal() -> None:
    out = transcript(["\x1b[31mred", "", "\x1b[2J"])
    assert "\x1b" not in out
    assert "[31mred" in out  # the visible rest is kept


def test_quit_ends_the_session_before_the_input_does() -> None:
    out = transcript(["quit", "this is never read"])
    assert "Goodbye!" in out
    assert "never read" not in out
    assert out.count("Goodbye!") == 1


def test_store_warnings_are_shown_first() -> None:
    store = FakeStore()
    store.warnings.append("progress.json was damaged; rebuilt from history.jsonl")
    out = transcript([], store=store)
    assert out.startswith("Warning: progress.json was damaged")


def test_an_unencodable_character_does_not_stop_the_session() -> None:
    raw = io.BytesIO()
    output = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    tutor = make_tutor()
    assert run_plain(tutor, io.StringIO("tell me about robots\n"), output) == 0
    output.flush()
    text = raw.getvalue().decode("ascii")
    assert 'Source: "Robots in the garden", Garden Weekly' in text  # quotes said in ASCII


# -- the real command ----------------------------------------------------------------

WRAPPER = """
import runpy, sys
sys.argv = ["quizbot", *sys.argv[1:]]
try:
    runpy.run_module("quizbot", run_name="__main__")
finally:
    bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
    sys.stderr.write("TEXTUAL-MODULES:" + ",".join(bad) + "\\n")
"""


def play_plain(tmp_path: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUTF8": "1", "QUIZBOT_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            WRAPPER,
            "play",
            "--plain",
            "--data-dir",
            str(tmp_path / "data"),
            "--seed",
            "3",
            *args,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def history_lines(tmp_path: Path) -> list[dict[str, object]]:
    found = list((tmp_path / "data").rglob("history.jsonl"))
    assert len(found) == 1, found
    return [json.loads(line) for line in found[0].read_text("utf-8").splitlines()]


def test_play_plain_records_every_answer_and_never_imports_textual(tmp_path: Path) -> None:
    result = play_plain(tmp_path, "\nnot a chance\n/skip\n/hint\nzzz\n", "--round", "3")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Hi! I'm quizbot" in out
    assert "[1/3] " in out and "[3/3] " in out
    assert "Not quite: " in out and "Skipped. The answer is " in out
    assert "Source: " in out
    assert "Round over! You got 0 of 3 right" in out
    assert "Goodbye!" in out and "Your progress is saved." in out
    assert "Traceback" not in result.stderr
    assert "TEXTUAL-MODULES:\n" in result.stderr
    assert "\x1b" not in out
    records = history_lines(tmp_path)
    assert [r["verdict"] for r in records] == ["incorrect", "skipped", "incorrect"]
    assert records[2]["hint_used"] is True
    assert not (tmp_path / "home").exists()  # --data-dir wins over QUIZBOT_HOME


def test_play_plain_keeps_progress_between_sessions(tmp_path: Path) -> None:
    first = play_plain(tmp_path, "\n/skip\n/skip\n", "--round", "2")
    assert first.returncode == 0, first.stderr
    second = play_plain(tmp_path, "\n/skip\n", "--round", "2")
    assert second.returncode == 0, second.stderr
    assert len(history_lines(tmp_path)) == 3


def test_play_plain_with_no_input_says_goodbye(tmp_path: Path) -> None:
    result = play_plain(tmp_path, "")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("Your progress is saved.")


def test_back_to_the_question_repeats_the_options_in_plain_mode() -> None:
    message = BotMessage(
        "info", "Back to the question: Which tool?", question_id="q", options=("Rake", "Hose")
    )
    assert render(message) == ["Back to the question: Which tool?", "A) Rake", "B) Hose"]
