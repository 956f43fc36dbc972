"""What a file is, read from its first bytes alone: cheap enough for the window to ask
before it writes anything, without loading SQLAlchemy."""

from __future__ import annotations

from pathlib import Path

from eoffice.errors import CannotOpenDatabase

# PRAGMA application_id marks a SQLite file as ours: "EOFF" in ASCII.
APPLICATION_ID = 0x454F4646
SQLITE_HEADER = b"SQLite format 3\x00"


def is_eoffice_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return header.startswith(SQLITE_HEADER) and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def refuse_overwriting_a_database(out: Path, database: Path | None = None) -> None:
    """An export must never land on a database: the one it reads (or its -wal, -shm and lock
    files, which would corrupt it) or any other eoffice database file."""
    target = Path(out).resolve()
    if database is not None:
        db = Path(database).resolve()
        if target in {db, *(db.with_name(db.name + tail) for tail in ("-wal", "-shm", "-journal", ".lock"))}:
            raise CannotOpenDatabase(Path(out), "is the database being exported (or one of its files); choose another file")
    if target.is_file() and is_eoffice_file(target):
        raise CannotOpenDatabase(Path(out), "is an eoffice database; an export will not write over it")
