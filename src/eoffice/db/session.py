"""The one place a database is opened.

Order matters and is the same for the window and the command line:

1. look at the file without changing it (is it SQLite? is it ours? is it whole? is it
   from a newer eoffice?) and refuse plainly if not;
2. take the writer lock, or fall back to read-only when another eoffice has it;
3. back it up before anything is written;
4. migrate to the current schema;
5. hand out sessions from an engine whose every connection has our pragmas.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from eoffice.db import backup as backups
from eoffice.db.files import APPLICATION_ID, SQLITE_HEADER
from eoffice.db.lock import LockOwner, WriterLock
from eoffice.db.migrations import HEAD, REVISIONS
from eoffice.errors import (
    CannotOpenDatabase,
    DamagedDatabase,
    DatabaseInUse,
    DatabaseTooNew,
    NotAnEofficeDatabase,
    ReadOnlyDatabase,
)

BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class FileFacts:
    """What a look at an existing file found, without writing to it."""

    revision: str | None
    integrity: str


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    read_only: bool
    revision: str
    lock: WriterLock | None = None
    held_by: LockOwner | None = None
    backup_path: Path | None = None
    _closed: bool = field(default=False, repr=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed if the block ends normally, rolled back if not."""
        with self.sessions() as session:
            try:
                yield session
                if session.new or session.dirty or session.deleted:
                    self._refuse_if_read_only()
                session.commit()
            except OperationalError as error:
                session.rollback()
                if "readonly" in str(error).replace(" ", "").lower():
                    raise ReadOnlyDatabase(self.path, _read_only_reason(self)) from error
                raise
            except BaseException:
                session.rollback()
                raise

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnlyDatabase(self.path, _read_only_reason(self))

    def close(self) -> None:
        if self._closed:
            return
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
        self._closed = True

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_only_reason(db: Database) -> str:
    if db.held_by is not None:
        return f"is open read-only because {db.held_by.describe()} has it open; nothing was saved"
    return "is open read-only; nothing was saved"


def is_new(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def inspect_file(path: Path) -> FileFacts:
    """Refuse a file that is not an eoffice database, is damaged or is too new.

    The header is read as plain bytes and the rest through a read-only connection, so
    a refused file is left exactly as it was.
    """
    if path.is_dir():
        raise NotAnEofficeDatabase(path, "is a folder, not an eoffice database file")
    with open(path, "rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise NotAnEofficeDatabase(
            path, "is not an eoffice database (it is not a SQLite file, or its start is damaged)"
        )
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise NotAnEofficeDatabase(path, "is a SQLite database, but not one made by eoffice")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check(5)").fetchall()
            integrity = "; ".join(str(r[0]) for r in rows)
            if integrity != "ok":
                # One plain line; `eoffice check --json` gives SQLite's own findings.
                raise DamagedDatabase(path, "is damaged (SQLite's integrity check failed). Restore a backup.")
            try:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                row = None
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DamagedDatabase(path, f"is damaged and cannot be read ({str(error).splitlines()[0]}). Restore a backup.") from error
    revision = row[0] if row else None
    if revision is not None and revision not in REVISIONS:
        raise DatabaseTooNew(
            path,
            f"was written by a newer version of eoffice (schema {revision}; this version "
            f"knows up to {HEAD}). Install the newer eoffice to open it; the file was not changed.",
        )
    return FileFacts(revision=revision, integrity=integrity)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    # The connection is made by sqlite3 itself from a file: URI, so a folder called
    # "Exams #1" or "100%" is a path, never URL syntax.
    target = path.resolve()
    uri = f"{target.as_uri()}?mode=ro" if read_only else target.as_uri()
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _create_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def open_database(
    path: Path | str,
    *,
    create: bool = True,
    read_only: bool = False,
    fall_back_to_read_only: bool = False,
    backup: bool = True,
) -> Database:
    """Open (and if needed create and migrate) an eoffice database.

    ``fall_back_to_read_only`` is what the window wants when another eoffice has the
    file; the command line instead refuses with ``DatabaseInUse`` so it never stops to
    ask. Nothing is written before the file has passed ``inspect_file``.
    """
    path = Path(path)
    new = is_new(path)
    if new and (read_only or not create):
        raise NotAnEofficeDatabase(path, "does not exist")
    facts = None if new else inspect_file(path)

    lock: WriterLock | None = None
    held_by: LockOwner | None = None
    if not read_only:
        lock = WriterLock(path)
        try:
            if new:
                path.parent.mkdir(parents=True, exist_ok=True)
            held_by = lock.try_acquire()
        except OSError as error:
            raise CannotOpenDatabase(path, f"cannot be opened for writing ({error.strerror})") from error
        if held_by is not None:
            lock = None
            if not fall_back_to_read_only or new:
                raise DatabaseInUse(
                    path, f"is open in another eoffice: {held_by.describe()}. Close it there first."
                )
            read_only = True

    try:
        backup_path = None
        if new:
            _create_file(path)
        elif not read_only and backup:
            backup_path = backups.backup_to_folder(path)

        engine = make_engine(path, read_only=read_only)
        revision = facts.revision if facts else None
        if revision != HEAD:
            if read_only:
                engine.dispose()
                reason = f" ({held_by.describe()} has it open)" if held_by else ""
                raise ReadOnlyDatabase(
                    path,
                    f"needs upgrading to this version of eoffice but is open read-only{reason}. "
                    "Close the other eoffice and open it again.",
                )
            from eoffice.db.migrations import upgrade

            with engine.connect() as connection:
                upgrade(connection)
                connection.commit()
        if not read_only:
            # A copied backup is a one-file (DELETE journal) database: every writable open
            # puts it back in WAL, so readers never block the writer.
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    except BaseException:
        if lock is not None:
            lock.release()
        raise

    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(
        path=path,
        engine=engine,
        sessions=sessions,
        read_only=read_only,
        revision=HEAD,
        lock=lock,
        held_by=held_by,
        backup_path=backup_path,
    )
