"""The menu: what the learner can play next, with "continue" when a last topic is kept."""

from __future__ import annotations

import dataclasses
import re

from quizbot.tutor import profile, wording
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.session import Session


def menu(session: Session) -> BotMessage:
    """The current pack's topics, the round length and the modes (and the other packs)."""
    shown = wording.menu(session.pack, session.topics(), session.round_length, session.packs)
    if profile.book(session) is None:
        return shown  # without progress there is nothing to review or continue
    last = profile.last_topic(session)
    title = next((t for i, t in session.topics() if i == last), None)
    if title is None:
        return shown
    lines = shown.text.split("\n")
    at = max((n for n, line in enumerate(lines) if re.match(r"  \d+\) ", line)), default=0)
    lines.insert(at + 1, f"  c) continue with {title}")
    return dataclasses.replace(shown, text="\n".join(lines))
