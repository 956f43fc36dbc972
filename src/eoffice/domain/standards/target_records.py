"""Knowledge & Understanding targets and Key Skills in a year's Standards.

Targets and skills are agreed by the officer and the line manager, so either may change
them (``by`` is checked as for the rest of the Standards), until the line manager signs
the SLT declaration: after that they are the record of what was achieved, and stay as
they were unless the declaration is withdrawn.

Targets and skills are read in plain SQL (``target_reads``), so the Overview can count
what is achieved before SQLAlchemy is imported (issue 17); the writers here return what
they saved through the same reads.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import fields, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import KnowledgeTarget, SkillTarget
from eoffice.domain import audit
from eoffice.domain.standards.meeting_records import forget_target
from eoffice.domain.standards.records import check_editor, refuse_if_signed, year_row
from eoffice.domain.standards.rules import SKILLS, STARTER_TARGETS, STATUSES, choice, methods_from, starter_checkpoint
from eoffice.domain.standards.target_reads import Skill as Skill
from eoffice.domain.standards.target_reads import SkillFields as SkillFields
from eoffice.domain.standards.target_reads import Target as Target
from eoffice.domain.standards.target_reads import TargetFields as TargetFields
from eoffice.domain.standards.target_reads import skill_record, target_record
from eoffice.domain.standards.target_reads import skills as skills
from eoffice.domain.standards.target_reads import targets as targets
from eoffice.errors import InputError

# --- Knowledge & Understanding targets ------------------------------------------------------

MAX_AREA = 120


def check_target(f: TargetFields) -> TargetFields:
    """The target tidied, or ``InputError`` saying what to put right: the dialog's Save and
    every add or update ask this one rule."""
    area, target = " ".join(f.area.split()), f.target.strip()
    if not area:
        raise InputError("choose an area from the guide's list, or type your own")
    if len(area) > MAX_AREA:
        raise InputError(f"the area is longer than {MAX_AREA} characters; shorten it")
    if not target:
        raise InputError("write the target itself")
    return replace(f, area=area, target=target, methods=methods_from(f.methods),
                   success_criteria=f.success_criteria.strip(), progress_notes=f.progress_notes.strip(),
                   status=choice(f.status, STATUSES, "status"))


def _columns(f: TargetFields | SkillFields) -> dict[str, object]:
    """The stored columns; a record (``Target``) may be passed as its own fields, its id is left out."""
    editable = fields(TargetFields if isinstance(f, TargetFields) else SkillFields)
    values = {field.name: getattr(f, field.name) for field in editable}
    values["methods"] = ";".join(f.methods)
    return values


def add_target(session: Session, standards_year_id: int, f: TargetFields, *, by: int | None) -> Target:
    row = year_row(session, standards_year_id)
    check_editor(session, row, by, tried="add a Knowledge & Understanding target")
    refuse_if_signed(session, row.id, ["slt_declaration"], "the targets")
    f = check_target(f)
    last = session.scalar(select(func.max(KnowledgeTarget.position))
                          .where(KnowledgeTarget.standards_year_id == row.id))
    target = KnowledgeTarget(standards_year_id=row.id, position=(last or 0) + 1, **_columns(f))
    session.add(target)
    session.flush()
    audit.record(session, "create", "knowledge_target", target.id, f"target added to Standards {row.id}")
    return target_record(session, target.id)


def _target_row(session: Session, target_id: int) -> KnowledgeTarget:
    target = session.get(KnowledgeTarget, target_id)
    if target is None:
        raise InputError(f"there is no Knowledge & Understanding target {target_id}")
    return target


def update_target(session: Session, target_id: int, f: TargetFields, *, by: int | None) -> Target:
    target = _target_row(session, target_id)
    row = year_row(session, target.standards_year_id)
    check_editor(session, row, by, tried="change a Knowledge & Understanding target")
    f = check_target(f)
    changed = [k for k, v in _columns(f).items() if getattr(target, k) != v]
    if changed:
        refuse_if_signed(session, row.id, ["slt_declaration"], "the targets")
        for name in changed:
            setattr(target, name, _columns(f)[name])
        audit.record(session, "update", "knowledge_target", target.id, f"changed: {', '.join(changed)}")
    return target_record(session, target.id)


def delete_target(session: Session, target_id: int, *, by: int | None) -> None:
    target = _target_row(session, target_id)
    row = year_row(session, target.standards_year_id)
    check_editor(session, row, by, tried="delete a Knowledge & Understanding target")
    refuse_if_signed(session, row.id, ["slt_declaration"], "the targets")
    forget_target(session, row.id, "knowledge", target.id)
    session.delete(target)
    audit.record(session, "delete", "knowledge_target", target_id, f"target deleted from Standards {row.id}")


def add_starter_targets(session: Session, standards_year_id: int, started: date, *, by: int | None,
                        stages: Iterable[str] = ("first_week", "first_month", "first_three_months")) -> list[Target]:
    """A new officer's first week, first month and first three months, as editable targets."""
    row = year_row(session, standards_year_id)
    if row.experience != "new":
        raise InputError("the starter targets are for a new exams officer; mark the year as new first")
    wanted = set(stages)
    return [
        add_target(session, row.id, TargetFields(s.area, s.target, s.methods, s.success,
                                                 starter_checkpoint(s.stage, started)), by=by)
        for s in STARTER_TARGETS if s.stage in wanted
    ]


