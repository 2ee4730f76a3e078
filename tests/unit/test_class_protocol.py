"""The class's file protocol with two students in one process: each student writes only
its own file, the host reads them and answers through the class's events, and what each
student's screen would say follows."""

from __future__ import annotations

from pathlib import Path

import pytest
from drill_helpers import KEYS, class_pack
from tutor_fakes import Clock

from quizbot.classroom.class_files import (
    STUDENTS,
    StudentLog,
    Tail,
    create_class_session,
    find_class_session,
)
from quizbot.classroom.class_host import ClassHost
from quizbot.classroom.class_room import ClassRoom, ClassRules
from quizbot.classroom.class_student import RECEIVED, WAITING, WAITING_BACK, StudentClient
from quizbot.classroom.drill import DrillError, Settings


def start_class(tmp_path: Path, teams: tuple[str, ...] = ()) -> tuple[ClassHost, Clock]:
    clock = Clock()
    session = create_class_session(tmp_path, "Class 7B")
    settings = Settings(players=(), questions=KEYS[:2], mode="class", seconds=20)
    room = ClassRoom.open_class(
        settings, [class_pack()], ClassRules("ABC234", 60, teams), clock=clock,
        sink=session.append,
    )  # fmt: skip
    return ClassHost(room, session), clock


def student(host: ClassHost, clock: Clock, name: str) -> StudentClient:
    clock.advance(0.1)  # who joins first is who sent first
    client = StudentClient(host.session.folder, clock=clock)
    assert client.enter_code("abc234")
    assert client.join(name)
    return client


