"""A class in browsers: `quizbot class host` on 127.0.0.1, students in headless Chromium.

The teacher's side is the host's plain screen, driven through its stdin; each student is
a tab of its own (its own browser context, so its own textual-serve app process).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_helpers import ServerProcess, StudentPage, free_port, quizbot_argv, wait_for_port

PACK = Path(__file__).parent / "data" / "capitals.yaml"
# The class asks these, in this order: (province, its capital).
ASKED = [("Guangdong", "Guangzhou"), ("Hubei", "Wuhan"), ("Sichuan", "Chengdu")]
IDS = [f"capital-{province.lower()}" for province, _ in ASKED]
CODE = "K7PX3M"
QUESTIONS = len(ASKED)
# What each student answers. The last question's two wrong answers are the same
# answer as the grader reads them (one letter off): the report groups them.
ALICE = ["Guangzhou", "Wuhan", "Shenzhen"]
ZOE = ["Shenzhen", "Wuhan", "shenzen"]


class Classroom:
    """The host process and what a test needs of it."""

    def __init__(self, host: ServerProcess) -> None:
        self.host = host
        self.session = Path(host.wait_for_line(r"^Session: (.+)$").group(1).strip())
        self.address = host.wait_for_line(r"^Address: (http://\S+)").group(1)
        assert host.wait_for_line(r"^Join code: (\S+)").group(1) == CODE
        port = int(self.address.rstrip("/").rsplit(":", 1)[1])
        wait_for_port(port, host.process)

    def say(self, command: str) -> int:
        """Send a host command; return the output's line count before it (for waiting)."""
        mark = self.host.mark()
        self.host.send(command)
        return mark


@pytest.fixture
def classroom(
    tmp_path: Path, start_server: Callable[..., ServerProcess]
) -> Callable[..., Classroom]:
    def start(*extra: str) -> Classroom:
        # The end of the host's input ends the class: how the test stops it first.
        argv = quizbot_argv(
            "class", "host", "--plain", "--pack", str(PACK),
            "--ids", ",".join(IDS), "--seconds", "0", "--code", CODE,
            "--host", "127.0.0.1", "--port", str(free_port()),
            "--data-dir", str(tmp_path / "data"), *extra,
        )  # fmt: skip
        return Classroom(start_server(argv, ends_on_eof=True))

    return start


def join(tab: StudentPage, address: str, name: str) -> None:
    tab.open(address)
    tab.wait_for("Join code")
    tab.type_line(CODE)
    tab.wait_for("Your name")
    tab.type_line(name)


