"""First passwords are not free for the taking (issue 14, item 3): an exams officer's or line
manager's first password needs a one-time setup code, handed over when they are added or issued
by school IT; at each sign-in a person sees what was signed in their name and can dispute it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from eoffice.db.models import Person
from eoffice.db.session import Database
from eoffice.domain import audit, standards
from eoffice.domain.accounts import (
    NotAllowed,
    PasswordRefused,
    ResetPending,
    WrongPassword,
    issue_setup_code,
    keys_of,
    password_reset,
    passwords,
    people,
    set_first_password,
    set_password,
    use_code,
)
from eoffice.domain.standards import NotYetEarned, certificate, load, signing
from eoffice.errors import InputError
from tests.domain.standards_helpers import (
    MANAGER_PASSWORD,
    NOW,
    OFFICER_PASSWORD,
    Staff,
    complete_all_but_declaration,
    make_staff,
    make_year,
)


@pytest.fixture(autouse=True)
def nobody_signed_in() -> object:
    yield None
    audit.set_actor(None)


def _new_manager(db: Database) -> int:
    with db.session() as session:
        return people.add_person(session, "Asha Begum", "line_manager").id


def _summaries(db: Database) -> list[str]:
    with db.session() as session:
        return [e.summary for e in audit.entries(session)]


def test_the_fault_trial_a_new_line_managers_first_password_is_refused_without_a_code(db: Database) -> None:
    """With nobody signed in, anyone at the desk set a new line manager's first password and signed as them."""
    manager = _new_manager(db)
    with pytest.raises(PasswordRefused, match="needs the one-time setup code"), db.session() as session:
        set_password(session, manager, "someone-elses-choice", now=NOW)
    with db.session() as session:
        assert not passwords.has_password(session, manager) and keys_of(session, manager) == []
    assert ("someone who was not signed in tried to set the first password of Asha Begum (line manager) without a "
            "setup code; refused") in _summaries(db)


def test_the_setup_code_is_shown_once_and_used_once_to_choose_the_first_password(db: Database) -> None:
    manager = _new_manager(db)
    with db.session() as session:
        issued = issue_setup_code(session, manager, how="when they were added, with nobody signed in", now=NOW)
        assert issued.first and issued.kind == "setup code"
        assert issued.valid_until == passwords.utc_naive(NOW) + timedelta(days=7)
        [account] = [a for a in passwords.accounts(session) if a.id == manager]
        assert account.first_password and account.reset_pending and account.has_password
        assert not standards.sign_in_needed(session)  # a code is not a password: a new centre still works
        stored = session.get(Person, manager).password_hash  # type: ignore[union-attr]
        assert stored is not None and stored.startswith("setup$") and issued.code.replace("-", "") not in stored
        with pytest.raises(ResetPending, match="signs in with the one-time setup code"):
            passwords.verify(session, manager, issued.code, now=NOW)
    with pytest.raises(WrongPassword, match="^wrong setup code for Asha Begum$"), db.session() as session:
        use_code(session, manager, "WRONG-CODE-HERE", "ashas-own-password", now=NOW)
    with pytest.raises(InputError, match="not the setup code"), db.session() as session:
        use_code(session, manager, issued.code, issued.code.replace("-", ""), now=NOW)
    with db.session() as session:
        account = use_code(session, manager, issued.code, "ashas-own-password", now=NOW)
        assert account.name == "Asha Begum" and account.previous_sign_in is None
        assert [k.retired_at for k in keys_of(session, manager)] == [None]  # her signing key, under her password
        assert standards.sign_in_needed(session)
    with pytest.raises(PasswordRefused), db.session() as session:  # once only
        use_code(session, manager, issued.code, "another-password-1", now=NOW)
    summaries = _summaries(db)
    assert any(s.startswith("one-time setup code for the first password of Asha Begum (line manager) issued when "
                            "they were added, with nobody signed in; valid until ") for s in summaries)
    assert "setup code used by Asha Begum (line manager); first password set" in summaries
    assert all(issued.code not in s and issued.code.replace("-", "") not in s for s in summaries)


def test_a_setup_code_expires_and_a_new_one_replaces_it(db: Database) -> None:
    manager = _new_manager(db)
    with db.session() as session:
        first = issue_setup_code(session, manager, how="when they were added", now=NOW)
    with pytest.raises(PasswordRefused, match="The setup code for Asha Begum has expired. School IT issues a new "
                                              'one: eoffice password reset "Asha Begum"'), db.session() as session:
        set_first_password(session, manager, first.code, "ashas-own-password", now=NOW + timedelta(days=8))
    with db.session() as session:
        second = password_reset.reset_from_command_line(session, manager, os_user="itadmin", host="pc", now=NOW)
        assert second.first and second.code != first.code
    with pytest.raises(WrongPassword), db.session() as session:
        set_first_password(session, manager, first.code, "ashas-own-password", now=NOW)
    with db.session() as session:
        set_first_password(session, manager, second.code, "ashas-own-password", now=NOW)
        assert passwords.verify(session, manager, "ashas-own-password", now=NOW + timedelta(seconds=5)).id == manager


