"""The annual exams plan: rolling a year's tasks forward into the next."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.plan import Task, roll_date
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.domain.plan_helpers import NEXT, YEAR, audit_rows, fields, task_rows

# --- rolling forward ------------------------------------------------------------------


def _year_with_progress(db: Database) -> dict[str, Task]:
    """2026/27 from the template with some progress, plus one task the officer added."""
    with db.session() as session:
        plan.new_year_from_template(session, YEAR)
        by_key = {t.template_key: t for t in plan.tasks(session, YEAR)}
        first, second = sorted(by_key.values(), key=lambda t: t.id)[:2]
        plan.update_task(
            session, first.id, replace(first.fields, status="done", done_on=date(2026, 9, 10), notes="Done early")
        )
        plan.update_task(session, second.id, replace(second.fields, status="not_applicable"))
        custom = plan.add_task(
            session,
            YEAR,
            fields(
                title="Mock exams room plan",
                due=date(2026, 11, 30),
                start=date(2026, 11, 16),
                status="in_progress",
                notes="Ask site team",
            ),
        )
        return {t.template_key or f"task-{custom.id}": t for t in plan.tasks(session, YEAR)}


def test_roll_forward_copies_every_task_with_dates_moved_and_statuses_reset(db: Database) -> None:
    source = _year_with_progress(db)
    custom = next(t for t in source.values() if t.template_key is None)
    with db.session() as session:
        added = plan.roll_forward(session, YEAR, NEXT).added
    assert len(added) == len(source) == 73
    with db.session() as session:
        rolled = {t.template_key: t for t in plan.tasks(session, NEXT)}
        assert plan.count_tasks(session, YEAR) == 73  # the source is untouched
    assert set(rolled) == set(source)
    assert f"task-{custom.id}" in rolled
    for key, t in rolled.items():
        original = source[key]
        assert (t.status, t.done_on) == ("not_started", None)
        assert (t.title, t.phase, t.owner, t.notes, t.date_rule) == (
            original.title, original.phase, original.owner, original.notes, original.date_rule
        )
        assert t.due == roll_date(original.due, original.date_rule, 1)
        assert NEXT.contains(t.due)
    assert rolled[f"task-{custom.id}"].notes == "Ask site team"
    assert rolled[f"task-{custom.id}"].due == date(2027, 11, 30)
    assert rolled[f"task-{custom.id}"].start == date(2027, 11, 16)
    assert [n for n in (t.notes for t in rolled.values()) if n == "Done early"] == ["Done early"]
    assert audit_rows(db)[-1] == ("create", "plan", "2027/28", "73 tasks rolled forward from 2026/27")


def test_rolling_forward_twice_adds_nothing_the_second_time(db: Database) -> None:
    _year_with_progress(db)
    with db.session() as session:
        plan.roll_forward(session, YEAR, NEXT)
    with db.session() as session:
        first = plan.tasks(session, NEXT)
        assert plan.roll_forward(session, YEAR, NEXT).added == ()
    with db.session() as session:
        assert plan.tasks(session, NEXT) == first
        assert plan.count_tasks(session, NEXT) == 73


def test_a_custom_task_added_later_is_rolled_once(db: Database) -> None:
    _year_with_progress(db)
    with db.session() as session:
        plan.roll_forward(session, YEAR, NEXT)
        late = plan.add_task(session, YEAR, fields(title="Late addition", due=date(2027, 3, 3)))
    with db.session() as session:
        [added] = plan.roll_forward(session, YEAR, NEXT).added
    assert (added.title, added.due, added.template_key) == ("Late addition", date(2028, 3, 3), f"task-{late.id}")
    with db.session() as session:
        assert plan.roll_forward(session, YEAR, NEXT).added == ()
        assert plan.count_tasks(session, NEXT) == 74
        assert sum(t.title == "Late addition" for t in plan.tasks(session, NEXT)) == 1


def test_a_rolled_custom_task_keeps_its_origin_on_the_next_roll(db: Database) -> None:
    with db.session() as session:
        custom = plan.add_task(session, YEAR, fields(title="Only mine"))
        plan.roll_forward(session, YEAR, NEXT)
        [rolled] = plan.roll_forward(session, NEXT, AcademicYear(2028)).added
        assert rolled.template_key == f"task-{custom.id}"
        assert rolled.due == date(2028, 10, 1)
        assert plan.roll_forward(session, NEXT, AcademicYear(2028)).added == ()


def test_roll_forward_two_years(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, fields(title="Monday", due=date(2026, 9, 7), date_rule="weekday"))
        [rolled] = plan.roll_forward(session, YEAR, AcademicYear(2028)).added
    assert rolled.due == date(2028, 9, 4)


def test_roll_forward_refuses_the_same_year_and_an_empty_source(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, fields())
    before = audit_rows(db)
    with db.session() as session:
        with pytest.raises(InputError, match="choose a different year to roll forward into"):
            plan.roll_forward(session, YEAR, YEAR)
        with pytest.raises(InputError) as caught:
            plan.roll_forward(session, AcademicYear(2025), YEAR)
        assert str(caught.value) == "2025/26 has no tasks to roll forward"
        with pytest.raises(InputError, match="2027/28 has no tasks to roll forward"):
            plan.roll_forward(session, NEXT, AcademicYear(2028))
        assert not session.new
    assert task_rows(db) == 1
    assert audit_rows(db) == before


def test_a_weekday_shift_across_the_year_boundary_stays_in_the_target_year(db: Database) -> None:
    with db.session() as session:
        # Tuesday 1/9/2026: the nearest Tuesday a year on is 31/8/2027, in the wrong year.
        first = plan.add_task(
            session, YEAR, fields(title="First", due=date(2026, 9, 1), start=date(2026, 9, 1), date_rule="weekday")
        )
        # Tuesday 31/8/2027: three years on the nearest Tuesday is 3/9/2030, in the wrong year.
        last = plan.add_task(session, YEAR, fields(title="Last", due=date(2027, 8, 31), date_rule="weekday"))
        assert roll_date(first.due, "weekday") == date(2027, 8, 31)
        assert roll_date(last.due, "weekday", 3) == date(2030, 9, 3)
        rolled = {t.title: t for t in plan.roll_forward(session, YEAR, NEXT).added}
        far = {t.title: t for t in plan.roll_forward(session, YEAR, AcademicYear(2029)).added}
    assert NEXT.contains(rolled["First"].due)
    assert NEXT.start <= rolled["First"].start <= rolled["First"].due
    assert abs((rolled["First"].due - date(2027, 9, 1)).days) <= 7
    assert NEXT.contains(rolled["Last"].due)
    assert AcademicYear(2029).contains(far["Last"].due)
    assert AcademicYear(2029).contains(far["First"].due)
