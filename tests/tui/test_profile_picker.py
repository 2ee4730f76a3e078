"""The profile picker shown before the quiz when several profiles exist."""

from __future__ import annotations

from textual.widgets import OptionList

from quizbot.tui.profile_picker import ProfilePicker


async def test_enter_picks_the_highlighted_profile() -> None:
    picker = ProfilePicker([("ana", 12), ("[b]bob[/b]", 3000)])
    async with picker.run_test() as pilot:
        options = picker.query_one(OptionList)
        assert options.option_count == 2
        assert "3,000 answers" in str(options.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
    assert picker.return_value == "[b]bob[/b]"  # shown as text, returned as given


async def test_escape_leaves_without_a_profile() -> None:
    picker = ProfilePicker([("ana", 1), ("bob", 2)])
    async with picker.run_test() as pilot:
        await pilot.press("escape")
    assert picker.return_value is None
