"""The classroom commands of ``quizbot``: ``drill`` (one screen on the projector) and
``report`` (what a drill's class got right and wrong).

A front like ``cli``: it parses and prints; the work is in ``quizbot.classroom``. Nothing
heavy is imported at the top, and ``report`` never imports Textual.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from quizbot import cli_class
from quizbot.cli_options import add_pack_option
from quizbot.safetext import safe_line

if TYPE_CHECKING:
    from quizbot.classroom.drill import Drill
    from quizbot.classroom.report import DrillReport
    from quizbot.classroom.session import Session
    from quizbot.packs.model import Pack, Question


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``drill`` and ``report`` to quizbot's subcommands."""
    drill = commands.add_parser(
        "drill", help="run a timed classroom drill for teams on one screen (a projector)"
    )
    add_pack_option(drill)
    who = drill.add_mutually_exclusive_group()
    who.add_argument("--teams", metavar="NAMES", help='the teams, e.g. --teams "Red,Blue,Green"')
    who.add_argument("--roster", metavar="FILE.csv", help="players and their teams: name,team")
    drill.add_argument("--topic", metavar="ID", help="ask only questions of this topic")
    drill.add_argument(
        "--ids", metavar="ID,ID", help="ask these questions, in this order (pack/id or id)"
    )
    drill.add_argument("--questions", type=int, default=10, metavar="N", help="how many (10)")
    drill.add_argument(
        "--seconds",
        type=float,
        default=20,
        metavar="S",
        help="time for each answer (20; 0 = no timer, fixed points)",
    )
    drill.add_argument(
        "--buzzer",
        action="store_true",
        help="buzzer style: the teacher types who answers ('Red: Paris'), not turn by turn",
    )
    drill.add_argument("--name", default="drill", metavar="NAME", help="the session's name")
    drill.add_argument("--seed", type=int, metavar="N", help="fix the choice of questions")
    drill.add_argument(
        "--resume",
        nargs="?",
        const="",
        metavar="SESSION",
        help="go on with a stopped drill (default: the newest session)",
    )
    drill.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where sessions are kept (default: $QUIZBOT_HOME or the user data folder)",
    )
    drill.add_argument(
        "--plain", action="store_true", help="line by line on stdin/stdout, no full screen"
    )

    report = commands.add_parser(
        "report", help="a drill's results: scores, each question, the wrong answers grouped"
    )
    report.add_argument("session", metavar="SESSION", help="the session folder (or its name)")
    report.add_argument(
        "--plain",
        action="store_true",
        help="print the report as text, not on a full screen (the default in a pipe)",
    )
    report.add_argument("--csv", metavar="OUT", help="write one row per answer (a gradebook)")
    report.add_argument("--json", metavar="OUT", help="write the whole report as JSON")
    report.add_argument(
        "--bom", action="store_true", help="start the CSV with a byte order mark (for Excel)"
    )
    report.add_argument(
        "--data-dir", metavar="DIR", help="where sessions are kept (to find SESSION by name)"
    )
    report.add_argument(
        "--accept",
        metavar="N:ANSWER",
        help="judge a wrong answer right: add ANSWER to question N's accepted answers in its "
        "pack (N: its number in the drill, or its id), then grade the session again",
    )
    report.add_argument("--yes", action="store_true", help="with --accept: do not ask first")
    report.add_argument(
        "--regrade", action="store_true", help="grade the session again with the packs as now"
    )
    cli_class.add_commands(commands)  # class host/join and serve


def _error(message: str) -> None:
    print(f"quizbot: {safe_line(message)}", file=sys.stderr)


def load_packs(paths: Sequence[str]) -> list[Pack] | None:
    """The packs named, or the built-in ones; problems are printed and None returned."""
    from quizbot.packs.problems import PackError

    try:
        if paths:
            from quizbot.authoring.selftest import grading_test_problems
            from quizbot.packs.loader import load_packs as load

            return load(paths, check=grading_test_problems)
        from quizbot.packs.builtin import load_builtin_packs

        return list(load_builtin_packs())
    except PackError as error:
        for problem in error.problems:
            print(safe_line(str(problem)), file=sys.stderr)
        return None


