"""The centre's details, read in plain SQL (``centre_reads``, issue 17): the window's title names
the centre before SQLAlchemy is imported. Through an ORM session and a bare ``sqlite3``
connection they are the same, and right before the details are entered, with nobody in a key
role, with a key person gone, and with two people in one role (the first added is named)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from eoffice.db.models import Centre, Person
from eoffice.db.session import Database
from eoffice.domain import centre, centre_reads
from eoffice.domain.accounts import people
from eoffice.domain.centre import CentreDetails, printed_name, save_centre
from eoffice.domain.centre_reads import centre_name, get_centre


@pytest.fixture
def plain(db_path: Path) -> Iterator[sqlite3.Connection]:
    """The handle the window starts with: SQLite's own connection to the test's database."""
    with closing(sqlite3.connect(db_path)) as connection:
        yield connection


def _both(db: Database, plain: sqlite3.Connection) -> tuple[CentreDetails | None, str | None]:
    """What the title reads, checked the same through a session and the plain connection."""
    with db.session() as session:
        through_the_session = (get_centre(session), centre_name(session), printed_name(session))
    assert (get_centre(plain), centre_name(plain)) == through_the_session[:2]
    assert through_the_session[2] == (through_the_session[1] or "eoffice")
    return through_the_session[0], through_the_session[1]


def test_a_new_centre_has_no_details_and_no_name(db: Database, plain: sqlite3.Connection) -> None:
    with db.session():
        pass
    assert _both(db, plain) == (None, None)


def test_the_details_and_the_key_people_read_alike(db: Database, plain: sqlite3.Connection) -> None:
    details = CentreDetails("Ysgol Gyfun Ŵyr", "12345", "Northern Ireland", "Siân Łukasz", "Daniel O'Connor", "Zoë Brontë")
    with db.session() as session:
        save_centre(session, details)
    assert _both(db, plain) == (details, "Ysgol Gyfun Ŵyr")
    with db.session() as session:
        people.add_person(session, "A Later Officer", "exams_officer")  # the first added stays the one named
        senco = people.named_in_role(session, "senco")
        assert senco is not None
        row = session.get(Person, senco.id)
        assert row is not None
        row.active = False  # gone: nobody in the role
    found, _ = _both(db, plain)
    assert found == CentreDetails("Ysgol Gyfun Ŵyr", "12345", "Northern Ireland", "Siân Łukasz", "Daniel O'Connor", None)


def test_a_centre_with_nobody_in_a_key_role(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        save_centre(session, CentreDetails("St Mary's"))
        gone = people.add_person(session, "Gone Officer", "exams_officer").id
        row = session.get(Person, gone)
        assert row is not None
        row.active = False
    assert _both(db, plain) == (CentreDetails("St Mary's"), "St Mary's")


def test_a_session_reads_what_it_has_changed_and_not_yet_written(db: Database) -> None:
    """The plain query flushes the session first, as its autoflush would have."""
    with db.session() as session:
        save_centre(session, CentreDetails("Old Name"))
        row = session.get(Centre, centre_reads.CENTRE_ID)
        assert row is not None
        row.name = "New Name"
        assert centre_name(session) == "New Name"
        assert get_centre(session) == CentreDetails("New Name")


def test_centre_hands_on_the_one_implementation() -> None:
    for name in ("CentreDetails", "get_centre", "centre_name", "NATIONS", "CENTRE_ID"):
        assert getattr(centre, name) is getattr(centre_reads, name), name


def test_the_title_read_loads_no_storage_at_import(db: Database) -> None:
    with db.session() as session:
        save_centre(session, CentreDetails("St Mary's", exams_officer="Siân Łukasz"))
    probe = ("import sqlite3, sys\n"
             "from eoffice.domain.centre_reads import centre_name, get_centre\n"
             f"db = sqlite3.connect({str(db.path)!r})\n"
             "assert centre_name(db) == \"St Mary's\" and get_centre(db).exams_officer == 'Siân Łukasz'\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m in "
             "('eoffice.db.models', 'eoffice.db.session')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
