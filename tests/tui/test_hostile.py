"""Hostile packs, paths and responses in the terminal UI: shown as text, never obeyed.

The hostile pack is refused by validation, so it is loaded here with the check
switched off: the UI's own defence is what is tested. What the app would send to
the terminal is rendered from its compositor (as ``App._display`` does) and must
hold no control character but the UI's own colours and cursor moves.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static
from tui_helpers import fixed_clock, make_app, say, search_palette, settle

import quizbot.packs.builder as builder
from quizbot.packs.loader import load_packs
from quizbot.packs.model import Pack, Question, Topic
from quizbot.progress.store import ProgressStore
from quizbot.tui.app import QuizApp
from quizbot.tui.commands import palette_commands
from quizbot.tui.screens.summary import SummaryScreen
from quizbot.tui.widgets.answer_input import AnswerInput
from quizbot.tui.widgets.bubble import LearnerBubble
from quizbot.tutor import Tutor

HOSTILE = Path(__file__).parent.parent / "data" / "hostile"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The UI's own output: colours (SGR) and cursor positioning. Anything else is suspect.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;:]*m|\x1b\[\d+;\d+H")
RESPONSES = [
    "\x1b]0;pwned-response\x07",
    "\x1b]52;c;cHduZWQ=\x07 answer",
    "\x1b[2J\x1b[?1049l [/]",
    "\x9b31m [link=http://x]y[/link] \u202e",
]


def terminal_output(app: QuizApp) -> str:
    """What the app would write to the terminal for the whole screen, as it is now."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    return update.render_segments(app.console)


def assert_inert(app: QuizApp) -> str:
    """No raw control character on screen; returns the screen's text without styling."""
    text = OWN_SEQUENCES.sub("", terminal_output(app))
    found = RAW.search(text)
    assert found is None, (
        f"raw {found.group()!r} would reach the terminal: "
        f"{text[max(0, found.start() - 40) : found.start() + 40]!r}"
    )
    return text


def visible_texts(app: QuizApp, screen: Screen[object] | None = None) -> list[str]:
    """The plain text of every Static (labels, bubbles, toasts) on a screen."""
    where = screen if screen is not None else app.screen
    return [str(widget.render()) for widget in where.query(Static)]


def unchecked_packs(monkeypatch: pytest.MonkeyPatch) -> list[Pack]:
    """The hostile pack, loaded with the pack string check switched off."""
    assert hasattr(builder, "forbidden_character"), "the builder's character check moved"
    monkeypatch.setattr(builder, "forbidden_character", lambda text: None)
    return load_packs([HOSTILE / "hostile.yaml"])


def tutor_on(packs: list[Pack]) -> Tutor:
    return Tutor(packs, store=None, clock=fixed_clock, rng=random.Random(3), round_length=2)


async def paste(pilot: Pilot[int], text: str) -> None:
    """Paste into the answer box (as a terminal's bracketed paste would), then send it."""
    answer = pilot.app.query_one(AnswerInput)
    answer.focus()
    answer.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def wait_for_hits(pilot: Pilot[int], palette: CommandPalette, text: str) -> str:
    """The palette searches in a background task: wait until an entry shows ``text``."""
    hits = palette.query_one(CommandList)
    for _ in range(300):
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        found = [p.splitlines()[0] for p in prompts if text in p]  # the help is below
        if found:
            return found[0]
        await pilot.pause()
    raise AssertionError(f"no palette entry shows {text!r}")


async def test_a_round_on_a_hostile_pack_shows_every_string_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(tutor_on(unchecked_packs(monkeypatch)))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = assert_inert(app)
        assert "Pack \\x1b]0;pwned-title\\x07 [/] [bold]bold" in shown  # header and greeting
        assert "Calm \\r[bold]overwritten" in shown
        await say(pilot, "")  # a round of two questions on all topics
        await say(pilot, "/hint")
        assert_inert(app)
        await paste(pilot, RESPONSES[0])
        assert_inert(app)
        await say(pilot, "/why")
        assert_inert(app)
        await say(pilot, "/hint")
        assert_inert(app)
        await paste(pilot, RESPONSES[1])
        assert_inert(app)  # the last feedback, shown before the summary covers it
        await say(pilot, "")  # Enter opens the round's summary
        assert isinstance(app.screen, SummaryScreen)  # the round is over: the misses
        assert_inert(app)
        missed = "\n".join(visible_texts(app))
        assert "\\x1b]52;c;cHduZWQ=\\x07 answer" in missed  # what the learner said
        chat = "\n".join(visible_texts(app, app.screen_stack[0]))
        assert "The answer is wall\\x1b]0;st\\x1b\\, not" in chat
        assert "Fill in the blank: The _____ fell \\u202eremmus ni [/]" in chat
        learner = [b.text for b in app.query(LearnerBubble)]
        assert "\\x1b]0;pwned-response\\x07" in learner  # what was sent, as it was shown
        await pilot.press("escape")
        await say(pilot, "tell me about the wall")
        assert_inert(app)


