"""Whole-file operations: create, check, back up and restore."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from eoffice import paths
from eoffice.db.maintenance import backup_database, check_database, create_database, restore_database
from eoffice.db.migrations import HEAD, downgrade
from eoffice.db.session import inspect_file, open_database
from eoffice.domain import audit
from eoffice.domain.accounts import people
from eoffice.domain.demo import build_demo
from eoffice.errors import (
    DamagedDatabase,
    DatabaseInUse,
    DatabaseTooNew,
    EofficeError,
    NotAnEofficeDatabase,
)
from tests.conftest import TODAY

PAGE_SIZE = 4096


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def make_demo_file(path: Path) -> None:
    with open_database(path) as db, db.session() as session:
        build_demo(session, today=TODAY)


def make_people_file(path: Path, *names: str) -> None:
    with open_database(path) as db, db.session() as session:
        for name in names:
            people.add_person(session, name, "other")


def names_in(path: Path) -> list[str]:
    with open_database(path, read_only=True) as db, db.session() as session:
        return [p.name for p in people.people(session, "other")]


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[2 * PAGE_SIZE :] = random.Random(3).randbytes(len(data) - 2 * PAGE_SIZE)
    path.write_bytes(bytes(data))


# --- create -------------------------------------------------------------------------------


def test_create_database_makes_a_new_empty_database(db_path: Path) -> None:
    with create_database(db_path) as db, db.session() as session:
        assert audit.count(session) == 0
        assert db.revision == HEAD
    assert inspect_file(db_path).revision == HEAD


def test_create_database_refuses_an_existing_file(db_path: Path) -> None:
    make_people_file(db_path, "Ann")
    before = snapshot(db_path)
    with pytest.raises(EofficeError, match="already exists"):
        create_database(db_path)
    assert snapshot(db_path) == before

    text_file = db_path.with_name("notes.sqlite3")
    text_file.write_text("notes")
    with pytest.raises(EofficeError, match="already exists"):
        create_database(text_file)
    assert text_file.read_text() == "notes"


# --- check --------------------------------------------------------------------------------


def test_check_reports_integrity_schema_and_counts(db_path: Path) -> None:
    make_demo_file(db_path)
    report = check_database(db_path)
    assert report.ok
    assert report.integrity == "ok"
    assert report.schema_version == HEAD
    assert report.schema_current
    assert report.path == db_path
    assert {"academic_year", "audit_entry", "centre", "person", "series", "setting"} <= set(report.counts)
    assert "alembic_version" not in report.counts
    assert report.counts["centre"] == 1
    assert report.counts["academic_year"] == 3
    assert report.counts["series"] == 9
    assert report.counts["setting"] == 2  # the database's own id (for calendar UIDs) and the demo's sign-in marker
    # exams officer, line manager, SENCo, assistant, finance and 16 heads of department
    assert report.counts["person"] == 21
    with open_database(db_path, read_only=True) as db, db.session() as session:
        assert report.counts["audit_entry"] == audit.count(session)


def test_check_is_read_only_and_works_while_the_database_is_open(db_path: Path) -> None:
    make_people_file(db_path, "Ann", "Bob")
    with open_database(db_path) as db:
        before = snapshot(db_path)
        backups_before = sorted(paths.backups_dir(db_path).iterdir())
        report = check_database(db_path)
        assert report.counts["person"] == 2
        assert snapshot(db_path) == before
        assert sorted(paths.backups_dir(db_path).iterdir()) == backups_before
        assert not db.read_only


def test_check_reports_an_older_schema(db_path: Path) -> None:
    with open_database(db_path) as db, db.engine.connect() as conn:
        downgrade(conn, "base")
        conn.commit()
    report = check_database(db_path)
    assert report.schema_version == "none"
    assert not report.schema_current
    assert report.counts == {}


def test_check_refuses_missing_and_foreign_files(db_path: Path) -> None:
    with pytest.raises(NotAnEofficeDatabase, match="does not exist"):
        check_database(db_path)
    db_path.write_text("hello")
    with pytest.raises(NotAnEofficeDatabase):
        check_database(db_path)


def test_check_refuses_a_damaged_database(db_path: Path) -> None:
    make_demo_file(db_path)
    damage(db_path)
    with pytest.raises(DamagedDatabase):
        check_database(db_path)


# --- backup -------------------------------------------------------------------------------


def test_backup_database_writes_a_copy_even_while_open(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Ann", "Bob")
    out = tmp_path / "out" / "copy.sqlite3"
    with open_database(db_path):
        assert backup_database(db_path, out) == out
    assert inspect_file(out).revision == HEAD
    assert names_in(out) == ["Ann", "Bob"]


def test_backup_database_refuses_an_existing_out_and_the_database_itself(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Ann")
    out = tmp_path / "existing.sqlite3"
    out.write_text("precious")
    with pytest.raises(EofficeError, match="already exists"):
        backup_database(db_path, out)
    assert out.read_text() == "precious"

    before = snapshot(db_path)
    with pytest.raises(EofficeError):
        backup_database(db_path, db_path)
    assert snapshot(db_path) == before


def test_backup_database_refuses_a_missing_or_foreign_database(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.sqlite3"
    with pytest.raises(NotAnEofficeDatabase):
        backup_database(db_path, out)
    db_path.write_text("hello")
    with pytest.raises(NotAnEofficeDatabase):
        backup_database(db_path, out)
    assert not out.exists()


# --- restore ------------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_a_safety_copy(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Before")
    saved = backup_database(db_path, tmp_path / "saved.sqlite3")
    with open_database(db_path) as db, db.session() as session:
        people.add_person(session, "After", "other")

    safety = restore_database(db_path, saved)

    assert names_in(db_path) == ["Before"]
    assert safety is not None
    assert safety.parent == paths.backups_dir(db_path)
    assert names_in(safety) == ["After", "Before"]
    with open_database(db_path) as db:  # the lock was released and the file opens for writing
        assert not db.read_only
        assert db.revision == HEAD


def test_restore_into_a_new_path_needs_no_safety_copy(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    make_people_file(source, "Ann")
    target = tmp_path / "target.sqlite3"
    assert restore_database(target, source) is None
    assert names_in(target) == ["Ann"]


def test_restore_refuses_a_source_that_is_not_ours(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Ann")
    before = snapshot(db_path)
    source = tmp_path / "notes.sqlite3"
    source.write_text("not a database")
    with pytest.raises(NotAnEofficeDatabase):
        restore_database(db_path, source)
    with pytest.raises(NotAnEofficeDatabase, match="does not exist"):
        restore_database(db_path, tmp_path / "missing.sqlite3")
    assert snapshot(db_path) == before
    assert not paths.backups_dir(db_path).exists()


def test_restore_refuses_a_source_without_a_schema(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Ann")
    source = tmp_path / "empty.sqlite3"
    with open_database(source) as db, db.engine.connect() as conn:
        downgrade(conn, "base")
        conn.commit()
    with pytest.raises(NotAnEofficeDatabase, match="not a complete"):
        restore_database(db_path, source)
    assert names_in(db_path) == ["Ann"]


def test_restore_refuses_a_source_from_a_newer_eoffice(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Ann")
    source = tmp_path / "newer.sqlite3"
    make_people_file(source, "Future")
    conn = sqlite3.connect(source)
    try:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(DatabaseTooNew):
        restore_database(db_path, source)
    assert names_in(db_path) == ["Ann"]


def test_restore_refuses_the_database_itself(db_path: Path) -> None:
    make_people_file(db_path, "Ann")
    before = snapshot(db_path)
    with pytest.raises(EofficeError, match="database itself"):
        restore_database(db_path, db_path)
    assert snapshot(db_path) == before


def test_restore_refuses_while_another_eoffice_writes(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Before")
    saved = backup_database(db_path, tmp_path / "saved.sqlite3")
    with open_database(db_path) as db:
        with db.session() as session:
            people.add_person(session, "After", "other")
        backups_before = sorted(paths.backups_dir(db_path).iterdir())
        with pytest.raises(DatabaseInUse):
            restore_database(db_path, saved)
        assert sorted(paths.backups_dir(db_path).iterdir()) == backups_before
        with db.session() as session:
            assert [p.name for p in people.people(session)] == ["After", "Before"]


def test_restore_over_a_damaged_database_keeps_the_damaged_file(db_path: Path, tmp_path: Path) -> None:
    make_people_file(db_path, "Good")
    saved = backup_database(db_path, tmp_path / "saved.sqlite3")
    with open_database(db_path) as db, db.session() as session:
        build_demo(session, today=TODAY)  # enough pages to damage beyond the header
    damage(db_path)
    damaged_bytes = db_path.read_bytes()

    kept = restore_database(db_path, saved)

    assert kept is not None
    assert kept.parent == paths.backups_dir(db_path)
    assert "replaced" in kept.name  # moved aside as it was, never parsed
    assert kept.read_bytes() == damaged_bytes
    assert names_in(db_path) == ["Good"]
    assert check_database(db_path).ok
