"""``quizbot drill`` on one screen, for a projector: the question large, a countdown and
the last points in big digits, the leaderboard, and the teacher's input line.

The drill (``quizbot.classroom.drill``) does the work; this screen shows its state after
every move and calls ``tick`` a few times a second so a turn's time runs out on screen.
Every pack text and name goes through ``literal`` (or ``rich.text.Text`` in the table):
shown as written, never read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, ScreenStackError
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.theme import Theme
from textual.widgets import DataTable, Digits, Footer, Input, Label, Static

from quizbot.classroom.drill import COMMANDS_HELP, DrillError
from quizbot.classroom.session import SessionError
from quizbot.classroom.wording import PLACES, moved
from quizbot.quiz import letter
from quizbot.safetext import safe_line
from quizbot.tui.widgets.literal import literal, literal_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizbot.classroom.drill import Drill
    from quizbot.classroom.session import Session

# Readable from the back of a room: white and yellow on black, nothing faint.
PROJECTOR = Theme(
    name="projector",
    primary="#FFD700",
    secondary="#00BFFF",
    accent="#FFD700",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF66",
    warning="#FFD700",
    error="#FF5555",
    dark=True,
)

TICK_SECONDS = 0.25


class DrillApp(App[int]):
    """The drill on the projector. Returns 0 when the teacher leaves (all is saved)."""

    TITLE = "quizbot drill"
    # How often the countdown is read; a test that moves the drill's clock by hand sets
    # it out of reach and ticks itself, so no real tick lands between its steps.
    tick_seconds: float = TICK_SECONDS
    CSS = """
    Screen { background: $background; color: $foreground; }
    #top { height: auto; padding: 0 1; }
    #where { width: 1fr; text-style: bold; color: $primary; }
    #turn { width: auto; text-style: bold; color: $secondary; }
    #question { padding: 1 2; text-style: bold; height: auto; }
    #options { padding: 0 4; height: auto; }
    #middle { height: 1fr; }
    #notes { width: 1fr; min-width: 24; padding: 0 1; height: 1fr; }
    #clock { width: 16; align: center top; height: auto; }
    #clock Digits { width: 100%; text-align: center; color: $primary; }
    #clock Label { width: 100%; text-align: center; }
    #leaderboard { width: 34; height: 1fr; }
    #podium { display: none; padding: 1 4; text-style: bold; height: auto; }
    .finished #podium { display: block; }
    .finished #question, .finished #options { display: none; }
    #line { dock: bottom; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "pause", "Pause", tooltip="Stop the clock, or start it again"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Leave (everything is saved)", priority=True),
    ]

    def __init__(self, drill: Drill, session: Session | None, notes: list[str]) -> None:
        super().__init__()
        self.drill = drill
        self.session = session
        self.first_notes = notes

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label("", id="where")
            yield Label("", id="turn")
        yield Static("", id="question")
        yield Static("", id="options")
        yield Static("", id="podium")
        with Horizontal(id="middle"):
            yield Static("", id="notes")
            with Vertical(id="clock"):
                yield Label("time left")
                yield Digits("", id="countdown")
                yield Label("last points")
                yield Digits("", id="points")
            yield DataTable(id="leaderboard", cursor_type="none", zebra_stripes=True)
        yield Input(placeholder=self._placeholder(), id="line")
        yield Footer()

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR)
        self.theme = "projector"
        table = self.query_one("#leaderboard", DataTable)
        table.add_columns("#", "Team", "Points", "")
        self._show(self.first_notes)
        self.set_interval(self.tick_seconds, self._tick)
        self.query_one("#line", Input).focus()

    # -- the teacher's line ---------------------------------------------------------

    @on(Input.Submitted, "#line")
    def _submitted(self, event: Input.Submitted) -> None:
        line = event.value
        event.input.value = ""
        if self.drill.phase == "finished" and not line.strip():
            self.exit(0)
            return
        self._do(lambda: self.drill.command(line), answer=not line.strip().startswith("/"))

    def action_pause(self) -> None:
        self._do(lambda: self.drill.command("/pause"), answer=False)

    def _do(self, move: Callable[[], list[str]], *, answer: bool = True) -> None:
        try:
            late = self.drill.tick()
            if late and answer:
                # The turn ran out while the line was typed: it is not the next team's.
                self._show(late)
                self.notify("Time ran out before that line: it was not taken.", markup=False)
                return
            notes = [*late, *move()]
        except DrillError as error:
            self.notify(safe_line(str(error)), severity="warning", markup=False)
            return
        except SessionError as error:  # the disk failed: say so, the move was not made
            self.notify(safe_line(str(error)), severity="error", markup=False, timeout=30)
            return
        self._show(notes)

    def _tick(self) -> None:
        try:
            closing = not self.screen.query("#countdown")
        except ScreenStackError:
            closing = True
        if closing:  # a tick that lands while the app closes: its widgets are gone
            return
        try:
            notes = self.drill.tick()
        except SessionError as error:
            self.notify(safe_line(str(error)), severity="error", markup=False, timeout=30)
            return
        if notes:
            self._show(notes)
        else:
            self._show_clock()

    # -- showing the drill ----------------------------------------------------------

    def _show(self, notes: list[str]) -> None:
        drill = self.drill
        current = drill.current()
        where = f"Question {drill.number} of {drill.total}" if current else ""
        if drill.phase == "between":
            where += " · closed: Enter for the next"
        if drill.paused:
            where += " · PAUSED"
        self.query_one("#where", Label).update(literal_line(where))
        turn = drill.whose_turn()
        said = f"{turn}'s turn" if turn and drill.settings.mode == "turns" else ""
        if turn and drill.settings.mode == "buzzer":
            said = f"{turn} buzzed"
        self.query_one("#turn", Label).update(literal_line(said))
        question = current[1].prompt if current is not None else ""
        self.query_one("#question", Static).update(literal(question))
        options = [f"{letter(i)}. {text}" for i, text in enumerate(drill.options())]
        self.query_one("#options", Static).update(literal("\n".join(options)))
        if notes:
            self.query_one("#notes", Static).update(literal("\n".join(notes)))
        last = drill.answers[-1].points if drill.answers else 0
        self.query_one("#points", Digits).update(f"{last:.0f}")
        self._show_table()
        self._show_clock()
        finished = drill.phase == "finished"
        self.set_class(finished, "finished")
        if finished:
            lines = ["PODIUM", ""] + [
                f"{PLACES.get(s.rank, str(s.rank))}  {s.name}  {s.points:.0f}"
                for s in drill.podium()
            ]
            if self.session is not None:
                lines += ["", f"Report: quizbot report {self.session.folder}"]
            self.query_one("#podium", Static).update(literal("\n".join(lines)))
        self.query_one("#line", Input).placeholder = self._placeholder()

    def _show_table(self) -> None:
        table = self.query_one("#leaderboard", DataTable)
        table.clear()
        rows = self.drill.team_standings() if self.drill.settings.teams else self.drill.standings()
        for s in rows:
            change = moved(s)
            arrow = f"▲ {change[3:]}" if change.startswith("up") else ""
            table.add_row(str(s.rank), Text(safe_line(s.name)), f"{s.points:.0f}", Text(arrow))

    def _show_clock(self) -> None:
        left = self.drill.remaining()
        shown = "--" if left is None else f"{int(left + 0.999)}"
        self.query_one("#countdown", Digits).update(shown)

    def _placeholder(self) -> str:
        drill = self.drill
        if drill.phase == "finished":
            return "The drill is over: Enter to leave"
        if drill.phase == "between":
            return "Enter for the next question, or /right, /wrong to overrule"
        if drill.settings.mode == "buzzer":
            return "Who answers and what: Red: Paris   (" + COMMANDS_HELP + ")"
        return "The answer   (" + COMMANDS_HELP + ")"


def run_drill_app(drill: Drill, session: Session | None, notes: list[str]) -> int:
    result = DrillApp(drill, session, notes).run()
    if session is not None and drill.phase != "finished":
        print(f"Stopped. Go on with: quizbot drill --resume {safe_line(str(session.folder))}")
    elif session is not None:
        print(f"Report: quizbot report {safe_line(str(session.folder))}")
    return 0 if result is None else result
