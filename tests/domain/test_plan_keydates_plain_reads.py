"""The reads the Overview makes of the plan, the key dates and the years on the window's first
paint are plain SQL (``task_reads``, ``key_date_reads``, ``year_reads``): through a bare
``sqlite3`` connection they give what the ORM's own rows give, and importing them (with the
key dates' rules the Overview formats with) loads no SQLAlchemy (issue 17)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from eoffice.db.session import Database
from eoffice.domain import settings
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.keydates import key_date_records
from eoffice.domain.keydates.key_date_fields import KeyDateFields
from eoffice.domain.keydates.key_date_reads import centre_nation, dates_in_category, internal_days, key_dates
from eoffice.domain.plan import task_records
from eoffice.domain.plan.task_reads import Anchors, TaskFields, tasks
from eoffice.domain.series import ensure_year
from eoffice.domain.year_reads import stored_years, year_id, years_to_offer
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

YEAR = AcademicYear.containing(TODAY)


@pytest.fixture
def plain(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A bare connection to the test's database, as the window reads before SQLAlchemy loads
    (read-only: asked for before the database is made, it fails rather than make an empty file)."""
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as connection:
        yield connection


def _key_date(on: date, **changes: object) -> KeyDateFields:
    return KeyDateFields(on=on, title=f"AQA: {on.isoformat()}", series="Summer", body="AQA", category="entries",
                         **changes)  # type: ignore[arg-type]


# --- the years ------------------------------------------------------------------------------

def test_the_years_read_plainly(db: Database, plain: sqlite3.Connection) -> None:
    assert (stored_years(plain), year_id(plain, YEAR)) == ([], None)
    assert years_to_offer(plain, TODAY) == [YEAR]
    with db.session() as session:
        stored = ensure_year(session, YEAR.next().next()).id
        ensure_year(session, YEAR.previous())
    assert stored_years(plain) == [YEAR.previous(), YEAR.next().next()]
    assert year_id(plain, YEAR.next().next()) == stored
    assert years_to_offer(plain, TODAY) == [YEAR.previous(), YEAR, YEAR.next().next()]


# --- the plan --------------------------------------------------------------------------------

def test_tasks_read_plainly_are_the_orm_rows_own(db: Database, plain: sqlite3.Connection) -> None:
    """Every kind of column: a start or none, done on a day, a key-date link, anchors with and
    without a start, and none; in due-date order, then as added."""
    due = date(2026, 12, 1)
    with db.session() as session:
        link = key_date_records.add_key_date(session, YEAR, _key_date(date(2027, 2, 19))).id
        added = [
            task_records.add_task(session, YEAR, TaskFields("Later", "entries", "senco", date(2027, 1, 4))),
            task_records.add_task(session, YEAR, TaskFields("Started", "planning", "exams_officer", due,
                                                            start=date(2026, 11, 2), notes="two\nlines")),
            task_records.add_task(session, YEAR, TaskFields("Done", "results", "finance", due, status="done",
                                                            done_on=date(2026, 11, 20), date_rule="weekday"),
                                  template_key="t-1", key_date_id=link,
                                  anchors=Anchors(date(2025, 12, 2), date(2025, 11, 3))),
            task_records.add_task(session, YEAR, TaskFields("Anchored", "other", "other", due),
                                  anchors=Anchors(date(2025, 12, 1), None)),
        ]
        task_records.add_task(session, YEAR.next(), TaskFields("Next year", "other", "other", date(2027, 9, 6)))
    with db.session() as session:
        expected = [task_records.task(session, t.id) for t in sorted(added, key=lambda t: (t.due, t.id))]
    assert tasks(plain, YEAR) == expected
    assert [t.title for t in tasks(plain, YEAR)] == ["Started", "Done", "Anchored", "Later"]
    assert tasks(plain, YEAR.previous()) == []


def test_a_session_reads_its_own_unwritten_task(db: Database) -> None:
    with db.session() as session:
        task_records.add_task(session, YEAR, TaskFields("Not yet committed", "other", "other", date(2026, 12, 1)))
        assert [t.title for t in tasks(session, YEAR)] == ["Not yet committed"]


