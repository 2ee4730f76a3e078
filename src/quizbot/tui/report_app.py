"""``quizbot report SESSION`` on a terminal: the drill's results on one screen.

The players (and teams) with their points, accuracy and time; each question's share of
right answers; and for the question under the cursor, its wrong answers grouped, the
biggest group first. A group the teacher judges right is accepted with ``a``: asked
first, then written to the pack as an ``accept`` (comments kept, the pack validated
again) and the session graded again, and the screen shows the new results.

The work is done outside (``classroom.report`` builds the report, the front's
``Regrader`` writes the pack and grades again); every name and response is shown through
``safe_line`` in a ``rich.text.Text``: as written, never read as markup or obeyed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Label, Static

from quizbot.classroom.drill import DrillError
from quizbot.classroom.report import NO_ANSWER
from quizbot.safetext import safe_line
from quizbot.tui.widgets.literal import literal_line

if TYPE_CHECKING:
    from quizbot.classroom.report import DrillReport, PlayerLine, QuestionLine
    from quizbot.quiz.wrong_answers import WrongGroup


class Accepter(Protocol):
    """Turns a wrong answer into an accepted one and grades the session again."""

    def where(self, number: int) -> str: ...

    def accept(self, number: int, response: str) -> tuple[DrillReport, str]: ...


def _cell(text: str) -> Text:
    """A table cell from untrusted text: one line, escapes visible, no markup."""
    return Text(safe_line(text), no_wrap=True)


class ConfirmAccept(ModalScreen[bool]):
    """Asks before the pack file is changed: y (or the button) to go ahead."""

    DEFAULT_CSS = """
    ConfirmAccept { align: center middle; }
    #dialog { width: 70; max-width: 95%; height: auto; border: thick $warning;
              background: $surface; padding: 1 2; }
    #buttons { height: auto; margin-top: 1; align-horizontal: right; }
    #buttons Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, accept"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, response: str, path: str) -> None:
        super().__init__()
        self.question = question
        self.response = response
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal_line(f"Accept {self.response!r} as right for {self.question}?"))
            yield Label(literal_line(f"It is added to its accepted answers in {self.path},"))
            yield Label("and the whole session is graded again.")
            with Horizontal(id="buttons"):
                yield Button("Accept (y)", id="yes", variant="warning")
                yield Button("Cancel (n)", id="no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ReportApp(App[int]):
    """The report of one drill. Returns 0 when the teacher leaves."""

    TITLE = "quizbot report"
    CSS = """
    #title { padding: 0 1; text-style: bold; height: 1; }
    #people { height: auto; max-height: 9; }
    #people DataTable { height: auto; max-height: 9; }
    #players { width: 1fr; }
    #teams { width: auto; margin-left: 1; }
    #detail { height: 1fr; }
    #questions { width: 1fr; height: 1fr; }
    #groups { width: 1fr; height: 1fr; }
    #about { height: 2; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept answer", tooltip="Mark the highlighted wrong answer right"),
        Binding("w", "focus_groups", "Wrong answers", tooltip="Go to the question's wrong answers"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, report: DrillReport, accepter: Accepter | None, name: str) -> None:
        super().__init__()
        self.report = report
        self.accepter = accepter
        self.session_name = name
        self.shown: QuestionLine | None = None

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(literal_line(f"Report of {self.session_name}"), id="title")
        with Horizontal(id="people"):
            yield DataTable(id="players", cursor_type="row", zebra_stripes=True)
            if self.report.teams and any(p.name != p.team for p in self.report.players):
                yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="detail"):
            yield DataTable(id="questions", cursor_type="row")
            yield DataTable(id="groups", cursor_type="row")
        yield Static(id="about")
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#questions", DataTable).focus()

    def fill(self, keep_question: int = 0, keep_group: int = 0) -> None:
        """Show ``self.report``, the cursors where they were."""
        players = self.query_one("#players", DataTable)
        players.clear(columns=True)
        with_team = any(p.team and p.team != p.name for p in self.report.players)
        team_column = ["Team"] if with_team else []
        players.add_columns("#", "Name", *team_column, "Points", "Right", "Time")
        for place, p in enumerate(self.report.players, 1):
            team = [_cell(p.team)] if with_team else []
            players.add_row(str(place), _cell(p.name), *team, *_scores(p))
        for teams in self.query("#teams").results(DataTable):
            teams.clear(columns=True)
            teams.add_columns("Team", "Points", "Right")
            for t in self.report.teams:
                teams.add_row(_cell(t.name), *_scores(t)[:2])
        questions = self.query_one("#questions", DataTable)
        questions.clear(columns=True)
        questions.add_columns("#", "Question", "Right")
        for q in self.report.questions:
            questions.add_row(
                str(q.number),
                _cell(q.key.split("/", 1)[-1]),
                f"{q.correct}/{q.answered} {q.share_correct:.0%}",
                key=str(q.number),
            )
        if self.report.questions:
            questions.move_cursor(row=min(keep_question, len(self.report.questions) - 1))
            self.show_question(questions.cursor_row, keep_group)

    def show_question(self, row: int, keep_group: int = 0) -> None:
        if not 0 <= row < len(self.report.questions):
            return
        question = self.shown = self.report.questions[row]
        groups = self.query_one("#groups", DataTable)
        groups.clear(columns=True)
        groups.add_columns("Count", "Wrong answer", "Also written")
        for group in question.wrong:
            also = ", ".join(f for f in group.forms if f != group.answer)
            groups.add_row(str(group.count), _cell(group.answer), _cell(also))
        if question.wrong:
            groups.move_cursor(row=min(keep_group, len(question.wrong) - 1))
        about = Text(no_wrap=True, overflow="ellipsis")
        about.append(f"{question.number}. ", style="bold")
        about.append(safe_line(question.prompt))
        about.append("\nanswer: ", style="bold")
        about.append(safe_line(question.answer))
        if not question.wrong:
            about.append("   (no wrong answers)")
        self.query_one("#about", Static).update(about)

    @on(DataTable.RowHighlighted, "#questions")
    def question_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_question(event.cursor_row)

    @on(DataTable.RowSelected, "#questions")
    def question_selected(self) -> None:
        self.action_focus_groups()

    def action_focus_groups(self) -> None:
        self.query_one("#groups", DataTable).focus()

    # -- accepting a wrong answer ---------------------------------------------------

    def highlighted_group(self) -> WrongGroup | None:
        if self.shown is None or not self.shown.wrong:
            return None
        row = self.query_one("#groups", DataTable).cursor_row
        return self.shown.wrong[row] if 0 <= row < len(self.shown.wrong) else None

    def action_accept(self) -> None:
        question, group = self.shown, self.highlighted_group()
        if question is None or group is None:
            self.notify("Pick a wrong answer first (Tab to the wrong answers).", severity="warning")
            return
        if self.accepter is None:
            self.notify("This report cannot change its packs.", severity="warning")
            return
        if group.answer == NO_ANSWER:
            self.notify("No answer cannot be accepted.", severity="warning")
            return
        try:
            path = self.accepter.where(question.number)
        except DrillError as error:
            self.notify(safe_line(str(error)), severity="error", markup=False)
            return
        keep = (self.query_one("#questions", DataTable).cursor_row,
                self.query_one("#groups", DataTable).cursor_row)  # fmt: skip

        def decided(yes: bool | None) -> None:
            if yes:
                self.accept(question, group.answer, keep)

        self.push_screen(ConfirmAccept(question.key, group.answer, path), decided)

    def accept(self, question: QuestionLine, response: str, keep: tuple[int, int]) -> None:
        assert self.accepter is not None
        try:
            report, done = self.accepter.accept(question.number, response)
        except DrillError as error:
            self.notify(safe_line(str(error)), severity="error", markup=False, timeout=10)
            return
        self.report = report
        self.fill(*keep)
        self.notify(safe_line(done), markup=False, timeout=8)


def _scores(p: PlayerLine) -> tuple[str, str, str]:
    """Points, right answers (and the share), and the time all answers took."""
    return (f"{p.points:.0f}", f"{p.correct}/{p.answered} {p.accuracy:.0%}", f"{p.seconds:.1f} s")


def run_report_app(report: DrillReport, accepter: Accepter | None, name: str) -> int:
    """Show the report full screen until the teacher leaves."""
    result = ReportApp(report, accepter, name).run()
    return result if isinstance(result, int) else 0
