"""The command palette offers the tutor's actions, every topic and every pack."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from tui_helpers import RecordingTutor, make_app, search_palette, settle

from quizbot.tui.commands import palette_commands
from quizbot.tui.screens.stats import StatsScreen


async def test_palette_lists_actions_topics_and_packs(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in palette_commands(app)]
        for expected in (
            "Hint",
            "Skip question",
            "New round",
            "Show stats",
            "Quit",
            "Quiz me on: Health codes",
            "Quiz me on: Remote work and WeChat Work",
            "Play pack: Digital China 2020-2021",
        ):
            assert expected in titles


async def test_palette_topic_starts_a_round_on_it(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await search_palette(pilot, "quiz me on remote")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        hits = palette.query_one(CommandList)
        for _ in range(200):  # the palette searches in a background task
            if hits.option_count and "Remote work" in str(hits.get_option_at_index(0).prompt):
                break
            await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert tutor.calls[-1] == ("topic", "remote-work")
        assert app.sub_title.startswith("Remote work")


async def test_palette_pack_and_stats_commands(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in palette_commands(app)}
        commands["Play pack: Digital China 2020-2021"].run()
        await settle(pilot)
        assert tutor.calls[-1] == ("pack", "digital-china")
        commands["Show stats"].run()
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)


async def test_theme_switcher_is_in_the_palette(tutor: RecordingTutor) -> None:
    app = make_app(tutor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any("theme" in t.lower() for t in titles)
        app.theme = "nord"
        await pilot.pause()
        assert app.theme == "nord"
