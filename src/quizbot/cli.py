"""The ``quizbot`` command: play, validate, grade, ask, stats.

Heavy modules (Textual above all) are imported inside the command that needs
them, so ``validate``, ``grade`` and ``ask`` start quickly.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from quizbot import __version__, cli_authoring, cli_classroom, cli_profiles
from quizbot.cli_options import add_pack_option
from quizbot.safetext import for_terminal, safe_json, safe_line, safe_text

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from quizbot.grade_report import GradeReport
    from quizbot.packs.model import Pack
    from quizbot.progress.store import ProgressStore

COMMANDS = (
    "play",
    "validate",
    "grade",
    "ask",
    "stats",
    "help",
    "schema",
    "new",
    "try",
    "import",
    "export",
    "draft",
    "profiles",
    "drill",
    "report",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line with the way to get help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse ignores a failed write; --help into a full disk must say so (exit 74).
        if message:
            (file or sys.stderr).write(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizbot",
        description="A terminal quiz tutor on how the internet shaped China. "
        "With no command, 'quizbot' is 'quizbot play'.",
    )
    parser.add_argument("--version", action="version", version=f"quizbot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add_progress_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--profile",
            metavar="NAME",
            help="whose progress (default: 'default'; `play` on a terminal asks when there"
            " are several)",
        )
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
    play.add_argument(
        "--round",
        type=int,
        metavar="N",
        help="questions per round (default: the profile's last choice, or 10)",
    )
    play.add_argument(
        "--mode",
        choices=("review", "new", "weak", "exam"),
        help="start with a round in this mode: review (due or missed), new (never seen),"
        " weak (least likely remembered), exam (timed, verdicts at the end)",
    )
    play.add_argument("--seed", type=int, metavar="N", help="fix the order of questions")

    validate = commands.add_parser(
        "validate", help="check packs: one line FILE:LINE:COLUMN: message per problem"
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders")
    cli_authoring.add_validate_options(validate)

    grade = commands.add_parser("grade", help="grade a CSV of responses")
    add_pack_option(grade)
    grade.add_argument(
        "responses", metavar="RESPONSES.csv", help="columns: question, response ('-': stdin)"
    )
    grade.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    grade.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here instead of stdout (a file is replaced whole, a device or pipe "
        "written into; never the responses file)",
    )
    grade.add_argument(
        "--encoding",
        metavar="NAME",
        help="the responses file's encoding, e.g. gb18030 for a CSV that Excel saved in a "
        "Chinese locale (default: UTF-8, or what its byte order mark says)",
    )
    grade.add_argument(
        "--bom",
        action="store_true",
        help="start the CSV with a byte order mark, so that Excel opens Chinese text "
        "intact (the report is then UTF-8 on stdout too)",
    )
    grade.add_argument(
        "--report",
        action="store_true",
        help="after grading, sum up each question on stderr: its share right and its wrong "
        "answers grouped, biggest first (the graded rows on stdout stay as they are)",
    )
    grade.add_argument(
        "--report-file",
        metavar="FILE",
        help="write that summary to FILE instead of stderr (implies --report)",
    )
    grade.add_argument(
        "--report-format",
        choices=("text", "json"),
        help="the summary as text (default) or one JSON object (implies --report)",
    )

    ask = commands.add_parser("ask", help="ask a question about the facts")
    add_pack_option(ask)
    ask.add_argument("question", nargs="+", metavar="QUESTION")

    stats = commands.add_parser("stats", help="summarise a profile's progress")
    add_progress_options(stats)
    stats.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    add_pack_option(stats)  # mastery counts the packs' questions not seen yet
    stats.add_argument(
        "--csv", action="store_true", help="the state of each question answered, as CSV"
    )
    stats.add_argument(
        "--disputes",
        action="store_true",
        help="the answers whose verdict the learner disputed, as CSV (for the pack's author)",
    )
    cli_authoring.add_commands(commands)
    cli_classroom.add_commands(commands)
    cli_profiles.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every way out is an exit status and at most one line (the contract).

    0/1/2 are the commands' own; 74 when the environment fails (output closed or full,
    an unwritable target, an input that cannot be read, text the terminal's encoding
    cannot show); 70 for a bug; 130 on Ctrl+C.
    """
    if sys.stdout is None:  # started with standard output closed (>&-)
        _say("quizbot: cannot write the output: standard output is closed")
        return EXIT_ENVIRONMENT
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # buffered output fails here, not after we have said "done"
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader left (quizbot ... | head -1): not an error
        _silence_stdout()
        return 0
    except UnicodeEncodeError as error:
        if not _is_terminal_encoding(error.encoding):
            return _internal_error(error)
        _silence_stdout()
        shown = error.object[error.start : error.end].encode("ascii", "backslashreplace")
        _say(
            f"quizbot: the terminal's encoding ({error.encoding}) cannot show "
            f"{shown.decode('ascii')!r}; use a UTF-8 locale (LANG=C.UTF-8) or "
            "PYTHONIOENCODING=utf-8"
        )
        return EXIT_ENVIRONMENT
    except OSError as error:  # what a command did not handle is the system's, not a bug
        what = _environment_failure(error)
        _silence_stdout()
        _say(f"quizbot: {what}")
        return EXIT_ENVIRONMENT
    except Exception as error:  # a bug: one line for the person, the trace for developers
        return _internal_error(error)


