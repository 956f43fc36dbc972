"""Consistent copies with SQLite's backup API, and rotation of the backups folder."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from eoffice import paths
from eoffice.db.backup import KEEP_LATEST, backup_to_folder, backups_to_keep, copy_database, list_backups, rotate
from eoffice.db.session import Database, inspect_file
from eoffice.domain.accounts import people


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def stamp_name(stem: str, when: datetime) -> str:
    return f"{stem}-{when.strftime('%Y%m%d-%H%M%S-%f')}.sqlite3"


def make_named(folder: Path, stem: str, moments: list[datetime]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for when in moments:
        path = folder / stamp_name(stem, when)
        path.touch()
        made.append(path)
    return made


# --- copy_database ----------------------------------------------------------------------


def test_copy_is_consistent_single_file_while_the_source_is_open(db: Database, db_path: Path, tmp_path: Path) -> None:
    with db.session() as session:
        people.add_person(session, "Zoë Brontë", "senco")
        people.add_person(session, "Priya Shah", "exams_officer")
    assert Path(str(db_path) + "-wal").stat().st_size > 0  # the rows are still in the WAL

    target = tmp_path / "copies" / "copy.sqlite3"
    assert copy_database(db_path, target) == target

    assert rows(target, "SELECT name FROM person ORDER BY name") == [("Priya Shah",), ("Zoë Brontë",)]
    assert rows(target, "PRAGMA journal_mode") == [("delete",)]
    assert not Path(str(target) + "-wal").exists()
    assert not target.with_name(target.name + ".partial").exists()
    assert inspect_file(target).revision == db.revision  # still marked as ours


def test_copy_leaves_out_an_uncommitted_transaction(db: Database, db_path: Path, tmp_path: Path) -> None:
    with db.session() as session:
        people.add_person(session, "Committed", "other")
    with db.sessions() as session:
        people.add_person(session, "Not Committed", "other")  # flushed, never committed
        target = copy_database(db_path, tmp_path / "copy.sqlite3")
        session.rollback()
    assert rows(target, "SELECT name FROM person") == [("Committed",)]


def test_copy_replaces_an_existing_target(db: Database, db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    target.write_text("old")
    copy_database(db_path, target)
    assert inspect_file(target).revision == db.revision


# --- backup_to_folder and rotation ---------------------------------------------------


def test_backup_to_folder_names_the_copy_by_time(db: Database, db_path: Path) -> None:
    when = datetime(2026, 11, 23, 9, 5, 7, 123456)
    made = backup_to_folder(db_path, now=when)
    assert made.parent == paths.backups_dir(db_path)
    assert made.name == "centre-20261123-090507-123456.sqlite3"
    assert inspect_file(made).revision == db.revision


def test_rotation_keeps_the_last_ten_and_the_newest_of_each_month(db: Database, db_path: Path) -> None:
    moments = [datetime(2026, month, day, 12) for month in (1, 2, 3, 4) for day in (3, 10, 17)]
    moments += [datetime(2026, 5, day, 8) for day in range(1, 13)]
    for when in moments:
        backup_to_folder(db_path, now=when)

    kept = {p.name for p in list_backups(paths.backups_dir(db_path))}
    expected = {stamp_name("centre", m) for m in moments[-KEEP_LATEST:]}
    expected |= {stamp_name("centre", datetime(2026, month, 17, 12)) for month in (1, 2, 3, 4)}
    assert KEEP_LATEST == 10
    assert kept == expected
    assert len(kept) == 14


def test_backups_to_keep_keeps_everything_when_there_are_few(tmp_path: Path) -> None:
    made = make_named(tmp_path, "centre", [datetime(2026, 11, d) for d in range(1, KEEP_LATEST + 1)])
    assert backups_to_keep(made) == set(made)
    assert backups_to_keep([]) == set()


def test_same_month_of_different_years_are_different_months(tmp_path: Path) -> None:
    old = [datetime(2024, 12, 1), datetime(2024, 12, 20), datetime(2025, 12, 1), datetime(2025, 12, 20)]
    recent = [datetime(2026, 6, d) for d in range(1, KEEP_LATEST + 1)]
    made = make_named(tmp_path, "centre", old + recent)
    removed = rotate(tmp_path)
    assert sorted(p.name for p in removed) == [stamp_name("centre", datetime(2024, 12, 1)), stamp_name("centre", datetime(2025, 12, 1))]
    assert sorted(list_backups(tmp_path)) == sorted(p for p in made if p not in removed)


def test_list_backups_is_oldest_first_and_ignores_other_files(tmp_path: Path) -> None:
    assert list_backups(tmp_path / "missing") == []
    made = make_named(tmp_path, "centre", [datetime(2026, 3, 1), datetime(2025, 9, 1), datetime(2026, 1, 1)])
    (tmp_path / "notes.txt").write_text("keep me")
    (tmp_path / "centre-20260101-000000-000000.sqlite3.partial").write_text("half")
    assert list_backups(tmp_path) == sorted(made)
    assert [p.name[7:15] for p in list_backups(tmp_path)] == ["20250901", "20260101", "20260301"]


def test_rotate_leaves_files_that_are_not_backups_alone(tmp_path: Path) -> None:
    make_named(tmp_path, "centre", [datetime(2026, 11, d) for d in range(1, 16)])
    (tmp_path / "notes.txt").write_text("keep me")
    removed = rotate(tmp_path)
    # 15 in one month: the last 10 (which include the month's newest) stay
    assert sorted(p.name[7:15] for p in removed) == [f"202611{d:02d}" for d in range(1, 6)]
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    assert len(list_backups(tmp_path)) == KEEP_LATEST


def test_a_stray_file_in_the_backups_folder_does_not_break_rotation(tmp_path: Path) -> None:
    make_named(tmp_path, "centre", [datetime(2026, 11, d) for d in range(1, 13)])
    (tmp_path / "copy.sqlite3").write_text("someone put this here")
    removed = rotate(tmp_path)
    assert len(removed) == 2
    assert (tmp_path / "copy.sqlite3").exists()


def test_a_kept_damaged_copy_does_not_displace_the_last_ten(tmp_path: Path) -> None:
    made = make_named(tmp_path, "centre", [datetime(2026, 11, d, 12) for d in range(1, 13)])
    (tmp_path / "centre-damaged-20261105-120000.sqlite3").write_text("damaged")
    rotate(tmp_path)
    for newest in made[-KEEP_LATEST:]:
        assert newest.exists(), newest.name
    assert list_backups(tmp_path)[-1] == made[-1]
