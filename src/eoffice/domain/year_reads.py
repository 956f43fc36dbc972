"""The stored academic years, read in plain SQL: what the window's year list and each year's
first reads need before SQLAlchemy has loaded (issue 17).

Each read takes either handle (``db.plain.Reads``): the plain ``sqlite3`` connection the
window starts with, or an ORM session. ``series`` re-exports them beside ``ensure_year``, the
write that adds a year; this module imports neither SQLAlchemy nor the models.
"""

from __future__ import annotations

from datetime import date

from eoffice.db.plain import Reads, as_reader
from eoffice.domain.years import AcademicYear


def year_id(db: Reads, year: AcademicYear) -> int | None:
    """The stored year's id, or None when nothing has been recorded for that year yet."""
    row = as_reader(db).execute("SELECT id FROM academic_year WHERE start_year = ?", (year.start_year,)).fetchone()
    return None if row is None else int(row[0])


def stored_years(db: Reads) -> list[AcademicYear]:
    return [AcademicYear(start) for (start,) in as_reader(db).execute("SELECT start_year FROM academic_year ORDER BY start_year")]


def years_to_offer(db: Reads, today: date | None = None) -> list[AcademicYear]:
    """Stored years plus the current one, so the switcher always has today's year."""
    return sorted({*stored_years(db), AcademicYear.current(today)})