EXIT_ENVIRONMENT = 74  # EX_IOERR: the environment failed, not quizbot
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug


def _run(args_list: list[str]) -> int:
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in _TOP_FLAGS):
        args_list.insert(0, "play")
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as done:  # --help, --version, a usage error: argparse's own status
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 2
    return _HANDLERS[args.command](args)


def _internal_error(error: Exception) -> int:
    if os.environ.get("QUIZBOT_DEBUG"):
        raise error
    _say(
        f"quizbot: internal error: {type(error).__name__}: {error} "
        "(set QUIZBOT_DEBUG=1 to see the trace, and please report it)"
    )
    return EXIT_INTERNAL


def _say(line: str) -> None:
    """One line on stderr, if stderr can still take it (it may be the failing stream)."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(safe_line(line), file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again.

    Otherwise Python's own flush at exit meets the same full disk or closed pipe and
    prints a traceback-like "Exception ignored" and changes the exit status.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _is_terminal_encoding(encoding: str) -> bool:
    """Is this the encoding of our standard output or error (so the terminal's fault)?"""
    import codecs

    def name(value: str | None) -> str | None:
        try:
            return codecs.lookup(value).name if value else None
        except LookupError:
            return None

    streams = (sys.stdout, sys.stderr)
    return name(encoding) in {name(getattr(s, "encoding", None)) for s in streams}


def _environment_failure(error: OSError) -> str:
    """What failed and where, in one line: a named file, the output, or the input."""
    why = error.strerror or str(error)
    if error.filename is not None:
        return f"cannot use {os.fsdecode(error.filename)!r}: {why}"
    if error.errno in _WRITE_ERRNOS:
        # Commands handle their own files (with names); what is left is our output.
        return f"cannot write the output (standard output): {why}"
    return f"cannot read the input or write the output: {why}"


_WRITE_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EPIPE")
    if hasattr(errno, name)
)


_TOP_FLAGS = ("--version", "-h", "--help")
# How grade's report is escaped when it goes to a terminal (JSON stays JSON).
_ESCAPES = {"csv": safe_text, "jsonl": safe_json}


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
            print(safe_line(str(problem)), file=sys.stderr)
        return None


def _open_store(args: argparse.Namespace) -> ProgressStore | None:
    from quizbot.paths import data_dir
    from quizbot.progress.store import ProgressError, ProgressStore

    try:  # the store checks the profile name too, with the same one-line error
        return ProgressStore.open(data_dir(args.data_dir), args.profile or "default")
    except ProgressError as error:
        print(f"quizbot: {safe_line(str(error))}", file=sys.stderr)
        return None


def cmd_validate(args: argparse.Namespace) -> int:
    # Problems, then the authors' advice (warnings, --strict) and --list.
    return cli_authoring.run_validate(args)


def cmd_grade(args: argparse.Namespace) -> int:
    from quizbot.textinput import check_encoding

    if args.bom and args.format != "csv":
        print("quizbot: --bom is for CSV reports (JSON Lines has none)", file=sys.stderr)
        return 2
    if args.report_file is not None and _clashes(args):
        print(
            "quizbot: --report-file must name a file of its own (not the responses, "
            "the graded rows or standard output)",
            file=sys.stderr,
        )
        return 2
    if args.encoding is not None:
        try:
            check_encoding(args.encoding)
        except LookupError:
            shown = safe_line(args.encoding)
            print(f"quizbot: unknown encoding {shown!r} (e.g. gb18030, utf-16)", file=sys.stderr)
            return 2
    packs = _load(args.pack)
    if packs is None:
        return 1
    from quizbot.termination import Terminated, end_by, signals_raise

    try:
        with signals_raise():
            return _grade_file(args, packs)
    except Terminated as stop:  # the report's temporary file is gone by now
        return end_by(stop.signum)


