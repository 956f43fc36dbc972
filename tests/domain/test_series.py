"""Stored academic years and the exam series in each."""

from __future__ import annotations

from sqlalchemy import func, select

from eoffice.db.models import Series
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.series import ensure_year, series_names, stored_years, years_to_offer
from eoffice.domain.years import SERIES_NAMES, AcademicYear
from tests.conftest import TODAY


def test_ensure_year_creates_the_year_with_its_series_once(db: Database) -> None:
    year = AcademicYear(2026)
    with db.session() as session:
        first = ensure_year(session, year)
        again = ensure_year(session, year)
        assert again.id == first.id
        assert [s.name for s in first.series] == list(SERIES_NAMES)
        assert [s.position for s in first.series] == [0, 1, 2]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Series)) == 3
        [entry] = audit.entries(session)
    assert (entry.action, entry.entity, entry.entity_id) == ("create", "academic_year", "2026/27")


def test_stored_years_are_in_order(db: Database) -> None:
    with db.session() as session:
        for start in (2027, 2025, 2026):
            ensure_year(session, AcademicYear(start))
        assert stored_years(session) == [AcademicYear(2025), AcademicYear(2026), AcademicYear(2027)]


def test_years_to_offer_always_include_the_current_one(db: Database) -> None:
    with db.session() as session:
        assert years_to_offer(session, TODAY) == [AcademicYear(2026)]
        ensure_year(session, AcademicYear(2024))
        ensure_year(session, AcademicYear(2026))
        assert years_to_offer(session, TODAY) == [AcademicYear(2024), AcademicYear(2026)]


def test_series_names_of_an_unstored_year_are_the_usual_three(db: Database) -> None:
    with db.session() as session:
        assert series_names(session, AcademicYear(2030)) == list(SERIES_NAMES)


def test_deleting_a_year_deletes_its_series(db: Database) -> None:
    with db.session() as session:
        ensure_year(session, AcademicYear(2026))
        ensure_year(session, AcademicYear(2027))
    with db.session() as session:
        row = ensure_year(session, AcademicYear(2026))
        session.delete(row)
    with db.session() as session:
        assert stored_years(session) == [AcademicYear(2027)]
        assert session.scalar(select(func.count()).select_from(Series)) == 3
