"""Consistent copies of a database with SQLite's online backup API, and their rotation.

A copy made this way is consistent even while the database is being written, unlike
copying the file (which may miss what is still in the WAL). A copy counts only once
SQLite's ``integrity_check`` has passed on the copy itself, so a failing disk cannot
rotate good backups away for bad ones: every file named as a backup was whole when made.
Each backup's name ends with the first characters of the audit log's chain head
(``audit.chain_head``), so a printed or remembered head can be matched to its backup.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path

from eoffice import clock, paths
from eoffice.errors import CannotOpenDatabase, DamagedDatabase

KEEP_LATEST = 10
SUFFIX = ".sqlite3"
HEAD_CHARACTERS = 12  # of the audit chain's head, in a backup's name


def copy_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of ``source`` to ``target`` atomically (temp file + rename)."""
    target = Path(target)
    paths.check_output_file(target)
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A copy in WAL mode would need its -wal file beside it; make it one file.
                dst.execute("PRAGMA journal_mode=DELETE")
                findings = "; ".join(str(r[0]) for r in dst.execute("PRAGMA integrity_check(5)"))
            finally:
                dst.close()
        finally:
            src.close()
        if findings != "ok":
            partial.unlink(missing_ok=True)
            raise DamagedDatabase(target, f"was not written: the copy failed SQLite's integrity check ({findings}). "
                                  "Nothing was changed; check the drive and try again.")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise CannotOpenDatabase(target, f"cannot be written ({reason})") from error
    except BaseException:
        with suppress(OSError):  # the folder itself may be what failed
            partial.unlink(missing_ok=True)
        raise
    return target


def backup_to_folder(database: Path, *, now: datetime | None = None) -> Path:
    """Back up into the database's backups folder, then rotate that folder.

    The name carries the UK wall-clock time to the microsecond; should that name be taken
    already (a clock stopped in a test, a clock set back), the next free microsecond is used,
    so a backup never replaces another."""
    folder = paths.backups_dir(database)
    moment = now or clock.now()
    head = chain_head(database)
    tail = f"-{head[:HEAD_CHARACTERS]}" if head else ""
    while (target := folder / f"{Path(database).stem}-{moment:%Y%m%d-%H%M%S-%f}{tail}{SUFFIX}").exists():
        moment += timedelta(microseconds=1)
    target = copy_database(database, target)
    rotate(folder)
    return target


def chain_head(database: Path) -> str | None:
    """The audit log's chain head (``audit.chain_head``), read with plain SQL before any
    engine exists; None for a log that is empty or older than the chain."""
    try:
        conn = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT chain_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None


def keep_wal(database: Path, *, now: datetime | None = None) -> Path:
    """Copy the ``-wal`` an unclean shutdown left, byte for byte, into the backups folder.

    Opening the database replays it, and SQLite's rule drops every frame after a damaged
    one without a word; the copy lets committed work be recovered by hand."""
    folder = paths.backups_dir(database)
    kept = folder / f"{Path(database).stem}-{(now or clock.now()):%Y%m%d-%H%M%S-%f}-unclean{SUFFIX}-wal"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f"{database}-wal", kept)
    except OSError as error:
        raise CannotOpenDatabase(kept, f"cannot be written ({error.strerror or error}); the database was not "
                                 "opened, so its -wal file is untouched") from error
    return kept


# "<stem>-YYYYmmdd-HHMMSS-ffffff[-<chain head>].sqlite3": anything else in the folder (a
# kept damaged file, a -wal copy, a copy someone put there) is not ours to rotate away.
_BACKUP_NAME = re.compile(r"^.+-(\d{8}-\d{6}-\d{6})(?:-[0-9a-f]{" + str(HEAD_CHARACTERS) + "})?"
                          + re.escape(SUFFIX) + "$")


def _stamp(path: Path) -> str:
    match = _BACKUP_NAME.match(path.name)
    assert match is not None
    return match.group(1)


def list_backups(folder: Path) -> list[Path]:
    """Backups oldest first; the timestamp in the name sorts them."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _BACKUP_NAME.match(p.name)]
    return sorted(found, key=_stamp)


def _month(path: Path) -> str:
    return _stamp(path)[:6]


def backups_to_keep(backups: list[Path]) -> set[Path]:
    """The last ``KEEP_LATEST`` plus the newest backup of every month."""
    keep = set(backups[-KEEP_LATEST:])
    newest_per_month: dict[str, Path] = {}
    for backup in backups:
        newest_per_month[_month(backup)] = backup
    keep.update(newest_per_month.values())
    return keep


def rotate(folder: Path) -> list[Path]:
    backups = list_backups(folder)
    keep = backups_to_keep(backups)
    removed = [b for b in backups if b not in keep]
    for backup in removed:
        backup.unlink(missing_ok=True)
    return removed
