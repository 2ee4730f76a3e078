"""The student's screen in a class: what each browser tab (and ``quizbot class join``)
shows. A view of a :class:`~quizbot.classroom.class_student.StudentClient`: one input
line whose label says what it takes (``Join code``, ``Your name``, ``Team``, ``Your
answer``), the question, the verdict, and the podium at the end.

Locked to the class: no commands, no packs, no questions to the bot; every line typed is
a code, a name, a team or an answer. Names, questions and answers are shown as text.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Digits, Input, Label, Static

from quizbot.classroom.class_student import LABELS, StudentScreen
from quizbot.tui.widgets.literal import literal, literal_line

if TYPE_CHECKING:
    from quizbot.classroom.class_student import StudentClient

POLL_SECONDS = 0.1


class StudentApp(App[int]):
    """One student in a class."""

    TITLE = "quizbot class"
    CSS = """
    #top { height: auto; padding: 0 1; }
    #where { width: 1fr; text-style: bold; color: $primary; }
    #countdown { width: 12; height: 3; }
    #body { height: 1fr; padding: 0 1; }
    #question { text-style: bold; padding: 1 0 0 0; height: auto; }
    #options { padding: 0 2; height: auto; }
    #result { padding: 1 0 0 0; height: auto; }
    #status { padding: 1 0 0 0; color: $secondary; height: auto; }
    #field { padding: 0 1; height: 1; text-style: bold; }
    #line { margin: 0 1 1 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Leave", priority=True),
    ]

    def __init__(self, client: StudentClient) -> None:
        super().__init__()
        self.client = client
        self.screen_state = StudentScreen(client)  # ("screen" is Textual's own)
        # Under the web server, a tab is this process's parent's connection: a server
        # that died outright (SIGKILL, out of memory) leaves the process orphaned, and
        # nobody would ever see it again; it leaves instead of repainting forever.
        self._server_pid = os.getppid()

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label("", id="where")
            yield Digits("", id="countdown")
        with VerticalScroll(id="body"):
            yield Static("", id="question")
            yield Static("", id="options")
            yield Static("", id="result")
            yield Static("", id="status")
        yield Label(LABELS["code"], id="field")
        yield Input(id="line", max_length=200)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self._poll)
        self._show()
        self.query_one("#line", Input).focus()

    def _poll(self) -> None:
        if not self.is_running or not self.screen.query("#line"):
            return
        if os.getppid() != self._server_pid:
            self.exit(0)
            return
        if self.client.poll():
            self._show()
        else:
            self._show_clock()

    @on(Input.Submitted, "#line")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value
        event.input.value = ""
        self.screen_state.take(text)
        self._show()

    def _show(self) -> None:
        state = self.screen_state
        question = state.refresh()
        self.query_one("#where", Label).update(literal_line(state.where(question)))
        self.query_one("#question", Static).update(literal(question.prompt if question else ""))
        self.query_one("#options", Static).update(literal("\n".join(state.options(question))))
        self.query_one("#result", Static).update(literal("\n".join(self.client.result_lines())))
        self.query_one("#status", Static).update(literal(state.said()))
        field = self.query_one("#field", Label)
        line = self.query_one("#line", Input)
        if state.step == "none":
            field.update("")
            line.disabled = True
        else:
            field.update(literal_line(state.label()))
            line.disabled = False
            line.password = False
            line.focus()
        self._show_clock()

    def _show_clock(self) -> None:
        left = self.client.remaining()
        shown = "" if left is None else f"{int(left + 0.999)}"
        countdown = self.query_one("#countdown", Digits)
        if countdown.value != shown:  # polled ten times a second: repaint only on a change
            countdown.update(shown)


def run_student_app(client: StudentClient) -> int:
    result = StudentApp(client).run()
    return 0 if result is None else result
