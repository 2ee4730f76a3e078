"""Real processes against one progress folder: two copies at once, and SIGKILL mid-loop."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressError, ProgressStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# The child prints the running count only after record() returns: that is the
# moment the learner would see the feedback, so every counted answer must be
# on disk, whatever happens next.
CHILD = r"""
import json, sys
from pathlib import Path
from quizbot.progress.records import AnswerRecord
from quizbot.progress.store import ProgressStore

data, tag, limit, snapshot_every = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = ProgressStore.open(Path(data))
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit(2)
for i in range(limit):
    question = "shared" if i % 2 == 0 else f"{tag}-{i}"
    store.record(AnswerRecord(1_800_000_000.0 + i, "p", question, f"{tag}:{i}", "correct", 1.0))
    print(i + 1, flush=True)
    if snapshot_every and (i + 1) % snapshot_every == 0:
        store.close()
store.close()
print(json.dumps({"shared": store.states()["p/shared"].reps, "warnings": store.warnings}))
"""


def start_child(data: Path, tag: str, limit: int, snapshot_every: int = 0) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), tag, str(limit), str(snapshot_every)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()


def responses_by_tag(store: ProgressStore) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = {}
    for rec in store.history():
        tag, index = rec.response.split(":")
        seen.setdefault(tag, []).append(int(index))
    return seen


def test_two_processes_lose_none_of_each_others_answers(tmp_path: Path) -> None:
    children = {tag: start_child(tmp_path, tag, 200) for tag in ("a", "b")}
    for child in children.values():
        go(child)  # both are loaded before either starts writing
    finals = []
    for child in children.values():
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        lines = out.splitlines()
        assert lines[-2] == "200"
        finals.append(json.loads(lines[-1]))
    assert all(final["warnings"] == [] for final in finals)
    # whoever recorded last had merged all 200 answers to the shared question
    assert max(final["shared"] for final in finals) == 200

    store = ProgressStore.open(tmp_path)
    assert store.warnings == []
    seen = responses_by_tag(store)
    assert seen == {"a": list(range(200)), "b": list(range(200))}
    states = store.states()
    assert states["p/shared"].reps == 200
    assert len(states) == 1 + 2 * 100
    snapshot = json.loads((store.path / "state.json").read_text())
    assert snapshot["answers"] == 400 and len(snapshot["questions"]) == 201


def test_sigkill_at_random_moments_loses_no_reported_answer(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    for round_no in range(8):
        tag = f"r{round_no}"
        child = start_child(tmp_path, tag, 100_000, snapshot_every=rng.choice([0, 3, 7]))
        go(child)
        assert child.stdout is not None
        target = rng.randint(1, 60)
        reported = 0
        while reported < target:
            reported = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
        # Read what is left through the same buffered stream: readline() may already
        # hold later lines in its buffer, which communicate() (reading the raw pipe)
        # would never see; that undercounted `reported` by one, 1 run in 3.
        rest = child.stdout.read()
        assert child.wait(timeout=30) == -signal.SIGKILL
        for stream in (child.stdin, child.stdout, child.stderr):
            assert stream is not None
            stream.close()
        for line in rest.splitlines():
            if line.strip().isdigit():
                reported = int(line)  # a count printed before the kill landed

        store = ProgressStore.open(tmp_path)  # must not raise
        assert store.warnings == []
        got = responses_by_tag(store).get(tag, [])
        # every answer whose feedback was shown is there, in order, once; at
        # most one more (written, killed before it could be reported)
        assert got[:reported] == list(range(reported))
        assert len(got) in (reported, reported + 1)
        assert got == list(range(len(got)))

    # The snapshot left by the killed copies agrees with a replay of the history.
    replay = tmp_path / "replay"
    shutil.copytree(tmp_path / "profiles", replay / "profiles")
    (replay / "profiles" / "default" / "state.json").unlink(missing_ok=True)
    from_snapshot = ProgressStore.open(tmp_path)
    from_history = ProgressStore.open(replay)
    assert dict(from_snapshot.states()) == dict(from_history.states())
    total = sum(len(v) for v in responses_by_tag(from_history).values())
    assert sum(s.reps for s in from_history.states().values()) == total


# -- a copy stuck while holding the lock -------------------------------------------------

# Takes the profile's lock as quizbot does (so its pid is in the side file), says
# "locked", and lets go when it reads a line: a copy stuck as long as the test wants.
HOLDER = r"""
import sys
from pathlib import Path
from quizbot.progress.lock import ProfileLock

