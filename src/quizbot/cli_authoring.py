"""The authors' commands of ``quizbot``: help, schema, new, try, import, export, draft
and validate's options.

A front like ``cli``: it parses and prints, the work is in ``quizbot.authoring``.
Nothing heavy is imported at the top (``validate`` starts quickly, never with Textual).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from quizbot.safetext import safe_line, safe_text

if TYPE_CHECKING:
    from quizbot.authoring.checks import Warning_
    from quizbot.packs.model import Pack

HELP_TOPICS = ("packs",)


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``help``, ``schema``, ``new``, ``try``, ``import``, ``export`` and ``draft``."""
    from quizbot.authoring.formats import EXPORT_FORMATS, IMPORT_FORMATS

    help_ = commands.add_parser("help", help="show a guide: 'quizbot help packs' (the format)")
    help_.add_argument("topic", choices=HELP_TOPICS, help="packs: how to write a pack")

    commands.add_parser("schema", help="print the pack format as a JSON Schema (for editors)")

    new = commands.add_parser("new", help="write a commented starter pack to edit")
    new.add_argument("path", metavar="PATH", help="the pack file to write (e.g. my-pack.yaml)")
    new.add_argument("--force", action="store_true", help="replace PATH if it exists")

    try_ = commands.add_parser("try", help="type answers to a question and see how they are marked")
    try_.add_argument("--pack", required=True, metavar="PATH", help="the pack file")
    try_.add_argument("question", metavar="ID", help="a question id (a blank: FACT#N)")
    try_.add_argument(
        "--plain", action="store_true", help="line by line on stdin/stdout, no full screen"
    )

    imp = commands.add_parser("import", help="turn a Quizlet, CSV, GIFT or Aiken file into a pack")
    imp.add_argument("source", metavar="FILE", help="the file to import")
    imp.add_argument("-o", "--output", required=True, metavar="PACK.yaml", help="the pack to write")
    imp.add_argument("--format", choices=IMPORT_FORMATS, help="default: from the file")
    imp.add_argument("--pack-id", metavar="ID", help="the pack's id (default: from FILE's name)")
    imp.add_argument("--title", metavar="T", help="the pack's title (default: from FILE's name)")

    exp = commands.add_parser("export", help="write a pack as GIFT, Anki, Quizlet, CSV or a quiz")
    exp.add_argument("pack", metavar="PACK", help="the pack file")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")

    draft = commands.add_parser("draft", help="draft a pack from a news article saved as text")
    draft.add_argument("article", metavar="ARTICLE.txt")
    draft.add_argument(
        "-o", "--output", required=True, metavar="PACK.yaml", help="the pack to write"
    )
    draft.add_argument("--pack-id", metavar="ID", help="the pack's id (default: from the title)")


def add_validate_options(validate: argparse.ArgumentParser) -> None:
    validate.add_argument(
        "--strict", action="store_true", help="warnings are problems too (exit 1)"
    )
    validate.add_argument(
        "--list",
        action="store_true",
        help="list every question: ID, type, prompt, answer (tab-separated)",
    )
    validate.add_argument("--json", action="store_true", help="with --list: one JSON document")
    validate.add_argument(
        "--against",
        metavar="OLD",
        help="the previous version of the pack: warn about ids that changed or vanished",
    )


def run_validate(args: argparse.Namespace) -> int:
    """``quizbot validate``: problems (stdout), then advice; with --list, the questions.

    Plain validate writes its warnings to stderr, so its standard output stays the
    contract's one line per problem; --strict makes them problems (stdout, exit 1).
    With --list the listing is the output, and problems go to stderr.
    """
    from quizbot.authoring.checks import warnings_for
    from quizbot.authoring.validate import validate_paths

    report = validate_paths(args.paths)
    listing = args.list or args.json
    problems_to = sys.stderr if listing else sys.stdout
    for problem in report.problems:
        # One line per problem, whatever the file name holds: a new line in it must
        # not forge a second FILE:LINE:COL line, nor an escape reach the terminal.
        print(safe_line(str(problem)), file=problems_to)
    warnings = warnings_for(report.loaded)
    if args.against:
        against = _changed_ids(args.against, report.loaded)
        if against is None:
            return 1
        warnings.extend(against)
    warnings_to = problems_to if args.strict else sys.stderr
    for warning in warnings:
        print(safe_line(str(warning)), file=warnings_to)
    if listing and not report.problems:
        from quizbot.authoring import listing as lister

        if args.json:
            print(lister.json_document(report.loaded))
        else:
            for line in lister.tab_lines(report.loaded):
                print(line)
    print(safe_line(report.summary(len(warnings))), file=sys.stderr)
    return 1 if report.problems or (args.strict and warnings) else 0


