"""The line a returning learner is greeted with, from the snapshot alone (fast at any size)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from quizbot.progress.stats import active_days, streak

if TYPE_CHECKING:
    from quizbot.progress.store import ProgressStore


@dataclass(frozen=True)
class Welcome:
    profile: str  # "" for the default profile, which the greeting does not name
    answered: int  # answers ever recorded: 0 means a first visit
    due_now: int  # what `review` would ask now: due, or missed last time
    not_seen: int
    streak_days: int

    def text(self) -> str:
        """ "Welcome back, ana: 12 questions due, 40 not yet seen; your streak is 4 days"."""
        name = f", {self.profile}" if self.profile else ""
        if not self.answered:
            return f"Welcome{name}!"
        due = f"{self.due_now} question{'' if self.due_now == 1 else 's'} due"
        line = f"Welcome back{name}: {due}, {self.not_seen} not yet seen"
        if self.streak_days:
            days = f"{self.streak_days} day{'' if self.streak_days == 1 else 's'}"
            line += f"; your streak is {days}"
        return line


def welcome(store: ProgressStore, now: float, keys: Iterable[str]) -> Welcome:
    """Numbers for the packs in use: ``keys`` are their questions as "pack/question"."""
    states = store.states()
    tallies = store.tallies()
    wanted = set(keys)
    today: date = datetime.fromtimestamp(now, store.tz).date()
    # The same rule as the review mode, so "3 questions due" is what `review` then asks.
    due_now = sum(1 for k in wanted if k in states and states[k].to_review(now))
    return Welcome(
        profile="" if store.profile == "default" else store.profile,
        answered=sum(tallies.total.values()),
        due_now=due_now,
        not_seen=sum(1 for k in wanted if k not in states),
        streak_days=streak(active_days(tallies.days), today),
    )
