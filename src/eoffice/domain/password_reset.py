"""A forgotten password, reset without anyone else choosing the new one.

Signatures must stay honest, so a reset cannot be a back door:

* Only another account holder can reset a password, and only in these pairs: the line
  manager resets the exams officer's or the exams assistant's; the exams officer resets
  the exams assistant's or the line manager's. The resetter proves who they are with
  their own password at that moment (``passwords.verify``: wrong ones are counted,
  audited and slowed exactly as at sign-in). A refusal by role is audited too.
* The resetter never chooses the new password. eoffice issues a one-time reset code
  (three groups of four letters and digits, without the ones easily misread: 0/O, 1/I/L)
  that is shown once and stored only as an scrypt hash, like a password, valid for
  ``CODE_VALID_HOURS``. The old password stops working at once.
* The owner uses the code once, to choose a new password (``use_code``): the code and
  the new password are checked and saved in one step, so there is no state in which
  the code has opened the account but no password of the owner's own is set. Wrong
  codes are counted and slowed like wrong passwords.
* The audit log says who reset whose password and when, and when the code was used;
  never the code. Signatures already given are not touched: they record who signed and
  what, not the password.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from eoffice.db.models import Person
from eoffice.domain import audit
from eoffice.domain.dates import format_datetime
from eoffice.domain.passwords import (
    ACCOUNT_ROLES,
    Account,
    PasswordRefused,
    WrongPassword,
    check_new_password,
    hash_password,
    keep_refusal,
    record_failure,
    reset_code_matches,
    reset_credential,
    reset_until,
    utc_naive,
    verify,
    wait_or_refuse,
)
from eoffice.domain.people import role_word
from eoffice.domain.standards import NotAllowed
from eoffice.errors import InputError

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_GROUPS, GROUP_LENGTH = 3, 4
CODE_VALID_HOURS = 72

# Whose password (by role) -> the roles that may reset it.
RESETTERS: dict[str, tuple[str, ...]] = {
    "exams_officer": ("line_manager",),
    "exams_assistant": ("line_manager", "exams_officer"),
    "line_manager": ("exams_officer",),
}
WHO_MAY_RESET: dict[str, str] = {
    "exams_officer": "Only the line manager can reset the exams officer's password.",
    "exams_assistant": "Only the line manager or the exams officer can reset this password.",
    "line_manager": "Only the exams officer can reset the line manager's password.",
}


@dataclass(frozen=True)
class IssuedCode:
    """The one time the code exists in clear: to be shown to the resetter, then forgotten."""

    person_id: int
    name: str
    code: str
    valid_until: datetime  # UTC, naive

    @property
    def valid_until_local(self) -> datetime:
        return self.valid_until.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


# --- codes (no database) ----------------------------------------------------------------------

def new_code() -> str:
    """``ABCD-EFGH-JKMN``: about 59 bits from ``secrets``, easy to read aloud and type."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise_code(typed: str) -> str:
    """What was typed, as the code is hashed: capitals, without spaces or dashes."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def may_reset(resetter_role: str, owner_role: str) -> bool:
    return resetter_role in RESETTERS.get(owner_role, ())


def who_may_reset(owner_role: str) -> str:
    return WHO_MAY_RESET.get(owner_role, "Only the exams officer, exams assistant and line manager have passwords.")


# --- resetting ---------------------------------------------------------------------------------

def _account_holder(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InputError(f"there is no person {person_id}")
    if person.role not in ACCOUNT_ROLES:
        raise InputError(f"{person.name} has no account: only the exams officer, exams assistant and line "
                         "manager have passwords")
    if not person.active:
        raise InputError(f"{person.name} is no longer active")
    return person


def _refuse(session: Session, resetter: Person, owner: Person, message: str, at: datetime | None) -> NotAllowed:
    keep_refusal(session, "person", owner.id,
                 f"{resetter.name} ({role_word(resetter.role)}) tried to reset the password of {owner.name} "
                 f"({role_word(owner.role)}); refused: {message}", actor=resetter.name, at=at)
    return NotAllowed(message)


def reset_password(session: Session, person_id: int, by_person_id: int, by_password: str, *,
                   now: datetime | None = None) -> IssuedCode:
    """Replace ``person_id``'s password with a one-time code, if ``by_person_id`` may and proves it.

    The checks that need no password come first, so a refusal never costs a try.
    """
    owner = _account_holder(session, person_id)
    resetter = _account_holder(session, by_person_id)
    if resetter.id == owner.id:
        raise NotAllowed("You cannot reset your own password: if you know it, change it with File > Set my "
                         f"password…; if you have forgotten it, ask someone else. {who_may_reset(owner.role)}")
    if not may_reset(resetter.role, owner.role):
        raise _refuse(session, resetter, owner, who_may_reset(owner.role), now)
    if owner.password_hash is None:
        raise InputError(f"{owner.name} has not set a password yet, so there is nothing to reset: they can set "
                         "one with File > Set my password…")
    verify(session, resetter.id, by_password, now=now, purpose=f"reset the password of {owner.name}")
    code = new_code()
    moment = utc_naive(now)
    until = moment + timedelta(hours=CODE_VALID_HOURS)
    owner.password_hash, owner.password_salt = reset_credential(normalise_code(code), until)
    owner.failed_sign_ins, owner.last_failed_at = 0, None
    session.flush()
    issued = IssuedCode(owner.id, owner.name, code, until)
    audit.record(session, "reset", "person", owner.id,
                 f"password of {owner.name} ({role_word(owner.role)}) reset by {resetter.name} "
                 f"({role_word(resetter.role)}); a one-time reset code was issued, valid until "
                 f"{format_datetime(issued.valid_until_local)}", actor=resetter.name, at=now)
    return issued


def pending_until(session: Session, person_id: int) -> datetime | None:
    """When the person's unused reset code stops working (UTC, naive); None: no reset pending."""
    person = session.get(Person, person_id)
    return reset_until(person.password_hash) if person is not None else None


