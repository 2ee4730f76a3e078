"""The terminal UI: a chat with the tutor, with round progress, a summary and stats.

Each line the learner sends goes to the tutor in a worker thread (saving progress may
fsync); the tutor's reply comes back as a typed Textual message, :class:`TutorReplied`,
handled with ``@on`` on the UI thread. Calls run one at a time, in the order made.
The UI renders the tutor's messages; it never reads their English.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections import deque
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Header, Input, Label, ProgressBar

from quizbot.progress.store import ProgressError, ProgressStore
from quizbot.safetext import safe_line, safe_text
from quizbot.tui.commands import QuizCommands
from quizbot.tui.signals import quit_on_exit_signals
from quizbot.tui.warmup import warm_up
from quizbot.tui.widgets.answer_input import AnswerInput
from quizbot.tui.widgets.footer import QuietFooter
from quizbot.tui.widgets.transcript import Transcript
from quizbot.tutor.messages import BotMessage, RoundReport

if TYPE_CHECKING:
    from textual.theme import Theme

    from quizbot.tutor import ProgressBook, Tutor

PLACEHOLDERS = {
    "menu": "A topic's number or name, or Enter for all topics (/help)…",
    "question": "Type your answer, or /hint, /skip…",
    "finished_round": "Enter for another round, or review for the misses…",
    "ended": "Goodbye! Press ctrl+q to quit.",
}
SUMMARY_PLACEHOLDER = "Round over: Enter for the summary, or type new, review…"


class TutorReplied(Message):
    """The tutor's messages for one call, posted from the worker thread."""

    def __init__(self, messages: list[BotMessage], *, leaving: bool = False) -> None:
        super().__init__()
        self.messages = messages
        self.leaving = leaving  # the reply to ctrl+q: exit as soon as it arrives


