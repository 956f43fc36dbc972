"""The one place a database is opened.

Order matters and is the same for the window and the command line:

1. read the header without opening the file (is it SQLite? is it ours?) and refuse
   plainly if not; ask whether the file and its folder can be written at all;
2. take the writer lock (it follows the file, not the name), or fall back to read-only
   when another eoffice has it;
3. keep a copy of a -wal an unclean shutdown left, before SQLite replays it;
4. check the whole file (``integrity_check`` for a write-open), refusing writes to a
   damaged one, and refuse a file too new or without its version table;
5. back it up, and verify the copy, before anything is written;
6. migrate to the current schema;
7. hand out sessions from an engine whose every connection has our pragmas, and whose
   faults become one-line errors (``db.faults``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eoffice.db import backup as backups
from eoffice.db.faults import RESTORE, database_fault
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

if TYPE_CHECKING:  # imported where an engine is made: the file's checks need SQLite alone (``check_for_opening``)
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class FileFacts:
    """What a look at an existing file found, without writing to it."""

    revision: str | None
    integrity: str  # "ok", or SQLite's first findings
    immutable: bool = False  # read with SQLite's immutable flag: a read-only folder, no pending -wal

    @property
    def whole(self) -> bool:
        return self.integrity == "ok"


@dataclass
class Database:
    """An open database: its engine is made on first use, so the window can paint its first tab
    through ``reader`` before SQLAlchemy has loaded (issue 17; ``eoffice.db.plain``)."""

    path: Path
    read_only: bool
    revision: str
    lock: WriterLock | None = None
    held_by: LockOwner | None = None
    backup_path: Path | None = None
    read_only_reason: str | None = None  # why a write-open became read-only (damage, permissions)
    kept_wal: Path | None = None  # the copy of a -wal an unclean shutdown left behind
    immutable: bool = False  # read with SQLite's immutable flag (``FileFacts.immutable``)
    _engine: Engine | None = field(default=None, repr=False)
    _sessions: sessionmaker[Session] | None = field(default=None, repr=False)
    _reader: sqlite3.Connection | None = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.path, read_only=self.read_only, immutable=self.immutable)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @property
    def closed(self) -> bool:
        return self._closed

    def reader(self) -> sqlite3.Connection:
        """A plain connection for the reads written in SQL (``eoffice.db.plain``), with the
        engine's pragmas; each statement sees what is committed. Kept until ``close``."""
        if self._reader is None:
            self._reader = connect(self.path, read_only=self.read_only, immutable=self.immutable)
        return self._reader

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed if the block ends normally, rolled back if not.

        A SQLite fault (busy, full, read-only, damaged, I/O) becomes the one-line error
        ``db.faults`` gives it; the SQL and its parameters never reach the message.
        """
        with self.sessions() as session:
            try:
                yield session
                if session.new or session.dirty or session.deleted:
                    self._refuse_if_read_only()
                session.commit()
            except Exception as error:
                session.rollback()
                fault = database_fault(error, self.path)
                if fault is None:
                    raise
                if self.read_only and isinstance(fault, ReadOnlyDatabase):
                    fault = ReadOnlyDatabase(self.path, _read_only_reason(self))
                raise fault from None
            except BaseException:
                session.rollback()
                raise

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnlyDatabase(self.path, _read_only_reason(self))

    def close(self) -> None:
        if self._closed:
            return
        if self._reader is not None:  # a read after this makes a new one, as the disposed engine would
            self._reader.close()
            self._reader = None
        if self._engine is not None:
            self._engine.dispose()
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
    if db.read_only_reason:
        return f"{db.read_only_reason}; nothing was saved"
    return "is open read-only; nothing was saved"


def is_new(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def write_refusal(path: Path) -> str | None:
    """Why ``path`` cannot be written, in words, or None when it can.

    ``os.access`` asks the operating system, so a read-only drive (``EROFS``) counts even
    for an administrator, while folder permissions do not bind one."""
    folder = path.resolve().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # a new folder will be made inside the nearest one that exists
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    return None


def _pending_wal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _check_header(path: Path) -> None:
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


def read_only_connection(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection that cannot write. Text that is not UTF-8 (a flipped byte in a table's
    name) is read with a replacement character instead of failing, so a damaged file can
    still be described."""
    flag = "&immutable=1" if immutable else ""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{flag}", uri=True)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def _findings(rows: list[tuple[object, ...]]) -> str:
    text = "; ".join(" ".join(str(r[0]).split()) for r in rows)
    return text if len(text) <= 200 else text[:199] + "…"


