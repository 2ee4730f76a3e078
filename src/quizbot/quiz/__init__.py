"""The quiz core: rounds of questions for one learner or many players.

No English, no Textual, no I/O of its own. A host (the tutor's conversation, a
classroom drill, a browser class) drives it:

- :func:`choose_questions` picks a round's questions (due ones first, one question per
  fact, no question whose prompt gives another's answer away);
- :class:`Quiz` runs a :class:`Round`: each call (``answer``, ``hint``, ``skip``,
  ``close_question``) returns typed events (:mod:`quizbot.quiz.events`) for the host to
  word and show;
- time comes from an injected clock, grading from an injected grader, answers are saved
  through a :class:`Recorder`, points come from a :class:`ScoringPolicy`.
"""

from __future__ import annotations

from quizbot.quiz.events import (
    AnswerGraded,
    AnswerNotTaken,
    Event,
    HintGiven,
    NotRecorded,
    QuestionAsked,
    QuestionSkipped,
    RoundFinished,
)
from quizbot.quiz.hints import AuthorHint, Hint, MaskedAnswer, RuledOut
from quizbot.quiz.options import letter, question_key
from quizbot.quiz.ports import Clock, Grader, KnowledgeSource, Recorder
from quizbot.quiz.quiz import Quiz
from quizbot.quiz.round import LEARNER, Asked, Result, Round, RoundProgress, RoundResults
from quizbot.quiz.scoring import HintCredit, Scored, ScoringPolicy
from quizbot.quiz.selection import Difficulty, choose_questions

__all__ = [
    "LEARNER",
    "AnswerGraded",
    "AnswerNotTaken",
    "Asked",
    "AuthorHint",
    "Clock",
    "Difficulty",
    "Event",
    "Grader",
    "Hint",
    "HintCredit",
    "HintGiven",
    "KnowledgeSource",
    "MaskedAnswer",
    "NotRecorded",
    "QuestionAsked",
    "QuestionSkipped",
    "Quiz",
    "Recorder",
    "Result",
    "Round",
    "RoundFinished",
    "RoundProgress",
    "RoundResults",
    "RuledOut",
    "Scored",
    "ScoringPolicy",
    "choose_questions",
    "letter",
    "question_key",
]
