"""Follow-up questions ("and remote work?", "what about 2019?", "那远程办公呢？"),
resolved against the last question the knowledge base answered.

A conversation keeps one thing: the last answered question, in English words. A
follow-up names a new subject (or year) and borrows the rest from it: after "how many
people use online education?", "and remote work?" is asked as "how many people
remote work". If the borrowed question finds nothing, the follow-up is asked on its
own ("what about Guizhou?" is a question in its own right).
"""

from __future__ import annotations

import re

from quizbot.knowledge.chinese import has_chinese, to_english
from quizbot.knowledge.index import MAX_QUESTION_CHARS, KnowledgeBase
from quizbot.knowledge.reply import Reply

FOLLOW_UP = re.compile(
    r"^\W*(?:and|what about|how about|and what about|and how about|what of|and for|and in"
    r"|same for|same question for)\b\s*(?P<rest>.*?)[\s?!.]*$",
    re.IGNORECASE,
)
CHINESE_FOLLOW_UP = re.compile(r"^\W*(?:那么?|还有)?(?P<rest>.+?)(?:呢|怎么样|如何)\W*$")
# The opening of the last question that a follow-up keeps ("how many", "when"), and
# the measure it counted ("people", "users"), said after the new subject so that the
# subject's words stay together ("how many online medicine people").
LEAD = re.compile(
    r"^\W*(?:how (?:many|much)|what (?:percentage|percent|share|proportion)(?: of)?"
    r"|when|who|where|why|which|what)\b",
    re.IGNORECASE,
)
MEASURE = re.compile(r"\b(?:people|users|workers|villages|schools|counties|times)\b", re.I)
_MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"
# "2019", "in 2019", "may 2020", "at the end of 2019": a follow-up that changes the date.
DATE = re.compile(
    rf"^(?:in |by |at the end of |as of )?((?:(?:{_MONTH}) )?(?:19|20)\d\d)$", re.IGNORECASE
)
DATE_IN_LAST = re.compile(
    rf"\b(?:(?:in|by|at the end of|as of) )?(?:(?:{_MONTH}) )?(?:19|20)\d\d\b", re.IGNORECASE
)


class Conversation:
    """Asks the knowledge base, remembering the last answered question for follow-ups."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self._knowledge = knowledge
        self._last: str | None = None  # the last answered question, in English words

    @property
    def last_question(self) -> str | None:
        """The last question answered (as asked, follow-ups resolved), or None."""
        return self._last

    def forget(self) -> None:
        """Start afresh: the next question is not read as a follow-up."""
        self._last = None

    def ask(self, question: str) -> Reply:
        """The reply to a question, or to a follow-up of the last answered one."""
        text = str(question)[:MAX_QUESTION_CHARS]
        chinese = has_chinese(text)
        try:
            english = to_english(text) if chinese else text
            subject = self._subject(text, english, chinese)
        except Exception:  # a question must never crash the tutor
            return self._knowledge.ask(text)
        if subject is not None and self._last is not None:
            resolved = resolve(self._last, subject)
            reply = self._knowledge.ask_english(resolved, chinese=chinese)
            if reply.known:
                self._last = resolved
                return reply
        reply = self._knowledge.ask_english(english, chinese=chinese)
        if reply.known:
            self._last = english
        return reply

    @staticmethod
    def _subject(text: str, english: str, chinese: bool) -> str | None:
        """What a follow-up asks about ("remote work", "2019"), or None if it is not one."""
        if chinese:
            match = CHINESE_FOLLOW_UP.match(text.strip())
            return to_english(match.group("rest")) if match else None
        match = FOLLOW_UP.match(english.strip())
        if match is None or not match.group("rest"):
            return None
        return match.group("rest")


def resolve(last: str, subject: str) -> str:
    """The last question asked again about a new subject or date."""
    date = DATE.match(subject.strip())
    if date:
        # "what about 2019?": the same question, another date.
        return f"{DATE_IN_LAST.sub(' ', last).strip()} {subject.strip()}"
    lead = LEAD.match(last)
    measure = MEASURE.search(last)
    parts = [lead.group(0).strip() if lead else "", subject, measure.group(0) if measure else ""]
    return " ".join(part for part in parts if part)
