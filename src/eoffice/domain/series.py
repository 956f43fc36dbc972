"""Stored academic years and the exam series in each.

The reads of the years themselves (``year_id``, ``stored_years``, ``years_to_offer``) are plain
SQL in ``year_reads``, which the window reads before SQLAlchemy loads; they are re-exported here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import Series
from eoffice.domain import audit
from eoffice.domain.year_reads import stored_years as stored_years
from eoffice.domain.year_reads import year_id as year_id
from eoffice.domain.year_reads import years_to_offer as years_to_offer
from eoffice.domain.years import SERIES_NAMES, AcademicYear


def ensure_year(session: Session, year: AcademicYear) -> YearRow:
    """The stored year, created with its November, January and Summer series if new."""
    row = session.scalar(select(YearRow).where(YearRow.start_year == year.start_year))
    if row is None:
        row = YearRow(start_year=year.start_year)
        row.series = [Series(name=name, position=i) for i, name in enumerate(SERIES_NAMES)]
        session.add(row)
        session.flush()
        audit.record(session, "create", "academic_year", year.label, f"year {year.label} added")
    return row


def series_names(session: Session, year: AcademicYear) -> list[str]:
    query = (
        select(Series.name)
        .join(YearRow)
        .where(YearRow.start_year == year.start_year)
        .order_by(Series.position)
    )
    names = list(session.scalars(query))
    return names or list(SERIES_NAMES)
