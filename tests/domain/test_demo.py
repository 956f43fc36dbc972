"""The demo centre: the foundation's part of it, scaled and reproducible."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import Series
from eoffice.db.session import Database, open_database
from eoffice.domain import people
from eoffice.domain.centre import get_centre
from eoffice.domain.demo import DEMO_CENTRE, build_demo
from eoffice.domain.series import series_names, stored_years
from eoffice.domain.years import SERIES_NAMES, AcademicYear

TODAY = date(2026, 11, 23)


def heads_of_department(db: Database) -> list[str]:
    with db.session() as session:
        return [p.name for p in people.people(session, "head_of_department")]


def test_demo_creates_the_centre_and_its_people(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert get_centre(session) == DEMO_CENTRE
        assert people.named_in_role(session, "senco").name == "Zoë Brontë-Ndiaye"
        assert [p.name for p in people.people(session, "exams_assistant")] == ["Tom Barker"]
        assert [p.name for p in people.people(session, "finance")] == ["Helen Greaves"]
    assert len(heads_of_department(demo_db)) == 16


def test_demo_creates_three_years_of_three_series(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert stored_years(session) == [AcademicYear(2025), AcademicYear(2026), AcademicYear(2027)]
        for year in stored_years(session):
            assert series_names(session, year) == list(SERIES_NAMES)
        assert session.scalar(select(func.count()).select_from(YearRow)) == 3
        assert session.scalar(select(func.count()).select_from(Series)) == 9


def test_scale_two_has_more_heads_of_department(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        build_demo(session, scale=1, today=TODAY)
    with open_database(tmp_path / "bigger.sqlite3") as bigger:
        with bigger.session() as session:
            build_demo(session, scale=2, today=TODAY)
        assert len(heads_of_department(bigger)) == 2 * len(heads_of_department(db)) == 32


@pytest.mark.parametrize("scale", [0, -1])
def test_scale_below_one_is_refused(db: Database, scale: int) -> None:
    with db.session() as session:
        with pytest.raises(ValueError, match="at least 1"):
            build_demo(session, scale=scale, today=TODAY)
        assert get_centre(session) is None


def test_same_seed_gives_the_same_demo(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        build_demo(session, today=TODAY, seed=7)
    with open_database(tmp_path / "again.sqlite3") as again:
        with again.session() as session:
            build_demo(session, today=TODAY, seed=7)
        assert heads_of_department(again) == heads_of_department(db)


def test_demo_years_follow_today(db: Database) -> None:
    with db.session() as session:
        build_demo(session, today=date(2030, 3, 1))
        assert stored_years(session) == [AcademicYear(2028), AcademicYear(2029), AcademicYear(2030)]
