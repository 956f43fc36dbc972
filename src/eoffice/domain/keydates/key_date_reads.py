"""The year's key dates read in plain SQL, with the rule for a worked-out internal deadline and
what it reads (the centre's nation, the working days per category): what the Overview shows on
the window's first paint and the access warnings' deadlines, before SQLAlchemy loads (issue 17).

An internal deadline is either typed, or derived as N working days before the external
date, N per category in settings, and never before the first day of the academic year
(the summer holiday of the year before is no time to meet it). A derived deadline that the
year's start cut short carries a note saying so (``derived_deadline``).

Each read takes either handle (``db.plain.Reads``): the plain ``sqlite3`` connection the
window starts with, or an ORM session. ``key_date_records`` keeps every other read and every
write, and re-exports what is here. This module imports neither SQLAlchemy nor the models.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from eoffice.db.plain import Reads, as_reader, day, day_or_none
from eoffice.domain import settings
from eoffice.domain.centre_reads import centre_nation as centre_nation
from eoffice.domain.keydates.key_date_fields import CATEGORIES, KeyDateFields, KeyDateRecord
from eoffice.domain.keydates.working_days import working_days_before_from
from eoffice.domain.years import AcademicYear


def _setting(category: str) -> str:
    return f"keydates.internal_days.{category}"


def internal_days(db: Reads, category: str) -> int:
    """Working days between a category's worked-out internal deadline and its external date."""
    return int(settings.get(db, _setting(category)))


def _days_per_category(db: Reads) -> dict[str, int]:
    """Every category's working days in one query (``settings.get_many``), not one per category."""
    found = settings.get_many(db, [_setting(c) for c in CATEGORIES])
    return {c: int(found[_setting(c)]) for c in CATEGORIES}


def shortened_note(count: int) -> str:
    days = f"{count} working day{'s' if count != 1 else ''} before"
    what = "the last working day on or before it" if count == 0 else days
    return f"Shortened: {what} would fall before the year starts"


def derived_deadline(external: date, count: int, nation: str) -> tuple[date, str]:
    """The one rule for a worked-out internal deadline, with a note when the year's start cut
    it short: counted back across the summer it would land in the holiday of the year before."""
    day, shortened = working_days_before_from(external, count, nation, AcademicYear.containing(external).start)
    return day, shortened_note(count) if shortened else ""


def shortened_notes(db: Reads) -> Callable[[KeyDateFields], str]:
    """Each key date's shortened note (``derived_deadline``), "" for most; the nation and the
    days per category are read once, for a whole list."""
    nation = centre_nation(db)
    days = _days_per_category(db)

    def note(fields: KeyDateFields) -> str:
        if not fields.internal_derived:
            return ""
        if fields.category not in days:  # not a category eoffice knows: settings.get names it
            days[fields.category] = internal_days(db, fields.category)
        deadline, text = derived_deadline(fields.on, days[fields.category], nation)
        return text if deadline == fields.internal_deadline else ""  # the rule does not explain a stale date

    return note


# The stored columns, in the order ``_record`` takes them ("on" and "end" are SQL words: quoted).
_KEY_DATES = """
    SELECT k.id, k."on", k.title, k.series, k.body, k.category, k."end", k.internal_deadline,
           k.internal_derived, k.source, k.done, k.needs_check, k.reference_key, k.edited
    FROM key_date AS k JOIN academic_year AS y ON y.id = k.year_id
    WHERE y.start_year = ?
    ORDER BY k."on", k.id
"""


def _record(row: tuple[Any, ...], year: AcademicYear, notes: Callable[[KeyDateFields], str]) -> KeyDateRecord:
    (key_date_id, on, title, series, body, category, end, internal_deadline, internal_derived, source, done,
     needs_check, reference_key, edited) = row  # fmt: skip
    fields = KeyDateFields(
        on=day(on), title=title, series=series, body=body, category=category, end=day_or_none(end),
        internal_deadline=day_or_none(internal_deadline), internal_derived=bool(internal_derived), source=source,
        done=bool(done), needs_check=bool(needs_check),
    )
    return KeyDateRecord(key_date_id, year, fields, reference_key, bool(edited), notes(fields))


def key_dates(db: Reads, year: AcademicYear) -> list[KeyDateRecord]:
    """The year's key dates in date order (then as added), each with its shortened note; none
    for a year with nothing recorded. The Overview and the Key dates tab read them each time."""
    rows = as_reader(db).execute(_KEY_DATES, (year.start_year,)).fetchall()
    if not rows:
        return []  # no settings or nation read for an empty year
    notes = shortened_notes(db)
    return [_record(row, year, notes) for row in rows]


def dates_in_category(db: Reads, year: AcademicYear, category: str) -> list[tuple[date, str, str]]:
    """The year's key dates of one category as stored, in date order: (date, title, series)
    each, without working out internal deadlines (what ``key_dates`` adds, and the access
    warnings' deadline rule does not need)."""
    rows = as_reader(db).execute(
        'SELECT k."on", k.title, k.series FROM key_date AS k JOIN academic_year AS y ON y.id = k.year_id '
        'WHERE y.start_year = ? AND k.category = ? ORDER BY k."on", k.id',
        (year.start_year, category),
    )
    return [(day(on), title, series) for on, title, series in rows]
