"""``quizbot class`` (host, join, and the student app a browser tab runs) and ``quizbot
serve`` (one student practising alone in a browser).

A front: it parses, starts the web server child and prints; the class's work is in
``quizbot.classroom``. ``class host --plain`` imports neither Textual nor textual-serve
(the web server is a child process: ``quizbot.webserve``, or ``quizbot.lightserve``
with ``--light``).
"""

from __future__ import annotations

import argparse
import queue
import re
import socket
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from quizbot.cli_options import add_pack_option
from quizbot.safetext import safe_line

if TYPE_CHECKING:
    from quizbot.classroom.class_host import ClassHost
    from quizbot.classroom.class_room import ClassRoom
    from quizbot.classroom.class_student import StudentClient
    from quizbot.classroom.session import Session

POLL_SECONDS = 0.1
LINGER_SECONDS = 2.0  # after the class ends: the students' tabs read the end first
_CODE = re.compile(r"^[A-Za-z0-9]{4,12}$")


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    klass = commands.add_parser(
        "class", help="a class in browsers: every student answers on their own device"
    )
    parts = klass.add_subparsers(dest="class_command", metavar="host|join", required=True)
    host = parts.add_parser("host", help="run a class: serve the student app, start questions")
    add_pack_option(host)
    host.add_argument("--topic", metavar="ID", help="ask only questions of this topic")
    host.add_argument("--ids", metavar="ID,ID", help="ask these questions, in this order")
    host.add_argument("--questions", type=int, default=10, metavar="N", help="how many (10)")
    host.add_argument(
        "--seconds",
        type=float,
        default=20,
        metavar="S",
        help="time for each question (20; 0 = no timer)",
    )
    host.add_argument("--teams", metavar="NAMES", help='teams students choose from: "Red,Blue"')
    host.add_argument("--name", default="class", metavar="NAME", help="the session's name")
    host.add_argument("--seed", type=int, metavar="N", help="fix the choice of questions")
    host.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (127.0.0.1; 0.0.0.0 for the school network)",
    )
    host.add_argument("--port", type=int, default=8000, help="the port (8000)")
    host.add_argument(
        "--max-students", type=int, default=60, metavar="N", help="at most this many students (60)"
    )
    host.add_argument("--code", metavar="CODE", help="the join code (default: a random one)")
    host.add_argument(
        "--plain", action="store_true", help="line by line on stdin/stdout, no full screen"
    )
    host.add_argument(
        "--light",
        action="store_true",
        help="serve students a light web page from one process (for big classes; no terminal look)",
    )
    host.add_argument("--data-dir", metavar="DIR", help="where sessions are kept")
    host.add_argument(
        "--resume",
        nargs="?",
        const="",
        metavar="SESSION",
        help="go on with a class whose host stopped (default: the newest class)",
    )

    join = parts.add_parser("join", help="join a class from a terminal on this machine")
    join.add_argument(
        "session",
        nargs="?",
        metavar="SESSION",
        help="the class session folder (default: the newest class)",
    )
    join.add_argument("--data-dir", metavar="DIR", help="where sessions are kept")
    join.add_argument("--plain", action="store_true", help="line by line, no full screen")

    # What the web server runs for each browser tab: locked to one session folder.
    student = parts.add_parser("student")  # no help: not listed
    student.add_argument("session", metavar="SESSION")
    student.add_argument("--plain", action="store_true")

    serve = commands.add_parser(
        "serve", help="serve `quizbot play` to a browser: one student practising alone"
    )
    add_pack_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="the port (8000)")
    serve.add_argument(
        "--max-students",
        type=int,
        default=60,
        metavar="N",
        help="at most this many tabs at once (60)",
    )
    serve.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the data folder is (progress goes to its serve/ folder)",
    )


def _error(message: str) -> None:
    print(f"quizbot: {safe_line(message)}", file=sys.stderr)


def run_class(args: argparse.Namespace) -> int:
    if args.class_command == "host":
        return run_host(args)
    if args.class_command == "join":
        return run_join(args)
    return run_student(Path(args.session), plain=args.plain)


# -- the host ------------------------------------------------------------------------------