def _changed_ids(old_path: str, packs: list[Pack]) -> list[Warning_] | None:
    """Warnings on ids changed since the old pack file; None (said) if it cannot be read."""
    from quizbot.authoring.checks import changed_ids
    from quizbot.packs.loader import load_pack

    old = load_pack(old_path)
    if old.pack is None:
        for problem in old.problems:
            print(safe_line(f"quizbot: --against: {problem}"), file=sys.stderr)
        return None
    same = [pack for pack in packs if pack.id == old.pack.id]
    if not same:
        print(
            safe_line(f"quizbot: --against: no pack {old.pack.id!r} among those validated"),
            file=sys.stderr,
        )
        return None
    return changed_ids(old.pack, same[0])


def cmd_help(args: argparse.Namespace) -> int:
    from quizbot.authoring.resources import pack_format_path

    path = pack_format_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        print(safe_line(f"quizbot: cannot read {path}: {error.strerror or error}"), file=sys.stderr)
        return 1
    print(safe_text(text), end="")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from quizbot.packs.schema import json_schema_text

    print(json_schema_text(), end="")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quizbot.authoring.starter import StarterExists, write_starter

    path = Path(args.path)
    if path.suffix not in (".yaml", ".yml"):
        path = path.with_name(path.name + ".yaml")  # validate and --pack look for *.yaml
    if not path.parent.resolve().is_dir():
        print(
            safe_line(f"quizbot: cannot write {path}: its folder does not exist"), file=sys.stderr
        )
        return 1
    try:
        written = write_starter(path, force=args.force)
    except StarterExists:
        print(
            safe_line(f"quizbot: {path} already exists (choose another name, or --force)"),
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        print(
            safe_line(f"quizbot: cannot write {path}: {error.strerror or error}"), file=sys.stderr
        )
        return 1
    names = " and ".join(str(p) for p in written)
    print(safe_line(f"wrote {names}"))
    print(
        safe_line(f"next: edit it, then 'quizbot validate {path}' and 'quizbot play --pack {path}'")
    )
    return 0


def cmd_try(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quizbot.authoring.trying import run_try
    from quizbot.packs.loader import did_you_mean, load_packs
    from quizbot.packs.problems import PackError

    path = Path(args.pack)
    if not path.is_file():
        print(safe_line(f"quizbot: {path} is not a pack file"), file=sys.stderr)
        return 1

    def load() -> Pack:
        return load_packs([path])[0]

    try:
        pack = load()
    except PackError as error:
        for problem in error.problems:
            print(safe_line(str(problem)), file=sys.stderr)
        return 1
    if pack.question(args.question) is None:
        known = [q.id for q in pack.questions]
        print(
            safe_line(f"quizbot: no question {args.question!r} in {path}")
            + safe_line(did_you_mean(args.question, known) if len(known) < 50 else "")
            + " (see 'quizbot validate --list')",
            file=sys.stderr,
        )
        return 1
    from quizbot.terminal import full_screen_wanted

    if not full_screen_wanted(args.plain):
        return run_try(path, args.question, load, sys.stdin, sys.stdout)
    from quizbot.authoring.trying import TrySession
    from quizbot.tui.try_app import run_try_app  # Textual, only for the full screen

    return run_try_app(TrySession(path, args.question, load))


def cmd_import(args: argparse.Namespace) -> int:
    from quizbot.authoring.commands import run_import

    return run_import(args.source, args.output, args.format, args.pack_id, args.title)


def cmd_export(args: argparse.Namespace) -> int:
    from quizbot.authoring.commands import run_export

    return run_export(args.pack, args.output, args.format)


def cmd_draft(args: argparse.Namespace) -> int:
    from quizbot.authoring.commands import run_draft

    return run_draft(args.article, args.output, args.pack_id)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import,
    "export": cmd_export,
    "draft": cmd_draft,
    "try": cmd_try,
    "help": cmd_help,
    "schema": cmd_schema,
    "new": cmd_new,
}
