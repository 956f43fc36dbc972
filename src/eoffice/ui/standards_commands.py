"""Changes to the Professional Standards from the window.

Edits of targets, skills, meetings, the statement and the level of experience are
undoable: each command keeps ids and field values, never ORM rows, and says who makes
the change (``by``: the signed-in person's id, or None when nobody is signed in, which the
domain allows only before the officer or a line manager has a password). A deleted
record comes back with a new id, so a command keeps the id it last made in a list.

Starting a year and signing are not undoable. A signature is given or withdrawn in a
unit of work of its own, with nothing else in it: the domain commits a wrong password's
count before refusing, and the caller's rollback must not take anything else with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import standards
from eoffice.domain.standards import STAGES, Meeting, MeetingFields, SignatureRecord, Skill, SkillFields, Target, TargetFields, signing
from eoffice.domain.years import AcademicYear
from eoffice.ui import areas, commands
from eoffice.ui.context import AppContext

AREA = areas.STANDARDS


def target_fields(target: Target) -> TargetFields:
    return TargetFields(**{f.name: getattr(target, f.name) for f in fields(TargetFields)})


def skill_fields(skill: Skill) -> SkillFields:
    return SkillFields(**{f.name: getattr(skill, f.name) for f in fields(SkillFields)})


def meeting_fields(meeting: Meeting) -> MeetingFields:
    return MeetingFields(**{f.name: getattr(meeting, f.name) for f in fields(MeetingFields)})


def started_on(context: AppContext, year: AcademicYear) -> date:
    """When a new officer's starter targets count from: today, or the year's first day."""
    return context.today if year.contains(context.today) else year.start


# --- the year ----------------------------------------------------------------------------------

def start_year(context: AppContext, person_id: int, year: AcademicYear, experience: str, *, starters: bool,
               by: int | None) -> int:
    """Register the officer for the year (with the starter targets for a new officer)."""
    with context.session() as session:
        record = standards.start_year(session, person_id, year, experience, by=by)
        if starters and experience == "new":
            standards.add_starter_targets(session, record.id, started_on(context, year), by=by)
    context.changed.emit(AREA)
    return record.id


def set_experience(context: AppContext, year_id: int, old: str, new: str, *, by: int | None) -> None:
    commands.run(context, "Change the level of experience", AREA,
                 lambda s: standards.set_experience(s, year_id, new, by=by),
                 lambda s: standards.set_experience(s, year_id, old, by=by))


def set_statement(context: AppContext, year_id: int, old: str, new: str, *, by: int | None) -> None:
    commands.run(context, "Change the Values & Attributes statement", AREA,
                 lambda s: standards.set_values_statement(s, year_id, new, by=by),
                 lambda s: standards.set_values_statement(s, year_id, old, by=by))


# --- Knowledge & Understanding targets ------------------------------------------------------------

def add_targets(context: AppContext, year_id: int, wanted: Sequence[TargetFields], *, by: int | None,
                text: str = "Add target") -> None:
    made: list[int] = []

    def do(session: Session) -> None:
        made[:] = [standards.add_target(session, year_id, f, by=by).id for f in wanted]

    def undo(session: Session) -> None:
        for target_id in made:
            standards.delete_target(session, target_id, by=by)

    commands.run(context, text, AREA, do, undo)


def add_starter_targets(context: AppContext, year_id: int, year: AcademicYear, stages: Sequence[str], *,
                        by: int | None) -> None:
    """The new officer's targets for the chosen stages; redone from the same fields."""
    made: list[Target] = []

    def do(session: Session) -> None:
        if made:
            again = [standards.add_target(session, year_id, target_fields(t), by=by) for t in made]
            made[:] = again
        else:
            made.extend(standards.add_starter_targets(session, year_id, started_on(context, year), by=by,
                                                             stages=stages))

    def undo(session: Session) -> None:
        for target in made:
            standards.delete_target(session, target.id, by=by)

    names = ", ".join(STAGES[s].lower() for s in stages)
    commands.run(context, f"Add starter targets ({names})", AREA, do, undo)


