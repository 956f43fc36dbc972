"""Invigilators: who they are, what they may do, when they are free, and whether they may be rostered.

JCQ (Instructions for conducting examinations) expects every invigilator to have been
trained for the current academic year, and the centre's safeguarding policy expects a
DBS check on record. So compliance is worked out for the date of each session: the
roster refuses someone who is not trained since the 1 September before that date or
has no DBS check, and warns about a DBS check older than the renewal period (a
setting, because schools choose it). The solver, the table, the Overview and manual
assignment all ask ``compliance`` so they never disagree.

The roster's settings (``roster_config``) and the Overview's counts (``compliance_reads``) are
read in plain SQL, before SQLAlchemy loads (issue 17); they are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any, Protocol

from sqlalchemy import Row, delete, select
from sqlalchemy.orm import Session

from eoffice.db.models import Availability
from eoffice.db.models import Invigilator as InvigilatorRow
from eoffice.domain import audit
from eoffice.domain.access import SESSIONS
from eoffice.domain.bulk import Updates, audit_each, by_ids, insert_all, values_of
from eoffice.domain.dates import format_date
from eoffice.domain.roster.compliance_reads import ComplianceCounts as ComplianceCounts
from eoffice.domain.roster.compliance_reads import compliance_counts as compliance_counts
from eoffice.domain.roster.compliance_reads import overview_lines as overview_lines
from eoffice.domain.roster.compliance_reads import years_before as years_before
from eoffice.domain.roster.roster_config import RosterSettings as RosterSettings
from eoffice.domain.roster.roster_config import roster_settings as roster_settings
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

ROLES: dict[str, str] = {
    "lead_invigilator": "Lead invigilator",
    "invigilator": "Invigilator",
    "reader": "Reader",
    "scribe": "Scribe",
    "prompter": "Prompter",
    "practical_assistant": "Practical assistant",
    "on_screen_support": "On-screen support",
}
# Roles that may fill an ordinary invigilation place in a room.
INVIGILATES = frozenset({"invigilator", "lead_invigilator"})


OK, WARNING, BLOCKED = "ok", "warning", "blocked"


@dataclass(frozen=True)
class InvigilatorFields:
    """What the officer edits; ``validate_invigilator`` cleans it before anything is written."""

    name: str
    email: str = ""
    phone: str = ""
    roles: tuple[str, ...] = ("invigilator",)
    trained_on: date | None = None
    dbs_checked_on: date | None = None
    confidentiality_on: date | None = None
    max_per_day: int = 2
    max_per_week: int = 10
    hourly_rate_pence: int = 0
    available_by_default: bool = True
    active: bool = True


@dataclass(frozen=True)
class Invigilator:
    id: int
    fields: InvigilatorFields

    name = property(lambda self: self.fields.name)
    roles = property(lambda self: self.fields.roles)
    trained_on = property(lambda self: self.fields.trained_on)
    dbs_checked_on = property(lambda self: self.fields.dbs_checked_on)
    max_per_day = property(lambda self: self.fields.max_per_day)
    max_per_week = property(lambda self: self.fields.max_per_week)
    hourly_rate_pence = property(lambda self: self.fields.hourly_rate_pence)
    available_by_default = property(lambda self: self.fields.available_by_default)
    active = property(lambda self: self.fields.active)

    @property
    def role_labels(self) -> str:
        return ", ".join(ROLES.get(r, r) for r in self.roles)


class _Compliable(Protocol):
    @property
    def trained_on(self) -> date | None: ...
    @property
    def dbs_checked_on(self) -> date | None: ...
    @property
    def active(self) -> bool: ...


@dataclass(frozen=True)
class Compliance:
    level: str  # "ok", "warning" or "blocked"
    reasons: tuple[str, ...] = ()
    # Short keys for counting ("untrained", "no_dbs", "inactive", "dbs_old"): shortfall reasons use them.
    keys: tuple[str, ...] = ()


@cache
def _role_words() -> dict[str, str]:
    """Every way ``parse_roles`` knows each role by; made once, not once a row of an import."""
    by_word = {k: k for k in ROLES} | {v.casefold(): k for k, v in ROLES.items()}
    return by_word | {k.replace("_", " "): k for k in ROLES} | {k.replace("_", "-"): k for k in ROLES}


def parse_roles(text: str | Iterable[str]) -> tuple[str, ...]:
    """Role keys or labels, ``;``-separated or as a list, in the order of ``ROLES``."""
    parts = text.split(";") if isinstance(text, str) else list(text)
    by_word = _role_words()
    found: set[str] = set()
    for part in parts:
        word = " ".join(part.split()).casefold()
        if not word:
            continue
        if word not in by_word:
            raise InputError(f"{part.strip()!r} is not a role; use any of: {', '.join(ROLES.values())}")
        found.add(by_word[word])
    return tuple(k for k in ROLES if k in found)


def validate_invigilator(fields: InvigilatorFields) -> InvigilatorFields:
    name = " ".join(fields.name.split())
    if not name:
        raise InputError("the invigilator needs a name")
    if len(name) > 120:
        raise InputError("the name is longer than 120 characters")
    email = fields.email.strip()
    if email and ("@" not in email or " " in email or len(email) > 254):
        raise InputError(f"{email!r} is not an e-mail address")
    phone = " ".join(fields.phone.split())
    if len(phone) > 40:
        raise InputError("the phone number is longer than 40 characters")
    roles = parse_roles(fields.roles)
    if not roles:
        raise InputError("choose at least one role the invigilator can take")
    for value, what, top in ((fields.max_per_day, "sessions per day", 2), (fields.max_per_week, "sessions per week", 10)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise InputError(f"the most {what} must be a whole number from 0 to {top}")
    if fields.max_per_week < fields.max_per_day:
        raise InputError("the most sessions per week cannot be fewer than the most per day")
    if isinstance(fields.hourly_rate_pence, bool) or not 0 <= fields.hourly_rate_pence <= 100_000:
        raise InputError("the hourly rate must be between £0 and £1,000")
    for day, what in ((fields.trained_on, "training"), (fields.dbs_checked_on, "DBS check"),
                      (fields.confidentiality_on, "confidentiality agreement")):
        if day is not None and day.year < 1990:
            raise InputError(f"the {what} date {format_date(day)} is too long ago to be right")
    if (name, email, phone, roles) == (fields.name, fields.email, fields.phone, fields.roles):
        return fields  # already clean (an import checks each invigilator, then writes it): no copy
    return replace(fields, name=name, email=email, phone=phone, roles=roles)


def _fields(row: InvigilatorRow | Row[Any], roles: tuple[str, ...] | None = None) -> InvigilatorFields:
    return InvigilatorFields(
        name=row.name, email=row.email, phone=row.phone, roles=parse_roles(row.roles) if roles is None else roles,
        trained_on=row.trained_on,
        dbs_checked_on=row.dbs_checked_on, confidentiality_on=row.confidentiality_on, max_per_day=row.max_per_day,
        max_per_week=row.max_per_week, hourly_rate_pence=row.hourly_rate_pence,
        available_by_default=row.available_by_default, active=row.active,
    )  # fmt: skip


def _columns(fields: InvigilatorFields) -> dict[str, object]:
    values = values_of(fields)
    values["roles"] = ";".join(fields.roles)
    return values


def invigilators(session: Session, *, active_only: bool = False) -> list[Invigilator]:
    """Every invigilator (or the active ones) by name, read as plain rows, not ORM objects: a
    large team is read each time the Invigilators tab shows it."""
    query = select(*InvigilatorRow.__table__.columns).order_by(InvigilatorRow.name)
    if active_only:
        query = query.where(InvigilatorRow.active.is_(True))
    rows = session.execute(query).all()
    parsed = {text: parse_roles(text) for text in {row.roles for row in rows}}  # a handful of lists, each parsed once
    return [Invigilator(row.id, _fields(row, parsed[row.roles])) for row in rows]


def invigilator(session: Session, invigilator_id: int) -> Invigilator:
    row = session.get(InvigilatorRow, invigilator_id)
    if row is None:
        raise InputError(f"there is no invigilator {invigilator_id}")
    return Invigilator(row.id, _fields(row))


def _check_unique(session: Session, name: str, own_id: int | None) -> None:
    query = select(InvigilatorRow.id).where(InvigilatorRow.name == name)
    other = session.scalar(query)
    if other is not None and other != own_id:
        raise InputError(f"there is already an invigilator called {name}")


def add_invigilator(session: Session, fields: InvigilatorFields, *, invigilator_id: int | None = None) -> Invigilator:
    """Add one; ``invigilator_id`` only when undo puts a deleted invigilator back."""
    fields = validate_invigilator(fields)
    _check_unique(session, fields.name, None)
    row = InvigilatorRow(**_columns(fields))
    if invigilator_id is not None:
        row.id = invigilator_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "invigilator", row.id, "invigilator added")
    return Invigilator(row.id, fields)


def update_invigilator(session: Session, invigilator_id: int, fields: InvigilatorFields) -> Invigilator:
    current = invigilator(session, invigilator_id)
    fields = validate_invigilator(fields)
    _check_unique(session, fields.name, invigilator_id)
    row = session.get(InvigilatorRow, invigilator_id)
    assert row is not None
    new = _columns(fields)
    changed = [name for name, value in new.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, new[name])
    if changed:
        session.flush()
        audit.record(session, "update", "invigilator", invigilator_id, f"changed: {', '.join(changed)}")
    return Invigilator(current.id, fields)


def add_invigilators(session: Session, many: Sequence[InvigilatorFields]) -> list[int]:
    """Add many invigilators (an import), each checked and audited as ``add_invigilator``
    does; returns their ids. One query for the names taken and one insert, whatever the count."""
    checked = [validate_invigilator(fields) for fields in many]
    taken = set(session.scalars(select(InvigilatorRow.name)))
    for fields in checked:
        if fields.name in taken:
            raise InputError(f"there is already an invigilator called {fields.name}")
        taken.add(fields.name)
    ids = insert_all(session, InvigilatorRow, [_columns(fields) for fields in checked])
    audit_each(session, "create", "invigilator", ((invigilator_id, "invigilator added") for invigilator_id in ids))
    return ids


def update_invigilators(session: Session, changes: Sequence[tuple[int, InvigilatorFields]]) -> None:
    """Change many invigilators (an import), each checked and audited as ``update_invigilator``
    does, in a few statements."""
    rows = by_ids(session, InvigilatorRow, (invigilator_id for invigilator_id, _fields in changes))
    owners = dict(session.execute(select(InvigilatorRow.name, InvigilatorRow.id)).all())
    updates = Updates(InvigilatorRow, "invigilator")
    for invigilator_id, fields in changes:
        row = rows.get(invigilator_id)
        if row is None:
            raise InputError(f"there is no invigilator {invigilator_id}")
        fields = validate_invigilator(fields)
        if owners.get(fields.name, invigilator_id) != invigilator_id:
            raise InputError(f"there is already an invigilator called {fields.name}")
        owners.pop(row.name, None)
        owners[fields.name] = invigilator_id
        updates.compare(invigilator_id, row, _columns(fields))
    updates.write(session)


@dataclass(frozen=True)
class Deleted:
    """What undo needs to put an invigilator back with their answers."""

    invigilator: Invigilator
    answers: tuple[tuple[date, str, bool], ...]


def delete_invigilators(session: Session, ids: Iterable[int]) -> list[Deleted]:
    """Delete invigilators and their availability (assignments go with them, by cascade)."""
    gone = []
    for invigilator_id in ids:
        record = invigilator(session, invigilator_id)
        answers = session.execute(
            select(Availability.on, Availability.session, Availability.available).where(
                Availability.invigilator_id == invigilator_id
            )
        )
        gone.append(Deleted(record, tuple((a, b, c) for a, b, c in answers)))
        session.delete(session.get(InvigilatorRow, invigilator_id))
        audit.record(session, "delete", "invigilator", invigilator_id, "invigilator deleted")
    session.flush()
    return gone


def restore_invigilators(session: Session, snapshot: Sequence[Deleted]) -> None:
    for item in snapshot:
        add_invigilator(session, item.invigilator.fields, invigilator_id=item.invigilator.id)
        for on, sess, available in item.answers:
            session.add(Availability(invigilator_id=item.invigilator.id, on=on, session=sess, available=available))
    session.flush()


# --- compliance ---------------------------------------------------------------------------

def training_cutoff(session_date: date) -> date:
    """The 1 September on or before the session: training must be on or after it."""
    return AcademicYear.containing(session_date).start


def compliance(person: _Compliable, session_date: date, config: RosterSettings) -> Compliance:
    """Whether ``person`` may be rostered for a session on ``session_date``, and why not."""
    reasons: list[str] = []
    keys: list[str] = []
    if not person.active:
        reasons.append("not active")
        keys.append("inactive")
    cutoff = training_cutoff(session_date)
    trained = person.trained_on
    if trained is None or trained < cutoff:
        reasons.append(f"not trained since {format_date(cutoff)}")
        keys.append("untrained")
    elif trained > session_date:
        reasons.append(f"trained on {format_date(trained)}, after the session")
        keys.append("untrained")
    if person.dbs_checked_on is None:
        reasons.append("no DBS check on record")
        keys.append("no_dbs")
    if keys:
        return Compliance(BLOCKED, tuple(reasons), tuple(keys))
    assert person.dbs_checked_on is not None
    if person.dbs_checked_on < years_before(session_date, config.dbs_renewal_years):
        years = config.dbs_renewal_years
        text = f"DBS check of {format_date(person.dbs_checked_on)} is older than {years} year{'s' if years != 1 else ''}"
        return Compliance(WARNING, (text,), ("dbs_old",))
    return Compliance(OK)


# --- availability -------------------------------------------------------------------------

Answers = dict[tuple[int, date, str], bool]  # (invigilator id, date, "AM"/"PM") -> answer


def answers(session: Session, start: date, end: date, ids: Iterable[int] | None = None) -> Answers:
    """Every stored answer between two dates, in one query."""
    query = select(Availability.invigilator_id, Availability.on, Availability.session, Availability.available).where(
        Availability.on >= start, Availability.on <= end
    )
    if ids is not None:
        query = query.where(Availability.invigilator_id.in_(list(ids)))
    return {(i, on, s): bool(a) for i, on, s, a in session.execute(query)}


def is_available(person: Invigilator, on: date, sess: str, stored: Answers) -> bool:
    """Their answer for that session, or their default where they gave none."""
    return stored.get((person.id, on, sess), person.fields.available_by_default)


def set_availability(session: Session, invigilator_id: int, on: date, sess: str, available: bool | None) -> bool | None:
    """Set one answer (``None`` clears it back to the default); returns the previous answer for undo."""
    if sess not in SESSIONS:
        raise InputError(f"{sess!r} is not a session; use AM or PM")
    person = invigilator(session, invigilator_id)
    row = session.scalar(
        select(Availability).where(
            Availability.invigilator_id == invigilator_id, Availability.on == on, Availability.session == sess
        )
    )
    before = None if row is None else row.available
    if before == available:
        return before
    if available is None:
        if row is not None:  # always: ``before`` differs from None, so an answer is stored
            session.execute(delete(Availability).where(Availability.id == row.id))
    elif row is None:
        session.add(Availability(invigilator_id=invigilator_id, on=on, session=sess, available=available))
    else:
        row.available = available
    session.flush()
    word = {True: "available", False: "not available", None: "back to default"}[available]
    audit.record(session, "update", "invigilator", person.id, f"availability {format_date(on)} {sess}: {word}")
    return before
