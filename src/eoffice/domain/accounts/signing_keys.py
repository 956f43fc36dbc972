"""Signing keys: a signature only its owner can give.

Each exams officer and line manager has an Ed25519 key pair (``SigningKey``). The public
half is stored in clear, and its fingerprint (``fingerprint``: the first 128 bits of the
SHA-256 of the public key, as eight groups of four hex digits) is printed on the
certificate and the Standards PDFs, so a key swapped in behind eoffice's back shows on
paper. ``fingerprint`` and ``signature_matches`` need only the public half and live in
``public_keys`` (re-exported here): the Overview checks signatures before SQLAlchemy loads.
The private half is stored only encrypted:

    key-encryption key = scrypt(password, a random 16-byte salt, N, r, p)   (``passwords.cost``)
    private_key        = AES-256-GCM(key-encryption key, a random 12-byte nonce,
                                     the 32 raw private bytes,
                                     associated data "eoffice signing key v1|<person id>|<public key hex>")

kept as ``scrypt-aesgcm$N$r$p$<salt>$<nonce>$<ciphertext and tag>`` (hex). The salt is not
the password hash's, so the stored password hash says nothing about this key; the
associated data ties the ciphertext to its owner and public key. Only the password opens
it, so only its owner can sign: not the other signer, not someone with the database.

* A first password (or one chosen with a reset or setup code) makes a new key pair.
* Changing one's password re-encrypts the same key under the new password.
* A reset retires the key at once: its private half is wiped, its public half stays, so
  every signature made with it still verifies; the new password then gets a new pair.
* A signer who set their password before keys existed gets a key at their next sign-in
  or signature (the password is needed to make it).

The cryptography is the ``cryptography`` library's (Ed25519, Scrypt, AESGCM); nothing here
is hand-made. The password and the private key are never logged or put in a message.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Person, SigningKey
from eoffice.domain import audit
from eoffice.domain.accounts.people import role_word
from eoffice.domain.accounts.public_keys import fingerprint as fingerprint
from eoffice.domain.accounts.public_keys import signature_matches as signature_matches
from eoffice.errors import EofficeError

if TYPE_CHECKING:  # ``cryptography`` is imported where a key is used: the Overview and start-up never need it
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_SCHEME = "scrypt-aesgcm"
ASSOCIATED = "eoffice signing key v1"
SALT_BYTES, NONCE_BYTES = 16, 12


class KeyWillNotOpen(EofficeError):
    """The stored private key does not open with the owner's (checked) password: it was changed."""


@dataclass(frozen=True)
class KeyRecord:
    id: int
    person_id: int
    public_key: str  # hex
    created_at: datetime  # UTC, naive
    retired_at: datetime | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class UnlockedKey:
    """A signer's key, opened with their password for one signature; never stored or shown."""

    record: KeyRecord
    _private: Ed25519PrivateKey = field(repr=False)

    def sign(self, payload: bytes) -> str:
        return self._private.sign(payload).hex()


def _record(key: SigningKey) -> KeyRecord:
    return KeyRecord(key.id, key.person_id, key.public_key, key.created_at, key.retired_at)


# --- sealing the private half ---------------------------------------------------------------

def _cost() -> tuple[int, int, int]:
    from eoffice.domain.accounts import passwords  # passwords imports this module

    return passwords.cost()


def _key_encryption_key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    from eoffice.domain.accounts.passwords import MAX_COST_N

    if n > MAX_COST_N:
        raise KeyWillNotOpen("the signing key asks for more work than eoffice does: it was changed outside eoffice")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def _associated(person_id: int, public_key: str) -> bytes:
    return f"{ASSOCIATED}|{person_id}|{public_key}".encode()


def _seal(private: Ed25519PrivateKey, password: str, person_id: int, public_key: str) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    n, r, p = _cost()
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_key_encryption_key(password, salt, n, r, p)).encrypt(
        nonce, private.private_bytes_raw(), _associated(person_id, public_key))
    return "$".join((KEY_SCHEME, str(n), str(r), str(p), salt.hex(), nonce.hex(), sealed.hex()))


def _open(key: SigningKey, password: str, name: str) -> Ed25519PrivateKey:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    broken = KeyWillNotOpen(f"the signing key of {name} does not open with their password: it was changed "
                            f"outside eoffice. School IT can reset the password (eoffice password reset \"{name}\"), "
                            "which makes a new key")
    try:
        scheme, n, r, p, salt, nonce, sealed = (key.private_key or "").split("$")
        if scheme != KEY_SCHEME:
            raise broken
        raw = AESGCM(_key_encryption_key(password, bytes.fromhex(salt), int(n), int(r), int(p))).decrypt(
            bytes.fromhex(nonce), bytes.fromhex(sealed), _associated(key.person_id, key.public_key))
        private = Ed25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, ValueError):
        raise broken from None
    if private.public_key().public_bytes_raw().hex() != key.public_key:
        raise broken
    return private