def test_two_students_play_a_question_through_the_files(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    assert host.session.folder.parent.name == "classes"
    ann, bob = student(host, clock, "Ann"), student(host, clock, "Bob")
    assert ann.status == "asking"
    assert host.poll() == ["Ann joined", "Bob joined"]
    ann.poll(), bob.poll()
    assert ann.status == "joined" and ann.status_text() == WAITING
    host.command("/next")
    assert ann.poll() and ann.question is not None
    assert ann.question.prompt == "Which city is the capital of Guangdong?"
    clock.advance(5)
    assert ann.answer("Guangzhou") and ann.status_text() == RECEIVED
    assert not ann.answer("again")  # one answer a question
    assert host.poll() == ["Answered: 1 of 2"]
    bob.poll()
    assert bob.answer("Hebei")
    notes = host.poll()
    assert notes[:3] == ["Answered: 2 of 2", "Closed: question 1", "The answer: Guangzhou"]
    assert "Leaderboard:" in notes
    ann.poll(), bob.poll()
    assert ann.result is not None and ann.result.verdict_line() == "Right! +875 points"
    assert RECEIVED not in ann.status_text() and not ann.message
    assert ann.result.explanation == "Canton is its old name."
    assert bob.result is not None
    assert bob.result.verdict_line() == "Not right: the answer is Guangzhou"
    host.command("/end")
    ann.poll()
    assert ann.status == "over" and ann.place() == "You are 1st of 2 with 875 points"
    # Each student wrote only its own file; the host only the events.
    files = sorted(p.name for p in (host.session.folder / STUDENTS).iterdir())
    assert files == sorted([f"{ann.token}.jsonl", f"{bob.token}.jsonl"])


def test_a_reloaded_tab_waits_for_the_teacher_and_takes_the_place_over(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    old = student(host, clock, "Alice")
    host.poll()
    host.command("/next")
    old.poll()
    old.answer("Guangzhou")
    host.poll()  # Alice was the only one: the question closed
    new = student(host, clock, "alice")
    assert host.poll() == ["Alice wants to rejoin: type /accept Alice or /refuse Alice"]
    new.poll()
    assert new.status == "waiting_back" and WAITING_BACK in new.status_text()
    assert host.command("/accept Alice") == ["Alice is back"]
    new.poll(), old.poll()
    assert new.status == "joined" and new.name == "Alice"
    assert old.status == "replaced"
    host.command("/next")
    new.poll()
    assert new.question is not None and new.question.number == 2


def test_a_refused_rejoin_and_a_removed_student_are_told(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    alice = student(host, clock, "Alice")
    host.poll()
    impostor = student(host, clock, "Alice")
    host.poll()
    host.command("/refuse alice")
    impostor.poll()
    assert impostor.status == "refused"
    host.command("/remove Alice")
    alice.poll()
    assert alice.status == "removed"


def test_a_wrong_code_gets_nothing_and_repeated_wrong_codes_lock_the_tab(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    client = StudentClient(host.session.folder, clock=clock)
    assert not client.join("Ann")  # no name before the code
    for _ in range(5):
        assert not client.enter_code("ZZZZZZ")
        assert client.message == "Wrong code"
    assert not client.enter_code("ABC234")  # locked, even with the right code
    clock.advance(61)
    assert client.enter_code("ABC234")
    assert not (host.session.folder / STUDENTS / f"{client.token}.jsonl").exists()


def test_the_host_ignores_what_a_student_file_cannot_mean(tmp_path: Path) -> None:
    host, _clock = start_class(tmp_path)
    log = StudentLog(host.session.folder)
    path = log.path
    path.write_bytes(
        b'not json\n{"type":"answer","number":"1","t":0}\n[1,2]\n'
        + b"x" * 10000
        + b'\n{"type":"join","name":"Ann\\u001b[2J","team":7}\n{"type":"jo'
    )
    assert host.poll() == ["Ann\x1b[2J joined"]  # kept as written; screens escape it
    with path.open("ab") as handle:  # the torn line is finished later
        handle.write(b'in","name":"Ann"}\n')
    host.poll()  # the same tab again: no second join
    assert len(host.room.joined()) == 1


def test_a_tail_reads_only_whole_new_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a":1}\n{"b":')
    tail = Tail(path)
    assert list(tail.lines()) == [{"a": 1}]
    with path.open("ab") as handle:
        handle.write(b"2}\n")
    assert list(tail.lines()) == [{"b": 2}]
    assert list(tail.lines()) == []


def test_host_commands_need_their_words(tmp_path: Path) -> None:
    host, _ = start_class(tmp_path)
    for bad in ("/remove", "/more soon", "/dance", "Paris"):
        with pytest.raises(DrillError):
            host.command(bad)
    assert find_class_session(tmp_path, None).folder == host.session.folder


def test_the_student_side_loads_no_pack_no_bot_and_no_progress() -> None:
    import subprocess
    import sys

    code = (
        "import sys, quizbot.cli_class, quizbot.classroom.class_student\n"
        "import quizbot.tui.class_student_app\n"
        "bad = ('quizbot.knowledge', 'quizbot.tutor', 'quizbot.packs.loader',\n"
        "       'quizbot.packs.builtin', 'quizbot.progress.store', 'quizbot.grading')\n"
        "print(','.join(m for m in sys.modules if m.startswith(bad)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_a_command_typed_by_a_student_is_only_an_answer(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    ann = student(host, clock, "Ann")
    host.poll()
    host.command("/next")
    ann.poll()
    assert ann.answer("/pack /etc/passwd")
    host.poll()
    assert host.room.answers[0].response == "/pack /etc/passwd"
    assert host.room.answers[0].final_outcome == "incorrect"


def test_a_flood_of_answers_from_one_tab_is_refused(tmp_path: Path) -> None:
    import dataclasses

    host, clock = start_class(tmp_path)
    ann = student(host, clock, "Ann")
    host.poll()
    host.command("/next")
    ann.poll()
    question = ann.question
    assert question is not None
    sent = []
    for number in range(1, 41):  # as if a new question opened each time
        ann.question = dataclasses.replace(question, number=number)
        sent.append(ann.answer("Guangzhou"))
    assert sent.count(True) == 30
    assert ann.message == "Too many answers: wait a little."
    clock.advance(61)
    ann.question = dataclasses.replace(question, number=99)
    assert ann.answer("Guangzhou")
    host.poll()  # only the answer to the open question counts
    assert [a.number for a in host.room.answers] == [1]


def test_a_student_countdown_stops_while_the_class_is_paused(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    ann = student(host, clock, "Ann")
    host.poll()
    host.command("/next")
    clock.advance(5)
    host.command("/pause")
    clock.advance(100)
    ann.poll()
    assert ann.remaining() == 15
    host.command("/resume")
    host.command("/more 10")
    ann.poll()
    assert ann.remaining() == 25


def test_a_tab_let_back_in_mid_question_goes_on_where_the_old_tab_was(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    ann = student(host, clock, "Ann")
    student(host, clock, "Bob")  # Bob's first tab: it never answers
    host.poll()
    host.command("/next")
    ann.poll()
    assert ann.answer("Guangzhou")
    host.poll()
    ann2, bob2 = student(host, clock, "Ann"), student(host, clock, "Bob")
    host.poll()
    host.command("/accept Ann")
    host.command("/accept Bob")
    ann2.poll(), bob2.poll()
    assert ann2.question is not None and ann2.status_text() == RECEIVED  # answered before
    assert not ann2.answer("again")
    assert bob2.question is not None and bob2.answer("Guangzhou")  # not yet: may answer
    notes = host.poll()
    assert "Closed: question 1" in notes
    assert [a.player for a in host.room.answers_to(1)] == ["Ann", "Bob"]


def test_the_teacher_overrules_and_the_student_sees_the_new_verdict(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    ann = student(host, clock, "Ann")
    host.poll()
    host.command("/next")
    ann.poll()
    ann.answer("Canton")
    host.poll()
    ann.poll()
    assert ann.result is not None and ann.result.outcome == "incorrect"
    notes = host.command("/right ann")
    assert notes[0] == "Overruled: Ann's answer to question 1 is right."
    assert "  1. Ann 1000" in notes
    ann.poll()
    assert ann.result is not None and ann.result.verdict_line() == "Right! +1000 points"
    with pytest.raises(DrillError):
        host.command("/wrong Nobody")


def test_a_big_class_verdict_line_reaches_every_student(tmp_path: Path) -> None:
    host, clock = start_class(tmp_path)
    clients = [student(host, clock, f"Student number {n:02}") for n in range(40)]
    host.poll()
    host.poll()
    host.command("/next")
    for client in clients:
        client.poll()
        client.answer("Guangzhou")
    for _ in range(3):
        host.poll()
    assert host.room.phase == "between"
    for client in clients:  # the verdicts' line is longer than any student's may be
        client.poll()
        assert client.result is not None and client.result.outcome == "correct"
