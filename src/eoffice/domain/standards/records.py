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
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import Person, Signature, StandardsYear
from eoffice.domain import audit
from eoffice.domain.accounts import ROLES, SIGNER_ROLES, NotAllowed, keep_refusal, keys_by_id, passwords, role_word
from eoffice.domain.dates import format_date, local
from eoffice.domain.series import ensure_year
from eoffice.domain.standards.rules import EXPERIENCE, SLT_DECLARATIONS, VALUES_STATEMENT, choice
from eoffice.domain.standards.signature_checks import LEGACY_WORDS, NOT_VERIFIED, legacy_ids, verdict
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError, InputError

SIGNATURE_KINDS: dict[str, str] = {
    "values_officer": "Values & Attributes statement (exams officer)",
    "values_line_manager": "Values & Attributes statement (line manager)",
    "slt_declaration": "SLT declaration",
    "meeting": "Meeting record",
}
VALUES_KINDS = ("values_officer", "values_line_manager")
STANDING: dict[str, str] = {  # "... cannot be changed while X stands"
    "values_officer": "the exams officer's signature on the statement",
    "values_line_manager": "the line manager's signature on the statement",
    "slt_declaration": "the SLT declaration",
    "meeting": "a signature on it",  # what: "this meeting record"
}


class SignedAlready(EofficeError):
    """The record is signed; the signature must be withdrawn before it can change."""


# --- records ---------------------------------------------------------------------------

@dataclass(frozen=True)
class StandardsYearRecord:
    id: int
    person_id: int
    officer: str
    year: AcademicYear
    experience: str
    values_statement: str


@dataclass(frozen=True)
class SignatureRecord:
    id: int
    kind: str
    meeting_id: int | None
    person_id: int
    signer_name: str
    signer_role: str
    signed_at: datetime  # UTC
    content_hash: str
    withdrawn_at: datetime | None
    withdrawn_reason: str
    intact: bool  # what was signed is still what is stored
    verified: bool = False  # made by the signer's own signing key, over what the row says
    legacy: bool = False  # given before signing keys: cannot be verified (still counts)
    problem: str = ""  # why it is not verified, in plain words; "" when it is
    key_fingerprint: str = ""  # of the signing key it verifies against
    disputed_at: datetime | None = None  # UTC: the person named said it was not theirs
    disputed_by: str = ""
    disputed_reason: str = ""

    @property
    def live(self) -> bool:
        """Not withdrawn: the record stays locked while this is so."""
        return self.withdrawn_at is None

    @property
    def trusted(self) -> bool:
        """Verified, or given before signing keys (and listed as such by the upgrade)."""
        return self.verified or self.legacy

    @property
    def disputed(self) -> bool:
        return self.disputed_at is not None

    @property
    def valid(self) -> bool:
        """Counts as a signature: not withdrawn, nothing changed since, its signer's own, not disputed."""
        return self.live and self.intact and self.trusted and not self.disputed

    @property
    def dispute_words(self) -> str:
        """``disputed by Daniel O'Connor on 24/11/2026``; "" when not disputed."""
        if self.disputed_at is None:
            return ""
        return f"disputed by {self.disputed_by} on {format_date(local(self.disputed_at).date())}"

    @property
    def state(self) -> str:
        if not self.live:
            return "; ".join(w for w in ("withdrawn", self.dispute_words) if w)
        if self.disputed:
            return self.dispute_words
        if not self.trusted:
            return NOT_VERIFIED
        if not self.intact:
            return "changed since signed"
        return f"signed ({LEGACY_WORDS})" if self.legacy else "signed"


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

def _record(session: Session, row: StandardsYear) -> StandardsYearRecord:
    start = session.scalar(select(YearRow.start_year).where(YearRow.id == row.year_id))
    person = session.get(Person, row.person_id)
    name = person.name if person else ""
    return StandardsYearRecord(row.id, row.person_id, name, AcademicYear(start),  # type: ignore[arg-type]
                               row.experience, row.values_statement)


def standards_year(session: Session, standards_year_id: int) -> StandardsYearRecord:
    return _record(session, year_row(session, standards_year_id))


def find_year(session: Session, person_id: int, year: AcademicYear) -> StandardsYearRecord | None:
    row = session.scalar(
        select(StandardsYear).join(YearRow, YearRow.id == StandardsYear.year_id)
        .where(StandardsYear.person_id == person_id, YearRow.start_year == year.start_year)
    )
    return None if row is None else _record(session, row)


def years_in(session: Session, year: AcademicYear) -> list[StandardsYearRecord]:
    """Every officer's Standards in an academic year, by officer name."""
    rows = session.scalars(
        select(StandardsYear).join(YearRow, YearRow.id == StandardsYear.year_id)
        .join(Person, Person.id == StandardsYear.person_id)
        .where(YearRow.start_year == year.start_year).order_by(Person.name, StandardsYear.id)
    )
    return [_record(session, row) for row in rows]


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
    return _record(session, row)


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


# --- what a signature fixes ------------------------------------------------------------------

def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signed_texts(session: Session, standards_year_id: int, kind: str, meeting_id: int | None = None) -> list[str]:
    """The exact text a signature of ``kind`` covers now; the newest wording first.

    The statement: officer, year and its words. The SLT declaration: its wording (each
    published version, so an old signature still checks), year and officer. A meeting:
    every field of the record and its progress notes.
    """
    row = year_row(session, standards_year_id)
    year = standards_year(session, row.id).year.label
    if kind in VALUES_KINDS:
        return [json.dumps(["values", row.person_id, year, row.values_statement], ensure_ascii=False)]
    if kind == "slt_declaration":
        return [json.dumps(["slt", text, year, row.person_id], ensure_ascii=False) for text in reversed(SLT_DECLARATIONS)]
    if kind == "meeting":
        from eoffice.domain.standards.meeting_records import meeting_content

        return [meeting_content(session, row.id, meeting_id)]
    raise InputError(f"{kind!r} is not something that can be signed")


def signatures(session: Session, standards_year_id: int) -> list[SignatureRecord]:
    """Every signature of the year, withdrawn ones too, oldest first, each checked: what it
    signed against the record now, and the signature against its signer's key."""
    rows = list(session.scalars(select(Signature).where(Signature.standards_year_id == standards_year_id)
                                .order_by(Signature.signed_at, Signature.id)))
    keys = keys_by_id(session, [s.key_id for s in rows if s.key_id is not None])
    legacy = legacy_ids(session) if any(s.key_id is None for s in rows) else frozenset()
    found = []
    for s in rows:
        try:
            hashes = {content_hash(t) for t in signed_texts(session, standards_year_id, s.kind, s.meeting_id)}
        except InputError:  # the meeting it signed has gone
            hashes = set()
        checked = verdict(s, keys.get(s.key_id) if s.key_id is not None else None, legacy)
        found.append(SignatureRecord(s.id, s.kind, s.meeting_id, s.person_id, s.signer_name, s.signer_role,
                                     s.signed_at, s.content_hash, s.withdrawn_at, s.withdrawn_reason,
                                     s.content_hash in hashes, checked.verified, checked.legacy, checked.problem,
                                     checked.fingerprint, s.disputed_at, s.disputed_by, s.disputed_reason))
    return found