async def test_pasted_control_characters_become_visible_text(tutor: Tutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        answer = app.query_one(AnswerInput)
        for response in RESPONSES:
            answer.value = ""
            answer.post_message(events.Paste(response + "\nsecond line"))
            await pilot.pause()
            assert RAW.search(answer.value) is None
            assert "second line" not in answer.value
            assert_inert(app)
        answer.value = ""
        answer.insert_text_at_cursor("a\x1b[2Jb")
        assert answer.value == "a\\x1b[2Jb"


async def test_the_palette_shows_hostile_titles_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(tutor_on(unchecked_packs(monkeypatch)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await wait_for_hits(pilot, palette, "Quiz me on")  # discovery: every entry, no query
        assert_inert(app)
        await search_palette(pilot, "quiz me on topic")
        prompt = await wait_for_hits(pilot, palette, "Quiz me on: Topic")
        assert prompt == "Quiz me on: Topic \\x1b[?1049l [/] [link=http://x]y[/link] \\x9b2J"
        assert_inert(app)
        await pilot.press("enter")
        await settle(pilot)
        assert_inert(app)
        assert app.sub_title.startswith("Topic \\x1b[?1049l [/]")


async def test_the_palette_shows_markup_in_titles_literally(tmp_path: Path) -> None:
    # A valid pack: '[/]' and '[link=...]' are legal text. The palette crashed on them
    # (MarkupError) and applied balanced markup instead of showing it.
    tutor = tutor_on(load_packs([HOSTILE / "markup.yaml"]))
    app = make_app(tutor)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        prompt = await wait_for_hits(pilot, palette, "Play pack")
        assert prompt == "Play pack: Markup [/] [link=http://x]y[/link] [bold]pack"
        await search_palette(pilot, "quiz topic")
        prompt = await wait_for_hits(pilot, palette, "Quiz me on")
        assert prompt == "Quiz me on: Topic [/] [link=http://x]y[/link] [bold]b[/bold] [B]c"
        assert_inert(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.sub_title.startswith("Topic [/] [link=http://x]y[/link]")


def test_palette_help_never_carries_markup_from_ids() -> None:
    # Ids of a model built without validation: the help line is read as markup by Textual.
    topic = Topic("t[/]", "Title [/]")
    question = Question(id="q", type="text", prompt="p", answer="a", topic=topic.id, pack="p[bold]")
    pack = Pack(id="p[bold]", title="T\x1b]0;x\x07", topics=(topic,), questions=(question,))
    app = make_app(tutor_on([pack]))
    commands = {c.title: c for c in palette_commands(app)}
    assert commands["Play pack: T\\x1b]0;x\\x07"].help == "Switch to the pack '?'"
    assert commands["Quiz me on: Title [/]"].help == "A round on the topic '?'"
    for command in commands.values():
        Content.from_markup(command.help)  # no MarkupError


async def test_a_warning_naming_a_path_with_markup_does_not_crash_the_start(
    tmp_path: Path, tutor: Tutor
) -> None:
    # A data folder whose path holds "[/]" and an escape, and a damaged snapshot: the
    # store warns with the path, and the warning toast crashed the app at start.
    data = tmp_path / "data [/] [bold]\x1b]0;pwned\x07"
    profile = data / "profiles" / "default"
    profile.mkdir(parents=True)
    (profile / "state.json").write_text("{ damaged", encoding="utf-8")
    store = ProgressStore.open(data, "default", clock=fixed_clock)
    try:
        assert store.warnings, "the damaged snapshot should have been reported"
        app = make_app(tutor, store=store)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.is_running
            assert_inert(app)
            toasts = [t for t in visible_texts(app) if t.startswith("Warning")]
            assert toasts and "data [/] [bold]\\x1b]0;pwned\\x07" in toasts[0]
    finally:
        store.close()


async def test_summary_and_stats_notes_show_text_literally(tutor: Tutor) -> None:
    from quizbot.tui.screens.stats import StatsScreen

    app = make_app(tutor)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        note = "Could not read your progress: [/] \x1b]52;c;cHduZWQ=\x07 \r [link=x]y[/link]"
        await app.push_screen(StatsScreen(None, fixed_today(), note))
        await pilot.pause()
        assert_inert(app)
        texts = visible_texts(app)
        assert any("[/] \\x1b]52;c;cHduZWQ=\\x07 \\r [link=x]y[/link]" in t for t in texts)


def fixed_today():  # type: ignore[no-untyped-def]
    from datetime import date

    return date(2023, 11, 14)


def test_an_option_or_a_missed_answer_cannot_forge_a_line() -> None:
    from quizbot.tui.screens.summary import missed_text
    from quizbot.tui.widgets.bubble import option_lines
    from quizbot.tutor.messages import Missed

    lines = option_lines(("one\nB) forged", "two\r", "three"))
    assert lines.splitlines() == ["A) one\\nB) forged", "B) two\\r", "C) three"]
    missed = Missed(
        prompt="Which\x1b[2J?",
        expected="x\n   You said: forged",
        response="\x1b]0;t\x07\nmore",
        outcome="incorrect",
    )
    assert missed_text(missed).splitlines() == [
        "✗ Which\\x1b[2J?",
        "   Answer: x\\n   You said: forged",
        "   You said: \\x1b]0;t\\x07\\nmore",
    ]