def run_drill(args: argparse.Namespace) -> int:
    from quizbot.classroom.drill import DrillError
    from quizbot.classroom.session import SessionError
    from quizbot.paths import data_dir

    data = data_dir(args.data_dir)
    try:
        started = _resume(args, data) if args.resume is not None else _new(args, data)
    except (DrillError, SessionError) as error:
        _error(str(error))
        return 2 if isinstance(error, DrillError) and args.resume is None else 1
    if started is None:
        return 1
    drill, session, notes = started
    from quizbot.terminal import full_screen_wanted

    if not full_screen_wanted(args.plain):
        return run_plain(drill, session, notes, sys.stdin, sys.stdout)
    from quizbot.tui.drill_app import run_drill_app

    return run_drill_app(drill, session, notes)


def _new(args: argparse.Namespace, data: Path) -> tuple[Drill, Session, list[str]] | None:
    from quizbot.classroom.drill import Drill, DrillError, Settings
    from quizbot.classroom.session import Session
    from quizbot.classroom.setup import parse_teams, pick_questions, read_roster

    if args.questions < 1:
        raise DrillError("--questions must be at least 1")
    teams: dict[str, str] = {}
    if args.roster:
        players, teams = read_roster(args.roster)
    else:
        players = parse_teams(args.teams or "Red,Blue,Green")
    packs = load_packs(args.pack or ())
    if packs is None:
        return None
    seed = args.seed if args.seed is not None else int(time.time())
    ids = [i.strip() for i in args.ids.split(",") if i.strip()] if args.ids else []
    keys = pick_questions(packs, count=args.questions, seed=seed, topic=args.topic, ids=ids)
    settings = Settings(
        players=players,
        questions=keys,
        mode="buzzer" if args.buzzer else "turns",
        seconds=args.seconds,
        teams=teams,
        seed=seed,
        packs=tuple(str(Path(p).resolve()) for p in args.pack or ()),
    )
    settings.check()
    session = Session.create(data, args.name)
    drill, notes = Drill.start(settings, packs, clock=time.time, sink=session.append)
    return drill, session, [f"Session: {session.folder}", *notes]


def _resume(args: argparse.Namespace, data: Path) -> tuple[Drill, Session, list[str]] | None:
    from quizbot.classroom.drill import Drill, DrillError, Settings
    from quizbot.classroom.session import Session

    session = Session.find(data, args.resume or None)
    events = session.events()
    if not events:
        raise DrillError(f"{session.path}: the session is empty")
    settings = Settings.from_json(events[0].get("settings", {}))
    if settings.mode == "class":
        raise DrillError(f"that is a class: quizbot class host --resume {session.folder}")
    packs = load_packs(settings.packs)
    if packs is None:
        return None
    drill = Drill.replay(events, packs, clock=time.time)
    if drill.phase == "finished":
        raise DrillError(f"that drill is over: see quizbot report {session.folder}")
    drill.sink = session.append
    notes = [f"Resumed: {session.folder}", *_where(drill), *drill.hold_after_stop()]
    return drill, session, notes


def _where(drill: Drill) -> list[str]:
    """What is on screen when a drill resumes: the open question, or the pause between."""
    from quizbot.quiz import letter

    current = drill.current()
    if current is None:
        return []
    _, question = current
    lines = [f"Question {drill.number} of {drill.total}: {question.prompt}"]
    lines += [f"  {letter(i)}. {text}" for i, text in enumerate(drill.options())]
    turn = drill.whose_turn()
    if drill.settings.mode == "turns" and turn is not None:
        lines.append(f"{turn}'s turn.")
    if drill.phase == "between":
        lines.append("The question is closed: Enter (or /next) for the next one.")
    return lines


