"""A forgotten password, reset without anyone else choosing the new one.

Signatures must stay honest, so a reset cannot be a back door:

* Nobody resets the password of someone who signs the same Standards as them: a reset
  hands the resetter a code that opens the account, so the exams officer resetting the
  line manager's password (or the other way round) could then sign as them. In the
  window only an exams assistant's password is reset, by the exams officer or the line
  manager, who proves who they are with their own password at that moment
  (``passwords.verify``: wrong ones are counted, audited and slowed exactly as at
  sign-in). A refusal by role is audited too.
* The exams officer's and line manager's forgotten passwords are reset by school IT on
  the command line (``reset_from_command_line``, ``eoffice password reset NAME``): the
  audit log names the operating-system user and the computer. Whoever can run that
  command can already write the database file, so it opens no new door; it only keeps
  the resetting out of the hands of the other signer.
* The resetter never chooses the new password. eoffice issues a one-time reset code
  (three groups of four letters and digits, without the ones easily misread: 0/O, 1/I/L)
  that is shown once and stored only as an scrypt hash, like a password, valid for
  ``CODE_VALID_HOURS``. The old password stops working at once.
* The owner uses the code once, to choose a new password (``use_code``): the code and
  the new password are checked and saved in one step, so there is no state in which
  the code has opened the account but no password of the owner's own is set. Wrong
  codes are counted and slowed like wrong passwords.
* The audit log says who reset whose password and when, and when the code was used;
  never the code. A reset retires the signer's signing key (its private half is wiped,
  so the old password opens nothing), and the new password gets a new key pair. The old
  public key stays, so signatures already given still verify.
* A first password works the same way: the exams officer's or a line manager's needs a
  one-time setup code (``issue_setup_code``), shown once to whoever added them in the
  window (to hand over) or printed by ``eoffice password reset NAME`` for someone who has
  never had a password. Its hash is the credential, marked ``setup$<valid until>$``, for
  ``SETUP_VALID_DAYS``; the person signs in with it and chooses their password
  (``use_code``), or ``set_first_password`` does both without signing in (the demo).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Person
from eoffice.domain import audit
from eoffice.domain.accounts import signing_keys
from eoffice.domain.accounts.passwords import (
    ACCOUNT_ROLES,
    SETUP_SCHEME,
    SIGNER_ROLES,
    Account,
    PasswordRefused,
    WrongPassword,
    check_new_password,
    code_scheme,
    hash_password,
    keep_refusal,
    record_failure,
    reset_code_matches,
    reset_credential,
    reset_until,
    signed_in_now,
    utc_naive,
    verify,
    wait_or_refuse,
)
from eoffice.domain.accounts.people import NotAllowed, role_word
from eoffice.domain.dates import format_datetime, local
from eoffice.errors import InputError

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_GROUPS, GROUP_LENGTH = 3, 4
CODE_VALID_HOURS = 72
SETUP_VALID_DAYS = 7  # a new line manager may not be in school until next week

# Whose password (by role) -> the roles that may reset it in the window. The exams officer and
# the line manager sign the same Standards, so neither resets the other's (nor another line
# manager's): school IT does, on the command line.
RESETTERS: dict[str, tuple[str, ...]] = {
    "exams_officer": (),
    "exams_assistant": ("line_manager", "exams_officer"),
    "line_manager": (),
}
COMMAND = "eoffice password reset NAME"
BY_SCHOOL_IT = f"The exams officer's and line manager's passwords are reset by school IT: {COMMAND}"
WHO_MAY_RESET: dict[str, str] = {
    "exams_officer": "Nobody can reset the exams officer's password in the window: school IT resets it on the "
                     "command line with {command}.",
    "exams_assistant": "Only the line manager or the exams officer can reset this password.",
    "line_manager": "Nobody can reset the line manager's password in the window: school IT resets it on the "
                    "command line with {command}.",
}


@dataclass(frozen=True)
class IssuedCode:
    """The one time the code exists in clear: to be shown to the resetter, then forgotten."""

    person_id: int
    name: str
    code: str
    valid_until: datetime  # UTC, naive
    role: str = ""
    first: bool = False  # a setup code, for a first password; else a reset code

    @property
    def kind(self) -> str:
        """``setup code`` or ``reset code``, inside a sentence."""
        return "setup code" if self.first else "reset code"

    @property
    def valid_until_local(self) -> datetime:
        return local(self.valid_until)


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


def reset_in_window(owner_role: str) -> bool:
    """Can anyone reset this role's password in the window (False: only school IT can)?"""
    return bool(RESETTERS.get(owner_role))


