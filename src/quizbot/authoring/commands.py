"""The authoring commands as the command line runs them: files in, files out, one-line
messages on stderr (``FILE:LINE: what and why``), an exit status.

0: done, nothing skipped; 1: a problem in the input (some of it was skipped, or none
of it could be used), or a pack that does not validate; 2: a bad option value.
"""

from __future__ import annotations

import sys
from pathlib import Path

from quizbot.packs.schema import ID_PATTERN
from quizbot.safetext import safe_line


def _say(line: str) -> None:
    print(safe_line(line), file=sys.stderr)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        _say(f"quizbot: {path}: not UTF-8 text (byte {error.start + 1}); save it as UTF-8")
    except OSError as error:
        _say(f"quizbot: cannot read {path}: {error.strerror or error}")
    return None


# The first line of the packs these commands write: such a file may be written again.
WRITTEN_BY = ("# Imported by 'quizbot import'", "# A draft made by 'quizbot draft'")


def _output_problem(target: Path, *, pack: bool = False) -> bool:
    """Say why ``target`` cannot be written, if it cannot; True then.

    A pack file that quizbot did not write is the author's own work: it is never
    replaced by an import or a draft (their comments and edits would be lost).
    """
    if target.is_dir() or not target.parent.resolve().is_dir():
        why = "is a folder" if target.is_dir() else "is in a folder that does not exist"
        _say(f"quizbot: cannot write {target}: it {why}")
        return True
    if pack and target.exists() and not _first_line(target).startswith(WRITTEN_BY):
        _say(f"quizbot: {target} exists and was not written by quizbot; choose another name "
             "(or delete it first)")  # fmt: skip
        return True
    return False


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.readline()
    except OSError:
        return ""


def _write(target: Path, content: str | bytes) -> None:
    from quizbot.atomic import replacing

    if isinstance(content, bytes):
        with replacing(target, binary=True) as out:
            out.write(content)
    else:
        with replacing(target, encoding="utf-8", newline="\n") as out:
            out.write(content)


def _check_written(target: Path) -> int:
    """Load what was written: a pack quizbot writes must validate (0), else say why (1)."""
    from quizbot.packs.loader import load_pack

    result = load_pack(target)
    for problem in result.problems:
        _say(str(problem))
    return 0 if result.ok else 1


def _bad_id(pack_id: str) -> bool:
    if ID_PATTERN.fullmatch(pack_id):
        return False
    _say(f"quizbot: --pack-id {pack_id!r} may use only letters, digits, '-', '_' and '.'")
    return True


def run_import(
    source: str, output: str, fmt: str | None, pack_id: str | None, title: str | None
) -> int:
    from quizbot.authoring.importers import default_pack_id, guess_format, import_text
    from quizbot.authoring.importers.builder import clean_text

    path, target = Path(source), Path(output)
    if pack_id is not None and _bad_id(pack_id):
        return 2
    text = _read_text(path)
    if text is None or _output_problem(target, pack=True):
        return 1
    fmt = fmt or guess_format(path, text)
    builder = import_text(text, str(path), fmt)
    for problem in builder.problems:
        _say(problem)
    if not builder.questions:
        _say(f"quizbot: nothing could be imported from {path} (read as {fmt}); no pack written")
        return 1
    pack_id = pack_id or default_pack_id(path)
    title = clean_text(title or "") or clean_text(path.stem) or pack_id
    # The model is built and checked from the source's own lines before any YAML is
    # written: a problem points at the line of the imported file, and a pack the loader
    # would refuse is never written.
    from quizbot.packs.builder import build_pack

    _, refused = build_pack(builder.pack_tree(pack_id, title), str(path))
    for refusal in refused:
        _say(str(refusal))
    if refused:
        _say(f"quizbot: the pack imported from {path} is not valid; no pack written")
        return 1
    _write(target, builder.to_yaml(pack_id, title, f"{path.name} ({fmt})"))
    count = len(builder.questions)
    skipped = len(builder.problems)
    _say(
        f"imported {count} question{'s' if count != 1 else ''} from {path} ({fmt}) into "
        f"{target}; {skipped} problem{'s' if skipped != 1 else ''}"
    )
    return 1 if skipped else 0


def run_export(pack_path: str, output: str, fmt: str) -> int:
    from quizbot.authoring.exporters import export_pack
    from quizbot.packs.problems import PackError

    target = Path(output)
    try:
        from quizbot.packs.loader import load_packs

        packs = load_packs([pack_path])
    except PackError as error:
        for problem in error.problems:
            _say(str(problem))
        return 1
    if _output_problem(target):
        return 1
    if target.exists() and target.resolve() == Path(pack_path).resolve():
        _say(f"quizbot: {target} is the pack itself; write the export to another file")
        return 1
    pack = packs[0]
    if len(packs) > 1:
        _say(f"quizbot: {pack_path} holds {len(packs)} packs; give one pack file to export")
        return 1
    exported = export_pack(pack, fmt)
    for note in exported.notes:
        _say(f"{pack_path}: {note}")
    _write(target, exported.content)
    _say(f"exported {exported.count} questions of {pack.id} to {target} ({fmt})")
    return 0


def run_draft(article: str, output: str, pack_id: str | None) -> int:
    from quizbot.authoring.draft import draft_pack

    path, target = Path(article), Path(output)
    if pack_id is not None and _bad_id(pack_id):
        return 2
    text = _read_text(path)
    if text is None or _output_problem(target, pack=True):
        return 1
    drafted = draft_pack(text, str(path), pack_id)
    if drafted.facts == 0:
        _say(f"{path}:1: no sentence with a figure or a name was found; no pack written")
        return 1
    _write(target, drafted.yaml)
    status = _check_written(target)
    _say(
        f"drafted {drafted.facts} facts and {drafted.questions} questions from {path} "
        f"into {target}: review them before use"
    )
    return status
