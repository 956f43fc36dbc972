"""Passwords of the people who sign in: the exams officer, the assistant, the line manager.

Why each choice:

* ``hashlib.scrypt`` with a random salt per person: two people with the same password
  (or one person setting it twice) get different hashes, and a stolen database cannot be
  checked against a precomputed table. scrypt is in the standard library, so the
  installer needs nothing extra.
* The cost is OWASP's minimum for scrypt: N=2^17, r=8, p=1 (0.3 to 0.5 s and 128 MiB a
  hash), so each guess at a stolen database costs as much. The parameters are written into
  the hash string (``scrypt$131072$8$1$<hex>``), so they can be raised again: old hashes
  (N=2^14 before issue 14) still verify with their own parameters and are re-hashed with
  today's at the next successful check, keeping their salt (the demo recognises its
  passwords by it).
* ``COST_N`` is the one switch for that cost: the test suite lowers it in
  ``tests/conftest.py`` (it creates hundreds of passwords), and a test holds the production
  default to 2^17. The key that encrypts a signer's signing key uses the same cost
  (``signing_keys``). ``cost_lowered_to`` lowers it for one block: only the demo centre
  uses it, whose passwords are printed for anyone to read.
* ``hmac.compare_digest`` compares in constant time, so timing does not leak how much
  of a guess was right.
* Slowing, not locking out: after three wrong passwords in a row each further attempt
  must wait 1, 2, 4, ... seconds (at most a minute) and is refused without checking the
  password at all. A real person who mistyped waits a moment; a guesser gets nowhere.
  A right password resets the count.
* A wrong password is committed at once, with its audit entry, before the refusal is
  raised: the caller's unit of work then rolls back, and the count of wrong passwords
  must survive that or the slowing could be bypassed. So call ``verify`` (or
  ``signatures.sign``) at the start of a unit of work, before changing anything else.
  Refusals by role are kept the same way (``keep_refusal``), so the log shows who tried.
* A first password says nothing about who typed it (anyone at the desk could), so its
  audit entry names who was signed in at the time, or says nobody was. The exams
  officer's or a line manager's first password (the key to their signature) needs a
  one-time setup code (``password_reset.issue_setup_code``): shown once to whoever added
  them, to hand over, or issued by school IT with ``eoffice password reset NAME``. Without
  one it is refused, and the refusal is logged. While the code is pending its hash is the
  credential, marked ``setup$<valid until>$``, like a reset code.
* A signer's password also opens their signing key (``signing_keys``): a first password
  makes their key pair, a change re-encrypts it, a reset retires it.
* A forgotten password is replaced by a one-time reset code (``password_reset``). While
  it is pending the code's own scrypt hash, marked ``reset$<valid until>$``, is the
  credential in ``password_hash``: the old password stops working at once, the expiry
  travels with the hash, and no new column is needed. ``verify`` refuses such an account
  until its owner has used the code to choose a new password.

The password itself is never stored, logged or put in a message.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Person
from eoffice.domain import audit
from eoffice.domain.accounts import signing_keys
from eoffice.domain.accounts.account_reads import ACCOUNT_ROLES as ACCOUNT_ROLES
from eoffice.domain.accounts.account_reads import CODE_SCHEMES as CODE_SCHEMES
from eoffice.domain.accounts.account_reads import RESET_SCHEME as RESET_SCHEME
from eoffice.domain.accounts.account_reads import RESET_TIME_FORMAT as RESET_TIME_FORMAT
from eoffice.domain.accounts.account_reads import SETUP_SCHEME as SETUP_SCHEME
from eoffice.domain.accounts.account_reads import Account as Account
from eoffice.domain.accounts.account_reads import accounts as accounts
from eoffice.domain.accounts.account_reads import code_scheme as code_scheme
from eoffice.domain.accounts.account_reads import reset_until as reset_until
from eoffice.domain.accounts.people import role_word
from eoffice.errors import EofficeError, InputError

SCHEME = "scrypt"
PRODUCTION_COST_N = 2**17  # OWASP's minimum for scrypt (r=8, p=1)
COST_N = PRODUCTION_COST_N  # the switch: tests/conftest.py lowers it; nothing else in eoffice changes it
COST_R, COST_P = 8, 1
MAX_COST_N = 2**20  # a stored hash asking for more is refused, not computed (it would need a GiB)
KEY_BYTES = 32
SALT_BYTES = 16
MIN_LENGTH = 8
MAX_LENGTH = 1024  # scrypt would take any length; this stops a pasted book slowing the app
FREE_FAILURES = 3  # wrong passwords in a row before each further attempt must wait
MAX_DELAY_SECONDS = 60
# The sign-in list (``accounts``), ``Account``, ``ACCOUNT_ROLES`` and what a stored credential says
# (``code_scheme``, ``reset_until``, the code schemes) are read before SQLAlchemy loads: they live in
# ``account_reads``, imported above. Of the people who have accounts, these sign:
SIGNER_ROLES: tuple[str, ...] = ("exams_officer", "line_manager")
NEEDS_SETUP_CODE = ("The first password of {name} ({role}) needs the one-time setup code given when they were "
                    "added: sign in as {name} with that code. If it is lost, school IT issues a new one with "
                    "eoffice password reset \"{name}\".")


class PasswordRefused(EofficeError):
    """The password was not accepted; ``str()`` says why in plain words."""


class WrongPassword(PasswordRefused):
    pass


class ResetPending(PasswordRefused):
    """The password was reset: only the reset code opens the account, to choose a new one."""


class TooManyAttempts(PasswordRefused):
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(f"Too many wrong passwords: try again in {seconds} second{'' if seconds == 1 else 's'}")


def utc_naive(moment: datetime | None) -> datetime:
    """How times are stored: UTC without a zone (a naive ``moment`` is UK time; none is now)."""
    return clock.stored(moment)


def cost() -> tuple[int, int, int]:
    """Today's scrypt cost (N, r, p), read when used so the switch takes effect at once."""
    return COST_N, COST_R, COST_P


