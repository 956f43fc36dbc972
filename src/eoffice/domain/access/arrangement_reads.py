"""Every access arrangement as the register lists it, read in plain SQL: what the Overview's
access warnings need on the window's first paint, before SQLAlchemy loads (issue 17).

Here are the record an arrangement is read into, when it is in force on exam day, and the
statuses and routes the warnings sort it by. Each read takes either handle
(``db.plain.Reads``): the plain ``sqlite3`` connection the window starts with, or an ORM
session. ``arrangement_records`` keeps every write and re-exports what is here. Arrangements
are health data: nothing here logs them. This module imports neither SQLAlchemy nor the models.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from eoffice.db.plain import Reader, Reads, as_reader, day_or_none, in_chunks, marks
from eoffice.domain.access.arrangement_types import TYPES
from eoffice.domain.bulk import bulk

# Statuses for which the centre still has to apply (AAO or referral): nothing sent yet.
NOT_YET_APPLIED = frozenset({"to_assess", "evidence"})
CLOSED = frozenset({"declined", "expired", "withdrawn"})
APPLICATION_ROUTES = frozenset({"aao", "referred"})


@dataclass(frozen=True)
class ArrangementFields:
    """One arrangement as the officer edits it; ``new_fields`` fills the type's defaults."""

    kind: str
    route: str
    status: str = "to_assess"
    extra_time_percent: int | None = None
    rest_minutes_per_hour: int | None = None
    reference: str = ""
    approved_on: date | None = None
    expires_on: date | None = None
    assessed_on: date | None = None
    assessor: str = ""
    normal_way_of_working: str = ""
    room_need: str = "none"
    notes: str = ""


@dataclass(frozen=True)
class ArrangementRecord:
    id: int
    candidate_id: int
    candidate_number: int
    fields: ArrangementFields

    kind = property(lambda self: self.fields.kind)
    status = property(lambda self: self.fields.status)
    route = property(lambda self: self.fields.route)
    room_need = property(lambda self: self.fields.room_need)
    extra_time_percent = property(lambda self: self.fields.extra_time_percent)
    rest_minutes_per_hour = property(lambda self: self.fields.rest_minutes_per_hour)
    approved_on = property(lambda self: self.fields.approved_on)
    expires_on = property(lambda self: self.fields.expires_on)

    @property
    def label(self) -> str:
        return kind_label(self.fields.kind)

    def in_force(self, day: date) -> bool:
        return in_force(self.fields.status, self.fields.expires_on, day)


def in_force(status: str, expires_on: date | None, day: date) -> bool:
    """An arrangement is used on exam day when it is approved and not expired by that day."""
    return status == "approved" and (expires_on is None or expires_on >= day)


def kind_label(kind: str) -> str:
    return TYPES[kind].label if kind in TYPES else kind


FIELD_NAMES = tuple(ArrangementFields.__dataclass_fields__)
_DATES = frozenset({"approved_on", "expires_on", "assessed_on"})  # stored as ISO text
# The columns a record is read from, in ``ArrangementRecord``'s order (fields as declared).
_SELECT = ("SELECT arrangement.id, arrangement.candidate_id, candidate.number, "
           + ", ".join(f"arrangement.{name}" for name in FIELD_NAMES)
           + " FROM arrangement JOIN candidate ON candidate.id = arrangement.candidate_id")
_DATE_AT = tuple(3 + i for i, name in enumerate(FIELD_NAMES) if name in _DATES)


def _record(row: tuple[Any, ...]) -> ArrangementRecord:
    values = list(row)
    for i in _DATE_AT:
        values[i] = day_or_none(values[i])
    return ArrangementRecord(values[0], values[1], values[2], ArrangementFields(*values[3:]))


def _read(reader: Reader, where: str, params: tuple[Any, ...]) -> list[ArrangementRecord]:
    return [_record(row) for row in reader.execute(_SELECT + where, params)]


@bulk  # read as the Access tab opens: no collector's pause in the middle
def arrangements(db: Reads, candidate_id: int | None = None) -> list[ArrangementRecord]:
    """Every arrangement (or one candidate's) by candidate number, with one query."""
    reader = as_reader(db)
    order = " ORDER BY candidate.number, arrangement.id"
    if candidate_id is None:
        return _read(reader, order, ())
    return _read(reader, " WHERE arrangement.candidate_id = ?" + order, (candidate_id,))


def arrangements_by_id(db: Reads, arrangement_ids: Iterable[int]) -> dict[int, ArrangementRecord]:
    """The arrangements with these ids that exist (a deleted one is simply absent), in one
    query per 500: what the register reads again after an edit, instead of every arrangement."""
    reader = as_reader(db)
    ids = sorted(set(arrangement_ids))
    found: dict[int, ArrangementRecord] = {}
    for chunk in in_chunks(ids):
        for record in _read(reader, f" WHERE arrangement.id IN ({marks(len(chunk))})", tuple(chunk)):
            found[record.id] = record
    return found
