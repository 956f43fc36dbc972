"""Who can sign in: the sign-in list, read in plain SQL (``eoffice.db.plain``).

The window asks for this list as soon as a database opens (does anyone have a password?
must the window open locked?), before its first tab is painted, and that paint comes
before SQLAlchemy is imported (issue 17). So the list, the ``Account`` it is made of and
what a stored credential says (a password, or a pending reset or setup code, and until
when) live here, apart from ``passwords``, which hashes and checks passwords with the ORM
and re-exports every name here.

A credential's hash is read only to say which kind it is; it never leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eoffice.db.plain import Reads, as_reader, marks

RESET_SCHEME = "reset"  # password_hash of a pending reset: reset$<valid until, UTC>$<scrypt hash of the code>
SETUP_SCHEME = "setup"  # the same for a first password's one-time setup code
CODE_SCHEMES = (RESET_SCHEME, SETUP_SCHEME)
RESET_TIME_FORMAT = "%Y%m%dT%H%M%S"

ROLES: dict[str, str] = {
    "exams_officer": "Exams officer",
    "exams_assistant": "Exams assistant",
    "line_manager": "Line manager (senior leader)",
    "senco": "SENCo",
    "head_of_department": "Head of department",
    "finance": "Finance",
    "other": "Other",
}


def role_word(role: str) -> str:
    """The role inside a sentence: "line manager", "exams assistant"."""
    return ROLES.get(role, role).split(" (")[0].lower()


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str
    role: str
    email: str | None
    active: bool

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


def people(db: Reads, role: str | None = None, *, active_only: bool = True) -> list[PersonRecord]:
    """The people the exams office works with, by role then name; plain SQL, as the Standards
    line on the first paint lists the exams officers."""
    where = [*(["role = ?"] if role is not None else []), *(["active = 1"] if active_only else [])]
    rows = as_reader(db).execute(
        "SELECT id, name, role, email, active FROM person" + (f" WHERE {' AND '.join(where)}" if where else "")
        + " ORDER BY role, name", [role] if role is not None else [])
    return [PersonRecord(person_id, name, person_role, email, bool(active))
            for person_id, name, person_role, email, active in rows]


def named_in_role(db: Reads, role: str) -> PersonRecord | None:
    """The first active person in a role: the centre's exams officer, line manager, SENCo."""
    found = people(db, role)
    return min(found, key=lambda p: p.id) if found else None


# The people who have accounts: they sign in (the officer and line manager also sign: ``passwords.SIGNER_ROLES``).
ACCOUNT_ROLES: tuple[str, ...] = ("exams_officer", "exams_assistant", "line_manager")


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    has_password: bool  # a password, or a reset or setup code still to be used
    reset_pending: bool = False  # a one-time code (reset or setup) opens the account, to choose a password
    first_password: bool = False  # that code is a setup code: they have never had a password
    previous_sign_in: datetime | None = None  # UTC, naive; set by a sign-in: the one before it


def code_scheme(stored: str | None) -> str | None:
    """``reset`` or ``setup`` while a one-time code is the credential; None for a password or none."""
    scheme = stored.split("$", 1)[0] if stored else None
    return scheme if scheme in CODE_SCHEMES else None


def reset_until(stored: str | None) -> datetime | None:
    """When a pending reset or setup code stops working (UTC, naive); None when ``stored`` is a password."""
    if code_scheme(stored) is None:
        return None
    assert stored is not None
    return datetime.strptime(stored.split("$")[1], RESET_TIME_FORMAT)


def accounts(db: Reads) -> list[Account]:
    """Active people who can sign in, for the sign-in list, by name."""
    rows = as_reader(db).execute(
        f"SELECT id, name, role, password_hash FROM person WHERE role IN ({marks(len(ACCOUNT_ROLES))}) AND active IS 1 "
        "ORDER BY name", ACCOUNT_ROLES)  # the ORM's own statement, so people with one name keep its order
    return [Account(person_id, name, role, stored is not None, reset_until(stored) is not None,
                    code_scheme(stored) == SETUP_SCHEME) for person_id, name, role, stored in rows]
