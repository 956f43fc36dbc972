"""The incident log and its open follow-ups, read in plain SQL (issue 17): the same records
through an ORM session and a plain ``sqlite3`` connection, in the order things happened (ties
by room, then by the order they were written), with each filter and both ends of the range."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Incident
from eoffice.db.session import Database
from eoffice.domain import examday
from eoffice.domain.examday import IncidentFields, IncidentRecord

MAY = date(2027, 5, 18)
KINDS = ("evacuation", "late_arrival", "taken_ill", "other", "malpractice", "paused")
FOLLOW_UPS = ("special_consideration", "none", "very_late", "malpractice", "other")


@pytest.fixture
def plain(db_path: Path) -> Iterator[sqlite3.Connection]:
    """The handle the window starts with: SQLite's own connection to the test's database."""
    with closing(sqlite3.connect(db_path)) as connection:
        yield connection


def _line(session: Session, on: date, sess: str, room: str, at: int, follow_up: str = "other", *,
          kind: str = "other", done: bool = False) -> int:
    fields = IncidentFields(on, sess, room, at, kind, "What happened", ("12",) if at % 2 else (), "Done", "Ms Lee",
                            follow_up)
    made: int = examday.log_incident(session, fields).id
    if done:
        examday.set_follow_up_done(session, made)
    return made


def _a_term_of_lines(session: Session) -> None:
    """Lines on several days, in both sessions and three rooms, some followed up, some not."""
    rooms = ("Main Hall", "Library", "Room 4")
    for i in range(30):
        on = MAY + timedelta(days=i % 5)
        _line(session, on, ("AM", "PM")[i % 2], rooms[i % 3], 9 * 60 + 10 * (i % 4), FOLLOW_UPS[i % 5],
              kind=KINDS[i % 6], done=i % 4 == 0)


def test_a_session_and_a_plain_connection_read_the_same_log(demo_db: Database) -> None:
    with demo_db.session() as session:
        _a_term_of_lines(session)
    with demo_db.sessions() as session, closing(sqlite3.connect(demo_db.path)) as connection:
        for start, end in ((MAY, MAY + timedelta(days=4)), (MAY + timedelta(days=1), MAY + timedelta(days=1)),
                           (date(2026, 9, 1), date(2027, 8, 31)), (date(2028, 1, 1), date(2027, 1, 1))):
            assert examday.incidents(connection, start, end) == examday.incidents(session, start, end)
            assert examday.open_follow_ups(connection, start, end) == examday.open_follow_ups(session, start, end)
            for sess in ("AM", "PM", None):
                for room in ("Library", "Nowhere", None):
                    assert examday.incidents(connection, start, end, sess, room) == \
                        examday.incidents(session, start, end, exam_session=sess, room=room)
        found = examday.incidents(connection, date(2026, 9, 1), date(2027, 8, 31))
        still_open = examday.open_follow_ups(connection, date(2026, 9, 1), date(2027, 8, 31))
    assert len(found) == 30 and 0 < len(still_open) < 30
    assert [r.id for r in still_open] == [r.id for r in found if r.fields.follow_up != "none" and not r.follow_up_done]


def test_ties_are_by_room_then_by_the_order_written(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        pm = _line(session, MAY, "PM", "Hall", 13 * 60)
        third = _line(session, MAY, "AM", "Hall", 9 * 60)
        library = _line(session, MAY, "AM", "Library", 9 * 60)
        earlier_room = _line(session, MAY, "AM", "Gym", 9 * 60)
        fourth = _line(session, MAY, "AM", "Hall", 9 * 60)
        earliest = _line(session, MAY, "AM", "Library", 8 * 60)
        day_before = _line(session, MAY - timedelta(days=1), "PM", "Hall", 15 * 60)
    assert [r.id for r in examday.incidents(plain, MAY - timedelta(days=1), MAY)] == \
        [day_before, earliest, earlier_room, third, fourth, library, pm]
    assert [r.id for r in examday.incidents(plain, MAY, MAY, "AM", "Hall")] == [third, fourth]
    assert [r.id for r in examday.incidents(plain, MAY, MAY, room="Library")] == [earliest, library]
    assert examday.incidents(plain, MAY + timedelta(days=1), MAY + timedelta(days=9)) == []


def test_open_follow_ups_leave_out_lines_that_ask_none_or_are_done(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        asked = _line(session, MAY, "AM", "Hall", 9 * 60, "very_late", kind="late_arrival")
        _line(session, MAY, "AM", "Hall", 9 * 60 + 5, "none")
        _line(session, MAY, "AM", "Hall", 9 * 60 + 10, "special_consideration", kind="taken_ill", done=True)
    (record,) = examday.open_follow_ups(plain, MAY, MAY)
    assert record.id == asked and record.open and record.follow_up_done is False
    assert (record.kind_label, record.follow_up_label, record.where, record.time_text) == \
        ("Late arrival", "Very late arrival report", "Hall, Tue 18 May AM", "09:00")


def test_a_record_reads_as_written(db: Database, plain: sqlite3.Connection) -> None:
    """Candidate numbers as a tuple, the moment written aware on the UK's clock, done as a bool."""
    with db.session() as session:
        written = examday.log_incident(session, IncidentFields(MAY, "PM", "Hall", 14 * 60 + 5, "taken_ill", "Felt faint",
                                                               ("12", "34"), "Water", "Mr Khan", "special_consideration"))
    (read,) = examday.incidents(plain, MAY, MAY)
    assert read == written and isinstance(read, IncidentRecord)
    assert read.fields.candidates == ("0012", "0034") and read.candidates_text == "0012, 0034"
    assert read.recorded_at == clock.now() and read.recorded_at.tzinfo == clock.UK


def test_a_session_reads_what_it_has_changed_and_not_yet_written(db: Database) -> None:
    """The plain query flushes the session first, as its autoflush would have."""
    with db.session() as session:
        made = _line(session, MAY, "AM", "Hall", 9 * 60, "malpractice", kind="malpractice")
        row = session.get(Incident, made)
        assert row is not None
        row.follow_up_done = True
        assert examday.open_follow_ups(session, MAY, MAY) == []


def test_the_reads_load_no_storage_at_import() -> None:
    probe = ("import sys, eoffice.domain.examday.incident_reads; "
             "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy') or m in "
             "('eoffice.db.models', 'eoffice.db.session'))[:3])")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
