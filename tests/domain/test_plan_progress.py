"""The annual exams plan: progress by month and by phase, and the open tasks."""

from __future__ import annotations

from datetime import date

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.plan import Progress, Task
from tests.conftest import TODAY
from tests.domain.plan_helpers import NEXT, YEAR, fields

# --- progress -------------------------------------------------------------------------


def _t(task_id: int, due: date, status: str, phase: str = "planning") -> Task:
    return Task(task_id, YEAR, fields(due=due, status=status, phase=phase))


def test_progress_by_month_runs_september_to_august() -> None:
    year_tasks = [
        _t(1, date(2026, 9, 5), "done"),
        _t(2, date(2026, 9, 30), "not_started"),
        _t(3, date(2026, 9, 12), "not_applicable"),
        _t(4, date(2027, 1, 10), "done"),
        _t(5, date(2027, 1, 11), "done"),
        _t(6, date(2027, 8, 31), "in_progress"),
        _t(7, date(2027, 3, 1), "not_applicable"),
    ]
    months = plan.progress_by_month(YEAR, year_tasks)
    assert [p.label for p in months] == [
        "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"
    ]
    assert months[0] == Progress("Sep", 1, 2)
    assert months[4] == Progress("Jan", 2, 2)
    assert months[6] == Progress("Mar", 0, 0)  # only a "not applicable" task
    assert months[11] == Progress("Aug", 0, 1)
    assert [(p.done, p.total) for p in months] == [
        (1, 2), (0, 0), (0, 0), (0, 0), (2, 2), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 1)
    ]


def test_progress_by_month_of_nothing() -> None:
    months = plan.progress_by_month(NEXT, [])
    assert len(months) == 12
    assert all((p.done, p.total) == (0, 0) for p in months)


def test_progress_by_phase() -> None:
    year_tasks = [
        _t(1, date(2026, 9, 5), "done", "planning"),
        _t(2, date(2026, 9, 6), "in_progress", "planning"),
        _t(3, date(2026, 9, 7), "not_applicable", "planning"),
        _t(4, date(2027, 1, 10), "done", "entries"),
        _t(5, date(2027, 8, 20), "not_started", "results"),
        _t(6, date(2027, 6, 1), "not_applicable", "exam_time"),
    ]
    assert plan.progress_by_phase(year_tasks) == [
        Progress("Planning", 1, 2),
        Progress("Entries", 1, 1),
        Progress("Pre-exams", 0, 0),
        Progress("Exam time", 0, 0),
        Progress("Results and post-results", 0, 1),
        Progress("Other", 0, 0),
    ]


def test_progress_of_a_stored_year(db: Database) -> None:
    with db.session() as session:
        added = plan.new_year_from_template(session, YEAR)
        plan.set_status(session, [t.id for t in added if t.due.month == 9], "done", today=TODAY)
        plan.set_status(session, [t.id for t in added if t.due.month == 10][:2], "not_applicable")
        year_tasks = plan.tasks(session, YEAR)
    months = plan.progress_by_month(YEAR, year_tasks)
    assert months[0] == Progress("Sep", 6, 6)
    assert months[1] == Progress("Oct", 0, 8)
    assert sum(p.total for p in months) == 70
    assert sum(p.done for p in months) == 6
    phases = plan.progress_by_phase(year_tasks)
    assert sum(p.total for p in phases) == 70
    assert sum(p.done for p in phases) == 6
    open_ = plan.open_tasks(year_tasks)
    assert len(open_) == 72 - 6 - 2
    assert all(t.status == "not_started" for t in open_)
