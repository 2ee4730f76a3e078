"""Command-line options that several of quizbot's commands take, written once."""

from __future__ import annotations

import argparse


def add_pack_option(command: argparse.ArgumentParser) -> None:
    """``--pack PATH``, repeatable: the packs to use instead of the built-in ones."""
    command.add_argument(
        "--pack",
        action="append",
        metavar="PATH",
        help="a pack file or folder of packs (repeatable; default: the built-in packs)",
    )
