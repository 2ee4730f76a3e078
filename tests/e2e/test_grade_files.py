"""``quizbot grade`` and the files it reads and writes, as real processes.

Where it writes (devices, pipes, links, its own input, folders it may not write),
what a kill leaves behind, and what it reads (lost quotes, bad bytes, the encodings
spreadsheets write). Tests about permissions run quizbot as user 65534 (nobody),
since as root every write succeeds.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]
NOBODY = 65534
QUIZBOT = (sys.executable, "-m", "quizbot")
ROWS = [
    ("os-education", "342 million"),
    ("os-education", "346 million"),
    ("os-education", "3.42亿"),
    ("health-code-registrations#1", "900 million"),
]


def responses_text(rows: list[tuple[str, str]] = ROWS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["question", "response"])
    writer.writerows(rows)
    return out.getvalue()


def graded(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    return stderr.strip()


# ------------------------------------------------------------ as user 65534


def _drop_privileges() -> None:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


@functools.cache
def _unprivileged() -> tuple[list[str], dict[str, str]] | str:
    """A command and environment to run ``python -m quizbot`` as user 65534, or why not."""
    if os.geteuid() != 0:
        return [sys.executable, "-m", "quizbot"], {}
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    import_path = os.pathsep.join(p for p in sys.path if p)
    candidates: list[tuple[str | None, dict[str, str]]] = [
        (sys.executable, {}),
        # This Python may live in root's private folder: the same version elsewhere,
        # with this environment's import path, runs the same code.
        *(
            (f"{prefix}/bin/{version}", {"PYTHONPATH": import_path})
            for prefix in ("/usr", "/usr/local")
        ),
        (shutil.which(version), {"PYTHONPATH": import_path}),
    ]
    for python, extra in candidates:
        if python is None or not os.path.exists(python):
            continue
        try:
            probe = subprocess.run(
                [python, "-c", "import quizbot.cli, yaml, rapidfuzz"],
                preexec_fn=_drop_privileges,
                env={**os.environ, **extra},
                cwd="/",
                capture_output=True,
                timeout=60,
            )
        except OSError:
            continue
        if probe.returncode == 0:
            return [python, "-m", "quizbot"], extra
    return f"no Python that user {NOBODY} may run can import quizbot (this one: {sys.executable})"


@pytest.fixture
def public() -> Iterator[Path]:
    """A folder that user 65534 can read (tmp_path is private to root)."""
    folder = Path(
        tempfile.mkdtemp(prefix="quizbot-grade-", dir="/tmp" if Path("/tmp").is_dir() else None)
    )
    folder.chmod(0o755)
    closed = [p for p in folder.parents if not p.stat().st_mode & stat.S_IXOTH]
    if closed and os.geteuid() == 0:
        shutil.rmtree(folder)
        pytest.skip(f"user {NOBODY} cannot reach the temporary folder ({closed[0]} is closed)")
    (folder / "answers.csv").write_text(responses_text(), encoding="utf-8")
    (folder / "answers.csv").chmod(0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def as_nobody(public: Path) -> Run:
    found = _unprivileged()
    if isinstance(found, str):
        pytest.skip(found)
    command, extra = found

    def run(*args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args],
            preexec_fn=_drop_privileges if os.geteuid() == 0 else None,
            env={**os.environ, **extra, "PYTHONUTF8": "1", "QUIZBOT_HOME": str(public)},
            cwd=public,
            stdin=subprocess.DEVNULL,
            stdout=stdout if stdout is not None else subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    return run


def test_a_folder_it_may_not_write_is_one_line_and_exit_74(as_nobody: Run, public: Path) -> None:
    locked = public / "locked"
    locked.mkdir(mode=0o555)
    result = as_nobody("grade", "answers.csv", "-o", "locked/report.csv")
    assert result.returncode == 74
    line = one_line(result.stderr)
    assert line.startswith("quizbot: cannot write locked/report.csv:")
    assert list(locked.iterdir()) == []


def test_dev_null_as_a_normal_user_is_written_into(as_nobody: Run) -> None:
    result = as_nobody("grade", "answers.csv", "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert "graded 4 rows" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_stdout_is_written_into(as_nobody: Run) -> None:
    result = as_nobody("grade", "answers.csv", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert [row["verdict"] for row in graded(result.stdout)] == ["correct", "incorrect"] + [
        "correct"
    ] * 2
    assert os.path.islink("/dev/stdout")


def test_an_input_it_may_not_read_is_one_line_and_exit_74(as_nobody: Run, public: Path) -> None:
    (public / "answers.csv").chmod(0o600)  # root's
    result = as_nobody("grade", "answers.csv")
    assert result.returncode == 74
    assert one_line(result.stderr).startswith("quizbot: cannot read answers.csv:")


# --------------------------------------------------- where the report goes


def test_missing_input_or_a_folder_is_exit_74(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    for name in ("missing.csv", "folder"):
        result = run_quizbot("grade", name)
        assert result.returncode == 74
        assert one_line(result.stderr).startswith(f"quizbot: cannot read {name}:")


def test_a_pipe_descriptor_as_from_process_substitution(tmp_path: Path) -> None:
    """``-o >(gzip > x.gz)`` hands quizbot a path like /dev/fd/63 for a pipe."""
    (tmp_path / "answers.csv").write_text(responses_text(), encoding="utf-8")
    read_end, write_end = os.pipe()  # the report is small: the pipe holds all of it
    try:
        result = subprocess.run(
            [*QUIZBOT, "grade", "answers.csv", "-o", f"/dev/fd/{write_end}"],
            pass_fds=(write_end,),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        os.close(write_end)
        received = _drain(read_end)
    finally:
        os.close(read_end)
    assert result.returncode == 0, result.stderr
    assert len(graded(received.decode("utf-8"))) == 4


def _drain(fd: int) -> bytes:
    """What a pipe holds, up to its end (or, without a writer, what is there now)."""
    data = b""
    while chunk := os.read(fd, 1 << 16):
        data += chunk
    return data


def test_a_fifo_is_written_into_not_replaced(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_text(responses_text(), encoding="utf-8")
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits, as `cat <fifo` would
    try:
        result = run_quizbot("grade", "answers.csv", "-o", "report.fifo")
        received = _drain(reader)
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(graded(received.decode("utf-8"))) == 4


def test_a_device_node_is_written_into_not_replaced(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_text(responses_text(), encoding="utf-8")
    null = tmp_path / "null"
    try:  # a second /dev/null, so that a failure cannot harm the real one
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.close(os.open(null, os.O_WRONLY))
    except OSError as error:
        pytest.skip(f"cannot make and open a device node here: {error}")
    result = run_quizbot("grade", "answers.csv", "-o", "null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_link_is_written_through_and_kept(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_text(responses_text(), encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "latest.csv").write_text("old report", encoding="utf-8")
    (tmp_path / "report.csv").symlink_to("reports/latest.csv")
    (tmp_path / "new.csv").symlink_to("reports/new.csv")  # dangling: made by the write
    for link in ("report.csv", "new.csv"):
        result = run_quizbot("grade", "answers.csv", "-o", link)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / link).is_symlink()
        target = tmp_path / "reports" / os.readlink(tmp_path / link).split("/")[-1]
        assert len(graded(target.read_text("utf-8"))) == 4
    assert temporaries(tmp_path) == [] and temporaries(tmp_path / "reports") == []


def test_the_input_is_never_overwritten(run_quizbot: Run, tmp_path: Path) -> None:
    text = responses_text()
    (tmp_path / "answers.csv").write_text(text, encoding="utf-8")
    (tmp_path / "alias.csv").symlink_to("answers.csv")
    os.link(tmp_path / "answers.csv", tmp_path / "hard.csv")
    for target in ("answers.csv", "./answers.csv", "alias.csv", "hard.csv"):
        result = run_quizbot("grade", "answers.csv", "-o", target)
        assert result.returncode == 2, target
        assert "responses file" in one_line(result.stderr)
    assert (tmp_path / "answers.csv").read_text("utf-8") == text
    assert (tmp_path / "alias.csv").is_symlink()


def test_responses_from_stdin(run_quizbot: Run) -> None:
    result = run_quizbot("grade", "-", input=responses_text())
    assert result.returncode == 0, result.stderr
    assert len(graded(result.stdout)) == 4


# ------------------------------------------------------ signals and kills


def _grading_from_a_pipe(folder: Path, target: str) -> subprocess.Popen[bytes]:
    """A ``grade -o`` caught in the middle: it has read most of a megabyte of rows from
    its stdin and waits for more, its report half written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "quizbot", "grade", "/dev/stdin", "-o", target],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=folder,
    )
    assert process.stdin is not None
    rows = responses_text(ROWS * 8_000).encode("utf-8")  # ~0.9 MB, more than a pipe holds
    # The write returns once quizbot has read all but a pipe's worth: it is grading.
    process.stdin.write(rows)
    process.stdin.flush()
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_sigterm_and_sighup_leave_no_temporary_file(tmp_path: Path, signum: int) -> None:
    (tmp_path / "report.csv").write_text("old report", encoding="utf-8")
    process = _grading_from_a_pipe(tmp_path, "report.csv")
    try:
        assert len(temporaries(tmp_path)) == 1  # the report being written
        process.send_signal(signum)
        process.wait(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signum  # ended by the signal, as its parent expects
    assert temporaries(tmp_path) == []
    assert (tmp_path / "report.csv").read_text("utf-8") == "old report"


def test_the_next_run_removes_what_a_sigkill_left(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_text(responses_text(), encoding="utf-8")
    killed = _grading_from_a_pipe(tmp_path, "report.csv")
    killed.kill()
    killed.wait()
    left = temporaries(tmp_path)
    assert len(left) == 1  # nothing can clean up after SIGKILL...
    alive = _grading_from_a_pipe(tmp_path, "report.csv")
    try:
        result = run_quizbot("grade", "answers.csv", "-o", "report.csv")
        assert result.returncode == 0, result.stderr
        # ... but the next run does; the temporary file of a live writer stays.
        remaining = temporaries(tmp_path)
        assert left[0] not in remaining and len(remaining) == 1
    finally:
        alive.kill()
        alive.wait()
    assert len(graded((tmp_path / "report.csv").read_text("utf-8"))) == 4


# ------------------------------------------------------------ what it reads


def test_a_lost_quote_stops_at_the_line_where_it_began(run_quizbot: Run, tmp_path: Path) -> None:
    rows = ["question,response"] + ["os-education,342 million"] * 30
    rows[12] = 'os-education,"342 million'
    (tmp_path / "answers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_quizbot("grade", "answers.csv", "-o", "report.csv")
    assert result.returncode == 1
    assert one_line(result.stderr).startswith("answers.csv:13: ")
    assert "quote" in result.stderr
    assert not (tmp_path / "report.csv").exists() and temporaries(tmp_path) == []


def test_a_bad_byte_far_down_names_its_line(run_quizbot: Run, tmp_path: Path) -> None:
    good = responses_text([("os-education", "342 million")] * 100_000).encode()
    (tmp_path / "answers.csv").write_bytes(good + b"os-education,34\xc62\n")
    result = run_quizbot("grade", "answers.csv", "-o", "report.csv")
    assert result.returncode == 1
    assert one_line(result.stderr).startswith("answers.csv:100002:16: byte 0xc6")
    assert "--encoding gb18030" in result.stderr
    assert not (tmp_path / "report.csv").exists()


def test_what_excel_writes_in_a_chinese_locale(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "gbk.csv").write_bytes(responses_text().encode("gb18030"))
    # Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated.
    (tmp_path / "unicode.txt").write_bytes(responses_text().replace(",", "\t").encode("utf-16"))
    (tmp_path / "bom.csv").write_bytes(codecs.BOM_UTF8 + responses_text().encode("utf-8"))
    refused = run_quizbot("grade", "gbk.csv")
    assert refused.returncode == 1
    assert one_line(refused.stderr).startswith("gbk.csv:4:")
    assert "--encoding gb18030" in refused.stderr
    for args in (("gbk.csv", "--encoding", "gb18030"), ("unicode.txt",), ("bom.csv",)):
        result = run_quizbot("grade", *args)
        assert result.returncode == 0, (args, result.stderr)
        assert graded(result.stdout)[2]["response"] == "3.42亿"
    unknown = run_quizbot("grade", "gbk.csv", "--encoding", "klingon")
    assert unknown.returncode == 2 and "klingon" in one_line(unknown.stderr)


def test_bom_makes_a_csv_excel_opens_with_chinese_intact(run_quizbot: Run, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_text(responses_text(), encoding="utf-8")
    result = run_quizbot("grade", "answers.csv", "--bom", "-o", "report.csv")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "report.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert "3.42亿" in data.decode("utf-8-sig")
    to_stdout = run_quizbot("grade", "answers.csv", "--bom", env={"PYTHONIOENCODING": "gbk"})
    assert to_stdout.stdout.startswith("\ufeffquestion,")  # UTF-8, whatever the locale
    jsonl = run_quizbot("grade", "answers.csv", "--bom", "--format", "jsonl")
    assert jsonl.returncode == 2 and "--bom" in one_line(jsonl.stderr)
    assert "--bom" in run_quizbot("grade", "--help").stdout


def test_no_formula_from_a_response_reaches_a_spreadsheet(run_quizbot: Run, tmp_path: Path) -> None:
    rows = [("os-education", "@SUM(1+1)"), ("os-education", "=1+1"), ("=cmd", "-2+3")]
    (tmp_path / "answers.csv").write_text(responses_text(rows), encoding="utf-8")
    result = run_quizbot("grade", "answers.csv")
    for row in graded(result.stdout):
        for column in ("verdict", "score", "feedback"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert graded(result.stdout)[2]["question"] == "=cmd"  # the teacher's column, kept


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace to count writes")
def test_rows_are_written_in_blocks_even_when_python_is_unbuffered(tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_text(responses_text(ROWS * 500), encoding="utf-8")
    log = tmp_path / "trace"
    result = subprocess.run(
        ["strace", "-f", "-e", "trace=write", "-o", str(log), *QUIZBOT, "grade", "answers.csv"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0 and not log.exists():
        pytest.skip(f"strace cannot trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    assert len(graded(result.stdout)) == 2_000
    writes = [line for line in log.read_text().splitlines() if "write(1," in line]
    assert 1 <= len(writes) <= 5  # ~120 KB in 64 KB blocks, not 2,001 writes


def test_file_names_in_messages_cannot_act_on_the_terminal(
    run_quizbot: Run, tmp_path: Path
) -> None:
    hostile = "x\x1b]0;owned\x07\nforged.csv:1:1: fake"
    (tmp_path / f"{hostile}.csv").write_text('question,response\nq,"open\n', encoding="utf-8")
    for args in (
        (f"{hostile}.csv",),
        (f"{hostile}-missing.csv",),
        (f"{hostile}.csv", "-o", f"{hostile}/nowhere/out.csv"),
    ):
        result = run_quizbot("grade", *args)
        assert result.returncode in (1, 74), result.stderr
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        one_line(result.stderr)
