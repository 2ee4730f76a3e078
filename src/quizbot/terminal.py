"""Whether a command opens its full-screen (Textual) interface or runs line by line."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO


def full_screen_wanted(
    plain: bool,
    *,
    environ: Mapping[str, str] = os.environ,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> bool:
    """Full screen unless ``--plain`` was asked for or a pipe is at either end.

    textual-serve runs the app in a browser over pipes, with ``TEXTUAL_DRIVER`` naming
    its driver: there the pipes are no reason for plain mode (the browser would get
    plain text instead of the app)."""
    if plain:
        return False
    if environ.get("TEXTUAL_DRIVER"):
        return True
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    return stdin is not None and stdout is not None and stdin.isatty() and stdout.isatty()
