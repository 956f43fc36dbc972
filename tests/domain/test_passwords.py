"""Passwords: scrypt with a salt per person, parameters kept, slowing after failures, never stored in clear."""

from __future__ import annotations

import getpass
from datetime import timedelta

import pytest
from sqlalchemy import inspect, select, text

from eoffice.db.models import AuditEntry, Person
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import (
    PasswordRefused,
    TooManyAttempts,
    WrongPassword,
    hash_password,
    password_matches,
    passwords,
    people,
    set_password,
    verify,
    wait_seconds,
)
from eoffice.errors import InputError
from tests.domain.standards_helpers import NOW, OFFICER_PASSWORD, first_password, make_staff


def test_the_same_password_twice_gives_different_hashes_and_salts() -> None:
    first, salt1 = hash_password("correct horse")
    second, salt2 = hash_password("correct horse")
    assert salt1 != salt2
    assert first != second
    assert password_matches("correct horse", first, salt1)
    assert password_matches("correct horse", second, salt2)
    assert not password_matches("correct horsE", first, salt1)


def test_the_parameters_are_stored_in_the_hash() -> None:
    stored, salt = hash_password("correct horse")
    scheme, n, r, p, key = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", passwords.COST_N, 8, 1)  # the tests' cost
    assert len(bytes.fromhex(key)) == passwords.KEY_BYTES
    assert len(bytes.fromhex(salt)) == passwords.SALT_BYTES
    assert len(stored) <= 128 and len(salt) <= 64  # the columns' sizes


