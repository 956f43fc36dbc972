"""When a key date is due and whether it is overdue: the one rule the screen, the Overview,
the meeting pack and every export read.

A key date with a window (entries open 1 to 21 February) is overdue only after its last
day; while the window is open it is "open, ends in 3 days". A date marked done is never
overdue, and its countdown says "done" everywhere, so the key dates list and the
spreadsheet cannot disagree about it.

No database here: the Overview imports these before SQLAlchemy has loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eoffice.domain.keydates.key_date_fields import KeyDateRecord

DUE_SOON_DAYS = 14  # a key date or an internal deadline this close is "soon"
PASSED, SOON = "passed", "soon"


@dataclass(frozen=True)
class Deadline:
    """One date to act on: the external date, or the internal deadline before it."""

    key_date: KeyDateRecord
    on: date
    internal: bool


def deadlines(records: Sequence[KeyDateRecord]) -> list[Deadline]:
    """Each key date's external date and its internal deadline (when it has a different one),
    in date order, an internal deadline before an external date on the same day."""
    found = []
    for r in records:
        found.append(Deadline(r, r.on, False))
        if r.internal_deadline is not None and r.internal_deadline != r.on:
            found.append(Deadline(r, r.internal_deadline, True))
    return sorted(found, key=lambda d: (d.on, d.internal is False, d.key_date.id))


def countdown(day: date, today: date) -> str:
    """"today", "tomorrow", "in 5 days", "1 day overdue", "2 days overdue"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    if days == -1:
        return "1 day overdue"
    return f"{-days} days overdue"


def last_day(record: KeyDateRecord) -> date:
    """The external deadline: the end of a window, or the date itself."""
    return record.fields.end or record.fields.on


def is_soon(day: date, today: date) -> bool:
    """``day`` is within ``DUE_SOON_DAYS`` of today (or already behind us)."""
    return (day - today).days <= DUE_SOON_DAYS


def is_due_soon(record: KeyDateRecord, today: date) -> bool:
    """Not done, and its date is close: amber in the list's exports."""
    return not record.done and is_soon(record.on, today)


def is_overdue(record: KeyDateRecord, today: date) -> bool:
    """Not done, and its last day is behind us."""
    return not record.done and last_day(record) < today


def deadline_overdue(deadline: Deadline, today: date) -> bool:
    """One row of the deadlines list (external or internal) is overdue: not done and passed."""
    return not deadline.key_date.done and deadline.on < today


def internal_state(record: KeyDateRecord, today: date) -> str | None:
    """``PASSED`` or ``SOON`` (within 14 days) for an open date's internal deadline, else None.

    Once the key date itself is overdue its internal deadline says nothing more."""
    day = record.internal_deadline
    if day is None or record.done or is_overdue(record, today):
        return None
    if day < today:
        return PASSED
    if is_soon(day, today):
        return SOON
    return None


def countdown_text(record: KeyDateRecord, today: date) -> str:
    """"done", "in 5 days", "open, ends in 3 days", "2 days overdue"."""
    if record.done:
        return "done"
    if record.end is not None and record.on <= today <= record.end:
        return f"open, ends {countdown(record.end, today)}"
    if record.on >= today:
        return countdown(record.on, today)
    return countdown(last_day(record), today)