@contextmanager
def cost_lowered_to(n: int) -> Iterator[None]:
    """Hash with N no higher than ``n`` inside the block (the demo centre's published passwords).

    What is hashed cheaply is re-hashed at today's cost at its owner's next sign-in.
    """
    global COST_N
    saved = COST_N
    COST_N = min(saved, n)
    try:
        yield
    finally:
        COST_N = saved


# --- hashing (no database) ------------------------------------------------------------

def scrypt_memory(n: int, r: int) -> int:
    """The ``maxmem`` scrypt needs for N and r (128 * N * r bytes), with room to spare."""
    return 129 * n * r + 2**20


def hash_password(password: str, salt: bytes | None = None, *, n: int | None = None, r: int | None = None,
                  p: int | None = None) -> tuple[str, str]:
    """``(hash string with its parameters, salt as hex)`` for a password, at today's cost unless told."""
    n, r, p = n or COST_N, r or COST_R, p or COST_P
    if n > MAX_COST_N:
        raise ValueError(f"scrypt N={n} is more than eoffice computes")
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES,
                         maxmem=scrypt_memory(n, r))
    return f"{SCHEME}${n}${r}${p}${key.hex()}", salt.hex()


def _parameters(stored: str) -> tuple[int, int, int, bytes]:
    scheme, n, r, p, key = stored.split("$")
    if scheme != SCHEME:
        raise ValueError(f"unknown password scheme {scheme!r}")
    return int(n), int(r), int(p), bytes.fromhex(key)


def password_matches(password: str, stored: str, salt_hex: str) -> bool:
    """Recompute with the stored parameters and compare in constant time."""
    n, r, p, key = _parameters(stored)
    candidate, _ = hash_password(password, bytes.fromhex(salt_hex), n=n, r=r, p=p)
    return hmac.compare_digest(_parameters(candidate)[3], key)


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    n, r, p, _ = _parameters(stored)
    return n < COST_N or r < COST_R or p < COST_P


