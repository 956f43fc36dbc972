"""Key dates: external deadlines per series and awarding body, and the internal
deadlines the officer sets before them.

An internal deadline is either typed, or derived as N working days before the external
date, N per category in settings, and never before the first day of the academic year
(the summer holiday of the year before is no time to meet it). Dates loaded from the
reference list remember their reference key, so loading again adds only what is missing
and never touches a date the officer has edited.

The year's list (``key_dates``, ``dates_in_category``) and the deadline rule with what it reads
are plain SQL in ``key_date_reads``, read before SQLAlchemy loads; the record is in
``key_date_fields``, the countdown and the deadlines list in ``due``. They are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, replace
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice import paths
from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import KeyDate, PlanTask
from eoffice.domain import audit, settings
from eoffice.domain.bulk import IDS_PER_QUERY, audit_each, insert_all, values_of
from eoffice.domain.database_id import database_id
from eoffice.domain.dates import format_date
from eoffice.domain.keydates.due import Deadline as Deadline
from eoffice.domain.keydates.due import countdown as countdown
from eoffice.domain.keydates.due import deadlines as deadlines
from eoffice.domain.keydates.key_date_fields import CATEGORIES, KeyDateFields, validate_key_date
from eoffice.domain.keydates.key_date_fields import KeyDateRecord as KeyDateRecord
from eoffice.domain.keydates.key_date_reads import centre_nation as centre_nation
from eoffice.domain.keydates.key_date_reads import dates_in_category as dates_in_category
from eoffice.domain.keydates.key_date_reads import derived_deadline as derived_deadline
from eoffice.domain.keydates.key_date_reads import internal_days as internal_days
from eoffice.domain.keydates.key_date_reads import key_dates as key_dates
from eoffice.domain.keydates.key_date_reads import shortened_note as shortened_note
from eoffice.domain.keydates.key_date_reads import shortened_notes
from eoffice.domain.keydates.pack_format import ReferenceDate, ReferencePack, dates_for_year, read_pack, years_text
from eoffice.domain.keydates.pack_format import covered_years as pack_covered_years
from eoffice.domain.series import ensure_year
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

# Working days between the internal deadline and the external one, per category: the
# defaults are declared with every other setting's, in ``settings.DEFAULTS``.
DEFAULT_INTERNAL_DAYS: dict[str, int] = {c: settings.DEFAULTS[f"keydates.internal_days.{c}"] for c in CATEGORIES}


def derive_internal_deadline(session: Session, external: date, category: str) -> date:
    """N working days (per category, a setting) before the external date, within its year."""
    return derived_deadline(external, internal_days(session, category), centre_nation(session))[0]


def deadline_rule(session: Session) -> Callable[[date, str], date]:
    """``derive_internal_deadline`` with the nation and each category's days read once, for
    working out thousands (an import) without two queries each."""
    nation = centre_nation(session)
    days: dict[str, int] = {}
    found: dict[tuple[date, str], date] = {}  # a year has a few hundred dates: each worked out once

    def rule(external: date, category: str) -> date:
        if (external, category) not in found:
            if category not in days:
                days[category] = internal_days(session, category)
            found[external, category] = derived_deadline(external, days[category], nation)[0]
        return found[external, category]

    return rule


def _resolved(session: Session, fields: KeyDateFields) -> KeyDateFields:
    if fields.internal_derived:
        return replace(fields, internal_deadline=derive_internal_deadline(session, fields.on, fields.category))
    return fields


def _record(row: KeyDate, year: AcademicYear, notes: Callable[[KeyDateFields], str]) -> KeyDateRecord:
    """A key date held by the session (``key_date_reads`` has the plain read's own)."""
    fields = KeyDateFields(
        on=row.on, title=row.title, series=row.series, body=row.body, category=row.category, end=row.end,
        internal_deadline=row.internal_deadline, internal_derived=row.internal_derived, source=row.source,
        done=row.done, needs_check=row.needs_check,
    )
    return KeyDateRecord(row.id, year, fields, row.reference_key, row.edited, notes(fields))


def key_dates_with_ids(session: Session, key_date_ids: Iterable[int]) -> list[KeyDateRecord]:
    """The key dates with these ids that still exist, in date order, each with its year: what a
    list that shows an edit's rows alone reads again (a missing id was deleted)."""
    ids = sorted(set(key_date_ids))
    if not ids:
        return []
    rows: list[tuple[KeyDate, int]] = []
    for start in range(0, len(ids), IDS_PER_QUERY):
        rows += [(row, start_year) for row, start_year in session.execute(
            select(KeyDate, YearRow.start_year).join(YearRow, YearRow.id == KeyDate.year_id)
            .where(KeyDate.id.in_(ids[start:start + IDS_PER_QUERY])))]
    rows.sort(key=lambda found: (found[0].on, found[0].id))
    notes = shortened_notes(session)
    return [_record(row, AcademicYear(start_year), notes) for row, start_year in rows]


def key_date(session: Session, key_date_id: int) -> KeyDateRecord:
    row = session.get(KeyDate, key_date_id)
    if row is None:
        raise InputError(f"there is no key date {key_date_id}")
    start_year = session.scalar(select(YearRow.start_year).where(YearRow.id == row.year_id))
    return _record(row, AcademicYear(start_year), shortened_notes(session))  # type: ignore[arg-type]


def add_key_date(
    session: Session,
    year: AcademicYear,
    fields: KeyDateFields,
    *,
    reference_key: str | None = None,
    key_date_id: int | None = None,
) -> KeyDateRecord:
    fields = _resolved(session, validate_key_date(fields, year))
    database_id(session)  # from the first key date on, its calendar events have UIDs to keep
    row = KeyDate(year_id=ensure_year(session, year).id, reference_key=reference_key, **asdict(fields))
    if key_date_id is not None:
        row.id = key_date_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "key_date", row.id, f"key date added to {year.label}")
    return _record(row, year, shortened_notes(session))


