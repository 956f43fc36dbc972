"""The exams centre's details as read: its name for the window's title, and the whole record.

In plain SQL (``eoffice.db.plain``): the window's title names the centre as soon as a
database opens, before its first tab is painted, and that paint comes before SQLAlchemy
is imported (issue 17). ``centre`` checks and saves the details with the ORM and
re-exports everything here, so there is one ``get_centre`` whichever handle a caller has.
"""

from __future__ import annotations

from dataclasses import dataclass

from eoffice.db.plain import Reads, as_reader
from eoffice.domain.accounts.account_reads import named_in_role

NATIONS: tuple[str, ...] = ("England and Wales", "Scotland", "Northern Ireland")
CENTRE_ID = 1
KEY_ROLES = ("exams_officer", "line_manager", "senco")  # the people the centre's details name


@dataclass(frozen=True)
class CentreDetails:
    name: str
    centre_number: str | None = None
    nation: str = NATIONS[0]
    exams_officer: str | None = None
    line_manager: str | None = None
    senco: str | None = None


def centre_name(db: Reads) -> str | None:
    """The centre's name; None until its details are entered (a new centre)."""
    row = as_reader(db).execute("SELECT name FROM centre WHERE id = ?", (CENTRE_ID,)).fetchone()
    return None if row is None else str(row[0])


def centre_nation(db: Reads) -> str:
    """The nation whose bank holidays the centre keeps: the first of ``NATIONS`` (England and
    Wales) for a centre not yet described."""
    row = as_reader(db).execute("SELECT nation FROM centre LIMIT 1").fetchone()
    return (row[0] if row is not None else None) or NATIONS[0]


def get_centre(db: Reads) -> CentreDetails | None:
    """The centre's details, with who holds each key role now: the first active person added in it
    (``accounts.people.named_in_role``); None until the details are entered."""
    row = as_reader(db).execute("SELECT name, centre_number, nation FROM centre WHERE id = ?", (CENTRE_ID,)).fetchone()
    if row is None:
        return None
    named = {role: (person.name if (person := named_in_role(db, role)) is not None else None) for role in KEY_ROLES}
    name, centre_number, nation = row
    return CentreDetails(name=name, centre_number=centre_number, nation=nation, exams_officer=named["exams_officer"],
                         line_manager=named["line_manager"], senco=named["senco"])
