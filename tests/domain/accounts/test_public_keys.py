"""A public key's fingerprint and the check of a signature against it (``accounts.public_keys``):
one implementation, used by the signing keys and by the Overview's check of every signature, and
loading neither SQLAlchemy nor, until a signature is checked, ``cryptography`` (issue 17)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from eoffice.domain.accounts import public_keys, signing_keys
from eoffice.domain.accounts.public_keys import fingerprint, signature_matches


def test_the_fingerprint_is_eight_groups_of_the_start_of_the_sha256() -> None:
    public = "ab" * 32
    digest = hashlib.sha256(bytes.fromhex(public)).hexdigest().upper()
    assert fingerprint(public) == " ".join(digest[i:i + 4] for i in range(0, 32, 4))
    assert len(fingerprint(public).split()) == 8


def test_a_signature_matches_only_its_own_key_and_payload() -> None:
    private, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw().hex()
    signed = private.sign(b"what was signed").hex()
    assert signature_matches(public, b"what was signed", signed)
    assert not signature_matches(public, b"what was signed, changed", signed)
    assert not signature_matches(other.public_key().public_bytes_raw().hex(), b"what was signed", signed)
    assert not signature_matches(public, b"what was signed", "00" * 64)
    assert not signature_matches(public, b"what was signed", "not hex")  # malformed: no match, no error
    assert not signature_matches("abcd", b"what was signed", signed)


def test_the_signing_keys_hand_on_the_one_implementation() -> None:
    assert signing_keys.fingerprint is public_keys.fingerprint
    assert signing_keys.signature_matches is public_keys.signature_matches


def test_importing_loads_no_storage_and_no_cryptography_until_a_signature_is_checked() -> None:
    probe = ("import sys\n"
             "from eoffice.domain.accounts.public_keys import fingerprint\n"
             "fingerprint('ab' * 32)\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'cryptography') or m in "
             "('eoffice.db.models', 'eoffice.db.session')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
