"""The demo centre's plans: last year finished, this year part way through as of TODAY."""

from __future__ import annotations

from datetime import timedelta

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

CURRENT = AcademicYear(2026)
PREVIOUS = AcademicYear(2025)


def test_demo_years_have_the_whole_template(demo_db: Database) -> None:
    size = len(plan.load_template().tasks)
    with demo_db.session() as session:
        assert plan.count_tasks(session, PREVIOUS) == size
        assert plan.count_tasks(session, CURRENT) == size
        assert plan.count_tasks(session, CURRENT.next()) == 0  # next year is left for the officer


def test_last_years_plan_is_all_done(demo_db: Database) -> None:
    with demo_db.session() as session:
        previous = plan.tasks(session, PREVIOUS)
    assert previous
    assert all(t.status == "done" for t in previous)
    assert all(t.done_on == t.due for t in previous)
    assert all(PREVIOUS.contains(t.due) for t in previous)
    assert plan.open_tasks(previous) == []
    assert all(p.done == p.total for p in plan.progress_by_month(PREVIOUS, previous))


def test_this_year_is_mostly_done_up_to_today(demo_db: Database) -> None:
    with demo_db.session() as session:
        current = plan.tasks(session, CURRENT)
    past = [t for t in current if t.due < TODAY - timedelta(days=10)]
    assert len(past) >= 10
    done = [t for t in past if t.status == "done"]
    assert len(done) > len(past) / 2
    assert len(done) < len(past)  # a few left undone, as in any real year
    for t in current:
        if t.status == "done":
            assert t.done_on is not None and t.done_on <= TODAY
        else:
            assert t.done_on is None


def test_nothing_far_ahead_is_done(demo_db: Database) -> None:
    with demo_db.session() as session:
        current = plan.tasks(session, CURRENT)
    later = [t for t in current if t.due > TODAY + timedelta(days=21)]
    assert len(later) > len(current) / 2
    assert all(t.status == "not_started" for t in later)


def test_the_demo_shows_something_overdue(demo_db: Database) -> None:
    with demo_db.session() as session:
        current = plan.tasks(session, CURRENT)
    overdue = [t for t in current if t.urgency(TODAY) == "Overdue"]
    assert len(overdue) >= 1
    assert all(t.due < TODAY and t.status in ("not_started", "in_progress") for t in overdue)
    assert any(t.urgency(TODAY) == "Due soon" for t in current)
