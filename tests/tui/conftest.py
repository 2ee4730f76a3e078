"""Fixtures for the terminal UI tests."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tui_helpers import RecordingTutor, make_tutor


@pytest.fixture
def tutor() -> RecordingTutor:
    """The real tutor on the built-in packs, seeded, with a fixed clock and no store."""
    return make_tutor()


@pytest.fixture(autouse=True)
def wait_until_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's waits (after each key, in ``pause()``) end when the app has nothing left
    to run, not when the CPU looks idle.

    Textual finds "idle" by sleeping 20 ms at a time (we had it at 5 ms) until a sleep
    passes with almost no CPU used: each wait costs at least one such sleep after the
    work is done, and the ~580 waits of this folder slept ~4.5 s of its ~23 s. It is
    also a guess: a process waiting for the CPU on a busy machine looks idle. Here the
    wait yields to the event loop until, three times running, nothing is ready to run
    in it (no queued message, no task, no timer due) and no worker thread is running (a
    worker's reply is posted before its thread ends). What waits on a timer (Textual
    applies a resize 1/120 s later) is waited for by the condition the test checks:
    ``until``.
    """
    import textual.app
    import textual.pilot
    from textual.worker import Worker

    threads: set[Worker[object]] = set()
    run_threaded = Worker._run_threaded

    async def counted(self: Worker[object]) -> object:
        threads.add(self)
        try:
            return await run_threaded(self)
        finally:  # runs in the loop once the thread has returned
            threads.discard(self)

    async def until_quiet(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + max_sleep  # as Textual's: never wait more than this
        quiet = 0
        while quiet < 3 and loop.time() < give_up:
            if threads:
                quiet = 0
                await asyncio.sleep(0.0005)  # the thread's reply is on its way
                continue
            await asyncio.sleep(0)
            scheduled = loop._scheduled  # type: ignore[attr-defined]
            due = bool(scheduled) and scheduled[0].when() <= loop.time()
            quiet = 0 if loop._ready or due else quiet + 1  # type: ignore[attr-defined]

    monkeypatch.setattr(Worker, "_run_threaded", counted)
    monkeypatch.setattr(textual.pilot, "wait_for_idle", until_quiet)
    monkeypatch.setattr(textual.app, "wait_for_idle", until_quiet)


# Parsed CSS, shared by every app of the run: {(css, where, ..., variables): rules}.
_PARSED_CSS: dict[tuple[object, ...], list[Any]] = {}


@pytest.fixture(autouse=True)
def parse_css_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each app parses its CSS and every widget's default CSS afresh (Textual caches the
    rules per app): ~20 sources, about 1 s of this folder's time. The rules parsed from
    the same text with the same variables (the theme) are the same, and Textual only
    reads them once parsed (it already reuses them within an app), so one parse serves
    every app. CSS with errors still fails in every app: rules with errors are kept
    and reported by each app's stylesheet, and a text that does not parse raises."""
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules

    def parse_once(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[Any]:
        variables = tuple(self._variables.items())
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
        rules = _PARSED_CSS.get(key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            _PARSED_CSS[key] = rules
        return rules

    monkeypatch.setattr(Stylesheet, "_parse_rules", parse_once)
