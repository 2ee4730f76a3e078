"""Serving quizbot to browsers with textual-serve, for ``quizbot class host`` and
``quizbot serve``.

textual-serve starts one app process per browser tab (through a shell, with pipes and
``TEXTUAL_DRIVER`` set) and stops it when the tab closes. Its :class:`Server` is adapted:

- the page connects its websocket to the address the browser asked for, not to the
  listening address (``--host 0.0.0.0`` would send every browser to ``ws://0.0.0.0``);
- no more than ``max_live`` app processes run at once (one more tab gets a refusal,
  not a process: a school's network must not exhaust the teacher's machine);
- its logo and log lines go to its own output (the class host points that at
  ``server.log`` in the session folder), never to the teacher's screen.

Run as a child process: ``python -m quizbot.webserve --host H --port P --max-live N
--title T -- COMMAND...``; the command's words are quoted for the shell here.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shlex
import signal
import sys
from collections.abc import Sequence
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from quizbot.serving import good_host

log = logging.getLogger("quizbot.webserve")

FULL_PAGE = "quizbot: this class is full (too many open tabs). Close a tab and try again.\n"


class QuizbotServer(Server):
    """textual-serve's server, adapted as the module says."""

    def __init__(self, command: Sequence[str], *, host: str, port: int, title: str,
                 max_live: int, parent: int | None = None) -> None:  # fmt: skip
        super().__init__(shlex.join(command), host=host, port=port, title=title)
        self.max_live = max_live
        self.live = 0
        self.parent = parent  # the host's process: when it is gone, so is the server

    def initialize_logging(self) -> None:
        logging.basicConfig(level="INFO", format="%(asctime)s %(name)s %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        log.info("serving %s on http://%s:%s", self.command, self.host, self.port)
        if self.parent is not None:
            app["watch"] = asyncio.get_running_loop().create_task(self._watch_parent())

    async def _watch_parent(self) -> None:
        """A host killed outright (SIGKILL, a crash) cannot stop its server: the server
        sees it is orphaned and stops itself and the students' processes (its group)."""
        while os.getppid() == self.parent:
            await asyncio.sleep(0.5)
        log.info("the class host is gone: stopping")
        os.killpg(os.getpgrp(), signal.SIGTERM)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        asked = request.host
        if not good_host(asked):
            raise web.HTTPBadRequest(text="quizbot: a bad Host header\n")
        scheme = "https" if request.secure else "http"
        static = request.app.router["static"].url_for(filename="/")
        websocket = request.app.router["websocket"].url_for()
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{'wss' if scheme == 'https' else 'ws'}://{asked}{websocket}",
            "config": {"static": {"url": f"{scheme}://{asked}{str(static).rstrip('/')}/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if self.live >= self.max_live:
            log.info("refused a tab: %d app processes already", self.live)
            refused = web.WebSocketResponse()
            await refused.prepare(request)
            await refused.close(code=1013, message=FULL_PAGE.encode()[:120])  # try again later
            return refused
        self.live += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.live -= 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizbot.webserve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--max-live", type=int, default=60)
    parser.add_argument("--title", default="quizbot")
    parser.add_argument("--parent", type=int, help="stop when this process is gone")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    server = QuizbotServer(
        args.command,
        host=args.host,
        port=args.port,
        title=args.title,
        max_live=args.max_live,
        parent=args.parent,
    )
    server.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
