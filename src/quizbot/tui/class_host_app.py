"""The teacher's screen for a class in browsers: the address, the join code and a QR code
to share, who joined, the current question with its countdown and how many have answered,
the leaderboard, and a modal when a student asks to rejoin.

The class's work is in :class:`~quizbot.classroom.class_host.ClassHost`; this screen
polls it a few times a second and runs the teacher's keys and commands through it.
Names come from students' browsers: they are shown through ``literal`` (or
``rich.text.Text`` in the table), as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, ScreenStackError
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Digits, Footer, Input, Label, Static

from quizbot.classroom.drill import DrillError
from quizbot.classroom.session import SessionError
from quizbot.classroom.wording import PLACES
from quizbot.safetext import safe_line
from quizbot.tui.widgets.literal import literal, literal_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizbot.classroom.class_host import ClassHost

POLL_SECONDS = 0.1
MAX_NOTES = 6


class RejoinScreen(ModalScreen[bool]):
    """ "Alice wants to rejoin": let the new tab take her place, or not."""

    DEFAULT_CSS = """
    RejoinScreen { align: center middle; }
    #ask { width: 50; height: auto; border: thick $warning; padding: 1 2; background: $panel; }
    #ask Label { width: 100%; margin-bottom: 1; }
    #ask Horizontal { height: auto; }
    #ask Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "answer(True)", "Accept"),
        Binding("r", "answer(False)", "Refuse"),
        Binding("escape", "dismiss_later", "Later"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.student = name

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Label(literal_line(f"{self.student} wants to rejoin"))
            yield Label(
                "A new tab asks for this student's place, score and answers. "
                "Is it them (a reloaded page)?"
            )
            with Horizontal():
                yield Button("Accept", id="accept", variant="success")
                yield Button("Refuse", id="refuse", variant="error")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "accept")

    def action_answer(self, accept: bool) -> None:
        self.dismiss(accept)

    def action_dismiss_later(self) -> None:
        self.app.pop_screen()


