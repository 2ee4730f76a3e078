"""Coming back: remembered settings, the welcome line, disputes, modes and profile files."""

from __future__ import annotations

import json
import random
import tarfile
from datetime import timezone
from pathlib import Path

import pytest

from quizbot.progress import profiles
from quizbot.progress.records import AnswerRecord
from quizbot.progress.schedule import DAY, review
from quizbot.progress.settings import SETTINGS, ProfileSettings, load_settings, save_settings
from quizbot.progress.store import ProgressStore
from quizbot.progress.welcome import welcome
from quizbot.quiz import modes

T0 = 1_800_000_000.0  # a Friday, 08:00 UTC
UTC = timezone.utc


def rec(t: float, question: str, verdict: str = "correct", topic: str = "t") -> AnswerRecord:
    score = {"correct": 1.0, "partial": 0.5}.get(verdict, 0.0)
    return AnswerRecord(t, "p", question, "my answer", verdict, score, topic=topic)


# -- settings ---------------------------------------------------------------------------


def test_settings_are_remembered_and_written_atomically(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == ProfileSettings()  # nothing saved: the defaults
    chosen = ProfileSettings().changed(round_length=5, theme="light", last_topic="p/remote-work")
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS]  # no temporary file left
    assert (tmp_path / SETTINGS).stat().st_mode & 0o077 == 0  # private


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[1, 2]", b'{"round_length": "ten", "theme": "dark"}'],
)
def test_damaged_settings_read_as_defaults_field_by_field(tmp_path: Path, content: bytes) -> None:
    (tmp_path / SETTINGS).write_bytes(content)
    settings = load_settings(tmp_path)
    assert settings.round_length is None
    assert settings.theme == ("dark" if b"dark" in content else None)


def test_impossible_settings_are_refused() -> None:
    for bad in ({"round_length": 0}, {"desired_retention": 1.2}, {"maximum_interval_days": 0}):
        with pytest.raises(ValueError):
            ProfileSettings().changed(**bad)


# -- welcome back -----------------------------------------------------------------------


def test_the_welcome_line_counts_due_unseen_and_the_streak(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, "ana", tz=UTC)
    keys = [f"p/q{i}" for i in range(10)]
    assert welcome(store, T0, keys).text() == "Welcome, ana!"
    for day in range(4):  # four days in a row, three questions a day
        for i in range(3):
            store.record(rec(T0 + day * DAY + i, f"q{i}", "incorrect" if i == 0 else "correct"))
    now = T0 + 3 * DAY + 3600
    found = welcome(store, now, keys)
    assert (found.due_now, found.not_seen, found.streak_days) == (1, 7, 4)
    assert found.text() == (
        "Welcome back, ana: 1 question due, 7 not yet seen; your streak is 4 days"
    )


def test_the_welcome_line_counts_a_miss_that_is_not_due_yet_as_review_does(
    tmp_path: Path,
) -> None:
    # A miss is scheduled minutes ahead, yet `review` asks it at once: the welcome line
    # must say the same number, and the default profile is not named.
    store = ProgressStore.open(tmp_path, tz=UTC)
    store.record(rec(T0, "q0", "incorrect"))
    store.record(rec(T0 + 1, "q1", "correct"))
    found = welcome(store, T0 + 2, ["p/q0", "p/q1", "p/q2"])
    assert store.states()["p/q0"].due > T0 + 2  # not due yet by the schedule
    assert found.text() == "Welcome back: 1 question due, 1 not yet seen; your streak is 1 day"


# -- disputes ---------------------------------------------------------------------------


def test_a_disputed_miss_is_kept_and_flagged_but_not_scheduled(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, tz=UTC, clock=lambda: T0 + 100)
    store.record(rec(T0, "q", "correct"))
    before = store.states()["p/q"]
    store.record(rec(T0 + DAY, "q", "incorrect"))
    assert store.states()["p/q"].misses == 1
    disputed = store.dispute("p", "q", "my answer means the same")
    assert disputed.verdict == "incorrect"
    assert store.states()["p/q"] == before  # the miss is out of the schedule
    assert store.tallies().total == {"correct": 1, "incorrect": 1}  # and still counted
    store.close()
    again = ProgressStore.open(tmp_path, tz=UTC)
    assert again.states()["p/q"] == before
    (tmp_path / "profiles" / "default" / "state.json").unlink()
    assert ProgressStore.open(tmp_path, tz=UTC).states()["p/q"] == before  # replay agrees
    [entry] = again.disputes()
    assert (entry.question, entry.verdict, entry.note) == (
        "q",
        "incorrect",
        "my answer means the same",
    )


def test_only_an_answer_of_this_session_can_be_disputed(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, tz=UTC)
    with pytest.raises(ValueError):
        store.dispute("p", "never")


# -- modes ------------------------------------------------------------------------------


def _states() -> dict[str, object]:
    known = review(review(None, 1.0, T0 - 9 * DAY, verdict="correct"), 1.0, T0 - 6 * DAY,
                   verdict="correct")  # fmt: skip
    overdue = review(None, 1.0, T0 - 5 * DAY, verdict="correct")
    missed = review(None, 0.0, T0 - 60, verdict="incorrect")
    lapsed = review(review(None, 1.0, T0 - 3 * DAY, verdict="correct"), 0.0, T0 - 120,
                    verdict="incorrect")  # fmt: skip
    return {"p/known": known, "p/overdue": overdue, "p/missed": missed, "p/lapsed": lapsed}


