"""The class's file protocol without browsers: what the host and the students' processes
spend on the session folder for a class of N students (CPU seconds, median of runs).

- host poll, idle: one poll of every student's file when nothing changed (the host does
  this ten times a second);
- answer saved: one student's answer written and fsynced to its own file (what stands
  between Enter and "Answer received");
- host takes N answers: the host reads, grades and records every answer of a question
  and sends the verdicts (the last answer closes the question);
- student sees the verdict: one student's poll that reads the verdicts.

Run: ``python bench/bench_class_files.py [--students 40] [--runs 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizbot.classroom.class_files import create_class_session
from quizbot.classroom.class_host import ClassHost
from quizbot.classroom.class_room import ClassRoom, ClassRules
from quizbot.classroom.class_student import StudentClient
from quizbot.classroom.drill import Settings
from quizbot.packs.builtin import load_builtin_packs


def cpu(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def one_run(students: int) -> dict[str, float]:
    packs = list(load_builtin_packs())
    keys = tuple(f"{packs[0].id}/{q.id}" for q in packs[0].questions if q.type == "text")[:3]
    with tempfile.TemporaryDirectory() as folder:
        session = create_class_session(Path(folder), "bench")
        settings = Settings(players=(), questions=keys, mode="class", seconds=20)
        room = ClassRoom.open_class(
            settings, packs, ClassRules("ABC234"), clock=time.time, sink=session.append
        )
        host = ClassHost(room, session)
        clients = [StudentClient(session.folder) for _ in range(students)]
        for n, client in enumerate(clients):
            client.enter_code("ABC234")
            client.join(f"Student {n}")
        host.poll()
        host.poll()
        host.command("/next")
        for client in clients:
            client.poll()
        idle = cpu(host.poll)
        answer = packs[0].question(keys[0].split("/", 1)[1])
        assert answer is not None
        saved = [cpu(lambda c=c: c.answer(answer.answer)) for c in clients]  # type: ignore[misc]
        taken = cpu(lambda: [host.poll() for _ in range(3)])
        assert room.phase == "between", "every answer should have closed the question"
        seen = [cpu(c.poll) for c in clients]
        assert all(c.result is not None for c in clients)
        return {
            "host poll, idle": idle,
            "answer saved (one student)": statistics.median(saved),
            f"host takes {students} answers": taken,
            "student sees the verdict": statistics.median(seen),
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = [one_run(args.students) for _ in range(args.runs)]
    for name in runs[0]:
        value = statistics.median(r[name] for r in runs)
        print(f"{name:32} {value * 1000:8.2f} ms CPU")


if __name__ == "__main__":
    main()
