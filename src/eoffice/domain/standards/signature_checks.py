"""Is a signature really its signer's? Checked each time a signature is read.

A signature is the signer's Ed25519 signature (``accounts.signing_keys``) over ``payload``:

    JSON ["eoffice signature v1", kind, standards year id, content hash (SHA-256 of what was
          signed, ``records.signed_texts``), signer's person id, signer's name, their role,
          signed at (UTC, ``YYYY-MM-DD HH:MM:SS.ffffff``), key id, public key (hex)]

so changing what was signed, who signed, their role or the time, or pointing it at another
key, makes it fail; and only the holder of the private key (opened by the signer's own
password) can make one that verifies. ``verdict`` says, in plain words, why one does not.

Signatures given before signing keys (before migration 0010) have no key and cannot be
verified. The upgrade wrote their ids into one audit row (``LEGACY_ACTION``), which the audit
chain covers; those still count, and every screen and export says "signed before signing
keys: cannot be verified". A signature without a key that is not on that list was not
made by eoffice and does not count. Only the first such row is read, and only if it comes
before the first signing key was made, so a row appended later adds nobody.

Read in plain SQL (``eoffice.db.plain``): the Overview counts only signatures that verify,
and is painted before SQLAlchemy is imported (issue 17). ``cryptography`` is imported only
when a signature is checked, never when this module is. The fingerprint and the check of a
signature against a public key are the accounts' own (``accounts.public_keys``, which loads no
SQLAlchemy either), so the Overview, the certificate and the PDFs print one fingerprint.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from eoffice.db.plain import Reads, as_reader
from eoffice.domain.accounts.public_keys import StoredKey, signature_matches

PAYLOAD_VERSION = "eoffice signature v1"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
LEGACY_ACTION = "signing_keys"  # the audit row migration 0010 wrote
LEGACY_WORDS = "signed before signing keys: cannot be verified"
NOT_VERIFIED = "does not verify"
_IDS = re.compile(r"\(ids ([0-9, ]+)\)$")


class SignedRow(Protocol):
    """What a stored signature says: the ``Signature`` row being made, or one read back."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def standards_year_id(self) -> int: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def person_id(self) -> int: ...
    @property
    def signer_name(self) -> str: ...
    @property
    def signer_role(self) -> str: ...
    @property
    def signed_at(self) -> datetime: ...
    @property
    def key_id(self) -> int | None: ...
    @property
    def signature(self) -> str | None: ...


def payload(*, kind: str, standards_year_id: int, content_hash: str, person_id: int, signer_name: str,
            signer_role: str, signed_at: datetime, key_id: int, public_key: str) -> bytes:
    """Exactly what a signature signs (see the module)."""
    fields = [PAYLOAD_VERSION, kind, standards_year_id, content_hash, person_id, signer_name, signer_role,
              signed_at.strftime(TIME_FORMAT), key_id, public_key]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def payload_of(signature: SignedRow, public_key: str) -> bytes:
    assert signature.key_id is not None
    return payload(kind=signature.kind, standards_year_id=signature.standards_year_id,
                   content_hash=signature.content_hash, person_id=signature.person_id,
                   signer_name=signature.signer_name, signer_role=signature.signer_role,
                   signed_at=signature.signed_at, key_id=signature.key_id, public_key=public_key)


@dataclass(frozen=True)
class Verdict:
    verified: bool  # made by the signer's key, over what the row says
    legacy: bool = False  # given before signing keys: cannot be verified, still counts
    problem: str = ""  # why not verified, in plain words ("" when verified)
    fingerprint: str = ""  # of the key it verifies against

    @property
    def counts(self) -> bool:
        return self.verified or self.legacy


def legacy_ids(db: Reads) -> frozenset[int]:
    """The signatures the upgrade to signing keys found already given (see the module)."""
    reader = as_reader(db)
    row = reader.execute("SELECT id, summary FROM audit_entry WHERE action = ? AND entity = 'signature' ORDER BY id LIMIT 1",
                         (LEGACY_ACTION,)).fetchone()
    if row is None:
        return frozenset()
    first_key = reader.execute("SELECT min(id) FROM audit_entry WHERE entity = 'signing_key'").fetchone()[0]
    found = _IDS.search(row[1])
    if found is None or (first_key is not None and first_key < row[0]):
        return frozenset()
    return frozenset(int(part) for part in found.group(1).split(",") if part.strip())


def verdict(signature: SignedRow, key: StoredKey | None, legacy: frozenset[int]) -> Verdict:
    """Does this stored signature verify against its signer's key? If not, why not."""
    if signature.key_id is None and not signature.signature:
        if signature.id in legacy:
            return Verdict(False, True, LEGACY_WORDS)
        return Verdict(False, False, f"{NOT_VERIFIED}: it has no signing key's signature, and it is not one of the "
                       "signatures given before signing keys, so eoffice did not make it")
    if key is None or not signature.signature:
        return Verdict(False, False, f"{NOT_VERIFIED}: the signing key it names is not there")
    if key.person_id != signature.person_id:
        return Verdict(False, False, f"{NOT_VERIFIED}: the signing key it names is not {signature.signer_name}'s",
                       key.fingerprint)
    if not signature_matches(key.public_key, payload_of(signature, key.public_key), signature.signature):
        return Verdict(False, False, f"{NOT_VERIFIED}: what was signed, the signer, their role or the time was "
                       f"changed after signing, or {signature.signer_name}'s key did not sign it", key.fingerprint)
    if key.retired_at is not None and signature.signed_at > key.retired_at:
        return Verdict(False, False, f"{NOT_VERIFIED}: it is dated after its signing key was retired",
                       key.fingerprint)
    return Verdict(True, False, "", key.fingerprint)
