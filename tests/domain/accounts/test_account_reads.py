"""The sign-in list, read in plain SQL (``accounts.account_reads``, issue 17): the window asks for
it as soon as a database opens, before SQLAlchemy is imported. Through an ORM session and a bare
``sqlite3`` connection it is the same list, and right for every kind of credential: a password,
a pending reset code, a pending setup code, none; an inactive person and other roles left out."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from eoffice.db.models import Person
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import account_reads, password_reset, passwords, people
from eoffice.domain.accounts.account_reads import Account, accounts, code_scheme, reset_until
from tests.domain.standards_helpers import NOW, OFFICER_PASSWORD, first_password

SECRETS = ("officer-secret-1", "tom-password-1", "amy-password-1", "zed-password-1")


@pytest.fixture(autouse=True)
def nobody_signed_in() -> Iterator[None]:
    yield
    audit.set_actor(None)


@pytest.fixture
def plain(db_path: Path) -> Iterator[sqlite3.Connection]:
    """The handle the window starts with: SQLite's own connection to the test's database."""
    with closing(sqlite3.connect(db_path)) as connection:
        yield connection


def _every_kind(session: Session) -> dict[str, int]:
    """One person for each kind of sign-in credential, and people the list leaves out."""
    ids = {name: people.add_person(session, name, role).id for name, role in (
        ("Siân Łukasz", "exams_officer"), ("Daniel O'Connor", "line_manager"), ("Tom Barker", "exams_assistant"),
        ("amy lowercase", "exams_assistant"), ("Zed Inactive", "exams_assistant"), ("Ángel Nopassword", "exams_assistant"),
        ("Zoë Brontë", "senco"), ("Head Of Maths", "head_of_department"))}
    ids["Sam Lee, manager"] = people.add_person(session, "Sam Lee", "line_manager").id  # one name, two people
    ids["Sam Lee, assistant"] = people.add_person(session, "Sam Lee", "exams_assistant").id
    first_password(session, ids["Siân Łukasz"], OFFICER_PASSWORD)
    password_reset.issue_setup_code(session, ids["Daniel O'Connor"], how="when added", now=NOW)  # still to be used
    for name, password in (("Tom Barker", SECRETS[1]), ("amy lowercase", SECRETS[2]), ("Zed Inactive", SECRETS[3])):
        passwords.set_password(session, ids[name], password, now=NOW)
    password_reset.reset_password(session, ids["amy lowercase"], ids["Siân Łukasz"], OFFICER_PASSWORD, now=NOW)
    gone = session.get(Person, ids["Zed Inactive"])
    assert gone is not None
    gone.active = False
    return ids


def test_the_list_is_the_same_through_a_session_and_a_plain_connection(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        ids = _every_kind(session)
    with db.session() as session:
        through_the_session = passwords.accounts(session)
    assert accounts(plain) == through_the_session == [
        Account(ids["Daniel O'Connor"], "Daniel O'Connor", "line_manager", True, True, True),
        Account(ids["Sam Lee, assistant"], "Sam Lee", "exams_assistant", False),  # as the ORM's statement gave them
        Account(ids["Sam Lee, manager"], "Sam Lee", "line_manager", False),
        Account(ids["Siân Łukasz"], "Siân Łukasz", "exams_officer", True),
        Account(ids["Tom Barker"], "Tom Barker", "exams_assistant", True),
        Account(ids["amy lowercase"], "amy lowercase", "exams_assistant", True, True, False),
        Account(ids["Ángel Nopassword"], "Ángel Nopassword", "exams_assistant", False),
    ]  # by name as SQLite sorts text (capitals, then lower case, then accented capitals); inactive, senco and HoD left out
    assert all(type(v) is bool for a in accounts(plain) for v in (a.has_password, a.reset_pending, a.first_password))
    assert all(type(a.id) is int and a.previous_sign_in is None for a in accounts(plain))


def test_the_list_holds_no_credential(db: Database, plain: sqlite3.Connection) -> None:
    """Only which kind of credential: never a hash, a salt, a code or a password."""
    with db.session() as session:
        _every_kind(session)
    shown = repr(accounts(plain))
    stored = [h for (h,) in plain.execute("SELECT password_hash FROM person WHERE password_hash IS NOT NULL")]
    leaked = sum(h in shown or h.split("$")[-1] in shown for h in stored)  # a count: a failure prints no hash
    assert (len(stored), leaked) == (5, 0)
    assert "$" not in shown and not any(secret in shown for secret in SECRETS)


def test_a_session_lists_what_it_has_changed_and_not_yet_written(db: Database) -> None:
    """The plain query flushes the session first, as its autoflush would have."""
    with db.session() as session:
        tom = people.add_person(session, "Tom Barker", "exams_assistant").id
        assert [a.id for a in passwords.accounts(session)] == [tom]
        row = session.get(Person, tom)
        assert row is not None
        row.active = False
        assert passwords.accounts(session) == []


def test_an_empty_database_lists_nobody(db: Database, plain: sqlite3.Connection) -> None:
    with db.session():
        pass
    assert accounts(plain) == []


def test_what_a_stored_credential_says() -> None:
    assert code_scheme(None) is None and reset_until(None) is None
    assert code_scheme("scrypt$1024$8$1$ab") is None and reset_until("scrypt$1024$8$1$ab") is None
    assert code_scheme("reset$20261130T100000$scrypt$1024$8$1$ab") == "reset"
    assert reset_until("setup$20261130T100000$scrypt$1024$8$1$ab") == datetime(2026, 11, 30, 10, 0)


def test_passwords_hands_on_the_one_implementation() -> None:
    for name in ("Account", "accounts", "code_scheme", "reset_until", "ACCOUNT_ROLES", "SETUP_SCHEME", "RESET_SCHEME",
                 "CODE_SCHEMES", "RESET_TIME_FORMAT"):
        assert getattr(passwords, name) is getattr(account_reads, name), name


def test_the_sign_in_list_loads_no_storage_at_import(db: Database) -> None:
    with db.session():
        pass
    probe = ("import sqlite3, sys\n"
             "from eoffice.domain.accounts.account_reads import accounts\n"
             f"accounts(sqlite3.connect({str(db.path)!r}))\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m in "
             "('eoffice.db.models', 'eoffice.db.session')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_people_and_who_holds_a_role_are_the_same_through_a_session_and_a_plain_connection(
        db: Database, plain: sqlite3.Connection) -> None:
    """The centre's details (the window's title, its key roles) and the Standards grid (every
    active exams officer) read these before SQLAlchemy loads; the People tab through a session."""
    with db.session() as session:
        ids = _every_kind(session)
        second = people.add_person(session, "Aaron Second", "exams_officer").id  # added later, sorts first
    with db.session() as session:
        for role in (None, "exams_officer", "exams_assistant", "senco", "finance"):
            for active_only in (True, False):
                assert account_reads.people(plain, role, active_only=active_only) == people.people(
                    session, role, active_only=active_only)
        assert [p.name for p in account_reads.people(plain, "exams_officer")] == ["Aaron Second", "Siân Łukasz"]
        assert account_reads.named_in_role(plain, "exams_officer") == people.named_in_role(session, "exams_officer")
        officer = account_reads.named_in_role(plain, "exams_officer")
        assert officer is not None and officer.id == ids["Siân Łukasz"] != second  # the first added, not the first by name
        assert account_reads.named_in_role(plain, "finance") is None
    inactive = [p for p in account_reads.people(plain, "exams_assistant", active_only=False) if not p.active]
    assert [p.name for p in inactive] == ["Zed Inactive"] and type(inactive[0].active) is bool