def test_no_setup_code_for_someone_who_has_a_password(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        with pytest.raises(InputError, match="already has a password"):
            issue_setup_code(session, staff.manager, how="again", now=NOW)
        issued = password_reset.reset_from_command_line(session, staff.manager, os_user="itadmin", host="pc", now=NOW)
        assert not issued.first  # a reset, as before


# --- what was signed in one's name, and disputing it -------------------------------------------------------------------

@pytest.fixture
def staff(db: Database) -> Staff:
    with db.session() as session:
        return make_staff(session)


def test_at_sign_in_a_person_sees_what_was_signed_in_their_name_since_last_time(db: Database, staff: Staff) -> None:
    with db.session() as session:
        year_id = make_year(session, staff)
        first = passwords.sign_in(session, staff.manager, MANAGER_PASSWORD, now=NOW)
        assert first.previous_sign_in is None
        signing.sign(session, year_id, "values_line_manager", staff.manager, MANAGER_PASSWORD,
                     now=NOW + timedelta(hours=1))
    with db.session() as session:
        later = passwords.sign_in(session, staff.manager, MANAGER_PASSWORD, now=NOW + timedelta(days=1))
        assert later.previous_sign_in == passwords.utc_naive(NOW)
        [notice] = standards.signatures_in_name_since(session, staff.manager, later.previous_sign_in)
        assert notice.what == "Values & Attributes statement (line manager) for Siân Łukasz, 2026/27"
        assert notice.line == ("Values & Attributes statement (line manager) for Siân Łukasz, 2026/27, signed "
                               "23/11/2026 11:00 (signed)")
    with db.session() as session:
        again = passwords.sign_in(session, staff.manager, MANAGER_PASSWORD, now=NOW + timedelta(days=2))
        assert standards.signatures_in_name_since(session, staff.manager, again.previous_sign_in) == []
        assert standards.signatures_in_name_since(session, staff.officer, None) == []


def test_a_disputed_signature_no_longer_counts_and_says_who_disputed_it_and_when(db: Database, staff: Staff) -> None:
    with db.session() as session:
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        slt = signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
        certificate(session, year_id)
    with pytest.raises(NotAllowed, match="only Daniel O'Connor, in whose name it was given, can dispute"), \
            db.session() as session:
        standards.dispute_signature(session, slt.id, staff.officer, "not me", now=NOW)
    with pytest.raises(InputError, match="say why"), db.session() as session:
        standards.dispute_signature(session, slt.id, staff.manager, "  ", now=NOW)
    with db.session() as session:
        notice = standards.dispute_signature(session, slt.id, staff.manager, "I was on a course that day",
                                             now=NOW + timedelta(days=1))
        assert notice.state == "disputed by Daniel O'Connor on 24/11/2026"
    with db.session() as session:
        st = load(session, year_id)
        [disputed] = [s for s in st.signatures if s.id == slt.id]
        assert (disputed.verified, disputed.valid, disputed.dispute_words) == (
            True, False, "disputed by Daniel O'Connor on 24/11/2026")
        with pytest.raises(NotYetEarned, match="the signature in the name of Daniel O'Connor disputed by Daniel "
                                               "O'Connor on 24/11/2026; withdraw it and sign again"):
            certificate(session, year_id)
        assert standards.signatures_in_name_since(session, staff.manager, None)[-1].id != slt.id  # shown no more
        with pytest.raises(InputError, match="already disputed"):
            standards.dispute_signature(session, slt.id, staff.manager, "again", now=NOW)
    assert any(s.startswith("SLT declaration for Siân Łukasz, 2026/27, signed in the name of Daniel O'Connor (line "
                            "manager) on 23/11/2026 10:00, disputed by Daniel O'Connor: I was on a course") for s in
               _summaries(db))


def test_signing_still_needs_the_officers_own_password(db: Database, staff: Staff) -> None:
    with db.session() as session:
        year_id = make_year(session, staff)
        with pytest.raises(WrongPassword):
            signing.sign(session, year_id, "values_officer", staff.officer, MANAGER_PASSWORD, now=NOW)
    with db.session() as session:
        assert signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW).verified
