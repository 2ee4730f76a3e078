"""The browser tests' own harness, without a browser: when they skip, when they fail,
and how the page script is changed to expose its terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import expose_terminal, not_available


def test_a_missing_browser_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIZBOT_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium found"):
        not_available("no Chromium found")


def test_a_missing_browser_fails_where_one_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZBOT_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="QUIZBOT_REQUIRE_BROWSER=1 but no Chromium"):
        not_available("no Chromium found")


def test_the_page_script_exposes_its_one_terminal() -> None:
    script = "class w{constructor(e){this.terminal=new v.Terminal({a:1}),this.terminal=new X}}"
    assert expose_terminal(script) == (
        "class w{constructor(e){this.terminal=window.term=new v.Terminal({a:1}),"
        "this.terminal=new X}}"
    )


def test_a_page_script_of_another_shape_is_reported_not_guessed() -> None:
    with pytest.raises(AssertionError, match="update expose_terminal"):
        expose_terminal("const term = createTerminal();")


def test_the_installed_textual_serve_page_script_can_be_changed() -> None:
    textual_serve = pytest.importorskip("textual_serve")
    script = Path(textual_serve.__file__).parent / "static" / "js" / "textual.js"
    changed = expose_terminal(script.read_text(encoding="utf-8"))
    assert changed.count("window.term=new ") == 1