def run_plain(drill: Drill, session: Session, notes: list[str], source: TextIO, out: TextIO) -> int:
    """The drill line by line: the teacher's lines on stdin, what happens on stdout."""
    from quizbot.classroom.drill import DrillError
    from quizbot.classroom.session import SessionError
    from quizbot.classroom.wording import leaderboard_lines, podium_lines

    def say(lines: Sequence[str]) -> None:
        for line in lines:
            print(safe_line(line), file=out, flush=True)

    say(notes)
    for line in source:
        before = drill.phase
        late = drill.tick()
        say(late)
        if late and not line.strip().startswith("/"):
            say(["(time ran out before that line: it was not taken)"])
        else:
            try:
                say(drill.command(line.rstrip("\n")))
            except DrillError as error:
                say([f"! {error}"])
            except SessionError as error:
                _error(str(error))
                return 1
        if before == "question" and drill.phase != "question":
            say(leaderboard_lines(drill))
        if drill.phase == "finished":
            say(podium_lines(drill))
            say([f"Report: quizbot report {session.folder}"])
            return 0
    say([f"Stopped. Go on with: quizbot drill --resume {session.folder}"])
    return 0


def run_report(args: argparse.Namespace) -> int:
    """``quizbot report SESSION``: the summary on stdout; ``--csv``/``--json`` files
    (``-``: standard output instead of the summary)."""
    import time

    from quizbot.classroom.drill import Drill, DrillError, Settings
    from quizbot.classroom.report import build_report, text_lines
    from quizbot.classroom.session import Session, SessionError
    from quizbot.paths import data_dir
    from quizbot.report import ReportError

    try:
        session = Session.find(data_dir(args.data_dir), args.session)
        events = session.events()
        if not events:
            raise DrillError(f"{session.path}: the session is empty")
        packs = load_packs(Settings.from_json(events[0].get("settings", {})).packs)
        if packs is None:
            return 1
        drill = Drill.replay(events, packs, clock=time.time)
        if args.accept:
            status = _accept(drill, args.accept, confirmed=args.yes)
            if status:
                return status
            packs = load_packs(drill.settings.packs)  # the pack as it is now
            if packs is None:
                return 1
            drill = Drill.replay(events, packs, clock=time.time)
        if args.regrade or args.accept:
            changed = drill.regrade()
            print(f"quizbot: graded again: {changed} verdict(s) changed", file=sys.stderr)
    except (DrillError, SessionError, KeyError, TypeError, ValueError) as error:
        _error(str(error) if not isinstance(error, KeyError) else f"damaged session: {error}")
        return 1
    report = build_report(drill)
    if not (args.csv or args.json or args.accept):
        from quizbot.terminal import full_screen_wanted

        if full_screen_wanted(args.plain):
            from quizbot.tui.report_app import run_report_app

            return run_report_app(report, Regrader(events, drill), str(session.folder.name))
    try:
        if args.csv:
            _write(args.csv, lambda out: _write_csv(report, out, bom=args.bom), bom=args.bom)
        if args.json:
            _write(args.json, lambda out: _write_json(report, out), bom=False)
    except ReportError as error:
        _error(str(error))
        return error.status
    if "-" not in (args.csv, args.json):
        for line in text_lines(report):
            print(safe_line(line))
    return 0


def _accept(drill: Drill, wanted: str, *, confirmed: bool) -> int:
    """Add a response the teacher judges right to its question's ``accept`` (a blank's
    alias), in the pack file, comments and layout kept; the pack is validated again."""
    from quizbot.classroom.drill import DrillError

    which, colon, response = wanted.partition(":")
    response = response.strip()
    if not colon or not response:
        raise DrillError("--accept takes N:ANSWER, e.g. --accept 3:Canton")
    number = _question_number(drill, which)
    pack, question = _accept_target(drill, number)
    path = Path(question.place.file)
    if not confirmed:
        if not sys.stdin.isatty():
            raise DrillError("--accept changes the pack: add --yes to confirm")
        asked = f"Accept {response!r} for {pack.id}/{question.id} in {path}? [y/N] "
        if input(safe_line(asked)).strip().casefold() not in ("y", "yes"):
            print("quizbot: nothing changed", file=sys.stderr)
            return 1
    try:
        description = _write_accept(drill, number, response)
    except DrillError as error:
        _error(str(error))
        return 1
    print(f"quizbot: {safe_line(description)}", file=sys.stderr)
    return 0


