"""The conversation engine shared by the terminal UI, plain mode, the classroom and tests."""

from __future__ import annotations

from quizbot.tutor.engine import Tutor, TutorStatus
from quizbot.tutor.messages import BotMessage, RoundProgress

__all__ = ["BotMessage", "RoundProgress", "Tutor", "TutorStatus"]
