"""Signatures their signer disowns, and every signature checked at once.

* ``signatures_in_name_since``: what was signed in a person's name since they last signed
  in, for the window to show at their next sign-in, so a signature someone else gave
  with their password (or a setup code handed to the wrong person) is seen by its owner.
* ``dispute_signature``: the person named says a signature is not theirs. It is kept,
  marked disputed (by whom, when, why), no longer counts, and every export says so; the
  audit log has it.
* ``check_all_signatures``: every signature of every year, checked against its signer's
  key, for ``eoffice check``: those that do not verify, those given before signing keys
  (which cannot be), the disputed ones, and those whose record changed behind them; and
  the signatures the audit log says were given that are no longer there (eoffice never
  deletes one: it is withdrawn), so deleting a signature shows too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import AuditEntry, Signature, StandardsMeeting
from eoffice.domain import audit
from eoffice.domain.accounts import NotAllowed, role_word, utc_naive
from eoffice.domain.dates import format_date, format_datetime, local
from eoffice.domain.standards.records import SIGNATURE_KINDS, SignatureRecord, signatures, standards_year
from eoffice.errors import InputError

NOT_VERIFIED, LEGACY, DISPUTED, CHANGED, GONE = "not_verified", "legacy", "disputed", "changed", "gone"


@dataclass(frozen=True)
class SignatureNotice:
    """A signature given in someone's name, as they are shown it when they sign in."""

    id: int
    what: str  # "SLT declaration for Priya Shah, 2026/27"
    signed_at: datetime  # UTC, naive
    state: str  # SignatureRecord.state

    @property
    def line(self) -> str:
        return f"{self.what}, signed {format_datetime(local(self.signed_at))} ({self.state})"


def _what(session: Session, record: SignatureRecord, standards_year_id: int) -> str:
    year = standards_year(session, standards_year_id)
    what = SIGNATURE_KINDS.get(record.kind, record.kind)
    if record.kind == "meeting" and record.meeting_id is not None:
        meeting = session.get(StandardsMeeting, record.meeting_id)
        if meeting is not None:
            what += f" of {format_date(meeting.held_on)}"
    return f"{what} for {year.officer}, {year.year.label}"


def _records(session: Session, rows: list[Signature]) -> list[tuple[SignatureRecord, int]]:
    """The checked records of these signature rows (each year read once), with their year's id."""
    wanted = {row.id for row in rows}
    found = []
    for year_id in sorted({row.standards_year_id for row in rows}):
        found += [(record, year_id) for record in signatures(session, year_id) if record.id in wanted]
    return sorted(found, key=lambda pair: (pair[0].signed_at, pair[0].id))


def signatures_in_name_since(session: Session, person_id: int, since: datetime | None) -> list[SignatureNotice]:
    """Signatures in ``person_id``'s name given at or after ``since`` (UTC, naive; None: ever),
    not already disputed, oldest first."""
    query = select(Signature).where(Signature.person_id == person_id, Signature.disputed_at.is_(None))
    if since is not None:
        query = query.where(Signature.signed_at >= since)
    return [SignatureNotice(record.id, _what(session, record, year_id), record.signed_at, record.state)
            for record, year_id in _records(session, list(session.scalars(query)))]


def dispute_signature(session: Session, signature_id: int, by_person_id: int, reason: str, *,
                      now: datetime | None = None) -> SignatureNotice:
    """The person named says this signature is not theirs: marked, kept, logged.

    Only the person it names can dispute it; the window offers it right after they have
    signed in with their own password.
    """
    row = session.get(Signature, signature_id)
    if row is None:
        raise InputError(f"there is no signature {signature_id}")
    if row.person_id != by_person_id:
        raise NotAllowed(f"only {row.signer_name}, in whose name it was given, can dispute this signature")
    if row.disputed_at is not None:
        raise InputError(f"this signature was already disputed on {format_date(local(row.disputed_at).date())}")
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("say why the signature is disputed; it is kept in the audit log")
    (record, year_id), = _records(session, [row])
    what = _what(session, record, year_id)
    row.disputed_at, row.disputed_by, row.disputed_reason = utc_naive(now), row.signer_name, reason
    session.flush()
    audit.record(session, "dispute", "signature", row.id,
                 f"{what}, signed in the name of {row.signer_name} ({role_word(row.signer_role)}) on "
                 f"{format_datetime(local(row.signed_at))}, disputed by {row.signer_name}: {reason}",
                 actor=row.signer_name, at=now)
    (record, _), = _records(session, [row])
    return SignatureNotice(record.id, what, record.signed_at, record.state)


@dataclass(frozen=True)
class SignatureProblem:
    signature_id: int
    kind: str  # NOT_VERIFIED, LEGACY, DISPUTED or CHANGED
    line: str  # "signature 7: SLT declaration for ..., in the name of ... on ...: does not verify: ..."

    @property
    def failing(self) -> bool:
        """A signature eoffice did not make as it reads, or one deleted: ``eoffice check`` fails on it."""
        return self.kind in (NOT_VERIFIED, GONE)


@dataclass(frozen=True)
class SignatureCheck:
    checked: int
    verified: int
    problems: tuple[SignatureProblem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not any(p.failing for p in self.problems)

    def count(self, kind: str) -> int:
        return sum(p.kind == kind for p in self.problems)

    @property
    def summary(self) -> str:
        """``signatures: 5 checked, 4 verified, 1 does not verify``."""
        parts = [f"{self.checked} checked", f"{self.verified} verified"]
        for kind, words in ((LEGACY, "signed before signing keys (cannot be verified)"),
                            (NOT_VERIFIED, "not verified"), (GONE, "deleted"), (DISPUTED, "disputed"),
                            (CHANGED, "changed since signed")):
            if self.count(kind):
                parts.append(f"{self.count(kind)} {words}")
        return "signatures: " + ", ".join(parts)


def check_all_signatures(session: Session) -> SignatureCheck:
    """Every signature stored, checked (see the module); withdrawn ones too."""
    rows = list(session.scalars(select(Signature)))
    problems, verified = [], 0
    for record, year_id in _records(session, rows):
        verified += record.verified
        found = []
        if not record.trusted:
            found.append((NOT_VERIFIED, record.problem))
        elif record.legacy:
            found.append((LEGACY, record.problem))
        if record.disputed:
            found.append((DISPUTED, f"{record.dispute_words}: {record.disputed_reason}"))
        if record.live and not record.intact:
            found.append((CHANGED, "what it signed has changed since"))
        if not found:
            continue
        head = (f"signature {record.id}: {_what(session, record, year_id)}, in the name of {record.signer_name} "
                f"({role_word(record.signer_role)}) on {format_date(local(record.signed_at).date())}"
                + ("" if record.live else ", withdrawn"))
        problems += [SignatureProblem(record.id, kind, f"{head}: {words}") for kind, words in found]
    return SignatureCheck(len(rows), verified, tuple(problems + _gone(session, {row.id for row in rows})))


def _gone(session: Session, present: set[int]) -> list[SignatureProblem]:
    """Signatures the audit log saw given that are no longer stored."""
    given = session.execute(select(AuditEntry.id, AuditEntry.entity_id, AuditEntry.summary)
                            .where(AuditEntry.action == "sign", AuditEntry.entity == "signature"))
    return [SignatureProblem(int(entity_id), GONE, f"signature {entity_id} ({summary}; audit log row {entry_id}): "
                             "it is gone, deleted outside eoffice (eoffice withdraws a signature, never deletes it)")
            for entry_id, entity_id, summary in given
            if entity_id is not None and entity_id.isdigit() and int(entity_id) not in present]
