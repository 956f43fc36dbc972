"""The demo's exam day: the summer's sessions seated at desks, as an officer would have them
before printing the kit."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain.examday.seating import store_desks
from eoffice.domain.years import AcademicYear


def examday_step(session: Session, scale: int, today: date, rng: random.Random) -> None:
    """Desks for every stored placement of the summer (the roster step seated the rooms)."""
    year = AcademicYear.current(today)
    store_desks(session, date(year.start_year + 1, 4, 1), year.end)
