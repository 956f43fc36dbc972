"""The Overview reads each area's list once per gather: the access warnings (most of its time
at ten times a large school) serve both the dated items and the access line."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eoffice.db.session import Database
from eoffice.domain import access, overview
from eoffice.domain.access import attention
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY


def test_the_access_warnings_are_worked_out_once_and_say_the_same(demo_db: Database,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    year = AcademicYear.containing(TODAY)
    with demo_db.sessions() as session:
        alone = access.overview_lines(session, year, TODAY)  # the access line worked out on its own
        calls: list[AcademicYear] = []
        real = attention.find_warnings

        def counted(session: Any, year: AcademicYear, *args: Any, **kwargs: Any) -> Any:
            calls.append(year)
            return real(session, year, *args, **kwargs)

        monkeypatch.setattr(overview, "find_warnings", counted)  # what the gather reads by name
        monkeypatch.setattr(attention, "find_warnings", counted)  # what the access line would read again
        snapshot = overview.gather(session, year, TODAY)
    assert calls == [year]
    line = next(a for a in snapshot.areas if a.tab_key == "access")
    assert line.summary == "; ".join(alone)


def test_the_overview_says_the_same_through_a_session_and_through_the_plain_connection(demo_db: Database) -> None:
    """The window reads it through SQLite's own connection before SQLAlchemy loads; the meeting
    pack and the tests through a session: one gather, the same answer."""
    for today in (TODAY, date(2027, 5, 20), date(2027, 8, 20)):  # autumn, the summer series, late August
        year = AcademicYear.containing(today)
        with demo_db.sessions() as session:
            through_session = overview.gather(session, year, today)
        assert overview.gather(demo_db.reader(), year, today) == through_session
        assert through_session.areas and (through_session.overdue or through_session.ahead)
