"""A light student page for big classes: ``quizbot class host --light``.

textual-serve runs a Textual app process per browser tab, and every screen change costs
each of them its own layout and render: 40 students on two cores wait seconds. Here one
aiohttp process serves every tab: a small page (fixed files: HTML, CSS and a script; no
outside assets) and one websocket per tab, each tab driving its own
:class:`~quizbot.classroom.class_student.StudentClient`, the same class logic the Textual
student runs. So a student's join and answers still go to its own
``students/<token>.jsonl`` (fsynced), and the host, ``--resume``, ``quizbot report`` and
letting a student back in work unchanged.

The page sends each line the student types as one text message; the server answers
with what the tab shows now, as JSON (the page puts every string in with
``textContent``: nothing from the class is ever markup). One task watches the class's
events file and, when it grows, has every tab read it and pushes the tabs whose screen
changed: no loop per tab. A line that writes (a join, an answer: fsynced) is saved in a
worker thread, so that a class pressing Enter at once does not queue on the disk.

Run as a child process: ``python -m quizbot.lightserve --host H --port P --max-live N
[--parent PID] -- SESSION_FOLDER``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from quizbot.classroom.class_student import StudentClient, StudentScreen
from quizbot.classroom.session import EVENTS, SessionError
from quizbot.serving import good_host

log = logging.getLogger("quizbot.lightserve")

WEB = Path(__file__).parent / "web"
WATCH_SECONDS = 0.05  # how often the one watcher looks at the events file's size
MAX_MESSAGE_BYTES = 4096  # a longer websocket message closes the tab's connection
WRITERS = 16  # threads saving students' lines (each an fsync): disk waits, not CPU
MESSAGES_A_WINDOW = 20  # more lines than this from one tab in ...
WINDOW_SECONDS = 10.0  # ... this many seconds is a flood: refused
FULL = "This class is full (too many open tabs). Close a tab and try again."
FLOOD = "Too many messages: wait a little."
# Nothing but this origin's own files: no inline script or style, no frames, no forms
# posted elsewhere. 'self' covers the page's websocket to the same host and port.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
FILES = {  # the only files served: path -> (file in quizbot/web, content type)
    "/student.js": ("student.js", "text/javascript"),
    "/student.css": ("student.css", "text/css"),
}


class LightTab:
    """One browser tab: its client, which line it asks for, and what it shows (the same
    steps as the Textual student app, as data for the page)."""

    def __init__(self, client: StudentClient, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.screen = StudentScreen(client)
        self.clock = clock
        self.busy = False  # a line of this tab's is being saved (in a worker thread)
        self._lines: list[float] = []

    @property
    def step(self) -> str:
        """The line this tab asks for: code, name, team, answer or none."""
        return self.screen.step

    def typed(self, text: str) -> None:
        """A line the student typed: a code, a name, a team or an answer."""
        now = self.clock()
        self._lines = [t for t in self._lines if t > now - WINDOW_SECONDS]
        if len(self._lines) >= MESSAGES_A_WINDOW:
            self.client.message = FLOOD
            return
        self._lines.append(now)
        self.screen.take(text)

    def view(self) -> dict[str, Any]:
        """What the tab shows now (every value plain text)."""
        screen, client = self.screen, self.client
        question = screen.refresh()
        return {
            "step": screen.step,
            "label": screen.label(),
            "where": screen.where(question),
            "prompt": question.prompt if question else "",
            "options": screen.options(question),
            "result": client.result_lines(),
            "status": screen.said(),
            "remaining": client.remaining() if question else None,
            "paused": client.paused(),
        }


class LightServer:
    """The page, its two files and the tabs' websockets, for one class folder."""

    def __init__(
        self,
        folder: Path,
        *,
        max_live: int,
        parent: int | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = folder
        self.max_live = max_live
        self.parent = parent  # the host's process: when it is gone, so is the server
        self.clock = clock
        self.tabs: dict[LightTab, web.WebSocketResponse] = {}
        self.page = (WEB / "student.html").read_text(encoding="utf-8")
        self.files = {
            path: ((WEB / name).read_bytes(), kind) for path, (name, kind) in FILES.items()
        }
        self._tasks: list[asyncio.Task[None]] = []
        self._writers = ThreadPoolExecutor(WRITERS, thread_name_prefix="quizbot-tab")

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_MESSAGE_BYTES)
        app.router.add_get("/", self.index)
        for path in self.files:
            app.router.add_get(path, self.file)
        app.router.add_get("/ws", self.websocket)
        app.on_response_prepare.append(self._headers)
        app.on_startup.append(self._start)
        app.on_shutdown.append(self._stop)
        return app

    # -- http -----------------------------------------------------------------------------

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers["Content-Security-Policy"] = POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"

    async def index(self, request: web.Request) -> web.Response:
        asked = request.host
        if not good_host(asked):
            raise web.HTTPBadRequest(text="quizbot: a bad Host header\n")
        # The websocket goes to the address the browser asked for (with --host 0.0.0.0
        # the listening address would send every browser to ws://0.0.0.0).
        url = f"{'wss' if request.secure else 'ws'}://{asked}/ws"
        page = self.page.replace("{{websocket}}", html.escape(url, quote=True))
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def file(self, request: web.Request) -> web.Response:
        body, kind = self.files[request.path]
        return web.Response(body=body, content_type=kind, charset="utf-8")

    # -- the tabs ---------------------------------------------------------------------------

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=30.0)
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            # Another site's page in a student's browser may not play in the class.
            raise web.HTTPForbidden(text="quizbot: this page is not the class's own\n")
        if len(self.tabs) >= self.max_live:
            log.info("refused a tab: %d tabs open already", len(self.tabs))
            await ws.prepare(request)
            await ws.close(code=1013, message=FULL.encode())  # try again later
            return ws
        try:
            tab = LightTab(StudentClient(self.folder, clock=self.clock))
        except SessionError as error:
            log.info("cannot open a tab: %s", error)
            await ws.prepare(request)
            await ws.close(code=1011, message=b"The class cannot be read.")
            return ws
        await ws.prepare(request)
        self.tabs[tab] = ws
        try:
            await self._send(tab)
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    break  # binary or an error (a message too big): the tab is closed
                await self._type(tab, message.data)
                await self._send(tab)
        finally:
            del self.tabs[tab]
        return ws

    async def _type(self, tab: LightTab, text: str) -> None:
        """The line, in a worker thread: a join or an answer is fsynced to the tab's file,
        and 40 students pressing Enter at once must not wait for each other's disk
        writes. The watcher leaves a busy tab alone; it reads the class's events after."""
        tab.busy = True
        try:
            await asyncio.get_running_loop().run_in_executor(self._writers, tab.typed, text)
        except SessionError as error:  # its file cannot be written
            tab.client.message = str(error)
        finally:
            tab.busy = False
        tab.client.poll()

    async def _send(self, tab: LightTab) -> None:
        ws = self.tabs.get(tab)
        if ws is None or ws.closed:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            await ws.send_str(json.dumps(tab.view(), ensure_ascii=False))

    async def watch(self) -> None:
        """One watcher for every tab: when the class's events grow, each tab reads them."""
        path = self.folder / EVENTS
        size = -1
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            try:
                now = path.stat().st_size
            except OSError:
                continue
            if now != size:
                size = now
                await self.wake()

    async def wake(self) -> None:
        """Every tab reads the class's new events; those whose screen changed get it."""
        changed = [tab for tab in list(self.tabs) if not tab.busy and tab.client.poll()]
        await asyncio.gather(*(self._send(tab) for tab in changed))

    # -- start and stop ------------------------------------------------------------------------

    async def _start(self, app: web.Application) -> None:
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self.watch()))
        if self.parent is not None:
            self._tasks.append(loop.create_task(self._watch_parent()))
        log.info("serving the light student page for %s", self.folder)

    async def _stop(self, app: web.Application) -> None:
        for task in self._tasks:
            task.cancel()
        for ws in list(self.tabs.values()):
            await ws.close(code=1001, message=b"The class host stopped.")
        self._writers.shutdown(wait=True)

    async def _watch_parent(self) -> None:
        """A host killed outright cannot stop its server: the server sees it is orphaned
        and stops itself."""
        while os.getppid() == self.parent:
            await asyncio.sleep(0.5)
        log.info("the class host is gone: stopping")
        os.kill(os.getpid(), signal.SIGTERM)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizbot.lightserve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--max-live", type=int, default=60)
    parser.add_argument("--parent", type=int, help="stop when this process is gone")
    parser.add_argument("session", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level="INFO", format="%(asctime)s %(name)s %(message)s")
    server = LightServer(args.session, max_live=args.max_live, parent=args.parent)
    web.run_app(server.app(), host=args.host, port=args.port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
