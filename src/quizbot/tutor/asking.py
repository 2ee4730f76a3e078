"""The learner's own questions: answered from the facts, never giving the open answer away.

:func:`answer_question` asks the knowledge base (made on first use: it is not needed for
the first screen) and leaves out what would answer the open quiz question for the learner.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from quizbot.tutor.intents import normalise
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.session import Session, info

if TYPE_CHECKING:
    from quizbot.knowledge.reply import Finding, Reply
    from quizbot.quiz import Asked


def mentions(text: str, answer: str) -> bool:
    """Whether ``answer`` appears in ``text`` as whole words, after normalising both."""
    said = normalise(answer)
    if not said:
        return False
    return re.search(rf"(?<!\w){re.escape(said)}(?!\w)", normalise(text)) is not None


def gives_away(asked: Asked, finding: Finding) -> bool:
    """Whether a finding answers the open question for the learner: the question's own
    fact, or a statement with its expected answer in it."""
    question = asked.question
    own = {question.fact, question.cloze_of} - {None}
    if finding.fact_id in own and finding.pack == asked.pack.id:
        return True
    if question.type == "truefalse":
        return False  # "true"/"false" in a statement gives nothing away
    if question.type == "list":
        # Even one item of the list earns part of the credit.
        return any(mentions(finding.text, form) for forms in question.answers for form in forms)
    return any(mentions(finding.text, form) for form in (question.answer, *question.accept))


def without_give_aways(reply: Reply, asked: Asked | None) -> Reply | None:
    """The reply without findings that answer the open question; None when none is left."""
    if asked is None or not reply.known:
        return reply
    kept = tuple(f for f in reply.findings if not gives_away(asked, f))
    if not kept:
        return None
    if len(kept) == len(reply.findings):
        return reply
    # One finding left is no longer a choice between two, nor half of a comparison.
    return dataclasses.replace(reply, findings=kept, lead=None, ambiguous=False)


def answer_question(session: Session, text: str) -> list[BotMessage]:
    """The answer to a question of the learner's own, then the open quiz question again."""
    if session.knowledge is None:
        from quizbot.knowledge import KnowledgeBase
        from quizbot.knowledge.conversation import Conversation

        # A conversation remembers the last question: "and remote work?" follows it.
        session.knowledge = Conversation(KnowledgeBase(session.packs))
    asked = session.open_question()
    reply = session.knowledge.ask(text)
    if asked is not None and not reply.known:
        return [
            info("I can't answer that from the facts I have. Your question is still open."),
            *session.back_to_question(),
        ]
    kept = without_give_aways(reply, asked)
    if kept is None:
        return [
            info(
                "I'll tell you about that once you've answered this question — "
                "try /hint for a clue."
            ),
            *session.back_to_question(),
        ]
    one = kept.known and len(kept.findings) == 1
    # One finding: its citation travels in the message's source field instead.
    source = kept.findings[0].source if one else None
    # The answer first ("342 million"), then the sentence that says it.
    body = kept.findings[0].said if one and source and not kept.lead else kept.render()
    return [BotMessage("answer", body, source=source), *session.back_to_question()]
