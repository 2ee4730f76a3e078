"""Finding pack files and reading their bytes: regular files only, never past the limit.

A pack is a file a teacher downloaded, named on the command line or found in a folder.
Whatever stands at that path (a symlink to ``/dev/zero``, a FIFO, a socket, a folder
nobody may enter) must become a problem at its path, never a hang, a memory blow-up
or a traceback.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from quizbot.packs.model import Place
from quizbot.packs.problems import Problem

PACK_SUFFIXES = (".yaml", ".yml")


def _start(file: str) -> Place:
    return Place(file, 1, 1)


def find_pack_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The pack files named, and a problem for each folder that could not be searched.

    Files are kept as given (reading them reports what is wrong); folders are searched,
    subfolders too, for ``*.yaml``/``*.yml``. A subfolder that cannot be listed is a
    problem at its path: skipping it silently would pass packs nobody checked.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for item in paths:
        path = Path(item)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError:
            is_folder = False  # missing or unreachable: reading it says which, at its path
        if is_folder:
            files, unlisted = _search(path)
            found.extend(sorted(files))
            problems.extend(unlisted)
        else:
            found.append(path)
    return found, problems


def _search(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Pack files under ``folder``; folder links are followed, each real folder once."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:  # an explicit stack: a deep tree must not exhaust recursion
        current = stack.pop()
        try:
            info = current.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue  # a link back to a folder already searched (a loop)
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError as error:
            why = error.strerror or str(error)
            problems.append(
                Problem(
                    _start(str(current)),
                    f"cannot list this folder ({why}); the packs in it were not checked",
                )
            )
            continue
        for entry in listed:
            child = current / entry.name
            try:
                if entry.is_dir():  # follows links, as searching a folder always has
                    stack.append(child)
                    continue
            except OSError:
                pass  # a dangling or unreachable entry: a file problem if it is a pack
            if child.suffix in PACK_SUFFIXES:
                files.append(child)
    return files, problems


def read_pack_bytes(path: Path, file: str, limit: int) -> bytes | Problem:
    """The file's bytes, or the one problem that stops it being read.

    Only a regular file is opened (a device reports size 0 and never ends; opening a
    FIFO waits for a writer), and at most ``limit + 1`` bytes are read, so the size
    limit holds for what is actually read, whatever the file claims.
    """
    try:
        kind = path.stat().st_mode
    except FileNotFoundError:
        return Problem(_start(file), "no such file (check the path)")
    except OSError as error:
        return _unreadable(file, error)
    if stat.S_ISDIR(kind):
        return Problem(_start(file), "is a folder, not a pack file")
    if not stat.S_ISREG(kind):
        return _not_regular(file, kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        return _unreadable(file, error)
    with os.fdopen(descriptor, "rb") as handle:
        try:
            kind = os.fstat(descriptor).st_mode  # the file may have been swapped since
            if not stat.S_ISREG(kind):
                return _not_regular(file, kind)
            data = handle.read(limit + 1)
        except OSError as error:
            return _unreadable(file, error)
    if len(data) > limit:
        mib = limit // (1024 * 1024)
        size = f"{mib} MiB" if mib else f"{limit:,} bytes"
        return Problem(_start(file), f"file is larger than {size}; split the pack")
    return data


def _not_regular(file: str, mode: int) -> Problem:
    what = (
        "a pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return Problem(_start(file), f"is {what}, not a pack file (a pack is a regular file)")


def _unreadable(file: str, error: OSError) -> Problem:
    why = error.strerror or str(error)
    if isinstance(error, PermissionError):
        why += " (check the permissions of the file and of the folders above it)"
    return Problem(_start(file), f"cannot read the file: {why}")
