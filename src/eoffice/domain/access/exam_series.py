"""The exam series a date falls in, and the day each series of the year starts.

Awarding bodies publish one timetable per series (November, January, Summer), so the
series is worked out from a paper's date. The access warnings estimate an application's
deadline from the first exam of the candidate's series, on the Overview's first paint,
before SQLAlchemy loads (issue 17): so this reads in plain SQL, with either handle
(``db.plain.Reads``), and imports neither SQLAlchemy nor the models. ``timetable``
re-exports both names.
"""

from __future__ import annotations

from datetime import date

from eoffice.db.plain import Reads, as_reader, stored_day
from eoffice.db.plain import day as stored_date
from eoffice.domain.years import AcademicYear


def series_of(day: date) -> str:
    """The exam series a date falls in: November (Oct-Dec), January (Jan-Mar), else Summer."""
    if day.month in (10, 11, 12):
        return "November"
    if day.month in (1, 2, 3):
        return "January"
    return "Summer"


def first_exam_of_series(db: Reads, year: AcademicYear) -> dict[str, date]:
    """The first timetabled date of each series in the year (only series with papers)."""
    reader = as_reader(db)
    found: dict[str, date] = {}
    for (text,) in reader.execute(
        "SELECT DISTINCT sat_on FROM paper WHERE sat_on >= ? AND sat_on <= ? ORDER BY sat_on",
        (stored_day(year.start), stored_day(year.end)),
    ):
        on = stored_date(text)
        found.setdefault(series_of(on), on)
    return found
