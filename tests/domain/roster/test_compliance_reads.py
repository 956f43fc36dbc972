"""The Overview's invigilator counts, read in plain SQL (issue 17): the same through an ORM
session and a plain ``sqlite3`` connection, and right at every edge the SQL has to handle
(no dates on record, inactive invigilators, a check exactly on the renewal day, 29 February)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Invigilator as InvigilatorRow
from eoffice.db.session import Database
from eoffice.domain import roster, settings
from eoffice.domain.roster import InvigilatorFields
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

YEAR = AcademicYear(2026)  # TODAY (23 November 2026) is in it
DAYS = (TODAY, date(2027, 5, 20), date(2027, 6, 15), date(2027, 9, 10), date(2028, 2, 29))


@pytest.fixture
def plain(db_path: object) -> Iterator[sqlite3.Connection]:
    """The handle the window starts with: SQLite's own connection to the test's database."""
    with closing(sqlite3.connect(str(db_path))) as connection:
        yield connection


def _person(session: Session, name: str, trained: date | None, dbs: date | None, *, active: bool = True) -> None:
    roster.add_invigilator(session, InvigilatorFields(name, trained_on=trained, dbs_checked_on=dbs, active=active))


def test_a_session_and_a_plain_connection_count_the_demo_team_alike(demo_db: Database) -> None:
    with demo_db.session() as session:  # a few short of a check, so every count is worked
        ids = [p.id for p in roster.invigilators(session)]
        for invigilator_id, trained, dbs, active in ((ids[0], None, None, False), (ids[1], None, date(2026, 1, 5), True),
                                                     (ids[2], date(2026, 9, 20), None, True),
                                                     (ids[3], date(2026, 9, 20), date(2023, 11, 22), True)):
            row = session.get(InvigilatorRow, invigilator_id)
            assert row is not None
            row.trained_on, row.dbs_checked_on, row.active = trained, dbs, active
    with demo_db.sessions() as session, closing(sqlite3.connect(demo_db.path)) as connection:
        for year in (AcademicYear(2025), YEAR, AcademicYear(2027)):
            for today in DAYS:
                through_orm = roster.compliance_counts(session, year, today)
                assert roster.compliance_counts(connection, year, today) == through_orm
                assert roster.overview_lines(connection, year, today) == roster.overview_lines(session, year, today)
        assert roster.roster_settings(connection) == roster.roster_settings(session)
        counts = roster.compliance_counts(connection, YEAR, TODAY)
        on_the_team = len(roster.invigilators(session, active_only=True))
    assert counts.active == on_the_team < len(ids) and counts.untrained >= 1 and counts.no_dbs >= 1 and counts.old_dbs >= 1


def test_no_dates_and_the_boundaries(db: Database, plain: sqlite3.Connection) -> None:
    """Training on 1 September counts, the day before does not; a DBS check on the renewal day
    is not old, the day before is; no date on record is untrained and no DBS, never "old"; an
    inactive invigilator is not counted at all."""
    with db.session() as session:
        _person(session, "On the day", date(2026, 9, 1), date(2023, 11, 23))
        _person(session, "A day early", date(2026, 8, 31), date(2023, 11, 22))
        _person(session, "Nothing on record", None, None)
        _person(session, "Left", None, None, active=False)
        _person(session, "Left, checked long ago", date(2020, 1, 1), date(2010, 1, 1), active=False)
    expected = roster.ComplianceCounts(3, 2, 1, 1, date(2026, 9, 1), 3)
    with db.sessions() as session:
        assert roster.compliance_counts(session, YEAR, TODAY) == expected
    assert roster.compliance_counts(plain, YEAR, TODAY) == expected
    assert roster.overview_lines(plain, YEAR, TODAY) == [
        "2 invigilators not trained since 1 September 2026", "1 invigilator with no DBS check on record",
        "1 DBS check older than 3 years"]


def test_the_renewal_day_of_29_february_is_the_28th(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        _person(session, "On the 28th", date(2027, 9, 1), date(2025, 2, 28))
        _person(session, "On the 27th", date(2027, 9, 1), date(2025, 2, 27))
    assert roster.compliance_counts(plain, AcademicYear(2027), date(2028, 2, 29)).old_dbs == 1


def test_a_stored_renewal_period_is_the_one_counted(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        _person(session, "Two and a half years", date(2026, 9, 1), date(2024, 5, 23))
        settings.put(session, "roster.dbs_renewal_years", 2)
    counts = roster.compliance_counts(plain, YEAR, TODAY)
    assert (counts.old_dbs, counts.renewal_years) == (1, 2)
    assert roster.roster_settings(plain).dbs_renewal_years == 2
    assert roster.overview_lines(plain, YEAR, TODAY) == ["1 DBS check older than 2 years"]


def test_no_invigilators_count_nothing_and_say_nothing(db: Database, plain: sqlite3.Connection) -> None:
    assert roster.compliance_counts(plain, YEAR, TODAY) == roster.ComplianceCounts(0, 0, 0, 0, date(2026, 9, 1), 3)
    assert roster.overview_lines(plain, YEAR, TODAY) == []


def test_a_session_counts_what_it_has_changed_and_not_yet_written(db: Database) -> None:
    """The plain query flushes the session first, as its autoflush would have."""
    with db.session() as session:
        _person(session, "Checked", date(2026, 9, 1), date(2026, 1, 1))
        row = session.scalars(select(InvigilatorRow)).one()
        row.dbs_checked_on = None
        assert roster.compliance_counts(session, YEAR, TODAY).no_dbs == 1


def test_the_reads_load_no_storage_at_import() -> None:
    probe = ("import sys, eoffice.domain.roster.compliance_reads, eoffice.domain.roster.roster_config; "
             "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy') or m in "
             "('eoffice.db.models', 'eoffice.db.session'))[:3])")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
