"""The web server as quizbot adapts it: the page uses the address the browser asked for,
a bad Host header is refused, and no more than ``max_live`` app processes run at once."""

from __future__ import annotations

import sys

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from quizbot.webserve import QuizbotServer


def server(max_live: int) -> QuizbotServer:
    # A command that would start a process: the cap must refuse before it runs.
    return QuizbotServer(
        [sys.executable, "-c", "raise SystemExit('must not run')", "it's quoted"],
        host="0.0.0.0",
        port=8000,
        title="quizbot class",
        max_live=max_live,
    )


async def test_the_page_connects_to_the_address_the_browser_used() -> None:
    web = server(5)
    async with TestClient(TestServer(await web._make_app())) as client:
        response = await client.get("/", headers={"Host": "10.1.2.3:8000"})
        page = await response.text()
        assert response.status == 200
        assert "ws://10.1.2.3:8000/ws" in page and "0.0.0.0" not in page
        response = await client.get("/", headers={"Host": 'x"><script>alert(1)</script>'})
        assert response.status == 400


async def test_a_tab_beyond_the_cap_is_refused_without_a_process() -> None:
    web = server(0)
    async with TestClient(TestServer(await web._make_app())) as client:
        ws = await client.ws_connect("/ws")
        message = await ws.receive()
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert ws.close_code == 1013
        assert web.live == 0


def test_the_command_is_quoted_for_the_shell() -> None:
    assert server(1).command.endswith("'it'\"'\"'s quoted'")