def add_key_dates(session: Session, many: Sequence[tuple[AcademicYear, KeyDateFields]]) -> list[int]:
    """Add many key dates, (year, fields) each (an import), checked, worked out and audited as
    ``add_key_date`` does; returns their ids. A few queries and one insert, whatever the count."""
    rule = deadline_rule(session)
    checked = []
    for year, fields in many:
        fields = validate_key_date(fields, year)
        if fields.internal_derived:
            fields = replace(fields, internal_deadline=rule(fields.on, fields.category))
        checked.append((year, fields))
    if not checked:
        return []
    database_id(session)  # from the first key date on, its calendar events have UIDs to keep
    year_ids = {year: ensure_year(session, year).id for year in sorted({year for year, _fields in checked})}
    ids = insert_all(session, KeyDate, [{"year_id": year_ids[year], "reference_key": None, "edited": False,
                                         **values_of(fields)} for year, fields in checked])
    audit_each(session, "create", "key_date", ((key_date_id, f"key date added to {year.label}")
                                               for key_date_id, (year, _fields) in zip(ids, checked, strict=True)))
    return ids


def update_key_date(
    session: Session, key_date_id: int, fields: KeyDateFields, *, edited: bool | None = None
) -> KeyDateRecord:
    """Any change but "done" marks a reference date edited; undo passes ``edited`` to put the
    flag back as it was, since after an undo the date is the reference list's own again."""
    current = key_date(session, key_date_id)
    fields = _resolved(session, validate_key_date(fields, current.year))
    row = session.get(KeyDate, key_date_id)
    assert row is not None
    changed = [name for name, value in asdict(fields).items() if getattr(row, name) != value]
    if not changed and edited in (None, row.edited):
        return current
    for name in changed:
        setattr(row, name, getattr(fields, name))
    if edited is not None:
        row.edited = edited
    elif row.reference_key and set(changed) - {"done"}:
        row.edited = True  # reloading the reference list must not undo the officer's change
    session.flush()
    if changed:
        audit.record(session, "update", "key_date", key_date_id, f"changed: {', '.join(changed)}")
    return _record(row, current.year, shortened_notes(session))


def set_done(session: Session, key_date_ids: Iterable[int], done: bool) -> dict[int, bool]:
    before: dict[int, bool] = {}
    for key_date_id in key_date_ids:
        row = session.get(KeyDate, key_date_id)
        if row is None:
            raise InputError(f"there is no key date {key_date_id}")
        before[key_date_id] = row.done
        if row.done != done:
            row.done = done
            audit.record(session, "update", "key_date", key_date_id, "marked done" if done else "marked not done")
    return before


def delete_key_dates(session: Session, key_date_ids: Iterable[int]) -> list[KeyDateRecord]:
    gone = [key_date(session, i) for i in key_date_ids]
    for record in gone:
        session.delete(session.get(KeyDate, record.id))
        audit.record(session, "delete", "key_date", record.id, f"key date deleted from {record.year.label}")
    session.flush()
    return gone


def restore_key_dates(session: Session, snapshot: Sequence[KeyDateRecord]) -> None:
    for record in snapshot:
        add_key_date(session, record.year, record.fields, reference_key=record.reference_key, key_date_id=record.id)
        if record.edited:
            row = session.get(KeyDate, record.id)
            assert row is not None
            row.edited = True


def rederive_internal_deadlines(session: Session, year: AcademicYear) -> int:
    """After a setting or the nation changes: recompute every derived internal deadline."""
    changed = 0
    for record in key_dates(session, year):
        if record.fields.internal_derived:
            new = derive_internal_deadline(session, record.on, record.category)
            if new != record.internal_deadline:
                session.execute(update(KeyDate).where(KeyDate.id == record.id).values(internal_deadline=new))
                changed += 1
    return changed


