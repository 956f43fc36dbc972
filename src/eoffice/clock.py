"""The one place eoffice reads the system clock.

An exams office lives by dates: which academic year the window opens on, what is overdue,
when a reset code stops working, the moment stamped on a signature or an audit line, the
name of a backup. Every one of those answers starts here, so the whole program agrees on
what "now" is, and a test can freeze it in one place and mean the same thing on any day of
any year. Domain functions take ``today`` or ``now`` as arguments; the command line, the
window, imports, exports and storage fill them in from this module.

- ``now_utc()`` is for stored timestamps (audit, signatures, passwords): aware, in UTC.
- ``now()`` is the time a person reads, on the UK's wall clock (GMT or BST), aware.
- ``today()`` is the date in the UK, whatever zone the computer is set to.

Durations (how long the solver has run) are measured with ``time.perf_counter`` where they
are needed; they say nothing about the date and are not this module's business.

An architecture test (``tests/test_clock.py``) fails if anything else under ``src/`` reads
the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

_frozen: datetime | None = None


def now_utc() -> datetime:
    """The current moment, aware, in UTC: for anything stored."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def now() -> datetime:
    """The current moment on the UK's wall clock (GMT in winter, BST in summer), aware."""
    return now_utc().astimezone(UK)


def today() -> date:
    """Today's date in the UK: the day an exams officer's deadlines count from."""
    return now().date()


def in_uk(moment: datetime) -> datetime:
    """A stored moment as the UK's wall clock shows it; a naive moment is taken as UTC (how
    the database keeps them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UK)


def stored(moment: datetime | None = None) -> datetime:
    """How the database keeps a moment: UTC without a zone. ``None`` is now; a naive moment
    is read as UK wall-clock time."""
    if moment is None:
        moment = now_utc()
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UK)
    return moment.astimezone(UTC).replace(tzinfo=None)


def freeze(moment: datetime) -> None:
    """Stop the clock at ``moment`` until ``thaw``: for tests, and for nothing else.

    A naive ``moment`` is read as UK wall-clock time, so ``datetime(2027, 8, 31, 23, 59)`` is
    one minute before the academic year turns, in the UK, on any computer.
    """
    global _frozen
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UK)
    _frozen = moment.astimezone(UTC)


def thaw() -> None:
    """Let the clock follow the system again."""
    global _frozen
    _frozen = None


def is_frozen() -> bool:
    return _frozen is not None


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """The clock stopped at ``moment`` inside the block, and as it was afterwards."""
    global _frozen
    before = _frozen
    freeze(moment)
    try:
        yield
    finally:
        _frozen = before
