"""``quizbot try`` in the terminal UI, driven with Pilot: marking, saving, markup inert."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from quizbot.authoring.starter import starter_text
from quizbot.authoring.trying import TrySession
from quizbot.packs.loader import load_packs
from quizbot.tui.try_app import TryApp


def _session(tmp_path: Path, question: str = "capital") -> TrySession:
    pack = tmp_path / "my-pack.yaml"
    pack.write_text(starter_text(pack), encoding="utf-8")
    return TrySession(pack, question, lambda: load_packs([pack])[0])


def _shown(app: TryApp) -> list[str]:
    return [str(static.render()) for static in app.query(Static).results() if static.id is None]


async def _say(app: TryApp, pilot: object, text: str) -> None:
    field = app.query_one("#said", Input)
    field.value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_try_app_marks_answers_and_saves_an_alias(tmp_path: Path) -> None:
    session = _session(tmp_path)
    app = TryApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("Prompt: In which city" in line for line in _shown(app))
        await _say(app, pilot, "hohot")
        assert any(line.startswith("correct (score 1.00, reason: typo)") for line in _shown(app))
        await _say(app, pilot, "Huhehaote")
        await _say(app, pilot, "/accept")
        assert any(line.startswith("Saved: added 'Huhehaote'") for line in _shown(app))
        await _say(app, pilot, "Huhehaote")
        assert any("reason: alias" in line for line in _shown(app))
        await _say(app, pilot, "/quit")
    assert app.return_value == 0
    assert "accept: [呼和浩特, Huhehaote]" in session.path.read_text(encoding="utf-8")


async def test_try_app_shows_markup_and_escapes_as_text(tmp_path: Path) -> None:
    app = TryApp(_session(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _say(app, pilot, "[bold]Harbin[/] \x1b[2J")
        shown = "\n".join(_shown(app))
        assert "> [bold]Harbin[/] \\x1b[2J" in shown  # as typed, escaped, not styled
        assert "\x1b" not in shown
