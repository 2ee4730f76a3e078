"""How a drill counts points: Kahoot's model, as a quiz-core ScoringPolicy.

For one answer, with ``s`` the grader's score (1 right, 0 wrong, between for a list
question answered in part), ``t`` the seconds taken (from the question shown, or the
team's turn starting, to the answer; in buzzer style to the buzz; paused time not
counted) and ``T`` the time allowed (``--seconds`` plus any extra time given)::

    points = round(1000 * (1 - t / T / 2) * s) + streak bonus   (timed)
    points = round(1000 * s) + streak bonus                     (no timer)

so a right answer earns between 500 (at the last moment) and 1000 (at once). The streak
bonus is 100 for each right answer in a row just before this one, at most 500, and only
for a fully right answer. A wrong answer, a time-out and a list answered in part end
the streak; a wrong answer earns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizbot.quiz import Scored

MAX_POINTS = 1000
STREAK_STEP = 100
MAX_STREAK_BONUS = 500


@dataclass(frozen=True)
class SpeedAndStreak:
    """Kahoot's points: speed within the time allowed, plus a capped streak bonus."""

    limit: float = 0.0  # seconds allowed; 0: no timer, a fixed amount

    def credit(self, answer: Scored) -> float:
        if answer.score <= 0:
            return 0.0
        speed = 1.0
        if self.limit > 0:
            taken = min(max(answer.seconds, 0.0), self.limit)
            speed = 1.0 - taken / self.limit / 2
        points = round(MAX_POINTS * speed * answer.score)
        if answer.score >= 1.0:
            points += min(STREAK_STEP * answer.streak, MAX_STREAK_BONUS)
        return float(points)