class QuizApp(App[int]):
    """A chat-style quiz tutor. Returns 0 when the learner quits."""

    CSS_PATH = "quizbot.tcss"
    EXIT_DELAY = 1.0  # seconds the goodbye stays on screen after /quit
    # Seconds after the first question is on screen before the first answer's modules
    # are imported in the background (tui/warmup.py).
    WARM_UP_DELAY = 0.2
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
        store: ProgressStore | ProgressBook | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.tutor = tutor
        self.store = store if store is not None else tutor.store
        self.clock = clock
        # Tutor calls run one at a time in a thread, in the order the learner made them.
        self._jobs: deque[tuple[Callable[[], list[BotMessage]], bool]] = deque()
        self._busy = False
        self._leaving = False
        self._keys_shown: tuple[str, bool] | None = None  # what the Footer last showed
        self._time_up_sent = False  # the exam's time-up was sent to the tutor
        # A finished round's summary, opened by the next Enter: opening it at once would
        # cover the feedback on the last answer before the learner has read it.
        self._pending_report: RoundReport | None = None
        self._warmed = False  # the first answer's modules: imported once a question shows
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
        yield QuietFooter()

    def on_mount(self) -> None:
        notices = self.store.pending_notices() if self.store is not None else []
        if self.store is not None and notices:  # repairs (e.g. by `stats`) are told once
            self._show([BotMessage(kind="warning", text=w) for w in notices])
            self.store.acknowledge(notices)
        if self.store is not None:  # quitting may wait for a copy holding the progress lock
            self.store.on_wait = partial(self.call_from_thread, self._say_waiting)
        if isinstance(self.store, ProgressStore):
            # The theme is remembered per profile: the last one chosen comes back.
            saved = self.store.settings().theme
            if saved and saved in self.available_themes:
                self.theme = saved
            self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._refresh_status()
        self.query_one(AnswerInput).focus()
        self._ask(self.tutor.start)
        # An exam's countdown: the label is redrawn each second while one runs.
        self.set_interval(1.0, self.tick_exam_clock)
        # What is alive now (modules, packs, the tutor, the screen) stays all evening:
        # frozen, the collector stops walking it in every full collection (~20 ms
        # each, one of them on the Enter that starts the first round).
        gc.freeze()

    @on(events.Unmount)
    def _unfreeze(self) -> None:
        """Hand the frozen objects back, so what died since (a test's apps) is freed."""
        gc.unfreeze()

    def _remember_theme(self, theme: Theme) -> None:
        if not isinstance(self.store, ProgressStore):
            return
        with contextlib.suppress(OSError, ValueError, ProgressError):
            self.store.save_settings(self.store.settings().changed(theme=theme.name))

    def tick_exam_clock(self) -> None:
        """Show the exam's time left; when it is over, end the exam (as a skip would)."""
        left = self.tutor.status.time_left
        if left is None:
            self._time_up_sent = False
            return
        self._refresh_status()
        if left <= 0 and not self._time_up_sent and not self.busy:
            self._time_up_sent = True
            self.send_command("skip")

    @property
    def busy(self) -> bool:
        """True while the tutor is working or has lines waiting."""
        return self._busy or bool(self._jobs)

    # -- the learner speaks -------------------------------------------------

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        line = event.value
        if not line.strip() and self._pending_report is not None:
            self._open_summary()
            return
        self._pending_report = None
        self.query_one(AnswerInput).remember(line)
        # Enter alone means something to the tutor: "start", "next round".
        self.query_one(Transcript).add_learner(line if line.strip() else "(Enter)")
        # Every line, slash commands included, goes to the one conversation engine.
        self._ask(partial(self.tutor.respond, line))

    def send_command(self, name: str, arg: str = "") -> None:
        """Run a tutor command from a key, a button or the palette, shown as if typed."""
        self.query_one(Transcript).add_learner(f"/{name} {arg}".rstrip())
        self._ask(partial(self.tutor.command, name, arg))

    # -- the tutor answers (in a thread; replies come back in order) ----------

    def _ask(self, call: Callable[[], list[BotMessage]], *, leaving: bool = False) -> None:
        self._jobs.append((call, leaving))
        self._pump()

    def _pump(self) -> None:
        if self._busy or not self._jobs or self._leaving:
            return
        call, leaving = self._jobs.popleft()
        self._busy = True
        self.run_worker(
            partial(self._run, call, leaving), thread=True, group="tutor", exit_on_error=False
        )

    def _run(self, call: Callable[[], list[BotMessage]], leaving: bool) -> None:
        """Runs in a worker thread: saving progress (fsync) must not freeze typing."""
        try:
            messages = call()
        except Exception as exc:  # a bug in the tutor must not take the session down
            messages = [BotMessage(kind="warning", text=f"Something went wrong: {exc}")]
        self.post_message(TutorReplied(messages, leaving=leaving))

    @on(TutorReplied)
    def _replied(self, event: TutorReplied) -> None:
        self._busy = False
        if event.leaving:
            # The chat is about to vanish: warnings are printed on the terminal after exit.
            self.exit_warnings = [m.text for m in event.messages if m.kind == "warning"]
            self._leaving = True
            self.exit(0)
            return
        self._deliver(event.messages)
        self._pump()

    def _deliver(self, messages: list[BotMessage]) -> None:
        stats = next((m for m in messages if m.kind == "stats"), None)
        report = self._show([m for m in messages if m.kind != "stats"])
        self._refresh_status()
        if stats is not None:
            self._show_stats(stats)
        # A round stopped early (/new, /topic) also reports, but a new question is open:
        # only a round that finished waits for Enter to show its summary.
        if report is not None and self.tutor.status.stage == "finished_round":
            self._pending_report = report
            self.query_one(AnswerInput).placeholder = SUMMARY_PLACEHOLDER
        if self.tutor.status.stage == "question" and not self._warmed:
            self._warmed = True
            # A moment after the question is painted, so the imports (which hold the
            # interpreter's lock) do not slow its first frames; a learner reads longer.
            self.call_after_refresh(self._warm_up_soon)
        if self.tutor.status.stage == "ended" and not self._leaving:
            self._leaving = True
            if self.EXIT_DELAY > 0:
                self.set_timer(self.EXIT_DELAY, partial(self.exit, 0))
            else:
                self.call_later(self.exit, 0)

    def _warm_up_soon(self) -> None:
        if self.WARM_UP_DELAY > 0:
            self.set_timer(self.WARM_UP_DELAY, self._warm_up)
        else:  # Textual's timers refuse a zero delay
            self._warm_up()

    def _warm_up(self) -> None:
        self.run_worker(warm_up, thread=True, group="warm-up", exit_on_error=False)

    def _show(self, messages: list[BotMessage]) -> RoundReport | None:
        """Show messages in the chat (warnings as notifications too); return a round's end."""
        report = None
        for message in messages:
            report = message.report or report
            if message.kind == "warning":
                # Not markup: a warning may quote a path holding "[/]" (it crashed the app).
                text = safe_text(message.text)
                self.notify(text, title="Warning", severity="warning", markup=False)
        if messages:
            self.query_one(Transcript).add_bot(messages)
        return report

    def _open_summary(self) -> None:
        from quizbot.tui.screens.summary import SummaryScreen

        report, self._pending_report = self._pending_report, None
        self.query_one(AnswerInput).placeholder = PLACEHOLDERS["finished_round"]
        if report is not None and not isinstance(self.screen, SummaryScreen):
            self.push_screen(SummaryScreen(report), self._summary_closed)

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
            done = f"{progress.asked}/{progress.total} done"
            if status.time_left is not None:  # an exam: no verdicts yet, a clock instead
                minutes, seconds = divmod(int(status.time_left + 0.999), 60)
                label.update(f"{done} · ⏱ {minutes}:{seconds:02d} left")
            else:
                label.update(f"{done} · {progress.correct} ✓")
        else:
            bar.update(total=1, progress=0)
            label.update("no round yet")
        self.query_one(AnswerInput).placeholder = PLACEHOLDERS.get(status.stage, "")
        # The Footer is rebuilt on refresh_bindings(): only when the keys it shows change.
        keys = (status.stage, status.hint_available)
        if keys != self._keys_shown:
            self._keys_shown = keys
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
        from quizbot.tui.screens.stats import StatsScreen

        if not isinstance(self.screen, StatsScreen):
            # Reading the whole history can take a moment: done in the tutor's thread.
            self.send_command("stats")

    def _show_stats(self, message: BotMessage) -> None:
        from quizbot.tui.screens.stats import StatsScreen

        if not isinstance(self.screen, StatsScreen):
            note = "" if message.stats is not None else message.text
            self.push_screen(StatsScreen(message.stats, self._today(), note))

    async def action_quit(self) -> None:
        """Leave at once, but after pending answers are saved and the store is closed."""
        self._ask(partial(self.tutor.command, "quit"), leaving=True)

    def _say_waiting(self, text: str) -> None:
        self._show([BotMessage(kind="warning", text=text)])

    def _today(self) -> date:
        return datetime.fromtimestamp(self.clock()).date()

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
