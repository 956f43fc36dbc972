"""Signing the Standards with one's own password, and withdrawing a signature.

A signature must be the signer's own: it is given only with their password typed at
that moment (``passwords.verify``, slowed after repeated failures), and only by the
right person: the year's exams officer signs their Values & Attributes statement, a
line manager signs the statement's second part and the SLT declaration, either of them
signs a meeting record. An exams assistant, or anyone else, is refused in plain words,
and the refusal is written to the audit log (who, what they tried, when) and kept.

A signature stores who, in what role, when, and the SHA-256 of exactly what was signed
(``standards.signed_texts``), so a change behind its back shows; and the signer's Ed25519
signature over all of that (``signature_checks.payload``), made with their signing key,
which only their password opens (``accounts.signing_keys``): so nobody else can give it,
and a change to who, their role or when shows too. It is never edited: it is withdrawn,
with a reason, and both are in the audit log. The password never is.

The person named can dispute a signature (``dispute``): they see the signatures given in
their name since they last signed in each time they sign in. A disputed signature no
longer counts, and every export says who disputed it and when.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from eoffice.db.models import Person, Signature, StandardsMeeting
from eoffice.domain import audit
from eoffice.domain.accounts import ROLES, NotAllowed, unlock, utc_naive, verify
from eoffice.domain.dates import format_date, local
from eoffice.domain.standards.progress import declaration_missing, load
from eoffice.domain.standards.records import (
    SIGNATURE_KINDS,
    VALUES_KINDS,
    SignatureRecord,
    SignedAlready,
    content_hash,
    live_signatures,
    refuse_if_signed,
    refused,
    signatures,
    signed_texts,
    standards_year,
    year_row,
)
from eoffice.domain.standards.signature_checks import payload_of
from eoffice.errors import InputError


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InputError(f"there is no person {person_id}")
    if not person.active:
        raise NotAllowed(f"{person.name} is no longer active and cannot sign")
    return person


def _role(person: Person) -> str:
    return ROLES.get(person.role, person.role).lower()


def check_signer(session: Session, officer_id: int, kind: str, person: Person) -> None:
    """The role rules; raises ``NotAllowed`` with the reason in plain words."""
    what = SIGNATURE_KINDS[kind]
    if person.role == "exams_assistant":
        raise NotAllowed(f"{person.name} is an exams assistant: assistants cannot sign the Professional Standards")
    officer = session.get(Person, officer_id)
    officer_name = officer.name if officer else "the exams officer"
    if kind == "values_officer" and person.id != officer_id:
        raise NotAllowed(f"only {officer_name} can sign their own part of the Values & Attributes statement")
    if kind in ("values_line_manager", "slt_declaration") and person.role != "line_manager":
        raise NotAllowed(f"only a line manager can sign the {what}; {person.name} is the {_role(person)}")
    if kind == "meeting" and not (person.id == officer_id or person.role == "line_manager"):
        raise NotAllowed(f"only {officer_name} or a line manager can sign this meeting record")


def sign(session: Session, standards_year_id: int, kind: str, signer_person_id: int, password: str, *,
         meeting_id: int | None = None, now: datetime | None = None) -> SignatureRecord:
    """Sign, after the role rules and the record's state are checked and the password is right.

    The checks that need no password come first, so a refusal never costs a try.
    """
    if kind not in SIGNATURE_KINDS:
        raise InputError(f"{kind!r} is not something that can be signed")
    row = year_row(session, standards_year_id)
    try:
        person = _person(session, signer_person_id)
        check_signer(session, row.person_id, kind, person)
    except NotAllowed as refusal:
        record = standards_year(session, row.id)
        raise refused(session, signer_person_id, f"sign the {SIGNATURE_KINDS[kind]} for {record.officer}, "
                      f"{record.year.label}", str(refusal), standards_year_id=row.id, at=now) from None
    if kind == "meeting":
        meeting = session.get(StandardsMeeting, meeting_id) if meeting_id is not None else None
        if meeting is None or meeting.standards_year_id != row.id:
            raise InputError("choose one of this year's meetings to sign")
    elif meeting_id is not None:
        raise InputError(f"the {SIGNATURE_KINDS[kind]} is not a meeting record")
    already = [s for s in live_signatures(session, row.id, [kind], meeting_id)
               if kind != "meeting" or s.person_id == person.id]
    if already:
        first = already[0]
        raise SignedAlready(f"the {SIGNATURE_KINDS[kind]} is already signed by {first.signer_name} on "
                            f"{format_date(local(first.signed_at).date())}; withdraw that signature to sign again")
    if kind in VALUES_KINDS and not row.values_statement.strip():
        raise InputError("the Values & Attributes statement is empty: write it before signing")
    if kind == "slt_declaration":
        missing = declaration_missing(load(session, row.id))
        if missing:
            raise InputError("the SLT declaration confirms that the Standards are achieved, and some are not yet: "
                             + "; ".join(missing))
    verify(session, person.id, password, now=now, purpose=f"sign the {SIGNATURE_KINDS[kind]}")
    key = unlock(session, person, password, now=now)  # their own key: only their password opens it
    signature = Signature(
        standards_year_id=row.id, kind=kind, meeting_id=meeting_id, person_id=person.id, signer_name=person.name,
        signer_role=person.role, signed_at=utc_naive(now),
        content_hash=content_hash(signed_texts(session, row.id, kind, meeting_id)[0]), key_id=key.record.id,
    )
    signature.signature = key.sign(payload_of(signature, key.record.public_key))
    session.add(signature)
    session.flush()
    record = standards_year(session, row.id)
    audit.record(session, "sign", "signature", signature.id,
                 f"{SIGNATURE_KINDS[kind]} signed by {person.name} ({_role(person)}) for {record.officer}, "
                 f"{record.year.label}, with signing key {key.record.fingerprint}", actor=person.name, at=now)
    return _record(session, row.id, signature.id)


def _record(session: Session, standards_year_id: int, signature_id: int) -> SignatureRecord:
    return next(s for s in signatures(session, standards_year_id) if s.id == signature_id)


def withdraw(session: Session, signature_id: int, reason: str, by_person_id: int, password: str, *,
             now: datetime | None = None) -> SignatureRecord:
    """Withdraw a signature (the signer, or a line manager), with a reason for the log.

    The Values & Attributes signatures stand under the SLT declaration, so that goes first.
    """
    signature = session.get(Signature, signature_id)
    if signature is None:
        raise InputError(f"there is no signature {signature_id}")
    if signature.withdrawn_at is not None:
        raise InputError(f"this signature was already withdrawn on {format_date(local(signature.withdrawn_at).date())}")
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("give a reason for withdrawing the signature; it is kept in the audit log")
    what = f"withdraw {signature.signer_name}'s signature on the {SIGNATURE_KINDS[signature.kind]}"
    try:
        person = _person(session, by_person_id)
        if person.role == "exams_assistant":
            raise NotAllowed(f"{person.name} is an exams assistant: assistants cannot withdraw signatures")
        if person.id != signature.person_id and person.role != "line_manager":
            raise NotAllowed(f"only {signature.signer_name}, who signed, or a line manager can withdraw this "
                             "signature")
    except NotAllowed as refusal:
        raise refused(session, by_person_id, what, str(refusal), standards_year_id=signature.standards_year_id,
                      at=now) from None
    if signature.kind in VALUES_KINDS:
        refuse_if_signed(session, signature.standards_year_id, ["slt_declaration"],
                         "this Values & Attributes signature")
    verify(session, person.id, password, now=now, purpose=what)
    signature.withdrawn_at, signature.withdrawn_reason = utc_naive(now), reason
    session.flush()
    audit.record(session, "withdraw", "signature", signature.id,
                 f"{SIGNATURE_KINDS[signature.kind]} signed by {signature.signer_name} withdrawn by {person.name} "
                 f"({_role(person)}): {reason}", actor=person.name, at=now)
    return _record(session, signature.standards_year_id, signature.id)