def _look(path: Path, *, full: bool) -> FileFacts:
    """Read an existing file's revision and integrity without changing it.

    Refuses (raises) a file that is not ours, cannot be read, is too new or has lost its
    version table; damage found by the check is returned, for the caller to decide. The
    caller has read the header first (``_check_header``)."""
    # A read-only folder cannot hold SQLite's -shm file; with no -wal waiting, the file
    # cannot change under us, which is what SQLite's immutable flag asks.
    folder_read_only = not os.access(path.resolve().parent, os.W_OK)
    if folder_read_only and _pending_wal(path):
        raise CannotOpenDatabase(
            path, f"is in a read-only folder ({path.resolve().parent}) and its last changes are still in its -wal "
            "file, which SQLite can only read where it may write. Copy the folder somewhere you can write to.")
    immutable = folder_read_only
    try:
        conn = read_only_connection(path, immutable=immutable)
        try:
            check = "integrity_check(20)" if full else "quick_check(5)"
            integrity = _findings(conn.execute(f"PRAGMA {check}").fetchall())
            tables = {str(r[0]) for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
            row = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
                   if "alembic_version" in tables else None)
        finally:
            conn.close()
    except UnicodeDecodeError:
        # SQLite's own message quoted the damaged bytes (a flipped byte in a table's name),
        # and Python could not decode the message itself.
        raise DamagedDatabase(path, f"is damaged and cannot be read (its list of tables is corrupt). {RESTORE}") \
            from None
    except sqlite3.DatabaseError as error:
        fault = database_fault(error, path)
        if isinstance(fault, DamagedDatabase) or fault is None:
            raise DamagedDatabase(path, f"is damaged and cannot be read ({str(error).splitlines()[0]}). {RESTORE}") \
                from None
        raise fault from None
    revision = str(row[0]) if row else None
    if revision is None and tables - {"alembic_version"}:
        raise NotAnEofficeDatabase(
            path, "has eoffice's mark but no version table: another program has changed it. Nothing was changed; "
            f"it cannot be upgraded safely. {RESTORE}")
    if revision is not None and revision not in REVISIONS:
        raise DatabaseTooNew(
            path,
            f"was written by a newer version of eoffice (schema {revision}; this version "
            f"knows up to {HEAD}). Install the newer eoffice to open it; the file was not changed.",
        )
    return FileFacts(revision=revision, integrity=integrity, immutable=immutable)


def damage(path: Path, facts: FileFacts) -> DamagedDatabase:
    return DamagedDatabase(path, f"is damaged (SQLite's integrity check: {facts.integrity}). Nothing was changed. "
                           f"{RESTORE}")


def inspect_file(path: Path, *, full: bool = False) -> FileFacts:
    """Refuse a file that is not an eoffice database, is damaged or is too new.

    The header is read as plain bytes and the rest through a read-only connection, so
    a refused file is left exactly as it was. ``full`` runs SQLite's whole
    ``integrity_check`` (indexes against their tables), as every write-open does; the
    default ``quick_check`` is what a read needs.
    """
    _check_header(path)
    facts = _look(path, full=full)
    if not facts.whole:
        raise damage(path, facts)
    return facts


