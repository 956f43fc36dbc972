"""Which database is the demo, and who can sign in to it with which demo password.

Apart from ``demo`` (which builds the demo and so imports every area) because the window
asks this of every database it opens: a database without the mark is answered with one
read and nothing more imported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice.db.models import Person, Setting

SIGN_INS_KEY = "demo.sign_ins"  # not in settings.DEFAULTS: only the demo has it, and nobody changes it
SIGN_IN_ROLES = ("exams_officer", "line_manager", "exams_assistant")  # in the order they are listed


@dataclass(frozen=True)
class DemoSignIn:
    name: str
    role: str  # "exams officer"
    password: str

    def line(self) -> str:
        return f"{self.name}, {self.role}, password {self.password}"


def _demo_passwords() -> dict[str, str]:
    from eoffice.domain.standards.demo import ASSISTANT_PASSWORD, MANAGER_PASSWORD, OFFICER_PASSWORD

    return {"exams_officer": OFFICER_PASSWORD, "line_manager": MANAGER_PASSWORD, "exams_assistant": ASSISTANT_PASSWORD}


def mark_sign_ins(session: Session) -> None:
    """Keep who has a demo password (their id, role and password salt) once every step has run."""
    from eoffice.domain.accounts import people

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
