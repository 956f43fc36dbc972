"""The people the exams office works with, by role."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.db.models import Person
from eoffice.domain import audit
from eoffice.domain.accounts.account_reads import ROLES as ROLES
from eoffice.domain.accounts.account_reads import PersonRecord as PersonRecord
from eoffice.domain.accounts.account_reads import named_in_role as named_in_role
from eoffice.domain.accounts.account_reads import people as people
from eoffice.domain.accounts.account_reads import role_word as role_word
from eoffice.errors import EofficeError, InputError


class NotAllowed(EofficeError):
    """This person may not do this (an assistant editing, an officer signing for a manager)."""


def _record(p: Person) -> PersonRecord:
    return PersonRecord(p.id, p.name, p.role, p.email, p.active)


def clean_name(name: str, *, what: str = "name") -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError(f"the {what} is empty")
    if len(cleaned) > 200:
        raise InputError(f"the {what} is longer than 200 characters")
    return cleaned


def add_person(session: Session, name: str, role: str, email: str | None = None) -> PersonRecord:
    if role not in ROLES:
        raise InputError(f"{role!r} is not a role; choose one of: {', '.join(ROLES.values())}")
    person = Person(name=clean_name(name), role=role, email=(email or None))
    session.add(person)
    session.flush()
    audit.record(session, "create", "person", person.id, f"{ROLES[role]} added")
    return _record(person)


def set_named_in_role(session: Session, role: str, name: str | None) -> None:
    """Rename the person who holds a role, add one, or retire them when blank."""
    current = named_in_role(session, role)
    name = " ".join((name or "").split()) or None
    if current is not None and name == current.name:
        return
    if current is not None:
        person = session.get(Person, current.id)
        assert person is not None
        if name is None:
            person.active = False
            audit.record(session, "retire", "person", person.id, f"{ROLES[role]} cleared")
        else:
            person.name = clean_name(name)
            audit.record(session, "update", "person", person.id, f"{ROLES[role]} renamed")
    elif name is not None:
        add_person(session, name, role)
