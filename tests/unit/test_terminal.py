"""When commands open the full screen and when they run line by line."""

from __future__ import annotations

import io

import pytest

from quizbot.terminal import full_screen_wanted


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("plain", "environ", "stdin_tty", "stdout_tty", "full"),
    [
        (False, {}, True, True, True),  # a terminal: the full screen
        (True, {}, True, True, False),  # --plain wins
        (False, {}, False, True, False),  # piped input: a script
        (False, {}, True, False, False),  # piped output: a transcript
        # textual-serve: pipes at both ends, but the browser wants the app, not text
        (False, {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, False, False, True),
        (True, {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, False, False, False),
        (False, {"TEXTUAL_DRIVER": ""}, False, False, False),
    ],
)
def test_full_screen_or_line_by_line(
    plain: bool, environ: dict[str, str], stdin_tty: bool, stdout_tty: bool, full: bool
) -> None:
    stdin = Tty() if stdin_tty else io.StringIO()
    stdout = Tty() if stdout_tty else io.StringIO()
    assert full_screen_wanted(plain, environ=environ, stdin=stdin, stdout=stdout) is full
