"""The ``quizbot`` command: play, validate, grade, ask, stats.

Heavy modules (Textual above all) are imported inside the command that needs
them, so ``validate``, ``grade`` and ``ask`` start quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from quizbot import __version__

if TYPE_CHECKING:
    from quizbot.packs.model import Pack
    from quizbot.progress.store import ProgressStore

COMMANDS = ("play", "validate", "grade", "ask", "stats")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line with the way to get help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizbot",
        description="A terminal quiz tutor on how the internet shaped China. "
        "With no command, 'quizbot' is 'quizbot play'.",
    )
    parser.add_argument("--version", action="version", version=f"quizbot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add_pack_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--pack",
            action="append",
            metavar="PATH",
            help="a pack file or folder of packs (repeatable; default: the built-in packs)",
        )

    def add_progress_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--profile", default="default", metavar="NAME", help="whose progress")
        sub.add_argument(
            "--data-dir",
            metavar="DIR",
            help="where progress is kept (default: $QUIZBOT_HOME or the user data folder)",
        )

    play = commands.add_parser("play", help="play a quiz (the default command)")
    add_pack_option(play)
    add_progress_options(play)
    play.add_argument(
        "--plain", action="store_true", help="line by line on stdin/stdout, no full screen"
    )
    play.add_argument("--round", type=int, default=10, metavar="N", help="questions per round")
    play.add_argument("--seed", type=int, metavar="N", help="fix the order of questions")

    validate = commands.add_parser(
        "validate", help="check packs: one line FILE:LINE:COLUMN: message per problem"
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders")

    grade = commands.add_parser("grade", help="grade a CSV of responses")
    add_pack_option(grade)
    grade.add_argument("responses", metavar="RESPONSES.csv", help="columns: question, response")
    grade.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    grade.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")

    ask = commands.add_parser("ask", help="ask a question about the facts")
    add_pack_option(ask)
    ask.add_argument("question", nargs="+", metavar="QUESTION")

    stats = commands.add_parser("stats", help="summarise a profile's progress")
    add_progress_options(stats)
    stats.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in _TOP_FLAGS):
        args_list.insert(0, "play")
    args = build_parser().parse_args(args_list)
    try:
        handler = _HANDLERS[args.command]
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: one line for the person, the trace for developers
        if os.environ.get("QUIZBOT_DEBUG"):
            raise
        print(
            f"quizbot: internal error: {type(error).__name__}: {error} "
            "(set QUIZBOT_DEBUG=1 to see the trace, and please report it)",
            file=sys.stderr,
        )
        return 70


_TOP_FLAGS = ("--version", "-h", "--help")


def _load(pack_paths: Sequence[str] | None) -> list[Pack] | None:
    """The packs named, or the built-in ones; problems are printed and None returned."""
    from quizbot.packs.problems import PackError

    try:
        if pack_paths:
            from quizbot.authoring.selftest import grading_test_problems
            from quizbot.packs.loader import load_packs

            return load_packs(pack_paths, check=grading_test_problems)
        from quizbot.packs.builtin import load_builtin_packs

        return list(load_builtin_packs())
    except PackError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None


def _open_store(args: argparse.Namespace) -> ProgressStore | None:
    from quizbot.paths import data_dir
    from quizbot.progress.store import ProgressError, ProgressStore

    try:  # the store checks the profile name too, with the same one-line error
        return ProgressStore.open(data_dir(args.data_dir), args.profile)
    except ProgressError as error:
        print(f"quizbot: {error}", file=sys.stderr)
        return None


def cmd_validate(args: argparse.Namespace) -> int:
    from quizbot.authoring.validate import validate_paths

    report = validate_paths(args.paths)
    for problem in report.problems:
        print(problem)
    print(report.summary(), file=sys.stderr)
    return 1 if report.problems else 0


def cmd_grade(args: argparse.Namespace) -> int:
    packs = _load(args.pack)
    if packs is None:
        return 1
    import contextlib
    from pathlib import Path

    from quizbot.atomic import replacing
    from quizbot.batch import BatchError, grade_rows

    source = Path(args.responses)
    target = Path(args.output) if args.output else None
    if target is not None and (target.is_dir() or not target.parent.resolve().is_dir()):
        problem = "is a folder" if target.is_dir() else "is in a folder that does not exist"
        print(f"quizbot: cannot write {target}: it {problem}", file=sys.stderr)
        return 1
    try:
        responses = source.open(newline="", encoding="utf-8-sig")
        size = source.stat().st_size
    except OSError as error:
        print(f"quizbot: cannot read {source}: {error.strerror or error}", file=sys.stderr)
        return 1
    # A report file is replaced whole or not at all: a failure never leaves half of one.
    report: contextlib.AbstractContextManager[TextIO] = (
        replacing(target, newline="", encoding="utf-8")
        if target is not None
        else contextlib.nullcontext(sys.stdout)
    )
    try:
        with responses, report as output:
            summary = grade_rows(
                packs,
                responses,
                output,
                args.format,
                show_progress=sys.stderr.isatty() and size > 1_000_000,
                total_bytes=size,
            )
    except (BatchError, UnicodeDecodeError) as error:
        print(f"quizbot: {source}: {error}", file=sys.stderr)
        return 1
    print(summary_line(summary), file=sys.stderr)
    return 1 if summary.errors else 0


def summary_line(summary: object) -> str:
    """``graded 120 rows: 90 correct, ...`` from a batch summary."""
    names = ("rows", "correct", "partial", "incorrect", "errors")
    counts = {name: getattr(summary, name, 0) for name in names}
    return (
        "graded {rows} rows: {correct} correct, {partial} partial, "
        "{incorrect} incorrect, {errors} errors".format(**counts)
    )


def cmd_ask(args: argparse.Namespace) -> int:
    packs = _load(args.pack)
    if packs is None:
        return 1
    from quizbot.knowledge import KnowledgeBase

    reply = KnowledgeBase(packs).ask(" ".join(args.question))
    print(reply.render())
    return 0 if reply.known else 1


def cmd_stats(args: argparse.Namespace) -> int:
    import json
    import time

    store = _open_store(args)
    if store is None:
        return 1
    from quizbot.progress.stats import render_text, summarize

    summary = summarize(store, time.time())
    print(json.dumps(summary, ensure_ascii=False) if args.json else render_text(summary))
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    import random

    packs = _load(args.pack)
    if packs is None:
        return 1
    if args.round < 1:
        print("quizbot: --round must be at least 1", file=sys.stderr)
        return 2
    store = _open_store(args)
    if store is None:
        return 1
    from quizbot.knowledge import KnowledgeBase
    from quizbot.tutor import Tutor

    tutor = Tutor(
        packs,
        store=store,
        knowledge=KnowledgeBase(packs),
        rng=random.Random(args.seed),
        round_length=args.round,
        profile=args.profile,
    )
    if args.plain or not sys.stdout.isatty() or not sys.stdin.isatty():
        from quizbot.plain import run_plain

        return run_plain(tutor, sys.stdin, sys.stdout)
    from quizbot.tui.app import run_app

    return run_app(tutor)


_HANDLERS = {
    "play": cmd_play,
    "validate": cmd_validate,
    "grade": cmd_grade,
    "ask": cmd_ask,
    "stats": cmd_stats,
}
