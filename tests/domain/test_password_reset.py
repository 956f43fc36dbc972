"""Resetting a forgotten password: who may reset whose, a one-time code, expiry, single use, audit.

The exams officer and the line manager sign the same Standards, so neither may reset the
other's password (whoever holds the code could sign as them): school IT resets theirs on
the command line (``reset_from_command_line``, here as ``_it_reset``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import inspect, select, text

from eoffice.db.models import AuditEntry, Person
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import (
    CODE_ALPHABET,
    IssuedCode,
    PasswordRefused,
    ResetPending,
    TooManyAttempts,
    WrongPassword,
    may_reset,
    new_code,
    password_reset,
    passwords,
    people,
    reset_from_command_line,
    reset_password,
    use_code,
    verify,
)
from eoffice.domain.standards import NotAllowed, signing
from eoffice.domain.standards import signatures as signatures_of
from eoffice.errors import InputError
from tests.domain.standards_helpers import (
    ASSISTANT_PASSWORD,
    MANAGER_PASSWORD,
    NOW,
    OFFICER_PASSWORD,
    Staff,
    make_staff,
    make_year,
)

PASSWORD_OF = {"officer": OFFICER_PASSWORD, "manager": MANAGER_PASSWORD, "assistant": ASSISTANT_PASSWORD}
NEW_PASSWORD = "my-own-new-one-9"


@pytest.fixture
def staff(db: Database) -> Staff:
    with db.session() as session:
        return make_staff(session)


@pytest.fixture(autouse=True)
def nobody_signed_in() -> Iterator[None]:
    yield
    audit.set_actor(None)


def _reset(db: Database, owner: int, by: int, password: str) -> IssuedCode:
    with db.session() as session:
        return reset_password(session, owner, by, password, now=NOW)


def _it_reset(db: Database, owner: int) -> IssuedCode:
    with db.session() as session:
        return reset_from_command_line(session, owner, os_user="itadmin", host="office-pc", now=NOW)


def _summaries(db: Database) -> list[str]:
    with db.session() as session:
        return [e.summary for e in audit.entries(session)]


# --- the code -------------------------------------------------------------------------------------

def test_a_code_is_three_groups_of_four_without_misreadable_characters() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200  # random, not repeated
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
        assert not set(code) & set("01OIL")
    assert set(CODE_ALPHABET) == set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    assert password_reset.normalise_code(" abcd efgh-jkmn ") == "ABCDEFGHJKMN"


# --- who may reset whose ----------------------------------------------------------------------------

@pytest.mark.parametrize(("resetter", "owner", "allowed"), [
    ("line_manager", "exams_assistant", True),
    ("exams_officer", "exams_assistant", True),
    ("line_manager", "exams_officer", False),  # they sign the same Standards
    ("exams_officer", "line_manager", False),
    ("exams_assistant", "exams_officer", False),
    ("exams_assistant", "line_manager", False),
    ("exams_officer", "exams_officer", False),
    ("line_manager", "line_manager", False),
    ("exams_assistant", "exams_assistant", False),
    ("senco", "exams_assistant", False),
])
def test_who_may_reset_whose_password(resetter: str, owner: str, allowed: bool) -> None:
    assert may_reset(resetter, owner) is allowed


@pytest.mark.parametrize(("owner", "by"), [("assistant", "manager"), ("assistant", "officer")])
def test_the_allowed_pairs_reset_with_their_own_password(db: Database, staff: Staff, owner: str, by: str) -> None:
    issued = _reset(db, getattr(staff, owner), getattr(staff, by), PASSWORD_OF[by])
    assert issued.person_id == getattr(staff, owner)
    assert issued.valid_until == passwords.utc_naive(NOW) + timedelta(hours=72)
    with db.session() as session:
        assert password_reset.pending_until(session, issued.person_id) == issued.valid_until
        with pytest.raises(ResetPending):  # the old password stops working at once
            verify(session, issued.person_id, PASSWORD_OF[owner], now=NOW)


OFFICER_BY_IT = ("Nobody can reset the exams officer's password in the window: school IT resets it on the command "
                 'line with eoffice password reset "Siân Łukasz".')
MANAGER_BY_IT = ("Nobody can reset the line manager's password in the window: school IT resets it on the command "
                 'line with eoffice password reset "Daniel O\'Connor".')


@pytest.mark.parametrize(("owner", "by", "message"), [
    ("officer", "assistant", OFFICER_BY_IT),
    ("manager", "assistant", MANAGER_BY_IT),
    ("manager", "officer", MANAGER_BY_IT),
    ("officer", "manager", OFFICER_BY_IT),
])
def test_a_refusal_by_role_is_plain_audited_and_costs_no_try(db: Database, staff: Staff, owner: str, by: str,
                                                             message: str) -> None:
    """Also the hole that was: the officer reset the line manager's password, was shown the code, and
    could then sign the SLT declaration as them (and the other way round). Now no code is issued."""
    resetter = getattr(staff, by)
    with pytest.raises(NotAllowed) as refused, db.session() as session:
        reset_password(session, getattr(staff, owner), resetter, PASSWORD_OF[by], now=NOW)
    assert str(refused.value) == message
    with db.session() as session:
        assert session.get(Person, resetter).failed_sign_ins == 0
        entry = next(e for e in audit.entries(session) if e.action == "refuse")
        assert entry.actor == session.get(Person, resetter).name and entry.entity == "person"
        assert " tried to reset the password of " in entry.summary
        assert entry.summary.endswith(f"refused: {message}")
        verify(session, getattr(staff, owner), PASSWORD_OF[owner], now=NOW)  # nothing was reset


def test_an_assistant_cannot_reset_another_assistants_password(db: Database, staff: Staff) -> None:
    with db.session() as session:
        ann = people.add_person(session, "Ann Lee", "exams_assistant").id
        passwords.set_password(session, ann, "ann-secret-12", now=NOW)
    with pytest.raises(NotAllowed) as refused, db.session() as session:
        reset_password(session, staff.assistant, ann, "ann-secret-12", now=NOW)
    assert str(refused.value) == "Only the line manager or the exams officer can reset this password."
    assert ("Ann Lee (exams assistant) tried to reset the password of Tom Barker (exams assistant); refused: Only "
            "the line manager or the exams officer can reset this password.") in _summaries(db)


def test_nobody_resets_their_own_password_or_one_never_set(db: Database, staff: Staff) -> None:
    with pytest.raises(NotAllowed, match="You cannot reset your own password"), db.session() as session:
        reset_password(session, staff.officer, staff.officer, OFFICER_PASSWORD, now=NOW)
    with db.session() as session:
        session.get(Person, staff.assistant).password_hash = None
    with pytest.raises(InputError, match="Tom Barker has not set a password yet"), db.session() as session:
        reset_password(session, staff.assistant, staff.manager, MANAGER_PASSWORD, now=NOW)
    with pytest.raises(InputError, match="Zoë Brontë has no account"), db.session() as session:
        reset_password(session, staff.senco, staff.manager, MANAGER_PASSWORD, now=NOW)


def test_a_wrong_resetter_password_is_refused_counted_and_slowed(db: Database, staff: Staff) -> None:
    for attempt in range(3):
        with pytest.raises(WrongPassword, match="wrong password for Daniel O'Connor"), db.session() as session:
            reset_password(session, staff.assistant, staff.manager, f"guess-{attempt}-x", now=NOW)
    with pytest.raises(TooManyAttempts), db.session() as session:
        reset_password(session, staff.assistant, staff.manager, MANAGER_PASSWORD, now=NOW)
    summaries = _summaries(db)
    assert ("wrong password for Daniel O'Connor (line manager) to reset the password of Tom Barker: 3 in a row; "
            "further attempts are slowed") in summaries
    with db.session() as session:
        verify(session, staff.assistant, ASSISTANT_PASSWORD, now=NOW)  # the assistant's password was not reset
        issued = reset_password(session, staff.assistant, staff.manager, MANAGER_PASSWORD,
                                now=NOW + timedelta(seconds=2))
    assert issued.name == "Tom Barker"


# --- using the code ----------------------------------------------------------------------------------

def test_the_code_is_used_once_to_choose_a_new_password(db: Database, staff: Staff) -> None:
    issued = _reset(db, staff.assistant, staff.officer, OFFICER_PASSWORD)
    with db.session() as session:  # typed as people do: small letters, spaces
        account = use_code(session, staff.assistant, issued.code.lower().replace("-", " "), NEW_PASSWORD,
                           now=NOW + timedelta(hours=1))
        assert (account.name, account.role) == ("Tom Barker", "exams_assistant")
        assert audit.current_actor() == "Tom Barker"
    with db.session() as session:
        assert password_reset.pending_until(session, staff.assistant) is None
        verify(session, staff.assistant, NEW_PASSWORD, now=NOW + timedelta(hours=1))
        with pytest.raises(PasswordRefused, match="has not been reset"):  # single use
            use_code(session, staff.assistant, issued.code, "another-new-one", now=NOW + timedelta(hours=2))
        with pytest.raises(WrongPassword):
            verify(session, staff.assistant, issued.code, now=NOW + timedelta(hours=2))


def test_until_a_new_password_is_chosen_the_account_signs_in_and_signs_nothing(db: Database, staff: Staff) -> None:
    with db.session() as session:
        year_id = make_year(session, staff)
    issued = _it_reset(db, staff.officer)
    with db.session() as session:
        for attempt in (OFFICER_PASSWORD, issued.code):
            with pytest.raises(ResetPending, match="must sign in with the reset code and choose a new password"):
                passwords.sign_in(session, staff.officer, attempt, now=NOW)
        with pytest.raises(ResetPending):
            signing.sign(session, year_id, "values_officer", staff.officer, issued.code, now=NOW)
        with pytest.raises(ResetPending):
            passwords.set_password(session, staff.officer, NEW_PASSWORD, current=OFFICER_PASSWORD, now=NOW)
        accounts = {a.id: a for a in passwords.accounts(session)}
        assert accounts[staff.officer].reset_pending and accounts[staff.officer].has_password
        assert not accounts[staff.manager].reset_pending


def test_a_new_password_is_checked_before_the_code_and_cannot_be_the_code(db: Database, staff: Staff) -> None:
    issued = _reset(db, staff.assistant, staff.manager, MANAGER_PASSWORD)
    with pytest.raises(InputError, match="at least 8 characters"), db.session() as session:
        use_code(session, staff.assistant, "WRONG-CODE-HERE", "short", now=NOW)
    with pytest.raises(InputError, match="not the reset code"), db.session() as session:
        use_code(session, staff.assistant, issued.code, issued.code.replace("-", ""), now=NOW)
    with db.session() as session:
        assert session.get(Person, staff.assistant).failed_sign_ins == 0
        assert password_reset.pending_until(session, staff.assistant) is not None


def test_wrong_codes_are_refused_counted_and_slowed(db: Database, staff: Staff) -> None:
    issued = _reset(db, staff.assistant, staff.manager, MANAGER_PASSWORD)
    for _ in range(3):
        with pytest.raises(WrongPassword, match="^wrong reset code for Tom Barker$"), db.session() as session:
            use_code(session, staff.assistant, "AAAA-BBBB-CCCC", NEW_PASSWORD, now=NOW)
    with pytest.raises(TooManyAttempts), db.session() as session:  # even the right code must wait
        use_code(session, staff.assistant, issued.code, NEW_PASSWORD, now=NOW)
    assert ("wrong reset code for Tom Barker (exams assistant) to choose a new password: 3 in a row; further "
            "attempts are slowed") in _summaries(db)
    with db.session() as session:
        use_code(session, staff.assistant, issued.code, NEW_PASSWORD, now=NOW + timedelta(seconds=1))


def test_the_code_expires_after_72_hours(db: Database, staff: Staff) -> None:
    issued = _it_reset(db, staff.officer)
    with db.session() as session:
        password_reset.check_code(session, staff.officer, issued.code, now=NOW + timedelta(hours=71, minutes=59))
    with pytest.raises(PasswordRefused) as expired, db.session() as session:
        use_code(session, staff.officer, issued.code, NEW_PASSWORD, now=NOW + timedelta(hours=72))
    assert str(expired.value) == (f"The reset code for Siân Łukasz has expired. {OFFICER_BY_IT} Ask them to reset "
                                  "it again.")
    assert "expired reset code refused for Siân Łukasz (exams officer)" in _summaries(db)
    with db.session() as session:  # a new reset gives a new code, valid from then
        again = reset_from_command_line(session, staff.officer, os_user="itadmin", host="office-pc",
                                        now=NOW + timedelta(hours=73))
        assert again.code != issued.code
        use_code(session, staff.officer, again.code, NEW_PASSWORD, now=NOW + timedelta(hours=74))


def test_the_reset_and_its_use_are_audited_and_the_code_is_never_kept(db: Database, staff: Staff) -> None:
    issued = _reset(db, staff.assistant, staff.officer, OFFICER_PASSWORD)
    with db.session() as session:
        use_code(session, staff.assistant, issued.code, NEW_PASSWORD, now=NOW + timedelta(hours=3))
    with db.session() as session:
        logged = {e.action: e for e in audit.entries(session, limit=2)}
        reset, used = logged["reset"], logged["update"]
        assert reset.actor == "Siân Łukasz" and reset.entity_id == str(staff.assistant)
        assert reset.at == passwords.utc_naive(NOW).replace(tzinfo=reset.at.tzinfo)
        assert reset.summary.startswith("password of Tom Barker (exams assistant) reset by Siân Łukasz "
                                        "(exams officer); a one-time reset code was issued, valid until ")
        assert used.actor == "Tom Barker"
        assert used.summary == "reset code used by Tom Barker (exams assistant); new password set"
        code = password_reset.normalise_code(issued.code)
        for table in inspect(session.get_bind()).get_table_names():
            for row in session.execute(text(f'SELECT * FROM "{table}"')).all():
                for value in row:
                    if isinstance(value, str):
                        assert code not in password_reset.normalise_code(value), f"{table} holds the code"
                        assert NEW_PASSWORD not in value
        assert all(issued.code not in s for s in session.scalars(select(AuditEntry.summary)))


def test_a_pending_reset_fits_the_password_column(db: Database, staff: Staff) -> None:
    _it_reset(db, staff.officer)
    with db.session() as session:
        stored = session.get(Person, staff.officer).password_hash
        assert stored.startswith("reset$") and len(stored) <= 128


def test_signatures_given_before_a_reset_stay_valid(db: Database, staff: Staff) -> None:
    with db.session() as session:
        year_id = make_year(session, staff)
        signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
    issued = _it_reset(db, staff.officer)
    with db.session() as session:
        assert [s.valid for s in signatures_of(session, year_id)] == [True]
        use_code(session, staff.officer, issued.code, NEW_PASSWORD, now=NOW)
    with db.session() as session:
        assert [(s.signer_name, s.valid) for s in signatures_of(session, year_id)] == [("Siân Łukasz", True)]


# --- school IT, from the command line ----------------------------------------------------------------

def test_school_it_resets_the_officers_password_and_the_log_names_them(db: Database, staff: Staff) -> None:
    issued = _it_reset(db, staff.officer)
    assert (issued.name, issued.role) == ("Siân Łukasz", "exams_officer")
    with db.session() as session:
        entry = audit.entries(session, limit=1)[0]
        assert (entry.action, entry.actor, entry.entity_id) == ("reset", "itadmin", str(staff.officer))
        assert entry.summary.startswith("password of Siân Łukasz (exams officer) reset from the command line by "
                                        "itadmin on office-pc; a one-time reset code was issued, valid until ")
        account = use_code(session, staff.officer, issued.code, NEW_PASSWORD, now=NOW)
        assert account.name == "Siân Łukasz"
    with pytest.raises(InputError, match="Zoë Brontë has no account"), db.session() as session:
        reset_from_command_line(session, staff.senco, os_user="itadmin", host="office-pc", now=NOW)


def test_the_command_line_finds_an_account_by_its_name_in_any_case(db: Database, staff: Staff) -> None:
    with db.session() as session:
        assert password_reset.account_named(session, "  daniel   o'CONNOR ") == staff.manager
        assert password_reset.account_named(session, "SIÂN ŁUKASZ") == staff.officer
        with pytest.raises(InputError, match='^nobody with an account is called "siân"; did you mean "Siân Łukasz"'):
            password_reset.account_named(session, "siân")
        with pytest.raises(InputError, match='the people with an account are "Daniel O\'Connor", "Siân Łukasz", '
                                             '"Tom Barker"$'):
            password_reset.account_named(session, "Nobody Here")
        with pytest.raises(InputError, match="Zoë Brontë has no account"):
            password_reset.account_named(session, "zoë brontë")
        people.add_person(session, "TOM BARKER", "exams_officer")
        with pytest.raises(InputError, match='2 people with an account are called "tom barker" '
                                             r"\(TOM BARKER \(exams officer\), Tom Barker \(exams assistant\)\)"):
            password_reset.account_named(session, "tom barker")
