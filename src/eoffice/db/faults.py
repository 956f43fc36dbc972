"""SQLite's failures, each turned into one plain line that names the file and what to do.

SQLite reports a fault as a result code; Python's ``sqlite3`` carries it on the
exception (``sqlite_errorcode``), and SQLAlchemy wraps that exception (``.orig``). The
code, not the message text, decides the kind, so a translated or reworded message
still maps the same way. The SQL and its parameters are never part of the line: they
may hold a candidate's access arrangement.

This module imports neither SQLAlchemy nor Qt, so the command line's last-resort
handler can use it without paying for either.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eoffice.errors import (
    CannotOpenDatabase,
    DamagedDatabase,
    DatabaseBusy,
    DatabaseError,
    DiskFull,
    DriveError,
    EofficeError,
    ReadOnlyDatabase,
)

# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

NOTHING_SAVED = "Nothing was saved."
RESTORE = "Restore a backup with `eoffice restore` (File > Restore from a backup… in the window)."


def sqlite_error(error: BaseException) -> sqlite3.Error | None:
    """The ``sqlite3`` error inside ``error`` (itself, SQLAlchemy's ``.orig``, or a cause)."""
    if isinstance(error, EofficeError):
        return None  # already one of ours, already worded
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)
        if isinstance(orig, sqlite3.Error):
            return orig
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return None


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(error).lower()  # errors raised by Python's module itself carry no code
    for words, guess in (("locked", SQLITE_BUSY), ("readonly", SQLITE_READONLY), ("read-only", SQLITE_READONLY),
                         ("disk is full", SQLITE_FULL), ("malformed", SQLITE_CORRUPT),
                         ("not a database", SQLITE_NOTADB), ("unable to open", SQLITE_CANTOPEN),
                         ("disk i/o", SQLITE_IOERR)):
        if words in text:
            return guess
    return None


def database_fault(error: BaseException, path: Path | str) -> DatabaseError | None:
    """The one-line error for a SQLite fault on ``path``; None when ``error`` is not one.

    Unknown SQLite codes (a constraint failure, a programming mistake) are not faults of
    the file and return None, so they are reported as the unexpected errors they are.
    """
    found = sqlite_error(error)
    if found is None:
        return None
    code = primary_code(found)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusy(path, "is busy: another program is writing to it and did not finish within "
                            f"5 seconds. {NOTHING_SAVED} Close the other program (or wait) and try again.")
    if code == SQLITE_FULL:
        return DiskFull(path, f"cannot be written: the disk is full. {NOTHING_SAVED} Free some space and try again.")
    if code == SQLITE_READONLY:
        return ReadOnlyDatabase(path, "cannot be written: the file, its folder or the drive is read-only. "
                                f"{NOTHING_SAVED} Ask IT for write access, or copy it to a folder you can write to.")
    if code == SQLITE_IOERR:
        return DriveError(path, "could not be read or written: the drive reported an input/output error. "
                          f"{NOTHING_SAVED} Check the drive (or network), then run `eoffice check`.")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedDatabase(path, f"is damaged (SQLite found a fault while reading it). {RESTORE}")
    if code == SQLITE_CANTOPEN:
        return CannotOpenDatabase(path, "cannot be opened: its folder is missing or cannot be written to, "
                                  "or the drive is not connected.")
    return None