class ClassHostApp(App[int]):
    """The class on the teacher's screen. Returns 0 when the teacher leaves."""

    TITLE = "quizbot class"
    CSS = """
    #top { height: 1; padding: 0 1; }
    #where { width: 1fr; text-style: bold; color: $primary; }
    #share { width: auto; text-style: bold; color: $secondary; }
    #main { height: 1fr; }
    #left { width: auto; min-width: 16; max-width: 30; height: 1fr; }
    #qr { width: auto; height: auto; color: white; background: black; }
    #students { width: auto; height: 1fr; padding: 0 1; }
    #centre { width: 1fr; height: 1fr; padding: 0 1; }
    #question { text-style: bold; height: auto; max-height: 5; }
    #options { height: auto; max-height: 4; padding: 0 2; }
    #clock { height: auto; }
    #countdown { width: auto; }
    #answered { width: 1fr; text-style: bold; }
    #notes { height: 1fr; }
    #leaderboard { width: 26; height: 1fr; }
    #line { dock: bottom; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "next", "Next", tooltip="Open the next question for every student"),
        Binding("f3", "close", "Close", tooltip="Close the open question now"),
        Binding("f4", "qr", "QR", tooltip="Show or hide the QR code"),
        Binding("f5", "pause", "Pause"),
        Binding("f6", "type('/remove ')", "Remove", tooltip="Remove a student: type the name"),
        Binding("f7", "type('/accept ')", "Accept", tooltip="Let a student back in"),
        Binding("f8", "type('/refuse ')", "Refuse", tooltip="Do not let them back in"),
        Binding("f10", "end", "End", tooltip="End the class: the podium"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, host: ClassHost, address: str, qr: list[str] | None = None) -> None:
        super().__init__()
        self.host = host
        self.address = address
        self.qr = qr if qr is not None else []
        self.notes: list[str] = []
        self.asked: set[str] = set()  # pending rejoins already put to the teacher
        self.show_qr: bool | None = None  # None: until the first question opens
        self.rows: list[tuple[str, str, str]] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label("", id="where")
            yield Label("", id="share")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Static("", id="qr")
                yield Static("", id="students")
            with Vertical(id="centre"):
                yield Static("", id="question")
                yield Static("", id="options")
                with Vertical(id="clock"):
                    yield Digits("", id="countdown")
                    yield Label("", id="answered")
                yield Static("", id="notes")
            yield DataTable(id="leaderboard", cursor_type="none", zebra_stripes=True)
        yield Input(placeholder="/next, /close, /remove NAME ... (F-keys below)", id="line")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#leaderboard", DataTable)
        table.add_columns("#", "Student", "Points")
        self.query_one("#qr", Static).update("\n".join(self.qr))
        self._show()
        self.set_interval(POLL_SECONDS, self._poll)
        self.query_one("#line", Input).focus()

    # -- moves ---------------------------------------------------------------------------------

    @on(Input.Submitted, "#line")
    def _submitted(self, event: Input.Submitted) -> None:
        line = event.value
        event.input.value = ""
        self._do(lambda: self.host.command(line))

    def action_next(self) -> None:
        self._do(lambda: self.host.command("/next"))

    def action_close(self) -> None:
        self._do(lambda: self.host.command("/close"))

    def action_pause(self) -> None:
        room = self.host.room
        self._do(lambda: self.host.command("/resume" if room.paused else "/pause"))

    def action_end(self) -> None:
        self._do(lambda: self.host.command("/end"))

    def action_qr(self) -> None:
        self.show_qr = not self._qr_shown()
        self._show()

    def _qr_shown(self) -> bool:
        return self.host.room.number == 0 if self.show_qr is None else self.show_qr

    def action_type(self, start: str) -> None:
        line = self.query_one("#line", Input)
        line.value = start
        line.cursor_position = len(start)
        line.focus()

    def _do(self, move: Callable[[], list[str]]) -> None:
        try:
            notes = move()
        except DrillError as error:
            self.notify(safe_line(str(error)), severity="warning", markup=False)
            return
        except SessionError as error:
            self.notify(safe_line(str(error)), severity="error", markup=False, timeout=30)
            return
        self._add(notes)
        self._show()

    def _poll(self) -> None:
        try:
            if not self.screen.query("#countdown") and not isinstance(self.screen, RejoinScreen):
                return
        except ScreenStackError:
            return  # closing
        try:
            notes = self.host.poll()
        except SessionError as error:
            self.notify(safe_line(str(error)), severity="error", markup=False, timeout=30)
            return
        if notes:
            self._add(notes)
            self._show()
        else:  # polled ten times a second: only the countdown moves on its own
            self._show_clock()
        self._ask_rejoins()

    def _ask_rejoins(self) -> None:
        if isinstance(self.screen, RejoinScreen):
            return
        for name in self.host.room.pending_names():
            if name not in self.asked:
                self.asked.add(name)

                def answered(accept: bool | None, name: str = name) -> None:
                    self.asked.discard(name)
                    if accept is not None:
                        word = "/accept" if accept else "/refuse"
                        self._do(lambda: self.host.command(f"{word} {name}"))

                self.push_screen(RejoinScreen(name), answered)
                return

    # -- showing -----------------------------------------------------------------------------------

    def _add(self, notes: list[str]) -> None:
        self.notes = (self.notes + [n for n in notes if not n.startswith("  ")])[-MAX_NOTES:]

    def _show(self) -> None:
        if isinstance(self.screen, RejoinScreen):
            return
        host, room = self.host, self.host.room
        self.query_one("#where", Label).update(literal_line(host.status_line()))
        self.query_one("#share", Label).update(
            literal_line(f"{self.address}  code {room.rules.code}")
        )
        qr = self.query_one("#qr", Static)
        qr.display = self._qr_shown() and bool(self.qr)
        joined = room.joined()
        lines = [f"Joined: {len(joined)}"] + [
            s.name + (f" ({s.team})" if s.team else "") for s in joined
        ]
        lines += [f"{name} wants to rejoin" for name in room.pending_names()]
        self.query_one("#students", Static).update(literal("\n".join(lines)))
        current = room.current() if room.open is not None else None
        question = current[1].prompt if current is not None else ""
        self.query_one("#question", Static).update(literal(question))
        options = [f"{chr(65 + i)}. {t}" for i, t in enumerate(room.options())]
        self.query_one("#options", Static).update(literal("\n".join(options)))
        answered, asked = room.answered_count()
        self.query_one("#answered", Label).update(
            f"Answered: {answered} of {asked}" if room.open is not None else ""
        )
        if room.phase == "finished":
            podium = ["PODIUM"] + [
                f"{PLACES.get(s.rank, str(s.rank))}  {s.name}  {s.points:.0f}"
                for s in room.podium()
            ]
            self.query_one("#notes", Static).update(literal("\n".join(podium)))
        else:
            self.query_one("#notes", Static).update(literal("\n".join(self.notes)))
        left = room.remaining()
        self.query_one("#countdown", Digits).update(
            "--" if left is None else f"{int(left + 0.999)}"
        )
        standings = room.team_standings() if room.settings.teams else room.standings()
        rows = [(str(s.rank), safe_line(s.name), f"{s.points:.0f}") for s in standings[:60]]
        if rows != self.rows:  # polled ten times a second: redraw only on a change
            self.rows = rows
            table = self.query_one("#leaderboard", DataTable)
            table.clear()
            for rank, name, points in rows:
                table.add_row(rank, Text(name), points)

    def _show_clock(self) -> None:
        if isinstance(self.screen, RejoinScreen):
            return
        left = self.host.room.remaining()
        shown = "--" if left is None else f"{int(left + 0.999)}"
        countdown = self.query_one("#countdown", Digits)
        if countdown.value != shown:
            countdown.update(shown)


def run_class_host_app(host: ClassHost, address: str) -> int:
    from quizbot.qrtext import qr_lines

    result = ClassHostApp(host, address, qr_lines(address)).run()
    room = host.room
    if room.phase != "finished":
        host.command("/end")  # the students see the end; the session keeps every answer
    print(f"Report: quizbot report {safe_line(str(host.session.folder))}")
    return 0 if result is None else result
