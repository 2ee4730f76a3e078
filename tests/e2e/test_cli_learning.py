"""`stats --json/--csv/--disputes` and `profiles` as real processes."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.e2e.conftest import Run

SESSION = "\nwrong answer\nskip\n/quit\n"


def test_stats_json_keeps_its_keys_and_adds_mastery_forecast_and_misses(run_quizbot: Run) -> None:
    played = run_quizbot("play", "--plain", "--profile", "ana", "--seed", "1", input=SESSION)
    assert played.returncode == 0, played.stderr
    result = run_quizbot("stats", "--json", "--profile", "ana")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    for key in ("answered", "correct", "by_pack", "by_topic", "by_day", "due_now", "streak_days"):
        assert key in summary
    assert summary["answered"] == 2
    assert len(summary["by_day"]) == 30
    overall = summary["mastery"]["overall"]
    assert overall["questions"] > 100 and overall["seen"] == 2 and overall["mastered"] == 0
    assert all(
        entry["questions"] >= entry["seen"] for entry in summary["mastery"]["by_topic"].values()
    )
    assert len(summary["forecast"]) == 7 and sum(summary["forecast"].values()) == 2
    assert [m["misses"] for m in summary["most_missed"]] == [1, 1]
    text = run_quizbot("stats", "--profile", "ana").stdout
    assert "Mastered" in text and "Most missed" in text


def test_stats_csv_has_a_row_per_question_answered(run_quizbot: Run) -> None:
    run_quizbot("play", "--plain", "--profile", "ana", "--seed", "1", input=SESSION)
    result = run_quizbot("stats", "--csv", "--profile", "ana")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    assert {row["misses"] for row in rows} == {"1"}
    assert all(row["pack"] == "digital-china" and row["due"] for row in rows)
    disputes = run_quizbot("stats", "--disputes", "--profile", "ana")
    assert disputes.stdout.splitlines()[0].startswith("pack,question,topic")
    assert len(disputes.stdout.splitlines()) == 1  # none yet


def test_profiles_list_export_import_delete(run_quizbot: Run, tmp_path: Path) -> None:
    assert "No profiles yet" in run_quizbot("profiles").stdout
    run_quizbot("play", "--plain", "--profile", "ana", "--seed", "1", input=SESSION)
    listed = run_quizbot("profiles")
    assert listed.returncode == 0 and listed.stdout.split() == ["ana", "2", "answers"]
    backup = tmp_path / "ana-backup.tar.gz"
    exported = run_quizbot("profiles", "export", "ana", str(backup))
    assert exported.returncode == 0, exported.stderr
    imported = run_quizbot("profiles", "import", str(backup), "bob")
    assert imported.returncode == 0 and "2 answers" in imported.stdout
    bob = json.loads(run_quizbot("stats", "--json", "--profile", "bob").stdout)
    assert bob["answered"] == 2  # counts rebuilt from the imported history
    refused = run_quizbot("profiles", "delete", "bob")  # no terminal, no --yes
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert "bob" in run_quizbot("profiles").stdout
    assert run_quizbot("profiles", "delete", "bob", "--yes").returncode == 0
    assert "bob" not in run_quizbot("profiles").stdout
    again = run_quizbot("profiles", "import", str(backup))
    assert again.returncode == 1 and again.stderr.count("\n") == 1  # one line: it exists
    wrong = run_quizbot("profiles", "rename", "ana")
    assert wrong.returncode == 2 and "usage" in wrong.stderr


def test_play_remembers_the_round_length_and_starts_in_a_mode(run_quizbot: Run) -> None:
    first = run_quizbot("play", "--plain", "--seed", "1", input="4 questions\n/quit\n")
    assert first.returncode == 0, first.stderr
    second = run_quizbot("play", "--plain", "--seed", "1", input="/quit\n")
    assert "Rounds have 4 questions" in second.stdout  # remembered, --round not given
    assert (
        "Rounds have 6 questions"
        in run_quizbot("play", "--plain", "--round", "6", input="/quit\n").stdout
    )  # the command line wins
    review = run_quizbot("play", "--plain", "--mode", "review", input="/quit\n")
    assert "Nothing to review" in review.stdout
    exam = run_quizbot("play", "--plain", "--seed", "2", "--mode", "exam", input="zzz\n/quit\n")
    assert exam.returncode == 0, exam.stderr
    assert "Exam: 20 questions in 15 minutes" in exam.stdout
    assert re.search(r"\(1[45]:\d\d left\) ", exam.stdout)  # the time left, with the question
    assert "Answer noted." in exam.stdout and "Not quite" not in exam.stdout
    bad = run_quizbot("play", "--plain", "--mode", "cram", input="")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_a_returning_learner_is_greeted_with_what_is_due(run_quizbot: Run) -> None:
    run_quizbot("play", "--plain", "--profile", "ana", "--seed", "1", input=SESSION)
    again = run_quizbot("play", "--plain", "--profile", "ana", input="/quit\n")
    found = re.search(
        r"Welcome back, ana: (\d+) questions due, (\d+) not yet seen; (.*)", again.stdout
    )
    assert found is not None
    seen = json.loads(run_quizbot("stats", "--json", "--profile", "ana").stdout)
    total = seen["mastery"]["overall"]["questions"]
    assert int(found.group(2)) == total - 2  # two questions answered
    assert found.group(3) == "your streak is 1 day"
