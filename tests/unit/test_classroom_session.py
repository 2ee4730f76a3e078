"""The session folder: events saved one a line, a line cut off by a crash left out, the
newest session found for --resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizbot.classroom.session import Session, SessionError, slug


def test_events_come_back_in_order(tmp_path: Path) -> None:
    session = Session.create(tmp_path, "period 3", now=0)
    session.append({"type": "start", "t": 1.0, "settings": {"players": ["红队"]}})
    session.append({"type": "ask", "t": 2.0})
    assert [e["type"] for e in Session(session.folder).events()] == ["start", "ask"]
    assert session.folder.parent == tmp_path / "drills"
    assert session.folder.name.endswith("-period-3")
    assert "红队" in session.path.read_text(encoding="utf-8")  # readable as it is


def test_a_line_cut_off_by_a_crash_is_left_out_and_ended_before_the_next(tmp_path: Path) -> None:
    session = Session.create(tmp_path, "drill", now=0)
    session.append({"type": "start", "t": 1.0})
    with session.path.open("ab") as handle:
        handle.write(b'{"type":"answer","t":2.0,"play')  # the kill came mid-write
    assert [e["type"] for e in session.events()] == ["start"]
    session.append({"type": "ask", "t": 3.0})
    assert [e["type"] for e in session.events()] == ["start", "ask"]


def test_a_damaged_line_in_the_middle_is_an_error_with_its_line(tmp_path: Path) -> None:
    session = Session.create(tmp_path, "drill", now=0)
    session.append({"type": "start", "t": 1.0})
    with session.path.open("ab") as handle:
        handle.write(b'["not", "an", "event"]\n')
    session.append({"type": "ask", "t": 3.0})
    with pytest.raises(SessionError, match=r"events.jsonl:2:1: not a drill event"):
        session.events()


def test_resume_finds_the_newest_or_the_one_named(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no drill session"):
        Session.find(tmp_path, None)
    old = Session.create(tmp_path, "monday", now=0)
    old.append({"type": "start", "t": 1.0})
    new = Session.create(tmp_path, "tuesday", now=86_400)
    new.append({"type": "start", "t": 2.0})
    assert Session.find(tmp_path, None).folder == new.folder
    assert Session.find(tmp_path, old.folder.name).folder == old.folder
    assert Session.find(tmp_path, str(old.folder)).folder == old.folder
    with pytest.raises(SessionError, match="no drill session at nope"):
        Session.find(tmp_path, "nope")


def test_two_drills_in_one_second_get_two_folders(tmp_path: Path) -> None:
    first = Session.create(tmp_path, "drill", now=0)
    second = Session.create(tmp_path, "drill", now=0)
    assert first.folder != second.folder


@pytest.mark.parametrize(
    ("name", "expected"),
    [("period 3", "period-3"), ("../../etc", "etc"), ("红队", "drill"), ("a/b\\c", "a-b-c")],
)
def test_a_name_becomes_a_safe_folder_name(name: str, expected: str) -> None:
    assert slug(name) == expected
