"""The Exams Officer Professional Standards: one record per officer per academic year.

A year holds Knowledge & Understanding targets and Key Skills (``standards_targets``),
the Values & Attributes statement and the meetings with the line manager
(``standards_meetings``). What has been signed cannot change underneath its signature:
the statement while either Values & Attributes signature stands, targets and skills
once the SLT declaration is signed, and a meeting record while it is signed. Signatures are withdrawn, never edited
(``signatures``), and each is checked as it is read: what it signed against the record now,
and the signature itself against its signer's signing key (``signature_checks``). Progress, the grid and the certificate rule are in
``standards_progress``; the vocabulary and texts in ``standards_rules``.

Every change says who makes it (``by``: the signed-in person's id, or None when nobody is
signed in): an exams assistant may read the Standards but not change them, an exams
officer changes only their own, a line manager any. Once the exams officer or a line
manager has a password, nobody changes the Standards without being signed in
(``sign_in_needed``): the record must say who made each change, and an assistant must not
be able to edit simply by not signing in. A new centre, where neither has a password yet,
can still work (its changes are not attributed to a person until passwords are set).

The year's record and its signatures are read in plain SQL (``standards_reads``,
``signature_reads``), so the Overview can show them before SQLAlchemy is imported (issue
17); they are named here too, so every existing import keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Person, Signature, StandardsYear
from eoffice.domain import audit
from eoffice.domain.accounts import ROLES, SIGNER_ROLES, NotAllowed, keep_refusal, passwords, role_word
from eoffice.domain.dates import format_date, local
from eoffice.domain.series import ensure_year
from eoffice.domain.standards.rules import EXPERIENCE, VALUES_STATEMENT, choice
from eoffice.domain.standards.signature_reads import SIGNATURE_KINDS as SIGNATURE_KINDS
from eoffice.domain.standards.signature_reads import VALUES_KINDS as VALUES_KINDS
from eoffice.domain.standards.signature_reads import SignatureRecord as SignatureRecord
from eoffice.domain.standards.signature_reads import content_hash as content_hash
from eoffice.domain.standards.signature_reads import signatures as signatures
from eoffice.domain.standards.signature_reads import signed_texts as signed_texts
from eoffice.domain.standards.standards_reads import StandardsYearRecord as StandardsYearRecord
from eoffice.domain.standards.standards_reads import find_year as find_year
from eoffice.domain.standards.standards_reads import standards_year as standards_year
from eoffice.domain.standards.standards_reads import years_in as years_in
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError, InputError

STANDING: dict[str, str] = {  # "... cannot be changed while X stands"
    "values_officer": "the exams officer's signature on the statement",
    "values_line_manager": "the line manager's signature on the statement",
    "slt_declaration": "the SLT declaration",
    "meeting": "a signature on it",  # what: "this meeting record"
}


class SignedAlready(EofficeError):
    """The record is signed; the signature must be withdrawn before it can change."""


# --- who may change what -----------------------------------------------------------------

SIGN_IN_FIRST = "Sign in as the exams officer or the line manager to change the Professional Standards."


def sign_in_needed(session: Session) -> bool:
    """True once an active exams officer or line manager has a password (or a reset code; a
    setup code for a first password does not count: nobody has chosen one yet).

    From then on a change with nobody signed in would be anonymous, so it is refused.
    """
    found = session.scalar(select(Person.id).where(
        Person.role.in_(SIGNER_ROLES), Person.active.is_(True), Person.password_hash.is_not(None),
        Person.password_hash.not_like(passwords.SETUP_SCHEME + "$%")).limit(1))
    return found is not None


def year_row(session: Session, standards_year_id: int) -> StandardsYear:
    row = session.get(StandardsYear, standards_year_id)
    if row is None:
        raise InputError(f"there are no Standards with id {standards_year_id}")
    return row


def check_editor(session: Session, row: StandardsYear, by: int | None, *,
                 tried: str = "change the Professional Standards") -> None:
    """Refuse anyone but the year's own officer or a line manager (None: nobody signed in,
    allowed only while ``sign_in_needed`` is False).

    A refusal is written to the audit log (who, ``tried``, when) and kept, so call this
    before changing anything in the unit of work.
    """
    if by is None:
        if sign_in_needed(session):
            raise refused(session, None, tried, SIGN_IN_FIRST, standards_year_id=row.id)
        return
    person = session.get(Person, by)
    if person is None or not person.active:
        raise refused(session, by, tried, "only a current member of staff can change the Professional Standards",
                      standards_year_id=row.id)
    if person.role == "exams_assistant":
        raise refused(session, by, tried, f"{person.name} is an exams assistant: assistants can read the "
                      "Professional Standards but not change them", standards_year_id=row.id)
    if person.role == "line_manager" or (person.role == "exams_officer" and person.id == row.person_id):
        return
    officer = session.get(Person, row.person_id)
    raise refused(session, by, tried, f"{person.name} ({ROLES.get(person.role, person.role)}) cannot change these "
                  f"Standards: only {officer.name if officer else 'their exams officer'} or a line manager can",
                  standards_year_id=row.id)


def refused(session: Session, person_id: int | None, tried: str, reason: str, *,
            standards_year_id: int | None = None, at: datetime | None = None) -> NotAllowed:
    """Audit a refusal by role (who, what they tried, when) and return it to raise.

    The entry is committed at once (``passwords.keep_refusal``): the caller's unit of work
    rolls back when the refusal is raised. The window calls this too when it refuses
    before reaching the domain (an assistant pressing "Sign").
    """
    person = session.get(Person, person_id) if person_id is not None else None
    if person is not None:
        who = f"{person.name} ({role_word(person.role)})"
    else:
        who = "someone not on the staff list" if person_id is not None else "someone who was not signed in"
    entity, entity_id = ("person", person_id) if standards_year_id is None else ("standards_year", standards_year_id)
    keep_refusal(session, entity, entity_id, f"{who} tried to {tried}; refused: {reason}",
                 actor=person.name if person is not None else None, at=at)
    return NotAllowed(reason)


def live_signatures(session: Session, standards_year_id: int, kinds: Iterable[str],
                    meeting_id: int | None = None) -> list[Signature]:
    query = select(Signature).where(
        Signature.standards_year_id == standards_year_id,
        Signature.kind.in_(list(kinds)),
        Signature.withdrawn_at.is_(None),
    )
    if meeting_id is not None:
        query = query.where(Signature.meeting_id == meeting_id)
    return list(session.scalars(query.order_by(Signature.signed_at)))


def refuse_if_signed(session: Session, standards_year_id: int, kinds: Iterable[str], what: str,
                     meeting_id: int | None = None) -> None:
    signed = live_signatures(session, standards_year_id, kinds, meeting_id)
    if signed:
        first = signed[0]
        raise SignedAlready(
            f"{what} cannot be changed while {STANDING[first.kind]} stands ({first.signer_name}, "
            f"{format_date(local(first.signed_at).date())}); withdraw that signature first"
        )


# --- the year --------------------------------------------------------------------------

def start_year(session: Session, person_id: int, year: AcademicYear, experience: str = "experienced",
               *, by: int | None) -> StandardsYearRecord:
    """Register an exams officer for a year's Standards, with the default statement."""
    person = session.get(Person, person_id)
    if person is None or person.role != "exams_officer":
        raise InputError("the Professional Standards are for an exams officer: choose one")
    experience = choice(experience, EXPERIENCE, "level of experience")
    row = StandardsYear(person_id=person_id, experience=experience, values_statement=VALUES_STATEMENT)
    check_editor(session, row, by, tried=f"start the Professional Standards {year.label} of {person.name}")
    if find_year(session, person_id, year) is not None:
        raise InputError(f"{person.name} already has Professional Standards for {year.label}")
    row.year_id = ensure_year(session, year).id
    session.add(row)
    session.flush()
    audit.record(session, "create", "standards_year", row.id, f"Standards {year.label} started for {person.name}")
    return standards_year(session, row.id)


def set_experience(session: Session, standards_year_id: int, experience: str, *, by: int | None) -> None:
    row = year_row(session, standards_year_id)
    check_editor(session, row, by, tried="change the level of experience")
    experience = choice(experience, EXPERIENCE, "level of experience")
    if experience != row.experience:
        refuse_if_signed(session, row.id, ["slt_declaration"], "the level of experience")
        row.experience = experience
        audit.record(session, "update", "standards_year", row.id, f"marked {EXPERIENCE[experience].lower()}")


def set_values_statement(session: Session, standards_year_id: int, text: str, *, by: int | None) -> None:
    """Our own words; refused while either signature on the statement stands."""
    row = year_row(session, standards_year_id)
    check_editor(session, row, by, tried="change the Values & Attributes statement")
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if not text:
        raise InputError("the Values & Attributes statement is empty")
    if text == row.values_statement:
        return
    refuse_if_signed(session, row.id, [*VALUES_KINDS, "slt_declaration"], "the Values & Attributes statement")
    row.values_statement = text
    audit.record(session, "update", "standards_year", row.id, "Values & Attributes statement changed")
