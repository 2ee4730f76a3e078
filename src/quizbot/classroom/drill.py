"""A classroom drill: teams (or players) answer a run of questions on one screen.

The teacher types every line: an answer, ``who: answer`` in buzzer style, or a command
(``/pause``, ``/skip``, ``/more 10``, ``/right``, ``/wrong``, ``/next``). Every move is an
event (a JSON-ready dict with its time ``t``): it is handed to the ``sink`` (the session
folder, which saves it at once) *before* it takes effect, and the drill's whole state is
the events applied in order, so a drill read back from its events (:meth:`Drill.replay`)
is the drill that stopped.

Built on the quiz core: answers are graded by its :class:`~quizbot.quiz.Grader`, points
come from a :class:`~quizbot.quiz.ScoringPolicy` (:class:`SpeedAndStreak`, see
:mod:`quizbot.classroom.scoring` for the formula) and options are shuffled as the core
does. Points are recomputed from all the answers whenever the teacher overrules a
verdict, so later streaks follow. Time comes from an injected clock; nothing sleeps.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

from quizbot.classroom.scoring import SpeedAndStreak
from quizbot.packs.model import Pack, Question
from quizbot.quiz import Clock, Grader, Scored, letter, question_key
from quizbot.quiz.options import shuffled_options

Mode = Literal["turns", "buzzer", "class"]  # class: every student answers at once
Phase = Literal["question", "between", "finished"]
Event = dict[str, Any]
Sink = Callable[[Event], None]

MAX_NAME = 40
DEFAULT_MORE = 10.0


_Session = TypeVar("_Session", bound="Drill")  # a drill, or a class in browsers


class DrillError(ValueError):
    """A move the drill cannot take now (one line for the teacher)."""


@dataclass(frozen=True)
class Settings:
    """What a drill is: who plays, how, and which questions (the session's first event)."""

    players: tuple[str, ...]
    questions: tuple[str, ...]  # pack/question keys, in the order asked
    mode: Mode = "turns"
    seconds: float = 0.0  # per question (per turn in turn mode); 0: no timer
    teams: Mapping[str, str] = field(default_factory=dict)  # player -> team (a roster)
    seed: int = 0
    packs: tuple[str, ...] = ()  # the pack paths given; none: the built-in packs

    def check(self) -> None:
        if not self.players and self.mode != "class":  # a class starts empty: students join
            raise DrillError("a drill needs at least one player or team")
        folded = [p.casefold() for p in self.players]
        if len(set(folded)) != len(folded):
            raise DrillError("two players or teams have the same name")
        for name in self.players:
            if not name.strip() or ":" in name or len(name) > MAX_NAME:
                raise DrillError(f"{name!r} cannot be a name: 1 to {MAX_NAME} characters, no ':'")
        if not self.questions:
            raise DrillError("no questions to ask (check --pack, --topic and --ids)")
        if self.seconds < 0:
            raise DrillError("--seconds cannot be negative (0 means no timer)")

    def to_json(self) -> Event:
        return {
            "players": list(self.players),
            "questions": list(self.questions),
            "mode": self.mode,
            "seconds": self.seconds,
            "teams": dict(self.teams),
            "seed": self.seed,
            "packs": list(self.packs),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Settings:
        mode = data.get("mode", "turns")
        if mode not in ("turns", "buzzer", "class"):
            raise DrillError(f"unknown drill mode {mode!r}")
        return cls(
            players=tuple(str(p) for p in data["players"]),
            questions=tuple(str(q) for q in data["questions"]),
            mode=mode,
            seconds=float(data.get("seconds", 0)),
            teams={str(k): str(v) for k, v in dict(data.get("teams", {})).items()},
            seed=int(data.get("seed", 0)),
            packs=tuple(str(p) for p in data.get("packs", ())),
        )


@dataclass
class Answer:
    """One player's answer to one question, as graded and perhaps overruled."""

    number: int  # the question's place in the drill, from 1
    key: str  # pack/question
    player: str
    response: str
    outcome: str  # correct, partial, incorrect, timeout
    score: float  # the grader's score, 0..1
    seconds: float  # time taken (to the buzz in buzzer style), pauses not counted
    limit: float  # seconds allowed (0: no timer)
    feedback: str = ""
    overruled: str | None = None  # "right" or "wrong": the teacher's word
    points: float = 0.0

    @property
    def final_outcome(self) -> str:
        if self.overruled == "right":
            return "correct"
        if self.overruled == "wrong":
            return "incorrect"
        return self.outcome

    @property
    def final_score(self) -> float:
        if self.overruled is not None:
            return 1.0 if self.overruled == "right" else 0.0
        return self.score


@dataclass
class Open:
    """The question on screen and its clock (the turn's clock in turn mode)."""

    number: int
    pack: Pack
    question: Question
    shown: tuple[int, ...]
    order: tuple[str, ...]  # who answers, in turn order
    started: float  # when the question (or the current turn) began
    paused_for: float = 0.0
    paused_at: float | None = None
    extra: float = 0.0  # more time given on this turn or question
    done: list[str] = field(default_factory=list)
    buzzed: str | None = None
    buzz_seconds: float = 0.0  # the clock at the buzz: it stops while they answer
    buzz_at: float = 0.0

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(self.question.options[i] for i in self.shown)


@dataclass(frozen=True)
class Standing:
    """A line of the leaderboard."""

    name: str
    points: float
    rank: int  # 1 for the leaders; equal points share a rank
    moved: int  # places gained since the last question (negative: lost)
    correct: int
    answered: int


class Drill:
    """A drill being played (or read back from its events)."""

    def __init__(
        self,
        settings: Settings,
        packs: Sequence[Pack],
        *,
        clock: Clock,
        grader: Grader | None = None,
        sink: Sink | None = None,
    ) -> None:
        settings.check()
        self.settings = settings
        self.clock = clock
        self.sink = sink
        self._grade = grader if grader is not None else _default_grade
        index = {question_key(p, q): (p, q) for p in packs for q in p.questions}
        missing = [k for k in settings.questions if k not in index]
        if missing:
            raise DrillError(f"question {missing[0]} is in none of the packs")
        self.items = [index[k] for k in settings.questions]
        self.answers: list[Answer] = []
        self.open: Open | None = None
        self.phase: Phase = "question"
        self.number = 0  # the question being asked or last asked, from 1
        self.last_t = 0.0

    # -- starting, and reading back ------------------------------------------

    @classmethod
    def start(
        cls,
        settings: Settings,
        packs: Sequence[Pack],
        *,
        clock: Clock,
        grader: Grader | None = None,
        sink: Sink | None = None,
    ) -> tuple[Drill, list[str]]:
        drill = cls(settings, packs, clock=clock, grader=grader, sink=sink)
        now = clock()
        drill._emit({"type": "start", "t": now, "settings": settings.to_json()})
        return drill, drill._emit({"type": "ask", "t": now})

    @classmethod
    def replay(
        cls: type[_Session],
        events: Sequence[Event],
        packs: Sequence[Pack],
        *,
        clock: Clock,
        grader: Grader | None = None,
    ) -> _Session:
        """The drill its events describe (no sink: attach one to go on playing)."""
        if not events or events[0].get("type") != "start":
            raise DrillError(f"the session does not begin with the {cls._what}'s settings")
        if cls is Drill and dict(events[0].get("settings", {})).get("mode") == "class":
            from quizbot.classroom.class_room import ClassRoom  # a class in browsers

            return cast(_Session, ClassRoom.replay(events, packs, clock=clock, grader=grader))
        drill = cls._from_start(events[0], packs, clock=clock, grader=grader)
        for event in events[1:]:
            drill._apply(event)
        return drill

    # What a session of this kind is called, in the error of one read back wrongly.
    _what = "drill"

    @classmethod
    def _from_start(
        cls: type[_Session],
        start: Event,
        packs: Sequence[Pack],
        *,
        clock: Clock,
        grader: Grader | None,
    ) -> _Session:
        """A new session from its "start" event (before any other event is applied)."""
        return cls(Settings.from_json(start["settings"]), packs, clock=clock, grader=grader)

    def hold_after_stop(self) -> list[str]:
        """After a resume: pause an open question at the last moment saved, so the time the
        drill was stopped does not count. A drill stopped before its first question asks it."""
        if self.number == 0:
            return self._emit({"type": "ask", "t": self.clock()})
        if self.open is not None and self.open.paused_at is None and self.timed:
            return self._emit({"type": "pause", "t": self.last_t})
        return []

    # -- what the screen shows -------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def timed(self) -> bool:
        return self.settings.seconds > 0

    def whose_turn(self) -> str | None:
        """Turn mode: who answers now; buzzer style: who has buzzed, if anyone."""
        if self.open is None:
            return None
        if self.settings.mode == "buzzer":
            return self.open.buzzed
        waiting = [p for p in self.open.order if p not in self.open.done]
        return waiting[0] if waiting else None

    def remaining(self) -> float | None:
        """Seconds left on the clock (None: no timer, or no question open)."""
        if self.open is None or not self.timed:
            return None
        return max(0.0, self._limit() - self._elapsed(self.clock()))

    @property
    def paused(self) -> bool:
        return self.open is not None and self.open.paused_at is not None

    def current(self) -> tuple[Pack, Question] | None:
        if self.number == 0:
            return None
        return self.items[self.number - 1]

    def options(self) -> tuple[str, ...]:
        return self.open.options if self.open is not None else ()

    def shown(self, number: int) -> tuple[int, ...]:
        """The order question ``number``'s options were shown in (the same on every replay)."""
        _, question = self.items[number - 1]
        return shuffled_options(question, random.Random(f"{self.settings.seed}/{number}"))

    def regrade(self) -> int:
        """Grade every answer again with the questions as loaded now (after a pack gained
        an ``accept``); the teacher's overrules still stand. How many verdicts changed."""
        changed = 0
        for answer in self.answers:
            if answer.outcome == "timeout":
                continue
            _, question = self.items[answer.number - 1]
            shown = self.shown(answer.number) if question.type == "choice" else None
            verdict = self._grade(question, answer.response, shown_options=shown)
            if verdict.verdict == "error":
                continue
            score = round(verdict.score, 4)
            if (verdict.verdict, score) != (answer.outcome, answer.score):
                changed += 1
            answer.outcome, answer.score, answer.feedback = verdict.verdict, score, verdict.feedback
        self._rescore()
        return changed

    def answers_to(self, number: int) -> list[Answer]:
        return [a for a in self.answers if a.number == number]

    def standings(self, upto: int | None = None) -> list[Standing]:
        """The leaderboard after question ``upto`` (default: all answers so far)."""
        now = self._standings(upto)
        before = self._standings((upto if upto is not None else self.number) - 1)
        return [
            Standing(s.name, s.points, s.rank, before[s.name].rank - s.rank, s.correct, s.answered)
            for s in now.values()
        ]

    def team_standings(self) -> list[Standing]:
        """With a roster: each team's points, the sum of its players' points."""
        teams: dict[str, list[Answer]] = {}
        for team in self.settings.teams.values():
            teams.setdefault(team, [])
        for answer in self.answers:
            mine = self.settings.teams.get(answer.player)
            if mine is not None:
                teams[mine].append(answer)
        return _ranked(teams)

    def podium(self) -> list[Standing]:
        """The leaders: everyone ranked 1 to 3 (equal points share a step)."""
        table = self.team_standings() if self.settings.teams else self.standings()
        return [s for s in table if s.rank <= 3]

    # -- the teacher's moves -----------------------------------------------------

    def command(self, line: str) -> list[str]:
        """Do what the teacher typed; a move that cannot be taken raises DrillError."""
        text = line.strip()
        if text.startswith("/"):
            word, _, rest = text[1:].partition(" ")
            return self._slash(word.casefold(), rest.strip())
        if self.phase == "finished":
            raise DrillError("the drill is over")
        if self.phase == "between":
            if not text:
                return self.next()
            raise DrillError("the question is closed: press Enter (or /next) for the next one")
        if not text:
            return []
        who, answer = self._split_who(text)
        if self.settings.mode == "buzzer":
            if who is not None and not answer:
                return self.buzz(who)
            player = who if who is not None else self.whose_turn()
            if player is None:
                raise DrillError("buzzer style: type who answers first ('Red: Paris', or 'Red')")
            return self.answer(player, answer)
        turn = self.whose_turn()
        if who is not None and who != turn:
            raise DrillError(f"it is {turn}'s turn, not {who}'s")
        if not answer:
            return []
        assert turn is not None
        return self.answer(turn, answer)

    def _slash(self, word: str, rest: str) -> list[str]:
        if word == "pause":
            return self.resume() if self.paused else self.pause()
        if word == "resume":
            return self.resume()
        if word == "skip":
            return self.skip()
        if word == "next":
            return self.next()
        if word == "more":
            try:
                seconds = float(rest) if rest else DEFAULT_MORE
            except ValueError:
                raise DrillError("/more takes a number of seconds: /more 10") from None
            return self.more(seconds)
        if word in ("right", "wrong"):
            who = self._player(rest) if rest else None
            return self.overrule(word, who)
        raise DrillError(f"unknown command /{word}: {COMMANDS_HELP}")

    def buzz(self, player: str) -> list[str]:
        open_ = self._question_open()
        if self.settings.mode != "buzzer":
            raise DrillError("buzzing is for buzzer style (--buzzer)")
        if player in open_.done:
            raise DrillError(f"{player} has already answered this question")
        return self._emit({"type": "buzz", "t": self.clock(), "player": player})

    def answer(self, player: str, response: str) -> list[str]:
        open_ = self._question_open()
        if player in open_.done:
            raise DrillError(f"{player} has already answered this question")
        if self.settings.mode == "turns" and player != self.whose_turn():
            raise DrillError(f"it is {self.whose_turn()}'s turn")
        if self.settings.mode == "buzzer" and open_.buzzed not in (None, player):
            raise DrillError(f"{open_.buzzed} has buzzed: their answer first")
        shown = open_.shown if open_.question.type == "choice" else None
        verdict = self._grade(open_.question, response, shown_options=shown)
        if verdict.verdict == "error" or verdict.reason == "no_such_option":
            raise DrillError(f"not an answer to this question: {verdict.feedback}")
        return self._emit(
            {
                "type": "answer",
                "t": self.clock(),
                "player": player,
                "response": response.strip(),
                "outcome": verdict.verdict,
                "score": round(verdict.score, 4),
                "feedback": verdict.feedback,
            }
        )

    def pause(self) -> list[str]:
        open_ = self._question_open(paused_ok=True)
        if open_.paused_at is not None:
            raise DrillError("already paused: /resume to go on")
        return self._emit({"type": "pause", "t": self.clock()})

    def resume(self) -> list[str]:
        open_ = self._question_open(paused_ok=True)
        if open_.paused_at is None:
            raise DrillError("the drill is not paused")
        return self._emit({"type": "resume", "t": self.clock()})

    def more(self, seconds: float) -> list[str]:
        self._question_open(paused_ok=True)
        if not self.timed:
            raise DrillError("this drill has no timer")
        if not 0 < seconds <= 600:
            raise DrillError("/more takes 1 to 600 seconds")
        return self._emit({"type": "more", "t": self.clock(), "seconds": seconds})

    def skip(self) -> list[str]:
        self._question_open(paused_ok=True)
        return self._emit({"type": "skip", "t": self.clock()})

    def next(self) -> list[str]:
        if self.phase != "between":
            raise DrillError(
                "the question is still open: answer it, /skip it, or wait for the time"
                if self.phase == "question"
                else "the drill is over"
            )
        return self._emit({"type": "ask", "t": self.clock()})

    def overrule(self, verdict: str, player: str | None = None) -> list[str]:
        """Mark an answer right or wrong: the last one given, or ``player``'s last one."""
        if verdict not in ("right", "wrong"):
            raise DrillError("overrule with right or wrong")
        mine = [a for a in self.answers if player is None or a.player == player]
        if not mine:
            raise DrillError("no answer to overrule yet")
        target = mine[-1]
        return self._emit(
            {
                "type": "overrule",
                "t": self.clock(),
                "number": target.number,
                "player": target.player,
                "verdict": verdict,
            }
        )

    def tick(self) -> list[str]:
        """Close turns or questions whose time is up (the fronts call this often)."""
        notes: list[str] = []
        while (
            self.open is not None
            and self.timed
            and self.open.paused_at is None
            and self.open.buzzed is None
            and self._elapsed(self.clock()) >= self._limit()
        ):
            deadline = self.open.started + self.open.paused_for + self._limit()
            notes += self._emit({"type": "timeout", "t": deadline})
        return notes

    # -- inside ----------------------------------------------------------------------

    def _emit(self, event: Event) -> list[str]:
        """Save the event first (a crash after this loses nothing), then apply it."""
        if self.sink is not None:
            self.sink(event)
        return self._apply(event)

    def _apply(self, event: Event) -> list[str]:
        kind = event["type"]
        t = float(event["t"])
        self.last_t = max(self.last_t, t)
        handler = _APPLY.get(kind)
        if handler is None:
            return []  # a newer quizbot's event: nothing this one needs to know
        return handler(self, event, t)

    def _on_start(self, event: Event, t: float) -> list[str]:
        return []

    def _on_ask(self, event: Event, t: float) -> list[str]:
        if self.number >= self.total:
            self.phase = "finished"
            self.open = None
            return ["The drill is over."]
        self.number += 1
        pack, question = self.items[self.number - 1]
        order = self.settings.players
        if self.settings.mode == "turns":
            # The first to answer moves round, so no team always waits longest.
            k = (self.number - 1) % len(order)
            order = order[k:] + order[:k]
        self.open = Open(self.number, pack, question, self.shown(self.number), order, t)
        self.phase = "question"
        notes = [f"Question {self.number} of {self.total}: {question.prompt}"]
        notes += [f"  {letter(i)}. {text}" for i, text in enumerate(self.open.options)]
        if self.settings.mode == "turns":
            notes.append(f"{order[0]}'s turn.")
        return notes

    def _on_buzz(self, event: Event, t: float) -> list[str]:
        open_ = self._must_open()
        open_.buzz_seconds = self._elapsed(t)
        open_.buzzed, open_.buzz_at = str(event["player"]), t
        return [f"{open_.buzzed} buzzed."]

    def _on_answer(self, event: Event, t: float) -> list[str]:
        open_ = self._must_open()
        player = str(event["player"])
        seconds = open_.buzz_seconds if open_.buzzed == player else self._elapsed(t)
        answer = Answer(
            open_.number,
            question_key(open_.pack, open_.question),
            player,
            str(event["response"]),
            str(event["outcome"]),
            float(event["score"]),
            round(min(seconds, self._limit()) if self.timed else seconds, 3),
            self._limit() if self.timed else 0.0,
            str(event.get("feedback", "")),
        )
        self.answers.append(answer)
        self._rescore()
        notes = [_verdict_line(answer)]
        return notes + self._after_answer(player, t, right=answer.final_outcome == "correct")

    def _on_timeout(self, event: Event, t: float) -> list[str]:
        open_ = self._must_open()
        if self.settings.mode == "buzzer":
            return ["Time is up.", *self._close(t)]
        player = self.whose_turn()
        assert player is not None
        self.answers.append(
            Answer(
                open_.number,
                question_key(open_.pack, open_.question),
                player,
                "",
                "timeout",
                0.0,
                self._limit(),
                self._limit(),
            )
        )
        self._rescore()
        return [f"{player}: time is up.", *self._after_answer(player, t, right=False)]

    def _after_answer(self, player: str, t: float, *, right: bool) -> list[str]:
        open_ = self._must_open()
        open_.done.append(player)
        if open_.buzzed is not None:  # the clock goes on from where the buzz stopped it
            open_.paused_for += max(0.0, t - open_.buzz_at)
            open_.buzzed = None
        if self.settings.mode == "buzzer" and right:
            return self._close(t)
        waiting = [p for p in open_.order if p not in open_.done]
        if not waiting:
            return self._close(t)
        if self.settings.mode == "turns":
            open_.started, open_.paused_for, open_.extra = t, 0.0, 0.0  # the next turn's clock
            return [f"{waiting[0]}'s turn."]
        return []

    def _on_pause(self, event: Event, t: float) -> list[str]:
        self._must_open().paused_at = t
        return ["Paused: /resume (or /pause) to go on."]

    def _on_resume(self, event: Event, t: float) -> list[str]:
        open_ = self._must_open()
        if open_.paused_at is not None:
            if open_.buzzed is None:  # after a buzz, the buzz's own stop counts the pause
                open_.paused_for += max(0.0, t - open_.paused_at)
            open_.paused_at = None
        return ["Go on."]

    def _on_more(self, event: Event, t: float) -> list[str]:
        seconds = float(event["seconds"])
        self._must_open().extra += seconds
        return [f"{seconds:g} more seconds."]

    def _on_skip(self, event: Event, t: float) -> list[str]:
        return ["Question skipped.", *self._close(t)]

    def _on_overrule(self, event: Event, t: float) -> list[str]:
        number, player = int(event["number"]), str(event["player"])
        target = next(
            (a for a in reversed(self.answers) if a.number == number and a.player == player), None
        )
        if target is None:
            return []
        target.overruled = str(event["verdict"])
        self._rescore()
        notes = [f"Overruled: {player}'s answer to question {number} is {target.overruled}."]
        open_ = self.open
        if (
            open_ is not None
            and open_.number == number
            and self.settings.mode == "buzzer"
            and target.overruled == "right"
        ):
            notes += self._close(t)
        return notes

    def _close(self, t: float) -> list[str]:
        open_ = self._must_open()
        self.open = None
        self.phase = "between"
        from quizbot.grading.grader import expected_answer

        # As the grader shows it: "96%" for a percent, the option's letter for a choice.
        shown = open_.shown if open_.question.type == "choice" else None
        notes = [f"The answer: {expected_answer(open_.question, shown)}"]
        if open_.question.explanation:
            notes.append(open_.question.explanation)
        source = open_.pack.source_of(open_.question)
        if source is not None:
            notes.append(f"Source: {source.citation()}")
        if self.number >= self.total:
            notes.append("That was the last question: Enter (or /next) for the podium.")
        return notes

    def _rescore(self) -> None:
        """Every answer's points again, in order: an overrule changes later streaks too."""
        streaks: dict[str, int] = {}
        for answer in self.answers:
            _, question = self.items[answer.number - 1]
            streak = streaks.get(answer.player, 0)
            scored = Scored(
                answer.player, question, answer.final_score, False, answer.seconds, streak
            )
            answer.points = SpeedAndStreak(answer.limit).credit(scored)
            streaks[answer.player] = streak + 1 if answer.final_outcome == "correct" else 0

    def _standings(self, upto: int | None) -> dict[str, Standing]:
        groups: dict[str, list[Answer]] = {p: [] for p in self.settings.players}
        for answer in self.answers:
            if upto is None or answer.number <= upto:
                groups[answer.player].append(answer)
        return {s.name: s for s in _ranked(groups)}

    def _limit(self) -> float:
        extra = self.open.extra if self.open is not None else 0.0
        return self.settings.seconds + extra

    def _elapsed(self, now: float) -> float:
        open_ = self._must_open()
        if open_.buzzed is not None:
            return open_.buzz_seconds
        until = open_.paused_at if open_.paused_at is not None else now
        return max(0.0, until - open_.started - open_.paused_for)

    def _must_open(self) -> Open:
        if self.open is None:
            raise DrillError("no question is open")
        return self.open

    def _question_open(self, *, paused_ok: bool = False) -> Open:
        if self.phase == "finished":
            raise DrillError("the drill is over")
        if self.open is None:
            raise DrillError("no question is open: Enter (or /next) for the next one")
        if self.open.paused_at is not None and not paused_ok:
            raise DrillError("paused: /resume first")
        return self.open

    def _split_who(self, text: str) -> tuple[str | None, str]:
        """``Red: Paris`` -> ("Red", "Paris"); a line that is only a name -> (name, "")."""
        head, colon, tail = text.partition(":")
        if colon:
            found = self._find_player(head)
            if found is not None:
                return found, tail.strip()
        found = self._find_player(text)
        if found is not None and self.settings.mode == "buzzer":
            return found, ""
        return None, text

    def _find_player(self, name: str) -> str | None:
        folded = name.strip().casefold()
        return next((p for p in self.settings.players if p.casefold() == folded), None)

    def _player(self, name: str) -> str:
        found = self._find_player(name)
        if found is None:
            raise DrillError(f"no player or team is called {name!r}")
        return found


COMMANDS_HELP = "/pause, /resume, /skip, /more 10, /right, /wrong (or /right NAME), /next"

_APPLY: dict[str, Callable[[Drill, Event, float], list[str]]] = {
    "start": Drill._on_start,
    "ask": Drill._on_ask,
    "buzz": Drill._on_buzz,
    "answer": Drill._on_answer,
    "timeout": Drill._on_timeout,
    "pause": Drill._on_pause,
    "resume": Drill._on_resume,
    "more": Drill._on_more,
    "skip": Drill._on_skip,
    "overrule": Drill._on_overrule,
}


def _ranked(groups: Mapping[str, list[Answer]]) -> list[Standing]:
    """Standings from each name's answers: most points first; equal points share a rank
    and keep the order given (the roster's or the command line's)."""
    totals = {name: sum(a.points for a in answers) for name, answers in groups.items()}
    order = sorted(groups, key=lambda name: -totals[name])
    return [
        Standing(
            name,
            totals[name],
            1 + sum(1 for other in totals.values() if other > totals[name]),
            0,
            sum(1 for a in groups[name] if a.final_outcome == "correct"),
            len(groups[name]),
        )
        for name in order
    ]


def _verdict_line(answer: Answer) -> str:
    words = {"correct": "right", "partial": "partly right", "incorrect": "wrong"}
    verdict = words.get(answer.final_outcome, answer.final_outcome)
    return f"{answer.player}: {answer.response} - {verdict}, {answer.points:.0f} points."


def _default_grade(
    question: Question, response: str, *, shown_options: Sequence[int] | None = None
) -> Any:
    from quizbot.grading import grade

    return grade(question, response, shown_options=shown_options)
