"""The key bar: keys that can't be pressed now are dimmed in place, not rebuilt."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets._footer import FooterKey
from tui_helpers import until

from quizbot.tui.widgets.footer import QuietFooter


class HintApp(App[None]):
    """A hint key that can be pressed or not (None: shown dimmed), or is hidden."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+n", "new_round", "New round"),
    ]
    hint: bool | None = True

    def compose(self) -> ComposeResult:
        yield QuietFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.hint if action == "hint" else True

    def action_hint(self) -> None: ...

    def action_new_round(self) -> None: ...


def keys_shown(app: App[None]) -> list[str]:
    return [key.action for key in app.query(FooterKey)]


def hint_key(app: App[None]) -> FooterKey:
    return next(key for key in app.query(FooterKey) if key.action == "hint")


async def test_a_key_that_cannot_be_pressed_is_dimmed_in_place() -> None:
    app = HintApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "hint" in keys_shown(app))
        keys = list(app.query(FooterKey))
        assert not hint_key(app).has_class("-disabled")
        app.hint = None
        app.refresh_bindings()
        await until(pilot, lambda: hint_key(app).has_class("-disabled"))
        assert list(app.query(FooterKey)) == keys  # the same widgets, not new ones
        app.hint = True
        app.refresh_bindings()
        await until(pilot, lambda: not hint_key(app).has_class("-disabled"))
        assert list(app.query(FooterKey)) == keys


async def test_keys_are_rebuilt_when_one_comes_or_goes() -> None:
    app = HintApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: keys_shown(app)[:2] == ["hint", "new_round"])
        app.hint = False  # hidden
        app.refresh_bindings()
        await until(pilot, lambda: "hint" not in keys_shown(app))
        assert "new_round" in keys_shown(app)
        app.hint = True
        app.refresh_bindings()
        await until(pilot, lambda: "hint" in keys_shown(app))


async def test_new_keys_start_with_the_footers_compact_style() -> None:
    app = HintApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "hint" in keys_shown(app))
        footer = app.query_one(QuietFooter)
        bound = [k for k in app.query(FooterKey) if not k.has_class("-command-palette")]
        assert bound and all(not k.compact and not k.has_class("-compact") for k in bound)
        footer.compact = True
        await until(pilot, lambda: all(k.compact and k.has_class("-compact") for k in bound))
