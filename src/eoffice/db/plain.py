"""Reads in plain SQL, on SQLite's own connection: what the window shows before SQLAlchemy loads.

SQLAlchemy takes longer to import than the whole time the window has to show its first tab
with data (issue 17: three times a bare window, about 0.3 s). So the reads that tab needs
are written as SQL on a DB-API connection, and take either kind of handle (``Reads``): a
plain ``sqlite3`` connection, as at start-up, or an ORM session, whose own connection they
use (``as_reader``) after flushing it, so they see what the session has changed, as its
autoflush would. Each read is written once, whichever caller has which handle.

Values come back as SQLite keeps what SQLAlchemy wrote: a ``Date`` as ISO text
(``day``), a ``DateTime`` as "YYYY-MM-DD HH:MM:SS.ffffff" (``moment``), a ``Boolean`` as 0
or 1 (``bool(...)``).

This module imports neither SQLAlchemy nor the models, and neither may a module that reads
through it on the way to the first paint (``tests/db/test_plain.py`` checks).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeAlias, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Reader: TypeAlias = sqlite3.Connection
Reads: TypeAlias = "Session | sqlite3.Connection"

IDS_PER_QUERY = 500  # well under SQLite's limit on the values one statement may take

T = TypeVar("T")


def as_reader(db: Reads) -> Reader:
    """The connection to read through: ``db`` itself, or an ORM session's own connection,
    flushed first (a plain query does not trigger SQLAlchemy's autoflush), inside the
    session's transaction."""
    if isinstance(db, sqlite3.Connection):
        return db
    db.flush()
    connection = db.connection().connection.driver_connection
    if not isinstance(connection, sqlite3.Connection):  # eoffice's engines are made by sqlite3 itself
        raise TypeError(f"not a SQLite connection: {type(connection).__name__}")
    return connection


def day(text: str) -> date:
    """A stored ``Date``."""
    return date.fromisoformat(text)


def day_or_none(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def moment(text: str) -> datetime:
    """A stored ``DateTime`` (naive, as stored: eoffice stores UTC)."""
    return datetime.fromisoformat(text)


def moment_or_none(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def stored_day(on: date) -> str:
    """A date as a parameter compared with a stored ``Date`` (ISO text sorts as dates do)."""
    return on.isoformat()


def marks(count: int) -> str:
    """``?, ?, ?`` for an ``IN (...)`` of ``count`` values."""
    return ", ".join("?" * count)


def in_chunks(values: Sequence[T], size: int = IDS_PER_QUERY) -> Iterator[Sequence[T]]:
    """``values`` a statement's worth at a time."""
    for start in range(0, len(values), size):
        yield values[start:start + size]
