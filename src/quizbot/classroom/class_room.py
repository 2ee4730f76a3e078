"""A class in browsers: every student answers each question at once, on their own device.

A :class:`ClassRoom` is a :class:`~quizbot.classroom.drill.Drill` in ``class`` mode, so a
class is graded, timed, scored (:class:`~quizbot.classroom.scoring.SpeedAndStreak`),
overruled, replayed and reported exactly as a drill is. What it adds are the students:
they join with a name (and a team when the class has teams) while the class runs, a late
joiner answers from the next question on, the teacher removes a student or lets one back
in ("Alice wants to rejoin": nobody takes over a name without the teacher's accept), and a
question closes when its time is up, when the teacher says so, or when every student has
answered.

Every move is an event saved before it takes effect (the drill's rule), so the class read
back from its events is the class that stopped. The host adds a few events the students'
screens need (the question's text when it opens, each student's verdict when it closes);
they change nothing here. Time comes from the injected clock; nothing sleeps.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quizbot.classroom.drill import Drill, DrillError, Event, Settings, Sink, Standing
from quizbot.packs.model import Pack
from quizbot.quiz import Clock, Grader, letter, question_key

MAX_NAME_CHARS = 24
MAX_TEAM_CHARS = 24
MAX_ANSWER_CHARS = 200
MAX_JOIN_TRIES = 5  # join requests one student session may make; more are a flood
DEFAULT_MAX_STUDENTS = 60
# A join code a teacher can read out: no 0/O, 1/I/L look-alikes.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

DENIED = {
    "full": "The class is full.",
    "name": f"A name has 1 to {MAX_NAME_CHARS} characters.",
    "team": "Choose one of the class's teams.",
    "flood": "Too many tries from this page.",
    "over": "The class is over.",
}


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def same_code(given: str, code: str) -> bool:
    """A typed code matches whatever its case and spaces."""
    typed = "".join(given.split()).upper()
    return secrets.compare_digest(typed.encode(), code.upper().encode())


def fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class Student:
    """One student of the class (by name): the browser tab that holds the place now."""

    name: str
    team: str
    token: str
    active: bool = True  # False once the teacher removed them


@dataclass(frozen=True)
class ClassRules:
    """What a class adds to a drill's settings (the start event's ``class`` part)."""

    code: str
    max_students: int = DEFAULT_MAX_STUDENTS
    teams: tuple[str, ...] = ()

    def to_json(self) -> Event:
        return {"code": self.code, "max_students": self.max_students, "teams": list(self.teams)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClassRules:
        return cls(
            code=str(data.get("code", "")),
            max_students=int(data.get("max_students", DEFAULT_MAX_STUDENTS)),
            teams=tuple(str(t) for t in data.get("teams", ())),
        )


class ClassRoom(Drill):
    """A class being run (or read back from its events)."""

    def __init__(
        self,
        settings: Settings,
        packs: Sequence[Pack],
        *,
        clock: Clock,
        grader: Grader | None = None,
        sink: Sink | None = None,
        rules: ClassRules | None = None,
    ) -> None:
        if settings.mode != "class":
            raise DrillError("a class runs in class mode")
        super().__init__(settings, packs, clock=clock, grader=grader, sink=sink)
        self.rules = rules if rules is not None else ClassRules(new_code())
        self.students: dict[str, Student] = {}  # folded name -> student, in joining order
        self.owner: dict[str, str] = {}  # a tab's token -> the student's name it holds
        self.pending: dict[str, tuple[str, str]] = {}  # token -> (name, team) asking back in
        self.tries: dict[str, int] = {}  # join requests seen from each token
        self.phase = "between"  # before the first question: the teacher starts it

    # -- starting, and reading back ------------------------------------------------------

    @classmethod
    def open_class(
        cls,
        settings: Settings,
        packs: Sequence[Pack],
        rules: ClassRules,
        *,
        clock: Clock,
        grader: Grader | None = None,
        sink: Sink | None = None,
    ) -> ClassRoom:
        room = cls(settings, packs, clock=clock, grader=grader, sink=sink, rules=rules)
        room._emit(
            {
                "type": "start",
                "t": clock(),
                "settings": settings.to_json(),
                "class": rules.to_json(),
            }
        )
        return room

    _what = "class"

    @classmethod
    def _from_start(
        cls, start: Event, packs: Sequence[Pack], *, clock: Clock, grader: Grader | None
    ) -> ClassRoom:
        return cls(
            Settings.from_json(start["settings"]),
            packs,
            clock=clock,
            grader=grader,
            rules=ClassRules.from_json(dict(start.get("class", {}))),
        )

    def hold_after_stop(self) -> list[str]:
        """After the host restarts: pause an open question at the last moment saved, so
        the time the host was down does not count (the teacher resumes it)."""
        if self.open is not None and self.open.paused_at is None and self.timed:
            return self._emit({"type": "pause", "t": self.last_t})
        return []

    # -- what the screens show ------------------------------------------------------------

    def joined(self) -> list[Student]:
        """The students in the class now (not removed), in joining order."""
        return [s for s in self.students.values() if s.active]

    def waiting(self) -> list[str]:
        """Who has yet to answer the open question (late joiners are not asked it)."""
        if self.open is None:
            return []
        return [
            p for p in self.open.order if p not in self.open.done and self.students[fold(p)].active
        ]

    def answered_count(self) -> tuple[int, int]:
        """(answered, asked) for the open question."""
        if self.open is None:
            return 0, 0
        asked = [p for p in self.open.order if self.students[fold(p)].active]
        return sum(1 for p in asked if p in self.open.done), len(asked)

    def student(self, name: str) -> Student | None:
        return self.students.get(fold(name))

    def pending_names(self) -> list[str]:
        return [name for name, _ in self.pending.values()]

    def place_of(self, name: str) -> Standing | None:
        return next((s for s in self.standings() if s.name == name), None)

    # -- the students' moves (read from their files by the host) ------------------------

    def join(self, token: str, name: str, team: str = "") -> list[str]:
        """A tab asks to join as ``name``: joined, asked back in, or refused (all recorded)."""
        if token in self.owner or token in self.pending:
            return []  # already in, or already asking: a repeat is no new request
        self.tries[token] = self.tries.get(token, 0) + 1
        if self.tries[token] > MAX_JOIN_TRIES:
            if self.tries[token] == MAX_JOIN_TRIES + 1:
                return self._deny(token, "flood")
            return []  # a flood: not even a refusal more is written
        name = " ".join(name.split())
        if not name or len(name) > MAX_NAME_CHARS:
            return self._deny(token, "name")
        team = " ".join(team.split())
        if self.rules.teams:
            chosen = next((t for t in self.rules.teams if fold(t) == fold(team)), None)
            if chosen is None:
                return self._deny(token, "team")
            team = chosen
        else:
            team = ""
        if self.phase == "finished":
            return self._deny(token, "over")
        known = self.student(name)
        if known is not None:
            return self._emit(
                {"type": "rejoin", "t": self.clock(), "token": token, "player": known.name,
                 "team": team}
            )  # fmt: skip
        if len(self.joined()) >= self.rules.max_students:
            return self._deny(token, "full")
        return self._emit(
            {"type": "join", "t": self.clock(), "token": token, "player": name, "team": team}
        )

    def answer_from(self, token: str, number: int, response: str, claimed: float) -> list[str]:
        """A student's answer to question ``number``, timed at ``claimed`` (their clock),
        kept within [the question opened, now] so no file can claim to be quicker."""
        name = self.owner.get(token)
        open_ = self.open
        if name is None or open_ is None or open_.number != number:
            raise DrillError("not an answer to the open question")
        student = self.students[fold(name)]
        if not student.active or name not in open_.order or name in open_.done:
            raise DrillError(f"{name} cannot answer this question")
        response = response.strip()[:MAX_ANSWER_CHARS]
        shown = open_.shown if open_.question.type == "choice" else None
        verdict = self._grade(open_.question, response, shown_options=shown)
        if verdict.verdict == "error":
            raise DrillError(f"not an answer to this question: {verdict.feedback}")
        now = self.clock()
        t = min(max(claimed, open_.started), now)
        return self._emit(
            {
                "type": "answer",
                "t": t,
                "number": number,
                "player": name,
                "response": response,
                "outcome": verdict.verdict,
                "score": round(verdict.score, 4),
                "feedback": verdict.feedback,
            }
        )

    # -- the teacher's moves ---------------------------------------------------------------

    def ask_next(self) -> list[str]:
        """Open the next question for every student at once (or end after the last)."""
        if self.phase != "between":
            raise DrillError(
                "a question is open: /close it first" if self.phase == "question"
                else "the class is over"
            )  # fmt: skip
        number = self.number + 1
        if number > self.total:
            return self.end()
        _, question = self.items[number - 1]
        shown = self.shown(number)
        return self._emit(
            {
                "type": "ask",
                "t": self.clock(),
                # For the students' screens (the class itself reads its items):
                "number": number,
                "total": self.total,
                "prompt": question.prompt,
                "options": [question.options[i] for i in shown],
                "kind": question.type,
            }
        )

    def close(self) -> list[str]:
        """Close the open question now: who has not answered gets no points."""
        if self.phase == "between":
            raise DrillError("no question is open: /next opens the next one")
        self._question_open(paused_ok=True)
        return self._emit({"type": "close", "t": self.clock()})

    def end(self) -> list[str]:
        if self.phase == "finished":
            raise DrillError("the class is over")
        return self._emit({"type": "end", "t": self.clock()})

    def accept(self, name: str) -> list[str]:
        token = self._pending_token(name)
        return self._emit({"type": "accept", "t": self.clock(), "token": token,
                           "player": self.pending[token][0]})  # fmt: skip

    def refuse(self, name: str) -> list[str]:
        token = self._pending_token(name)
        return self._emit({"type": "refuse", "t": self.clock(), "token": token,
                           "player": self.pending[token][0]})  # fmt: skip

    def remove(self, name: str) -> list[str]:
        student = self.student(name)
        if student is None or not student.active:
            raise DrillError(f"no student called {name!r} is in the class")
        return self._emit({"type": "remove", "t": self.clock(), "player": student.name})

    def tick(self) -> list[str]:
        """Close the open question when its time is up (the fronts call this often)."""
        if (
            self.open is not None
            and self.timed
            and self.open.paused_at is None
            and self._elapsed(self.clock()) >= self._limit()
        ):
            deadline = self.open.started + self.open.paused_for + self._limit()
            return self._emit({"type": "timeout", "t": deadline})
        return []

    # -- inside -------------------------------------------------------------------------------

    def _deny(self, token: str, reason: str) -> list[str]:
        return self._emit({"type": "deny", "t": self.clock(), "token": token, "reason": reason})

    def _pending_token(self, name: str) -> str:
        wanted = fold(name)
        found = [tok for tok, (who, _) in self.pending.items() if fold(who) == wanted]
        if not found:
            raise DrillError(f"nobody called {name!r} is asking to rejoin")
        return found[-1]

    def _apply(self, event: Event) -> list[str]:
        kind = str(event.get("type"))
        if kind not in _CLASS_EVENTS:
            return super()._apply(event)
        t = float(event["t"])
        self.last_t = max(self.last_t, t)
        return _CLASS_EVENTS[kind](self, event, t)

    def _on_join(self, event: Event, t: float) -> list[str]:
        name, team, token = str(event["player"]), str(event.get("team", "")), str(event["token"])
        self.students[fold(name)] = Student(name, team, token)
        self.owner[token] = name
        teams = dict(self.settings.teams)
        if team:
            teams[name] = team
        self.settings = dataclasses.replace(
            self.settings, players=(*self.settings.players, name), teams=teams
        )
        return [f"{name} joined" + (f" (team {team})" if team else "")]

    def _on_rejoin(self, event: Event, t: float) -> list[str]:
        name = str(event["player"])
        self.pending[str(event["token"])] = (name, str(event.get("team", "")))
        return [f"{name} wants to rejoin: type /accept {name} or /refuse {name}"]

    def _on_accept(self, event: Event, t: float) -> list[str]:
        token = str(event["token"])
        name, _ = self.pending.pop(token, (str(event["player"]), ""))
        student = self.students[fold(name)]
        self.owner.pop(student.token, None)  # the old tab holds nothing now
        student.token, student.active = token, True
        self.owner[token] = student.name
        return [f"{student.name} is back"]

    def _on_refuse(self, event: Event, t: float) -> list[str]:
        name, _ = self.pending.pop(str(event["token"]), (str(event["player"]), ""))
        return [f"{name} was not let back in"]

    def _on_deny(self, event: Event, t: float) -> list[str]:
        return []

    def _on_remove(self, event: Event, t: float) -> list[str]:
        student = self.students[fold(str(event["player"]))]
        student.active = False
        self.owner.pop(student.token, None)
        for token, (name, _) in list(self.pending.items()):
            if fold(name) == fold(student.name):
                del self.pending[token]
        notes = [f"{student.name} was removed"]
        if self.open is not None and self.open.order and not self.waiting():
            notes += self._close_open(t)
        return notes

    def _on_ask(self, event: Event, t: float) -> list[str]:
        if self.number >= self.total:
            return self._on_end(event, t)
        self.number += 1
        pack, question = self.items[self.number - 1]
        order = tuple(s.name for s in self.joined())
        from quizbot.classroom.drill import Open

        self.open = Open(self.number, pack, question, self.shown(self.number), order, t)
        self.phase = "question"
        notes = [f"Question {self.number} of {self.total}: {question.prompt}"]
        notes += [f"  {letter(i)}. {text}" for i, text in enumerate(self.open.options)]
        return notes

    def _on_answer(self, event: Event, t: float) -> list[str]:
        # Not the drill's "NAME: answer - right" line: the host's screen may be on the
        # projector, and the others have not answered yet.
        return super()._on_answer(event, t)[1:]

    def _after_answer(self, player: str, t: float, *, right: bool) -> list[str]:
        open_ = self._must_open()
        open_.done.append(player)
        answered, asked = self.answered_count()
        notes = [f"Answered: {answered} of {asked}"]
        if not self.waiting():
            notes += self._close_open(t)
        return notes

    def _on_timeout(self, event: Event, t: float) -> list[str]:
        return ["Time is up.", *self._close_open(t)]

    def _on_close(self, event: Event, t: float) -> list[str]:
        return self._close_open(t)

    def _on_skip(self, event: Event, t: float) -> list[str]:
        return self._close_open(t)

    def _on_end(self, event: Event, t: float) -> list[str]:
        notes = self._close_open(t) if self.open is not None else []
        self.open = None
        self.phase = "finished"
        return [*notes, "Class over"]

    def _close_open(self, t: float) -> list[str]:
        """Who has not answered gets a time-out (no points, the streak ends); then close."""
        open_ = self._must_open()
        from quizbot.classroom.drill import Answer

        for player in self.waiting():
            self.answers.append(
                Answer(open_.number, question_key(open_.pack, open_.question), player, "",
                       "timeout", 0.0, self._limit() if self.timed else 0.0,
                       self._limit() if self.timed else 0.0)
            )  # fmt: skip
            open_.done.append(player)
        self._rescore()
        return [f"Closed: question {open_.number}", *self._close(t)]

    def _close(self, t: float) -> list[str]:
        notes = super()._close(t)
        if notes and notes[-1].startswith("That was the last question"):
            notes[-1] = "That was the last question: /next (or /end) for the podium."
        return notes


_CLASS_EVENTS: dict[str, Callable[[ClassRoom, Event, float], list[str]]] = {
    "join": ClassRoom._on_join,
    "rejoin": ClassRoom._on_rejoin,
    "accept": ClassRoom._on_accept,
    "refuse": ClassRoom._on_refuse,
    "deny": ClassRoom._on_deny,
    "remove": ClassRoom._on_remove,
    "ask": ClassRoom._on_ask,
    "answer": ClassRoom._on_answer,
    "timeout": ClassRoom._on_timeout,
    "close": ClassRoom._on_close,
    "skip": ClassRoom._on_skip,
    "end": ClassRoom._on_end,
}
