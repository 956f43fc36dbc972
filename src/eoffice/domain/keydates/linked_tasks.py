"""Plan tasks linked to a key date move with it, by the same number of days, but never out
of their academic year (1 September to 31 August).

A task pushed past 31 August would belong to next year's plan and vanish from this
year's board; one pulled before 1 September would fall in the summer holiday. Such a
task stays where it is, and the officer is told which and why; the rest move.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from eoffice.db.models import PlanTask
from eoffice.domain import audit, plan
from eoffice.domain.dates import format_date
from eoffice.domain.keydates.key_date_records import linked_task_ids
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError


@dataclass(frozen=True)
class StayingTask:
    """A linked task that cannot move with its key date, and why, in the officer's words."""

    task_id: int
    title: str
    reason: str


@dataclass(frozen=True)
class TaskShift:
    days: int
    moving: tuple[int, ...]
    staying: tuple[StayingTask, ...]

    def explanation(self) -> str:
        """Empty when every linked task moves; else which stay and why, one line each."""
        if not self.staying:
            return ""
        lines = [f"• “{t.title}”: {t.reason}." for t in self.staying]
        return "\n".join(["Linked tasks that would leave the academic year stay where they are:", *lines])


def _outside(what: str, old: date, new: date, year: AcademicYear) -> str | None:
    if year.contains(new):
        return None
    when = f"after {year.label} ends on {format_date(year.end)}" if new > year.end else (
        f"before {year.label} starts on {format_date(year.start)}"
    )
    return f"its {what} would move from {format_date(old)} to {format_date(new)}, {when}"


def planned_shift(session: Session, key_date_id: int, days: int) -> TaskShift:
    """Which linked tasks can move by ``days`` and which must stay; writes nothing."""
    moving: list[int] = []
    staying: list[StayingTask] = []
    step = timedelta(days=days)
    for task_id in linked_task_ids(session, key_date_id):
        task = plan.task(session, task_id)
        dates = [("due date", task.due)] + ([("start date", task.start)] if task.start is not None else [])
        reasons = [r for what, day in dates if (r := _outside(what, day, day + step, task.year))]
        if reasons:
            staying.append(StayingTask(task_id, task.title, "; ".join(reasons)))
        else:
            moving.append(task_id)
    return TaskShift(days, tuple(moving), tuple(staying))


def move_tasks(session: Session, task_ids: Iterable[int], days: int) -> None:
    """Move these tasks' due and start dates by ``days``; undo calls it with ``-days``."""
    for task_id in task_ids:
        row = session.get(PlanTask, task_id)
        if row is None:
            raise InputError(f"there is no task {task_id}")
        row.due += timedelta(days=days)
        if row.start is not None:
            row.start += timedelta(days=days)
        audit.record(session, "update", "plan_task", task_id, f"moved {days:+d} days with its key date")


def shift_linked_tasks(session: Session, key_date_id: int, days: int) -> TaskShift:
    """Move the linked tasks that stay inside their year by the days the key date moved."""
    shift = planned_shift(session, key_date_id, days)
    move_tasks(session, shift.moving, days)
    return shift
