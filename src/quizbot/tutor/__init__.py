"""The conversation: a learner's lines in, the tutor's messages out.

Follow one typed line from the terminal UI to the grader and back (see also
``docs/architecture.md``); read the tutor's modules in this order::

    tui/app.py          Input.Submitted -> a worker thread calls Tutor.respond(line)
    tutor/engine.py     Tutor.respond: a question is open (Session.open_question), so ...
    tutor/intents.py      ... read_question_line: a command, an answer or a question of
                          the learner's own? -> an Intent
    tutor/answers.py      (could this line be an answer? asks the grader via the core)
    tutor/engine.py     Tutor._dispatch: an answer goes to the round driver
    tutor/rounds.py     rounds.answer(session, line) -> Quiz.answer(LEARNER, line)
    quiz/quiz.py          grade -> points (ScoringPolicy) -> record -> events
    grading/grader.py       grade(question, line) -> Verdict
    progress/store.py       Recorder.record(AnswerRecord), before anyone is told
    quiz/events.py        [AnswerGraded, QuestionAsked | RoundFinished]
    tutor/rounds.py     rounds.say(session, events): keeps the stage in step and words
    tutor/verdicts.py     each event in English (the verdict, the explanation; the
    tutor/wording.py      next question, the round's summary)
    tui/app.py          a TutorReplied message -> @on handler -> transcript bubbles

The other intents go to their own modules: commands to ``handlers.py`` (what each
command of the one list in ``commands.py`` does), the learner's questions to
``asking.py``, choices at the menu and small talk to ``choosing.py``. All of them share
one ``Session`` (``session.py``: the packs, the choices, the quiz core, the stage);
``profile.py`` keeps what lasts between sessions, ``exam.py`` the exam's clock,
``menu.py`` draws the menu. Inside the package a module imports only modules below it
in this list (an import-linter contract): engine; handlers; choosing, asking; rounds;
exam, menu; profile; session, verdicts; wording, answers, learning,
menu_intents; intents; commands, messages.

Layers (checked by import-linter, see ``pyproject.toml``): fronts (tui, plain, cli,
batch) above the conversation (tutor), classroom and authoring; those above the quiz
core (quiz); the core above knowledge and progress; those above grading; grading above
packs; packs above lexicon. Only the TUI imports Textual.
"""

from __future__ import annotations

from quizbot.quiz.round import RoundProgress
from quizbot.tutor.engine import Tutor, TutorStatus
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.session import ProgressBook

__all__ = ["BotMessage", "ProgressBook", "RoundProgress", "Tutor", "TutorStatus"]
