"""Access arrangements: what each candidate is allowed, where the application stands, and
what needs the officer's attention.

Arrangements are special category (health) data. Nothing here logs their details: the
audit names the record only ("arrangement 12 for candidate 0042 changed: status"). The
rules that change with the regulations (how long an approval lasts, how early to warn)
are settings. Every function takes a Session and plain values and returns frozen
records, so the screen, the exports and the command line agree. The record itself and the
reads of many arrangements are in ``arrangement_reads`` (plain SQL, either handle: the
Overview reads them before SQLAlchemy loads), re-exported here.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Arrangement, Candidate
from eoffice.domain import audit, settings
from eoffice.domain.access.arrangement_reads import APPLICATION_ROUTES as APPLICATION_ROUTES
from eoffice.domain.access.arrangement_reads import CLOSED as CLOSED
from eoffice.domain.access.arrangement_reads import FIELD_NAMES
from eoffice.domain.access.arrangement_reads import NOT_YET_APPLIED as NOT_YET_APPLIED
from eoffice.domain.access.arrangement_reads import ArrangementFields as ArrangementFields
from eoffice.domain.access.arrangement_reads import ArrangementRecord as ArrangementRecord
from eoffice.domain.access.arrangement_reads import arrangements as arrangements
from eoffice.domain.access.arrangement_reads import arrangements_by_id as arrangements_by_id
from eoffice.domain.access.arrangement_reads import in_force as in_force
from eoffice.domain.access.arrangement_reads import kind_label as kind_label
from eoffice.domain.access.arrangement_types import ROOM_NEEDS, ROUTES, STATUSES, TYPES
from eoffice.domain.access.candidate_records import format_number
from eoffice.domain.bulk import Updates, audit_each, by_ids, insert_all, values_of
from eoffice.domain.dates import format_date
from eoffice.errors import InputError

EXTRA_TIME_MAX = 200
REST_MAX = 30
REFERENCE_MAX, ASSESSOR_MAX = 60, 120


def pending_on(status: str, expires_on: date | None, day: date) -> bool:
    """An application still waiting for the awarding body on ``day``: planned for (a room, a
    helper) and shown as pending wherever it appears, but never timed as if approved."""
    return status == "applied" and (expires_on is None or expires_on >= day)


def describe_timing(extra_percent: int | None, rest_per_hour: int | None) -> str:
    """"25% extra time, rest 5 min/hour" — the words an invigilator reads."""
    parts = []
    if extra_percent:
        parts.append(f"{extra_percent}% extra time")
    if rest_per_hour:
        parts.append(f"rest {rest_per_hour} min/hour")
    return ", ".join(parts)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day
    (31/12/2025 + 2 months is 28/02/2026)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def expiry_months(session: Session) -> int:
    """How many months an approval lasts (``access.expiry_months``, 26 by default)."""
    return int(settings.get(session, "access.expiry_months"))


def default_expiry(session: Session, approved_on: date) -> date:
    """An approval lasts ``access.expiry_months`` (26 by default) from the day it was given."""
    return add_months(approved_on, expiry_months(session))


# Every way ``parse_kind`` knows each type by, in the case it compares: made once, as an
# import reads a type on each of up to 100,000 rows.
_KIND_WORDS = {word: key for key, kind in reversed(TYPES.items())
               for word in (kind.label.casefold(), key.replace("_", " ").casefold(), key.casefold())}


def parse_kind(value: object) -> str:
    """A type key from its key or label in any case ("25% extra time", "extra_time_25")."""
    text = " ".join(str(value or "").split()).casefold()
    if text in _KIND_WORDS:
        return _KIND_WORDS[text]
    if not text:
        raise InputError("the arrangement type is empty")
    raise InputError(f"{value!r} is not an arrangement type; use one of: {', '.join(t.label for t in TYPES.values())}")


def parse_extra_time(value: object) -> int | None:
    """``25``, ``"25%"``, ``"up to 50"`` (50) or ``"over 50"`` (100); blank is none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split()).casefold()
    if re.fullmatch(r"(?:over|more than|>)\s*50\s*%?", text):
        return 100
    match = re.fullmatch(r"(?:up to\s*)?(\d{1,3})\s*%?", text)
    if not match:
        raise InputError(f"{value!r} is not an extra time: write 25, 25%, up to 50 or over 50")
    number = int(match.group(1))
    if not 1 <= number <= EXTRA_TIME_MAX:
        raise InputError(f"{value!r} is not an extra time: it must be from 1% to {EXTRA_TIME_MAX}%")
    return number


