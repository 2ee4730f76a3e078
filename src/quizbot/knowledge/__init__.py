"""Answering a learner's free question from the loaded packs' facts, with sources."""

from __future__ import annotations

from quizbot.knowledge.conversation import Conversation
from quizbot.knowledge.index import KnowledgeBase
from quizbot.knowledge.intent import looks_like_question
from quizbot.knowledge.reply import Finding, Reply

__all__ = ["Conversation", "Finding", "KnowledgeBase", "Reply", "looks_like_question"]
