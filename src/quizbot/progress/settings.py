"""What a profile remembers between sessions: round length, theme, last topic, scheduler knobs.

A small JSON file beside the history, replaced whole (write, fsync, rename) so a crash
leaves the old or the new settings, never half of them. A damaged or foreign file reads
as the defaults: settings are a convenience, never a reason not to start.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from quizbot.atomic import replacing
from quizbot.progress.schedule import DESIRED_RETENTION, MAX_INTERVAL_DAYS, SchedulerSettings

SETTINGS = "settings.json"
MAX_ROUND = 1000


@dataclass(frozen=True)
class ProfileSettings:
    """A learner's remembered choices; None means "not chosen yet": use the default."""

    round_length: int | None = None
    theme: str | None = None
    last_topic: str | None = None  # "pack/topic" of the last round played by topic
    desired_retention: float = DESIRED_RETENTION
    maximum_interval_days: int = MAX_INTERVAL_DAYS

    def scheduler(self) -> SchedulerSettings:
        return SchedulerSettings(self.desired_retention, self.maximum_interval_days)

    def changed(self, **changes: Any) -> ProfileSettings:
        return _checked(replace(self, **changes))


def _checked(settings: ProfileSettings) -> ProfileSettings:
    """Raise ValueError for a value the program could not use."""
    if settings.round_length is not None and not (
        isinstance(settings.round_length, int)
        and not isinstance(settings.round_length, bool)
        and 1 <= settings.round_length <= MAX_ROUND
    ):
        raise ValueError(f"round length must be 1 to {MAX_ROUND}")
    for name in ("theme", "last_topic"):
        value = getattr(settings, name)
        if value is not None and (not isinstance(value, str) or len(value) > 200):
            raise ValueError(f"{name.replace('_', ' ')} must be a short text")
    retention = settings.desired_retention
    if isinstance(retention, bool) or not isinstance(retention, (int, float)):
        raise ValueError("desired retention must be a number")
    if not math.isfinite(retention):
        raise ValueError("desired retention must be a finite number")
    settings.scheduler()  # the scheduler's own bounds
    return settings


def load_settings(folder: Path) -> ProfileSettings:
    """The profile's settings; defaults for a missing, unreadable or damaged file
    (and for each field that is damaged on its own)."""
    try:
        doc = json.loads((folder / SETTINGS).read_bytes())
    except (OSError, ValueError, RecursionError):
        return ProfileSettings()
    if not isinstance(doc, dict):
        return ProfileSettings()
    settings = ProfileSettings()
    for item in fields(ProfileSettings):
        if item.name in doc:
            try:
                settings = settings.changed(**{item.name: doc[item.name]})
            except (ValueError, TypeError):
                continue  # this field keeps its default
    return settings


def save_settings(folder: Path, settings: ProfileSettings) -> None:
    """Replace the settings file atomically; raises OSError if it cannot be written."""
    _checked(settings)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = json.dumps(asdict(settings), indent=2, allow_nan=False) + "\n"
    with replacing(folder / SETTINGS, private=True, encoding="utf-8") as handle:
        handle.write(data)
