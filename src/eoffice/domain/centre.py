"""The exams centre's details: name, JCQ centre number, nation and key people.

Reading them (``get_centre``, ``centre_name``, ``CentreDetails``) is plain SQL in
``centre_reads``, re-exported here: the window's title reads them before SQLAlchemy loads
(issue 17). Checking and saving them is here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.db.models import Centre
from eoffice.domain import audit, keydates
from eoffice.domain.accounts import people
from eoffice.domain.centre_reads import CENTRE_ID as CENTRE_ID
from eoffice.domain.centre_reads import NATIONS as NATIONS
from eoffice.domain.centre_reads import CentreDetails as CentreDetails
from eoffice.domain.centre_reads import centre_name as centre_name
from eoffice.domain.centre_reads import get_centre as get_centre
from eoffice.errors import InputError

ROLE_FIELDS = {"exams_officer": "exams_officer", "line_manager": "line_manager", "senco": "senco"}


def validate_centre_number(text: str | None) -> str | None:
    """A JCQ centre number is five digits; blank means not known yet."""
    raw = (text or "").strip()
    if not raw:
        return None
    if not (len(raw) == 5 and raw.isascii() and raw.isdigit()):
        raise InputError(f"centre number {raw!r} is not valid: it must be exactly 5 digits, like 12345")
    return raw


def validate(details: CentreDetails) -> CentreDetails:
    name = people.clean_name(details.name, what="centre name")
    if details.nation not in NATIONS:
        raise InputError(f"{details.nation!r} is not a nation; choose one of: {', '.join(NATIONS)}")
    def person(value: str | None, what: str) -> str | None:
        return people.clean_name(value, what=f"{what}'s name") if value and value.strip() else None

    return CentreDetails(
        name=name,
        centre_number=validate_centre_number(details.centre_number),
        nation=details.nation,
        exams_officer=person(details.exams_officer, "exams officer"),
        line_manager=person(details.line_manager, "line manager"),
        senco=person(details.senco, "SENCo"),
    )


def printed_name(session: Session) -> str:
    """The centre's name as every export prints it; "eoffice" until the centre's details are entered."""
    name = centre_name(session)
    return name if name is not None else "eoffice"


def save_centre(session: Session, details: CentreDetails) -> CentreDetails:
    """Validate everything first, then write, so a bad field changes nothing."""
    details = validate(details)
    centre = session.get(Centre, CENTRE_ID)
    old_nation = centre.nation if centre is not None else keydates.centre_nation(session)
    if centre is None:
        session.add(
            Centre(id=CENTRE_ID, name=details.name, centre_number=details.centre_number, nation=details.nation)
        )
        audit.record(session, "create", "centre", CENTRE_ID, "centre set up")
    elif (centre.name, centre.centre_number, centre.nation) != (
        details.name,
        details.centre_number,
        details.nation,
    ):
        centre.name, centre.centre_number, centre.nation = details.name, details.centre_number, details.nation
        audit.record(session, "update", "centre", CENTRE_ID, "centre details changed")
    for role, attribute in ROLE_FIELDS.items():
        people.set_named_in_role(session, role, getattr(details, attribute))
    session.flush()
    if details.nation != old_nation:  # other bank holidays: worked-out internal deadlines move
        keydates.rederive_all_internal_deadlines(session)
    return details
