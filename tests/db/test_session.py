"""open_database: refuse what is not ours without touching it, lock, back up, migrate."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice import paths
from eoffice.db.lock import lock_path
from eoffice.db.migrations import HEAD, downgrade
from eoffice.db.models import Person, Setting
from eoffice.db.session import APPLICATION_ID, Database, inspect_file, open_database
from eoffice.domain import audit
from eoffice.domain.accounts import people
from eoffice.domain.demo import build_demo
from eoffice.errors import (
    CannotOpenDatabase,
    DamagedDatabase,
    DatabaseInUse,
    DatabaseTooNew,
    NotAnEofficeDatabase,
    ReadOnlyDatabase,
)
from tests.conftest import TODAY

PAGE_SIZE = 4096


# --- helpers -------------------------------------------------------------------------


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def make_demo_file(path: Path) -> None:
    with open_database(path) as db, db.session() as session:
        build_demo(session, today=TODAY)


def damage(path: Path) -> None:
    """Overwrite page 3 onwards with garbage, keeping the header page intact."""
    data = bytearray(path.read_bytes())
    assert len(data) > 3 * PAGE_SIZE, "the demo database should span several pages"
    rng = random.Random(1)
    data[2 * PAGE_SIZE :] = rng.randbytes(len(data) - 2 * PAGE_SIZE)
    path.write_bytes(bytes(data))


def pragma(db: Database, name: str) -> object:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def names(db: Database) -> list[str]:
    with db.session() as session:
        return [p.name for p in people.people(session)]


# --- a new database ---------------------------------------------------------------------


def test_new_file_is_marked_as_ours_and_uses_wal(db: Database, db_path: Path) -> None:
    assert db_path.is_file()
    assert pragma(db, "application_id") == APPLICATION_ID == 0x454F4646
    assert pragma(db, "journal_mode") == "wal"
    assert db.revision == HEAD
    assert not db.read_only
    assert db.backup_path is None  # nothing to back up yet
    assert db.lock is not None and db.lock.held
    assert inspect_file(db_path).revision == HEAD


def test_every_connection_has_our_pragmas(db: Database) -> None:
    with db.engine.connect() as first, db.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_read_only_connections_have_our_pragmas_too(db_path: Path) -> None:
    open_database(db_path).close()
    with open_database(db_path, read_only=True) as db:
        assert db.read_only
        assert pragma(db, "foreign_keys") == 1
        assert pragma(db, "synchronous") == 2


def test_empty_file_is_treated_as_new(db_path: Path) -> None:
    db_path.touch()
    with open_database(db_path) as db:
        assert pragma(db, "application_id") == APPLICATION_ID
        assert db.backup_path is None


def test_missing_file_is_not_created_when_asked_not_to(db_path: Path) -> None:
    with pytest.raises(NotAnEofficeDatabase, match="does not exist"):
        open_database(db_path, create=False)
    with pytest.raises(NotAnEofficeDatabase, match="does not exist"):
        open_database(db_path, read_only=True)
    assert not db_path.exists()
    assert not lock_path(db_path).exists()


def test_new_database_in_a_new_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "not-yet" / "deeper" / "centre.sqlite3"
    with open_database(path) as db:
        assert pragma(db, "application_id") == APPLICATION_ID
    assert path.is_file()


def test_database_whose_folder_cannot_exist_is_refused_plainly(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(CannotOpenDatabase, match="cannot be opened for writing"):
        open_database(blocker / "centre.sqlite3")
    assert blocker.read_text() == "not a folder"


# --- refusing files that are not ours -----------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("candidate,entry\n0042,Maths\n", encoding="utf-8")


def _random_file(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(3 * PAGE_SIZE))


def _plain_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("make", [_text_file, _random_file, _plain_sqlite], ids=["text", "random", "sqlite"])
def test_foreign_files_are_refused_and_left_alone(make, db_path: Path, eoffice_home: Path) -> None:
    make(db_path)
    before = snapshot(db_path)
    with pytest.raises(NotAnEofficeDatabase) as caught:
        open_database(db_path)
    assert str(db_path) in str(caught.value)
    assert snapshot(db_path) == before
    assert not paths.backups_dir(db_path).exists()
    assert not lock_path(db_path).exists()


def test_plain_sqlite_message_says_it_is_not_ours(db_path: Path) -> None:
    _plain_sqlite(db_path)
    with pytest.raises(NotAnEofficeDatabase, match="not one made by eoffice"):
        open_database(db_path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "centre.sqlite3"
    folder.mkdir()
    (folder / "inside.txt").write_text("x")
    with pytest.raises(NotAnEofficeDatabase, match="folder"):
        open_database(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["inside.txt"]
    assert not paths.backups_dir(folder).exists()


def test_damaged_database_is_refused_and_left_alone(db_path: Path) -> None:
    make_demo_file(db_path)
    damage(db_path)
    before = snapshot(db_path)
    with pytest.raises(DamagedDatabase, match="damaged") as refused:
        open_database(db_path)
    assert "\n" not in str(refused.value) and "Restore a backup with `eoffice restore`" in str(refused.value)  # one plain line
    assert snapshot(db_path) == before
    assert not paths.backups_dir(db_path).exists()


def test_a_copied_backup_is_put_back_in_wal_when_opened_for_writing(db_path: Path, tmp_path: Path) -> None:
    """Backups are one-file copies (DELETE journal); the working database must be WAL again."""
    make_demo_file(db_path)
    copy = tmp_path / "copy.sqlite3"
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(f"VACUUM INTO '{copy}'")
    finally:
        conn.close()
    assert _journal_mode(copy) == "delete"
    open_database(copy, read_only=True).close()
    assert _journal_mode(copy) == "delete"  # a reader never changes the file
    open_database(copy).close()
    assert _journal_mode(copy) == "wal"


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_database_from_a_newer_eoffice_is_refused_and_left_alone(db_path: Path) -> None:
    make_demo_file(db_path)
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    finally:
        conn.close()
    before = snapshot(db_path)

    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db_path)

    message = str(caught.value)
    assert "newer" in message
    assert "9999" in message
    assert snapshot(db_path) == before
    assert not paths.backups_dir(db_path).exists()


# --- one writer -------------------------------------------------------------------------


def test_second_writer_is_refused_while_the_first_is_open(db_path: Path) -> None:
    with open_database(db_path) as first:
        backups = paths.backups_dir(db_path)
        with pytest.raises(DatabaseInUse) as caught:
            open_database(db_path)
        assert f"process {os.getpid()}" in str(caught.value)
        assert not backups.exists()  # the refused open made no backup
        assert not first.read_only


def test_second_open_falls_back_to_read_only(db_path: Path) -> None:
    with open_database(db_path) as first:
        with first.session() as session:
            people.add_person(session, "Ann Jones", "other")
        second = open_database(db_path, fall_back_to_read_only=True)
        try:
            assert second.read_only
            assert second.lock is None
            assert second.held_by is not None and second.held_by.pid == os.getpid()
            assert names(second) == ["Ann Jones"]  # reading works

            with pytest.raises(ReadOnlyDatabase, match="read-only"), second.session() as session:
                session.add(Setting(key="backups.keep_latest", value="3"))
            with pytest.raises(ReadOnlyDatabase), second.session() as session:
                people.add_person(session, "Bob Smith", "other")  # flushes inside the block
        finally:
            second.close()

        assert names(first) == ["Ann Jones"]
        with first.session() as session:
            assert session.get(Setting, "backups.keep_latest") is None

    with open_database(db_path) as third:
        assert not third.read_only
        with third.session() as session:
            people.add_person(session, "Cara Evans", "other")
        assert names(third) == ["Ann Jones", "Cara Evans"]


def test_lock_is_released_on_close(db_path: Path) -> None:
    db = open_database(db_path)
    db.close()
    db.close()  # closing twice is harmless
    with open_database(db_path) as again:
        assert again.lock is not None and again.lock.held


def test_read_only_open_that_needs_an_upgrade_is_refused(db_path: Path) -> None:
    with open_database(db_path) as db, db.engine.connect() as conn:
        downgrade(conn, "base")
        conn.commit()
    before = snapshot(db_path)
    with pytest.raises(ReadOnlyDatabase, match="needs upgrading"):
        open_database(db_path, read_only=True)
    assert snapshot(db_path) == before


def test_older_database_is_backed_up_then_upgraded(db_path: Path) -> None:
    with open_database(db_path) as db, db.engine.connect() as conn:
        downgrade(conn, "base")
        conn.commit()
    assert inspect_file(db_path).revision is None

    with open_database(db_path) as db:
        assert db.backup_path is not None
        assert inspect_file(db.backup_path).revision is None  # the copy is from before the upgrade
        with db.session() as session:
            assert audit.count(session) == 0
    assert inspect_file(db_path).revision == HEAD


# --- backup on open ---------------------------------------------------------------------


def test_existing_database_is_backed_up_before_it_is_opened_for_writing(db_path: Path) -> None:
    make_demo_file(db_path)
    with open_database(db_path) as db:
        assert db.backup_path is not None
        assert db.backup_path.parent == paths.backups_dir(db_path)
        assert inspect_file(db.backup_path).revision == HEAD
        with db.session() as session:
            expected = sorted(session.scalars(select(Person.name)))
    with open_database(db.backup_path, read_only=True) as copy, copy.session() as session:
        assert sorted(session.scalars(select(Person.name))) == expected
        assert len(expected) > 3


def test_no_backup_when_asked_or_when_read_only(db_path: Path) -> None:
    open_database(db_path).close()
    with open_database(db_path, backup=False) as db:
        assert db.backup_path is None
    with open_database(db_path, read_only=True) as db:
        assert db.backup_path is None
    assert not paths.backups_dir(db_path).exists()


# --- sessions ---------------------------------------------------------------------------


def test_session_commits_on_success_and_rolls_back_on_error(db: Database) -> None:
    with db.session() as session:
        people.add_person(session, "Kept Person", "other")
    with pytest.raises(RuntimeError), db.session() as session:
        people.add_person(session, "Lost Person", "other")
        raise RuntimeError("stop")
    assert names(db) == ["Kept Person"]


def test_read_only_open_works_in_a_folder_whose_name_has_a_hash(tmp_path: Path) -> None:
    path = tmp_path / "Exams #1" / "centre.sqlite3"
    path.parent.mkdir()
    open_database(path).close()
    with open_database(path, read_only=True) as db, db.session() as session:
        assert audit.count(session) == 0
    assert not (tmp_path / "Exams ").exists()  # no stray database beside the folder