def run_host(args: argparse.Namespace) -> int:
    from quizbot.classroom.class_files import SERVER_LOG, create_class_session
    from quizbot.classroom.class_host import ClassHost
    from quizbot.classroom.class_room import ClassRoom, ClassRules, new_code
    from quizbot.classroom.drill import DrillError, Settings
    from quizbot.classroom.session import SessionError
    from quizbot.classroom.setup import parse_teams, pick_questions
    from quizbot.cli_classroom import load_packs
    from quizbot.paths import data_dir
    from quizbot.serving import (
        ServeError,
        address,
        start_light_server,
        start_server,
        stop_server,
    )
    from quizbot.terminal import full_screen_wanted

    if args.questions < 1:
        _error("--questions must be at least 1")
        return 2
    if args.code is not None and not _CODE.match(args.code):
        _error("--code takes 4 to 12 letters and digits")
        return 2
    if not 1 <= args.max_students <= 1000:
        _error("--max-students takes 1 to 1000")
        return 2
    try:
        if args.resume is not None:
            resumed = _resume_class(data_dir(args.data_dir), args.resume or None)
            if resumed is None:
                return 1
            room, session = resumed
        else:
            packs = load_packs(args.pack or ())
            if packs is None:
                return 1
            teams = parse_teams(args.teams) if args.teams else ()
            seed = args.seed if args.seed is not None else int(time.time())
            ids = [i.strip() for i in args.ids.split(",") if i.strip()] if args.ids else []
            keys = pick_questions(packs, count=args.questions, seed=seed, topic=args.topic, ids=ids)
            settings = Settings(
                players=(),
                questions=keys,
                mode="class",
                seconds=args.seconds,
                seed=seed,
                packs=tuple(str(Path(p).resolve()) for p in args.pack or ()),
            )
            settings.check()
            session = create_class_session(data_dir(args.data_dir), args.name)
            rules = ClassRules((args.code or new_code()).upper(), args.max_students, teams)
            room = ClassRoom.open_class(
                settings, packs, rules, clock=time.time, sink=session.append
            )
    except (DrillError, SessionError) as error:
        _error(str(error))
        return 2 if isinstance(error, DrillError) and args.resume is None else 1
    host = ClassHost(room, session)
    full = full_screen_wanted(args.plain)
    if not full:
        print(safe_line(f"Session: {session.folder}"), flush=True)
    student = [sys.executable, "-m", "quizbot", "class", "student", str(session.folder)]
    # A few tabs more than students: a student who reloads has two for a moment.
    tabs = room.rules.max_students + 10
    try:
        if args.light:
            server = start_light_server(
                session.folder,
                host=args.host,
                port=args.port,
                max_live=tabs,
                log_path=session.folder / SERVER_LOG,
            )
        else:
            server = start_server(
                student,
                host=args.host,
                port=args.port,
                max_live=tabs,
                title="quizbot class",
                log_path=session.folder / SERVER_LOG,
            )
    except ServeError as error:
        _error(str(error))
        return 1
    url = address(_shown_host(args.host), args.port)
    try:
        if not full:
            return run_host_plain(host, url, sys.stdin, sys.stdout)
        from quizbot.tui.class_host_app import run_class_host_app

        return run_class_host_app(host, url)
    finally:
        stop_server(server)


def _resume_class(data: Path, name: str | None) -> tuple[ClassRoom, Session] | None:
    """The class its events describe, to go on with (its clock held while it was down)."""
    from quizbot.classroom.class_files import find_class_session
    from quizbot.classroom.class_room import ClassRoom
    from quizbot.classroom.drill import DrillError, Settings
    from quizbot.cli_classroom import load_packs

    session = find_class_session(data, name)
    events = session.events()
    if not events:
        raise DrillError(f"{session.path}: the session is empty")
    packs = load_packs(Settings.from_json(events[0].get("settings", {})).packs)
    if packs is None:
        return None
    room = ClassRoom.replay(events, packs, clock=time.time)
    if room.phase == "finished":
        raise DrillError(f"that class is over: see quizbot report {session.folder}")
    room.sink = session.append
    room.hold_after_stop()
    return room, session


def _shown_host(host: str) -> str:
    """The address students type: this machine's address on the network for 0.0.0.0."""
    if host not in ("0.0.0.0", "::"):
        return host
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: it picks the interface
            return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()