def new_fields(kind: str, **changes: object) -> ArrangementFields:
    """Fields for a new arrangement of ``kind`` with the type's route, room need and extra time."""
    if kind not in TYPES:
        raise InputError(f"{kind!r} is not an arrangement type")
    t = TYPES[kind]
    base = ArrangementFields(kind=kind, route=t.route, room_need=t.room_need, extra_time_percent=t.extra_time)
    return replace(base, **changes)  # type: ignore[arg-type]


def validate_arrangement(session: Session, fields: ArrangementFields, *,
                         months: int | None = None) -> ArrangementFields:
    """Plain messages for every mistake; fills the expiry from the approval date.

    ``months`` is ``expiry_months``, read once by a caller checking thousands of rows (an
    import), so that checking each is not a query each."""
    for value, options, what in ((fields.kind, TYPES, "arrangement type"), (fields.route, ROUTES, "route"),
                                 (fields.status, STATUSES, "status"), (fields.room_need, ROOM_NEEDS, "room need")):
        if value not in options:
            raise InputError(f"{value!r} is not a {what}")
    if fields.extra_time_percent is not None and not 1 <= fields.extra_time_percent <= EXTRA_TIME_MAX:
        raise InputError(f"extra time must be from 1% to {EXTRA_TIME_MAX}% (25, up to 50, or over 50 is 100)")
    if fields.rest_minutes_per_hour is not None and not 0 <= fields.rest_minutes_per_hour <= REST_MAX:
        raise InputError(f"rest breaks must be from 0 to {REST_MAX} minutes per hour")
    reference, assessor = fields.reference.strip(), " ".join(fields.assessor.split())
    if len(reference) > REFERENCE_MAX:
        raise InputError(f"the reference is longer than {REFERENCE_MAX} characters")
    if len(assessor) > ASSESSOR_MAX:
        raise InputError(f"the assessor's name is longer than {ASSESSOR_MAX} characters")
    expires_on = fields.expires_on
    if fields.approved_on is not None:
        if expires_on is None:
            expires_on = add_months(fields.approved_on, expiry_months(session) if months is None else months)
        elif expires_on < fields.approved_on:
            raise InputError(
                f"the expiry {format_date(expires_on)} is before the approval {format_date(fields.approved_on)}"
            )
    notes, normal = fields.notes.strip(), fields.normal_way_of_working.strip()
    if (reference, assessor, expires_on, notes, normal) == (fields.reference, fields.assessor, fields.expires_on,
                                                            fields.notes, fields.normal_way_of_working):
        return fields  # already clean (an import checks each arrangement, then writes it): no copy
    return replace(fields, reference=reference, assessor=assessor, expires_on=expires_on, notes=notes,
                   normal_way_of_working=normal)


# --- reading and changing ---------------------------------------------------------------

def _fields(row: Arrangement) -> ArrangementFields:
    return ArrangementFields(**{name: getattr(row, name) for name in FIELD_NAMES})


def arrangement(session: Session, arrangement_id: int) -> ArrangementRecord:
    row = session.get(Arrangement, arrangement_id)
    if row is None:
        raise InputError(f"there is no arrangement {arrangement_id}")
    number = session.scalar(select(Candidate.number).where(Candidate.id == row.candidate_id))
    return ArrangementRecord(row.id, row.candidate_id, number or 0, _fields(row))


def _name(arrangement_id: int, number: int) -> str:
    return f"arrangement {arrangement_id} for candidate {format_number(number)}"


def add_arrangement(
    session: Session, candidate_id: int, fields: ArrangementFields, *, arrangement_id: int | None = None
) -> ArrangementRecord:
    """Add an arrangement; ``arrangement_id`` is given only when undo puts one back."""
    number = session.scalar(select(Candidate.number).where(Candidate.id == candidate_id))
    if number is None:
        raise InputError(f"there is no candidate {candidate_id}")
    fields = validate_arrangement(session, fields)
    row = Arrangement(candidate_id=candidate_id, **asdict(fields))
    if arrangement_id is not None:
        row.id = arrangement_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "arrangement", row.id, f"{_name(row.id, number)} added")
    return ArrangementRecord(row.id, candidate_id, number, fields)


