"""What a plan task is, and the year's tasks read in plain SQL: what the Overview shows on the
window's first paint, before SQLAlchemy has loaded (issue 17).

``tasks`` takes either handle (``db.plain.Reads``): the plain ``sqlite3`` connection the
window starts with, or an ORM session. ``task_records`` keeps every other read and every
write, and re-exports what is here. This module imports neither SQLAlchemy nor the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eoffice.db.plain import Reads, as_reader, day, day_or_none
from eoffice.domain.plan.rules import urgency
from eoffice.domain.years import AcademicYear


@dataclass(frozen=True)
class TaskFields:
    """What a person edits; validated by ``validate_task`` before anything is written."""

    title: str
    phase: str
    owner: str
    due: date
    start: date | None = None
    status: str = "not_started"
    done_on: date | None = None
    notes: str = ""
    date_rule: str = "fixed"


@dataclass(frozen=True)
class Anchors:
    """The dates a task was first set for, from which each year's dates are placed (see ``roll``)."""

    due: date
    start: date | None


@dataclass(frozen=True)
class Task:
    id: int
    year: AcademicYear
    fields: TaskFields
    template_key: str | None = None
    key_date_id: int | None = None  # the key date this task prepares for, if linked
    anchors: Anchors | None = None  # the dates it was first set for; None: its own (see plan_roll)

    # Shortcuts that read naturally in views and exports.
    title = property(lambda self: self.fields.title)
    phase = property(lambda self: self.fields.phase)
    owner = property(lambda self: self.fields.owner)
    due = property(lambda self: self.fields.due)
    start = property(lambda self: self.fields.start)
    status = property(lambda self: self.fields.status)
    done_on = property(lambda self: self.fields.done_on)
    notes = property(lambda self: self.fields.notes)
    date_rule = property(lambda self: self.fields.date_rule)

    def urgency(self, today: date) -> str | None:
        return urgency(self.due, self.status, today)


# The stored columns, in the order ``_task`` takes them.
_TASKS = """
    SELECT t.id, t.title, t.phase, t.owner, t.due, t.start, t.status, t.done_on, t.notes, t.date_rule,
           t.template_key, t.key_date_id, t.anchor_due, t.anchor_start
    FROM plan_task AS t JOIN academic_year AS y ON y.id = t.year_id
    WHERE y.start_year = ?
    ORDER BY t.due, t.id
"""


def _task(row: tuple[Any, ...], year: AcademicYear) -> Task:
    (task_id, title, phase, owner, due, start, status, done_on, notes, date_rule, template_key, key_date_id,
     anchor_due, anchor_start) = row  # fmt: skip
    return Task(
        id=task_id,
        year=year,
        fields=TaskFields(
            title=title, phase=phase, owner=owner, due=day(due), start=day_or_none(start), status=status,
            done_on=day_or_none(done_on), notes=notes, date_rule=date_rule,
        ),
        template_key=template_key,
        key_date_id=key_date_id,
        anchors=None if anchor_due is None else Anchors(day(anchor_due), day_or_none(anchor_start)),
    )


def tasks(db: Reads, year: AcademicYear) -> list[Task]:
    """The year's tasks by due date, then in the order they were added; none for a year with
    nothing recorded. One query, joined to the year, not a query for the year's id first."""
    return [_task(row, year) for row in as_reader(db).execute(_TASKS, (year.start_year,))]
