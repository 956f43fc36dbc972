"""Template tasks meet the reference key dates they work towards, whichever arrives second.

The plan template names, for some tasks, the reference key date the task depends on
(its ``key`` in the reference list, e.g. the AQA summer entries deadline). Loading the
reference dates into a year that already has the plan, or filling a year's plan when the
dates are already there, links them; so moving the key date offers to move its tasks for
every centre, not only the demo. A link the officer changed or removed by hand is left
alone: only tasks with no link at all are linked.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.domain import plan
from eoffice.domain.keydates.key_date_records import key_dates, link_task
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear


def template_task_links() -> dict[str, str]:
    """Plan template key -> reference key of the key date that task works towards."""
    return {t.key: t.key_date for t in plan.load_template().tasks if t.key_date}


def linked_text(linked: int, task: str = "task") -> str:
    """What linking did, in words: "20 tasks linked to their key dates"."""
    return f"{plural(linked, task)} linked to {'its key date' if linked == 1 else 'their key dates'}"


def link_template_tasks(session: Session, year: AcademicYear) -> int:
    """Link the year's unlinked template tasks to the year's matching reference key dates.

    Returns how many were linked. Safe to run again: a linked task is never relinked.
    """
    wanted = template_task_links()
    by_reference = {r.reference_key: r.id for r in key_dates(session, year) if r.reference_key}
    linked = 0
    for task in plan.tasks(session, year):
        reference_key = wanted.get(task.template_key or "")
        if task.key_date_id is None and reference_key in by_reference:
            link_task(session, task.id, by_reference[reference_key])
            linked += 1
    return linked
