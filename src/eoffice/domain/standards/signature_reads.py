"""The signatures on a year's Standards, each checked as it is read, in plain SQL.

Checked twice: what it signed against the record now (``signed_texts``, by content hash),
and the signature itself against its signer's signing key (``signature_checks``). Read on
either handle (``eoffice.db.plain.Reads``): the Overview counts only signatures that
stand, and is painted before SQLAlchemy is imported (issue 17); the writers in
``records`` and ``signing`` read signatures through these same functions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from eoffice.db.plain import Reads, as_reader, moment, moment_or_none
from eoffice.domain.accounts.public_keys import stored_keys
from eoffice.domain.dates import format_date, local
from eoffice.domain.standards.meeting_reads import meeting_content
from eoffice.domain.standards.rules import SLT_DECLARATIONS
from eoffice.domain.standards.signature_checks import LEGACY_WORDS, NOT_VERIFIED, legacy_ids, verdict
from eoffice.domain.standards.standards_reads import StandardsYearRecord, standards_year
from eoffice.errors import InputError

SIGNATURE_KINDS: dict[str, str] = {
    "values_officer": "Values & Attributes statement (exams officer)",
    "values_line_manager": "Values & Attributes statement (line manager)",
    "slt_declaration": "SLT declaration",
    "meeting": "Meeting record",
}
VALUES_KINDS = ("values_officer", "values_line_manager")


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


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _texts(db: Reads, record: StandardsYearRecord, kind: str, meeting_id: int | None) -> list[str]:
    year = record.year.label
    if kind in VALUES_KINDS:
        return [json.dumps(["values", record.person_id, year, record.values_statement], ensure_ascii=False)]
    if kind == "slt_declaration":
        return [json.dumps(["slt", text, year, record.person_id], ensure_ascii=False) for text in reversed(SLT_DECLARATIONS)]
    if kind == "meeting":
        return [meeting_content(db, record.id, meeting_id)]
    raise InputError(f"{kind!r} is not something that can be signed")


def signed_texts(db: Reads, standards_year_id: int, kind: str, meeting_id: int | None = None) -> list[str]:
    """The exact text a signature of ``kind`` covers now; the newest wording first.

    The statement: officer, year and its words. The SLT declaration: its wording (each
    published version, so an old signature still checks), year and officer. A meeting:
    every field of the record and its progress notes.
    """
    return _texts(db, standards_year(db, standards_year_id), kind, meeting_id)


@dataclass(frozen=True)
class _Stored:
    """A signature row as stored (``signature_checks.SignedRow``)."""

    id: int
    standards_year_id: int
    kind: str
    meeting_id: int | None
    person_id: int
    signer_name: str
    signer_role: str
    signed_at: datetime
    content_hash: str
    withdrawn_at: datetime | None
    withdrawn_reason: str
    key_id: int | None
    signature: str | None
    disputed_at: datetime | None
    disputed_by: str
    disputed_reason: str


def _stored(db: Reads, standards_year_id: int) -> list[_Stored]:
    rows = as_reader(db).execute(
        "SELECT id, standards_year_id, kind, meeting_id, person_id, signer_name, signer_role, signed_at, content_hash, "
        "withdrawn_at, withdrawn_reason, key_id, signature, disputed_at, disputed_by, disputed_reason "
        "FROM signature WHERE standards_year_id = ? ORDER BY signed_at, id", (standards_year_id,))
    return [_Stored(i, year_id, kind, meeting_id, person_id, name, role, moment(signed_at), hashed,
                    moment_or_none(withdrawn_at), withdrawn_reason, key_id, signature, moment_or_none(disputed_at),
                    disputed_by, disputed_reason)
            for (i, year_id, kind, meeting_id, person_id, name, role, signed_at, hashed, withdrawn_at, withdrawn_reason,
                 key_id, signature, disputed_at, disputed_by, disputed_reason) in rows]


def signatures(db: Reads, standards_year_id: int) -> list[SignatureRecord]:
    """Every signature of the year, withdrawn ones too, oldest first, each checked: what it
    signed against the record now, and the signature against its signer's key."""
    rows = _stored(db, standards_year_id)
    if not rows:
        return []
    record = standards_year(db, standards_year_id)
    keys = stored_keys(db, [s.key_id for s in rows if s.key_id is not None])
    legacy = legacy_ids(db) if any(s.key_id is None for s in rows) else frozenset()
    hashes: dict[tuple[str, int | None], set[str]] = {}  # what each kind (and meeting) covers now, worked out once
    found = []
    for s in rows:
        if (s.kind, s.meeting_id) not in hashes:
            try:
                hashes[s.kind, s.meeting_id] = {content_hash(t) for t in _texts(db, record, s.kind, s.meeting_id)}
            except InputError:  # the meeting it signed has gone
                hashes[s.kind, s.meeting_id] = set()
        checked = verdict(s, keys.get(s.key_id) if s.key_id is not None else None, legacy)
        found.append(SignatureRecord(s.id, s.kind, s.meeting_id, s.person_id, s.signer_name, s.signer_role,
                                     s.signed_at, s.content_hash, s.withdrawn_at, s.withdrawn_reason,
                                     s.content_hash in hashes[s.kind, s.meeting_id], checked.verified, checked.legacy,
                                     checked.problem, checked.fingerprint, s.disputed_at, s.disputed_by,
                                     s.disputed_reason))
    return found