def connect(path: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection made by sqlite3 itself from a file: URI, so a folder called "Exams #1" or
    "100%" is a path, never URL syntax; with eoffice's pragmas. The engine makes each of its
    connections here, and ``Database.reader`` its plain one."""
    flags = "?mode=ro" + ("&immutable=1" if immutable else "") if read_only else ""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}{flags}", uri=True, check_same_thread=False)
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    return connection


def make_engine(path: Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    # hide_parameters keeps the values of a failed statement (an arrangement's notes) out of
    # every error message.
    from sqlalchemy import create_engine

    return create_engine("sqlite+pysqlite://", creator=lambda: connect(path, read_only=read_only, immutable=immutable),
                         hide_parameters=True)


def _create_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


@dataclass
class Opening:
    """A file that has passed the checks for opening (``check_for_opening``) and is waiting for
    its engine (``finish_opening``): the writer's lock, if taken, is held until then."""

    path: Path
    new: bool
    read_only: bool
    reason: str | None
    lock: WriterLock | None
    held_by: LockOwner | None
    facts: FileFacts | None
    backup_path: Path | None
    kept_wal: Path | None

    def release(self) -> None:
        """Give the lock back: the opening failed or was given up."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None


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
    file, when it is damaged, or when its file or folder cannot be written: it opens
    read-only and says why (``Database.read_only_reason``). The command line instead
    refuses with one line, so it never stops to ask. Nothing is written before the file
    has passed its checks: the whole ``integrity_check`` for a write-open.
    """
    return finish_opening(check_for_opening(path, create=create, read_only=read_only,
                                            fall_back_to_read_only=fall_back_to_read_only, backup=backup))


def check_for_opening(
    path: Path | str,
    *,
    create: bool = True,
    read_only: bool = False,
    fall_back_to_read_only: bool = False,
    backup: bool = True,
) -> Opening:
    """Everything ``open_database`` does before it makes an engine: the header, whether the file
    can be written, the writer's lock, a crash's -wal kept, the integrity check, the backup.

    It needs SQLite's own library alone, no SQLAlchemy, so the window runs it while a second
    thread imports the storage layer: SQLite works on its own C code (the integrity check and
    the backup copy read the whole file) without holding Python's lock, so the two overlap.
    """
    path = Path(path)
    new = is_new(path)
    if new and (read_only or not create):
        raise NotAnEofficeDatabase(path, "does not exist")
    if not new:
        _check_header(path)  # a file that is not ours is refused before a lock file appears beside it
    reason: str | None = None
    if not read_only and (refusal := write_refusal(path)) is not None:
        if new:
            raise CannotOpenDatabase(path, f"cannot be created: {refusal}")
        if not fall_back_to_read_only:
            raise ReadOnlyDatabase(path, f"cannot be changed because {refusal}. Nothing was changed. Ask IT for "
                                   "write access, or copy it to a folder you can write to.")
        read_only, reason = True, f"is open read-only because {refusal}"

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
        kept_wal = None
        if lock is not None and not new and _pending_wal(path):
            # Only an unclean shutdown leaves a -wal behind a file nobody holds. Opening
            # replays it, and SQLite silently drops what follows a damaged frame: keep it.
            kept_wal = backups.keep_wal(path)
        facts = None if new else _look(path, full=lock is not None)
        if facts is not None and not facts.whole:
            if lock is None or not fall_back_to_read_only:
                raise damage(path, facts)
            lock.release()
            lock, read_only = None, True
            reason = (f"is open read-only because it is damaged (SQLite's integrity check: {facts.integrity}); "
                      "look and export what you need, then restore a backup (File > Restore from a backup…)")
        backup_path = None
        if new:
            _create_file(path)
        elif not read_only and backup:
            backup_path = backups.backup_to_folder(path)
    except Exception as error:
        if lock is not None:
            lock.release()
        fault = database_fault(error, path)
        if fault is None:
            raise
        raise fault from None
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Opening(path, new, read_only, reason, lock, held_by, facts, backup_path, kept_wal)


def finish_opening(opening: Opening) -> Database:
    """The database for a file ``check_for_opening`` passed, with its migrations run (writable
    only) and WAL put back; the lock passes to the ``Database``, or is released on failure.

    A file already at this version needs no engine yet: it is made on first use
    (``Database.engine``), after the window has painted its first tab."""
    path, read_only, facts, held_by, reason = opening.path, opening.read_only, opening.facts, opening.held_by, opening.reason
    immutable = bool(facts and facts.immutable)
    try:
        revision = facts.revision if facts else None
        if revision != HEAD:
            if read_only:
                why = f" ({held_by.describe()} has it open)" if held_by else (f" ({reason})" if reason else "")
                raise ReadOnlyDatabase(
                    path,
                    f"needs upgrading to this version of eoffice but is open read-only{why}. "
                    + ("Close the other eoffice and open it again." if held_by else "Nothing was changed."),
                )
            from eoffice.db.migrations import upgrade

            engine = make_engine(path)
            try:
                with engine.connect() as connection:
                    upgrade(connection)
                    connection.commit()
            finally:
                engine.dispose()
        if not read_only:
            # A copied backup is a one-file (DELETE journal) database: every writable open
            # puts it back in WAL, so readers never block the writer.
            with closing(connect(path)) as connection:
                connection.execute("PRAGMA journal_mode=WAL")
    except Exception as error:
        opening.release()
        fault = database_fault(error, path)
        if fault is None:
            raise
        raise fault from None
    except BaseException:
        opening.release()
        raise

    return Database(
        path=path,
        read_only=read_only,
        revision=HEAD,
        lock=opening.lock,
        held_by=held_by,
        backup_path=opening.backup_path,
        read_only_reason=reason,
        kept_wal=opening.kept_wal,
        immutable=immutable,
    )
