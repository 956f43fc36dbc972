"""Stored academic years and the exam series in each."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import Series
from eoffice.domain import audit
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


def year_id(session: Session, year: AcademicYear) -> int | None:
    """The stored year's id, or None when nothing has been recorded for that year yet."""
    return session.scalar(select(YearRow.id).where(YearRow.start_year == year.start_year))


def stored_years(session: Session) -> list[AcademicYear]:
    return [AcademicYear(y) for y in session.scalars(select(YearRow.start_year).order_by(YearRow.start_year))]


def years_to_offer(session: Session, today: date | None = None) -> list[AcademicYear]:
    """Stored years plus the current one, so the switcher always has today's year."""
    return sorted({*stored_years(session), AcademicYear.current(today)})


def series_names(session: Session, year: AcademicYear) -> list[str]:
    query = (
        select(Series.name)
        .join(YearRow)
        .where(YearRow.start_year == year.start_year)
        .order_by(Series.position)
    )
    names = list(session.scalars(query))
    return names or list(SERIES_NAMES)
