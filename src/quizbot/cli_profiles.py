"""``quizbot profiles``: list, rename, delete, reset, export and import a learner's profile.

Deleting and resetting ask for confirmation on a terminal, and need ``--yes`` otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quizbot.safetext import safe_line

ACTIONS = ("list", "rename", "delete", "reset", "export", "import")


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``profiles`` to quizbot's subcommands."""
    profiles = commands.add_parser(
        "profiles",
        help="list, rename, delete, reset, export or import profiles",
        description="With no action, lists the profiles. "
        "'export NAME FILE' writes a back-up; 'import FILE [NAME]' restores one.",
    )
    profiles.add_argument(
        "action", nargs="?", default="list", choices=ACTIONS, help="what to do (default: list)"
    )
    profiles.add_argument("names", nargs="*", metavar="ARG", help="profile names and files")
    profiles.add_argument("--yes", action="store_true", help="delete or reset without asking first")
    profiles.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where progress is kept (default: $QUIZBOT_HOME or the user data folder)",
    )


_USAGE = {
    "list": (0, "quizbot profiles list"),
    "rename": (2, "quizbot profiles rename OLD NEW"),
    "delete": (1, "quizbot profiles delete NAME [--yes]"),
    "reset": (1, "quizbot profiles reset NAME [--yes]"),
    "export": (2, "quizbot profiles export NAME FILE"),
    "import": (-1, "quizbot profiles import FILE [NAME]"),
}


def cmd_profiles(args: argparse.Namespace) -> int:
    from quizbot.paths import data_dir
    from quizbot.progress import profiles

    wanted, usage = _USAGE[args.action]
    names: list[str] = args.names
    if (wanted >= 0 and len(names) != wanted) or (wanted < 0 and len(names) not in (1, 2)):
        print(f"quizbot: usage: {usage}", file=sys.stderr)
        return 2
    data = data_dir(args.data_dir)
    try:
        if args.action == "list":
            return _list(data)
        if args.action == "rename":
            profiles.rename(data, names[0], names[1])
            print(f"Renamed profile {safe_line(names[0])} to {safe_line(names[1])}.")
        elif args.action in ("delete", "reset"):
            return _destroy(args.action, data, names[0], args.yes)
        elif args.action == "export":
            answers = profiles.export(data, names[0], Path(names[1]))
            print(f"Exported profile {safe_line(names[0])} ({answers} answers) to"
                  f" {safe_line(names[1])}.")  # fmt: skip
        else:
            name, answers = profiles.import_profile(
                data, Path(names[0]), names[1] if len(names) > 1 else None
            )
            print(f"Imported profile {safe_line(name)} ({answers} answers).")
    except profiles.ProfileError as error:
        print(f"quizbot: {safe_line(str(error))}", file=sys.stderr)
        return 1
    return 0


def _list(data: Path) -> int:
    from quizbot.progress.profiles import list_profiles

    found = list_profiles(data)
    if not found:
        print("No profiles yet: 'quizbot play --profile NAME' makes one with its first answer.")
        return 0
    width = max(len(p.name) for p in found)
    for info in found:
        print(f"{safe_line(info.name):<{width}}  {info.answers:>8} answers")
    return 0


def _destroy(action: str, data: Path, name: str, yes: bool) -> int:
    from quizbot.progress import profiles

    if not profiles.exists(data, name):
        raise profiles.ProfileError(f"no profile named {name!r}")
    what = (
        "delete profile {} and all its answers"
        if action == "delete"
        else "erase every answer of profile {} (its settings stay)"
    ).format(safe_line(name))
    if not yes:
        if not sys.stdin.isatty():
            print(f"quizbot: this would {what}; add --yes to confirm", file=sys.stderr)
            return 2
        reply = input(f"Really {what}? Type yes to confirm: ")
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing changed.")
            return 1
    if action == "delete":
        profiles.delete(data, name)
        print(f"Deleted profile {safe_line(name)}.")
    else:
        profiles.reset(data, name)
        print(f"Reset profile {safe_line(name)}.")
    return 0


HANDLERS = {"profiles": cmd_profiles}
