"""The demo centre's plans: last year complete, this year with progress as of today."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import PlanTask
from eoffice.domain.plan import task_records as plan
from eoffice.domain.years import AcademicYear


def plan_step(session: Session, scale: int, today: date, rng: random.Random) -> None:
    current = AcademicYear.current(today)
    previous = current.previous()
    for task in plan.new_year_from_template(session, previous):
        _set(session, task.id, "done", task.due)
    for task in plan.new_year_from_template(session, current):
        roll = rng.random()
        if task.due < today - timedelta(days=10):
            # Most past tasks done; a few overdue or not applicable, as in any real year.
            if roll < 0.84:
                _set(session, task.id, "done", task.due - timedelta(days=rng.randint(0, 4)))
            elif roll < 0.92:
                _set(session, task.id, "in_progress", None)
            elif roll < 0.96:
                _set(session, task.id, "not_applicable", None)
        elif task.due < today + timedelta(days=21) and roll < 0.5:
            _set(session, task.id, "in_progress" if roll < 0.35 else "done", today if roll >= 0.35 else None)


def _set(session: Session, task_id: int, status: str, done_on: date | None) -> None:
    row = session.scalar(select(PlanTask).where(PlanTask.id == task_id))
    assert row is not None
    row.status, row.done_on = status, done_on
