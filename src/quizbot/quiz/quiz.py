"""The quiz host: runs a round for its players and reports what happened as events."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizbot.packs.model import Pack, Question
from quizbot.progress.records import AnswerRecord
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
from quizbot.quiz.hints import make_hint
from quizbot.quiz.ports import Clock, Grader, Recorder
from quizbot.quiz.round import LEARNER, Asked, Outcome, Result, Round, RoundResults
from quizbot.quiz.scoring import HintCredit, Scored, ScoringPolicy

if TYPE_CHECKING:
    from quizbot.grading.verdict import Verdict


def _default_grade(
    question: Question, response: str, *, shown_options: Sequence[int] | None = None
) -> Verdict:
    # Imported on first use: the grader's tables are only needed once a question is answered.
    from quizbot.grading import grade

    return grade(question, response, shown_options=shown_options)


class Quiz:
    """Rounds for one or more players: ask, grade, score, record; nothing is worded here.

    Every method returns the events it caused, in order. A question stays open until
    every player has answered or skipped it (or the host closes it); then the next is
    asked, or the round finishes.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        rng: random.Random,
        grader: Grader | None = None,
        recorder: Recorder | None = None,
        scoring: ScoringPolicy | None = None,
    ) -> None:
        self.clock = clock
        self.rng = rng
        self.recorder = recorder
        self.scoring: ScoringPolicy = scoring if scoring is not None else HintCredit()
        self._grade: Grader = grader if grader is not None else _default_grade
        self.round: Round | None = None
        # The last grade made, for the question and line it was made for: a host that
        # grades a line to decide what it means does not pay for grading it twice.
        self._graded: tuple[Asked, str, Verdict] | None = None

    # -- rounds --------------------------------------------------------------

    def start_round(
        self,
        pack: Pack,
        questions: Sequence[Question],
        *,
        players: Sequence[str] = (LEARNER,),
        topic: str | None = None,
        review: bool = False,
    ) -> list[Event]:
        """Begin a round and ask its first question."""
        if not players:
            raise ValueError("a round needs at least one player")
        self.round = Round(
            pack, list(questions), self.clock(), tuple(players), topic=topic, review=review
        )
        return self._advance()

    def stop_round(self) -> RoundResults | None:
        """End the round now (a new round, another pack): its results so far, if any."""
        round_, self.round = self.round, None
        self._graded = None
        return round_.report(self.clock()) if round_ is not None and round_.results else None

    @property
    def current(self) -> Asked | None:
        return self.round.current if self.round is not None else None

    def is_open_for(self, player: str) -> bool:
        """Whether a question waits for this player's answer."""
        return self.round is not None and player in self.round.waiting_for()

    # -- a player's moves ------------------------------------------------------

    def grade(self, response: str) -> Verdict:
        """The grade the open question's answer ``response`` would get (nothing is recorded)."""
        asked = self._open()
        if self._graded is not None and self._graded[0] is asked and self._graded[1] == response:
            return self._graded[2]
        shown = asked.shown if asked.question.type == "choice" else None
        verdict = self._grade(asked.question, response, shown_options=shown)
        self._graded = (asked, response, verdict)
        return verdict

    def answer(self, player: str, response: str) -> list[Event]:
        """Grade, score and record a player's answer to the open question."""
        asked = self._waiting(player)
        verdict = self.grade(response)
        if verdict.verdict == "error" or verdict.reason == "no_such_option":
            return [AnswerNotTaken(player, asked, verdict)]
        assert self.round is not None
        seconds = max(0.0, self.clock() - asked.asked_at)
        credit = self.scoring.credit(
            Scored(
                player,
                asked.question,
                verdict.score,
                asked.hint_used(player),
                seconds,
                self.round.streak(player),
            )
        )
        result = self._result(player, asked, response.strip(), verdict.verdict, verdict.score)
        result = dataclasses.replace(result, credit=credit, verdict=verdict)
        return self._settle(AnswerGraded(player, asked, result))

    def hint(self, player: str) -> list[Event]:
        """A hint for the player (it costs once); no events when the question has none."""
        asked = self._waiting(player)
        if player in asked.hints:
            return [HintGiven(player, asked, asked.hints[player], again=True)]
        hint = make_hint(asked.question, asked.shown, self.rng)
        if hint is None:
            return []
        asked.hints[player] = hint
        return [HintGiven(player, asked, hint)]

    def skip(self, player: str) -> list[Event]:
        """The player passes: no points, the answer is shown to them."""
        asked = self._waiting(player)
        return self._settle(QuestionSkipped(player, asked, self._result(player, asked)))

    def close_question(self) -> list[Event]:
        """The host moves on (time is up): players who have not answered are skipped."""
        assert self.round is not None and self.round.current is not None, "no open question"
        asked = self.round.current
        events: list[Event] = []
        for player in self.round.waiting_for():
            result = self._result(player, asked)
            events += self._settle(QuestionSkipped(player, asked, result), advance=False)
        return events + self._advance()

    def replace_remaining(self, questions: Sequence[Question]) -> None:
        """Swap the questions not yet asked, keeping the round's length."""
        assert self.round is not None
        self.round.replace_remaining(questions)

    # -- inside ------------------------------------------------------------------

    def _open(self) -> Asked:
        assert self.round is not None and self.round.current is not None, "no open question"
        return self.round.current

    def _waiting(self, player: str) -> Asked:
        asked = self._open()
        assert self.round is not None
        if player not in self.round.players:
            raise ValueError(f"{player!r} does not play this round")
        if player in asked.results:
            raise ValueError(f"{player!r} has already answered this question")
        return asked

    def _result(
        self,
        player: str,
        asked: Asked,
        response: str = "",
        outcome: Outcome = "skipped",
        score: float = 0.0,
    ) -> Result:
        return Result(
            player,
            asked.pack,
            asked.question,
            asked.shown,
            response,
            outcome,
            score,
            0.0,
            asked.hint_used(player),
            max(0.0, self.clock() - asked.asked_at),
        )

    def _settle(
        self, event: AnswerGraded | QuestionSkipped, *, advance: bool = True
    ) -> list[Event]:
        """Record the result before anyone is told, then say so and move on when all are done."""
        assert self.round is not None
        result = event.result
        self.round.add(result)
        events: list[Event] = [event]
        error = self._record(result)
        if error is not None:
            events.append(NotRecorded(result.player, event.asked, error))
        return events + (self._advance() if advance else [])

    def _record(self, result: Result) -> str | None:
        if self.recorder is None:
            return None
        from quizbot.progress.store import ProgressError

        record = AnswerRecord(
            time=self.clock(),
            pack=result.pack.id,
            question=result.question.id,
            response=result.response,
            verdict=result.outcome,
            # The grader's score: the schedule weighs hint_used itself, so the policy's
            # hint-halved credit here would count the hint twice.
            score=round(result.score, 4),
            hint_used=result.hint_used,
            seconds=round(result.seconds, 3),
            topic=result.question.topic or "",
        )
        try:
            self.recorder.record(record)
        except (ProgressError, OSError, ValueError) as error:
            return str(error)
        return None

    def _advance(self) -> list[Event]:
        round_ = self.round
        assert round_ is not None
        if round_.waiting_for():
            return []
        self._graded = None
        asked = round_.ask_next(self.clock(), self.rng)
        if asked is not None:
            return [QuestionAsked(asked, round_.total)]
        return [RoundFinished(round_.report(self.clock()))]
