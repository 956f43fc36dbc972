"""A realistic demo centre, so a new officer can explore before entering their own.

Each area adds a step to ``DEMO_STEPS``; a step gets the session, the scale (``--scale``
multiplies sizes) and today's date, so the demo always looks like "now".

The demo's people who sign in have known passwords (set by the Standards step, which signs
with them), so a tester can try everything. ``build_demo`` marks the database as the demo
by keeping, in the settings table, each of those people's password salt: never a password,
and nothing a real centre's database has. ``demo_sign_ins`` lists the passwords only for a
database so marked, and only while a person's salt is still the one the demo made (a new
password has a new salt), so what is shown always opens the account.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.domain.access import access_step
from eoffice.domain.accounts import people
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.demo_sign_ins import DemoSignIn, demo_sign_ins, is_demo, mark_sign_ins
from eoffice.domain.keydates import keydates_step
from eoffice.domain.plan import plan_step
from eoffice.domain.series import ensure_year
from eoffice.domain.years import AcademicYear

DemoStep = Callable[[Session, int, date, random.Random], None]

DEMO_CENTRE = CentreDetails(
    name="Northfield Community Academy",
    centre_number="74125",
    nation="England and Wales",
    exams_officer="Priya Shah",
    line_manager="Daniel O'Connor",
    senco="Zoë Brontë-Ndiaye",
)

_DEPARTMENTS = (
    "English", "Mathematics", "Science", "History", "Geography", "Modern Languages",
    "Computing", "Art and Design", "Music", "Drama", "Physical Education", "Religious Studies",
    "Business", "Design and Technology", "Psychology", "Sociology",
)
_FIRST = ("Alex", "Sam", "Jordan", "Chris", "Morgan", "Taylor", "Jamie", "Robin", "Aled", "Siobhán", "Łukasz", "Amara")
_LAST = ("Evans", "Hughes", "Khan", "Patel", "Murphy", "Nowak", "Okafor", "Williams", "Jones", "Ó Briain", "Smith", "Chen")


def _foundation_step(session: Session, scale: int, today: date, rng: random.Random) -> None:
    save_centre(session, DEMO_CENTRE)
    people.add_person(session, "Tom Barker", "exams_assistant")
    people.add_person(session, "Helen Greaves", "finance")
    for i in range(len(_DEPARTMENTS) * scale):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        people.add_person(session, name, "head_of_department", f"hod{i + 1}@northfield.example")
    current = AcademicYear.current(today)
    for year in (current.previous(), current, current.next()):
        ensure_year(session, year)


DEMO_STEPS: list[DemoStep] = [_foundation_step, plan_step, keydates_step, access_step]


def build_demo(session: Session, *, scale: int = 1, today: date | None = None, seed: int = 2026) -> None:
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)
    for step in DEMO_STEPS:
        step(session, scale, today or clock.today(), rng)
    mark_sign_ins(session)


# The Professional Standards step signs with the people's demo passwords, so it runs last,
# after every other area has added the people and the year it works from.
from eoffice.domain.standards import standards_step  # noqa: E402

DEMO_STEPS.append(standards_step)

# The invigilation roster needs the rooms it makes and the timetable, candidates and
# arrangements the steps above made (it makes a small timetable itself if none did).
from eoffice.domain.roster import roster_step  # noqa: E402

DEMO_STEPS.append(roster_step)

from eoffice.domain.examday import examday_step  # noqa: E402

DEMO_STEPS.append(examday_step)  # after the roster seated the rooms: desks

__all__ = ["DEMO_STEPS", "DemoSignIn", "build_demo", "demo_sign_ins", "is_demo"]