def reset_credential(code: str, valid_until: datetime, scheme: str = RESET_SCHEME) -> tuple[str, str]:
    """``(password_hash, salt)`` for a pending reset (or, with ``SETUP_SCHEME``, a first password's
    setup code): the code's hash and when it stops working."""
    stored, salt = hash_password(code)
    return f"{scheme}${valid_until.strftime(RESET_TIME_FORMAT)}${stored}", salt


def reset_code_matches(code: str, stored: str, salt_hex: str) -> bool:
    return password_matches(code, stored.split("$", 2)[2], salt_hex)


def wait_seconds(failures: int, last_failed_at: datetime | None, now: datetime) -> int:
    """Seconds still to wait before another attempt is checked (0: go ahead).

    Failures 1-3 are free; after the 3rd the wait is 1 s, then 2, 4, ... up to 60.
    """
    if failures < FREE_FAILURES or last_failed_at is None:
        return 0
    delay: int = min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS)  # int ** int is Any to mypy
    left = delay - (now - last_failed_at).total_seconds()
    return max(0, math.ceil(left))


# --- people's passwords ---------------------------------------------------------------

def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InputError(f"there is no person {person_id}")
    return person


def has_password(session: Session, person_id: int) -> bool:
    return _person(session, person_id).password_hash is not None


def check_new_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InputError(f"the password must be at least {MIN_LENGTH} characters long")
    if len(password) > MAX_LENGTH:
        raise InputError(f"the password must be at most {MAX_LENGTH} characters long")
    if not password.strip():
        raise InputError("the password cannot be only spaces")


def set_password(session: Session, person_id: int, new: str, *, current: str | None = None,
                 now: datetime | None = None, signed_in: int | None = None) -> None:
    """Set a first password, or change one: changing needs the current password.

    Only people with an account role have a password; an inactive person cannot set one.
    ``signed_in`` is who was signed in at the time (None: nobody). A first password proves
    nothing about who typed it, so its audit entry says who was signed in, not the owner;
    and the exams officer's or a line manager's first password (the key to their signature)
    is refused here: it is set with their one-time setup code (``password_reset``).
    """
    person = _person(session, person_id)
    if person.role not in ACCOUNT_ROLES:
        raise InputError(f"{person.name} has no account: only the exams officer, exams assistant and line manager sign in")
    if not person.active:
        raise InputError(f"{person.name} is no longer active and cannot set a password")
    check_new_password(new)
    if reset_until(person.password_hash) is not None:
        raise ResetPending(pending_code_message(person))
    changing = person.password_hash is not None
    present = _person(session, signed_in) if signed_in is not None else None
    if changing:
        if current is None:
            raise InputError("type the current password to change it")
        verify(session, person_id, current, now=now, purpose="change their password")
    elif person.role in SIGNER_ROLES:
        who = f"{present.name} ({role_word(present.role)})" if present else "someone who was not signed in"
        refusal = NEEDS_SETUP_CODE.format(name=person.name, role=role_word(person.role))
        keep_refusal(session, "person", person.id, f"{who} tried to set the first password of {person.name} "
                     f"({role_word(person.role)}) without a setup code; refused", actor=present.name if present else None,
                     at=now)
        raise PasswordRefused(refusal)
    person.password_hash, person.password_salt = hash_password(new)
    person.failed_sign_ins, person.last_failed_at = 0, None
    session.flush()
    if changing:  # the current password was checked: it was its owner
        if person.role in SIGNER_ROLES:
            assert current is not None
            signing_keys.password_changed(session, person, current, new, now=now)
        audit.record(session, "update", "person", person.id, "password changed", actor=person.name, at=now)
        return
    who = f"while {present.name} ({role_word(present.role)}) was signed in" if present else "with nobody signed in"
    audit.record(session, "update", "person", person.id,
                 f"first password of {person.name} ({role_word(person.role)}) set {who}",
                 actor=present.name if present else None, at=now)


def pending_code_message(person: Person) -> str:
    if code_scheme(person.password_hash) == SETUP_SCHEME:
        return (f"{person.name} has not chosen a password yet: {person.name} signs in with the one-time setup "
                "code and chooses one first")
    return (f"{person.name}'s password was reset: {person.name} must sign in with the reset code and choose a new "
            "password first")


