"""The demo centre's Professional Standards: last year earned, this year part way through.

Demo passwords, so a tester can sign in and sign:

* exams officer Priya Shah: ``officer-demo-2026``
* line manager Daniel O'Connor: ``manager-demo-2026``
* exams assistant Tom Barker: ``assistant-demo-2026`` (can read the Standards, not change or sign them)

The officer and the line manager set their first passwords with one-time setup codes, as
a real centre's do, so they have signing keys; every signature is given through
``signing.sign`` with these passwords and keys, so the content hashes, the signatures,
the audit entries and the certificate are real and verify. The demo's passwords are
printed for anyone to read, so they (and the keys they open) are hashed at a low cost
(``DEMO_COST_N``) to keep ``eoffice demo`` quick; each is re-hashed at eoffice's full
cost when its owner first signs in. The officer is
experienced (five years in post, like the guide's first case study), so meetings are
half-termly. Dates are worked out from "today", so the demo always looks current.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import Person, Signature
from eoffice.domain.accounts import cost_lowered_to, issue_setup_code, people, set_first_password, set_password
from eoffice.domain.demo_sign_ins import ASSISTANT_PASSWORD, MANAGER_PASSWORD, OFFICER_PASSWORD
from eoffice.domain.standards import records as standards
from eoffice.domain.standards import signing
from eoffice.domain.standards.meeting_records import MeetingFields, ProgressNote, add_meeting, suggested_next
from eoffice.domain.standards.target_records import SkillFields, TargetFields, add_skill, add_target
from eoffice.domain.years import AcademicYear

SIGNED_AT = time(15, 45)  # after school, when the meeting is held
DEMO_COST_N = 2**12  # published passwords: the cost of a guess protects nothing

# (area, target, methods, success criteria, status this year)
LAST_YEAR_TARGETS = (
    ("JCQ regulations (including this year's changes)",
     "Read this year's JCQ changes and attend the regional update event", ("research", "face_to_face"),
     "Summary of changes shared with the senior team by October half term"),
    ("Management Information System (MIS)", "Learn the changes to the MIS exams module",
     ("online", "peer_support"), "Entries for the summer made and checked in the MIS without help"),
    ("Awarding body processes and procedures", "Check each awarding body's news pages every month",
     ("research",), "Nothing missed: no late notices from a board"),
    ("Centre-specific processes", "Train the invigilators ourselves instead of paying an outside trainer",
     ("peer_support", "other"), "Training delivered in October; every invigilator's record updated"),
    ("Key dates and deadlines", "Cut late entry fees by meeting every entry deadline",
     ("research",), "Late fees under £100 for the year"),
)
THIS_YEAR_TARGETS = (
    ("JCQ regulations (including this year's changes)", "Brief the senior team on this year's JCQ changes",
     ("research", "networking"), "Briefing given and the exams policy updated", "achieved"),
    ("New exams officer induction", "Complete the online exams officer accreditation",
     ("online",), "Accreditation certificate on file", "in_progress"),
    ("Centre-specific processes", "Write the contingency plan for a fire alarm during an exam",
     ("research", "peer_support"), "Plan agreed with the site manager and tried in the mocks", "in_progress"),
    ("Qualification information", "Learn how the new vocational qualifications are entered",
     ("online", "networking"), "Entries for them made on time in February", "not_started"),
)
LAST_YEAR_SKILLS = ("people_management", "contingency_planning", "difficult_conversations")
THIS_YEAR_SKILLS = (("decision_making", "in_progress"), ("working_collaboratively", "in_progress"),
                    ("managing_deadlines", "achieved"))


def standards_step(session: Session, scale: int, today: date, rng: random.Random) -> None:
    officer = people.named_in_role(session, "exams_officer")
    manager = people.named_in_role(session, "line_manager")
    assistant = people.named_in_role(session, "exams_assistant")
    if officer is None or manager is None:
        return
    current = AcademicYear.current(today)
    previous = current.previous()
    start = _at(previous.start)
    with cost_lowered_to(DEMO_COST_N):
        for person, password in ((officer, OFFICER_PASSWORD), (manager, MANAGER_PASSWORD)):
            issued = issue_setup_code(session, person.id, how="for the demo centre", now=start)
            set_first_password(session, person.id, issued.code, password, now=start)
        if assistant is not None:
            set_password(session, assistant.id, ASSISTANT_PASSWORD, now=start)
        _last_year(session, officer.id, manager.id, previous)
        _this_year(session, officer.id, manager.id, current, today)
    _seen_their_signatures(session, (officer.id, manager.id))


def _seen_their_signatures(session: Session, person_ids: tuple[int, ...]) -> None:
    """As if each signer had signed in after their last demo signature: their first sign-in lists
    only what is signed in their name from then on, not the demo's own history."""
    for person_id in person_ids:
        last = session.scalar(select(func.max(Signature.signed_at)).where(Signature.person_id == person_id))
        person = session.get(Person, person_id)
        if person is not None and last is not None:
            person.last_sign_in_at = last + timedelta(seconds=1)
    session.flush()


