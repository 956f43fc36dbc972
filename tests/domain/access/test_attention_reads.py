"""The Overview's access warnings and their lines, read in plain SQL (issue 17): the same
through an ORM session and a plain ``sqlite3`` connection, every kind of warning among them,
and right at the edges the SQL has to handle (an empty centre, a year with no exams, no
dates on record, no year group, two arrangements of one candidate, a session's unwritten
change)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain.access import arrangement_records, attention, exam_series, timetable
from eoffice.domain.access.arrangement_records import ArrangementRecord, new_fields
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

YEAR = AcademicYear(2026)  # TODAY (23 November 2026) is in it
# Autumn, the January series, the run-up to summer, the summer exams and after the year.
DAYS = (date(2026, 9, 1), TODAY, date(2027, 1, 15), date(2027, 4, 20), date(2027, 5, 14), date(2027, 6, 10),
        date(2027, 6, 25), date(2027, 8, 20), date(2027, 9, 5))


@pytest.fixture
def plain(db_path: object) -> Iterator[sqlite3.Connection]:
    """The handle the window starts with: SQLite's own connection to the test's database."""
    with closing(sqlite3.connect(str(db_path))) as connection:
        yield connection


def _every_kind_of_warning(connection: sqlite3.Connection) -> None:
    """Change the demo so that every kind of warning fires on some day: assessments long ago
    (one candidate with no year group), approvals that never expire, rooms of their own
    needed, placements and readers missing."""
    connection.executescript("""
        UPDATE arrangement SET assessed_on = '2019-03-01'
         WHERE id IN (SELECT id FROM arrangement WHERE route IN ('aao', 'referred') ORDER BY id LIMIT 6);
        UPDATE candidate SET year_group = NULL WHERE id IN (SELECT candidate_id FROM arrangement ORDER BY id LIMIT 1);
        UPDATE arrangement SET expires_on = NULL
         WHERE id IN (SELECT id FROM arrangement WHERE status = 'approved' ORDER BY id DESC LIMIT 3);
        UPDATE arrangement SET status = 'approved', room_need = 'separate'
         WHERE id IN (SELECT id FROM arrangement WHERE kind = 'word_processor' ORDER BY id LIMIT 3);
        DELETE FROM placement WHERE id IN (SELECT placement.id FROM placement JOIN arrangement
         ON arrangement.candidate_id = placement.candidate_id
         WHERE arrangement.room_need IN ('reader', 'scribe', 'separate') ORDER BY placement.id LIMIT 8);
        DELETE FROM assignment WHERE id IN (SELECT id FROM assignment WHERE role = 'reader' ORDER BY id LIMIT 4);
    """)
    connection.commit()


def test_a_session_and_a_plain_connection_warn_alike_on_the_demo(demo_db: Database) -> None:
    with closing(sqlite3.connect(demo_db.path)) as connection:
        _every_kind_of_warning(connection)
    kinds: set[str] = set()
    with demo_db.sessions() as session, closing(sqlite3.connect(demo_db.path)) as connection:
        every = arrangement_records.arrangements(session)
        assert arrangement_records.arrangements(connection) == every
        one = every[len(every) // 2].candidate_id
        assert arrangement_records.arrangements(connection, one) == arrangement_records.arrangements(session, one)
        chosen = [r.id for r in every[::3]] + [999_999]
        assert arrangement_records.arrangements_by_id(connection, chosen) == arrangement_records.arrangements_by_id(session, chosen)
        for year in (YEAR.previous(), YEAR, YEAR.next()):
            assert timetable.first_exam_of_series(connection, year) == timetable.first_exam_of_series(session, year)
        edited = {r.id for r in every[::5]}
        for today in DAYS:
            found = attention.find_warnings(session, YEAR, today)
            assert attention.find_warnings(connection, YEAR, today) == found
            assert attention.summary_lines(connection, YEAR, today) == attention.summary_lines(session, YEAR, today)
            assert attention.summary_lines(connection, YEAR, today, found) == attention.summary_lines(session, YEAR, today)
            assert (attention.warnings_after_edit(connection, YEAR, today, every, found, every, edited)
                    == attention.warnings_after_edit(session, YEAR, today, every, found, every, edited) == found)
            kinds |= {w.kind for w in found}
    assert kinds == set(attention.WORDS)


def test_a_record_is_read_with_its_types(demo_db: Database, plain: sqlite3.Connection) -> None:
    """Dates come back as dates, missing ones as None, numbers as numbers: as the ORM gave them."""
    with demo_db.session() as session:
        candidate_id = arrangement_records.arrangements(session)[0].candidate_id
        bare = new_fields("rest_breaks", extra_time_percent=None, rest_minutes_per_hour=None)
        dated = new_fields("extra_time_25", status="approved", approved_on=date(2026, 2, 1), assessed_on=date(2025, 12, 1))
        first = arrangement_records.add_arrangement(session, candidate_id, bare)
        second = arrangement_records.add_arrangement(session, candidate_id, dated)
    records = {r.id: r for r in arrangement_records.arrangements(plain, candidate_id)}
    assert records[first.id].fields == bare
    assert records[second.id].fields == replace(dated, expires_on=date(2028, 4, 1))  # 26 months on
    assert type(records[second.id].fields.approved_on) is date and type(records[second.id].extra_time_percent) is int
    assert records[second.id].in_force(date(2028, 4, 1)) and not records[second.id].in_force(date(2028, 4, 2))


def test_one_candidates_arrangements_come_in_the_order_they_were_added(demo_db: Database, plain: sqlite3.Connection) -> None:
    """Arrangements of one candidate tie on the candidate number: their ids order them."""
    with demo_db.session() as session:
        candidate_id = arrangement_records.arrangements(session)[0].candidate_id
        added = [arrangement_records.add_arrangement(session, candidate_id, new_fields(kind)).id
                 for kind in ("scribe", "reader", "coloured_overlays")]
    every = arrangement_records.arrangements(plain)
    numbers = [r.candidate_number for r in every]
    assert numbers == sorted(numbers)
    mine = [r.id for r in every if r.candidate_id == candidate_id]
    assert mine == sorted(mine) and set(added) <= set(mine)


def test_an_empty_centre_has_nothing_to_warn_of(db: Database, plain: sqlite3.Connection) -> None:
    with db.sessions() as session:
        for handle in (session, plain):
            assert arrangement_records.arrangements(handle) == []
            assert arrangement_records.arrangements_by_id(handle, [1, 2]) == {}
            assert timetable.first_exam_of_series(handle, YEAR) == {}
            assert attention.find_warnings(handle, YEAR, TODAY) == []
            assert attention.summary_lines(handle, YEAR, TODAY) == ["No access arrangements recorded"]


def test_a_year_with_no_exams_warns_of_nothing(demo_db: Database, plain: sqlite3.Connection) -> None:
    """No exams in the year: no last exam, no next one, no series to estimate a deadline from."""
    empty = AcademicYear(2010)
    with demo_db.sessions() as session:
        total = len(arrangement_records.arrangements(session))
        for handle in (session, plain):
            assert timetable.first_exam_of_series(handle, empty) == {}
            assert attention.find_warnings(handle, empty, date(2010, 11, 1)) == []
            assert attention.summary_lines(handle, empty, date(2010, 11, 1)) == [
                f"{total} access arrangements; nothing needs attention"]


def test_a_session_warns_of_what_it_has_changed_and_not_yet_written(demo_db: Database) -> None:
    """The session's own connection is read after a flush, as its autoflush would."""
    with demo_db.session() as session:
        before = attention.find_warnings(session, YEAR, TODAY)
        record: ArrangementRecord = arrangement_records.arrangements(session)[0]
        added = arrangement_records.add_arrangement(session, record.candidate_id,
                                                    new_fields("extra_time_25", status="applied", assessed_on=date(2010, 1, 1)))
        after = attention.find_warnings(session, YEAR, TODAY)
        session.rollback()
    assert [w for w in after if w.arrangement_id != added.id] == before
    assert [w.kind for w in after if w.arrangement_id == added.id] == [attention.ASSESSED_EARLY]


def test_the_series_of_a_date() -> None:
    assert [exam_series.series_of(date(2026, m, 1)) for m in (9, 10, 12, 1, 3, 4, 6, 8)] == [
        "Summer", "November", "November", "January", "January", "Summer", "Summer", "Summer"]
    assert timetable.series_of is exam_series.series_of


def test_the_reads_load_no_storage_at_import() -> None:
    probe = ("import sys, eoffice.domain.access.attention, eoffice.domain.access.arrangement_reads, "
             "eoffice.domain.access.exam_series; "
             "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy') or m in "
             "('eoffice.db.models', 'eoffice.db.session'))[:3])")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
