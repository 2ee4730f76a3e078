"""The class host's work, for either of its screens: read the students' files, run the
teacher's commands, and tell the students what they need (each verdict when a question
closes, the podium at the end) through the class's events.

No Textual here: ``quizbot class host --plain`` runs on it line by line, the full
screen calls the same methods from a timer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from quizbot.classroom.class_files import Inbox, Request
from quizbot.classroom.class_room import MAX_ANSWER_CHARS, MAX_NAME_CHARS, ClassRoom, fold
from quizbot.classroom.drill import DEFAULT_MORE, DrillError
from quizbot.classroom.session import Session
from quizbot.classroom.wording import leaderboard_lines, podium_lines

HOST_COMMANDS = (
    "/next, /close, /remove NAME, /accept NAME, /refuse NAME, /more S, /pause, /resume, "
    "/right NAME, /wrong NAME, /end"
)


class ClassHost:
    """Runs a :class:`ClassRoom` from its session folder; every method returns the lines
    that say what happened (the plain screen prints them)."""

    def __init__(self, room: ClassRoom, session: Session) -> None:
        self.room = room
        self.session = session
        self.inbox = Inbox(session.folder)
        self.shown_upto = 0  # the last question whose verdicts the students were sent
        self.final_sent = False
        for event in session.events() if session.path.exists() else []:
            if event.get("type") == "shown":
                self.shown_upto = max(self.shown_upto, int(event.get("number", 0)))
            if event.get("type") == "final":
                self.final_sent = True

    # -- what the students sent ------------------------------------------------------------

    def poll(self) -> list[str]:
        """Take the students' new requests, then close a question whose time is up."""
        notes: list[str] = []
        for request in self.inbox.poll():
            # A request that cannot be taken now (a late answer) has nothing to say.
            with contextlib.suppress(DrillError):
                notes += self._after(self._request(request))
        notes += self._do(self.room.tick)
        return notes

    def _request(self, request: Request) -> list[str]:
        record = request.record
        kind = record.get("type")
        if kind == "join":
            name = _text(record.get("name"), MAX_NAME_CHARS * 4)
            team = _text(record.get("team"), MAX_NAME_CHARS * 4)
            return self.room.join(request.token, name, team)
        if kind == "answer":
            number, claimed = record.get("number"), record.get("t")
            if not isinstance(number, int) or not isinstance(claimed, (int, float)):
                return []
            response = _text(record.get("response"), MAX_ANSWER_CHARS)
            return self.room.answer_from(request.token, number, response, float(claimed))
        return []

    # -- what the teacher typed -----------------------------------------------------------------

    def command(self, line: str) -> list[str]:
        """One of HOST_COMMANDS; a move that cannot be made raises DrillError."""
        text = line.strip()
        if not text:
            return []
        if not text.startswith("/"):
            raise DrillError(f"the students answer; the host's commands are {HOST_COMMANDS}")
        word, _, rest = text[1:].partition(" ")
        word, rest = word.casefold(), rest.strip()
        room = self.room
        moves: dict[str, Callable[[], list[str]]] = {
            "next": room.ask_next,
            "close": room.close,
            "skip": room.close,
            "end": room.end,
            "pause": room.pause,
            "resume": room.resume,
            "more": lambda: room.more(_seconds(rest)),
            "remove": lambda: room.remove(_name(rest, "remove")),
            "accept": lambda: room.accept(_name(rest, "accept")),
            "refuse": lambda: room.refuse(_name(rest, "refuse")),
            "right": lambda: self._overrule("right", rest),
            "wrong": lambda: self._overrule("wrong", rest),
        }
        move = moves.get(word)
        if move is None:
            raise DrillError(f"unknown command /{word}: {HOST_COMMANDS}")
        return self._after(move())

    def _overrule(self, verdict: str, rest: str) -> list[str]:
        student = self.room.student(_name(rest, verdict))
        if student is None:
            raise DrillError(f"no student called {rest!r}")
        notes = self.room.overrule(verdict, student.name)
        number = max((a.number for a in self.room.answers if a.player == student.name), default=0)
        if number and number <= self.shown_upto:
            self._send_results(number)  # their screen shows the new verdict
            notes += leaderboard_lines(self.room)
        return notes

    def _do(self, move: Callable[[], list[str]]) -> list[str]:
        try:
            return self._after(move())
        except DrillError:
            return []  # a student's request that cannot be taken: nothing to say

    def _after(self, notes: list[str]) -> list[str]:
        """After any move: a question that just closed sends its verdicts; an ended class
        sends its podium."""
        room = self.room
        if room.phase != "question" and room.number > self.shown_upto:
            self._send_results(room.number)
            notes = [*notes, *leaderboard_lines(room)]
        if room.phase == "finished" and not self.final_sent:
            self.final_sent = True
            room._emit({"type": "final", "t": room.clock(), "standings": _table(room)})
            notes = [*notes, *podium_lines(room), f"Report: quizbot report {self.session.folder}"]
        return notes

    def _send_results(self, number: int) -> None:
        from quizbot.grading.grader import expected_answer

        room = self.room
        pack, question = room.items[number - 1]
        shown = room.shown(number) if question.type == "choice" else None
        source = pack.source_of(question)
        results = {
            a.player: {"outcome": a.final_outcome, "points": a.points, "feedback": a.feedback}
            for a in room.answers_to(number)
        }
        room._emit(
            {
                "type": "shown",
                "t": room.clock(),
                "number": number,
                "answer": expected_answer(question, shown),
                "explanation": question.explanation or "",
                "source": source.citation() if source is not None else "",
                "results": results,
                "standings": _table(room),
            }
        )
        self.shown_upto = max(self.shown_upto, number)

    # -- what the host's screen shows --------------------------------------------------------

    def status_line(self) -> str:
        room = self.room
        if room.phase == "finished":
            return "Class over"
        if room.open is None:
            if room.number == 0:
                return f"{len(room.joined())} joined: /next opens question 1 of {room.total}"
            return f"Question {room.number} closed: /next for the next"
        answered, asked = room.answered_count()
        return f"Question {room.number} of {room.total} · Answered: {answered} of {asked}"


def _table(room: ClassRoom) -> list[list[Any]]:
    return [[s.rank, s.name, s.points, s.correct, s.answered] for s in room.standings()]


def _text(value: object, most: int) -> str:
    return value[:most] if isinstance(value, str) else ""


def _name(rest: str, word: str) -> str:
    if not rest:
        raise DrillError(f"/{word} takes a student's name: /{word} Alice")
    return rest


def _seconds(rest: str) -> float:
    try:
        return float(rest) if rest else DEFAULT_MORE
    except ValueError:
        raise DrillError("/more takes a number of seconds: /more 10") from None


def is_pending(room: ClassRoom, name: str) -> bool:
    return any(fold(n) == fold(name) for n in room.pending_names())
