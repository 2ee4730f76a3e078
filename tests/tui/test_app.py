"""Pilot tests of the chat with the real tutor: answering, hints, skips, summary, keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, ProgressBar
from tui_helpers import (
    ROUND,
    RecordingTutor,
    current_question,
    finish_round,
    make_app,
    make_store,
    make_tutor,
    right_answer,
    say,
    settle,
    start_round,
    type_line,
    until,
)

from quizbot.tui.app import QuizApp
from quizbot.tui.screens.stats import StatsScreen
from quizbot.tui.screens.summary import SummaryScreen
from quizbot.tui.widgets.answer_input import AnswerInput
from quizbot.tui.widgets.bubble import BotBubble, LearnerBubble
from quizbot.tui.widgets.transcript import Transcript
from quizbot.tutor import BotMessage


def bot_kinds(app: QuizApp) -> list[str]:
    return [bubble.message.kind for bubble in app.query(BotBubble)]


def bot_texts(app: QuizApp) -> list[str]:
    return [bubble.message.text for bubble in app.query(BotBubble)]


def learner_lines(app: QuizApp) -> list[str]:
    return [bubble.text for bubble in app.query(LearnerBubble)]


async def test_start_shows_greeting_and_menu(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert bot_kinds(app) == ["greeting", "menu"]
        assert app.title == "Digital China 2020-2021"
        assert "Enter" in app.query_one(AnswerInput).placeholder
        assert app.focused is app.query_one(AnswerInput)


async def test_enter_starts_a_round(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        assert learner_lines(app) == ["(Enter)"]
        assert tutor.calls[-1] == ("respond", "")
        assert bot_kinds(app)[-1] == "question"
        bar = app.query_one("#round-progress", ProgressBar)
        assert (bar.total, bar.progress) == (ROUND, 0)
        assert "hint" in app.query_one(AnswerInput).placeholder


async def test_right_answer_gets_a_correct_verdict(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        answer = right_answer(app)
        await type_line(pilot, answer)  # typed key by key: the one test where typing is the point
        assert learner_lines(app)[-1] == answer
        verdict = app.query(".bubble.verdict").last()
        assert verdict.has_class("correct")
        assert str(verdict.query_one(".body").render()).startswith("✓")
        # The learner's line sits between the question and the tutor's reply.
        rows = app.query_one(Transcript).rows
        kinds = ["learner" if r.has_class("learner-row") else "bot" for r in rows]
        assert kinds[-5:-3] == ["bot", "learner"] or "learner" in kinds[-6:-2]
        assert app.query_one("#round-progress", ProgressBar).progress == 1
        assert "score 1/3" in app.sub_title


async def test_wrong_answer_gets_an_incorrect_verdict(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        await say(pilot, "Paris")
        verdict = app.query(".bubble.verdict").last()
        assert verdict.has_class("incorrect")
        assert str(verdict.query_one(".body").render()).startswith("✗")
        source = app.query(".bubble.explanation .source").last()
        assert str(source.render()).startswith("Source: ")


async def test_a_question_asked_mid_round_is_answered_and_the_round_goes_on(
    tutor: RecordingTutor,
) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        asked = current_question(app).message.question_id
        await say(pilot, "how many people use online education?")
        answer = app.query(".bubble.answer").last()
        assert "342 million" in str(answer.query_one(".body").render())
        assert not app.query(".bubble.verdict")  # it was not graded as an answer
        assert app.tutor.status.stage == "question"
        assert app.tutor.status.progress is not None and app.tutor.status.progress.asked == 0
        await say(pilot, right_answer(app))
        assert app.query(".bubble.verdict").last().has_class("correct")
        assert current_question(app).message.question_id != asked


async def test_hint_by_key_and_by_slash(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        assert app.tutor.status.hint_available
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert tutor.calls[-1] == ("hint", "")
        assert bot_kinds(app)[-1] == "hint"
        assert not app.tutor.status.hint_available
        await say(pilot, "/hint")
        assert tutor.calls[-1] == ("respond", "/hint")
        assert learner_lines(app)[-2:] == ["/hint", "/hint"]


async def test_skip_moves_to_the_next_question(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        first = current_question(app).message.question_id
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert tutor.calls[-1] == ("skip", "")
        assert current_question(app).message.question_id != first
        assert any(t.startswith("Skipped. The answer is") for t in bot_texts(app))


async def test_end_of_round_shows_summary_then_new_round(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        await say(pilot, right_answer(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await say(pilot, "Paris")
        # The last feedback stays readable until Enter opens the summary.
        assert not isinstance(app.screen, SummaryScreen)
        assert bot_kinds(app)[-3:] == ["verdict", "explanation", "summary"]
        assert "Enter for the summary" in app.query_one(AnswerInput).placeholder
        await finish_round(pilot)
        assert isinstance(app.screen, SummaryScreen)
        report = app.screen.report
        assert [m.outcome for m in report.missed] == ["skipped", "incorrect"]
        assert report.missed[1].response == "Paris"
        assert all(m.expected for m in report.missed)
        score = str(app.screen.query_one("#summary-score").render())
        assert score.startswith(f"1 of {ROUND} correct")
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, SummaryScreen)
        assert tutor.calls[-1] == ("new", "")
        assert bot_kinds(app)[-1] == "question"
        assert app.query_one("#round-progress", ProgressBar).progress == 0


async def test_a_round_stopped_with_new_does_not_wait_for_enter_to_show_a_summary(
    tutor: RecordingTutor,
) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        await say(pilot, right_answer(app))
        await say(pilot, "/new")
        assert bot_kinds(app)[-1] == "question"  # the new round's first question is open
        assert "summary" not in app.query_one(AnswerInput).placeholder
        await say(pilot, "")  # Enter is an (empty) answer to it, not "open the summary"
        assert not isinstance(app.screen, SummaryScreen)


async def test_summary_review_button_replays_the_misses(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        for _ in range(ROUND):
            await say(pilot, "Paris")
        await finish_round(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.click("#review")
        await settle(pilot)
        assert tutor.calls[-1] == ("review", "")
        assert not isinstance(app.screen, SummaryScreen)
        assert app.sub_title.startswith("Review")


async def test_perfect_round_disables_review(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        for _ in range(ROUND):
            await say(pilot, right_answer(app))
        await finish_round(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query_one("#review", Button).disabled
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
        assert app.tutor.status.stage == "finished_round"
        assert "another round" in app.query_one(AnswerInput).placeholder


async def test_resize_keeps_the_conversation(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        bubbles = len(app.query(BotBubble))
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: app.query_one("#transcript").size.width > 100)
        await settle(pilot)
        assert app.size == (120, 40)
        assert app.query_one("#transcript").size.width > 100
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: app.query_one("#transcript").size.width <= 80)
        await settle(pilot)
        assert app.query_one("#transcript").size.width <= 80
        assert len(app.query(BotBubble)) == bubbles
        await say(pilot, right_answer(app))
        assert app.query(".bubble.verdict").last().has_class("correct")


async def test_ctrl_q_exits_with_zero(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == 0
    assert tutor.calls[-1] == ("quit", "")  # the tutor closes the store before we go


async def test_ctrl_q_saves_the_snapshot_after_the_last_answer(tmp_path: Path) -> None:
    store = make_store(tmp_path, history=False)
    app = make_app(make_tutor(store), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        await say(pilot, right_answer(app))
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == 0
    assert (store.path / "state.json").exists()
    assert app.exit_warnings == []


async def test_quit_command_says_goodbye_and_exits(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    app.EXIT_DELAY = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await say(pilot, "/quit")
        await pilot.pause()
    assert app.return_value == 0
    assert tutor.calls[-1] == ("respond", "/quit")


async def test_history_recalls_lines_and_keeps_the_draft(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await say(pilot, "/score")
        await say(pilot, "/help")
        answer = app.query_one(AnswerInput)
        await pilot.press(*"my draft")
        await pilot.press("up")
        assert answer.value == "/help"
        await pilot.press("up")
        assert answer.value == "/score"
        await pilot.press("up")  # the oldest line stays
        assert answer.value == "/score"
        await pilot.press("down", "down")
        assert answer.value == "my draft"
        await pilot.press("down")  # nothing below the draft
        assert answer.value == "my draft"


async def test_history_keeps_edits_and_brings_the_draft_back(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await say(pilot, "/scoreX")
        answer = app.query_one(AnswerInput)
        await pilot.press(*"half typed")
        await pilot.press("up")
        await pilot.press("backspace")  # edit the recalled line
        assert answer.value == "/score"
        await pilot.press("down")
        assert answer.value == "half typed"
        await pilot.press("up")
        assert answer.value == "/score"
        await pilot.press("enter")  # send the edited recalled line
        await settle(pilot)
        assert tutor.calls[-1] == ("respond", "/score")
        assert answer.value == "half typed"
        assert answer.history == ["/scoreX", "/score"]


async def test_every_slash_line_goes_to_the_tutor(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await say(pilot, "/frobnicate now")
        assert ("respond", "/frobnicate now") in tutor.calls
        last = app.query(BotBubble).last()
        assert last.message.kind == "info"
        await say(pilot, "/?")  # the engine's own alias for help
        assert "/hint" in app.query(BotBubble).last().message.text


@pytest.mark.parametrize("line", ["/stats", "/ stats", "/Stats "])
async def test_slash_stats_opens_the_stats_screen_read_by_the_tutor(
    tutor: RecordingTutor, line: str
) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await say(pilot, line)
        assert isinstance(app.screen, StatsScreen)
        assert ("respond", line) in tutor.calls  # one reader of slash lines: the tutor's
        assert "stats" not in bot_kinds(app)  # shown as a screen, not as a bubble


async def test_tutor_error_becomes_a_warning(tutor: RecordingTutor) -> None:
    def broken(line: str) -> list[BotMessage]:
        raise OSError("disk full")

    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        tutor.respond = broken  # type: ignore[method-assign]
        await say(pilot, "anything")
        last = app.query(BotBubble).last()
        assert last.message.kind == "warning"
        assert "disk full" in last.message.text
        assert any("disk full" in n.message for n in app._notifications)
        await pilot.press("ctrl+t")  # the session goes on
        await settle(pilot)
        assert bot_kinds(app)[-1] == "hint"


async def test_store_warnings_are_shown(tmp_path: Path) -> None:
    store = make_store(tmp_path, history=False)
    store.warnings.append("progress.json was damaged; rebuilt from the history")
    app = make_app(make_tutor(store), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert bot_kinds(app)[0] == "warning"
        assert any("damaged" in n.message for n in app._notifications)


async def test_answers_are_saved_to_the_store(tmp_path: Path) -> None:
    store = make_store(tmp_path, history=False)
    app = make_app(make_tutor(store), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        await say(pilot, right_answer(app))
    assert [r.verdict for r in store.history()] == ["correct"]


async def test_stats_screen_opens_and_closes(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    app = make_app(make_tutor(store), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        stats = app.screen.stats
        assert stats is not None and stats["answered"] == 18
        values = [str(v.render()) for v in app.screen.query(".stat-value")]
        assert values == ["18", "67%", "4 d", str(stats["due_now"])]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)


async def test_stats_without_a_store_says_so(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await say(pilot, "/stats")
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.stats is None


async def test_the_footer_is_rebuilt_only_when_its_keys_change(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_round(pilot)
        calls: list[None] = []
        original = app.refresh_bindings

        def counted() -> None:
            calls.append(None)
            original()

        app.refresh_bindings = counted  # type: ignore[method-assign]
        await say(pilot, "Paris")  # question -> question, hint still there: same keys
        await say(pilot, "/score")
        assert calls == []
        await say(pilot, "/hint")  # the hint key goes away
        assert len(calls) == 1


async def test_replies_arrive_as_typed_messages(tutor: RecordingTutor) -> None:
    from quizbot.tui.app import TutorReplied

    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(TutorReplied([BotMessage("info", "[b]posted[/b]")]))
        await settle(pilot)
        assert bot_texts(app)[-1] == "[b]posted[/b]"