def verify(session: Session, person_id: int, password: str, *, now: datetime | None = None,
           purpose: str = "") -> Person:
    """Check a person's password now; returns the person, or raises ``PasswordRefused``.

    While the slowing delay runs the attempt is refused without checking the password.
    ``purpose`` ("sign the SLT declaration") says in the audit log what a wrong one was for.
    """
    person = _person(session, person_id)
    if not person.active:
        raise PasswordRefused(f"{person.name} is no longer active")
    if person.password_hash is None or person.password_salt is None:
        raise PasswordRefused(f"{person.name} has not set a password yet; set one first")
    if reset_until(person.password_hash) is not None:
        raise ResetPending(pending_code_message(person))
    moment = wait_or_refuse(person, now)
    if not password_matches(password, person.password_hash, person.password_salt):
        record_failure(session, person, moment, purpose=purpose)
        raise WrongPassword(f"wrong password for {person.name}")
    if person.failed_sign_ins or person.last_failed_at is not None:
        person.failed_sign_ins, person.last_failed_at = 0, None
    if needs_rehash(person.password_hash):  # the same salt: only the cost changes
        person.password_hash, _ = hash_password(password, bytes.fromhex(person.password_salt))
    session.flush()
    return person


def wait_or_refuse(person: Person, now: datetime | None) -> datetime:
    """The moment of this attempt (UTC, naive), or ``TooManyAttempts`` while the delay runs."""
    moment = utc_naive(now)
    waiting = wait_seconds(person.failed_sign_ins or 0, person.last_failed_at, moment)
    if waiting:
        raise TooManyAttempts(waiting)
    return moment


def record_failure(session: Session, person: Person, moment: datetime, *, purpose: str = "",
                   what: str = "password") -> None:
    """Count the failure and log it (whose, what for, never what was typed), committed now."""
    person.failed_sign_ins = (person.failed_sign_ins or 0) + 1
    person.last_failed_at = moment
    summary = f"wrong {what} for {person.name} ({role_word(person.role)})"
    if purpose:
        summary += f" to {purpose}"
    summary += f": {person.failed_sign_ins} in a row"
    if person.failed_sign_ins >= FREE_FAILURES:
        summary += "; further attempts are slowed"
    keep_refusal(session, "person", person.id, summary, at=moment.replace(tzinfo=UTC))


def keep_refusal(session: Session, entity: str, entity_id: object, summary: str, *, actor: str | None = None,
                 at: datetime | None = None) -> None:
    """Write a refusal to the audit log and commit it now: the caller's unit of work is about
    to roll back, and the record of who was refused must not go with it.

    So every check that can refuse comes before anything is changed in a unit of work.
    """
    audit.record(session, "refuse", entity, entity_id, summary, actor=actor, at=at)
    try:
        session.commit()
    except OperationalError:  # a read-only database: nothing can be kept, refuse anyway
        session.rollback()


def sign_in(session: Session, person_id: int, password: str, *, now: datetime | None = None) -> Account:
    """Check the password and make this person the one the audit log names.

    A signer without a signing key (one who set their password before keys) gets one now,
    and one made at a lower cost is re-encrypted at today's. The account says when they
    last signed in before this (``previous_sign_in``), so the window can show what was
    signed in their name since.
    """
    person = _person(session, person_id)
    if person.role not in ACCOUNT_ROLES:
        raise PasswordRefused(f"{person.name} has no account to sign in with")
    verify(session, person_id, password, now=now, purpose="sign in")
    if person.role in SIGNER_ROLES:
        signing_keys.ensure_key(session, person, password, now=now)
    return signed_in_now(person, now)


def signed_in_now(person: Person, now: datetime | None) -> Account:
    """Note the sign-in, name them in the audit log; the account with their previous sign-in."""
    previous, person.last_sign_in_at = person.last_sign_in_at, utc_naive(now)
    audit.set_actor(person.name)
    return Account(person.id, person.name, person.role, True, previous_sign_in=previous)