def command_for(name: str | None) -> str:
    """The command school IT types, with the person's name quoted when known."""
    return COMMAND if name is None else COMMAND.replace("NAME", _quoted(name))


def who_may_reset(owner_role: str, name: str | None = None) -> str:
    rule = WHO_MAY_RESET.get(owner_role, "Only the exams officer, exams assistant and line manager have passwords.")
    return rule.format(command=command_for(name))


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
                         f"password…; if you have forgotten it, ask someone else. "
                         f"{who_may_reset(owner.role, owner.name)}")
    if not may_reset(resetter.role, owner.role):
        raise _refuse(session, resetter, owner, who_may_reset(owner.role, owner.name), now)
    _refuse_if_never_set(owner)
    verify(session, resetter.id, by_password, now=now, purpose=f"reset the password of {owner.name}")
    return _issue(session, owner, f"by {resetter.name} ({role_word(resetter.role)})", resetter.name, now)


def reset_from_command_line(session: Session, person_id: int, *, os_user: str, host: str,
                            now: datetime | None = None) -> IssuedCode:
    """School IT resets any account holder's password; the log names their login and computer.

    For someone who has never had a password (or whose setup code was lost) it issues a
    setup code for their first password instead.
    """
    owner = _account_holder(session, person_id)
    how = f"from the command line by {os_user} on {host}"
    if owner.password_hash is None or code_scheme(owner.password_hash) == SETUP_SCHEME:
        return issue_setup_code(session, owner.id, how=how, actor=os_user, now=now)
    return _issue(session, owner, how, os_user, now)


def issue_setup_code(session: Session, person_id: int, *, how: str, actor: str | None = None,
                     now: datetime | None = None) -> IssuedCode:
    """A one-time code for a first password, to hand to its owner; ``how`` ("when they were added,
    while ... was signed in") goes into the audit line, the code never does.

    Refused for someone who has a password (reset it instead); a setup code still pending is
    replaced, so only the newest works.
    """
    owner = _account_holder(session, person_id)
    if owner.password_hash is not None and code_scheme(owner.password_hash) != SETUP_SCHEME:
        raise InputError(f"{owner.name} already has a password: a forgotten one is reset instead. "
                         f"{who_may_reset(owner.role, owner.name)}")
    code = new_code()
    until = utc_naive(now) + timedelta(days=SETUP_VALID_DAYS)
    owner.password_hash, owner.password_salt = reset_credential(normalise_code(code), until, SETUP_SCHEME)
    owner.failed_sign_ins, owner.last_failed_at = 0, None
    session.flush()
    issued = IssuedCode(owner.id, owner.name, code, until, owner.role, first=True)
    audit.record(session, "setup", "person", owner.id,
                 f"one-time setup code for the first password of {owner.name} ({role_word(owner.role)}) issued "
                 f"{how}; valid until {format_datetime(issued.valid_until_local)}", actor=actor, at=now)
    return issued


def _refuse_if_never_set(owner: Person) -> None:
    if owner.password_hash is None:
        raise InputError(f"{owner.name} has not set a password yet, so there is nothing to reset: they can set "
                         "one with File > Set my password…")


def _issue(session: Session, owner: Person, how: str, actor: str, now: datetime | None) -> IssuedCode:
    """The code replaces the password at once; ``how`` ("by ...") goes into the audit line."""
    code = new_code()
    until = utc_naive(now) + timedelta(hours=CODE_VALID_HOURS)
    owner.password_hash, owner.password_salt = reset_credential(normalise_code(code), until)
    owner.failed_sign_ins, owner.last_failed_at = 0, None
    session.flush()
    signing_keys.retire_keys(session, owner, now=now, why="the password was reset")
    issued = IssuedCode(owner.id, owner.name, code, until, owner.role)
    audit.record(session, "reset", "person", owner.id,
                 f"password of {owner.name} ({role_word(owner.role)}) reset {how}; a one-time reset code was "
                 f"issued, valid until {format_datetime(issued.valid_until_local)}", actor=actor, at=now)
    return issued


