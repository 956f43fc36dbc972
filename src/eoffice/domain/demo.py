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

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Person, Setting
from eoffice.domain.access import access_step
from eoffice.domain.accounts import people
from eoffice.domain.centre import CentreDetails, save_centre
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


SIGN_INS_KEY = "demo.sign_ins"  # not in settings.DEFAULTS: only the demo has it, and nobody changes it
SIGN_IN_ROLES = ("exams_officer", "line_manager", "exams_assistant")  # in the order they are listed


@dataclass(frozen=True)
class DemoSignIn:
    name: str
    role: str  # "exams officer"
    password: str

    def line(self) -> str:
        return f"{self.name}, {self.role}, password {self.password}"


def build_demo(session: Session, *, scale: int = 1, today: date | None = None, seed: int = 2026) -> None:
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)
    for step in DEMO_STEPS:
        step(session, scale, today or clock.today(), rng)
    _mark_sign_ins(session)


def _demo_passwords() -> dict[str, str]:
    from eoffice.domain.standards.demo import ASSISTANT_PASSWORD, MANAGER_PASSWORD, OFFICER_PASSWORD

    return {"exams_officer": OFFICER_PASSWORD, "line_manager": MANAGER_PASSWORD, "exams_assistant": ASSISTANT_PASSWORD}


def _mark_sign_ins(session: Session) -> None:
    """Keep who has a demo password (their id, role and password salt) once every step has run."""
    marked = []
    for role in SIGN_IN_ROLES:
        found = people.named_in_role(session, role)
        person = session.get(Person, found.id) if found is not None else None
        if person is not None and person.password_salt is not None:
            marked.append({"person": person.id, "role": role, "salt": person.password_salt})
    session.merge(Setting(key=SIGN_INS_KEY, value=json.dumps(marked)))
    session.flush()


def is_demo(session: Session) -> bool:
    """True for a database ``build_demo`` made."""
    return session.get(Setting, SIGN_INS_KEY) is not None


def demo_sign_ins(session: Session) -> list[DemoSignIn]:
    """Who can sign in to the demo centre, with what password; empty for any other database.
    Reads only, so it works on a read-only copy."""
    from eoffice.domain.accounts import role_word

    row = session.get(Setting, SIGN_INS_KEY)
    if row is None:
        return []
    passwords = _demo_passwords()
    found = []
    for entry in json.loads(row.value):
        person = session.get(Person, entry["person"])
        if (person is not None and person.active and person.role == entry["role"]
                and person.password_salt == entry["salt"] and entry["role"] in passwords):
            found.append(DemoSignIn(person.name, role_word(person.role), passwords[entry["role"]]))
    return found


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
