"""Template tasks meet the reference key dates they work towards, whichever arrives second.

The plan template names, for some tasks, the reference key date the task depends on
(its ``key`` in the reference list, e.g. the AQA summer entries deadline). Loading the
reference dates into a year that already has the plan, or filling a year's plan when the
dates are already there, links them; so moving the key date offers to move its tasks for
every centre, not only the demo. A link the officer changed or removed by hand is left
alone: only tasks with no link at all are linked.

A task the template sets on the very day of its key date (run results day, send the
entries by the deadline) follows that date by key when it is linked, rather than its own
anchor: results day is the Thursday from 13 to 19 August, which a date rolled on from one
year's anchor misses about one year in three. A task due some days before its key date
keeps its own date (it stays on a working day).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from eoffice.domain import plan
from eoffice.domain.keydates.key_date_records import key_dates, link_task, reference_dates
from eoffice.domain.keydates.linked_tasks import move_tasks
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError


def template_task_links() -> dict[str, str]:
    """Plan template key -> reference key of the key date that task works towards."""
    return {t.key: t.key_date for t in plan.load_template().tasks if t.key_date}


def on_the_day_tasks() -> set[str]:
    """Template keys of the linked tasks due on their key date's very day in the template's
    year (by eoffice's reference pack): the tasks that follow their key date."""
    template = plan.load_template()
    try:
        days = {r.key: r.fields.on for r in reference_dates(template.reference_year)}
    except (OSError, ValueError, KeyError, TypeError, InputError):
        return set()  # no pack to compare with: every task keeps its own date
    return {t.key for t in template.tasks if t.key_date and days.get(t.key_date) == t.fields.due}


def linked_text(linked: int, task: str = "task") -> str:
    """What linking did, in words: "20 tasks linked to their key dates"."""
    return f"{plural(linked, task)} linked to {'its key date' if linked == 1 else 'their key dates'}"


def _follow(session: Session, task: plan.Task, day: date) -> None:
    """Put an open task on its key date's day, start and all, if both stay in its year (and a
    task kept on working days does not land on a weekend)."""
    days = (day - task.due).days
    if not days or task.status in plan.CLOSED or (task.date_rule == "weekday" and day.weekday() >= 5):
        return
    start = task.start + timedelta(days=days) if task.start is not None else None
    if task.year.contains(day) and (start is None or task.year.contains(start)):
        move_tasks(session, [task.id], days)


def link_template_tasks(session: Session, year: AcademicYear) -> int:
    """Link the year's unlinked template tasks to the year's matching reference key dates;
    a task due on its key date's day moves to that date's day in this year.

    Returns how many were linked. Safe to run again: a linked task is never relinked.
    """
    wanted = template_task_links()
    by_reference = {r.reference_key: r for r in key_dates(session, year) if r.reference_key}
    follows: set[str] | None = None
    linked = 0
    for task in plan.tasks(session, year):
        reference_key = wanted.get(task.template_key or "")
        if task.key_date_id is None and reference_key in by_reference:
            record = by_reference[reference_key]
            link_task(session, task.id, record.id)
            linked += 1
            if follows is None:
                follows = on_the_day_tasks()
            if task.template_key in follows:
                _follow(session, task, record.on)
    return linked
