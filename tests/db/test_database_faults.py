"""Issue 14, item 5: SQLite's faults are one family of one-line errors, with no person's data.

A locked database (another program holding a write transaction) and a full disk used to
end in a 50-70 line traceback whose ``[parameters: …]`` quoted an arrangement's notes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from eoffice.db import faults
from eoffice.db.session import Database, open_database
from eoffice.errors import (
    CannotOpenDatabase,
    DamagedDatabase,
    DatabaseBusy,
    DiskFull,
    DriveError,
    ReadOnlyDatabase,
)
from tests.cli.cli_helpers import Capture, one_line, run

SECRET = "SECRET-severe-dyslexia-MARKER"


def coded(code: int, message: str = "some failure") -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]  # as SQLite's module sets it
    return error


@pytest.mark.parametrize(("code", "kind", "words"), [
    (5, DatabaseBusy, "another program is writing"),
    (6, DatabaseBusy, "another program is writing"),
    (5 | (2 << 8), DatabaseBusy, "another program is writing"),  # an extended code: SQLITE_BUSY_SNAPSHOT
    (13, DiskFull, "the disk is full"),
    (8, ReadOnlyDatabase, "read-only"),
    (10, DriveError, "input/output error"),
    (10 | (4 << 8), DriveError, "input/output error"),  # SQLITE_IOERR_FSYNC
    (11, DamagedDatabase, "damaged"),
    (26, DamagedDatabase, "damaged"),
    (14, CannotOpenDatabase, "cannot be opened"),
])
def test_each_sqlite_fault_has_its_one_line(code: int, kind: type[Exception], words: str) -> None:
    found = faults.database_fault(coded(code, f"message quoting {SECRET}"), Path("centre.sqlite3"))
    assert isinstance(found, kind)
    assert words in str(found) and "centre.sqlite3" in str(found)
    assert "\n" not in str(found) and SECRET not in str(found)


def test_a_wrapped_error_is_found_through_sqlalchemy_and_causes() -> None:
    try:
        try:
            raise coded(13)
        except sqlite3.Error as inner:
            raise RuntimeError("wrapper") from inner
    except RuntimeError as outer:
        assert isinstance(faults.database_fault(outer, "x.sqlite3"), DiskFull)


def test_a_constraint_failure_is_not_a_fault_of_the_file() -> None:
    assert faults.database_fault(sqlite3.IntegrityError("UNIQUE constraint failed"), "x") is None
    assert faults.database_fault(ValueError("x"), "x") is None


def test_a_full_disk_during_a_write_is_one_line_and_nothing_is_saved(db: Database) -> None:
    """``max_page_count`` makes SQLite answer SQLITE_FULL exactly as a full drive does."""
    with db.session() as session:
        session.execute(text("CREATE TABLE filler (notes TEXT)"))
    with pytest.raises(DiskFull) as refused, db.session() as session:
        session.execute(text("INSERT INTO filler VALUES ('first')"))
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
        session.execute(text(f"PRAGMA max_page_count={pages}"))
        session.execute(text("INSERT INTO filler VALUES (:notes)"), [{"notes": SECRET * 50}] * 200)
    assert SECRET not in str(refused.value) and "\n" not in str(refused.value)
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM filler")).scalar_one() == 0


def test_sql_parameters_never_reach_an_error_message(db: Database) -> None:
    """``hide_parameters``: a failing statement's values (an arrangement's notes) stay out."""
    with pytest.raises(Exception) as failed, db.session() as session:
        session.execute(text("INSERT INTO no_such_table VALUES (:notes)"), {"notes": SECRET})
    assert SECRET not in str(failed.value)


def test_a_database_locked_by_another_program_is_one_line(db_path: Path, tmp_path: Path, capsys: Capture,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program (not eoffice: no lock file) holds a write transaction; eoffice waits
    its busy timeout (shortened here), then says so in one line, exit 2."""
    from eoffice.db import session as session_module

    open_database(db_path).close()
    monkeypatch.setattr(session_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE held (x)")
    csv = tmp_path / "candidates.csv"
    csv.write_text(f"Candidate Number,Surname,Forenames\n9001,{SECRET},Ann\n", encoding="utf-8")
    try:
        code, _out, err = run(capsys, "import", "candidates", csv, "--db", db_path)
    finally:
        holder.rollback()
        holder.close()
    assert code == 2
    line = one_line(err)
    assert "busy" in line and SECRET not in line


def test_an_unopenable_file_is_one_line(tmp_path: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "check", "--db", tmp_path / "missing" / "centre.sqlite3")
    assert code == 2 and one_line(err)
