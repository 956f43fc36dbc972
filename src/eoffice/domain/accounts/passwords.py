"""Passwords of the people who sign in: the exams officer, the assistant, the line manager.

Why each choice:

* ``hashlib.scrypt`` with a random salt per person: two people with the same password
  (or one person setting it twice) get different hashes, and a stolen database cannot be
  checked against a precomputed table. scrypt is in the standard library, so the
  installer needs nothing extra.
* The cost parameters are written into the hash string (``scrypt$16384$8$1$<hex>``), so
  a later version can raise them: old hashes still verify with their own parameters
  and are re-hashed with the new ones at the next successful check.
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
  audit entry names who was signed in at the time, or says nobody was; and the exams
  officer's or line manager's first password is refused while someone else is signed in.
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
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Person
from eoffice.domain import audit
from eoffice.domain.accounts.people import role_word
from eoffice.errors import EofficeError, InputError

SCHEME = "scrypt"
COST_N, COST_R, COST_P = 2**14, 8, 1
KEY_BYTES = 32
SALT_BYTES = 16
MIN_LENGTH = 8
MAX_LENGTH = 1024  # scrypt would take any length; this stops a pasted book slowing the app
FREE_FAILURES = 3  # wrong passwords in a row before each further attempt must wait
MAX_DELAY_SECONDS = 60
RESET_SCHEME = "reset"  # password_hash of a pending reset: reset$<valid until, UTC>$<scrypt hash of the code>
RESET_TIME_FORMAT = "%Y%m%dT%H%M%S"

# The people who have accounts: they sign in, and the officer and line manager sign.
ACCOUNT_ROLES: tuple[str, ...] = ("exams_officer", "exams_assistant", "line_manager")
SIGNER_ROLES: tuple[str, ...] = ("exams_officer", "line_manager")
OWNER_SETS_FIRST = "Sign out first: a first password is set by its owner."



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


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    has_password: bool  # a password, or a reset code still to be used
    reset_pending: bool = False


def utc_naive(moment: datetime | None) -> datetime:
    """How times are stored: UTC without a zone (a naive ``moment`` is UK time; none is now)."""
    return clock.stored(moment)


# --- hashing (no database) ------------------------------------------------------------

def hash_password(password: str, salt: bytes | None = None, *, n: int = COST_N, r: int = COST_R,
                  p: int = COST_P) -> tuple[str, str]:
    """``(hash string with its parameters, salt as hex)`` for a password."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=64 * 2**20)
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
    return (n, r, p) != (COST_N, COST_R, COST_P)


def reset_credential(code: str, valid_until: datetime) -> tuple[str, str]:
    """``(password_hash, salt)`` for a pending reset: the code's hash and when it stops working."""
    stored, salt = hash_password(code)
    return f"{RESET_SCHEME}${valid_until.strftime(RESET_TIME_FORMAT)}${stored}", salt


def reset_until(stored: str | None) -> datetime | None:
    """When a pending reset code stops working (UTC, naive); None when ``stored`` is a password."""
    if not stored or not stored.startswith(RESET_SCHEME + "$"):
        return None
    return datetime.strptime(stored.split("$")[1], RESET_TIME_FORMAT)


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


def accounts(session: Session) -> list[Account]:
    """Active people who can sign in, for the sign-in list."""
    rows = session.scalars(
        select(Person).where(Person.role.in_(ACCOUNT_ROLES), Person.active.is_(True)).order_by(Person.name)
    )
    return [Account(p.id, p.name, p.role, p.password_hash is not None, reset_until(p.password_hash) is not None)
            for p in rows]


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
    is refused while someone else is signed in: its owner sets it, signed out.
    """
    person = _person(session, person_id)
    if person.role not in ACCOUNT_ROLES:
        raise InputError(f"{person.name} has no account: only the exams officer, exams assistant and line manager sign in")
    if not person.active:
        raise InputError(f"{person.name} is no longer active and cannot set a password")
    check_new_password(new)
    changing = person.password_hash is not None
    present = _person(session, signed_in) if signed_in is not None else None
    if changing:
        if current is None:
            raise InputError("type the current password to change it")
        verify(session, person_id, current, now=now, purpose="change their password")
    elif present is not None and present.id != person.id and person.role in SIGNER_ROLES:
        keep_refusal(session, "person", person.id, f"{present.name} ({role_word(present.role)}) tried to set the "
                     f"first password of {person.name} ({role_word(person.role)}); refused: {OWNER_SETS_FIRST}",
                     actor=present.name, at=now)
        raise PasswordRefused(OWNER_SETS_FIRST)
    person.password_hash, person.password_salt = hash_password(new)
    person.failed_sign_ins, person.last_failed_at = 0, None
    session.flush()
    if changing:  # the current password was checked: it was its owner
        audit.record(session, "update", "person", person.id, "password changed", actor=person.name, at=now)
        return
    who = f"while {present.name} ({role_word(present.role)}) was signed in" if present else "with nobody signed in"
    audit.record(session, "update", "person", person.id,
                 f"first password of {person.name} ({role_word(person.role)}) set {who}",
                 actor=present.name if present else None, at=now)


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
        raise ResetPending(f"{person.name}'s password was reset: {person.name} must sign in with the reset code "
                           "and choose a new password first")
    moment = wait_or_refuse(person, now)
    if not password_matches(password, person.password_hash, person.password_salt):
        record_failure(session, person, moment, purpose=purpose)
        raise WrongPassword(f"wrong password for {person.name}")
    if person.failed_sign_ins or person.last_failed_at is not None:
        person.failed_sign_ins, person.last_failed_at = 0, None
    if needs_rehash(person.password_hash):
        person.password_hash, person.password_salt = hash_password(password)
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
    """Check the password and make this person the one the audit log names."""
    person = _person(session, person_id)
    if person.role not in ACCOUNT_ROLES:
        raise PasswordRefused(f"{person.name} has no account to sign in with")
    verify(session, person_id, password, now=now, purpose="sign in")
    audit.set_actor(person.name)
    return Account(person.id, person.name, person.role, True)