# --- using the code ------------------------------------------------------------------------------

def check_code(session: Session, person_id: int, code: str, *, now: datetime | None = None) -> Person:
    """Is this the person's unused, unexpired reset code? Slowed and audited like a password."""
    person = _account_holder(session, person_id)
    until = reset_until(person.password_hash)
    if until is None or person.password_salt is None:
        raise PasswordRefused(f"{person.name}'s password has not been reset: sign in with the password")
    moment = wait_or_refuse(person, now)
    if moment >= until:
        keep_refusal(session, "person", person.id, f"expired reset code refused for {person.name} "
                     f"({role_word(person.role)})", at=moment.replace(tzinfo=UTC))
        raise PasswordRefused(f"The reset code for {person.name} has expired. {who_may_reset(person.role)} "
                              "Ask them to reset it again.")
    assert person.password_hash is not None
    if not reset_code_matches(normalise_code(code), person.password_hash, person.password_salt):
        record_failure(session, person, moment, purpose="choose a new password", what="reset code")
        raise WrongPassword(f"wrong reset code for {person.name}")
    return person


def use_code(session: Session, person_id: int, code: str, new_password: str, *,
             now: datetime | None = None) -> Account:
    """Use the reset code, once, to set the owner's new password; returns the signed-in account.

    The code cannot be used without choosing a new password, and stops working as soon as
    one is chosen. Call it at the start of a unit of work: a wrong code is committed.
    """
    check_new_password(new_password)
    if normalise_code(new_password) == normalise_code(code):
        raise InputError("choose a password of your own, not the reset code: the person who reset it has seen it")
    person = check_code(session, person_id, code, now=now)
    person.password_hash, person.password_salt = hash_password(new_password)
    person.failed_sign_ins, person.last_failed_at = 0, None
    session.flush()
    audit.record(session, "update", "person", person.id,
                 f"reset code used by {person.name} ({role_word(person.role)}); new password set",
                 actor=person.name, at=now)
    audit.set_actor(person.name)
    return Account(person.id, person.name, person.role, True)
