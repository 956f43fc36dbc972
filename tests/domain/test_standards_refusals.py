"""Refusals are audited: who was refused, what they tried, when; wrong passwords too, never what was typed."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import Person, Signature, StandardsYear
from eoffice.db.session import Database, open_database
from eoffice.domain import audit, standards
from eoffice.domain.accounts import WrongPassword, utc_naive
from eoffice.domain.audit import AuditRecord
from eoffice.domain.standards import MeetingFields, NotAllowed, TargetFields, add_meeting, add_target, delete_target, signing
from eoffice.domain.years import AcademicYear
from tests.domain.standards_helpers import (
    ASSISTANT_PASSWORD,
    MANAGER_PASSWORD,
    NOW,
    OFFICER_PASSWORD,
    Staff,
    make_staff,
    make_year,
)

ASSISTANT_REFUSED = ("Tom Barker is an exams assistant: assistants can read the Professional Standards but not "
                     "change them")


@pytest.fixture
def setup(db: Database) -> tuple[Database, Staff, int]:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
    return db, staff, year_id


def _refusals(db: Database) -> list[AuditRecord]:
    with db.session() as session:
        return [e for e in audit.entries(session) if e.action == "refuse"]


def _target() -> TargetFields:
    return TargetFields("Key dates and deadlines", "Meet every deadline", ("research",), "No late fees")


def test_an_assistant_editing_the_standards_is_refused_and_the_refusal_is_kept(
        setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with pytest.raises(NotAllowed, match=ASSISTANT_REFUSED), db.session() as session:
        add_target(session, year_id, _target(), by=staff.assistant)
    with pytest.raises(NotAllowed, match=ASSISTANT_REFUSED), db.session() as session:
        standards.set_values_statement(session, year_id, "Different words", by=staff.assistant)
    refusals = _refusals(db)
    assert [e.summary for e in refusals] == [
        f"Tom Barker (exams assistant) tried to change the Values & Attributes statement; refused: {ASSISTANT_REFUSED}",
        f"Tom Barker (exams assistant) tried to add a Knowledge & Understanding target; refused: {ASSISTANT_REFUSED}",
    ]
    assert {(e.actor, e.entity, e.entity_id) for e in refusals} == {("Tom Barker", "standards_year", str(year_id))}
    with db.session() as session:
        assert standards.standards_year(session, year_id).values_statement != "Different words"


def test_deleting_and_starting_as_an_assistant_are_refused_and_logged(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        target = add_target(session, year_id, _target(), by=staff.officer)
    with pytest.raises(NotAllowed), db.session() as session:
        delete_target(session, target.id, by=staff.assistant)
    with pytest.raises(NotAllowed), db.session() as session:
        standards.start_year(session, staff.officer, AcademicYear(2027), by=staff.assistant)
    with db.session() as session:  # nothing was deleted or started, not even the academic year
        assert [t.id for t in standards.targets(session, year_id)] == [target.id]
        assert len(session.scalars(select(StandardsYear)).all()) == 1
        assert 2027 not in session.scalars(select(YearRow.start_year)).all()
    tried = [e.summary.split(";")[0] for e in _refusals(db)]
    assert tried == ["Tom Barker (exams assistant) tried to start the Professional Standards 2027/28 of Siân Łukasz",
                     "Tom Barker (exams assistant) tried to delete a Knowledge & Understanding target"]


def test_another_officer_changing_these_standards_is_refused_and_logged(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        session.get(Person, staff.senco).role = "exams_officer"  # a second officer
    with pytest.raises(NotAllowed, match="cannot change these Standards"), db.session() as session:
        add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "review"), by=staff.senco)
    (entry,) = _refusals(db)
    assert entry.actor == "Zoë Brontë"
    assert entry.summary.startswith("Zoë Brontë (exams officer) tried to add a meeting record; refused: ")


def test_an_assistant_trying_to_sign_is_refused_logged_and_costs_no_try(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with pytest.raises(NotAllowed), db.session() as session:
        signing.sign(session, year_id, "slt_declaration", staff.assistant, "anything at all", now=NOW)
    (entry,) = _refusals(db)
    assert entry.actor == "Tom Barker" and entry.entity == "standards_year"
    assert entry.at == utc_naive(NOW).replace(tzinfo=UTC)
    assert entry.summary == ("Tom Barker (exams assistant) tried to sign the SLT declaration for Siân Łukasz, "
                             "2026/27; refused: Tom Barker is an exams assistant: assistants cannot sign the "
                             "Professional Standards")
    assert "anything at all" not in entry.summary
    with db.session() as session:
        assert session.get(Person, staff.assistant).failed_sign_ins == 0


@pytest.mark.parametrize(("kind", "signer", "password", "words"), [
    ("values_line_manager", "officer", OFFICER_PASSWORD,
     "Siân Łukasz (exams officer) tried to sign the Values & Attributes statement (line manager)"),
    ("values_officer", "manager", MANAGER_PASSWORD,
     "Daniel O'Connor (line manager) tried to sign the Values & Attributes statement (exams officer)"),
    ("slt_declaration", "officer", OFFICER_PASSWORD, "Siân Łukasz (exams officer) tried to sign the SLT declaration"),
])
def test_signing_as_another_role_is_refused_and_logged(setup: tuple[Database, Staff, int], kind: str, signer: str,
                                                       password: str, words: str) -> None:
    db, staff, year_id = setup
    with pytest.raises(NotAllowed), db.session() as session:
        signing.sign(session, year_id, kind, getattr(staff, signer), password, now=NOW)
    (entry,) = _refusals(db)
    assert entry.summary.startswith(words)
    with db.session() as session:
        assert session.scalars(select(Signature)).all() == []


def test_a_refused_withdrawal_is_logged(setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    with db.session() as session:
        signed = signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
    with pytest.raises(NotAllowed, match="assistants cannot withdraw"), db.session() as session:
        signing.withdraw(session, signed.id, "tidying up", staff.assistant, ASSISTANT_PASSWORD, now=NOW)
    (entry,) = _refusals(db)
    assert entry.summary.startswith("Tom Barker (exams assistant) tried to withdraw Siân Łukasz's signature on the "
                                    "Values & Attributes statement (exams officer); refused: ")


def test_a_wrong_password_is_logged_with_the_person_and_time_never_what_was_typed(
        setup: tuple[Database, Staff, int]) -> None:
    db, staff, year_id = setup
    typed = "Officer-Secret-1!"
    with pytest.raises(WrongPassword), db.session() as session:
        signing.sign(session, year_id, "values_officer", staff.officer, typed, now=NOW)
    (entry,) = _refusals(db)
    assert entry.entity == "person" and entry.entity_id == str(staff.officer)
    assert entry.at == utc_naive(NOW).replace(tzinfo=UTC)
    assert entry.summary == ("wrong password for Siân Łukasz (exams officer) to sign the Values & Attributes "
                             "statement (exams officer): 1 in a row")
    assert typed.lower() not in entry.summary.lower()


def test_a_refusal_on_a_read_only_database_is_still_a_refusal(setup: tuple[Database, Staff, int],
                                                              db_path: Path) -> None:
    db, staff, year_id = setup
    db.close()
    with open_database(db_path, read_only=True) as reader:
        with pytest.raises(NotAllowed), reader.session() as session:
            add_target(session, year_id, _target(), by=staff.assistant)
        with reader.session() as session:
            assert [e for e in audit.entries(session) if e.action == "refuse"] == []
