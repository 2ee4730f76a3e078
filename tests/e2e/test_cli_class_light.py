"""``quizbot class host --light --plain`` as a real process: its one web server serves
the light page, and students on websockets (no browser) join, answer, get their verdict
when the teacher closes the question, and ``quizbot report`` has them."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
from test_cli_class import PACK, Lines, free_port, quizbot

STEP_SECONDS = 60.0


async def next_state(
    ws: aiohttp.ClientWebSocketResponse[Any], wanted: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    while True:
        message = await ws.receive(timeout=STEP_SECONDS)
        assert message.type == aiohttp.WSMsgType.TEXT, message
        state: dict[str, Any] = json.loads(message.data)
        if wanted(state):
            return state


def other_address() -> str | None:
    """An address of this machine that is not loopback (None: it has none)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # no packet is sent
            found = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if found.startswith("127.") else found


def test_light_students_join_answer_and_get_verdicts_pushed(tmp_path: Path) -> None:
    pack = tmp_path / "geo.yaml"
    pack.write_text(PACK, encoding="utf-8")
    port = free_port()
    host = quizbot(
        tmp_path, "class", "host", "--light", "--plain", "--pack", str(pack),
        "--ids", "capital,province", "--seconds", "0", "--port", str(port),
        "--code", "ABC234", "--max-students", "2",
    )  # fmt: skip
    assert host.stdin is not None
    out = Lines(host)

    def say(command: str) -> None:
        assert host.stdin is not None
        host.stdin.write(command + "\n")
        host.stdin.flush()

    try:
        folder = Path(out.wait_for("Session: ").split(": ", 1)[1])
        assert out.wait_for("Address: ") == f"Address: http://127.0.0.1:{port}/"
        page = urllib.request.urlopen(f"http://localhost:{port}/", timeout=10)
        assert 'data-websocket="ws://localhost:' + str(port) + '/ws"' in page.read().decode()
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]
        # Only this machine may connect without --host.
        elsewhere = other_address()
        if elsewhere is not None:
            with socket.socket() as probe:
                probe.settimeout(5)
                assert probe.connect_ex((elsewhere, port)) != 0

        async def play() -> None:
            url = f"ws://127.0.0.1:{port}/ws"
            async with aiohttp.ClientSession() as session:
                ann = await session.ws_connect(url)
                bob = await session.ws_connect(url)
                for ws, name in ((ann, "Ann"), (bob, "[b]Bob[/]")):
                    await next_state(ws, lambda s: s["step"] == "code")
                    await ws.send_str("abc234")
                    await next_state(ws, lambda s: s["step"] == "name")
                    await ws.send_str(name)
                    await next_state(ws, lambda s: s["status"].startswith("Joined. Waiting"))
                # The cap: two students (and ten tabs more, for reloads).
                extra = [await session.ws_connect(url) for _ in range(10)]
                async with session.ws_connect(url) as refused:
                    message = await refused.receive(timeout=STEP_SECONDS)
                    assert message.type == aiohttp.WSMsgType.CLOSE
                    assert refused.close_code == 1013 and "full" in str(message.extra)
                for ws in extra:
                    await ws.close()

                say("/next")
                for ws in (ann, bob):
                    await next_state(ws, lambda s: s["where"].startswith("Question 1 of 2"))
                await ann.send_str("Guangzhou")
                state = await next_state(ann, lambda s: True)
                assert state["status"] == "Answer received"
                await asyncio.get_running_loop().run_in_executor(
                    None, out.wait_for, "Answered: 1 of 2"
                )
                say("/close")  # Bob never answered: the teacher closes the question
                right = await next_state(ann, lambda s: bool(s["result"]))
                late = await next_state(bob, lambda s: bool(s["result"]))
                assert right["result"][0].startswith("Right! +")
                assert late["result"][0].startswith("No answer in time")
                say("/end")
                over = await next_state(
                    bob, lambda s: "2nd: [b]Bob[/] with 0 points" in s["result"]
                )
                assert over["status"] == "The class is over." and over["result"][0] == "PODIUM"
                await ann.close()
                await bob.close()

        asyncio.run(play())
        assert host.wait(timeout=60) == 0
    finally:
        host.kill()
        host.wait()

    report = subprocess.run(
        [*quizbot_argv(), "report", str(folder), "--json", str(tmp_path / "r.json")],
        capture_output=True, text=True, env=_env(tmp_path), timeout=60,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sorted(p["name"] for p in data["players"]) == ["Ann", "[b]Bob[/]"]
    assert [(a["name"], a["response"]) for a in data["answers"] if a["response"]] == [
        ("Ann", "Guangzhou")
    ]


def test_the_light_flag_is_listed_in_the_help(tmp_path: Path) -> None:
    shown = quizbot(tmp_path, "class", "host", "--help")
    output, _ = shown.communicate(timeout=60)
    assert "--light" in output and "one process" in output


def quizbot_argv() -> list[str]:
    return [sys.executable, "-m", "quizbot"]


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "QUIZBOT_HOME": str(tmp_path / "home"), "PYTHONUTF8": "1"}
