"""Headless Chromium, driven by Playwright, on quizbot's browser pages.

The tests run when Chromium (Debian's ``chromium`` package) and the ``playwright``
package are both found, and are skipped with the reason otherwise. Playwright never
downloads a browser here: it drives the system Chromium through ``executable_path``.
With ``QUIZBOT_REQUIRE_BROWSER=1`` (CI sets it) a missing browser fails instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import VIEWPORT, ServerProcess, StudentPage, find_chromium, not_available

# Every flag keeps the browser on this machine: no sandbox (containers run as root),
# no GPU, no name but 127.0.0.1 resolves (the page asks for a web font), no updates,
# no background requests, no first-run pages.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# Wide enough for the chat and the class screens without wrapping a prompt.


# One browser a module, not a session: Playwright's sync API keeps an event loop of its
# own while it runs, and the Pilot tests that run after these want theirs.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for a module's tests (each test gets its own contexts)."""
    executable = find_chromium()
    if executable is None:
        not_available("no Chromium found (/usr/bin/chromium or chromium on PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        not_available("the playwright package is not installed (pip install -e '.[dev]')")
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        not_available("the textual-serve package is not installed")
    with sync_playwright() as playwright:
        # Playwright's launch gives the browser a fresh, temporary profile each time.
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_tab(chromium: Any) -> Iterator[Callable[[], StudentPage]]:
    """Open a tab in a context of its own (its own cookies and storage: another student)."""
    contexts: list[Any] = []

    def open_tab() -> StudentPage:
        context = chromium.new_context(viewport=VIEWPORT)
        contexts.append(context)
        return StudentPage(context.new_page())

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def quizbot_env(tmp_path: Path) -> dict[str, str]:
    """The environment of every quizbot process in a test: its own home folder."""
    return {**os.environ, "QUIZBOT_HOME": str(tmp_path / "home"), "PYTHONUTF8": "1"}


@pytest.fixture
def start_server(
    tmp_path: Path, quizbot_env: dict[str, str]
) -> Iterator[Callable[..., ServerProcess]]:
    """Start a server process; it and all its students are ended after the test."""
    servers: list[ServerProcess] = []

    def start(argv: list[str], *, ends_on_eof: bool = False) -> ServerProcess:
        server = ServerProcess(argv, env=quizbot_env, cwd=tmp_path, ends_on_eof=ends_on_eof)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