def _weaker_than_today(key: SigningKey) -> bool:
    try:
        n, r, p = (int(x) for x in (key.private_key or "").split("$")[1:4])
    except ValueError:  # not ours: ``_open`` says so when it is needed
        return False
    today = _cost()
    return n < today[0] or r < today[1] or p < today[2]


# --- a person's keys --------------------------------------------------------------------------

def live_key(session: Session, person_id: int) -> SigningKey | None:
    """The key the person signs with now: the newest not retired."""
    return session.scalar(select(SigningKey).where(SigningKey.person_id == person_id, SigningKey.retired_at.is_(None),
                                                   SigningKey.private_key.is_not(None))
                          .order_by(SigningKey.id.desc()).limit(1))


def keys_of(session: Session, person_id: int) -> list[KeyRecord]:
    """Every key the person has had, oldest first."""
    rows = session.scalars(select(SigningKey).where(SigningKey.person_id == person_id).order_by(SigningKey.id))
    return [_record(k) for k in rows]


def keys_by_id(session: Session, ids: Collection[int]) -> dict[int, KeyRecord]:
    """The keys with these ids, in one query (to check many signatures)."""
    if not ids:
        return {}
    rows = session.scalars(select(SigningKey).where(SigningKey.id.in_(sorted(set(ids)))))
    return {k.id: _record(k) for k in rows}


def make_key(session: Session, person: Person, password: str, *, now: datetime | None = None) -> KeyRecord:
    """A new key pair for ``person``, sealed under ``password``; any key they had is retired."""
    return _record(_make(session, person, password, now)[0])


def _make(session: Session, person: Person, password: str,
          now: datetime | None) -> tuple[SigningKey, Ed25519PrivateKey]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    retire_keys(session, person, now=now, why="a new key was made")
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw().hex()
    key = SigningKey(person_id=person.id, public_key=public, private_key=_seal(private, password, person.id, public),
                     created_at=clock.stored(now))
    session.add(key)
    session.flush()
    audit.record(session, "create", "signing_key", key.id, f"signing key {fingerprint(public)} made for "
                 f"{person.name} ({role_word(person.role)})", actor=person.name, at=now)
    return key, private


def retire_keys(session: Session, person: Person, *, now: datetime | None = None, why: str = "") -> list[str]:
    """Wipe the private half of every live key of ``person``; their public halves stay. Fingerprints retired."""
    moment = clock.stored(now)
    retired = []
    for key in session.scalars(select(SigningKey).where(SigningKey.person_id == person.id,
                                                        SigningKey.retired_at.is_(None))):
        key.retired_at, key.private_key = moment, None
        retired.append(fingerprint(key.public_key))
        audit.record(session, "retire", "signing_key", key.id, f"signing key {fingerprint(key.public_key)} of "
                     f"{person.name} retired{': ' + why if why else ''}; signatures made with it still verify",
                     at=now)
    session.flush()
    return retired


def unlock(session: Session, person: Person, password: str, *, now: datetime | None = None) -> UnlockedKey:
    """The person's key, opened with their password (already checked by ``passwords.verify``).

    A signer without one gets one now; one sealed at a lower cost than today's is sealed again.
    """
    key = live_key(session, person.id)
    if key is None:
        key, private = _make(session, person, password, now)
        return UnlockedKey(_record(key), private)
    private = _open(key, password, person.name)
    if _weaker_than_today(key):
        key.private_key = _seal(private, password, person.id, key.public_key)
        session.flush()
    return UnlockedKey(_record(key), private)


def ensure_key(session: Session, person: Person, password: str, *, now: datetime | None = None) -> None:
    """At sign-in: make the signer's key if they have none, seal it again if weaker than today's.
    A key that is already fine is not opened (that would cost a second scrypt)."""
    key = live_key(session, person.id)
    if key is None or _weaker_than_today(key):
        with contextlib.suppress(KeyWillNotOpen):  # signing in still works; signing says what is wrong
            unlock(session, person, password, now=now)


def password_changed(session: Session, person: Person, old: str, new: str, *, now: datetime | None = None) -> None:
    """The same key, sealed under the new password (a new one if they had none)."""
    key = live_key(session, person.id)
    if key is None:
        make_key(session, person, new, now=now)
        return
    key.private_key = _seal(_open(key, old, person.name), new, person.id, key.public_key)
    session.flush()
