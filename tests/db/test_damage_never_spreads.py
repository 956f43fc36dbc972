"""Issue 14, item 4: a damaged file is never written to, backups are whole, restore always works.

Each case is one the fault trial reproduced from the shell: an index page with one flipped
bit (``quick_check`` reads no index, so the old opening missed it), a flipped byte in a
table's name in ``sqlite_master``, a dropped ``alembic_version`` table and a ``-wal`` left
by a crash.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from eoffice import paths
from eoffice.db.backup import copy_database, list_backups
from eoffice.db.maintenance import check_database, restore_database
from eoffice.db.session import inspect_file, open_database
from eoffice.errors import DamagedDatabase, NotAnEofficeDatabase
from tests.cli.cli_helpers import Capture, one_line, run
from tests.conftest import child_python


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


def flip_index_bit(path: Path, index: str = "sqlite_autoindex_assignment_1") -> None:
    """One bit of the last byte of an index's root page: a key no longer matches its row.

    SQLite's ``quick_check`` passes such a file; only ``integrity_check`` compares indexes."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[root * page_size - 1] ^= 0x01
    path.write_bytes(bytes(data))


def quick_and_full(path: Path) -> tuple[str, str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (conn.execute("PRAGMA quick_check").fetchone()[0], conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def damaged_index(demo_db_file: Path) -> Path:
    flip_index_bit(demo_db_file)
    quick, full = quick_and_full(demo_db_file)
    assert quick == "ok" and full != "ok", "the case must be one quick_check misses"
    return demo_db_file


@pytest.fixture
def demo_db_file(db_path: Path, demo_template: Path) -> Path:
    copy_database(demo_template, db_path)
    return db_path


def test_a_write_open_refuses_a_damaged_index_and_writes_nothing(damaged_index: Path) -> None:
    before = snapshot(damaged_index)
    with pytest.raises(DamagedDatabase, match="missing from index") as refused:
        open_database(damaged_index)
    assert "eoffice restore" in str(refused.value) and "\n" not in str(refused.value)
    assert snapshot(damaged_index) == before
    assert list_backups(paths.backups_dir(damaged_index)) == []  # no damaged copy rotates a good one away


def test_an_import_into_a_damaged_database_is_refused(damaged_index: Path, tmp_path: Path, capsys: Capture) -> None:
    csv = tmp_path / "candidates.csv"
    csv.write_text("Candidate Number,Surname,Forenames\n9001,Smith,Ann\n", encoding="utf-8")
    before = snapshot(damaged_index)
    code, _out, err = run(capsys, "import", "candidates", csv, "--db", damaged_index)
    assert code == 2
    assert "is damaged" in one_line(err)
    assert snapshot(damaged_index) == before


def test_the_window_opens_a_damaged_database_read_only_and_says_why(damaged_index: Path) -> None:
    with open_database(damaged_index, fall_back_to_read_only=True) as db:
        assert db.read_only and db.lock is None and db.held_by is None
        assert db.read_only_reason is not None
        assert "damaged" in db.read_only_reason and "restore a backup" in db.read_only_reason
        assert db.backup_path is None


def test_check_reports_the_index_damage(damaged_index: Path) -> None:
    report = check_database(damaged_index)
    assert not report.ok and "missing from index" in report.integrity


def test_a_flipped_byte_in_a_table_name_is_one_line_for_check_and_restore_still_works(
        demo_db_file: Path, tmp_path: Path, capsys: Capture) -> None:
    good = tmp_path / "good.sqlite3"
    copy_database(demo_db_file, good)
    data = bytearray(demo_db_file.read_bytes())
    at = data.find(b"tablecandidatecandidate")
    assert at > 0
    data[at + len("table")] = 0xFF  # not UTF-8: SQLite's own message then cannot be decoded
    demo_db_file.write_bytes(bytes(data))
    damaged = demo_db_file.read_bytes()

    code, _out, err = run(capsys, "check", "--db", demo_db_file)
    assert code == 2 and "damaged" in one_line(err)

    code, out, err = run(capsys, "restore", "--db", demo_db_file, "--from", good)
    assert code == 0, err
    moved = Path(out.splitlines()[0].rsplit(" ", 1)[1])
    assert moved.read_bytes() == damaged  # moved aside byte for byte, never parsed
    assert inspect_file(demo_db_file, full=True).whole


def test_restore_puts_back_a_file_that_is_not_a_database_at_all(db_path: Path, demo_template: Path) -> None:
    db_path.write_bytes(b"\x00garbage" * 500)
    Path(f"{db_path}-wal").write_bytes(b"half a journal")
    moved = restore_database(db_path, demo_template)
    assert moved is not None and moved.read_bytes() == b"\x00garbage" * 500
    assert Path(f"{moved}-wal").read_bytes() == b"half a journal"
    assert inspect_file(db_path, full=True).revision is not None


def test_a_file_without_its_version_table_is_refused_unchanged(demo_db_file: Path) -> None:
    conn = sqlite3.connect(demo_db_file)
    conn.execute("DROP TABLE alembic_version")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = snapshot(demo_db_file)
    with pytest.raises(NotAnEofficeDatabase, match="no version table"):
        open_database(demo_db_file)
    assert snapshot(demo_db_file) == before


def test_a_backup_whose_copy_fails_its_check_does_not_count(damaged_index: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(DamagedDatabase, match="integrity check"):
        copy_database(damaged_index, target)
    assert not target.exists() and not list(tmp_path.glob("*.partial"))


def test_a_wal_left_by_a_crash_is_kept_before_the_first_write_open(demo_db_file: Path) -> None:
    """A child writes in WAL mode and dies without closing: its -wal holds committed work."""
    crash = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1])\n"
        "conn.execute('PRAGMA journal_mode=WAL')\n"
        "conn.execute('PRAGMA wal_autocheckpoint=0')\n"
        "conn.execute(\"UPDATE person SET name = name || ' (crash)'\")\n"
        "conn.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run(child_python("-c", crash, str(demo_db_file)), check=True, timeout=60)
    wal = Path(f"{demo_db_file}-wal")
    assert wal.stat().st_size > 0
    left = wal.read_bytes()
    with open_database(demo_db_file) as db:
        assert db.kept_wal is not None
        assert db.kept_wal.parent == paths.backups_dir(demo_db_file)
        assert db.kept_wal.read_bytes() == left
    assert db.kept_wal not in list_backups(db.kept_wal.parent)  # never rotated away


def test_a_clean_close_leaves_no_wal_to_keep(demo_db_file: Path) -> None:
    with open_database(demo_db_file) as db:
        assert db.kept_wal is None
    with open_database(demo_db_file) as db:
        assert db.kept_wal is None


def test_every_backup_name_carries_the_audit_chain_head_when_there_is_one(demo_db_file: Path) -> None:
    with open_database(demo_db_file) as db:
        assert db.backup_path is not None
    conn = sqlite3.connect(demo_db_file)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(audit_entry)")}
        head = (conn.execute("SELECT chain_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
                if "chain_hash" in columns else None)
    finally:
        conn.close()
    if head is None or head[0] is None:
        pytest.skip("this schema has no audit chain yet")
    assert db.backup_path.stem.endswith(head[0][:12])


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_restore_onto_a_read_only_file_is_one_line(db_path: Path, demo_template: Path, capsys: Capture,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    copy_database(demo_template, db_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == db_path and mode == os.W_OK
                        else real_access(p, mode, **kw))
    before = snapshot(db_path)
    code, _out, err = run(capsys, "restore", "--db", db_path, "--from", demo_template)
    assert code == 2 and "read-only" in one_line(err)
    assert snapshot(db_path) == before
