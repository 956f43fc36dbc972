"""Big read-only computations without the garbage collector's pauses, and an import's
many rows read and written in a few statements (``by_ids``, ``insert_all``, ``update_all``).

Seating a large centre's whole summer builds tens of thousands of small objects (one per
sitting, several per row read) and no reference cycles among them. CPython's cyclic
collector runs every few hundred allocations and each full pass walks the whole heap, so
about 40% of such a computation was spent collecting nothing (measured: the summer at ten
times a large school, 0.85 s with it, 0.50 s without). ``bulk`` switches the collector off
for the duration and back on after, nested safely; reference counting still frees
everything as usual, and anything cyclic is collected at the next pass afterwards.
Imports read, check and write up to 100,000 rows under it for the same reason.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from eoffice import clock
from eoffice.db.plain import IDS_PER_QUERY as IDS_PER_QUERY  # one limit for the reads and the writes

if TYPE_CHECKING:  # the writers import the storage layer where they run: ``bulk`` is on reads made before it loads
    from sqlalchemy.orm import Session

P = ParamSpec("P")
R = TypeVar("R")


def bulk(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with the cyclic garbage collector paused (see the module)."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return function(*args, **kwargs)

    return run


@contextmanager
def paused() -> Iterator[None]:
    """``bulk`` for a block: the collector paused until it ends, nested safely (an import
    command pauses it from reading its file to printing what it did)."""
    if not gc.isenabled():  # an outer bulk computation already paused it
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# --- writing an import's rows ---------------------------------------------------------------

AUDIT_ROWS_PER_FLUSH = 2_000


def values_of(record: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, name -> value, without copying the values: what
    ``dataclasses.asdict`` gives for fields of plain values, at a tenth of its cost
    (``asdict`` deep-copies each value, and took 2 s of 20,000 rows' import)."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def insert_all(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (column -> value, the same columns each) and return their new ids, in order.

    An import adds up to 100,000 records: one ORM object and one flush each made the time
    grow with the table and cost a query or two a row. Here the rows are numbered from the
    highest id there, as the audit log numbers its own rows, and go in as one statement run
    for each row (``executemany``). The numbers are the ones SQLite would give (the highest
    rowid plus one), and no one else can take them meanwhile: eoffice has one writer (the
    lock) and this runs in its transaction. (Asking the database for each new id, with
    RETURNING in the rows' order, sends one statement a row, as SQLite cannot promise that
    order: three times as slow. On a server database the table's id sequence would have to
    be moved past these numbers afterwards, as for the audit log's.)
    """
    from sqlalchemy import func, insert, select

    if not rows:
        return []
    first = (session.scalar(select(func.max(model.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    session.connection().execute(insert(model.__table__), [{**row, "id": i} for i, row in zip(ids, rows, strict=True)])
    return ids


def audit_each(session: Session, action: str, entity: str, changes: Iterable[tuple[object, str]]) -> None:
    """One audit row per record changed, (id, summary) each, as one change at a time writes
    them; who and when are read once (the user's name is asked of the system each time).
    The rows are flushed here, while the caller's work is still under ``bulk`` (left to the
    commit, 100,000 of them took twice as long with the garbage collector back on), a few
    thousand at a time (a tenth quicker than all at once)."""
    from eoffice.domain import audit

    actor, at = audit.current_actor(), clock.now_utc()
    for count, (entity_id, summary) in enumerate(changes, start=1):
        audit.record(session, action, entity, entity_id, summary, actor=actor, at=at)
        if count % AUDIT_ROWS_PER_FLUSH == 0:
            session.flush()
    session.flush()


def by_ids(session: Session, model: type[Any], ids: Iterable[int]) -> dict[int, Any]:
    """The rows with these ids, id -> the row's columns as attributes (``row.title``), in a few
    queries rather than one a row. Read as plain rows, not ORM objects, which cost several
    times as much to load and to write back (100,000 plan tasks changed took 9 s)."""
    from sqlalchemy import select

    wanted = sorted(set(ids))
    table = model.__table__
    found: dict[int, Any] = {}
    for start in range(0, len(wanted), IDS_PER_QUERY):
        chunk = wanted[start:start + IDS_PER_QUERY]
        found.update((row.id, row) for row in session.execute(select(table).where(table.c.id.in_(chunk))))
    return found


def update_all(session: Session, model: type[Any], changes: Sequence[tuple[int, dict[str, Any]]]) -> None:
    """Write each row's changed columns, (id, column -> new value) each: one UPDATE for each
    set of columns changed, run for every row that changes them (``executemany``).

    The ORM's copies of those rows in the session, if any, are marked out of date, so that
    whatever reads them next in this transaction reads what was written.
    """
    from sqlalchemy import bindparam, update

    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row_id, values in changes:
        if values:
            groups.setdefault(tuple(sorted(values)), []).append(
                {"_id": row_id, **{f"_new_{name}": value for name, value in values.items()}})
    table = model.__table__
    for columns, rows in groups.items():  # (a parameter may not be named as its column: hence _new_)
        statement = update(table).where(table.c.id == bindparam("_id")).values(
            {name: bindparam(f"_new_{name}") for name in columns})
        session.connection().execute(statement, rows)
    written = {row_id for row_id, values in changes if values}
    for instance in list(session.identity_map.values()):
        if isinstance(instance, model) and instance.id in written:
            session.expire(instance)


class Updates:
    """An import's changes to many rows, gathered while each row is checked, then written
    (``update_all``) and audited (``audit_each``) together. Each area's ``update_…s`` function
    checks its own rules; what is the same for all of them (which columns differ, the audit
    naming the columns changed and never their values) is here once."""

    def __init__(self, model: type[Any], entity: str) -> None:
        self.model, self.entity = model, entity
        self._written: list[tuple[int, dict[str, Any]]] = []
        self._audited: list[tuple[int, str]] = []

    def compare(self, row_id: int, row: Any, values: dict[str, Any], what: str = "") -> None:
        """Keep the columns of ``values`` that differ from ``row``'s, audited as "``what`` changed:
        status, notes" (their names); nothing when none differ."""
        changed = {name: value for name, value in values.items() if getattr(row, name) != value}
        if changed:
            self.add(row_id, changed, f"{what} changed: {', '.join(changed)}".lstrip())

    def add(self, row_id: int, columns: dict[str, Any], line: str) -> None:
        """Write ``columns`` to the row, audited as ``line``."""
        self._written.append((row_id, columns))
        self._audited.append((row_id, line))

    def write(self, session: Session) -> None:
        update_all(session, self.model, self._written)
        audit_each(session, "update", self.entity, self._audited)
