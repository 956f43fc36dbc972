"""Bringing a year's key dates up to a pack: add what is missing, update the reference dates
the officer has not edited, never touch those they have, and say what changed.

A date loaded from a pack keeps its reference key; any change the officer makes to it but
"done" sets its ``edited`` flag (``key_date_records.update_key_date``). So a newer pack, or
eoffice's own after an upgrade, can correct a projection (2027's results days a week later)
or confirm it, while the officer's own dates stay theirs. Plan tasks linked to a date that
moves go with it, as when the officer moves it, unless they would leave their year.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import audit
from eoffice.domain.dates import format_date
from eoffice.domain.keydates.key_date_fields import KeyDateFields
from eoffice.domain.keydates.key_date_records import (
    KeyDateRecord,
    add_missing_reference_dates,
    key_dates,
    no_reference_dates,
    reference_dates,
    update_key_date,
)
from eoffice.domain.keydates.linked_tasks import StayingTask, TaskShift, shift_linked_tasks
from eoffice.domain.keydates.pack_format import ReferenceDate, ReferencePack
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

_FROM_PACK = ("on", "end", "title", "series", "body", "category", "source", "needs_check")


@dataclass(frozen=True)
class ReferenceChange:
    """A reference date brought up to the pack, and what changed, in words."""

    record_id: int
    key: str
    title: str
    changes: tuple[str, ...]
    days_moved: int = 0

    def line(self) -> str:
        return f"updated: {self.title!r}: {'; '.join(self.changes)}"


@dataclass(frozen=True)
class KeptDate:
    """A reference date the officer changed, left as they made it though the pack differs."""

    record_id: int
    key: str
    title: str
    on: date
    pack_on: date
    pack_title: str

    def line(self) -> str:
        differs = [f"{format_date(self.pack_on)}"] if self.pack_on != self.on else []
        if self.pack_title != self.title:
            differs.append(f"the title {self.pack_title!r}")
        has = f"; the pack has {' and '.join(differs)}" if differs else ""
        return f"kept: {self.title!r} on {format_date(self.on)}, as you changed it{has}"


@dataclass(frozen=True)
class ReferenceUpdate:
    year: AcademicYear
    added: tuple[KeyDateRecord, ...]
    changed: tuple[ReferenceChange, ...]
    kept: tuple[KeptDate, ...]
    total: int  # the year's reference dates in the pack
    projected: int  # of them, eoffice's projections from a rule (the pack does not list them)
    moved_tasks: int = 0
    staying: tuple[StayingTask, ...] = ()
    shifts: tuple[TaskShift, ...] = ()  # the tasks each moved date took with it: what an undo moves back

    def lines(self, *, projection: bool = True) -> list[str]:
        """What changed besides what was added, one line each; nothing when nothing did.
        ``projection`` False leaves out the line saying the year's dates are projected (the
        window says that on the tab itself)."""
        found = [c.line() for c in self.changed]
        if self.changed:
            found.append(f"updated {plural(len(self.changed), 'reference date')} in {self.year.label}")
        found += [k.line() for k in self.kept]
        if projection and self.projected == self.total:
            found.append(
                f"projected: {self.year.label} is not in the pack: its {plural(self.total, 'reference date')} "
                "are projected from their rules; check them before relying on them"
            )
        elif projection and self.projected:
            found.append(
                f"projected: {self.projected} of the {plural(self.total, 'reference date')} of {self.year.label} are not "
                "in the pack and are projected from their rules; check them before relying on them"
            )
        if self.moved_tasks:
            whose = "its key date" if self.moved_tasks == 1 else "their key dates"
            found.append(f"plan: {plural(self.moved_tasks, 'task')} moved with {whose}")
        found += [f"plan: {t.title!r} stays: {t.reason}" for t in self.staying]
        return found


def _pack_fields(current: KeyDateFields, wanted: KeyDateFields) -> KeyDateFields:
    return replace(current, **{name: getattr(wanted, name) for name in _FROM_PACK})


def _changes(current: KeyDateFields, wanted: KeyDateFields) -> tuple[str, ...]:
    found = []
    if current.on != wanted.on:
        found.append(f"date {format_date(current.on)} to {format_date(wanted.on)}")
    if current.end != wanted.end:
        found.append(f"end {format_date(current.end) or 'none'} to {format_date(wanted.end) or 'none'}")
    if current.title != wanted.title:
        found.append(f"title was {current.title!r}")
    if current.needs_check != wanted.needs_check:
        found.append("now projected (check)" if wanted.needs_check else "now confirmed")
    found += [f"new {name}" for name in ("series", "body", "category", "source") if getattr(current, name) != getattr(wanted, name)]
    return tuple(found)


def update_reference_dates(session: Session, year: AcademicYear, pack: ReferencePack | None = None) -> ReferenceUpdate:
    """Bring ``year`` up to ``pack`` (eoffice's own by default): add the dates it has not got,
    update the reference dates the officer has not edited, leave the edited ones, and move
    the plan tasks linked to a date that moved. InputError for a year the pack does not cover."""
    wanted = reference_dates(year, pack)
    if not wanted:
        raise InputError(no_reference_dates(year, pack))
    by_key: dict[str, KeyDateRecord] = {r.reference_key: r for r in key_dates(session, year) if r.reference_key}
    changed: list[ReferenceChange] = []
    kept: list[KeptDate] = []
    moved = 0
    staying: list[StayingTask] = []
    shifts: list[TaskShift] = []
    for reference in wanted:
        record = by_key.get(reference.key)
        if record is None:
            continue
        if record.edited:
            theirs = reference.fields
            if (record.on, record.end, record.title) != (theirs.on, theirs.end, theirs.title):
                kept.append(KeptDate(record.id, reference.key, record.title, record.on, theirs.on, theirs.title))
            continue
        change = _update(session, record, reference)
        if change is None:
            continue
        changed.append(change)
        if change.days_moved and not record.done:
            shift = shift_linked_tasks(session, record.id, change.days_moved)
            moved += len(shift.moving)
            staying += shift.staying
            shifts.append(shift)
    added = add_missing_reference_dates(session, year, wanted)
    if changed:
        audit.record(session, "update", "key_dates", year.label, f"{len(changed)} reference dates updated from the pack")
    projected = sum(r.projected for r in wanted)
    return ReferenceUpdate(year, tuple(added), tuple(changed), tuple(kept), len(wanted), projected, moved, tuple(staying),
                           tuple(shifts))


def _update(session: Session, record: KeyDateRecord, reference: ReferenceDate) -> ReferenceChange | None:
    new = _pack_fields(record.fields, reference.fields)
    changes = _changes(record.fields, new)
    if not changes:
        return None
    update_key_date(session, record.id, new, edited=False)  # the pack's change, not the officer's
    return ReferenceChange(record.id, reference.key, new.title, changes, (new.on - record.on).days)
