"""How many students one machine holds: a class of scripted students over loopback.

No browsers: each student speaks textual-serve's websocket protocol itself (aiohttp),
as the page script does: ``["stdin", text]`` for keys, ``["resize", {...}]`` for the
size, and the binary frames are the app's output, fed to ``pyte`` (a terminal emulator)
so that the student reads its screen as a person would.

1. Join: all students open the page at once; time from the websocket's opening to the
   waiting line (class) or the first question's menu (serve) on each screen.
2. Memory: resident (RSS) and proportional (PSS: shared pages divided among the
   processes sharing them) memory of each student's app process, read from
   ``/proc/PID/smaps_rollup`` once every student has joined.
3. Answers: every student presses Enter at once; time to "Answer received" on that
   student's screen (class) or to the verdict (serve). Then (class) the host closes
   the question: time from ``/close`` to every student's verdict. p50 / p95 / max.
4. CPU: seconds of CPU used by the server and all students (``/proc/PID/stat``) and by
   this script, so a reader can tell the machine's load from the app's.

    python bench/bench_class.py [--students N] [--mode class|serve] [--questions N] [--light]

``--mode class`` (the default) runs ``quizbot class host --plain``; ``--mode serve`` runs
``quizbot serve`` (one student practising alone per tab). ``--light`` runs ``quizbot
class host --light --plain``: one server process for every student, each a websocket
speaking the light page's protocol (a line typed out, what the page shows back as
JSON); memory and CPU are then the one server process's. The machine is usually shared:
wall times vary with its load; the CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import aiohttp
import pyte

HERE = Path(__file__).resolve().parent
PACK = HERE.parent / "tests" / "browser" / "data" / "capitals.yaml"
ANSWERS = {"Guangdong": "Guangzhou", "Hubei": "Wuhan", "Sichuan": "Chengdu"}
WIDTH, HEIGHT = 100, 32
STEP_SECONDS = 300.0  # a whole class joining on a loaded machine takes a while
CODE = "BENCH7"
TICKS = os.sysconf("SC_CLK_TCK")


class Student:
    """One scripted student: a websocket to the server and a pyte screen of its output."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.name = f"Student {number:02d}"
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.ByteStream(self.screen)
        self.changed = asyncio.Event()
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None

    async def connect(self, session: aiohttp.ClientSession, port: int) -> None:
        url = f"ws://127.0.0.1:{port}/ws?width={WIDTH}&height={HEIGHT}"
        self.ws = await session.ws_connect(url, max_msg_size=0)
        await self.ws.send_str(json.dumps(["resize", {"width": WIDTH, "height": HEIGHT}]))
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
                self.changed.set()
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        self.changed.set()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, pattern: str, timeout: float = STEP_SECONDS) -> float:
        """Wait for a regular expression on the screen; return the time it appeared."""
        wanted = re.compile(pattern)
        deadline = time.perf_counter() + timeout
        while True:
            self.changed.clear()
            if wanted.search(self.text()):
                return time.perf_counter()
            if self.reader is not None and self.reader.done():
                raise RuntimeError(f"{self.name}: connection closed\n{self.text()}")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{self.name}: no {pattern!r}\n{self.text()}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)

    async def type(self, text: str) -> None:
        assert self.ws is not None
        await self.ws.send_str(json.dumps(["stdin", text]))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


class LightStudent(Student):
    """A scripted student on the light page: what it types stays in its input line
    (shown on its screen, as a browser would) until Enter sends the line; the server
    pushes what the page shows, as JSON."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.state: dict[str, object] = {}
        self.typed = ""

    async def connect(self, session: aiohttp.ClientSession, port: int) -> None:
        self.ws = await session.ws_connect(f"ws://127.0.0.1:{port}/ws", max_msg_size=0)
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                self.state = json.loads(message.data)
                self.changed.set()
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        self.changed.set()

    def text(self) -> str:
        state = self.state
        shown = [state.get("where", ""), state.get("prompt", "")]
        shown += [*state.get("options", []), *state.get("result", [])]  # type: ignore[misc]
        shown.append(state.get("status", ""))
        if state.get("step") not in (None, "none"):
            shown += [state.get("label", ""), f"> {self.typed}"]
        return "\n".join(str(line) for line in shown)

    async def type(self, text: str) -> None:
        assert self.ws is not None
        self.typed += text.rstrip("\r")
        self.changed.set()
        if text.endswith("\r"):
            line, self.typed = self.typed, ""
            await self.ws.send_str(line)


class Host:
    """The server process (its own process group), its output read line by line."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.new_line = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        loop = asyncio.get_running_loop()
        while True:
            raw = await loop.run_in_executor(None, self.process.stdout.readline)
            if not raw:
                break
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
            self.new_line.set()
        self.new_line.set()

    async def wait_for_line(
        self, pattern: str, *, after: int = 0, timeout: float = STEP_SECONDS
    ) -> re.Match[str]:
        """Wait for a line, from line number ``after`` on, matching the expression."""
        wanted = re.compile(pattern)
        deadline = time.perf_counter() + timeout
        seen = after
        while True:
            self.new_line.clear()
            for line in self.lines[seen:]:
                found = wanted.search(line)
                if found:
                    return found
            seen = len(self.lines)
            if self.reader.done():
                raise RuntimeError("the host stopped:\n" + "\n".join(self.lines[-20:]))
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"host: no {pattern!r}\n" + "\n".join(self.lines[-20:]))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.new_line.wait(), left)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((line + "\n").encode())
        self.process.stdin.flush()

    def stop(self) -> None:
        """End of input first (the class host then ends its web server), then signals to
        every process group below the host (the web server has a session of its own)."""
        family = descendants(self.process.pid)
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        groups = {self.process.pid}
        for pid in family:
            with contextlib.suppress(OSError):
                groups.add(os.getpgid(pid))
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for group in groups:
                with contextlib.suppress(OSError):
                    os.killpg(group, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)


