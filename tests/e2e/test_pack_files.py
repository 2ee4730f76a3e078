"""What stands at a pack's path: devices, FIFOs, sockets, folders nobody may enter.

Each is a problem at its path (exit 1), for ``validate`` and ``--pack`` alike: never a
hang, a memory blow-up, a traceback or a silent skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")

GOOD = """\
pack: sky
title: Sky pack
version: 1
language: en
topics:
  - id: nature
    title: Nature
questions:
  - id: q-sky
    type: text
    prompt: What colour is the clear daytime sky?
    answer: blue
    topic: nature
"""
NOBODY = 65534  # the unprivileged user and group on Debian and most Linux systems
MEMORY_LIMIT = 1 << 31  # a runaway read fails here instead of eating the machine


def quizbot(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "quizbot", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, "QUIZBOT_HOME": str(cwd / "home"), "PYTHONUTF8": "1"},
        preexec_fn=limit_memory,
        timeout=30,  # a FIFO used to block open() forever: fail, do not hang the suite
    )


def make_special(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.yaml"
    if kind == "device":
        if not os.path.exists("/dev/zero"):
            pytest.skip("needs /dev/zero")
        path.symlink_to("/dev/zero")  # reports size 0, never ends
    elif kind == "fifo":
        os.mkfifo(path)  # opening it for reading waits for a writer
    else:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
    return path


SPECIAL = ["device", "fifo", "socket"]


@pytest.mark.parametrize("kind", SPECIAL)
def test_validate_names_a_special_file_as_a_problem(tmp_path: Path, kind: str) -> None:
    path = make_special(tmp_path, kind)
    done = quizbot(tmp_path, "validate", path.name)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        f"{path.name}:1:1: is {'a pipe (FIFO)' if kind == 'fifo' else 'a ' + kind}, "
        "not a pack file (a pack is a regular file)"
    ]


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_found_in_a_folder_is_a_problem_at_its_path(
    tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    path = make_special(folder, kind)
    done = quizbot(tmp_path, "validate", "packs")
    assert done.returncode == 1, done.stderr
    (line,) = done.stdout.splitlines()
    assert line.startswith(f"packs/{path.name}:1:1: is ")
    assert "1 pack, 1 question, 1 problem" in done.stderr


@pytest.mark.parametrize("kind", SPECIAL)
def test_pack_option_refuses_a_special_file(tmp_path: Path, kind: str) -> None:
    path = make_special(tmp_path, kind)
    done = quizbot(tmp_path, "ask", "--pack", path.name, "what colour is the sky")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(f"{path.name}:1:1: is ")
    assert len(done.stderr.splitlines()) == 1


# -- permissions: checked as an unprivileged user (root may read anything) --------


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="quizbot-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)  # so that it can be removed
        shutil.rmtree(folder)


def run_unprivileged(cwd: Path, *args: str) -> tuple[int, str, str]:
    """``quizbot ARGS`` in a child process that cannot read what its owner locked.

    As root the child drops to nobody first: root would read the locked folders and
    pass for the wrong reason. The child runs ``main`` in the forked interpreter
    rather than exec'ing one, as the unprivileged user may not be allowed to open
    the interpreter (this one may live under /root).
    """
    from quizbot import cli  # everything the child needs is imported before the fork
    from quizbot.authoring import selftest, validate  # noqa: F401
    from quizbot.knowledge import KnowledgeBase  # noqa: F401
    from quizbot.packs import loader  # noqa: F401

    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            os.dup2(out_write, 1)
            os.dup2(err_write, 2)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            os.chdir(cwd)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            code = cli.main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException as error:
            os.write(2, f"child failed: {error!r}\n".encode())
        finally:
            os._exit(code)
    os.close(out_write)
    os.close(err_write)
    with open(out_read, encoding="utf-8") as out, open(err_read, encoding="utf-8") as err:
        stdout, stderr = out.read(), err.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), stdout, stderr


needs_unprivileged = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(os, "setuid"), reason="needs fork and setuid"
)


def locked_pack(folder: Path) -> Path:
    """A good pack inside a folder without search permission for anyone but root."""
    locked = folder / "locked"
    locked.mkdir()
    pack = locked / "sky.yaml"
    pack.write_text(GOOD, encoding="utf-8")
    pack.chmod(0o644)
    locked.chmod(0o000)
    return pack


@needs_unprivileged
def test_a_pack_in_a_folder_without_search_permission_is_a_problem(shared_folder: Path) -> None:
    locked_pack(shared_folder)
    for args in (["validate", "locked/sky.yaml"], ["ask", "--pack", "locked/sky.yaml", "sky"]):
        code, stdout, stderr = run_unprivileged(shared_folder, *args)
        assert code == 1, (args, stderr)
        problems = (stdout if args[0] == "validate" else stderr).splitlines()
        assert problems[0].startswith("locked/sky.yaml:1:1: cannot read the file: "), problems
        assert "permissions" in problems[0]
        assert "internal error" not in stderr


@needs_unprivileged
def test_an_unlistable_subfolder_is_a_problem_not_skipped(shared_folder: Path) -> None:
    packs = shared_folder / "packs"
    packs.mkdir()
    packs.chmod(0o755)
    (packs / "sky.yaml").write_text(GOOD, encoding="utf-8")
    (packs / "sky.yaml").chmod(0o644)
    locked_pack(packs)
    assert stat.S_IMODE((packs / "locked").stat().st_mode) == 0

    code, stdout, stderr = run_unprivileged(shared_folder, "validate", "packs")
    assert code == 1, stderr
    (line,) = stdout.splitlines()
    assert line.startswith("packs/locked:1:1: cannot list this folder (")
    assert "were not checked" in line
    assert "1 pack, 1 question, 1 problem" in stderr  # the readable pack was still checked

    code, stdout, stderr = run_unprivileged(shared_folder, "ask", "--pack", "packs", "sky")
    assert code == 1
    assert stderr.startswith("packs/locked:1:1: cannot list this folder (")

    # The folder named itself cannot be listed: the same problem, not "no pack files".
    code, stdout, stderr = run_unprivileged(shared_folder, "validate", "packs/locked")
    assert code == 1
    (line,) = stdout.splitlines()
    assert line.startswith("packs/locked:1:1: cannot list this folder (")