def account_named(session: Session, name: str) -> int:
    """The one active account holder called ``name`` (any case, spaces as typed), for the command line."""
    def key(text: str) -> str:
        return " ".join(text.split()).casefold()

    wanted = key(name)
    if not wanted:
        raise InputError("give the name of the person whose password is to be reset")
    everyone = session.scalars(select(Person).order_by(Person.name)).all()
    rows = [p for p in everyone if p.role in ACCOUNT_ROLES and p.active]
    found = [p for p in rows if key(p.name) == wanted]
    if len(found) == 1:
        return found[0].id
    if found:
        roles = ", ".join(f"{p.name} ({role_word(p.role)})" for p in found)
        raise InputError(f"{len(found)} people with an account are called {_quoted(name)} ({roles}), so it is not "
                         "clear whose password to reset; give one of them a fuller name in eoffice first")
    other = next((p for p in everyone if key(p.name) == wanted), None)
    if other is not None:
        _account_holder(session, other.id)  # says why: no account, or no longer active
    close = [_quoted(p.name) for p in rows if wanted in key(p.name)]
    hint = f"; did you mean {' or '.join(close)}?" if close else (
        f"; the people with an account are {', '.join(_quoted(p.name) for p in rows)}" if rows else
        "; nobody has an account yet")
    raise InputError(f"nobody with an account is called {_quoted(name)}{hint}")


def _quoted(name: str) -> str:
    return f'"{name}"'


def pending_until(session: Session, person_id: int) -> datetime | None:
    """When the person's unused reset code stops working (UTC, naive); None: no reset pending."""
    person = session.get(Person, person_id)
    return reset_until(person.password_hash) if person is not None else None


# --- using the code ------------------------------------------------------------------------------

def check_code(session: Session, person_id: int, code: str, *, now: datetime | None = None) -> Person:
    """Is this the person's unused, unexpired reset (or setup) code? Slowed and audited like a password."""
    person = _account_holder(session, person_id)
    until = reset_until(person.password_hash)
    if until is None or person.password_salt is None:
        raise PasswordRefused(f"{person.name}'s password has not been reset: sign in with the password")
    first = code_scheme(person.password_hash) == SETUP_SCHEME
    kind = "setup code" if first else "reset code"
    moment = wait_or_refuse(person, now)
    if moment >= until:
        keep_refusal(session, "person", person.id, f"expired {kind} refused for {person.name} "
                     f"({role_word(person.role)})", at=moment.replace(tzinfo=UTC))
        again = (f"School IT issues a new one: {command_for(person.name)}." if first else
                 f"{who_may_reset(person.role, person.name)} Ask them to reset it again.")
        raise PasswordRefused(f"The {kind} for {person.name} has expired. {again}")
    assert person.password_hash is not None
    if not reset_code_matches(normalise_code(code), person.password_hash, person.password_salt):
        record_failure(session, person, moment, purpose="choose a " + ("first" if first else "new") + " password",
                       what=kind)
        raise WrongPassword(f"wrong {kind} for {person.name}")
    return person


def use_code(session: Session, person_id: int, code: str, new_password: str, *,
             now: datetime | None = None) -> Account:
    """Use the reset (or setup) code, once, to set the owner's new password; returns the signed-in account.

    The code cannot be used without choosing a new password, and stops working as soon as
    one is chosen. Call it at the start of a unit of work: a wrong code is committed.
    """
    person = set_first_password(session, person_id, code, new_password, now=now)
    return signed_in_now(person, now)


def set_first_password(session: Session, person_id: int, code: str, new_password: str, *,
                       now: datetime | None = None) -> Person:
    """``use_code`` without signing in: the code (checked, slowed and audited like a password)
    and the password chosen with it. A signer gets a new signing key under it."""
    check_new_password(new_password)
    person = _account_holder(session, person_id)
    first = code_scheme(person.password_hash) == SETUP_SCHEME
    if normalise_code(new_password) == normalise_code(code):
        raise InputError("choose a password of your own, not the setup code: the person who gave it to you has "
                         "seen it" if first else
                         "choose a password of your own, not the reset code: the person who reset it has seen it")
    check_code(session, person_id, code, now=now)
    person.password_hash, person.password_salt = hash_password(new_password)
    person.failed_sign_ins, person.last_failed_at = 0, None
    session.flush()
    if person.role in SIGNER_ROLES:
        signing_keys.make_key(session, person, new_password, now=now)
    what = "setup code used by {name} ({role}); first password set" if first else \
        "reset code used by {name} ({role}); new password set"
    audit.record(session, "update", "person", person.id, what.format(name=person.name, role=role_word(person.role)),
                 actor=person.name, at=now)
    return person
