"""Whole-file operations: create, check, back up and restore a database.

The command line and the File menu both call these, so a backup made either way is
the same backup.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from eoffice import clock, paths
from eoffice.db import backup as backups
from eoffice.db.lock import WriterLock
from eoffice.db.migrations import HEAD
from eoffice.db.session import Database, inspect_file, is_new, open_database
from eoffice.errors import DamagedDatabase, DatabaseInUse, EofficeError, NotAnEofficeDatabase


@dataclass(frozen=True)
class CheckReport:
    path: Path
    integrity: str
    schema_version: str
    schema_current: bool
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return self.integrity == "ok"


def create_database(path: Path) -> Database:
    """A new, empty database; an existing file is refused and left alone."""
    if not is_new(path):
        raise EofficeError(f"{path}: already exists; choose a new file name (nothing was changed)")
    return open_database(path, create=True)


def check_database(path: Path) -> CheckReport:
    """Full integrity check and row counts, read-only: safe while eoffice has the file open."""
    if is_new(path):
        raise NotAnEofficeDatabase(path, "does not exist")
    facts = inspect_file(path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check(20)").fetchall())
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()
    version = facts.revision or "none"
    return CheckReport(path, integrity, version, version == HEAD, counts)


def backup_database(path: Path, out: Path) -> Path:
    """A consistent copy of a database, even while eoffice is writing to it."""
    if is_new(path):
        raise NotAnEofficeDatabase(path, "does not exist")
    inspect_file(path)
    out = Path(out)
    if out.resolve() == path.resolve():
        raise EofficeError(f"{out}: is the database itself; choose another file for the backup")
    if out.exists():
        raise EofficeError(f"{out}: already exists; choose a new file name for the backup (nothing was written)")
    return backups.copy_database(path, out)


def restore_database(path: Path, source: Path) -> Path | None:
    """Put a backup back in place of ``path``; returns the safety copy of what was there.

    The backup is checked first; the current file is backed up before it is replaced;
    the copy goes through SQLite's backup API into the live file, so its WAL stays
    consistent.
    """
    source = Path(source)
    if is_new(source):
        raise NotAnEofficeDatabase(source, "does not exist")
    facts = inspect_file(source)
    if facts.revision is None:
        raise NotAnEofficeDatabase(source, "is not a complete eoffice database")
    if source.resolve() == path.resolve():
        raise EofficeError(f"{source}: is the database itself; choose a backup file")
    damaged = False
    if not is_new(path):
        try:
            inspect_file(path)
        except DamagedDatabase:
            damaged = True  # a damaged database is exactly what a restore is for
    lock = WriterLock(path)
    owner = lock.try_acquire()
    if owner is not None:
        raise DatabaseInUse(path, f"is open in another eoffice: {owner.describe()}. Close it there first.")
    try:
        if is_new(path):
            safety = None
        elif damaged:
            safety = _keep_damaged_copy(path)
        else:
            safety = backups.backup_to_folder(path)
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(path)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=WAL")
            finally:
                dst.close()
        finally:
            src.close()
        return safety
    finally:
        lock.release()


def _keep_damaged_copy(path: Path) -> Path:
    """Move a damaged file (and its journal files) aside, byte for byte, before replacing it."""
    folder = paths.backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{path.stem}-damaged-{stamp}{path.suffix or '.sqlite3'}"
    shutil.copy2(path, kept)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    path.unlink()
    return kept