def update_arrangement(session: Session, arrangement_id: int, fields: ArrangementFields) -> ArrangementRecord:
    """Change an arrangement; the audit names the fields changed, never their values."""
    current = arrangement(session, arrangement_id)
    fields = validate_arrangement(session, fields)
    row = session.get(Arrangement, arrangement_id)
    assert row is not None
    changed = [name for name, value in asdict(fields).items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, getattr(fields, name))
    if changed:
        session.flush()
        audit.record(session, "update", "arrangement", arrangement_id,
                     f"{_name(arrangement_id, current.candidate_number)} changed: {', '.join(changed)}")
    return replace(current, fields=fields)


def add_arrangements(session: Session, many: Sequence[tuple[int, ArrangementFields]]) -> list[int]:
    """Add many arrangements, (candidate id, fields) each (an import), checked and audited as
    ``add_arrangement`` does; returns their ids. A few queries and one insert, whatever the count."""
    numbers = dict(session.execute(select(Candidate.id, Candidate.number)).all())
    months = expiry_months(session)
    checked = []
    for candidate_id, fields in many:
        if candidate_id not in numbers:
            raise InputError(f"there is no candidate {candidate_id}")
        checked.append((candidate_id, validate_arrangement(session, fields, months=months)))
    ids = insert_all(session, Arrangement, [{"candidate_id": cid, **values_of(fields)} for cid, fields in checked])
    audit_each(session, "create", "arrangement", ((arrangement_id, f"{_name(arrangement_id, numbers[candidate_id])} added")
                                                  for arrangement_id, (candidate_id, _f) in zip(ids, checked, strict=True)))
    return ids


def update_arrangements(session: Session, changes: Sequence[tuple[int, ArrangementFields]]) -> None:
    """Change many arrangements (an import), each checked and audited as ``update_arrangement``
    does, in a few statements: the audit names the fields changed, never their values."""
    rows = by_ids(session, Arrangement, (arrangement_id for arrangement_id, _fields in changes))
    numbers = dict(session.execute(select(Candidate.id, Candidate.number)).all())
    months = expiry_months(session)
    updates = Updates(Arrangement, "arrangement")
    for arrangement_id, fields in changes:
        row = rows.get(arrangement_id)
        if row is None:
            raise InputError(f"there is no arrangement {arrangement_id}")
        fields = validate_arrangement(session, fields, months=months)
        updates.compare(arrangement_id, row, values_of(fields), _name(arrangement_id, numbers.get(row.candidate_id, 0)))
    updates.write(session)


def delete_arrangements(session: Session, arrangement_ids: Iterable[int]) -> list[ArrangementRecord]:
    """Delete and return what was deleted, so undo can put it back exactly."""
    gone = [arrangement(session, i) for i in list(arrangement_ids)]
    for record in gone:
        session.delete(session.get(Arrangement, record.id))
        audit.record(session, "delete", "arrangement", record.id,
                     f"{_name(record.id, record.candidate_number)} deleted")
    session.flush()
    return gone


def restore_arrangements(session: Session, snapshot: Sequence[ArrangementRecord]) -> None:
    """Undo of delete: put arrangements back with their ids."""
    for record in snapshot:
        add_arrangement(session, record.candidate_id, record.fields, arrangement_id=record.id)


def set_status(session: Session, arrangement_ids: Iterable[int], status: str, *,
               approved_on: date | None = None) -> dict[int, ArrangementFields]:
    """Set many arrangements' status; returns each one's previous fields for undo."""
    before: dict[int, ArrangementFields] = {}
    for arrangement_id in arrangement_ids:
        current = arrangement(session, arrangement_id)
        before[arrangement_id] = current.fields
        changes: dict[str, object] = {"status": status}
        if status == "approved" and approved_on is not None and current.approved_on is None:
            changes |= {"approved_on": approved_on, "expires_on": None}
        update_arrangement(session, arrangement_id, replace(current.fields, **changes))  # type: ignore[arg-type]
    return before


def put_back_fields(session: Session, previous: dict[int, ArrangementFields]) -> None:
    for arrangement_id, fields in previous.items():
        update_arrangement(session, arrangement_id, fields)


def candidate_timing(records: Iterable[ArrangementRecord], day: date) -> tuple[int | None, int | None]:
    """The extra time % and rest minutes/hour a candidate has on ``day``: the largest of
    their arrangements in force (extra time does not add up across arrangements)."""
    active = [r for r in records if r.in_force(day)]
    extra = max((r.extra_time_percent or 0 for r in active), default=0)
    rest = max((r.rest_minutes_per_hour or 0 for r in active), default=0)
    return extra or None, rest or None