def run_host_plain(host: ClassHost, url: str, source: TextIO, out: TextIO) -> int:
    """The class line by line: the teacher's commands on stdin, what happens on stdout."""
    from quizbot.classroom.class_host import HOST_COMMANDS
    from quizbot.classroom.drill import DrillError
    from quizbot.classroom.session import SessionError

    def say(lines: Sequence[str]) -> None:
        for line in lines:
            print(safe_line(line), file=out, flush=True)

    say([f"Address: {url}", f"Join code: {host.room.rules.code}", f"Commands: {HOST_COMMANDS}"])
    if host.room.number:  # a resumed class: where it stands
        say([host.status_line() + (" · paused: /resume to go on" if host.room.paused else "")])
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in source:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        while host.room.phase != "finished":
            try:
                line = lines.get(timeout=POLL_SECONDS)
            except queue.Empty:
                line = ""
            say(host.poll())
            try:
                if line is None:  # the end of the input: the class ends, students see it
                    say(host.command("/end"))
                    break
                say(host.command(line))
            except DrillError as error:
                say([f"! {error}"])
    except SessionError as error:
        _error(str(error))
        return 1
    time.sleep(LINGER_SECONDS)
    return 0


# -- the students -----------------------------------------------------------------------------


def run_join(args: argparse.Namespace) -> int:
    from quizbot.classroom.class_files import find_class_session
    from quizbot.classroom.session import SessionError
    from quizbot.paths import data_dir

    try:
        session = find_class_session(data_dir(args.data_dir), args.session)
    except SessionError as error:
        _error(str(error))
        return 1
    return run_student(session.folder, plain=args.plain)


def run_student(folder: Path, *, plain: bool) -> int:
    from quizbot.classroom.class_student import StudentClient
    from quizbot.classroom.session import SessionError
    from quizbot.terminal import full_screen_wanted

    try:
        client = StudentClient(folder)
    except SessionError as error:
        _error(str(error))
        return 1
    if not full_screen_wanted(plain):
        return run_student_plain(client, sys.stdin, sys.stdout)
    from quizbot.tui.class_student_app import run_student_app

    return run_student_app(client)


def student_screen(client: StudentClient) -> list[str]:
    """What a student sees now, as lines (the plain student prints them when they change)."""
    lines: list[str] = []
    if client.status == "code":
        lines.append("Join code:")
    elif client.status in ("name", "refused", "denied"):
        lines.append("Your name" + (" and team (NAME / TEAM):" if client.teams else ":"))
    question = client.question
    if question is not None and client.status == "joined":
        from quizbot.quiz import letter

        lines += [f"Question {question.number} of {question.total}", question.prompt]
        lines += [f"  {letter(i)}. {text}" for i, text in enumerate(question.options)]
    lines += client.result_lines(podium="Podium:")
    said = client.status_text()
    if (said and client.status not in ("code", "name")) or client.message:
        lines.append(said)
    return lines


def run_student_plain(client: StudentClient, source: TextIO, out: TextIO) -> int:
    """A student line by line (scripts and tests): every line typed is a code, a name
    (``NAME / TEAM`` with teams) or an answer."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in source:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    shown: list[str] = []
    while True:
        client.poll()
        screen = student_screen(client)
        if screen != shown:
            for said in screen:
                print(safe_line(said), file=out, flush=True)
            shown = screen
        if client.status in ("over", "removed", "replaced"):
            return 0
        try:
            typed = lines.get(timeout=POLL_SECONDS)
        except queue.Empty:
            continue
        if typed is None:
            return 0
        _type(client, typed.strip())
        shown = []  # show the screen again after every line


def _type(client: StudentClient, text: str) -> None:
    if client.status == "code":
        client.enter_code(text)
    elif client.status in ("name", "refused", "denied"):
        name, _, team = text.partition(" / ")
        client.join(name, team)
    elif client.status == "joined":
        client.answer(text)


# -- serve -----------------------------------------------------------------------------------


def run_serve(args: argparse.Namespace) -> int:
    from quizbot.paths import data_dir
    from quizbot.serving import ServeError, address, start_server, stop_server

    base = data_dir(args.data_dir) / "serve"
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _error(f"cannot make {base}: {error.strerror}")
        return 1
    # The browser's player has its own data folder, and the packs are fixed here.
    play = [sys.executable, "-m", "quizbot", "play", "--data-dir", str(base)]
    for pack in args.pack or ():
        play += ["--pack", str(Path(pack).resolve())]
    try:
        server = start_server(
            play,
            host=args.host,
            port=args.port,
            max_live=args.max_students,
            title="quizbot",
            log_path=base / "server.log",
        )
    except ServeError as error:
        _error(str(error))
        return 1
    print(f"Address: {address(_shown_host(args.host), args.port)}", flush=True)
    print("Ctrl+C stops the server.", flush=True)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop_server(server)
    return 0


HANDLERS = {"class": run_class, "serve": run_serve}