def _grade_file(args: argparse.Namespace, packs: list[Pack]) -> int:
    """Grade ``args.responses`` into ``args.output`` (or stdout): the exit status."""
    import contextlib
    import stat

    from quizbot.batch import BatchError, grade_rows
    from quizbot.report import ReportError, open_report, reason, utf8_stdout
    from quizbot.textinput import DecodeProblem, UnreadableInput, decoded_lines

    from_stdin = args.responses == "-"
    name = "<stdin>" if from_stdin else safe_line(args.responses)
    try:
        source = sys.stdin.buffer if from_stdin else open(args.responses, "rb")  # noqa: SIM115
        source_stat = os.fstat(source.fileno())
    except OSError as error:
        print(f"quizbot: cannot read {name}: {reason(error)}", file=sys.stderr)
        return 74
    if stat.S_ISDIR(source_stat.st_mode):
        print(f"quizbot: cannot read {name}: it is a folder", file=sys.stderr)
        return 74
    size = source_stat.st_size if stat.S_ISREG(source_stat.st_mode) else None
    summing_up = _grade_report(args, packs)
    report: contextlib.AbstractContextManager[TextIO]
    if args.output is not None:
        report = open_report(args.output, not_over=source_stat)
    elif args.bom:  # UTF-8 whatever the locale, or the mark would lie
        report = utf8_stdout()
    else:
        report = contextlib.nullcontext(sys.stdout)
    try:
        with source if not from_stdin else contextlib.nullcontext(), report as output:
            summary = grade_rows(
                packs,
                decoded_lines(source, args.encoding),
                # Shown on a terminal, the report is escaped; a file or pipe gets it exactly.
                for_terminal(output, _ESCAPES[args.format]),
                args.format,
                show_progress=sys.stderr.isatty() and (size or 0) > 1_000_000,
                total_bytes=size,
                bom=args.bom,
                observe=summing_up.observe if summing_up is not None else None,
            )
            # Standard output's trouble (full, closed) is raised here, for main's one line.
            output.flush()
    except BatchError as error:
        where = f"{name}:{error.line}" if error.line else f"quizbot: {name}"
        print(safe_line(f"{where}: {error}"), file=sys.stderr)
        return 1
    except DecodeProblem as error:
        column = f":{error.column}" if error.column else ""
        print(safe_line(f"{name}:{error.line}{column}: {error}"), file=sys.stderr)
        return 1
    except UnreadableInput as error:
        print(safe_line(f"quizbot: cannot read {name}: {error}"), file=sys.stderr)
        return 74
    except ReportError as error:
        print(f"quizbot: {safe_line(str(error))}", file=sys.stderr)
        return error.status
    print(summary_line(summary), file=sys.stderr)
    if summing_up is not None:
        try:
            _write_grade_report(args, summing_up, source_stat)
        except ReportError as error:
            print(f"quizbot: {safe_line(str(error))}", file=sys.stderr)
            return error.status
    return 1 if summary.errors else 0


def _clashes(args: argparse.Namespace) -> bool:
    """Would ``--report-file`` write where the responses or graded rows are?"""
    from quizbot.report import inherited_descriptor

    report = args.report_file
    if report == "-" or (args.output is None and inherited_descriptor(report) == 1):
        return True  # the graded rows' standard output
    real = os.path.realpath(report)
    return any(
        other not in (None, "-") and os.path.realpath(other) == real
        for other in (args.output, args.responses)
    )


def _grade_report(args: argparse.Namespace, packs: list[Pack]) -> GradeReport | None:
    """The collector of ``grade --report``, or None without it (no cost per row then)."""
    if not (args.report or args.report_file or args.report_format):
        return None
    from quizbot.batch import question_index
    from quizbot.grade_report import GradeReport

    return GradeReport(question_index(packs))


def _write_grade_report(
    args: argparse.Namespace, collected: GradeReport, source: os.stat_result
) -> None:
    """``grade --report``: on stderr (escaped there, as for any terminal), or into
    ``--report-file``; text, or JSON with ``--report-format json``."""
    import json

    from quizbot.grade_report import as_json, text_lines
    from quizbot.report import open_report

    summaries = collected.summaries()
    target: contextlib.AbstractContextManager[TextIO]
    if args.report_file is not None:
        target = open_report(args.report_file, not_over=source)
    else:
        target = contextlib.nullcontext(sys.stderr)
    with target as out:
        if args.report_format == "json":
            escaped = for_terminal(out, safe_json)
            escaped.write(json.dumps(as_json(summaries), ensure_ascii=False, indent=2) + "\n")
        else:
            out.writelines(safe_line(line) + "\n" for line in text_lines(summaries))
        out.flush()