folder = Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
with ProfileLock(folder).held(timeout=5):
    print("locked", flush=True)
    sys.stdin.readline()
print("released", flush=True)
sys.stdin.readline()
"""


def hold_lock(profile: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(profile)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def let_go(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.write("go\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"


def answer(i: int) -> AnswerRecord:
    return AnswerRecord(1_800_000_000.0 + i, "p", f"q{i}", f"held:{i}", "correct", 1.0)


def test_a_stuck_lock_names_its_holder_keeps_answers_and_saves_them_when_it_frees(
    tmp_path: Path,
) -> None:
    store = ProgressStore.open(tmp_path, lock_timeout=0.05, quit_timeout=30)
    holder = hold_lock(store.path)
    try:
        for i in range(2):
            with pytest.raises(ProgressError) as info:
                store.record(answer(i))
            assert f"process {holder.pid}" in str(info.value)
            assert "kept in memory" in str(info.value)
        assert store.unsaved == 2
        waits: list[str] = []

        def on_wait(text: str) -> None:
            waits.append(text)
            let_go(holder)  # the stuck copy frees the lock while we wait at quit

        store.on_wait = on_wait
        store.close()
    finally:
        holder.kill()
        holder.wait()
    assert len(waits) == 1
    assert f"process {holder.pid}" in waits[0] and "2 answers" in waits[0]
    assert store.unsaved == 0
    assert responses_by_tag(ProgressStore.open(tmp_path)) == {"held": [0, 1]}


def test_answers_that_truly_cannot_be_saved_are_counted_at_quit(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, lock_timeout=0.05, quit_timeout=0.05)
    holder = hold_lock(store.path)
    try:
        for i in range(3):
            with pytest.raises(ProgressError):
                store.record(answer(i))
        with pytest.raises(ProgressError) as info:
            store.close()
    finally:
        holder.kill()
        holder.wait()
    message = str(info.value)
    assert "3 answers of this session could not be saved" in message
    assert f"process {holder.pid}" in message and "\n" not in message
    assert store.unsaved == 3


PLAY = [sys.executable, "-m", "quizbot", "play", "--plain", "--seed", "3", "--round", "2"]


def test_play_waits_at_quit_for_a_stuck_lock_then_saves_and_exits_0(tmp_path: Path) -> None:
    data = tmp_path / "data"
    holder = hold_lock(data / "profiles" / "default")
    try:
        play = subprocess.Popen(
            [*PLAY, "--data-dir", str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert play.stdin is not None and play.stderr is not None
        play.stdin.write("\n/skip\n/skip\n")
        play.stdin.close()  # end of input: quit, which must wait for the lock
        waiting = play.stderr.readline()
        assert "waiting" in waiting and f"process {holder.pid}" in waiting
        let_go(holder)
        out = play.stdout.read() if play.stdout else ""
        assert play.wait(timeout=60) == 0, play.stderr.read()
    finally:
        holder.kill()
        holder.wait()
    assert "could not be saved" in out  # each answer said so when it was given
    lines = (data / "profiles" / "default" / "history.jsonl").read_text().splitlines()
    assert [json.loads(line)["verdict"] for line in lines] == ["skipped", "skipped"]


# -- play and stats as the learner runs them ----------------------------------------------------


def test_play_plain_exits_74_with_the_count_when_answers_cannot_be_saved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("a file where the data folder should be")  # fails as root too
    result = subprocess.run(
        [*PLAY, "--data-dir", str(data)],
        input="\n/skip\n/skip\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 74
    assert "2 answers of this session could not be saved" in result.stderr
    assert "Traceback" not in result.stderr


def test_stats_on_a_new_profile_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizbot",
            "stats",
            "--json",
            "--profile",
            "NEW",
            "--data-dir",
            data,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answered"] == 0
    assert not data.exists()


def test_a_repair_by_stats_is_told_once_by_the_next_play(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = ProgressStore.open(data)
    store.record(answer(0))
    store.close()
    (store.path / "state.json").write_bytes(b"\x00garbage")
    stats = subprocess.run(
        [sys.executable, "-m", "quizbot", "stats", "--json", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert stats.returncode == 0 and json.loads(stats.stdout)["answered"] == 1
    assert "damaged" in stats.stderr  # said on stderr; stdout stays one JSON object

    def play() -> str:
        result = subprocess.run(
            [*PLAY, "--data-dir", str(data)],
            input="quit\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = play()
    assert first.startswith("Warning: progress snapshot")
    assert "damaged" in first and "1 recorded answer is kept" in first
    assert "Warning" not in play()
