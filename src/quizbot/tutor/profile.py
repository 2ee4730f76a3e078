"""What the tutor keeps for the learner between sessions, through the progress store.

Each question's learning state (for choosing and reviewing), the choices to remember
(round length, last topic), the "welcome back" line. A store that cannot be read or
written never ends the conversation: the choice is just not remembered.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from quizbot.progress.store import ProgressError
from quizbot.quiz.options import question_key
from quizbot.tutor.session import Session


def book(session: Session) -> Any:
    """The real progress store, for what only it keeps (settings, disputes, exams)."""
    from quizbot.progress.store import ProgressStore

    return session.store if isinstance(session.store, ProgressStore) else None


def states(session: Session) -> Mapping[str, Any] | None:
    """Each question's learning state by ``pack/question`` (None without a store; empty
    when it cannot be read)."""
    if session.store is None:
        return None
    try:
        return session.store.states()
    except (ProgressError, OSError):
        return {}


def welcome_back(session: Session) -> str:
    """ "Welcome back, ana: 12 questions due, 40 not yet seen; ..." (from the snapshot)."""
    kept = book(session)
    if kept is None:
        return ""
    from quizbot.progress.welcome import welcome

    keys = [question_key(p, q) for p in session.packs for q in p.questions]
    try:
        found = welcome(kept, session.clock(), keys)
    except (ProgressError, OSError):
        return ""
    return found.text() if found.answered else ""


def last_topic(session: Session) -> str | None:
    """The topic of the current pack the learner last chose, if it still has questions."""
    kept = book(session)
    if kept is None:
        return None
    last = kept.settings().last_topic or ""
    pack_id, _, topic = last.partition("/")
    if pack_id != session.pack.id or topic not in {i for i, _ in session.topics()}:
        return None
    return topic


def remember(session: Session, **changes: Any) -> None:
    """Keep a choice for the next session; a settings file that cannot be written only
    means the choice is not remembered."""
    kept = book(session)
    if kept is None:
        return
    with contextlib.suppress(ProgressError, OSError, ValueError):
        kept.save_settings(kept.settings().changed(**changes))
