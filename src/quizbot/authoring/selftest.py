"""The authors' own grading checks (``tests:``): each example graded as they expect?"""

from __future__ import annotations

from quizbot.packs.model import Pack
from quizbot.packs.problems import Problem


def grading_test_problems(pack: Pack) -> list[Problem]:
    """Grade each question's ``tests:`` examples; a mismatch is a problem at its line."""
    from quizbot.grading import grade

    problems = []
    for question in pack.questions:
        tests = question.tests
        if tests is None:
            continue
        for response, place in zip(tests.accepted, tests.accepted_places, strict=True):
            verdict = grade(question, response)
            if not verdict.correct:
                problems.append(
                    Problem(
                        place,
                        f"test response {response!r} should be accepted but was graded "
                        f"{verdict.verdict} ({verdict.reason}): {verdict.feedback}",
                    )
                )
        for response, place in zip(tests.rejected, tests.rejected_places, strict=True):
            verdict = grade(question, response)
            if verdict.correct:
                problems.append(
                    Problem(
                        place,
                        f"test response {response!r} should be rejected but was graded "
                        f"correct ({verdict.reason})",
                    )
                )
    return problems
