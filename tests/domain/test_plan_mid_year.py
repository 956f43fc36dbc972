"""A plan begun mid-year: the tasks already past, and the "before eoffice" status."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eoffice.db.session import Database
from eoffice.domain import overview, plan
from eoffice.domain.years import AcademicYear

YEAR = AcademicYear(2026)


def test_a_year_is_begun_mid_year_after_its_first_month_and_before_it_ends() -> None:
    def mid(day: date) -> bool:
        return plan.started_mid_year(YEAR.start, day, YEAR.end)

    assert not mid(date(2026, 8, 20))  # before the year
    assert not mid(date(2026, 9, 30))  # in its first month: nothing much is past
    assert mid(date(2026, 10, 1))
    assert mid(date(2026, 12, 7))  # the officer in the report
    assert not mid(date(2027, 9, 1))  # after the year: a year's record, not a new start


def test_before_eoffice_is_closed_never_overdue_and_left_out_of_progress(db: Database) -> None:
    today = date(2026, 12, 7)
    with db.session() as session:
        added = plan.new_year_from_template(session, YEAR)
        past = plan.already_past(added, today)
        assert past and all(t.due < today for t in past)
        assert all(t.urgency(today) == plan.OVERDUE for t in past)
        plan.set_status(session, [t.id for t in past], plan.BEFORE_EOFFICE, today=today)
        tasks = plan.tasks(session, YEAR)
        assert plan.already_past(tasks, today) == []
        assert not any(t.urgency(today) == plan.OVERDUE for t in tasks)
        by_phase = plan.progress_by_phase(tasks)
        assert sum(p.total for p in by_phase) == len(tasks) - len(past)
        assert sum(p.done for p in by_phase) == 0  # marked, not done
        line = overview.plan_line(session, YEAR, today)
    assert line.summary == f"0 of {len(tasks) - len(past)} tasks done (0%), 0 overdue; {len(past)} before eoffice"
    assert plan.STATUSES[plan.BEFORE_EOFFICE] == "Before eoffice"


def test_a_task_before_eoffice_can_be_edited_and_saved(db: Database) -> None:
    with db.session() as session:
        task = plan.new_year_from_template(session, YEAR)[0]
        fields = replace(task.fields, status=plan.BEFORE_EOFFICE)
        saved = plan.update_task(session, task.id, fields, today=date(2026, 12, 7))
    assert saved.status == plan.BEFORE_EOFFICE and saved.done_on is None
