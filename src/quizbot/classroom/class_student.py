"""One student's side of a class: the join code, the name, the answers, and what the host
says back, read from the class's events.

The student app (a browser tab through ``quizbot class host``, or ``quizbot class join``
in a terminal) is a view of a :class:`StudentClient`: it shows :attr:`status` and the
question, and sends what the student types through it. The client is locked to its class
folder: it writes only its own file and reads only the class's events. It never loads a
pack (the host sends each question's text) and has no command: every line the student
types is a code, a name, a team or an answer. No Textual here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from quizbot.classroom.class_files import StudentLog, Tail
from quizbot.classroom.class_room import (
    DENIED,
    MAX_ANSWER_CHARS,
    MAX_JOIN_TRIES,
    MAX_NAME_CHARS,
    MAX_TEAM_CHARS,
    fold,
    same_code,
)
from quizbot.classroom.session import EVENTS, Session, SessionError

Status = Literal[
    "code",  # asked for the join code
    "name",  # asked for a name (and a team)
    "asking",  # join request sent, no answer yet
    "joined",  # in the class
    "waiting_back",  # the name is taken: waiting for the teacher to let them back in
    "refused",
    "denied",
    "removed",
    "replaced",  # another tab took this place over (with the teacher's accept)
    "over",
]

WRONG_CODES_ALLOWED = 5  # wrong codes in a row before the tab must wait
LOCK_SECONDS = 60.0
MAX_ANSWERS_A_MINUTE = 30  # more from one tab is a flood (one counts per question)

WAITING = "Joined. Waiting for the teacher to start..."
WAITING_BACK = "Waiting for the teacher to let you back in"
RECEIVED = "Answer received"


@dataclass(frozen=True)
class QuestionView:
    number: int
    total: int
    prompt: str
    options: tuple[str, ...]
    opened: float
    seconds: float  # time allowed (0: no timer)


@dataclass(frozen=True)
class ResultView:
    number: int
    outcome: str
    points: float
    feedback: str
    answer: str
    explanation: str
    source: str

    def verdict_line(self) -> str:
        if self.outcome == "correct":
            return f"Right! +{self.points:.0f} points"
        if self.outcome == "partial":
            return f"Partly right: +{self.points:.0f} points. The answer: {self.answer}"
        if self.outcome == "timeout":
            return f"No answer in time: the answer is {self.answer}"
        return f"Not right: the answer is {self.answer}"


@dataclass
class StudentClient:
    """A student tab's state and moves (``clock`` injected for tests)."""

    folder: Path
    clock: Callable[[], float] = time.time
    token: str | None = None
    status: Status = "code"
    message: str = ""  # the last thing to tell the student (a refusal, a wrong code)
    name: str = ""
    question: QuestionView | None = None  # the open question, if it is this student's
    answered: int = 0  # the last question number this tab answered (or saw answered)
    result: ResultView | None = None
    standings: list[list[Any]] = field(default_factory=list)
    teams: tuple[str, ...] = ()
    seconds: float = 0.0

    def __post_init__(self) -> None:
        session = Session(self.folder)
        events = session.events()
        if not events or events[0].get("type") != "start" or "class" not in events[0]:
            raise SessionError(f"{self.folder} is not a class session")
        rules = events[0]["class"]
        self._code = str(rules.get("code", ""))
        self.teams = tuple(str(t) for t in rules.get("teams", ()))
        self.seconds = float(events[0].get("settings", {}).get("seconds", 0))
        self.log = StudentLog(self.folder, self.token)
        self.token = self.log.token
        self.tail = Tail(self.folder / EVENTS)
        self._wrong: list[float] = []
        self._locked_until = 0.0
        self._joins = 0
        self._sent: list[float] = []
        self._active: set[str] = set()  # folded names of the students in the class
        self._open_for: set[str] = set()  # who was in the class when the question opened
        self._extra = 0.0
        self._open_now = False  # a question is open (for someone)
        self._paused_at: float | None = None
        self._last_view: QuestionView | None = None  # the question opened last
        self._answered_by: dict[str, int] = {}  # folded name -> the last number answered
        self.poll()

    # -- the student's moves -----------------------------------------------------------------

    def enter_code(self, typed: str) -> bool:
        """Check the join code here (it never leaves the teacher's machine)."""
        now = self.clock()
        if now < self._locked_until:
            self.message = "Too many wrong codes: wait a minute, then try again."
            return False
        if same_code(typed, self._code):
            self._wrong.clear()
            self.status, self.message = "name", ""
            return True
        self._wrong.append(now)
        if len(self._wrong) >= WRONG_CODES_ALLOWED:
            self._locked_until = now + LOCK_SECONDS
            self._wrong.clear()
        self.message = "Wrong code"
        return False

    def join(self, name: str, team: str = "") -> bool:
        name, team = " ".join(name.split()), " ".join(team.split())
        if self.status not in ("name", "refused", "denied"):
            return False
        if not name or len(name) > MAX_NAME_CHARS:
            self.message = f"A name has 1 to {MAX_NAME_CHARS} characters."
            return False
        if len(team) > MAX_TEAM_CHARS:
            self.message = f"A team has 1 to {MAX_TEAM_CHARS} characters."
            return False
        if self.teams and fold(team) not in {fold(t) for t in self.teams}:
            self.message = "Your team is one of: " + ", ".join(self.teams)
            return False
        if self._joins >= MAX_JOIN_TRIES:
            self.message = DENIED["flood"]
            return False
        self._joins += 1
        self.log.append({"type": "join", "t": self.clock(), "name": name, "team": team})
        self.status, self.message, self.name = "asking", "", name
        return True

    def answer(self, text: str) -> bool:
        """Send an answer; True once it is saved in this tab's file (fsynced)."""
        question = self.question
        if self.status != "joined" or question is None:
            self.message = "No question is open."
            return False
        if self.answered >= question.number:
            self.message = "You have answered this question."
            return False
        text = text.strip()
        if not text:
            return False
        if len(text) > MAX_ANSWER_CHARS:
            self.message = f"An answer has at most {MAX_ANSWER_CHARS} characters."
            return False
        now = self.clock()
        self._sent = [t for t in self._sent if t > now - 60]
        if len(self._sent) >= MAX_ANSWERS_A_MINUTE:
            self.message = "Too many answers: wait a little."
            return False
        self._sent.append(now)
        record = {"type": "answer", "t": now, "number": question.number, "response": text}
        self.log.append(record)
        self.answered, self.message = question.number, RECEIVED
        return True

    def paused(self) -> bool:
        """The teacher paused the open question (its countdown stands still)."""
        return self._paused_at is not None

    def remaining(self) -> float | None:
        """Seconds left on the open question, as the student's screen counts them."""
        if self.question is None or self.question.seconds <= 0:
            return None
        now = self._paused_at if self._paused_at is not None else self.clock()
        left = self.question.opened + self.question.seconds + self._extra - now
        return max(0.0, left)

    # -- what the host says ------------------------------------------------------------------------

    def poll(self) -> bool:
        """Read the class's new events; True if anything this student sees changed."""
        changed = False
        for event in self.tail.lines():
            changed = self._see(event) or changed
        return changed

    def _mine(self, event: dict[str, Any]) -> bool:
        return event.get("token") == self.token

    def _see(self, event: dict[str, Any]) -> bool:
        kind = event.get("type")
        me = fold(self.name) if self.name else None
        player = fold(str(event.get("player", "")))
        if kind == "join":
            self._active.add(player)
            if self._mine(event):
                self._take_place(str(event["player"]))
                return True
        elif kind == "rejoin" and self._mine(event):
            self.status, self.name = "waiting_back", str(event["player"])
            return True
        elif kind == "accept":
            self._active.add(player)
            if self._mine(event):
                self._take_place(str(event["player"]))
                return True
            if self.status == "joined" and player == me:
                self.status, self.question = "replaced", None
                return True
        elif kind == "refuse" and self._mine(event):
            self.status, self.message = "refused", "The teacher did not let you back in."
            return True
        elif kind == "deny" and self._mine(event):
            self.status = "denied"
            self.message = DENIED.get(str(event.get("reason")), "You cannot join.")
            return True
        elif kind == "remove":
            self._active.discard(player)
            if player == me and self.status in ("joined", "waiting_back"):
                self.status, self.question = "removed", None
                return True
        elif kind == "ask":
            self._open_for = set(self._active)
            self._extra, self._paused_at = 0.0, None
            view = QuestionView(
                int(event.get("number", 0)),
                int(event.get("total", 0)),
                str(event.get("prompt", "")),
                tuple(str(o) for o in event.get("options", ())),
                float(event["t"]),
                self.seconds,
            )
            self.question = view if me in self._open_for else None
            self._last_view = view
            self._open_now = True
            self.result = None
            self.message = ""
            return self.status == "joined"
        elif kind == "pause":
            self._paused_at = float(event["t"])
            return self.question is not None
        elif kind == "resume" and self._paused_at is not None:
            self._extra += max(0.0, float(event["t"]) - self._paused_at)
            self._paused_at = None
            return self.question is not None
        elif kind == "more":
            self._extra += float(event.get("seconds", 0))
            return self.question is not None
        elif kind == "answer":
            number = int(event.get("number", 0))
            self._answered_by[player] = max(self._answered_by.get(player, 0), number)
            if player == me:
                self.answered = max(self.answered, number)
        elif kind in ("close", "timeout", "skip"):
            self.question, self._open_now = None, False
            if self.status == "joined":
                self.message = ""
            return self.status == "joined"
        elif kind == "shown":  # a question closed (by the last answer, too): its verdicts
            if self.question is not None and self.question.number <= int(event.get("number", 0)):
                self.question = None
            self._open_now = False
            if self.status == "joined":
                self.message = ""  # "Answer received" and the like were about that question
            self.standings = list(event.get("standings", []))
            mine = dict(event.get("results", {})).get(self.name) if self.name else None
            if mine is not None and self.status == "joined":
                self.result = ResultView(
                    int(event.get("number", 0)),
                    str(mine.get("outcome", "")),
                    float(mine.get("points", 0)),
                    str(mine.get("feedback", "")),
                    str(event.get("answer", "")),
                    str(event.get("explanation", "")),
                    str(event.get("source", "")),
                )
                return True
        elif kind == "end":
            self.question = None
            if self.status in ("joined", "asking", "waiting_back", "name", "code"):
                self.status = "over"
            return True
        elif kind == "final":
            self.standings = list(event.get("standings", []))
            return True
        return False

    def _take_place(self, name: str) -> None:
        """Joined, or let back in: a reloaded tab takes over the open question as its old
        tab left it (answered or not)."""
        self.status, self.name, self.message = "joined", name, ""
        me = fold(name)
        self.answered = max(self.answered, self._answered_by.get(me, 0))
        if self._open_now and me in self._open_for:
            self.question = self._last_view

    # -- words for the screens --------------------------------------------------------------

    def place(self) -> str:
        """The student's place, e.g. "You are 2nd of 5 with 1700 points"."""
        from quizbot.classroom.wording import PLACES

        for rank, name, points, *_ in self.standings:
            if name == self.name:
                where = PLACES.get(int(rank), f"{rank}th")
                return f"You are {where} of {len(self.standings)} with {float(points):.0f} points"
        return ""

    def podium(self) -> list[str]:
        from quizbot.classroom.wording import PLACES

        return [
            f"{PLACES[int(rank)]}: {name} with {float(points):.0f} points"
            for rank, name, points, *_ in self.standings
            if int(rank) in PLACES
        ]

    def result_lines(self, podium: str = "PODIUM") -> list[str]:
        """The closed question's verdict, explanation, source and place; the podium at
        the end under the heading ``podium`` (the same lines on every student screen)."""
        lines: list[str] = []
        result = self.result
        if result is not None and self.question is None and self.status == "joined":
            lines.append(result.verdict_line())
            if result.explanation:
                lines.append(result.explanation)
            if result.source:
                lines.append(f"Source: {result.source}")
            if self.place():
                lines.append(self.place())
        if self.status == "over":
            lines += [podium, *self.podium()]
            if self.place():
                lines.append(self.place())
        return lines

    def status_text(self) -> str:
        """What the student reads, apart from the question and the result."""
        if self.status == "code":
            return self.message or "Type the join code the teacher shows."
        if self.status == "name":
            return self.message or "Type your name."
        if self.status == "asking":
            return "Joining..."
        if self.status == "waiting_back":
            return f"{WAITING_BACK} (as {self.name})."
        if self.status in ("refused", "denied"):
            return self.message
        if self.status == "removed":
            return "The teacher removed you from the class."
        if self.status == "replaced":
            return "You joined again from another tab: this one is closed."
        if self.status == "over":
            return "The class is over."
        if self.question is not None:
            return RECEIVED if self.answered >= self.question.number else ""
        if self._open_now:
            return "Waiting for the teacher's next question (this one began before you joined)."
        return WAITING if self.result is None else "Waiting for the teacher's next question..."


