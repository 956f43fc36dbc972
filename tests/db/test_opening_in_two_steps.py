"""Opening is two steps: the file's checks with SQLite alone (``check_for_opening``), then the
migrations and the database (``finish_opening``). A file already at this version needs no
SQLAlchemy for either: its engine is made on first use, so the window paints its first tab
through the plain connection before SQLAlchemy loads (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eoffice.db.session import check_for_opening, finish_opening, open_database


def test_the_checks_import_no_sqlalchemy(db_path: Path) -> None:
    open_database(db_path).close()
    probe = ("import sys; from eoffice.db.session import check_for_opening; "
             f"opening = check_for_opening({str(db_path)!r}); "
             "print(opening.lock is not None, opening.backup_path is not None, opening.facts.whole, "
             "[m for m in sys.modules if m.startswith('sqlalchemy')][:2]); opening.release()")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True True True []"


def test_the_two_steps_open_what_open_database_opens(db_path: Path) -> None:
    open_database(db_path).close()
    opening = check_for_opening(db_path)
    with finish_opening(opening) as db:
        assert not db.read_only and db.lock is not None and db.backup_path == opening.backup_path


def test_a_file_at_this_version_opens_and_reads_without_sqlalchemy(db_path: Path) -> None:
    open_database(db_path).close()
    probe = ("import sys; from eoffice.db.session import open_database; "
             f"db = open_database({str(db_path)!r}); "
             "print(db.reader().execute('PRAGMA foreign_keys').fetchone(), "
             "[m for m in sys.modules if m.startswith('sqlalchemy')][:2]); "
             "db.session().__enter__(); print('sqlalchemy' in sys.modules); db.close()")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["(1,) []", "True"]  # the first unit of work loads it


def test_a_new_file_is_migrated_through_the_engine_and_opens_at_this_version(db_path: Path) -> None:
    with open_database(db_path) as db:
        assert db.reader().execute("SELECT version_num FROM alembic_version").fetchone() == (db.revision,)
        assert db.reader().execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_released_opening_lets_another_writer_in(db_path: Path) -> None:
    open_database(db_path).close()
    check_for_opening(db_path).release()
    with open_database(db_path) as db:
        assert not db.read_only