def rederive_all_internal_deadlines(session: Session) -> int:
    """Every year's, once the days per category (``settings.change``) or the nation (``save_centre``) change."""
    years = session.scalars(select(YearRow.start_year)).all()
    return sum(rederive_internal_deadlines(session, AcademicYear(y)) for y in years)


settings.when_changed("keydates.internal_days.", rederive_all_internal_deadlines)


# --- links to plan tasks --------------------------------------------------------------

def link_task(session: Session, task_id: int, key_date_id: int | None) -> None:
    row = session.get(PlanTask, task_id)
    if row is None:
        raise InputError(f"there is no task {task_id}")
    if key_date_id is not None and session.get(KeyDate, key_date_id) is None:
        raise InputError(f"there is no key date {key_date_id}")
    row.key_date_id = key_date_id
    audit.record(session, "update", "plan_task", task_id, "linked to a key date" if key_date_id else "key date link removed")


def linked_task_ids(session: Session, key_date_id: int) -> list[int]:
    return list(session.scalars(select(PlanTask.id).where(PlanTask.key_date_id == key_date_id).order_by(PlanTask.id)))


# --- the reference list -----------------------------------------------------------------

def reference_path() -> Path:
    return paths.resource("key_dates_reference.json")


@cache
def reference_pack(path: Path | None = None) -> ReferencePack:
    """The key-dates pack at ``path`` (eoffice's own by default), read once and checked whole."""
    return read_pack(path or reference_path())


def load_reference(path: Path | None = None) -> tuple[ReferenceDate, ...]:
    """The dates the pack lists, each with its rule if it recurs."""
    return reference_pack(path).dates


def reference_years() -> list[AcademicYear]:
    """The years eoffice's pack lists dates for (``covered_years`` adds those it projects)."""
    return sorted({r.year for r in load_reference()})


def _listed_and_until(pack: ReferencePack | None) -> tuple[Sequence[ReferenceDate], AcademicYear | None]:
    if pack is not None:
        return pack.dates, pack.projected_until
    return load_reference(), reference_pack().projected_until


def covered_years(pack: ReferencePack | None = None) -> list[AcademicYear]:
    """Every year load-reference can fill: listed in the pack or projected from its rules."""
    dates, until = _listed_and_until(pack)
    return pack_covered_years(dates, until)


def reference_dates(year: AcademicYear, pack: ReferencePack | None = None) -> list[ReferenceDate]:
    """The year's reference dates from ``pack`` (eoffice's own by default): those it lists, and
    the recurring ones it does not list for that year projected by their rules. Empty for a
    year the pack does not cover."""
    dates, until = _listed_and_until(pack)
    return dates_for_year(dates, year, until)


def no_reference_dates(year: AcademicYear, pack: ReferencePack | None = None) -> str:
    """"there are no reference dates for 2040/41; eoffice has them for 2025/26 to 2035/36"."""
    return f"there are no reference dates for {year.label}; eoffice has them for {years_text(covered_years(pack))}"


def reference_summary(year: AcademicYear, pack: ReferencePack | None = None) -> str:
    """The Key dates tab's line about the reference dates of ``year``: "reference dates as of
    07/12/2026: 3 confirmed, 44 projected, check before relying". Never raises: a pack that
    cannot be read says so."""
    try:
        chosen = pack or reference_pack()
        found = reference_dates(year, pack)
    except (OSError, ValueError, KeyError, TypeError, InputError) as error:
        return f"eoffice's reference dates cannot be read ({error})"
    if not found:
        return f"no reference dates for {year.label}: eoffice has them for {years_text(covered_years(pack))}"
    projected = sum(r.fields.needs_check for r in found)
    counts = f"{len(found) - projected} confirmed"
    if projected:
        counts += f", {projected} projected, check before relying"
    return f"reference dates as of {format_date(chosen.as_of)}: {counts}"


def add_missing_reference_dates(
    session: Session, year: AcademicYear, wanted: Sequence[ReferenceDate]
) -> list[KeyDateRecord]:
    """Add those of ``wanted`` whose key the year has not got yet; returns what was added."""
    present = {r.reference_key for r in key_dates(session, year) if r.reference_key}
    added = [add_key_date(session, year, r.fields, reference_key=r.key) for r in wanted if r.key not in present]
    audit.record(session, "create", "key_dates", year.label, f"{len(added)} reference dates loaded")
    return added


def load_reference_dates(session: Session, year: AcademicYear, pack: ReferencePack | None = None) -> list[KeyDateRecord]:
    """Add the reference dates for a year that are not there yet; returns what was added.

    A year the pack does not list gets its recurring dates projected by their rules."""
    wanted = reference_dates(year, pack)
    if not wanted:
        raise InputError(no_reference_dates(year, pack))
    return add_missing_reference_dates(session, year, wanted)
