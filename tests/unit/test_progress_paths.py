"""Data folder resolution and profile names."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from quizbot.paths import data_dir, valid_profile_name


def test_override_wins_over_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZBOT_HOME", str(tmp_path / "env"))
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"


def test_environment_wins_over_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZBOT_HOME", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"


def test_platform_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIZBOT_HOME", raising=False)
    expected = Path(platformdirs.user_data_dir("quizbot", appauthor=False))
    assert data_dir() == expected
    assert data_dir("") == expected  # an empty --data-dir is no choice at all


def test_home_is_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/learner")
    assert data_dir("~/quiz") == Path("/home/learner/quiz")


@pytest.mark.parametrize("name", ["default", "Ann-Lee_2", "a", "x" * 64, "v1.2", "..a"])
def test_valid_profile_names(name: str) -> None:
    assert valid_profile_name(name)


@pytest.mark.parametrize(
    "name", ["", "x" * 65, "a/b", "..", ".", "a b", "名字", "a\\b", "a\nb", "tab\t"]
)
def test_invalid_profile_names(name: str) -> None:
    assert not valid_profile_name(name)
