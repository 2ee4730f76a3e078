"""A cache of the built-in packs as built, so a launch does not read their YAML again.

Reading and building the built-in packs (PyYAML, the checks, the number and unit
readers) was ~35 ms of every launch, for files that change only when quizbot does.
The built packs are kept in the user's cache folder, one file for the whole folder,
and used only when everything that made them is unchanged: the key is a hash of
each pack file's path and bytes, the size and time of every source file of the
loader (``quizbot/packs``, ``quizbot/lexicon``, ``quizbot/safetext.py``) and the
Python version. Any mismatch, damage or error means "no cache": the packs are read
from YAML as before.

The file is read with an unpickler that makes only the pack model's classes (and
``Decimal``), so a file planted in the cache folder cannot run code. It is written
atomically (a temporary file renamed over it), so two launches never see half a file.
Only the built-in packs come through here: packs named on the command line are
always read from their files.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

from quizbot.packs.model import Pack

ENV_CACHE = "QUIZBOT_CACHE"  # a folder for the cache, or "off" for none
MAGIC = b"quizbot-packs-1\n"
_DIGEST = 32  # bytes of the key (SHA-256)
_CODE = ("packs", "lexicon")  # the folders whose code builds a pack
_CODE_FILES = ("safetext.py",)  # and the text checks the builder asks
_ALLOWED = {"decimal": {"Decimal"}}  # besides the model's own classes


def cache_file() -> Path | None:
    """Where the built-in packs' cache lives; None when caching is off."""
    chosen = os.environ.get(ENV_CACHE, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser() / "builtin-packs.pickle"
    import platformdirs

    return Path(platformdirs.user_cache_dir("quizbot", appauthor=False)) / "builtin-packs.pickle"


def cache_key(files: Sequence[Path]) -> bytes | None:
    """What the packs built from these files depend on; None if a file can't be read."""
    key = hashlib.sha256()
    key.update(repr(sys.version_info).encode())
    package = Path(__file__).resolve().parent.parent
    try:
        code = list(_CODE_FILES)
        for folder in _CODE:
            code += sorted(f"{folder}/{e.name}" for e in os.scandir(package / folder))
        for name in code:
            if name.endswith(".py"):
                info = (package / name).stat()
                key.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        for file in files:
            key.update(os.fsencode(str(file)) + b"\0")
            key.update(hashlib.sha256(file.read_bytes()).digest())
    except OSError:
        return None
    return key.digest()


def read_cached(files: Sequence[Path]) -> tuple[Pack, ...] | None:
    """The packs cached for exactly these files, or None (never raises)."""
    where = cache_file()
    key = cache_key(files)
    if where is None or key is None:
        return None
    try:
        data = where.read_bytes()
        if data[: len(MAGIC) + _DIGEST] != MAGIC + key:
            return None
        packs = _ModelUnpickler(io.BytesIO(data[len(MAGIC) + _DIGEST :])).load()
    except Exception:  # damaged, foreign or unreadable: read the YAML instead
        return None
    if isinstance(packs, tuple) and all(isinstance(p, Pack) for p in packs):
        return packs
    return None


def write_cached(files: Sequence[Path], key: bytes, packs: tuple[Pack, ...]) -> None:
    """Keep the packs for the next launch; silently nothing if the folder is not writable."""
    where = cache_file()
    if where is None:
        return
    from quizbot.atomic import replacing

    with contextlib.suppress(Exception):  # a cache that can't be written is no cache
        where.parent.mkdir(parents=True, exist_ok=True)
        with replacing(where, binary=True, private=True) as handle:
            handle.write(MAGIC + key)
            pickle.dump(packs, handle, protocol=pickle.HIGHEST_PROTOCOL)


class _ModelUnpickler(pickle.Unpickler):
    """Makes the pack model's classes and Decimal, and refuses anything else."""

    def find_class(self, module: str, name: str) -> type:
        if module == "quizbot.packs.model" or name in _ALLOWED.get(module, ()):
            found = super().find_class(module, name)
            # Only classes made there: not a name the model merely imports.
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a pack")