def summary_line(summary: object) -> str:
    """``graded 120 rows: 90 correct, ...`` from a batch summary."""
    names = ("rows", "correct", "partial", "incorrect", "errors")
    counts = {name: getattr(summary, name, 0) for name in names}
    rows = f"{counts['rows']} row" + ("" if counts["rows"] == 1 else "s")
    errors = f"{counts['errors']} error" + ("" if counts["errors"] == 1 else "s")
    return (
        f"graded {rows}: {counts['correct']} correct, {counts['partial']} partial, "
        f"{counts['incorrect']} incorrect, {errors}"
    )


def cmd_ask(args: argparse.Namespace) -> int:
    packs = _load(args.pack)
    if packs is None:
        return 1
    from quizbot.knowledge import KnowledgeBase

    reply = KnowledgeBase(packs).ask(" ".join(args.question))
    print(safe_text(reply.render()))
    return 0 if reply.known else 1


def cmd_stats(args: argparse.Namespace) -> int:
    import json
    import time

    store = _open_store(args)  # reading: a new profile's folder is not created
    if store is None:
        return 1
    from quizbot.progress.stats import render_text, summarize

    # Repairs made while reading are said here too; the next `play` tells them once more.
    for warning in store.warnings:
        print(f"quizbot: {safe_line(warning)}", file=sys.stderr)
    settings = store.settings().scheduler()
    if args.csv or args.disputes:
        from quizbot.progress.tables import write_disputes, write_states

        if args.disputes:
            write_disputes(sys.stdout, store.disputes())
        else:
            write_states(sys.stdout, store.states(), time.time(), settings)
        return 0
    packs = _load(args.pack)
    if packs is None:
        return 1
    catalog = {f"{p.id}/{q.id}": q.topic or "" for p in packs for q in p.questions}
    summary = summarize(store, time.time(), catalog, settings)
    text = safe_json(json.dumps(summary, ensure_ascii=False)) if args.json else render_text(summary)
    print(safe_text(text))
    return 0


def _saved_status(store: ProgressStore, status: int) -> int:
    """The play exit status: 74 (the environment failed) when answers could not be saved."""
    unsaved = store.unsaved
    if not unsaved:
        return status
    answers = f"{unsaved} answer{'s' if unsaved != 1 else ''}"
    print(
        f"quizbot: {answers} of this session could not be saved to {safe_line(str(store.path))}",
        file=sys.stderr,
    )
    return 74


def _pick_profile(args: argparse.Namespace) -> str | None:
    """With several profiles and no --profile, ask who is learning (None: the default
    profile, as before; "" when the learner left)."""
    from quizbot.paths import data_dir
    from quizbot.progress.profiles import list_profiles

    found = list_profiles(data_dir(args.data_dir))
    if len(found) < 2:
        return None
    from quizbot.tui.profile_picker import pick_profile

    return pick_profile([(p.name, p.answers) for p in found]) or ""


def cmd_play(args: argparse.Namespace) -> int:
    import random

    packs = _load(args.pack)
    if packs is None:
        return 1
    if args.round is not None and args.round < 1:
        print("quizbot: --round must be at least 1", file=sys.stderr)
        return 2
    from quizbot.terminal import full_screen_wanted

    full_screen = full_screen_wanted(args.plain)
    if args.profile is None and full_screen:
        chosen = _pick_profile(args)
        if chosen == "":
            return 0  # the learner left the picker
        args.profile = chosen
    store = _open_store(args)
    if store is None:
        return 1
    # A round length given on the command line wins over the one the profile remembers.
    round_length = args.round or store.settings().round_length or 10
    from quizbot.tutor import Tutor

    # No knowledge base here: the tutor makes it (with follow-ups, "and remote work?")
    # when the learner first asks, so its ~45 ms are not spent before the first question.
    tutor = Tutor(
        packs,
        store=store,
        rng=random.Random(args.seed),
        round_length=round_length,
        profile=args.profile or "default",
        mode={"new": "unseen"}.get(args.mode, args.mode),
    )
    if not full_screen:
        from quizbot.plain import run_plain

        # Said on stderr: the conversation on stdout may be a script's transcript.
        store.on_wait = lambda text: print(f"quizbot: {safe_line(text)}", file=sys.stderr)
        return _saved_status(store, run_plain(tutor, sys.stdin, sys.stdout))
    from quizbot.tui.app import run_app

    return _saved_status(store, run_app(tutor))


_HANDLERS = {
    "play": cmd_play,
    "validate": cmd_validate,
    "grade": cmd_grade,
    "ask": cmd_ask,
    "stats": cmd_stats,
    **cli_authoring.HANDLERS,
    **cli_classroom.HANDLERS,
    **cli_profiles.HANDLERS,
}