# -- what /proc says about the processes --------------------------------------------------


def children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    tree, found, todo = children_of(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB."""
    fields: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[name] = int(rest.split()[0])
    except OSError:
        return 0, 0
    return fields.get("Rss", 0), fields.get("Pss", 0)


def cpu_seconds(pids: Iterable[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def student_processes(server_pid: int) -> list[int]:
    """The students' app processes: textual-serve starts each through a shell."""
    tree = children_of()
    return [
        child
        for pid in descendants(server_pid)
        if command_line(pid).startswith("/bin/sh")
        for child in tree.get(pid, [])
    ]


# -- figures ---------------------------------------------------------------------------------


def spread(label: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (
        f"{label}: p50 {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, "
        f"max {ms[-1]:.0f} ms (n={len(ms)})"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def wait_port(port: int, host: Host) -> None:
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        if host.process.poll() is not None:
            raise RuntimeError("the server stopped:\n" + "\n".join(host.lines))
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise TimeoutError(f"nothing listened on {port}")


def has_serve_command(env: dict[str, str]) -> bool:
    probe = [sys.executable, "-m", "quizbot", "serve", "--help"]
    return subprocess.run(probe, env=env, capture_output=True, check=False).returncode == 0


def answer_for(screen: str) -> str:
    """The answer to the last question on the screen."""
    for line in reversed(screen.splitlines()):
        for province, capital in ANSWERS.items():
            if f"capital of {province}" in line:
                return capital
    raise RuntimeError("no known question on the screen:\n" + screen)


async def main_async(args: argparse.Namespace) -> int:
    port = free_port()
    home = Path(tempfile.mkdtemp(prefix="bench-class-"))
    env = {**os.environ, "QUIZBOT_HOME": str(home / "home"), "PYTHONUTF8": "1"}
    quizbot = [sys.executable, "-m", "quizbot"]
    if args.light:
        args.mode = "class"
    if args.mode == "class":
        argv = [
            *quizbot, "class", "host", "--plain", *(["--light"] if args.light else []),
            "--pack", str(PACK),
            "--questions", str(args.questions), "--seconds", "0", "--code", CODE,
            "--port", str(port), "--max-students", str(max(60, args.students)),
            "--data-dir", str(home / "data"),
        ]  # fmt: skip
    elif has_serve_command(env):
        argv = [*quizbot, "serve", "--pack", str(PACK), "--port", str(port)]
    else:  # before `quizbot serve` existed: textual-serve's own server on `quizbot play`
        play = f"{sys.executable} -m quizbot play --pack {PACK} --data-dir {home / 'data'}"
        serve = "import sys; from textual_serve.server import Server; "
        serve += "Server(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()"
        argv = [sys.executable, "-c", serve, play, str(port)]
    light = " --light" if args.light else ""
    print(
        f"mode {args.mode}{light}, {args.students} students, {os.cpu_count()} CPUs (shared machine)"
    )
    host = Host(argv, env)
    kind = LightStudent if args.light else Student
    students = [kind(n + 1) for n in range(args.students)]
    cpu_start = time.process_time()
    try:
        await wait_port(port, host)
        async with aiohttp.ClientSession() as session:
            await run_class(args, host, session, students, port)
        if args.mode == "class":
            found = await host.wait_for_line(r"^Session: (.+)$")
            one_process(Path(found.group(1).strip()), len(students))
        all_pids = [host.process.pid, *descendants(host.process.pid)]
        print(f"CPU: server and students {cpu_seconds(all_pids):.1f} s (still running ones)")
        print(f"CPU: this script (websockets + pyte) {time.process_time() - cpu_start:.1f} s")
    finally:
        for student in students:
            await student.close()
        host.stop()
    return 0


async def run_class(
    args: argparse.Namespace,
    host: Host,
    session: aiohttp.ClientSession,
    students: list[Student],
    port: int,
) -> None:
    class_mode = args.mode == "class"

    # 1. Join, all at once.
    async def join(student: Student) -> float:
        started = time.perf_counter()
        await student.connect(session, port)
        if class_mode:
            await student.wait_for("Join code")
            await student.type(CODE + "\r")
            await student.wait_for("Your name")
            await student.type(student.name + "\r")
            shown = await student.wait_for("Waiting for the teacher")
        else:
            shown = await student.wait_for("Enter for all topics")
        return shown - started

    t0 = time.perf_counter()
    joins = await asyncio.gather(*(join(s) for s in students))
    print(f"all {len(students)} joined in {time.perf_counter() - t0:.1f} s")
    print(spread("join (websocket open to waiting screen)", list(joins)))

    if args.light:
        pids = await light_server(host, len(students), args.idle)
    else:
        pids = await student_tabs(host, len(students), args.idle)
    await answer_questions(args, host, students, pids)


async def light_server(host: Host, students: int, idle_seconds: float) -> list[int]:
    """Memory and CPU of the one light server process (and the host)."""
    server = [p for p in descendants(host.process.pid) if "quizbot.lightserve" in command_line(p)]
    rss, pss = memory_kib(server[0])
    print(
        f"memory: the one light server process RSS {rss / 1024:.1f} MiB, PSS {pss / 1024:.1f} MiB"
        f" ({students} students); the host RSS {memory_kib(host.process.pid)[0] / 1024:.1f} MiB"
    )
    started = cpu_seconds(server)
    print(f"CPU of the light server to start and join {students}: {started:.2f} s")
    before, host_before, t0 = cpu_seconds(server), cpu_seconds([host.process.pid]), time.time()
    await asyncio.sleep(idle_seconds)
    took = time.time() - t0
    print(
        f"idle: the light server {(cpu_seconds(server) - before) / took * 100:.1f}% of one core,"
        f" the host {(cpu_seconds([host.process.pid]) - host_before) / took * 100:.1f}%"
    )
    return server


async def student_tabs(host: Host, students: int, idle_seconds: float) -> list[int]:
    """Memory and CPU of each textual-serve tab's student process."""
    # 2. Memory per student process.
    pids = student_processes(host.process.pid)
    sizes = [memory_kib(pid) for pid in pids]
    rss = [r / 1024 for r, _ in sizes]
    pss = [p / 1024 for _, p in sizes]
    started = cpu_seconds(pids)
    print(f"CPU to start and join: {started / len(pids):.2f} s a student ({started:.1f} s in all)")
    # The host and its web server (and the shells textual-serve starts students with).
    servers = [p for p in [host.process.pid, *descendants(host.process.pid)] if p not in pids]
    server_rss = sum(memory_kib(p)[0] for p in servers) / 1024
    server_pss = sum(memory_kib(p)[1] for p in servers) / 1024
    print(
        f"memory: {len(pids)} student processes, RSS median {statistics.median(rss):.1f} MiB,"
        f" PSS median {statistics.median(pss):.1f} MiB, PSS total {sum(pss):.0f} MiB;"
        f" the server's {len(servers)} processes RSS {server_rss:.1f} MiB,"
        f" PSS {server_pss:.1f} MiB"
    )

    # CPU while nobody types: cursor blinks and clocks, times the number of students.
    idle_start, idle_t0 = cpu_seconds(pids), time.perf_counter()
    server_start = cpu_seconds(servers)
    await asyncio.sleep(idle_seconds)
    took = time.perf_counter() - idle_t0
    idle = (cpu_seconds(pids) - idle_start) / took
    server_idle = (cpu_seconds(servers) - server_start) / took
    print(
        f"idle: the students use {idle * 100:.0f}% of one core together"
        f" ({idle * 100 / len(pids):.1f}% each), the server {server_idle * 100:.0f}%"
    )
    return pids


async def answer_questions(
    args: argparse.Namespace, host: Host, students: list[Student], pids: list[int]
) -> None:
    class_mode = args.mode == "class"

    # 3. Answers: odd questions, everybody presses Enter at once (the worst case); even
    # questions, one student after another (what one keypress costs on a quiet class).
    if not class_mode:
        await asyncio.gather(*(s.type("\r") for s in students))
        await asyncio.gather(*(s.wait_for("What is the capital of") for s in students))
    everyone = [host.process.pid, *pids]
    for number in range(1, args.questions + 1):
        together = number % 2 == 1
        how = "all at once" if together else "one at a time"
        if class_mode:
            mark = len(host.lines)
            host.send("/next")
            await asyncio.gather(*(s.wait_for(f"Question {number} of") for s in students))

        async def answer(student: Student) -> float:
            right = answer_for(student.text())
            # In class every fourth student is wrong; alone, a wrong answer's verdict
            # would not tell this question's from the last one's.
            reply = right if student.number % 4 or not class_mode else "Shenzhen"
            await student.type(reply)
            await student.wait_for(re.escape(reply))  # the typing is on screen: time Enter alone
            pressed = time.perf_counter()
            await student.type("\r")
            pattern = "Answer received" if class_mode else f"Correct — {reply}"
            return await student.wait_for(pattern) - pressed

        # In class the last student never answers, or the question would close by itself
        # with the last answer and the teacher's /close would time nothing.
        answering = students[:-1] if class_mode else students
        cpu_before = cpu_seconds(everyone)
        if together:
            answered = list(await asyncio.gather(*(answer(s) for s in answering)))
        else:
            answered = [await answer(s) for s in answering]
        used = cpu_seconds(everyone) - cpu_before
        print(
            f"question {number} ({how}): CPU while answering {used:.2f} s"
            f" ({used / len(answering) * 1000:.0f} ms an answer)"
        )
        seen = "'Answer received'" if class_mode else "the verdict"
        print(spread(f"question {number} ({how}): Enter to {seen}", answered))
        if class_mode:
            total = len(students)
            await host.wait_for_line(rf"Answered: {total - 1} of {total}", after=mark)
            cpu_before = cpu_seconds(everyone)
            closed = time.perf_counter()
            host.send("/close")
            await host.wait_for_line(rf"Closed: question {number}", after=mark)
            seen = await asyncio.gather(
                *(verdict_seen(s, number, args.verdict_wait) for s in students)
            )
            used = cpu_seconds(everyone) - cpu_before
            closes = [left - closed for left, _ in seen]
            shown = [at - closed for _, at in seen if at is not None]
            print(spread(f"question {number}: /close to the question leaving the screen", closes))
            if len(shown) < len(students):
                print(
                    f"question {number}: NO VERDICT on {len(students) - len(shown)} of"
                    f" {len(students)} screens within {args.verdict_wait:.0f} s"
                )
            if shown:
                print(spread(f"question {number}: /close to verdict", shown))
                print(
                    f"question {number}: every verdict shown {max(shown):.2f} s after"
                    f" /close; CPU {used:.2f} s"
                )


async def verdict_seen(student: Student, number: int, wait: float) -> tuple[float, float | None]:
    """When question ``number`` left the screen, and when the verdict came (None: never)."""
    left = await student.wait_for(rf"^(?![\s\S]*Question {number} of)")
    try:
        return left, await student.wait_for(r"Right!|Not right|Partly right|No answer", wait)
    except TimeoutError:
        return left, None


def one_process(folder: Path, students: int) -> None:
    """What holding every student in one process would cost in the class's own work: the
    same StudentClient each tab runs, without Textual, on a copy of this class's folder."""
    from quizbot.classroom.class_student import StudentClient

    copy = Path(tempfile.mkdtemp(prefix="bench-class-copy-")) / folder.name
    shutil.copytree(folder, copy)
    events = copy / "events.jsonl"
    asks = [line for line in events.read_text().splitlines() if '"type":"ask"' in line]
    t0 = time.perf_counter()
    clients = [StudentClient(copy) for _ in range(students)]
    replay = time.perf_counter() - t0
    t0 = time.perf_counter()
    for client in clients:
        client.poll()
    idle = time.perf_counter() - t0
    with events.open("a") as handle:  # the teacher asks again: every screen changes
        handle.write(asks[-1] + "\n")
    t0 = time.perf_counter()
    views = []
    for client in clients:
        client.poll()
        views.append(json.dumps([client.status_text(), client.question and client.question.prompt]))
    changed = time.perf_counter() - t0
    print(
        f"one process, {students} StudentClients on this class's folder: start (replaying"
        f" {len(events.read_text().splitlines())} events) {replay / students * 1000:.1f} ms"
        f" each; a poll of all with nothing new {idle * 1000:.2f} ms; a new question"
        f" read and rendered as JSON for all {changed * 1000:.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--mode", choices=("class", "serve"), default="class")
    parser.add_argument("--questions", type=int, default=2)
    parser.add_argument(
        "--light", action="store_true", help="class host --light: one process for all students"
    )
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle CPU to measure")
    parser.add_argument(
        "--verdict-wait", type=float, default=30.0, help="seconds to wait for each verdict"
    )
    args = parser.parse_args()
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    raise SystemExit(main())
