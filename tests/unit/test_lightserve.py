"""The light student page (``class host --light``): its files and headers, and tabs on
websockets that join, answer and get their verdict, through aiohttp's test server in
this process, with the class host in the test (it writes the class's events)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from drill_helpers import KEYS, class_pack
from tutor_fakes import Clock

from quizbot.classroom.class_files import STUDENTS, create_class_session
from quizbot.classroom.class_host import ClassHost
from quizbot.classroom.class_room import ClassRoom, ClassRules
from quizbot.classroom.class_student import RECEIVED, WAITING, StudentClient
from quizbot.classroom.drill import Settings
from quizbot.lightserve import FLOOD, FULL, MESSAGES_A_WINDOW, LightServer, LightTab

State = dict[str, Any]
STEP_SECONDS = 30.0  # a hung server fails the test; a slow one does not


def start_class(tmp_path: Path, teams: tuple[str, ...] = ()) -> tuple[ClassHost, Clock]:
    clock = Clock()
    session = create_class_session(tmp_path, "Class 7B")
    settings = Settings(players=(), questions=KEYS[:2], mode="class", seconds=20)
    room = ClassRoom.open_class(
        settings, [class_pack()], ClassRules("ABC234", 60, teams), clock=clock,
        sink=session.append,
    )  # fmt: skip
    return ClassHost(room, session), clock


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[ClassHost, Clock, TestClient[Any, Any]]]:
    host, clock = start_class(tmp_path)
    server = LightServer(host.session.folder, max_live=2, clock=clock)
    async with TestClient(TestServer(server.app())) as client:
        yield host, clock, client


async def next_state(
    ws: aiohttp.ClientWebSocketResponse[Any], wanted: Callable[[State], bool]
) -> State:
    """The first state pushed to the tab that ``wanted`` accepts."""
    while True:
        message = await ws.receive(timeout=STEP_SECONDS)
        assert message.type == aiohttp.WSMsgType.TEXT, message
        state: State = json.loads(message.data)
        if wanted(state):
            return state


async def test_the_page_asks_for_the_websocket_of_the_host_the_browser_asked_for(
    served: tuple[ClassHost, Clock, TestClient[Any, Any]],
) -> None:
    _, _, client = served
    response = await client.get("/", headers={"Host": "class.example:8123"})
    assert response.status == 200
    page = await response.text()
    assert 'data-websocket="ws://class.example:8123/ws"' in page
    # No inline script or style: the policy allows only this origin's own files.
    assert re.findall(r"<script[^>]*>([^<]*)</script>", page) == [""]
    assert "<style" not in page and " style=" not in page
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "https:" not in page and "http:" not in page  # nothing from outside
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    script = await client.get("/student.js")
    assert script.status == 200 and script.content_type == "text/javascript"
    assert "textContent" in await script.text() and "innerHTML" not in await script.text()


@pytest.mark.parametrize(
    "host", ['x"><script>alert(1)</script>', "a b", "class.example:80/ws?", "[zz]:1"]
)
async def test_a_malformed_host_header_gets_no_page(
    served: tuple[ClassHost, Clock, TestClient[Any, Any]], host: str
) -> None:
    _, _, client = served
    response = await client.get("/", headers={"Host": host})
    assert response.status == 400
    assert "script" not in await response.text()


@pytest.mark.parametrize(
    "path",
    ["/student.html", "/web/student.js", "/static/student.js", "/../pyproject.toml",
     "/events.jsonl", "/students/", "/lightserve.py"],
)  # fmt: skip
async def test_no_other_file_is_served(
    served: tuple[ClassHost, Clock, TestClient[Any, Any]], path: str
) -> None:
    _, _, client = served
    response = await client.get(path)
    assert response.status == 404
    assert "Content-Security-Policy" in response.headers


async def test_a_tab_joins_answers_and_gets_its_verdict_pushed_on_close(
    served: tuple[ClassHost, Clock, TestClient[Any, Any]],
) -> None:
    host, clock, client = served
    async with client.ws_connect("/ws") as ws:
        state = await next_state(ws, lambda s: True)
        assert (state["step"], state["label"]) == ("code", "Join code")
        await ws.send_str("WRONG1")
        state = await next_state(ws, lambda s: True)
        assert state["step"] == "code" and "Wrong code" in state["status"]
        await ws.send_str("abc234")
        state = await next_state(ws, lambda s: True)
        assert (state["step"], state["label"]) == ("name", "Your name")
        await ws.send_str("<b>x</b> [b]y[/]")
        await next_state(ws, lambda s: s["status"] == "Joining...")
        assert host.poll() == ["<b>x</b> [b]y[/] joined"]
        # The watcher sees the host's event and pushes it: nobody polls this tab.
        state = await next_state(ws, lambda s: s["status"] == WAITING)
        assert state["where"] == "<b>x</b> [b]y[/]" and state["step"] == "none"

        host.command("/next")
        state = await next_state(ws, lambda s: s["step"] == "answer")
        assert state["where"].startswith("Question 1 of 2")
        assert state["prompt"] == "Which city is the capital of Guangdong?"
        assert state["remaining"] == 20 and state["paused"] is False
        clock.advance(5)
        await ws.send_str("Guangzhou")
        state = await next_state(ws, lambda s: True)
        assert state["status"] == RECEIVED and state["step"] == "none"
        [file] = (host.session.folder / STUDENTS).iterdir()
        answer = json.loads(file.read_text(encoding="utf-8").splitlines()[-1])
        assert (answer["type"], answer["response"]) == ("answer", "Guangzhou")

        # The only student answered: the host's next poll closes the question.
        assert "Closed: question 1" in host.poll()
        state = await next_state(ws, lambda s: bool(s["result"]))
        assert state["result"][0].startswith("Right! +")
        assert state["result"][1] == "Canton is its old name."
        assert "You are 1st of 1 with" in state["result"][-1]


async def test_a_message_over_the_limit_closes_the_tab_and_writes_nothing(
    served: tuple[ClassHost, Clock, TestClient[Any, Any]],
) -> None:
    host, _, client = served
    async with client.ws_connect("/ws") as ws:
        await next_state(ws, lambda s: True)
        await ws.send_str("ABC234")
        await next_state(ws, lambda s: s["step"] == "name")
        await ws.send_str("A" * 5000)
        message = await ws.receive(timeout=STEP_SECONDS)
        assert message.type == aiohttp.WSMsgType.CLOSE
        assert ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    assert list((host.session.folder / STUDENTS).iterdir()) == []
    assert host.poll() == []


async def test_tabs_over_the_cap_are_refused(
    served: tuple[ClassHost, Clock, TestClient[Any, Any]],
) -> None:
    _, _, client = served  # max_live=2
    first, second = await client.ws_connect("/ws"), await client.ws_connect("/ws")
    for ws in (first, second):
        await next_state(ws, lambda s: s["step"] == "code")
    async with client.ws_connect("/ws") as third:
        message = await third.receive(timeout=STEP_SECONDS)
        assert message.type == aiohttp.WSMsgType.CLOSE
        assert third.close_code == 1013 and message.extra == FULL
    await first.close()
    # One tab closed: a place is free again.
    async with client.ws_connect("/ws") as fourth:
        assert (await next_state(fourth, lambda s: True))["step"] == "code"
    await second.close()


async def test_a_websocket_from_another_sites_page_is_refused(
    served: tuple[ClassHost, Clock, TestClient[Any, Any]],
) -> None:
    _, _, client = served
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers={"Origin": "http://elsewhere.example"})
    assert refused.value.status == 403
    own = f"http://{client.host}:{client.port}"
    async with client.ws_connect("/ws", headers={"Origin": own}) as ws:
        assert (await next_state(ws, lambda s: True))["step"] == "code"


def test_wrong_codes_lock_the_tab_even_for_the_right_code(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    tab = LightTab(StudentClient(host.session.folder, clock=clock), clock=clock)
    for _ in range(5):
        tab.typed("WRONG1")
        assert "Wrong code" in tab.view()["status"]
    tab.typed("ABC234")
    view = tab.view()
    assert view["step"] == "code" and "Too many wrong codes" in view["status"]
    clock.advance(61)
    tab.typed("ABC234")
    assert tab.view()["step"] == "name"


def test_the_countdown_stands_still_while_the_teacher_pauses(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    tab = LightTab(StudentClient(host.session.folder, clock=clock), clock=clock)
    tab.typed("ABC234")
    tab.typed("Ann")
    host.poll()
    host.command("/next")
    tab.client.poll()
    clock.advance(5)
    assert (tab.view()["remaining"], tab.view()["paused"]) == (15, False)
    host.command("/pause")
    tab.client.poll()
    clock.advance(30)
    assert (tab.view()["remaining"], tab.view()["paused"]) == (15, True)


def test_a_flood_of_lines_from_one_tab_is_refused_by_that_tab_only(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    flooder = LightTab(StudentClient(host.session.folder, clock=clock), clock=clock)
    other = LightTab(StudentClient(host.session.folder, clock=clock), clock=clock)
    for _ in range(MESSAGES_A_WINDOW):
        flooder.typed("WRONG1")
    flooder.typed("ABC234")  # the right code, but one line too many
    assert flooder.view()["status"].startswith(FLOOD) and flooder.step == "code"
    other.typed("ABC234")  # another tab (the same school address) is not refused
    assert other.view()["step"] == "name"
    clock.advance(11)
    flooder.typed("ABC234")  # a new window: the line is read (its wrong codes locked it)
    assert "Too many wrong codes" in flooder.view()["status"]


def test_an_answer_over_the_limit_is_refused_not_cut(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    tab = LightTab(StudentClient(host.session.folder, clock=clock), clock=clock)
    tab.typed("ABC234")
    tab.typed("Ann")
    host.poll()
    host.command("/next")
    tab.client.poll()
    tab.typed("Guangzhou " * 30)
    view = tab.view()
    assert view["step"] == "answer" and "at most 200 characters" in view["status"]
    assert host.poll() == []


def test_a_class_with_teams_asks_for_the_team_after_the_name(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path, teams=("Red", "Blue"))
    tab = LightTab(StudentClient(host.session.folder, clock=clock), clock=clock)
    tab.typed("ABC234")
    tab.typed("Ann")
    assert tab.view()["label"] == "Team (Red, Blue)"
    tab.typed("Green")
    assert tab.view()["step"] == "team" and "Red, Blue" in tab.view()["status"]
    tab.typed("red")
    assert host.poll() == ["Ann joined (team Red)"]
