"""The terminal UI: a chat with the tutor, with round progress, a summary and stats."""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Label, ProgressBar

from quizbot.safetext import safe_line, safe_text
from quizbot.tui.commands import QuizCommands
from quizbot.tui.screens.stats import StatsScreen
from quizbot.tui.screens.summary import SummaryScreen
from quizbot.tui.signals import quit_on_exit_signals
from quizbot.tui.slash import parse_slash
from quizbot.tui.widgets.answer_input import AnswerInput
from quizbot.tui.widgets.transcript import Transcript
from quizbot.tutor.messages import BotMessage, RoundReport

if TYPE_CHECKING:
    from quizbot.progress.store import ProgressStore
    from quizbot.tutor import Tutor

# Work for the tutor's thread, and what to do with its result back on the UI thread.
Job = tuple[Callable[[], Any], Callable[[Any], None]]

PLACEHOLDERS = {
    "menu": "A topic's number or name, or Enter for all topics (/help)…",
    "question": "Type your answer, or /hint, /skip…",
    "finished_round": "Enter for another round, or review for the misses…",
    "ended": "Goodbye! Press ctrl+q to quit.",
}


class QuizApp(App[int]):
    """A chat-style quiz tutor. Returns 0 when the learner quits."""

    CSS_PATH = "quizbot.tcss"
    EXIT_DELAY = 1.0  # seconds the goodbye stays on screen after /quit
    TITLE = "quizbot"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {QuizCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "hint", "Hint", tooltip="A clue for this question (costs a little)"),
        Binding("ctrl+s", "skip", "Skip", tooltip="Show the answer and go on"),
        Binding("ctrl+n", "new_round", "New round", tooltip="Start a new round"),
        Binding("ctrl+g", "stats", "Stats", tooltip="Your progress over time"),
        Binding("f1", "help", "Help", tooltip="What you can type and which keys do what"),
        Binding(
            "ctrl+q", "quit", "Quit", tooltip="Leave quizbot (progress is saved)", priority=True
        ),
    ]

    def __init__(
        self,
        tutor: Tutor,
        *,
        store: ProgressStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.tutor = tutor
        self.store = store if store is not None else tutor.store
        self.clock = clock
        # Tutor calls run one at a time in a thread, in the order the learner made them.
        self._jobs: deque[Job] = deque()
        self._busy = False
        self._leaving = False
        self.exit_warnings: list[str] = []
        self.exit_signals: list[int] = []  # SIGTERM/SIGHUP received, in order

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="round-bar"):
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="round-progress")
            yield Label("", id="round-label")
        yield Transcript(id="transcript")
        yield AnswerInput(placeholder=PLACEHOLDERS["question"], id="answer")
        yield Footer()

    def on_mount(self) -> None:
        notices = self.store.pending_notices() if self.store is not None else []
        if self.store is not None and notices:  # repairs (e.g. by `stats`) are told once
            self._show_local([BotMessage(kind="warning", text=w) for w in notices])
            self.store.acknowledge(notices)
        if self.store is not None:  # quitting may wait for a copy holding the progress lock
            self.store.on_wait = partial(self.call_from_thread, self._say_waiting)
        self._refresh_status()
        self.query_one(AnswerInput).focus()
        self._ask(self.tutor.start)

    @property
    def busy(self) -> bool:
        """True while the tutor is working or has lines waiting."""
        return self._busy or bool(self._jobs)

    # -- the learner speaks -------------------------------------------------

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        line = event.value
        answer = self.query_one(AnswerInput)
        answer.remember(line)
        if not line.strip():
            # Enter alone means something to the tutor: "start", "next round".
            self.query_one(Transcript).add_learner("(Enter)")
            self._ask(partial(self.tutor.respond, ""))
            return
        self.query_one(Transcript).add_learner(line)
        if line.lstrip().startswith("/") and parse_slash(line)[0] == "stats":
            self.action_stats()  # the one command that belongs to the screen, not the tutor
            return
        # Everything else, slash commands included, goes to the one conversation engine.
        self._ask(partial(self.tutor.respond, line))

    def send_command(self, name: str, arg: str = "") -> None:
        """Run a tutor command from a key, a button or the palette, shown as if typed."""
        self.query_one(Transcript).add_learner(f"/{name} {arg}".rstrip())
        self._command(name, arg)

    def _command(self, name: str, arg: str) -> None:
        self._ask(partial(self.tutor.command, name, arg))

    # -- the tutor answers (in a thread; results come back in order) --------

    def _ask(self, call: Callable[[], list[BotMessage]]) -> None:
        self._enqueue(call, self._deliver)

    def _enqueue(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run ``work`` in the tutor's thread after earlier work, then ``then(result)`` here."""
        self._jobs.append((work, then))
        self._pump()

    def _pump(self) -> None:
        if self._busy or not self._jobs or self._leaving:
            return
        job = self._jobs.popleft()
        self._busy = True
        self.run_worker(
            partial(self._run_job, job), thread=True, group="tutor", exit_on_error=False
        )

    def _run_job(self, job: Job) -> None:
        """Runs in a worker thread: saving progress (fsync) must not freeze typing."""
        work, then = job
        try:
            result = work()
        except Exception as exc:  # a bug in the tutor must not take the session down
            result, then = exc, self._failed
        with suppress(RuntimeError):  # the app closed while the tutor was working
            self.call_from_thread(self._finish, then, result)

    def _finish(self, then: Callable[[Any], None], result: Any) -> None:
        try:
            then(result)
        finally:
            self._busy = False
            self._pump()

    def _failed(self, exc: Exception) -> None:
        self._deliver([BotMessage(kind="warning", text=f"Something went wrong: {exc}")])

    def _deliver(self, messages: list[BotMessage]) -> None:
        report = self._show_local(messages)
        self._refresh_status()
        if report is not None and not isinstance(self.screen, SummaryScreen):
            self.push_screen(SummaryScreen(report), self._summary_closed)
        if self.tutor.status.stage == "ended" and not self._leaving:
            self._leaving = True
            if self.EXIT_DELAY > 0:
                self.set_timer(self.EXIT_DELAY, partial(self.exit, 0))
            else:
                self.call_later(self.exit, 0)

    def _show_local(self, messages: list[BotMessage]) -> RoundReport | None:
        """Show messages in the chat (warnings as notifications too); return a round's end."""
        report = None
        for message in messages:
            report = message.report or report
            if message.kind == "warning":
                # Not markup: a warning may quote a path holding "[/]" (it crashed the app).
                text = safe_text(message.text)
                self.notify(text, title="Warning", severity="warning", markup=False)
        self.query_one(Transcript).add_bot(messages)
        return report

    def _summary_closed(self, choice: str | None) -> None:
        if choice:
            self.send_command(choice)

    def _refresh_status(self) -> None:
        status = self.tutor.status
        self.title = safe_line(status.pack_title or "quizbot")
        progress = status.progress
        parts = [safe_line(status.topic_title)] if status.topic_title else []
        if progress is not None:
            parts.append(f"score {progress.score:g}/{progress.total}")
        self.sub_title = " · ".join(parts)
        bar = self.query_one("#round-progress", ProgressBar)
        label = self.query_one("#round-label", Label)
        if progress is not None and progress.total > 0:
            bar.update(total=progress.total, progress=progress.asked)
            label.update(f"{progress.asked}/{progress.total} done · {progress.correct} ✓")
        else:
            bar.update(total=1, progress=0)
            label.update("no round yet")
        self.query_one(AnswerInput).placeholder = PLACEHOLDERS.get(status.stage, "")
        self.refresh_bindings()

    # -- keys and palette ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("hint", "skip", "new_round", "help") and len(self.screen_stack) > 1:
            return False  # a summary or stats screen is open: its own keys apply
        if action == "hint":
            status = self.tutor.status
            return True if status.stage == "question" and status.hint_available else None
        if action == "skip":
            return True if self.tutor.status.stage == "question" else None
        return True

    def action_hint(self) -> None:
        self.send_command("hint")

    def action_skip(self) -> None:
        self.send_command("skip")

    def action_new_round(self) -> None:
        self.send_command("new")

    def action_help(self) -> None:
        self.send_command("help")

    def action_stats(self) -> None:
        if isinstance(self.screen, StatsScreen):
            return
        # Reading the whole history can take a moment: done in the tutor's thread.
        self._enqueue(self._collect_stats, self._show_stats)

    def _show_stats(self, collected: tuple[Mapping[str, Any] | None, str]) -> None:
        if not isinstance(self.screen, StatsScreen):
            stats, note = collected
            self.push_screen(StatsScreen(stats, self._today(), note))

    async def action_quit(self) -> None:
        """Leave at once, but after pending answers are saved and the store is closed."""
        self._enqueue(partial(self.tutor.command, "quit"), self._quit_now)

    def _quit_now(self, messages: list[BotMessage]) -> None:
        # The chat is about to vanish: warnings are printed on the terminal after exit.
        self.exit_warnings = [m.text for m in messages if m.kind == "warning"]
        self._leaving = True
        self.exit(0)

    def _say_waiting(self, text: str) -> None:
        self._show_local([BotMessage(kind="warning", text=text)])

    def _today(self) -> date:
        return datetime.fromtimestamp(self.clock()).date()

    def _collect_stats(self) -> tuple[Mapping[str, Any] | None, str]:
        if self.store is None:
            return None, "Progress is not kept in this session."
        from quizbot.progress.stats import summarize

        try:
            return summarize(self.store, self.clock()), ""
        except Exception as exc:  # a damaged store must not close the app
            return None, f"Could not read your progress: {exc}"

    @on(events.Mount)
    def _quit_on_exit_signals(self) -> None:
        """On a real terminal, SIGTERM/SIGHUP quit as ctrl+q does: saved, terminal restored."""
        if not self.is_headless:
            self.exit_signals = quit_on_exit_signals(
                self, partial(self.call_later, self.action_quit)
            )


def run_app(tutor: Tutor, *, store: ProgressStore | None = None) -> int:
    """Run the terminal UI until the learner quits; the exit status for the shell."""
    app = QuizApp(tutor, store=store)
    result = app.run()
    for warning in app.exit_warnings:
        print(f"quizbot: {safe_line(warning)}", file=sys.stderr)
    if app.exit_signals:  # ended by SIGTERM/SIGHUP (after saving): say so, as the shell does
        return 128 + app.exit_signals[0]
    if app.return_code:
        return app.return_code
    return result if isinstance(result, int) else 0