KEYS = ["p/known", "p/overdue", "p/missed", "p/lapsed", "p/new1", "p/new2"]


def test_review_asks_what_is_due_and_the_misses() -> None:
    states = _states()
    chosen = modes.review(KEYS, states, T0).keys  # type: ignore[arg-type]
    assert chosen[0] == "p/overdue"  # most overdue first
    assert set(chosen) == {"p/overdue", "p/missed", "p/lapsed"}


def test_review_with_nothing_due_says_when_and_how_many() -> None:
    states = {
        "p/a": review(None, 1.0, T0, verdict="correct"),
        "p/b": review(None, 1.0, T0 + 5, verdict="correct"),
    }
    chosen = modes.review(["p/a", "p/b"], states, T0 + 60, UTC)
    due = states["p/a"].due
    assert chosen.keys == []
    assert chosen.note.startswith("Nothing due until ")
    assert chosen.note.endswith(", 2 questions.")
    assert f"{int(due % DAY // 3600)}:" in chosen.note


def test_new_weak_and_exam() -> None:
    states = _states()
    assert modes.new(KEYS, states).keys == ["p/new1", "p/new2"]  # type: ignore[arg-type]
    weak = modes.weak(KEYS, states, T0).keys  # type: ignore[arg-type]
    assert set(weak) == {"p/known", "p/overdue", "p/missed", "p/lapsed"}
    assert weak[-1] == "p/known" or weak.index("p/overdue") < weak.index("p/known")
    exam = modes.select("exam", KEYS, states, T0, random.Random(3),  # type: ignore[arg-type]
                        rules=modes.ExamRules(questions=4))  # fmt: skip
    assert len(exam.keys) == 4 and len(set(exam.keys)) == 4
    with pytest.raises(ValueError):
        modes.select("cram", KEYS, {}, T0, random.Random(0))


# -- profiles ---------------------------------------------------------------------------


def test_export_and_import_keep_every_answer(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, "ana", tz=UTC)
    for i in range(5):
        store.record(rec(T0 + i, f"q{i}"))
    store.save_settings(ProfileSettings().changed(round_length=7))
    store.close()
    backup = tmp_path / "ana.tar.gz"
    assert profiles.export(tmp_path, "ana", backup) == 5
    with tarfile.open(backup) as archive:
        assert "state.json" not in archive.getnames()  # rebuilt on first start
    assert profiles.import_profile(tmp_path, backup, "bob") == ("bob", 5)
    bob = ProgressStore.open(tmp_path, "bob", tz=UTC)
    assert dict(bob.states()) == dict(ProgressStore.open(tmp_path, "ana", tz=UTC).states())
    assert bob.settings().round_length == 7
    with pytest.raises(profiles.ProfileError, match="exists already"):
        profiles.import_profile(tmp_path, backup)


def test_a_foreign_archive_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "x.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        archive.add(__file__, arcname="../../etc/evil")
    with pytest.raises(profiles.ProfileError, match="not a quizbot profile export"):
        profiles.import_profile(tmp_path, bogus, "eve")
    assert not (tmp_path / "profiles" / "eve").exists()
    (tmp_path / "plain.txt").write_text("hello")
    with pytest.raises(profiles.ProfileError):
        profiles.import_profile(tmp_path, tmp_path / "plain.txt")


def test_rename_delete_and_reset(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, "ana", tz=UTC)
    store.record(rec(T0, "q"))
    store.save_settings(ProfileSettings().changed(theme="light"))
    store.close()
    profiles.rename(tmp_path, "ana", "cy")
    assert [p.name for p in profiles.list_profiles(tmp_path)] == ["cy"]
    profiles.reset(tmp_path, "cy")
    reset = ProgressStore.open(tmp_path, "cy", tz=UTC)
    assert dict(reset.states()) == {} and reset.settings().theme == "light"
    profiles.delete(tmp_path, "cy")
    assert profiles.list_profiles(tmp_path) == []
    with pytest.raises(profiles.ProfileError):
        profiles.delete(tmp_path, "cy")


def test_a_profile_in_use_is_not_renamed(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path, "ana", tz=UTC)
    store.record(rec(T0, "q"))
    from quizbot.progress.lock import ProfileLock

    with ProfileLock(store.path).held(1.0):
        # filelock is reentrant within a process: take the lock from a child instead.
        import subprocess
        import sys

        code = (
            "import sys; from pathlib import Path; from quizbot.progress import profiles\n"
            "try:\n    profiles.rename(Path(sys.argv[1]), 'ana', 'bob')\n"
            "except profiles.ProfileError as e:\n    print(e)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True
        ).stdout
    assert "in use" in out
    assert json.loads((store.path / "history.jsonl").read_text().splitlines()[0])["question"] == "q"


def test_a_profile_half_deleted_or_imported_is_not_listed(tmp_path: Path) -> None:
    (tmp_path / "profiles" / "ana").mkdir(parents=True)
    (tmp_path / "profiles" / ".deleting-bob-123").mkdir()
    (tmp_path / "profiles" / ".importing-cy-9").mkdir()
    assert [p.name for p in profiles.list_profiles(tmp_path)] == ["ana"]
