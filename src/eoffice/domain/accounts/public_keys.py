"""What the public half of a signing key says: its fingerprint, whether a signature is its own,
and the stored keys read by id (``stored_keys``, plain SQL on either handle).

Apart from ``signing_keys`` (which makes, seals and opens key pairs with the ORM, and
re-exports both) because the Overview checks every signature it counts before SQLAlchemy
is imported (``standards.signature_checks``, issue 17), and the certificate, the PDFs and
the Overview must print one and the same fingerprint.

``cryptography`` is imported only when a signature is checked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from eoffice.db.plain import Reads, as_reader, in_chunks, marks, moment_or_none


def fingerprint(public_key: str) -> str:
    """``3F9A 0C71 …``: what the certificate and the PDFs print for a public key (hex): the first
    128 bits of its SHA-256, as eight groups of four hex digits, so a swapped key shows on paper."""
    digest = hashlib.sha256(bytes.fromhex(public_key)).hexdigest().upper()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def signature_matches(public_key: str, payload: bytes, signature: str) -> bool:
    """Does ``signature`` (hex) verify ``payload`` under ``public_key`` (hex)? A malformed key or
    signature is simply not a match."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(bytes.fromhex(signature), payload)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class StoredKey:
    """The public half of a signing key, as stored (``signing_keys`` makes them)."""

    id: int
    person_id: int
    public_key: str  # hex
    retired_at: datetime | None  # UTC, naive

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def stored_keys(db: Reads, ids: Collection[int]) -> dict[int, StoredKey]:
    """The keys with these ids (to check many signatures), a statement's worth at a time; in
    plain SQL, as the Overview checks the signatures it counts before SQLAlchemy loads."""
    reader = as_reader(db)
    found: dict[int, StoredKey] = {}
    for chunk in in_chunks(sorted(set(ids))):
        rows = reader.execute(f"SELECT id, person_id, public_key, retired_at FROM signing_key WHERE id IN ({marks(len(chunk))})",
                              chunk)
        found.update((i, StoredKey(i, person, public, moment_or_none(retired))) for i, person, public, retired in rows)
    return found