def edit_target(context: AppContext, old: Target, new: TargetFields, *, by: int | None) -> None:
    commands.run(context, f"Edit target {old.target[:40]!r}", AREA,
                 lambda s: standards.update_target(s, old.id, new, by=by),
                 lambda s: standards.update_target(s, old.id, target_fields(old), by=by))


def delete_target(context: AppContext, year_id: int, target: Target, *, by: int | None) -> None:
    current = [target.id]

    def undo(session: Session) -> None:
        current[0] = standards.add_target(session, year_id, target_fields(target), by=by).id

    commands.run(context, f"Delete target {target.target[:40]!r}", AREA,
                 lambda s: standards.delete_target(s, current[0], by=by), undo)


# --- Key Skills ---------------------------------------------------------------------------------

def add_skill(context: AppContext, year_id: int, new: SkillFields, *, by: int | None) -> None:
    made: list[int] = []

    def do(session: Session) -> None:
        made[:] = [standards.add_skill(session, year_id, new, by=by).id]

    commands.run(context, "Add key skill", AREA, do,
                 lambda s: standards.delete_skill(s, made[0], by=by))


def edit_skill(context: AppContext, old: Skill, new: SkillFields, *, by: int | None) -> None:
    commands.run(context, f"Edit key skill {old.label!r}", AREA,
                 lambda s: standards.update_skill(s, old.id, new, by=by),
                 lambda s: standards.update_skill(s, old.id, skill_fields(old), by=by))


def delete_skill(context: AppContext, year_id: int, skill: Skill, *, by: int | None) -> None:
    current = [skill.id]

    def undo(session: Session) -> None:
        current[0] = standards.add_skill(session, year_id, skill_fields(skill), by=by).id

    commands.run(context, f"Delete key skill {skill.label!r}", AREA,
                 lambda s: standards.delete_skill(s, current[0], by=by), undo)


# --- meetings -----------------------------------------------------------------------------------

def add_meeting(context: AppContext, year_id: int, new: MeetingFields, *, by: int | None) -> None:
    made: list[int] = []

    def do(session: Session) -> None:
        made[:] = [standards.add_meeting(session, year_id, new, by=by).id]

    commands.run(context, "Add meeting", AREA, do, lambda s: standards.delete_meeting(s, made[0], by=by))


def edit_meeting(context: AppContext, old: Meeting, new: MeetingFields, *, by: int | None) -> None:
    commands.run(context, "Edit meeting record", AREA,
                 lambda s: standards.update_meeting(s, old.id, new, by=by),
                 lambda s: standards.update_meeting(s, old.id, meeting_fields(old), by=by))


def delete_meeting(context: AppContext, year_id: int, meeting: Meeting, *, by: int | None) -> None:
    current = [meeting.id]

    def undo(session: Session) -> None:
        current[0] = standards.add_meeting(session, year_id, meeting_fields(meeting), by=by).id

    commands.run(context, "Delete meeting record", AREA,
                 lambda s: standards.delete_meeting(s, current[0], by=by), undo)


# --- signatures (not undoable: withdrawn, with a reason, instead) ------------------------------------

def sign(context: AppContext, year_id: int, kind: str, person_id: int, password: str, *,
         meeting_id: int | None = None) -> SignatureRecord:
    with context.session() as session:  # nothing else in this unit: see the module's note
        record = signing.sign(session, year_id, kind, person_id, password, meeting_id=meeting_id)
    context.changed.emit(AREA)
    return record


def withdraw(context: AppContext, signature_id: int, reason: str, person_id: int, password: str) -> SignatureRecord:
    with context.session() as session:
        record = signing.withdraw(session, signature_id, reason, person_id, password)
    context.changed.emit(AREA)
    return record


def record_refusal(context: AppContext, person_id: int, tried: str, reason: str, year_id: int | None) -> None:
    """The window refused by role before reaching the domain: the audit log has it all the same."""
    with context.session() as session:
        standards.refused(session, person_id, tried, reason, standards_year_id=year_id)