# --- Key Skills ---------------------------------------------------------------------------

def check_skill(f: SkillFields, taken: Collection[str] = ()) -> SkillFields:
    """The Key Skill tidied, or ``InputError``: one of the guide's skills, not one of ``taken``
    (the skills already chosen this year, the one being edited left out)."""
    f = replace(f, skill=choice(f.skill, SKILLS, "key skill"), methods=methods_from(f.methods),
                measure=f.measure.strip(), status=choice(f.status, STATUSES, "status"))
    if f.skill in taken:
        raise InputError(f"{SKILLS[f.skill]} is already one of this year's Key Skills; choose another")
    return f


def _refuse_same_skill(session: Session, year_id: int, skill: str, other_than: int | None = None) -> None:
    found = session.scalar(select(SkillTarget.id).where(SkillTarget.standards_year_id == year_id,
                                                        SkillTarget.skill == skill))
    if found is not None and found != other_than:
        check_skill(SkillFields(skill), taken={skill})


def add_skill(session: Session, standards_year_id: int, f: SkillFields, *, by: int | None) -> Skill:
    row = year_row(session, standards_year_id)
    check_editor(session, row, by, tried="add a Key Skill")
    refuse_if_signed(session, row.id, ["slt_declaration"], "the Key Skills")
    f = check_skill(f)
    _refuse_same_skill(session, row.id, f.skill)
    skill = SkillTarget(standards_year_id=row.id, **_columns(f))
    session.add(skill)
    session.flush()
    audit.record(session, "create", "skill_target", skill.id, f"key skill added to Standards {row.id}")
    return skill_record(session, skill.id)


def _skill_row(session: Session, skill_id: int) -> SkillTarget:
    skill = session.get(SkillTarget, skill_id)
    if skill is None:
        raise InputError(f"there is no Key Skill {skill_id}")
    return skill


def update_skill(session: Session, skill_id: int, f: SkillFields, *, by: int | None) -> Skill:
    skill = _skill_row(session, skill_id)
    row = year_row(session, skill.standards_year_id)
    check_editor(session, row, by, tried="change a Key Skill")
    f = check_skill(f)
    _refuse_same_skill(session, row.id, f.skill, other_than=skill.id)
    changed = [k for k, v in _columns(f).items() if getattr(skill, k) != v]
    if changed:
        refuse_if_signed(session, row.id, ["slt_declaration"], "the Key Skills")
        for name in changed:
            setattr(skill, name, _columns(f)[name])
        audit.record(session, "update", "skill_target", skill.id, f"changed: {', '.join(changed)}")
    return skill_record(session, skill.id)


def delete_skill(session: Session, skill_id: int, *, by: int | None) -> None:
    skill = _skill_row(session, skill_id)
    row = year_row(session, skill.standards_year_id)
    check_editor(session, row, by, tried="delete a Key Skill")
    refuse_if_signed(session, row.id, ["slt_declaration"], "the Key Skills")
    forget_target(session, row.id, "skill", skill.id)
    session.delete(skill)
    audit.record(session, "delete", "skill_target", skill_id, f"key skill deleted from Standards {row.id}")


