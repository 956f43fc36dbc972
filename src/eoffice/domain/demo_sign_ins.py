"""Which database is the demo, and who can sign in to it with which demo password.

Apart from ``demo`` (which builds the demo and so imports every area) because the window
asks this of every database it opens: a database without the mark is answered with one
read and nothing more imported. That read (``is_demo``) is plain SQL (``eoffice.db.plain``)
and the storage layer is imported only by the functions that write or list the sign-ins,
where they run: the window asks before its first tab is painted, and that paint comes before
SQLAlchemy is imported (issue 17).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eoffice.db.plain import Reads, as_reader, marks
from eoffice.domain.accounts.account_reads import role_word

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SIGN_INS_KEY = "demo.sign_ins"  # not in settings.DEFAULTS: only the demo has it, and nobody changes it
SIGN_IN_ROLES = ("exams_officer", "line_manager", "exams_assistant")  # in the order they are listed
# The demo's passwords, printed on its banner: the demo builder sets them (``standards.demo``).
OFFICER_PASSWORD = "officer-demo-2026"
MANAGER_PASSWORD = "manager-demo-2026"
ASSISTANT_PASSWORD = "assistant-demo-2026"
DEMO_PASSWORDS = {"exams_officer": OFFICER_PASSWORD, "line_manager": MANAGER_PASSWORD,
                  "exams_assistant": ASSISTANT_PASSWORD}


@dataclass(frozen=True)
class DemoSignIn:
    name: str
    role: str  # "exams officer"
    password: str

    def line(self) -> str:
        return f"{self.name}, {self.role}, password {self.password}"


def mark_sign_ins(session: Session) -> None:
    """Keep who has a demo password (their id, role and password salt) once every step has run."""
    from eoffice.db.models import Person, Setting
    from eoffice.domain.accounts import people

    marked = []
    for role in SIGN_IN_ROLES:
        found = people.named_in_role(session, role)
        person = session.get(Person, found.id) if found is not None else None
        if person is not None and person.password_salt is not None:
            marked.append({"person": person.id, "role": role, "salt": person.password_salt})
    session.merge(Setting(key=SIGN_INS_KEY, value=json.dumps(marked)))
    session.flush()


def is_demo(db: Reads) -> bool:
    """True for a database ``build_demo`` made: it, and only it, has the mark."""
    return as_reader(db).execute("SELECT 1 FROM setting WHERE key = ?", (SIGN_INS_KEY,)).fetchone() is not None


def demo_sign_ins(db: Reads) -> list[DemoSignIn]:
    """Who can sign in to the demo centre, with what password; empty for any other database.
    Reads only, so it works on a read-only copy; plain SQL, as the banner is filled before the
    first tab is painted. A person whose password has changed since (another salt) is left out."""
    reader = as_reader(db)
    row = reader.execute("SELECT value FROM setting WHERE key = ?", (SIGN_INS_KEY,)).fetchone()
    if row is None:
        return []
    entries = json.loads(row[0])
    ids = sorted({entry["person"] for entry in entries})
    people = {person_id: (name, role, bool(active), salt) for person_id, name, role, active, salt in reader.execute(
        f"SELECT id, name, role, active, password_salt FROM person WHERE id IN ({marks(len(ids))})", ids)}
    found = []
    for entry in entries:
        person = people.get(entry["person"])
        if person is None:
            continue
        name, role, active, salt = person
        if active and role == entry["role"] and salt == entry["salt"] and role in DEMO_PASSWORDS:
            found.append(DemoSignIn(name, role_word(role), DEMO_PASSWORDS[role]))
    return found
