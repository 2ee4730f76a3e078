"""What the first answer needs, imported in the background while the learner reads.

The grader (with rapidfuzz and the number, unit and Chinese readers), the check for a
line that reads as a question, and the progress file lock are not imported before the
first question is on screen: the launch would wait ~40 ms for them. The first answer
needs them, so once the first question is shown a worker thread imports them, and
the first answer is not slower for the faster launch. Importing is all it does: a
module imported twice (here and by the tutor's thread) is imported once, under
Python's import lock.
"""

from __future__ import annotations

import importlib

FIRST_ANSWER_NEEDS = (
    "quizbot.grading",  # grading an answer; imports rapidfuzz and the lexicon readers
    "quizbot.knowledge.intent",  # does the line read as a question of the learner's own?
    "rapidfuzz.fuzz",
    "rapidfuzz.process",
    "filelock",  # saving the first answer takes the profile's lock
)


def warm_up(modules: tuple[str, ...] = FIRST_ANSWER_NEEDS) -> None:
    """Import the modules (in a worker thread); a failure is left to the real import."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the tutor's own import will report it where it matters
            continue