def _question_number(drill: Drill, which: str) -> int:
    """The drill's question that ``which`` names: its number, id or ``pack/id``."""
    from quizbot.classroom.drill import DrillError

    for n, (pack, question) in enumerate(drill.items, 1):
        if which.strip() in (str(n), question.id, f"{pack.id}/{question.id}"):
            return n
    raise DrillError(f"no question {which!r} in this drill (a number from 1 to {drill.total})")


def _accept_target(drill: Drill, number: int) -> tuple[Pack, Question]:
    """Question ``number`` of the drill, if its pack may gain an ``accept`` (DrillError
    if not: the built-in packs are not the teacher's to change)."""
    from quizbot.classroom.drill import DrillError

    if not drill.settings.packs:
        raise DrillError(
            "the built-in packs cannot be changed: copy the pack, edit it and drill with --pack"
        )
    return drill.items[number - 1]


def _write_accept(drill: Drill, number: int, response: str) -> str:
    """Add ``response`` to question ``number``'s ``accept`` in its pack file (comments and
    layout kept, the pack validated again, or the file left as it was): what was done."""
    from quizbot.authoring.editing import EditError, add_response
    from quizbot.classroom.drill import DrillError

    _, question = _accept_target(drill, number)
    path = Path(question.place.file)
    try:
        return add_response(path, question, "accept", response).description
    except (EditError, OSError) as error:
        raise DrillError(f"{path}: {error}") from None


class Regrader:
    """A report's drill, graded again after the teacher accepts an answer (the report
    screen's ``a``): the same steps as ``quizbot report --accept N:ANSWER --yes``."""

    def __init__(self, events: Sequence[dict[str, Any]], drill: Drill) -> None:
        self.events = events
        self.drill = drill

    def where(self, number: int) -> str:
        """The pack file that accepting an answer to question ``number`` changes
        (DrillError when it may not be changed)."""
        _, question = _accept_target(self.drill, number)
        return question.place.file

    def accept(self, number: int, response: str) -> tuple[DrillReport, str]:
        """Write the ``accept``, load the packs again and grade the session again: the
        new report and what happened (DrillError, the file unchanged, when it fails)."""
        from quizbot.classroom.drill import Drill, DrillError
        from quizbot.classroom.report import build_report
        from quizbot.packs.problems import PackError

        description = _write_accept(self.drill, number, response)
        try:
            from quizbot.authoring.selftest import grading_test_problems
            from quizbot.packs.loader import load_packs as load

            packs = load(self.drill.settings.packs, check=grading_test_problems)
        except PackError as error:
            raise DrillError(str(error.problems[0]) if error.problems else str(error)) from None
        self.drill = Drill.replay(self.events, packs, clock=time.time)
        changed = self.drill.regrade()
        done = f"{description}; graded again: {changed} verdict(s) changed"
        return build_report(self.drill), done


def _write(path: str, fill: Callable[[TextIO], None], *, bom: bool) -> None:
    from quizbot.report import open_report, utf8_stdout

    if path == "-":
        if bom:
            with utf8_stdout() as out:
                fill(out)
        else:
            fill(sys.stdout)
        return
    with open_report(path) as out:
        fill(out)


def _write_csv(report: DrillReport, out: TextIO, *, bom: bool) -> None:
    import csv

    from quizbot.batch import spreadsheet_safe
    from quizbot.classroom.report import csv_rows

    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in csv_rows(report):
        writer.writerow([spreadsheet_safe(cell) for cell in row])


def _write_json(report: DrillReport, out: TextIO) -> None:
    import json

    from quizbot.classroom.report import as_json

    json.dump(as_json(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


HANDLERS = {"drill": run_drill, "report": run_report, **cli_class.HANDLERS}
