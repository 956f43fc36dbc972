"""Who the audit log names (``audit_actor``): set by the window before SQLAlchemy is imported
(issue 17), read by ``audit.record``; ``audit`` hands on the same two functions and one state."""

from __future__ import annotations

import getpass
import subprocess
import sys
from collections.abc import Iterator

import pytest

from eoffice.db.session import Database
from eoffice.domain import audit, audit_actor


@pytest.fixture(autouse=True)
def no_actor() -> Iterator[None]:
    audit_actor.set_actor(None)
    yield
    audit_actor.set_actor(None)


def test_audit_hands_on_the_one_implementation() -> None:
    assert audit.set_actor is audit_actor.set_actor and audit.current_actor is audit_actor.current_actor


def test_who_is_set_here_is_who_the_log_names(db: Database) -> None:
    assert audit_actor.current_actor() == getpass.getuser()
    audit_actor.set_actor("Priya Shah")
    assert audit.current_actor() == "Priya Shah"
    with db.session() as session:
        audit.record(session, "update", "centre")
    audit.set_actor(None)
    assert audit_actor.current_actor() == getpass.getuser()
    with db.session() as session:
        [entry] = audit.entries(session)
    assert entry.actor == "Priya Shah"


def test_without_a_login_name_the_actor_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise KeyError("no such user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert audit_actor.current_actor() == "unknown"


def test_setting_the_actor_loads_no_storage() -> None:
    probe = ("import sys\n"
             "from eoffice.domain.audit_actor import current_actor, set_actor\n"
             "set_actor(None); current_actor()\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m in "
             "('eoffice.db.models', 'eoffice.db.session')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
