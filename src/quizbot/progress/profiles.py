"""The profiles of a data folder: list, rename, delete, reset, export and import.

Each change holds the profile's lock, so a quizbot playing in that profile is never
pulled from under it (the change is refused while one plays). An export is a small
gzipped tar of the files a learner owns (answer history, disputes, settings); the
snapshot is left out, since it is rebuilt from the history on the first start.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quizbot.paths import valid_profile_name
from quizbot.progress.codec import decode_record
from quizbot.progress.disputes import DISPUTES_FILE
from quizbot.progress.exams import EXAMS_FILE
from quizbot.progress.lock import LOCK, OWNER, ProfileLock
from quizbot.progress.settings import SETTINGS

HISTORY = "history.jsonl"
EXPORTED = (HISTORY, DISPUTES_FILE, SETTINGS, EXAMS_FILE)
_MANIFEST = "quizbot-profile.json"
EXPORT_FORMAT = 1
# An archive member bigger than this is not a history we wrote (a million answers is ~200 MB).
MAX_MEMBER = 4 << 30


class ProfileError(Exception):
    """A profile change that cannot be made; str() is one line for a person."""


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    answers: int  # lines in the history (a cheap count: one read of the file)
    size: int  # bytes of the history


def _folder(data: Path, name: str) -> Path:
    if not valid_profile_name(name):
        raise ProfileError(
            f"invalid profile name {name!r}: use 1-64 letters, digits, '-', '_' or '.'"
        )
    return data / "profiles" / name


def _count_lines(path: Path) -> tuple[int, int]:
    try:
        with open(path, "rb") as fh:
            lines = size = 0
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
                size += len(chunk)
            return lines, size
    except OSError:
        return 0, 0


def list_profiles(data: Path) -> list[ProfileInfo]:
    """Every profile folder with a valid name, by name."""
    try:
        entries = sorted(p for p in (data / "profiles").iterdir() if p.is_dir())
    except OSError:
        return []
    found = []
    for path in entries:
        # A leading dot: a profile being deleted or imported right now (see below).
        if valid_profile_name(path.name) and not path.name.startswith("."):
            answers, size = _count_lines(path / HISTORY)
            found.append(ProfileInfo(path.name, answers, size))
    return found


def exists(data: Path, name: str) -> bool:
    return _folder(data, name).is_dir()


@contextlib.contextmanager
def _locked(folder: Path, name: str) -> Iterator[None]:
    lock = ProfileLock(folder)
    try:
        with lock.held(0.0):
            yield
    except TimeoutError as exc:  # LockBusy
        raise ProfileError(f"profile {name!r} is in use by another quizbot; quit it first") from exc


def rename(data: Path, old: str, new: str) -> None:
    source, target = _folder(data, old), _folder(data, new)
    if not source.is_dir():
        raise ProfileError(f"no profile named {old!r}")
    if target.exists():
        raise ProfileError(f"a profile named {new!r} exists already")
    with _locked(source, old):
        try:
            os.rename(source, target)
        except OSError as exc:
            raise ProfileError(f"could not rename profile {old!r}: {exc.strerror}") from exc


def delete(data: Path, name: str) -> None:
    """Remove the profile and everything in it."""
    folder = _folder(data, name)
    if not folder.is_dir():
        raise ProfileError(f"no profile named {name!r}")
    with _locked(folder, name):
        # Renamed aside first: a crash half-way leaves no half profile under its name.
        doomed = folder.with_name(f".deleting-{name}-{os.getpid()}")
        try:
            os.rename(folder, doomed)
        except OSError as exc:
            raise ProfileError(f"could not delete profile {name!r}: {exc.strerror}") from exc
    shutil.rmtree(doomed, ignore_errors=True)


def reset(data: Path, name: str) -> None:
    """Start the profile over: answers, disputes and snapshot go, settings stay."""
    folder = _folder(data, name)
    if not folder.is_dir():
        raise ProfileError(f"no profile named {name!r}")
    with _locked(folder, name):
        for child in folder.iterdir():
            if child.name in (SETTINGS, LOCK, OWNER):
                continue
            with contextlib.suppress(OSError):
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()


def export(data: Path, name: str, target: Path) -> int:
    """Write the profile to ``target`` (a .tar.gz); the number of answers exported."""
    folder = _folder(data, name)
    if not folder.is_dir():
        raise ProfileError(f"no profile named {name!r}")
    with _locked(folder, name):
        answers, _ = _count_lines(folder / HISTORY)
        manifest = json.dumps({"format": EXPORT_FORMAT, "profile": name, "answers": answers})
        from quizbot.atomic import replacing

        try:
            with (
                replacing(target, binary=True, private=True) as handle,
                tarfile.open(fileobj=handle, mode="w:gz") as archive,
            ):
                info = tarfile.TarInfo(_MANIFEST)
                info.size = len(manifest.encode())
                archive.addfile(info, io.BytesIO(manifest.encode()))
                for member in EXPORTED:
                    path = folder / member
                    if path.is_file():
                        archive.add(path, arcname=member, recursive=False)
        except OSError as exc:
            raise ProfileError(f"could not write {target}: {exc.strerror or exc}") from exc
    return answers


def import_profile(data: Path, source: Path, name: str | None = None) -> tuple[str, int]:
    """Make a profile from an export; (its name, answers). Refuses to overwrite one."""
    try:
        name, contents = _unpack(source, name, data)
    except (OSError, tarfile.TarError, EOFError, zlib.error) as exc:
        raise ProfileError(f"{source}: not a quizbot profile export ({exc})") from exc
    folder = _folder(data, name)
    history = contents[HISTORY] or b""
    answers = sum(1 for line in history.splitlines() if decode_record(line) is not None)
    staging = folder.with_name(f".importing-{name}-{os.getpid()}")
    try:
        staging.mkdir(parents=True, mode=0o700)
        for member, raw in contents.items():
            if raw is not None:
                fd = os.open(staging / member, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with open(fd, "wb") as fh:
                    fh.write(raw)
                    fh.flush()
                    os.fsync(fh.fileno())
        os.rename(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ProfileError(f"could not import into profile {name!r}: {exc.strerror}") from exc
    return name, answers


def _unpack(source: Path, name: str | None, data: Path) -> tuple[str, dict[str, bytes | None]]:
    """The profile's name and its files' bytes, read from the archive by exact name."""
    with tarfile.open(source, mode="r:gz") as archive:
        members = {m.name: m for m in archive.getmembers() if m.isfile()}
        manifest = _read_member(archive, members, _MANIFEST, source)
        try:
            doc = json.loads(manifest or b"")
            found = doc["profile"]
            if not isinstance(found, str) or doc.get("format") != EXPORT_FORMAT:
                raise ValueError
        except (ValueError, KeyError, TypeError) as exc:
            raise ProfileError(f"{source}: not a quizbot profile export") from exc
        name = name or found
        if _folder(data, name).exists():
            raise ProfileError(
                f"a profile named {name!r} exists already: import under another name"
                " (quizbot profiles import FILE NAME) or delete it first"
            )
        return name, {m: _read_member(archive, members, m, source) for m in EXPORTED}


def _read_member(
    archive: tarfile.TarFile, members: dict[str, tarfile.TarInfo], name: str, source: Path
) -> bytes | None:
    """A member's bytes by its exact name (nothing is extracted to disk by the archive's say)."""
    member = members.get(name)
    if member is None:
        return None
    if member.size > MAX_MEMBER:
        raise ProfileError(f"{source}: {name} is too large for a profile export")
    handle = archive.extractfile(member)
    return None if handle is None else handle.read()