def _at(day: date) -> datetime:
    return datetime.combine(day, SIGNED_AT)


def _weekday(day: date, earliest: date) -> date:
    """The Friday before a weekend day, or the Monday after if that is too early."""
    if day.weekday() < 5:
        return day
    back = day - timedelta(days=day.weekday() - 4)
    return back if back >= earliest else day + timedelta(days=7 - day.weekday())


def _last_year(session: Session, officer: int, manager: int, year: AcademicYear) -> None:
    """Everything achieved, signed and declared at the July assessment: the certificate is earned."""
    record = standards.start_year(session, officer, year, "experienced", by=officer)
    ids = [add_target(session, record.id, TargetFields(area, text, methods, success, status="achieved",
                                                       progress_notes="Done; evidence in the exams manual"),
                      by=officer).id for area, text, methods, success in LAST_YEAR_TARGETS]
    for key in LAST_YEAR_SKILLS:
        add_skill(session, record.id, SkillFields(key, ("face_to_face", "peer_support"),
                                                  "Line manager's observation and staff feedback",
                                                  date(year.start_year + 1, 6, 30), "achieved"), by=officer)
    first = _weekday(year.start + timedelta(days=9), year.start)
    days = [first, _weekday(date(year.start_year, 11, 20), first), _weekday(date(year.start_year + 1, 2, 5), first),
            _weekday(date(year.start_year + 1, 7, 8), first)]
    kinds = ("target_setting", "review", "review", "assessment")
    for number, (day, kind) in enumerate(zip(days, kinds, strict=True)):
        notes = tuple(ProgressNote("knowledge", i, "Achieved" if kind == "assessment" else "On track") for i in ids)
        add_meeting(session, record.id, MeetingFields(
            day, kind, "Priya Shah, Daniel O'Connor", "Deadlines met; invigilator training went well",
            "A clash in the summer timetable found late" if number == 2 else "",
            "All targets met" if kind == "assessment" else "Keep to the plan",
            days[number + 1] if number + 1 < len(days) else None, notes), by=officer)
    signing.sign(session, record.id, "values_officer", officer, OFFICER_PASSWORD, now=_at(first))
    signing.sign(session, record.id, "values_line_manager", manager, MANAGER_PASSWORD, now=_at(first))
    signing.sign(session, record.id, "slt_declaration", manager, MANAGER_PASSWORD, now=_at(days[-1]))


def _this_year(session: Session, officer: int, manager: int, year: AcademicYear, today: date) -> None:
    """Targets set and signed at the first meeting, a review held since; the year goes on."""
    record = standards.start_year(session, officer, year, "experienced", by=officer)
    ids = [add_target(session, record.id, TargetFields(area, text, methods, success, year.start + timedelta(weeks=w),
                                                       status=status), by=officer).id
           for w, (area, text, methods, success, status) in zip((8, 20, 26, 24), THIS_YEAR_TARGETS, strict=True)]
    skill_ids = [add_skill(session, record.id, SkillFields(key, ("online", "peer_support"),
                                                           "Line manager's observation at the assessment meeting",
                                                           date(year.start_year + 1, 6, 30), status), by=officer).id
                 for key, status in THIS_YEAR_SKILLS]
    span = max((today - year.start).days, 2)
    first = _weekday(year.start + timedelta(days=min(9, span // 4)), year.start)
    second = _weekday(first + timedelta(days=max(1, min(42, (today - first).days - 4))), first + timedelta(days=1))
    setting = add_meeting(session, record.id, MeetingFields(
        first, "target_setting", "Priya Shah, Daniel O'Connor",
        "Last year's certificate earned; results day ran smoothly", "",
        "Accreditation and the fire-alarm contingency plan", second,
        tuple(ProgressNote("knowledge", i, "Target agreed") for i in ids)), by=officer)
    add_meeting(session, record.id, MeetingFields(
        second, "review", "Priya Shah, Daniel O'Connor", "JCQ briefing given to the senior team",
        "Accreditation behind: two modules left", "Finish the accreditation before the mocks",
        suggested_next(session, record.id, second),
        (ProgressNote("knowledge", ids[0], "Achieved"), ProgressNote("knowledge", ids[1], "Two modules left"),
         ProgressNote("skill", skill_ids[2], "Every November entry made on time"))), by=officer)
    signing.sign(session, record.id, "values_officer", officer, OFFICER_PASSWORD, now=_at(first))
    signing.sign(session, record.id, "values_line_manager", manager, MANAGER_PASSWORD, now=_at(first))
    signing.sign(session, record.id, "meeting", manager, MANAGER_PASSWORD, meeting_id=setting.id, now=_at(first))
