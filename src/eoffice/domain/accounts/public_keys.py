"""What the public half of a signing key says: its fingerprint, and whether a signature is its own.

Apart from ``signing_keys`` (which makes, seals and opens key pairs with the ORM, and
re-exports both) because the Overview checks every signature it counts before SQLAlchemy
is imported (``standards.signature_checks``, issue 17), and the certificate, the PDFs and
the Overview must print one and the same fingerprint.

Needs no database. ``cryptography`` is imported only when a signature is checked.
"""

from __future__ import annotations

import hashlib


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