def test_the_demo_plan_reads_plainly_as_the_orm_rows(demo_db: Database, plain: sqlite3.Connection) -> None:
    found = tasks(plain, YEAR)
    assert found
    with demo_db.session() as session:
        assert found == [task_records.task(session, t.id) for t in found]
        assert tasks(session, YEAR) == found


# --- the key dates ----------------------------------------------------------------------------

def test_key_dates_read_plainly_are_the_orm_rows_own(db: Database, plain: sqlite3.Connection) -> None:
    """Every kind of column, and the note a derived deadline the year's start cut short carries."""
    with db.session() as session:
        ids = [
            key_date_records.add_key_date(session, YEAR, _key_date(date(2026, 9, 4))).id,  # shortened
            key_date_records.add_key_date(session, YEAR, _key_date(date(2027, 2, 1), end=date(2027, 2, 21),
                                                                   done=True, needs_check=True, source="JCQ")).id,
            key_date_records.add_key_date(session, YEAR, _key_date(date(2026, 10, 1), internal_derived=False,
                                                                   internal_deadline=date(2026, 9, 20)),
                                          reference_key="ref-1").id,
        ]
        key_date_records.update_key_date(session, ids[2], _key_date(date(2026, 10, 2), internal_derived=False))
    with db.session() as session:
        expected = key_date_records.key_dates_with_ids(session, ids)
    found = key_dates(plain, YEAR)
    assert found == expected
    assert [r.on for r in found] == [date(2026, 9, 4), date(2026, 10, 2), date(2027, 2, 1)]
    assert found[0].internal_note == "Shortened: 10 working days before would fall before the year starts"
    assert (found[1].reference_key, found[1].edited, found[1].internal_deadline) == ("ref-1", True, None)
    assert key_dates(plain, YEAR.next()) == []


def test_the_nation_and_the_days_per_category_read_plainly(db: Database, plain: sqlite3.Connection) -> None:
    assert (centre_nation(plain), internal_days(plain, "entries")) == ("England and Wales", 10)
    with db.session() as session:
        save_centre(session, CentreDetails(name="Glen Academy", nation="Scotland"))
        settings.change(session, {"keydates.internal_days.entries": 3})
        key_date_records.add_key_date(session, YEAR, _key_date(date(2026, 12, 1)))  # St Andrew's Day on Monday
    assert (centre_nation(plain), internal_days(plain, "entries")) == ("Scotland", 3)
    [record] = key_dates(plain, YEAR)
    assert record.internal_deadline == date(2026, 11, 25)  # 3 working days back, 30/11 a Scottish bank holiday


def test_the_demo_key_dates_read_plainly_as_the_orm_rows(demo_db: Database, plain: sqlite3.Connection) -> None:
    for year in (YEAR, YEAR.next()):
        found = key_dates(plain, year)
        with demo_db.session() as session:
            assert found == key_date_records.key_dates_with_ids(session, [r.id for r in found])
            assert key_dates(session, year) == found
    assert key_dates(plain, YEAR)


def test_the_dates_of_one_category(demo_db: Database, plain: sqlite3.Connection) -> None:
    every = key_dates(plain, YEAR)
    wanted = [(r.on, r.title, r.series) for r in every if r.category == "access_arrangements"]
    assert wanted
    assert dates_in_category(plain, YEAR, "access_arrangements") == wanted
    assert dates_in_category(plain, AcademicYear(2040), "access_arrangements") == []


# --- what importing them loads ------------------------------------------------------------------

PLAIN_MODULES = (
    "eoffice.domain.year_reads",
    "eoffice.domain.plan.rules",
    "eoffice.domain.plan.task_reads",
    "eoffice.domain.keydates.key_date_fields",
    "eoffice.domain.keydates.key_date_reads",
    "eoffice.domain.keydates.due",
    "eoffice.domain.keydates.working_days",
)


def test_the_plain_reads_and_the_key_dates_rules_import_no_sqlalchemy() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {PLAIN_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('sqlalchemy', 'alembic', 'holidays')"
        " or n in ('eoffice.db.models', 'eoffice.db.session')))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
