"""People with passwords and Standards years, shared by the Standards tests (not a test module)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import standards
from eoffice.domain.accounts import issue_setup_code, people, set_first_password, set_password
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.standards import MeetingFields, SkillFields, TargetFields, add_meeting, add_skill, add_target, signing
from eoffice.domain.years import AcademicYear
from tests.conftest import FROZEN_AT

YEAR = AcademicYear(2026)
NOW = FROZEN_AT.replace(tzinfo=None)  # the tests' stopped clock, as UK wall-clock time
OFFICER_PASSWORD = "officer-secret-1"
MANAGER_PASSWORD = "manager-secret-1"
ASSISTANT_PASSWORD = "assistant-secret-1"
SENCO_PASSWORD = "senco-has-no-account"


@dataclass(frozen=True)
class Staff:
    officer: int
    manager: int
    assistant: int
    senco: int


def first_password(session: Session, person_id: int, password: str) -> None:
    """A signer's first password, as it is set: with the one-time setup code handed to them."""
    issued = issue_setup_code(session, person_id, how="when they were added, with nobody signed in", now=NOW)
    set_first_password(session, person_id, issued.code, password, now=NOW)


def make_staff(session: Session) -> Staff:
    save_centre(session, CentreDetails(name="St Zoë's Academy", centre_number="12345", exams_officer="Siân Łukasz",
                                       line_manager="Daniel O'Connor", senco="Zoë Brontë"))
    officer = people.named_in_role(session, "exams_officer")
    manager = people.named_in_role(session, "line_manager")
    senco = people.named_in_role(session, "senco")
    assistant = people.add_person(session, "Tom Barker", "exams_assistant")
    assert officer and manager and senco
    first_password(session, officer.id, OFFICER_PASSWORD)
    first_password(session, manager.id, MANAGER_PASSWORD)
    set_password(session, assistant.id, ASSISTANT_PASSWORD, now=NOW)
    return Staff(officer.id, manager.id, assistant.id, senco.id)


def make_year(session: Session, staff: Staff, experience: str = "experienced") -> int:
    return standards.start_year(session, staff.officer, YEAR, experience, by=staff.officer).id


def complete_all_but_declaration(session: Session, staff: Staff, year_id: int) -> None:
    """Targets and skills achieved, statement signed by both, target-setting and assessment meetings held."""
    by = staff.officer
    add_target(session, year_id, TargetFields("Key dates and deadlines", "Meet every entry deadline",
                                              ("research",), "No late fees", status="achieved"), by=by)
    for skill in ("time_management", "decision_making", "presentation"):
        add_skill(session, year_id, SkillFields(skill, ("online",), "Feedback", status="achieved"), by=by)
    signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
    signing.sign(session, year_id, "values_line_manager", staff.manager, MANAGER_PASSWORD, now=NOW)
    add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "target_setting", "Both"), by=by)
    add_meeting(session, year_id, MeetingFields(date(2026, 11, 20), "assessment", "Both"), by=by)