def test_a_hash_made_with_other_parameters_still_verifies_and_is_upgraded(db: Database) -> None:
    weaker, salt = hash_password("old password 1", n=passwords.COST_N // 4)
    assert password_matches("old password 1", weaker, salt)
    assert passwords.needs_rehash(weaker)
    with db.session() as session:
        staff = make_staff(session)
        person = session.get(Person, staff.officer)
        person.password_hash, person.password_salt = weaker, salt
        verify(session, staff.officer, "old password 1", now=NOW)
        assert person.password_hash.startswith(f"scrypt${passwords.COST_N}$8$1$")
        assert person.password_salt == salt  # only the cost changes: the demo knows its passwords by their salt
        verify(session, staff.officer, "old password 1", now=NOW)


def test_each_person_has_their_own_salt(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        a, b = session.get(Person, staff.officer), session.get(Person, staff.manager)
        set_password(session, b.id, OFFICER_PASSWORD, current="manager-secret-1", now=NOW)
        assert a.password_salt != b.password_salt
        assert a.password_hash != b.password_hash


def test_verify_accepts_the_right_password_and_refuses_a_wrong_one(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        assert verify(session, staff.officer, OFFICER_PASSWORD, now=NOW).id == staff.officer
        with pytest.raises(WrongPassword, match="wrong password for Siân Łukasz"):
            verify(session, staff.officer, "officer-secret-2", now=NOW)


def test_a_password_must_be_at_least_eight_characters(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        with pytest.raises(InputError, match="at least 8 characters"):
            set_password(session, staff.officer, "short1", current=OFFICER_PASSWORD, now=NOW)
        with pytest.raises(InputError, match="only spaces"):
            set_password(session, staff.officer, " " * 9, current=OFFICER_PASSWORD, now=NOW)


def test_changing_a_password_needs_the_current_one(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        with pytest.raises(InputError, match="current password"):
            set_password(session, staff.officer, "a new password")
        with pytest.raises(WrongPassword):
            set_password(session, staff.officer, "a new password", current="not it at all", now=NOW)
    with db.session() as session:
        set_password(session, staff.officer, "a new password", current=OFFICER_PASSWORD, now=NOW)
        verify(session, staff.officer, "a new password", now=NOW + timedelta(minutes=5))


def test_only_people_with_an_account_role_have_a_password(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        with pytest.raises(InputError, match="no account"):
            set_password(session, staff.senco, "senco password")
        with pytest.raises(PasswordRefused, match="not set a password"):
            verify(session, staff.senco, "anything at all", now=NOW)
        assert {a.name for a in passwords.accounts(session)} == {"Siân Łukasz", "Daniel O'Connor", "Tom Barker"}


def test_the_wait_grows_after_three_failures_and_is_capped() -> None:
    assert [wait_seconds(n, NOW, NOW) for n in range(0, 12)] == [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert wait_seconds(5, NOW, NOW + timedelta(seconds=3)) == 1
    assert wait_seconds(5, NOW, NOW + timedelta(seconds=4)) == 0


def test_repeated_failures_are_slowed_without_checking_and_success_resets(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        for _ in range(3):
            with pytest.raises(WrongPassword):
                verify(session, staff.officer, "guess-guess", now=NOW)
        # The 4th attempt within a second is refused without checking: even the right password.
        with pytest.raises(TooManyAttempts) as refused:
            verify(session, staff.officer, OFFICER_PASSWORD, now=NOW)
        assert str(refused.value) == "Too many wrong passwords: try again in 1 second"
        later = NOW + timedelta(seconds=1)
        with pytest.raises(WrongPassword):
            verify(session, staff.officer, "guess-guess", now=later)
        with pytest.raises(TooManyAttempts, match="try again in 2 seconds"):
            verify(session, staff.officer, "guess-guess", now=later + timedelta(seconds=0.5))
        person = session.get(Person, staff.officer)
        assert person.failed_sign_ins == 4
        verify(session, staff.officer, OFFICER_PASSWORD, now=later + timedelta(seconds=2))
        assert person.failed_sign_ins == 0 and person.last_failed_at is None


def test_a_failure_is_kept_even_when_the_callers_work_rolls_back(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
    with pytest.raises(WrongPassword), db.session() as session:
        verify(session, staff.officer, "guess-guess", now=NOW)
    with db.session() as session:
        assert session.get(Person, staff.officer).failed_sign_ins == 1
        assert "wrong password for Siân Łukasz (exams officer): 1 in a row" in [e.summary for e in audit.entries(session)]


def test_sign_in_names_the_person_in_the_audit_log(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        try:
            account = passwords.sign_in(session, staff.manager, "manager-secret-1", now=NOW)
            assert account.name == "Daniel O'Connor"
            assert audit.current_actor() == "Daniel O'Connor"
        finally:
            audit.set_actor(None)


def test_the_clear_password_is_never_stored_or_logged(db: Database) -> None:
    secret = "Zebra-Unique-7731"
    with db.session() as session:
        staff = make_staff(session)
        set_password(session, staff.officer, secret, current=OFFICER_PASSWORD, now=NOW)
        with pytest.raises(WrongPassword):
            verify(session, staff.officer, secret + "x", now=NOW)
        verify(session, staff.officer, secret, now=NOW + timedelta(seconds=1))
        people.add_person(session, "Someone Else", "other")
    with db.session() as session:
        tables = inspect(session.get_bind()).get_table_names()
        assert "audit_entry" in tables and "person" in tables
        for table in tables:
            rows = session.execute(text(f'SELECT * FROM "{table}"')).all()
            for row in rows:
                for value in row:
                    if isinstance(value, (str, bytes)):
                        as_text = value if isinstance(value, str) else value.decode("utf-8", "replace")
                        assert secret.casefold() not in as_text.casefold(), f"{table} holds the password"
        summaries = session.scalars(select(AuditEntry.summary)).all()
        assert "password changed" in summaries
        assert all(secret not in s for s in summaries)


# --- a first password: who was there, not whose it is ------------------------------------------------

def _newcomers(db: Database) -> tuple[int, int, int]:
    """An exams officer, a line manager and an assistant with no passwords yet."""
    with db.session() as session:
        return (people.add_person(session, "Siân Łukasz", "exams_officer").id,
                people.add_person(session, "Daniel O'Connor", "line_manager").id,
                people.add_person(session, "Tom Barker", "exams_assistant").id)


def test_a_first_password_is_logged_with_who_was_signed_in_not_as_its_owner(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "office-login")  # the computer's user
    officer, manager, assistant = _newcomers(db)
    with db.session() as session:
        first_password(session, manager, "manager-secret-1")
        first_password(session, officer, OFFICER_PASSWORD)
        set_password(session, assistant, "assistant-secret-1", now=NOW, signed_in=officer)
        set_password(session, manager, "manager-secret-2", current="manager-secret-1", now=NOW, signed_in=officer)
    with db.session() as session:
        logged = [(e.actor, e.summary) for e in audit.entries(session) if e.action == "update"]
    assert logged[::-1] == [
        ("Daniel O'Connor", "setup code used by Daniel O'Connor (line manager); first password set"),
        ("Siân Łukasz", "setup code used by Siân Łukasz (exams officer); first password set"),
        ("Siân Łukasz", "first password of Tom Barker (exams assistant) set while Siân Łukasz (exams officer) was "
                        "signed in"),
        ("Daniel O'Connor", "password changed"),  # the current password proved it was them
    ]


@pytest.mark.parametrize("signer", ["officer", "manager"])
def test_a_signers_first_password_needs_a_setup_code_whoever_is_at_the_desk(db: Database, signer: str) -> None:
    """The fault trial: with nobody signed in, anyone at the desk set a new line manager's first
    password and could then sign as them. Now it takes the setup code handed to them."""
    officer, manager, assistant = _newcomers(db)
    owner, other = (officer, manager) if signer == "officer" else (manager, officer)
    with db.session() as session:
        first_password(session, other, "the-other-signer-1")
        set_password(session, assistant, "assistant-secret-1", now=NOW)
    for present in (None, other, assistant):
        with pytest.raises(PasswordRefused, match="needs the one-time setup code given when they were added"), \
                db.session() as session:
            set_password(session, owner, "chosen-for-them-1", now=NOW, signed_in=present)
    with db.session() as session:
        assert not passwords.has_password(session, owner)
        refusals = [e for e in audit.entries(session) if e.action == "refuse"]
        name = session.get(Person, owner).name
        assert len(refusals) == 3 and all(f"tried to set the first password of {name}" in e.summary
                                          and e.summary.endswith("without a setup code; refused") for e in refusals)
        assert "someone who was not signed in tried" in refusals[-1].summary
        first_password(session, owner, "my-own-choice-1")  # with the code handed to them
        assert passwords.has_password(session, owner)
        assert verify(session, owner, "my-own-choice-1", now=NOW).id == owner


def test_an_assistants_first_password_needs_no_code(db: Database) -> None:
    """An assistant signs nothing: their first password is theirs to set, as before."""
    _officer, _manager, assistant = _newcomers(db)
    with db.session() as session:
        set_password(session, assistant, "assistant-secret-1", now=NOW)
        assert verify(session, assistant, "assistant-secret-1", now=NOW).name == "Tom Barker"
