"""The conversation: a learner's lines in, the tutor's messages out.

Follow one typed line from the terminal UI to the grader and back (see also
``docs/architecture.md``)::

    tui/app.py        Input.Submitted -> a worker thread calls Tutor.respond(line)
    tutor/engine.py   Tutor.respond: is a question open? then ...
    tutor/intents.py    ... read_question_line: command, answer or the learner's question?
    tutor/answers.py        (could this line be an answer? asks the grader via the core)
    quiz/quiz.py      Quiz.answer(player, line): grade -> score (ScoringPolicy)
    grading/grader.py   grade(question, line) -> Verdict
    progress/store.py   Recorder.record(AnswerRecord), before anyone is told
    quiz/events.py    -> [AnswerGraded, QuestionAsked | RoundFinished]
    tutor/wording.py  events -> BotMessages in English (verdict, explanation, question)
    tui/app.py        a TutorReplied message -> @on handler -> transcript bubbles

Layers (checked by import-linter, see ``pyproject.toml``): fronts (tui, plain, cli,
batch) above the conversation (tutor), classroom and authoring; those above the quiz
core (quiz); the core above knowledge and progress; those above grading; grading above
packs; packs above lexicon. Only the TUI imports Textual.
"""

from __future__ import annotations

from quizbot.quiz.round import RoundProgress
from quizbot.tutor.engine import ProgressBook, Tutor, TutorStatus
from quizbot.tutor.messages import BotMessage

__all__ = ["BotMessage", "ProgressBook", "RoundProgress", "Tutor", "TutorStatus"]
