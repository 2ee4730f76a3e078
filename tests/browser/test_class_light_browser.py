"""A class on the light page (`quizbot class host --light`): two students in headless
Chromium join, answer, one reloads and is let back in, and the report has both.

The light page is plain HTML: the test reads what the student sees from the page's
text (``innerText``) and types into its one input line."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import STEP_SECONDS, VIEWPORT, ServerProcess, quizbot_argv
from test_class_browser import CODE, IDS, PACK, Classroom, free_port

_WAIT_JS = "(wanted) => wanted.every((w) => document.body.innerText.includes(w))"


class LightPage:
    """One tab on the light page; every request it makes is kept (all must be local)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.console: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.console.append(message.text))

    def open(self, address: str) -> None:
        self.page.goto(address)

    def reload(self) -> None:
        self.page.reload()

    def screen(self) -> str:
        text: str = self.page.evaluate("() => document.body.innerText")
        return text

    def wait_for(self, *texts: str) -> str:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(
                _WAIT_JS, arg=list(texts), polling=50, timeout=STEP_SECONDS * 1000
            )
        except PlaywrightTimeout:
            raise AssertionError(
                f"not shown within {STEP_SECONDS:.0f} s: {texts!r}\n--- the page ---\n"
                + self.screen()
            ) from None
        return self.screen()

    def type_line(self, text: str) -> None:
        line = self.page.locator("#line")
        line.fill(text)
        line.press("Enter")


@pytest.fixture
def light_tab(chromium: Any) -> Iterator[Callable[[], LightPage]]:
    contexts: list[Any] = []

    def open_tab() -> LightPage:
        context = chromium.new_context(viewport=VIEWPORT)
        contexts.append(context)
        return LightPage(context.new_page())

    yield open_tab
    for context in contexts:
        context.close()


def join(tab: LightPage, address: str, name: str) -> None:
    tab.open(address)
    tab.wait_for("Join code")
    tab.type_line(CODE)
    tab.wait_for("Your name")
    tab.type_line(name)


def test_two_students_on_the_light_page_and_one_reloads(
    tmp_path: Path,
    start_server: Callable[..., ServerProcess],
    light_tab: Callable[[], LightPage],
    quizbot_env: dict[str, str],
) -> None:
    argv = quizbot_argv(
        "class", "host", "--light", "--plain", "--pack", str(PACK), "--ids", IDS[0],
        "--seconds", "0", "--code", CODE, "--host", "127.0.0.1", "--port", str(free_port()),
        "--data-dir", str(tmp_path / "data"),
    )  # fmt: skip
    room = Classroom(start_server(argv, ends_on_eof=True))
    alice, zoe = light_tab(), light_tab()
    zoe_name = "<b>Zoë</b> [b]x[/]"  # shown as typed: no markup, HTML or Rich
    for tab, name in ((alice, "Alice"), (zoe, zoe_name)):
        mark = room.host.mark()
        join(tab, room.address, name)
        tab.wait_for("Waiting for the teacher")
        room.host.wait_for_line(rf"^{re.escape(name)} joined", after=mark)
    assert zoe_name in zoe.wait_for(zoe_name)
    assert zoe.page.locator("b").count() == 0

    mark = room.say("/next")
    room.host.wait_for_line(r"^Question 1 of 1: ", after=mark)
    for tab in (alice, zoe):
        tab.wait_for("Question 1 of 1", "capital of Guangdong")
    alice.type_line("Guangzhou")
    alice.wait_for("Answer received")
    # Alice's tab reloads: a new websocket, a new StudentClient. She comes back under
    # her name once the teacher accepts, and finds her answer received.
    alice.reload()
    mark = room.host.mark()
    join(alice, room.address, "Alice")
    alice.wait_for("Waiting for the teacher to let you back in")
    room.host.wait_for_line(r"^Alice wants to rejoin", after=mark)
    room.say("/accept Alice")
    alice.wait_for("capital of Guangdong", "Answer received")
    mark = room.host.mark()
    zoe.type_line("Shenzhen")  # the last answer: the question closes at once
    room.host.wait_for_line(r"^Closed: question 1", after=mark)
    alice.wait_for("Right! +", "You are 1st of 2 with")
    zoe.wait_for("Not right: the answer is Guangzhou")

    mark = room.say("/end")
    room.host.wait_for_line(r"^Class over", after=mark)
    zoe.wait_for("The class is over.", "1st: Alice with", f"2nd: {zoe_name} with 0 points")

    # Nothing left this machine, and the page's policy blocked nothing of its own.
    origin = room.address.rstrip("/")
    ws_origin = origin.replace("http://", "ws://")
    for tab in (alice, zoe):
        assert tab.requests
        assert all(u.startswith((origin, ws_origin)) for u in tab.requests), tab.requests
        assert not [m for m in tab.console if "Content Security Policy" in m], tab.console

    exported = room.session.parent / "report.json"
    report = subprocess.run(
        quizbot_argv("report", str(room.session), "--json", str(exported)),
        capture_output=True, text=True, encoding="utf-8", env=quizbot_env, timeout=60,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert sorted(p["name"] for p in data["players"]) == sorted(["Alice", zoe_name])
    answers = {a["name"]: (a["response"], a["verdict"]) for a in data["answers"]}
    assert answers == {"Alice": ("Guangzhou", "correct"), zoe_name: ("Shenzhen", "incorrect")}
