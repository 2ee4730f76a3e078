"""``quizbot class host --plain`` as a real process, with two students who join without a
browser: one through ``quizbot class join --plain`` (a real process), one through the
module the student app uses. They play, one tab "reloads" and is let back in, and
``quizbot report`` shows both. Also: the web server's page and its limits."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from quizbot.classroom.class_student import StudentClient

PACK = """\
pack: geo
title: Geography
questions:
  - id: capital
    type: text
    prompt: Which city is the capital of Guangdong?
    answer: Guangzhou
    explanation: Canton is its old name.
  - id: province
    type: text
    prompt: Which province is Wuhan in?
    answer: Hubei
    reject: [Hebei]
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Lines:
    """A process's output lines, read in a thread; ``wait_for`` returns the first that
    contains a text (within a generous limit: a hung process fails, not a slow one)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        out = process.stdout
        threading.Thread(target=lambda: [self._queue.put(x) for x in out], daemon=True).start()

    def wait_for(self, text: str, limit: float = 60) -> str:
        end = time.monotonic() + limit
        while time.monotonic() < end:
            try:
                line = self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line.rstrip("\n"))
            if text in line:
                return line.rstrip("\n")
        raise AssertionError(f"{text!r} never came; saw {self.seen}")


def wait_until(check: object, limit: float = 30) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if callable(check) and check():
            return
        time.sleep(0.05)
    raise AssertionError("the state never came")


def quizbot(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QUIZBOT_HOME": str(tmp_path / "home"), "PYTHONUTF8": "1"}
    env.pop("TEXTUAL_DRIVER", None)
    return subprocess.Popen(
        [sys.executable, "-m", "quizbot", *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", env=env, cwd=tmp_path,
    )  # fmt: skip


def test_a_class_played_by_two_students_and_reported(tmp_path: Path) -> None:
    pack = tmp_path / "geo.yaml"
    pack.write_text(PACK, encoding="utf-8")
    port = free_port()
    host = quizbot(
        tmp_path, "class", "host", "--plain", "--pack", str(pack), "--ids", "capital,province",
        "--seconds", "0", "--port", str(port), "--code", "ABC234",
    )  # fmt: skip
    assert host.stdin is not None
    out = Lines(host)
    try:
        folder = Path(out.wait_for("Session: ").split(": ", 1)[1])
        assert out.wait_for("Address: ") == f"Address: http://127.0.0.1:{port}/"
        assert out.wait_for("Join code: ") == "Join code: ABC234"
        # The web server is up: its page tells the browser to use the address it asked for.
        page = urllib.request.urlopen(f"http://localhost:{port}/", timeout=10).read().decode()
        assert f"ws://localhost:{port}/ws" in page

        # Ann joins from a terminal (the plain student); a wrong code first gets nothing.
        ann = quizbot(tmp_path, "class", "join", "--plain")
        assert ann.stdin is not None
        ann_out = Lines(ann)
        ann_out.wait_for("Join code")
        ann.stdin.write("WRONG1\n")
        ann.stdin.flush()
        ann_out.wait_for("Wrong code")
        ann.stdin.write("abc234\nAnn\n")
        ann.stdin.flush()
        out.wait_for("Ann joined")
        ann_out.wait_for("Waiting for the teacher")

        # [b]Bob[/] joins through the student app's own module.
        bob = StudentClient(folder)
        assert bob.enter_code("ABC234") and bob.join("[b]Bob[/]")
        out.wait_for("[b]Bob[/] joined")

        host.stdin.write("/next\n")
        host.stdin.flush()
        assert out.wait_for("Question 1 of 2") == (
            "Question 1 of 2: Which city is the capital of Guangdong?"
        )
        ann_out.wait_for("Question 1 of 2")
        ann.stdin.write("guangzou\n")
        ann.stdin.flush()
        ann_out.wait_for("Answer received")
        out.wait_for("Answered: 1 of 2")
        wait_until(lambda: bob.poll() or bob.question is not None)
        assert bob.answer("Canton")
        out.wait_for("Closed: question 1")
        out.wait_for("Leaderboard:")
        ann_out.wait_for("Right! +1000 points")

        # Bob's tab reloads: the new tab asks for his place, the teacher lets it back.
        bob2 = StudentClient(folder)
        assert bob2.enter_code("abc234") and bob2.join("[b]bob[/]")
        out.wait_for("[b]Bob[/] wants to rejoin: type /accept [b]Bob[/] or /refuse [b]Bob[/]")
        host.stdin.write("/accept [b]Bob[/]\n/next\n")
        host.stdin.flush()
        out.wait_for("Question 2 of 2")
        wait_until(lambda: bob2.poll() or bob2.question is not None)
        assert bob2.status == "joined"
        assert bob2.answer("Hebei")
        ann_out.wait_for("Question 2 of 2")  # as a student does: answer what is shown
        ann.stdin.write("Hubei\n")
        ann.stdin.flush()
        out.wait_for("Closed: question 2")
        host.stdin.close()  # the end of the input ends the class
        out.wait_for("Class over")
        out.wait_for("Podium:")
        ann_out.wait_for("The class is over")
        assert host.wait(timeout=30) == 0
        assert ann.wait(timeout=30) == 0
    finally:
        if host.poll() is None:
            host.stdin.close()
            host.wait(timeout=30)

    report = subprocess.run(
        [sys.executable, "-m", "quizbot", "report", str(folder)],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    assert "Ann" in report.stdout and "[b]Bob[/]" in report.stdout
    assert "Hebei" in report.stdout and "Canton" in report.stdout  # the wrong answers


def test_the_server_refuses_a_bad_host_header_and_listens_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    host = quizbot(
        tmp_path, "class", "host", "--plain", "--port", str(port), "--questions", "1",
    )  # fmt: skip
    out = Lines(host)
    try:
        out.wait_for("Join code: ")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Host": 'evil"><script>'}
        )
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("a bad Host header was served")
        except urllib.error.HTTPError as error:
            assert error.code == 400
        # Not on the other addresses of this machine (only loopback is asked for).
        listening = subprocess.run(
            ["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True
        ).stdout
        assert f"127.0.0.1:{port} " in listening
        assert f"0.0.0.0:{port} " not in listening and f"*:{port} " not in listening
    finally:
        assert host.stdin is not None
        host.stdin.close()  # ends the class and stops its server
        host.wait(timeout=30)


def test_serve_gives_one_student_the_full_app_in_a_browser_and_stops_cleanly(
    tmp_path: Path,
) -> None:
    import signal

    port = free_port()
    server = quizbot(tmp_path, "serve", "--port", str(port))
    out = Lines(server)
    try:
        assert out.wait_for("Address: ") == f"Address: http://127.0.0.1:{port}/"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
        assert f"ws://127.0.0.1:{port}/ws" in page
        # The player's progress is kept apart from the teacher's own profiles.
        assert (tmp_path / "home" / "serve" / "server.log").is_file()
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    with socket.socket() as probe:  # the web server child is gone too
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_killed_host_resumes_the_class_and_its_server_does_not_linger(tmp_path: Path) -> None:
    import signal

    pack = tmp_path / "geo.yaml"
    pack.write_text(PACK, encoding="utf-8")
    port = free_port()
    host = quizbot(
        tmp_path, "class", "host", "--plain", "--pack", str(pack), "--ids", "capital,province",
        "--seconds", "30", "--port", str(port), "--code", "ABC234",
    )  # fmt: skip
    assert host.stdin is not None
    out = Lines(host)
    folder = Path(out.wait_for("Session: ").split(": ", 1)[1])
    out.wait_for("Join code: ")
    ann, bob = StudentClient(folder), StudentClient(folder)
    for client, name in ((ann, "Ann"), (bob, "Bob")):
        assert client.enter_code("ABC234") and client.join(name)
        out.wait_for(f"{name} joined")
    host.stdin.write("/next\n")
    host.stdin.flush()
    out.wait_for("Question 1 of 2")
    wait_until(lambda: ann.poll() or ann.question is not None)
    assert ann.answer("Guangzhou")
    out.wait_for("Answered: 1 of 2")
    host.send_signal(signal.SIGKILL)
    host.wait(timeout=30)

    def port_free() -> bool:  # the orphaned web server stops itself
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) != 0

    wait_until(port_free)
    again = quizbot(tmp_path, "class", "host", "--plain", "--resume", "--port", str(port))
    assert again.stdin is not None
    out = Lines(again)
    try:
        assert out.wait_for("Session: ") == f"Session: {folder}"
        assert "paused" in out.wait_for("Question 1 of 2")
        wait_until(lambda: bob.poll() or bob.question is not None)
        assert bob.answer("Hebei")
        again.stdin.write("/resume\n")
        again.stdin.flush()
        out.wait_for("Closed: question 1")  # both answers: Ann's before the kill, Bob's after
        again.stdin.close()
        out.wait_for("Class over")
        assert again.wait(timeout=30) == 0
    finally:
        if again.poll() is None:
            again.kill()
    events = (folder / "events.jsonl").read_text().splitlines()
    answers = [e for e in events if e.startswith('{"type":"answer"')]
    assert len(answers) == 2


def test_class_commands_say_what_is_wrong_in_one_line(tmp_path: Path) -> None:
    for args, status, words in (
        (("class", "join", "--plain"), 1, "no class session"),
        (("class", "host", "--plain", "--code", "no!"), 2, "--code takes 4 to 12"),
        (("class", "host", "--plain", "--resume"), 1, "no class session"),
    ):
        process = quizbot(tmp_path, *args)
        _, err = process.communicate(timeout=60)
        assert process.returncode == status, err
        assert words in err and len(err.strip().splitlines()) == 1


def test_a_class_session_is_not_resumed_as_a_drill(tmp_path: Path) -> None:
    from quizbot.classroom.class_files import create_class_session
    from quizbot.classroom.class_room import ClassRoom, ClassRules
    from quizbot.classroom.drill import Settings
    from quizbot.packs.builtin import load_builtin_packs

    packs = list(load_builtin_packs())
    key = f"{packs[0].id}/{packs[0].questions[0].id}"
    session = create_class_session(tmp_path / "home", "c")
    settings = Settings(players=(), questions=(key,), mode="class")
    ClassRoom.open_class(settings, packs, ClassRules("ABCD"), clock=time.time, sink=session.append)
    process = quizbot(tmp_path, "drill", "--plain", "--resume", str(session.folder))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "that is a class: quizbot class host --resume" in err
