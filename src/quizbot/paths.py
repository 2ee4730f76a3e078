"""Where quizbot keeps its data: an explicit folder, $QUIZBOT_HOME, or the platform default."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

ENV_HOME = "QUIZBOT_HOME"

# ASCII only: a profile name becomes a folder name, and non-ASCII names are
# normalised differently by different file systems (macOS NFD).
_PROFILE_RE = re.compile(r"[A-Za-z0-9._-]{1,64}", re.ASCII)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `override` if given, else $QUIZBOT_HOME if set, else the user data dir."""
    if override is not None and os.fspath(override) != "":
        return Path(override).expanduser()
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("quizbot", appauthor=False))


def valid_profile_name(name: str) -> bool:
    """True for 1..64 letters, digits, '-', '_' and '.'; never '.' or '..' (they name folders)."""
    return bool(_PROFILE_RE.fullmatch(name)) and name.strip(".") != ""
