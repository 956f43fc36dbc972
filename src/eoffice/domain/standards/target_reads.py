"""Knowledge & Understanding targets and Key Skills as a year's Standards hold them, read in plain SQL.

Read on either handle (``eoffice.db.plain.Reads``): the Overview counts what is achieved
before SQLAlchemy is imported (issue 17); the writers in ``target_records`` return what
they saved through these same reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eoffice.db.plain import Reader, Reads, as_reader, day_or_none
from eoffice.domain.standards.rules import SKILLS, methods_from
from eoffice.errors import InputError


@dataclass(frozen=True)
class TargetFields:
    """A Knowledge & Understanding target as a person edits it."""

    area: str
    target: str
    methods: tuple[str, ...] = ()
    success_criteria: str = ""
    checkpoint_on: date | None = None
    progress_notes: str = ""
    status: str = "not_started"


@dataclass(frozen=True)
class Target(TargetFields):
    id: int = 0
    position: int = 0


@dataclass(frozen=True)
class SkillFields:
    skill: str
    methods: tuple[str, ...] = ()
    measure: str = ""
    by_when: date | None = None
    status: str = "not_started"


@dataclass(frozen=True)
class Skill(SkillFields):
    id: int = 0

    @property
    def label(self) -> str:
        return SKILLS.get(self.skill, self.skill)


def _targets(reader: Reader, where: str, params: tuple[object, ...]) -> list[Target]:
    rows = reader.execute("SELECT area, target, methods, success_criteria, checkpoint_on, progress_notes, status, id, "
                          f"position FROM knowledge_target WHERE {where} ORDER BY position, id", params)
    return [Target(area, target, methods_from(methods), success, day_or_none(checkpoint), notes, status, id=i,
                   position=position)
            for area, target, methods, success, checkpoint, notes, status, i, position in rows]


def targets(db: Reads, standards_year_id: int) -> list[Target]:
    return _targets(as_reader(db), "standards_year_id = ?", (standards_year_id,))


def target_record(db: Reads, target_id: int) -> Target:
    """One target, as ``targets`` reads it: what a writer returns once it has saved it."""
    found = _targets(as_reader(db), "id = ?", (target_id,))
    if not found:
        raise InputError(f"there is no Knowledge & Understanding target {target_id}")
    return found[0]


def _skills(reader: Reader, where: str, params: tuple[object, ...]) -> list[Skill]:
    rows = reader.execute(f"SELECT skill, methods, measure, by_when, status, id FROM skill_target WHERE {where} ORDER BY id",
                          params)
    return [Skill(skill, methods_from(methods), measure, day_or_none(by_when), status, id=i)
            for skill, methods, measure, by_when, status, i in rows]


def skills(db: Reads, standards_year_id: int) -> list[Skill]:
    return _skills(as_reader(db), "standards_year_id = ?", (standards_year_id,))


def skill_record(db: Reads, skill_id: int) -> Skill:
    """One Key Skill, as ``skills`` reads it: what a writer returns once it has saved it."""
    found = _skills(as_reader(db), "id = ?", (skill_id,))
    if not found:
        raise InputError(f"there is no Key Skill {skill_id}")
    return found[0]