# What each step's input line asks for, on every student screen.
LABELS = {"code": "Join code", "name": "Your name", "team": "Team", "answer": "Your answer"}


class StudentScreen:
    """What a student's screen asks for and shows, front-independent: the terminal app
    and the light page both drive one of these. ``step`` is the line asked for (code,
    name, team, answer, or none); a class with teams asks the team after the name."""

    def __init__(self, client: StudentClient) -> None:
        self.client = client
        self.step = "code"
        self.typed_name = ""

    def take(self, text: str) -> None:
        """A line the student typed: a code, a name, a team or an answer."""
        client = self.client
        self.step = self.next_step()
        if self.step == "code":
            client.enter_code(text)
        elif self.step == "name":
            if client.teams:
                if text.strip():
                    self.typed_name, self.step = text, "team"
                    client.message = ""
                return
            client.join(text)
        elif self.step == "team":
            if not client.join(self.typed_name, text):
                self.step = "name" if "name" in client.message else "team"
        elif self.step == "answer":
            client.answer(text)

    def next_step(self) -> str:
        client = self.client
        if client.status == "code":
            return "code"
        if client.status in ("name", "refused", "denied"):
            return "team" if self.step == "team" else "name"
        question = client.question
        if client.status == "joined" and question is not None:
            return "answer" if client.answered < question.number else "none"
        return "none"

    def refresh(self) -> QuestionView | None:
        """Settle the step for the screen about to be drawn; the question it shows."""
        self.step = self.next_step()
        return self.client.question if self.client.status == "joined" else None

    def where(self, question: QuestionView | None) -> str:
        """The top line: "Question 2 of 10   (Ann)"."""
        client = self.client
        where = f"Question {question.number} of {question.total}" if question else ""
        if client.name and client.status == "joined":
            where = f"{where}   ({client.name})" if where else client.name
        return where

    def options(self, question: QuestionView | None) -> list[str]:
        from quizbot.quiz import letter

        return [f"{letter(i)}. {t}" for i, t in enumerate(question.options)] if question else []

    def said(self) -> str:
        """The status line, with the last message to the student first."""
        client = self.client
        said = client.status_text()
        if client.message and client.message not in said:
            said = f"{client.message}\n{said}"
        return said

    def label(self) -> str:
        """What the input line is for ("" when nothing can be typed)."""
        label = LABELS.get(self.step, "")
        if self.step == "team":
            label += " (" + ", ".join(self.client.teams) + ")"
        return label
