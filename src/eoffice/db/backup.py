"""Consistent copies of a database with SQLite's online backup API, and their rotation.

A copy made this way is consistent even while the database is being written, unlike
copying the file (which may miss what is still in the WAL).
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path

from eoffice import clock, paths
from eoffice.errors import CannotOpenDatabase

KEEP_LATEST = 10
SUFFIX = ".sqlite3"


def copy_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of ``source`` to ``target`` atomically (temp file + rename)."""
    target = Path(target)
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
            finally:
                dst.close()
        finally:
            src.close()
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
    while (target := folder / f"{Path(database).stem}-{moment:%Y%m%d-%H%M%S-%f}{SUFFIX}").exists():
        moment += timedelta(microseconds=1)
    target = copy_database(database, target)
    rotate(folder)
    return target


# "<stem>-YYYYmmdd-HHMMSS-ffffff.sqlite3": anything else in the folder (a kept damaged
# file, a copy someone put there) is not ours to rotate away.
_BACKUP_NAME = re.compile(r"^.+-(\d{8})-\d{6}-\d{6}" + re.escape(SUFFIX) + "$")


def list_backups(folder: Path) -> list[Path]:
    """Backups oldest first; the timestamp in the name sorts them."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _BACKUP_NAME.match(p.name)]
    return sorted(found, key=lambda p: p.name[-len("YYYYmmdd-HHMMSS-ffffff" + SUFFIX):])


def _month(path: Path) -> str:
    match = _BACKUP_NAME.match(path.name)
    assert match is not None
    return match.group(1)[:6]


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
