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

from eoffice.domain.keydates import key_date_records as keydates
from eoffice.domain.keydates.template_links import link_template_tasks
from eoffice.domain.years import AcademicYear

DONE_BEFORE_DAYS = 7  # dates within the last week may still be in hand, so are left open


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
        link_template_tasks(session, previous)
    if current not in available:
        return
    added = sorted(keydates.load_reference_dates(session, current), key=lambda r: (r.on, r.id))
    past = [r for r in added if r.on < today - timedelta(days=DONE_BEFORE_DAYS)]
    keep_open = left_overdue(len(past))
    keydates.set_done(session, [r.id for r in past[: len(past) - keep_open]], True)
    link_template_tasks(session, current)  # as for any centre: the dates arrive after the plan
