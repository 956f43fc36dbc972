"""Is this the demo? (``demo_sign_ins.is_demo``) A plain read (issue 17): the window asks it of
every database it opens, before SQLAlchemy is imported; the same answer through an ORM session
and a bare ``sqlite3`` connection."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from eoffice.db.models import Setting
from eoffice.db.session import Database, open_database
from eoffice.domain import demo, settings
from eoffice.domain.demo_sign_ins import SIGN_INS_KEY, is_demo


def test_only_the_demo_has_the_mark(demo_db: Database, tmp_path: Path) -> None:
    with open_database(tmp_path / "real.sqlite3") as real:
        with real.session() as session:
            settings.put(session, "accounts.sign_in_on_open", True)  # a setting, but not the mark
        for database, expected in ((real, False), (demo_db, True)):
            with database.session() as session:
                assert is_demo(session) is expected
            with closing(sqlite3.connect(database.path)) as connection:
                assert is_demo(connection) is expected


def test_a_session_sees_the_mark_it_has_not_yet_written(db: Database) -> None:
    """The plain query flushes the session first, as its autoflush would have."""
    with db.session() as session:
        assert not is_demo(session)
        session.add(Setting(key=SIGN_INS_KEY, value="[]"))  # as ``mark_sign_ins`` keeps it, not yet flushed
        assert is_demo(session)


def test_the_demo_hands_on_the_one_implementation() -> None:
    assert demo.is_demo is is_demo


def test_asking_loads_no_storage(db: Database) -> None:
    with db.session():
        pass
    probe = ("import sqlite3, sys\n"
             "from eoffice.domain.demo_sign_ins import is_demo\n"
             f"assert is_demo(sqlite3.connect({str(db.path)!r})) is False\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m in "
             "('eoffice.db.models', 'eoffice.db.session')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
