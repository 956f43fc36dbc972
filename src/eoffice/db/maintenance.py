"""Whole-file operations: create, check, back up and restore a database.

The command line and the File menu both call these, so a backup made either way is
the same backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from eoffice import clock, paths
from eoffice.db import backup as backups
from eoffice.db.lock import WriterLock
from eoffice.db.migrations import HEAD
from eoffice.db.session import Database, inspect_file, is_new, open_database, read_only_connection, write_refusal
from eoffice.errors import DatabaseInUse, EofficeError, NotAnEofficeDatabase, ReadOnlyDatabase


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
    conn = read_only_connection(path, immutable=facts.immutable)
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
    if os.path.lexists(out):
        raise EofficeError(f"{out}: already exists; choose a new file name for the backup (nothing was written)")
    return backups.copy_database(path, out)


def restore_database(path: Path, source: Path) -> Path | None:
    """Put a backup back in place of ``path``; returns where the file it replaced was moved.

    The backup is checked in full first. The current file is never opened: whatever its
    state (damaged beyond reading, not a database at all, with or without a -wal), it
    and its journal files are moved aside byte for byte, so a restore is always possible
    and always undoable. The backup is then copied in through SQLite's backup API
    (verified, then renamed into place), and put back in WAL mode.
    """
    source = Path(source)
    if is_new(source):
        raise NotAnEofficeDatabase(source, "does not exist")
    facts = inspect_file(source, full=True)
    if facts.revision is None:
        raise NotAnEofficeDatabase(source, "is not a complete eoffice database")
    if path.exists() and os.path.samefile(source, path):  # by any name: a link, a relative path
        raise EofficeError(f"{source}: is the database itself; choose a backup file")
    refusal = write_refusal(path)
    if refusal is not None:
        raise ReadOnlyDatabase(path, f"cannot be replaced because {refusal}. Nothing was changed.")
    lock = WriterLock(path)
    owner = lock.try_acquire()
    if owner is not None:
        raise DatabaseInUse(path, f"is open in another eoffice: {owner.describe()}. Close it there first.")
    try:
        moved = None if is_new(path) else _move_aside(path)
        for tail in ("-wal", "-shm", "-journal"):
            Path(f"{path}{tail}").unlink(missing_ok=True)  # an empty file's leftovers, never a real one's
        backups.copy_database(source, path)
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        return moved
    finally:
        lock.release()


def _move_aside(path: Path) -> Path:
    """Move the current file and its -wal, -shm and -journal into the backups folder, as
    they are, under one name; never parsed, so any state can be moved."""
    folder = paths.backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
    kept = folder / f"{path.stem}-replaced-{stamp}{path.suffix or '.sqlite3'}"
    for tail in ("-wal", "-shm", "-journal"):
        extra = Path(f"{path}{tail}")
        if extra.exists():
            shutil.move(extra, f"{kept}{tail}")
    shutil.move(path, kept)
    return kept
