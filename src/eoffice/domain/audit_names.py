"""What each record in the audit log is called now: ``Person: Tom Barker``, not ``Person 2``.

The log keeps the kind and id of what changed (and the export keeps the id, for tracing);
reading it, ``named`` looks every id up by name or title, one query per kind of record
however many rows there are. A record since deleted keeps its label and id, marked gone.
Arrangements are health data: one is named by its type and the candidate, never its notes.
The window and the audit export both read ``named_entries``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from eoffice.db.models import (
    AcademicYear,
    Arrangement,
    Assignment,
    Candidate,
    Centre,
    Invigilator,
    KeyDate,
    KnowledgeTarget,
    Paper,
    Person,
    PlanTask,
    Room,
    Signature,
    SkillTarget,
    StandardsMeeting,
    StandardsYear,
)
from eoffice.domain import access, audit, settings_catalogue, standards, years
from eoffice.domain.dates import format_date

# Ids -> names for one kind of record, in one query.
Namer = Callable[[Session, Collection[int]], dict[int, str]]

# Beyond this many ids a kind's whole table is read (still one query) rather than a long IN list.
WHOLE_TABLE_FROM = 500


def _among(column: InstrumentedAttribute[int], ids: Collection[int]) -> ColumnElement[bool]:
    return true() if len(ids) > WHOLE_TABLE_FROM else column.in_(sorted(ids))


def _by(id_column: InstrumentedAttribute[int], name_column: InstrumentedAttribute[str]) -> Namer:
    """A kind named by one column of its own table."""

    def names(session: Session, ids: Collection[int]) -> dict[int, str]:
        query = select(id_column, name_column).where(_among(id_column, ids))
        return {row_id: name for row_id, name in session.execute(query)}

    return names


def candidate_name(number: int, surname: str, forenames: str) -> str:
    """``0042 Smith, Jane``: number then name, as registers and lists show a candidate."""
    return f"{access.format_number(number)} {access.full_name(surname, forenames)}"


def _candidates(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = select(Candidate.id, Candidate.number, Candidate.surname, Candidate.forenames)
    return {cid: candidate_name(n, s, f) for cid, n, s, f in session.execute(query.where(_among(Candidate.id, ids)))}


def _arrangements(session: Session, ids: Collection[int]) -> dict[int, str]:
    """The type and the candidate only: what the arrangement is for, its notes, never."""
    query = select(Arrangement.id, Arrangement.kind, Candidate.number, Candidate.surname, Candidate.forenames).join(
        Candidate, Candidate.id == Arrangement.candidate_id)
    return {aid: f"{access.kind_label(kind)} for {candidate_name(n, s, f)}"
            for aid, kind, n, s, f in session.execute(query.where(_among(Arrangement.id, ids)))}


def _papers(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = select(Paper.id, Paper.code, Paper.title, Paper.sat_on, Paper.session)
    return {pid: f"{code} {title}, {access.slot_label(on, sess)}"
            for pid, code, title, on, sess in session.execute(query.where(_among(Paper.id, ids)))}


def _assignments(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = (select(Assignment.id, Invigilator.name, Room.name, Assignment.on, Assignment.session)
             .join(Invigilator, Invigilator.id == Assignment.invigilator_id).join(Room, Room.id == Assignment.room_id))
    return {aid: f"{who} in {room}, {access.slot_label(on, sess)}"
            for aid, who, room, on, sess in session.execute(query.where(_among(Assignment.id, ids)))}


def _standards_years(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = (select(StandardsYear.id, Person.name, AcademicYear.start_year)
             .join(Person, Person.id == StandardsYear.person_id)
             .join(AcademicYear, AcademicYear.id == StandardsYear.year_id))
    return {sid: f"{name}, {years.AcademicYear(start).label}"
            for sid, name, start in session.execute(query.where(_among(StandardsYear.id, ids)))}


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _knowledge_targets(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = select(KnowledgeTarget.id, KnowledgeTarget.target)
    return {tid: _short(target) for tid, target in session.execute(query.where(_among(KnowledgeTarget.id, ids)))}


def _skill_targets(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = select(SkillTarget.id, SkillTarget.skill).where(_among(SkillTarget.id, ids))
    return {tid: standards.SKILLS.get(skill, skill) for tid, skill in session.execute(query)}


def _meetings(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = select(StandardsMeeting.id, StandardsMeeting.kind, StandardsMeeting.held_on)
    return {mid: f"{standards.MEETING_KINDS.get(kind, kind)} of {format_date(held_on)}"
            for mid, kind, held_on in session.execute(query.where(_among(StandardsMeeting.id, ids)))}


def _signatures(session: Session, ids: Collection[int]) -> dict[int, str]:
    query = select(Signature.id, Signature.kind, Signature.signer_name)
    return {sid: f"{standards.SIGNATURE_KINDS.get(kind, kind)} signed by {signer}"
            for sid, kind, signer in session.execute(query.where(_among(Signature.id, ids)))}


# Each kind of record whose id is a row id, and how it is named. Kinds sharing a namer
# (a placement and a clash decision are logged by candidate id) share its one query.
NAMERS: dict[str, Namer] = {
    "centre": _by(Centre.id, Centre.name),
    "person": _by(Person.id, Person.name),
    "candidate": _candidates,
    "placement": _candidates,
    "clash_decision": _candidates,
    "arrangement": _arrangements,
    "paper": _papers,
    "plan_task": _by(PlanTask.id, PlanTask.title),
    "key_date": _by(KeyDate.id, KeyDate.title),
    "invigilator": _by(Invigilator.id, Invigilator.name),
    "room": _by(Room.id, Room.name),
    "assignment": _assignments,
    "standards_year": _standards_years,
    "knowledge_target": _knowledge_targets,
    "skill_target": _skill_targets,
    "standards_meeting": _meetings,
    "signature": _signatures,
}


def _setting(key: str) -> str:
    info = settings_catalogue.CATALOGUE.get(key)
    return info.name if info is not None else key


# Kinds logged by a name already (a year's label, a setting's key): named without a query.
TEXT_NAMES: dict[str, Callable[[str], str]] = {
    "academic_year": str,
    "plan": str,
    "key_dates": str,
    "setting": _setting,
}


def _row_id(entity_id: str) -> int | None:
    return int(entity_id) if entity_id.isascii() and entity_id.isdigit() else None


def named(session: Session, records: Sequence[audit.AuditRecord]) -> list[audit.AuditRecord]:
    """The records with ``name`` filled in (``gone`` when deleted since), in the same order."""
    wanted: dict[Namer, set[int]] = {}
    for r in records:
        namer = NAMERS.get(r.entity)
        row_id = None if namer is None or r.entity_id is None else _row_id(r.entity_id)
        if namer is not None and row_id is not None:
            wanted.setdefault(namer, set()).add(row_id)
    found = {namer: namer(session, ids) for namer, ids in wanted.items()}

    out: list[audit.AuditRecord] = []
    for r in records:
        name: str | None = None
        gone = False
        if r.entity_id is not None:
            if r.entity in TEXT_NAMES:
                name = TEXT_NAMES[r.entity](r.entity_id)
            elif (namer := NAMERS.get(r.entity)) is not None and (row_id := _row_id(r.entity_id)) is not None:
                name = found[namer].get(row_id)
                gone = name is None
        out.append(audit.AuditRecord(r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.summary, name, gone))
    return out


def named_entries(session: Session, *, limit: int | None = None) -> list[audit.AuditRecord]:
    """The log newest first (``audit.entries``), each record named as it is now."""
    return named(session, audit.entries(session, limit=limit))
