"""Nobody changes the Professional Standards without being signed in, once the exams officer or a
line manager has a password: the domain refuses ``by=None`` itself, so neither a widget left
enabled nor another caller (the command line) can make an anonymous change. A new centre, where
neither has a password yet, still works without sign-in."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from eoffice.db.models import Person
from eoffice.db.session import Database
from eoffice.domain import audit, standards
from eoffice.domain.accounts import people, reset_from_command_line, set_password
from eoffice.domain.standards import SIGN_IN_FIRST, MeetingFields, NotAllowed, SkillFields, TargetFields
from tests.domain.standards_helpers import NOW, YEAR, Staff, make_staff, make_year

TARGET = TargetFields("Key dates and deadlines", "Meet every deadline", ("research",), "No late fees")
SKILL = SkillFields("time_management", ("online",), "Feedback")
MEETING = MeetingFields(date(2026, 9, 10), "review", "Both")


@pytest.fixture
def setup(db: Database) -> tuple[Database, Staff, int, dict[str, int]]:
    """The officer's year with one target, skill and meeting, made while signed in as the officer."""
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        made = {
            "target": standards.add_target(session, year_id, TARGET, by=staff.officer).id,
            "skill": standards.add_skill(session, year_id, SKILL, by=staff.officer).id,
            "meeting": standards.add_meeting(session, year_id, MEETING, by=staff.officer).id,
        }
    return db, staff, year_id, made


Edit = Callable[[Session, int, dict[str, int], Staff], object]
EDITS: dict[str, Edit] = {
    "experience": lambda s, y, m, st: standards.set_experience(s, y, "new", by=None),
    "statement": lambda s, y, m, st: standards.set_values_statement(s, y, "Words nobody signed for", by=None),
    "add target": lambda s, y, m, st: standards.add_target(s, y, TARGET, by=None),
    "edit target": lambda s, y, m, st: standards.update_target(
        s, m["target"], TargetFields("Invigilation", "Anything"), by=None),
    "delete target": lambda s, y, m, st: standards.delete_target(s, m["target"], by=None),
    "add skill": lambda s, y, m, st: standards.add_skill(s, y, SkillFields("presentation"), by=None),
    "edit skill": lambda s, y, m, st: standards.update_skill(
        s, m["skill"], SkillFields("time_management", status="achieved"), by=None),
    "delete skill": lambda s, y, m, st: standards.delete_skill(s, m["skill"], by=None),
    "add meeting": lambda s, y, m, st: standards.add_meeting(s, y, MEETING, by=None),
    "edit meeting": lambda s, y, m, st: standards.update_meeting(
        s, m["meeting"], MeetingFields(date(2026, 9, 10), "review", "Nobody"), by=None),
    "delete meeting": lambda s, y, m, st: standards.delete_meeting(s, m["meeting"], by=None),
    "start a year": lambda s, y, m, st: standards.start_year(s, st.officer, YEAR.next(), by=None),
}


def _state(db: Database, year_id: int) -> tuple[object, ...]:
    with db.session() as session:
        record = standards.standards_year(session, year_id)
        return (record.experience, record.values_statement, standards.targets(session, year_id),
                standards.skills(session, year_id), standards.meetings(session, year_id),
                len(standards.years_in(session, YEAR.next())))


@pytest.mark.parametrize("edit", list(EDITS))
def test_with_a_password_set_no_change_is_made_by_nobody_signed_in(
        setup: tuple[Database, Staff, int, dict[str, int]], edit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    db, staff, year_id, made = setup
    monkeypatch.setattr(getpass, "getuser", lambda: "office-login")
    before = _state(db, year_id)
    with pytest.raises(NotAllowed) as refused, db.session() as session:
        EDITS[edit](session, year_id, made, staff)
    assert str(refused.value) == SIGN_IN_FIRST
    assert _state(db, year_id) == before
    with db.session() as session:
        (entry,) = [e for e in audit.entries(session) if e.action == "refuse"]
    assert entry.actor == "office-login"
    assert entry.summary.startswith("someone who was not signed in tried to ")
    assert entry.summary.endswith(f"; refused: {SIGN_IN_FIRST}")


def test_a_new_centre_without_passwords_still_works_without_sign_in(db: Database) -> None:
    """Until the officer or a line manager sets a password there is nobody to sign in as; an
    assistant's password alone does not change that (an assistant never edits anyway)."""
    with db.session() as session:
        officer = people.add_person(session, "Siân Łukasz", "exams_officer").id
        people.add_person(session, "Daniel O'Connor", "line_manager")
        assistant = people.add_person(session, "Tom Barker", "exams_assistant").id
        set_password(session, assistant, "assistant-secret-1", now=NOW)
        assert not standards.sign_in_needed(session)
        year_id = standards.start_year(session, officer, YEAR, by=None).id
        standards.add_target(session, year_id, TARGET, by=None)
        assert len(standards.targets(session, year_id)) == 1


def test_a_pending_reset_still_counts_and_a_retired_signer_does_not(
        setup: tuple[Database, Staff, int, dict[str, int]]) -> None:
    db, staff, _year_id, _made = setup
    with db.session() as session:
        session.get(Person, staff.manager).active = False
        reset_from_command_line(session, staff.officer, os_user="itadmin", host="office-pc", now=NOW)
        assert standards.sign_in_needed(session)  # the officer's code is a credential
        session.get(Person, staff.officer).active = False
        assert not standards.sign_in_needed(session)
