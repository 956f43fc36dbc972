"""The demo centre's key dates: last year all done, this year done up to a week ago except
one or two left overdue (as in any real office), and plan tasks linked to their key dates.

The demo should show what the Key dates and Overview tabs look like in a lived-in year,
so it needs something overdue to see, and links so moving a key date visibly moves the
plan's tasks.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from eoffice.domain import plan
from eoffice.domain.keydates import key_date_records as keydates
from eoffice.domain.years import AcademicYear

DONE_BEFORE_DAYS = 7  # dates within the last week may still be in hand, so are left open
# Plan template key -> reference key of the key date the task works towards.
TASK_LINKS: dict[str, str] = {
    "november-modified-papers": "nov-modified-papers-pearson",
    "reviews-of-marking-deadline": "reviews-of-marking",
    "internal-deadline-november-entries": "nov-entries-aqa",
    "november-entries-deadline": "nov-entries-aqa",
    "internal-deadline-january-entries": "jan-entries-aqa",
    "january-entries-deadline": "jan-entries-aqa",
    "invigilator-annual-update": "invigilator-annual-update",
    "november-amendments-deadline": "nov-amendments-aqa",
    "ncn-annual-update": "ncn-annual-update",
    "january-amendments-deadline": "jan-amendments-aqa",
    "certificates-retention": "certificates-unclaimed",
    "modified-papers-june": "summer-modified-papers",
    "internal-deadline-summer-entries": "summer-entries-aqa",
    "summer-entries-deadline": "summer-entries-aqa",
    "aao-applications-june": "summer-aao-applications",
    "june-amendments-deadline": "summer-amendments-aqa",
    "nea-marks-deadline": "nea-marks-ocr",
    "contingency-day": "summer-contingency-day",
    "a-level-results-day": "a-level-results-day",
    "gcse-results-day": "gcse-results-day",
}


def left_overdue(past: int) -> int:
    """How many past dates stay open: none of a handful, one of a few, two of many."""
    return 0 if past < 3 else 1 if past < 10 else 2


def keydates_step(session: Session, scale: int, today: date, rng: random.Random) -> None:
    """Uses no randomness, so adding this step leaves later steps' random choices unchanged."""
    current = AcademicYear.current(today)
    previous = current.previous()
    available = set(keydates.reference_years())
    if previous in available:
        added = keydates.load_reference_dates(session, previous)
        keydates.set_done(session, [r.id for r in added], True)
    if current not in available:
        return
    added = sorted(keydates.load_reference_dates(session, current), key=lambda r: (r.on, r.id))
    past = [r for r in added if r.on < today - timedelta(days=DONE_BEFORE_DAYS)]
    keep_open = left_overdue(len(past))
    keydates.set_done(session, [r.id for r in past[: len(past) - keep_open]], True)
    _link_tasks(session, current)


def _link_tasks(session: Session, year: AcademicYear) -> None:
    by_reference = {r.reference_key: r.id for r in keydates.key_dates(session, year) if r.reference_key}
    for task in plan.tasks(session, year):
        reference_key = TASK_LINKS.get(task.template_key or "")
        if reference_key in by_reference:
            keydates.link_task(session, task.id, by_reference[reference_key])
