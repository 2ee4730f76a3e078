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

from quizbot.quiz import letter
from quizbot.tui.widgets.literal import literal, literal_line

if TYPE_CHECKING:
    from quizbot.classroom.class_student import StudentClient

POLL_SECONDS = 0.1
LABELS = {
    "code": "Join code",
    "name": "Your name",
    "team": "Team",
    "answer": "Your answer",
}


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
        self.step = "code"  # code, name, team, answer, none
        # Under the web server, a tab is this process's parent's connection: a server
        # that died outright (SIGKILL, out of memory) leaves the process orphaned, and
        # nobody would ever see it again; it leaves instead of repainting forever.
        self._server_pid = os.getppid()
        self.typed_name = ""

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
        client = self.client
        if self.step == "code":
            client.enter_code(text)
        elif self.step == "name":
            if client.teams:
                if text.strip():
                    self.typed_name, self.step = text, "team"
                    client.message = ""
                self._show()
                return
            client.join(text)
        elif self.step == "team":
            if not client.join(self.typed_name, text):
                self.step = "name" if "name" in client.message else "team"
        elif self.step == "answer":
            client.answer(text)
        self._show()

    def _next_step(self) -> str:
        client = self.client
        if client.status == "code":
            return "code"
        if client.status in ("name", "refused", "denied"):
            return "team" if self.step == "team" else "name"
        question = client.question
        if client.status == "joined" and question is not None:
            return "answer" if client.answered < question.number else "none"
        return "none"

    def _show(self) -> None:
        client = self.client
        self.step = self._next_step()
        question = client.question if client.status == "joined" else None
        where = f"Question {question.number} of {question.total}" if question else ""
        if client.name and client.status == "joined":
            where = f"{where}   ({client.name})" if where else client.name
        self.query_one("#where", Label).update(literal_line(where))
        self.query_one("#question", Static).update(literal(question.prompt if question else ""))
        options = [f"{letter(i)}. {t}" for i, t in enumerate(question.options)] if question else []
        self.query_one("#options", Static).update(literal("\n".join(options)))
        self.query_one("#result", Static).update(literal("\n".join(self.client.result_lines())))
        said = client.status_text()
        if client.message and client.message not in said:
            said = f"{client.message}\n{said}"
        self.query_one("#status", Static).update(literal(said))
        field = self.query_one("#field", Label)
        line = self.query_one("#line", Input)
        if self.step == "none":
            field.update("")
            line.disabled = True
        else:
            label = LABELS[self.step]
            if self.step == "team":
                label += " (" + ", ".join(client.teams) + ")"
            field.update(literal_line(label))
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