def test_two_browser_students_play_a_class_and_one_reloads_mid_round(
    classroom: Callable[..., Classroom],
    new_tab: Callable[[], StudentPage],
    quizbot_env: dict[str, str],
) -> None:
    room = classroom()
    alice, zoe = new_tab(), new_tab()
    # Markup in a name is shown as typed, on the student's screen and the host's.
    zoe_name = "[b]Zoë[/]"
    for tab, name in ((alice, "Alice"), (zoe, zoe_name)):
        mark = room.host.mark()
        join(tab, room.address, name)
        tab.wait_for("Waiting for the teacher")
        room.host.wait_for_line(rf"^{re.escape(name)} joined", after=mark)
    zoe.wait_for(zoe_name)

    for number, (province, right) in enumerate(ASKED, start=1):
        mark = room.say("/next")
        room.host.wait_for_line(rf"^Question {number} of {QUESTIONS}: ", after=mark)
        for tab in (alice, zoe):
            tab.wait_for(f"Question {number} of {QUESTIONS}", f"capital of {province}")
        alice.type_line(ALICE[number - 1])
        alice.wait_for("Answer received")
        if number == 2:
            # Alice's tab reloads after her answer: a new app process, a new page. She
            # comes back under her name only once the teacher accepts, and finds the
            # open question with her answer received (the report has it too).
            alice.reload()
            mark = room.host.mark()
            join(alice, room.address, "Alice")
            alice.wait_for("Waiting for the teacher to let you back in")
            room.host.wait_for_line(r"^Alice wants to rejoin", after=mark)
            room.say("/accept Alice")
            alice.wait_for(f"capital of {province}", "Answer received")
        mark = room.host.mark()
        zoe.type_line(ZOE[number - 1])
        # Hers is the last answer, so the question may close (and her verdict replace
        # "Answer received") before the screen is read.
        zoe.wait_for_any("Answer received", "Right! +", "Not right:")
        # Once every student has answered, the question closes by itself.
        room.host.wait_for_line(r"^Answered: 2 of 2", after=mark)
        room.host.wait_for_line(rf"^Closed: question {number}", after=mark)
        for tab, typed in ((alice, ALICE[number - 1]), (zoe, ZOE[number - 1])):
            tab.wait_for("Right! +" if typed == right else f"Not right: the answer is {right}")

    mark = room.say("/end")
    room.host.wait_for_line(r"^Class over", after=mark)
    alice.wait_for("1st: Alice with")
    zoe.wait_for("2nd: [b]Zoë[/] with")

    exported = room.session.parent / "report.json"
    report = subprocess.run(
        quizbot_argv("report", str(room.session), "--json", str(exported)),
        capture_output=True, text=True, encoding="utf-8", env=quizbot_env, timeout=60,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    data = json.loads(exported.read_text(encoding="utf-8"))
    players = {player["name"]: player for player in data["players"]}
    assert sorted(players) == ["Alice", zoe_name]
    assert [players["Alice"]["correct"], players[zoe_name]["correct"]] == [2, 1]
    answers = {
        name: [(a["question"].rsplit("/", 1)[1], a["response"], a["verdict"])
               for a in data["answers"] if a["name"] == name]
        for name in players
    }  # fmt: skip
    # Nothing lost: Alice's answer from before the reload is there with the others.
    verdict = {True: "correct", False: "incorrect"}
    for name, typed in (("Alice", ALICE), (zoe_name, ZOE)):
        assert answers[name] == [
            (question, response, verdict[response == right])
            for question, response, (_, right) in zip(IDS, typed, ASKED, strict=True)
        ]
    last = data["questions"][2]
    assert last["correct"] == 0
    [group] = last["wrong_answers"]
    assert group["count"] == 2 and sorted(group["forms"]) == ["Shenzhen", "shenzen"]


def test_a_wrong_join_code_gets_no_question(
    classroom: Callable[..., Classroom], new_tab: Callable[[], StudentPage]
) -> None:
    room = classroom()
    student, intruder = new_tab(), new_tab()
    intruder.open(room.address)
    intruder.wait_for("Join code")
    intruder.type_line("WRONG1")
    intruder.wait_for("Wrong code")
    mark = room.host.mark()
    join(student, room.address, "Ann")
    room.host.wait_for_line(r"^Ann joined", after=mark)
    room.say("/next")
    student.wait_for(f"Question 1 of {QUESTIONS}", "capital of Guangdong")
    # The intruder's tab reads the same class events as Ann's: once Ann has the
    # question, the intruder would have it too if a wrong code let anything through.
    screen = intruder.screen()
    assert "Wrong code" in screen
    assert "Your name" not in screen
    assert "Guangdong" not in screen and "Question 1" not in screen


def test_a_student_who_reloads_before_answering_can_still_answer(
    classroom: Callable[..., Classroom], new_tab: Callable[[], StudentPage]
) -> None:
    room = classroom()
    ann = new_tab()
    mark = room.host.mark()
    join(ann, room.address, "Ann")
    room.host.wait_for_line(r"^Ann joined", after=mark)
    room.say("/next")
    ann.wait_for(f"Question 1 of {QUESTIONS}", "capital of Guangdong")
    ann.reload()
    mark = room.host.mark()
    join(ann, room.address, "Ann")
    room.host.wait_for_line(r"^Ann wants to rejoin", after=mark)
    room.say("/accept Ann")
    # Her new tab gets the open question back (not "this one began before you joined").
    screen = ann.wait_for_any("capital of Guangdong", "began before you joined")
    assert "capital of Guangdong" in screen
    ann.type_line("Guangzhou")
    ann.wait_for("Answer received")
