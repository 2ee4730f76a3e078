"""Helpers for the terminal UI tests: the real tutor on the built-in packs, made repeatable."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot

from quizbot.packs.builtin import load_builtin_packs
from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressStore
from quizbot.tui.app import QuizApp
from quizbot.tui.widgets.answer_input import AnswerInput
from quizbot.tui.widgets.bubble import BotBubble
from quizbot.tutor import BotMessage, Tutor

FIXED_NOW = 1_700_000_000.0  # 2023-11-14
SEED = 7
ROUND = 3


class Clock:
    """A clock the test moves by hand (``clock.now += 5``)."""

    def __init__(self, now: float = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def fixed_clock() -> float:
    return FIXED_NOW


class RecordingTutor(Tutor):
    """The real tutor, noting each call the UI makes so tests can check what was asked."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.calls: list[tuple[str, str]] = []

    def start(self) -> list[BotMessage]:
        self.calls.append(("start", ""))
        return super().start()

    def respond(self, line: str) -> list[BotMessage]:
        self.calls.append(("respond", line))
        return super().respond(line)

    def command(self, name: str, arg: str = "") -> list[BotMessage]:
        self.calls.append((name, arg))
        return super().command(name, arg)


def make_tutor(store: ProgressStore | None = None, round_length: int = ROUND) -> RecordingTutor:
    """The built-in packs, a fixed clock and a seeded rng: the same questions every run."""
    return RecordingTutor(
        load_builtin_packs(),
        store=store,
        clock=fixed_clock,
        rng=random.Random(SEED),
        round_length=round_length,
    )


def make_app(tutor: Tutor, store: ProgressStore | None = None) -> QuizApp:
    return QuizApp(tutor, store=store, clock=fixed_clock)


def make_store(data_dir: Path, *, history: bool = True) -> ProgressStore:
    """A progress store; with ``history``, answers over a few days before FIXED_NOW."""
    store = ProgressStore.open(data_dir, "default", clock=fixed_clock)
    if not history:
        return store
    day = 86_400.0
    plan = [(3, 4, 3), (2, 6, 2), (1, 3, 3), (0, 5, 4)]  # (days ago, answered, correct)
    for back, answered, correct in plan:
        for i in range(answered):
            verdict = "correct" if i < correct else "incorrect"
            store.record(
                AnswerRecord(
                    time=FIXED_NOW - back * day - 600 + i,
                    pack="digital-china",
                    question=f"q{i}",
                    response="x",
                    verdict=verdict,
                    score=1.0 if verdict == "correct" else 0.0,
                )
            )
    return store


async def settle(pilot: Pilot[int]) -> None:
    """Wait until the tutor has answered everything sent so far and the screen is drawn.

    Deterministic steps, not idle waits (each of those sleeps 20 ms or more): the
    tutor's thread is awaited, then the app's messages are processed until the reply
    is delivered, then twice more, for the reply's bubbles to mount and be drawn.
    """
    app = pilot.app
    assert isinstance(app, QuizApp)
    if app.is_running:
        app.query_one("#answer").cursor_blink = False  # blinking makes snapshots flaky
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause(0)
        if not app.busy:
            break
    await pilot.pause(0)
    await pilot.pause(0)


async def until(pilot: Pilot[Any], check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app work until ``check`` holds, for what Textual does on a timer (a resize
    is applied 1/120 s after it): returns as soon as it holds, fails after ``timeout``."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + timeout
    while True:
        await pilot.pause()
        if check():
            return
        if loop.time() > give_up:
            raise AssertionError(f"still not so after {timeout} s")
        await asyncio.sleep(0.001)  # let a timer come due


async def say(pilot: Pilot[int], line: str) -> None:
    """Put a line in the answer box, send it and wait for the tutor's reply (the line is
    set, not typed key by key: see ``type_line`` where typing itself is tested)."""
    answer = pilot.app.query_one("#answer", AnswerInput)
    answer.focus()
    answer.value = line
    await pilot.press("enter")
    await settle(pilot)


async def type_line(pilot: Pilot[int], line: str) -> None:
    """Type a line key by key, send it and wait for the reply."""
    answer = pilot.app.query_one("#answer")
    answer.focus()
    if line:
        await pilot.press(*line)
    await pilot.press("enter")
    await settle(pilot)


async def search_palette(pilot: Pilot[int], text: str) -> None:
    """Put a search in the open command palette: set at once, so the palette searches
    once, not once a key (typing itself is tested in the answer box)."""
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(CommandInput).value = text
    await pilot.pause()


async def finish_round(pilot: Pilot[int]) -> None:
    """After the last answer: Enter opens the round's summary."""
    await say(pilot, "")


async def start_round(pilot: Pilot[int]) -> None:
    """Open the app, then press Enter at the menu: a round on all topics."""
    await settle(pilot)
    await say(pilot, "")


def current_question(app: QuizApp) -> BotBubble:
    return [b for b in app.query(BotBubble) if b.message.kind == "question"][-1]


def right_answer(app: QuizApp) -> str:
    """The key of the question on screen, looked up in the pack by its id."""
    question_id = current_question(app).message.question_id
    assert question_id is not None
    for pack in app.tutor.packs:
        question = pack.question(question_id)
        if question is not None:
            return question.answer
    raise AssertionError(f"no question {question_id}")
