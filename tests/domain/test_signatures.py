"""Signatures: the signer's own password now, the role rules, a fixed content hash, withdrawal logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from eoffice.db.models import AuditEntry, Signature, StandardsYear
from eoffice.db.session import Database
from eoffice.domain import audit, standards
from eoffice.domain.accounts import TooManyAttempts, WrongPassword, utc_naive
from eoffice.domain.standards import MeetingFields, NotAllowed, SignedAlready, add_meeting, criteria, load, signing, update_meeting
from eoffice.errors import InputError
from tests.domain.standards_helpers import (
    ASSISTANT_PASSWORD,
    MANAGER_PASSWORD,
    NOW,
    OFFICER_PASSWORD,
    Staff,
    complete_all_but_declaration,
    make_staff,
    make_year,
)


@pytest.fixture
def setup(db: Database) -> tuple[Database, Staff, int]:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
    return db, staff, year_id


def test_the_officer_and_the_line_manager_sign_the_statement(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        mine = signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
        theirs = signing.sign(session, year_id, "values_line_manager", staff.manager, MANAGER_PASSWORD, now=NOW)
        assert (mine.signer_name, mine.signer_role, mine.valid) == ("Siân Łukasz", "exams_officer", True)
        assert (theirs.signer_name, theirs.signer_role) == ("Daniel O'Connor", "line_manager")
        assert mine.signed_at == utc_naive(NOW)  # stored in UTC, like the audit log
        assert criteria(load(session, year_id))[2].word == "Signed by both"
        logged = [e for e in audit.entries(session) if e.action == "sign"]
        assert {e.actor for e in logged} == {"Siân Łukasz", "Daniel O'Connor"}
        assert any("signed by Daniel O'Connor (line manager (senior leader)) for Siân Łukasz, 2026/27" in e.summary
                   for e in logged)


def test_a_wrong_password_is_refused_plainly_and_nothing_is_signed(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with pytest.raises(WrongPassword, match="wrong password for Daniel O'Connor"), db.session() as session:
        signing.sign(session, year_id, "values_line_manager", staff.manager, OFFICER_PASSWORD, now=NOW)
    with db.session() as session:
        assert session.scalars(select(Signature)).all() == []
        assert ("wrong password for Daniel O'Connor (line manager) to sign the Values & Attributes statement "
                "(line manager): 1 in a row") in [e.summary for e in audit.entries(session)]


def test_repeated_wrong_passwords_slow_signing_down(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        for _ in range(3):
            with pytest.raises(WrongPassword):
                signing.sign(session, year_id, "values_officer", staff.officer, "nearly-right", now=NOW)
        with pytest.raises(TooManyAttempts, match="Too many wrong passwords: try again in 1 second"):
            signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
        signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD,
                        now=NOW + timedelta(seconds=2))


def test_an_exams_assistant_cannot_sign_anything(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        meeting = add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "target_setting"), by=staff.officer)
        for kind in ("values_officer", "values_line_manager", "slt_declaration", "meeting"):
            with pytest.raises(NotAllowed, match="Tom Barker is an exams assistant: assistants cannot sign"):
                signing.sign(session, year_id, kind, staff.assistant, ASSISTANT_PASSWORD,
                                meeting_id=meeting.id if kind == "meeting" else None, now=NOW)
        assert session.scalars(select(Signature)).all() == []


def test_the_officer_cannot_sign_the_line_managers_part(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        with pytest.raises(NotAllowed, match="only a line manager can sign the Values & Attributes statement "
                                             r"\(line manager\); Siân Łukasz is the exams officer"):
            signing.sign(session, year_id, "values_line_manager", staff.officer, OFFICER_PASSWORD, now=NOW)
        with pytest.raises(NotAllowed, match="only a line manager can sign the SLT declaration"):
            signing.sign(session, year_id, "slt_declaration", staff.officer, OFFICER_PASSWORD, now=NOW)
        with pytest.raises(NotAllowed, match="only Siân Łukasz can sign their own part"):
            signing.sign(session, year_id, "values_officer", staff.manager, MANAGER_PASSWORD, now=NOW)
        meeting = add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "review"), by=staff.officer)
        with pytest.raises(NotAllowed, match="only Siân Łukasz or a line manager can sign this meeting record"):
            signing.sign(session, year_id, "meeting", staff.senco, "whatever-it-is", meeting_id=meeting.id, now=NOW)


def test_either_of_them_signs_a_meeting_record_once(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        meeting = add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "target_setting"), by=staff.officer)
        signing.sign(session, year_id, "meeting", staff.officer, OFFICER_PASSWORD, meeting_id=meeting.id, now=NOW)
        signing.sign(session, year_id, "meeting", staff.manager, MANAGER_PASSWORD, meeting_id=meeting.id, now=NOW)
        with pytest.raises(SignedAlready, match="already signed by Daniel O'Connor"):
            signing.sign(session, year_id, "meeting", staff.manager, MANAGER_PASSWORD, meeting_id=meeting.id, now=NOW)
        with pytest.raises(InputError, match="choose one of this year's meetings"):
            signing.sign(session, year_id, "meeting", staff.manager, MANAGER_PASSWORD, now=NOW)


def test_the_slt_declaration_waits_for_everything_else(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        with pytest.raises(InputError, match="some are not yet: Knowledge & Understanding: no targets"):
            signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
        complete_all_but_declaration(session, staff, year_id)
        declared = signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
        assert declared.valid
        values = next(s for s in standards.signatures(session, year_id) if s.kind == "values_officer")
        with pytest.raises(SignedAlready, match="while the SLT declaration stands"):
            signing.withdraw(session, values.id, "changed my mind", staff.officer, OFFICER_PASSWORD, now=NOW)


def test_withdrawal_needs_a_reason_and_the_password_and_is_logged(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        standards.set_values_statement(session, year_id, "Our words, first draft.", by=staff.officer)
        signed = signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
        with pytest.raises(InputError, match="give a reason"):
            signing.withdraw(session, signed.id, "   ", staff.officer, OFFICER_PASSWORD, now=NOW)
        with pytest.raises(NotAllowed, match="assistants cannot withdraw"):
            signing.withdraw(session, signed.id, "reason", staff.assistant, ASSISTANT_PASSWORD, now=NOW)
        with pytest.raises(WrongPassword):
            signing.withdraw(session, signed.id, "reason", staff.officer, "not-my-password", now=NOW)
        later = NOW + timedelta(minutes=1)
        gone = signing.withdraw(session, signed.id, "Statement to be reworded", staff.officer, OFFICER_PASSWORD,
                                   now=later)
        assert (gone.live, gone.state, gone.withdrawn_reason) == (False, "withdrawn", "Statement to be reworded")
        with pytest.raises(InputError, match="already withdrawn"):
            signing.withdraw(session, signed.id, "again", staff.officer, OFFICER_PASSWORD, now=later)
        entry = next(e for e in audit.entries(session) if e.action == "withdraw")
        assert entry.entity == "signature" and entry.entity_id == str(signed.id)
        assert entry.actor == "Siân Łukasz"
        assert entry.summary.endswith("withdrawn by Siân Łukasz (exams officer): Statement to be reworded")
        # Editing is allowed again, and a new signature can be given on the new words.
        standards.set_values_statement(session, year_id, "Our words, second draft.", by=staff.officer)
        again = signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=later)
        assert again.valid and again.content_hash != signed.content_hash
        assert [s.state for s in standards.signatures(session, year_id)] == ["withdrawn", "signed"]


def test_a_line_manager_may_withdraw_the_officers_signature_but_another_officer_may_not(
        setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        signed = signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
        with pytest.raises(NotAllowed, match="only Siân Łukasz, who signed, or a line manager"):
            signing.withdraw(session, signed.id, "reason", staff.senco, "no-password", now=NOW)
        signing.withdraw(session, signed.id, "Officer has left", staff.manager, MANAGER_PASSWORD, now=NOW)


def test_an_edit_behind_a_signature_shows_as_changed(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        meeting = add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "target_setting", "Both"),
                              by=staff.officer)
        signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
        signing.sign(session, year_id, "meeting", staff.manager, MANAGER_PASSWORD, meeting_id=meeting.id, now=NOW)
        # Someone edits the file directly, around the application.
        session.get(StandardsYear, year_id).values_statement = "Words nobody signed."
        session.flush()
        states = {s.kind: s.state for s in standards.signatures(session, year_id)}
        assert states == {"values_officer": "changed since signed", "meeting": "signed"}
        assert "the statement changed after the exams officer signed it" in " ".join(
            criteria(load(session, year_id))[2].missing)
        with pytest.raises(SignedAlready):
            update_meeting(session, meeting.id, MeetingFields(date(2026, 9, 10), "review"), by=staff.officer)


def test_no_password_reaches_the_audit_log(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        signed = signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
        signing.withdraw(session, signed.id, "reason", staff.officer, OFFICER_PASSWORD, now=NOW)
    with pytest.raises(WrongPassword), db.session() as session:
        signing.sign(session, year_id, "values_officer", staff.officer, MANAGER_PASSWORD, now=NOW)
    with db.session() as session:
        texts = [f"{e.actor} {e.action} {e.entity} {e.entity_id} {e.summary}" for e in session.scalars(select(AuditEntry))]
        for password in (OFFICER_PASSWORD, MANAGER_PASSWORD, ASSISTANT_PASSWORD):
            assert all(password not in t for t in texts)
