"""Meetings between the exams officer and their line manager, and what each one noted.

A meeting record follows the guide's progress review: who came, the progress on each
target, what went well, what did not, what to focus on next, and when to meet again.
Once signed it is fixed (its content hash covers every field and every progress note)
until the signature is withdrawn.

Meetings are read in plain SQL (``meeting_reads``), so the Overview can say when the next
one is due before SQLAlchemy is imported (issue 17); the writers here return what they
saved through the same reads.
"""

from __future__ import annotations

from dataclasses import fields, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from eoffice.db.models import KnowledgeTarget, MeetingProgress, Signature, SkillTarget, StandardsMeeting
from eoffice.domain import audit
from eoffice.domain.dates import format_date
from eoffice.domain.standards.meeting_reads import Meeting as Meeting
from eoffice.domain.standards.meeting_reads import MeetingFields as MeetingFields
from eoffice.domain.standards.meeting_reads import ProgressNote as ProgressNote
from eoffice.domain.standards.meeting_reads import meeting as meeting
from eoffice.domain.standards.meeting_reads import meeting_content as meeting_content
from eoffice.domain.standards.meeting_reads import meetings as meetings
from eoffice.domain.standards.meeting_reads import suggested_next as suggested_next
from eoffice.domain.standards.records import check_editor, refuse_if_signed, year_row
from eoffice.domain.standards.rules import MEETING_KINDS, choice
from eoffice.errors import InputError

TARGET_KINDS: dict[str, type[KnowledgeTarget] | type[SkillTarget]] = {"knowledge": KnowledgeTarget, "skill": SkillTarget}


def _meeting_row(session: Session, meeting_id: int | None) -> StandardsMeeting:
    row = session.get(StandardsMeeting, meeting_id) if meeting_id is not None else None
    if row is None:
        raise InputError(f"there is no meeting {meeting_id}")
    return row


def check_meeting_dates(f: MeetingFields) -> MeetingFields:
    """``InputError`` unless the next meeting, when one is set, comes after this one."""
    if f.next_meeting_on is not None and f.next_meeting_on <= f.held_on:
        raise InputError(f"the next meeting must be after this one ({format_date(f.held_on)}): choose a later "
                         f"date than {format_date(f.next_meeting_on)}, or leave it out")
    return f


def _clean(session: Session, standards_year_id: int, f: MeetingFields) -> MeetingFields:
    check_meeting_dates(f)
    notes: dict[tuple[str, int], ProgressNote] = {}
    for note in f.progress:
        model = TARGET_KINDS.get(note.target_kind)
        if model is None:
            raise InputError(f"{note.target_kind!r} is not a kind of target; use knowledge or skill")
        target = session.get(model, note.target_id)  # None when there is no such target; isinstance narrows the union
        if not isinstance(target, KnowledgeTarget | SkillTarget) or target.standards_year_id != standards_year_id:
            raise InputError(f"target {note.target_id} is not one of this year's targets")
        if (note.target_kind, note.target_id) in notes:
            raise InputError(f"target {note.target_id} has two progress notes in this meeting; keep one")
        if note.progress.strip():
            notes[(note.target_kind, note.target_id)] = replace(note, progress=note.progress.strip())
    return replace(
        f, kind=choice(f.kind, MEETING_KINDS, "kind of meeting"), attendees=" ".join(f.attendees.split()),
        went_well=f.went_well.strip(), not_well=f.not_well.strip(), focus_next=f.focus_next.strip(),
        progress=tuple(notes[k] for k in sorted(notes)),
    )


def _write(session: Session, row: StandardsMeeting, f: MeetingFields) -> None:
    row.held_on, row.kind, row.attendees = f.held_on, f.kind, f.attendees
    row.went_well, row.not_well, row.focus_next = f.went_well, f.not_well, f.focus_next
    row.next_meeting_on = f.next_meeting_on
    session.flush()
    session.execute(delete(MeetingProgress).where(MeetingProgress.meeting_id == row.id))
    session.add_all(MeetingProgress(meeting_id=row.id, target_kind=n.target_kind, target_id=n.target_id,
                                    progress=n.progress) for n in f.progress)
    session.flush()


def add_meeting(session: Session, standards_year_id: int, f: MeetingFields, *, by: int | None) -> Meeting:
    year = year_row(session, standards_year_id)
    check_editor(session, year, by, tried="add a meeting record")
    f = _clean(session, year.id, f)
    row = StandardsMeeting(standards_year_id=year.id, held_on=f.held_on, kind=f.kind)
    session.add(row)
    _write(session, row, f)
    audit.record(session, "create", "standards_meeting", row.id,
                 f"{MEETING_KINDS[f.kind].lower()} meeting of {format_date(f.held_on)} recorded")
    return meeting(session, row.id)


def update_meeting(session: Session, meeting_id: int, f: MeetingFields, *, by: int | None) -> Meeting:
    row = _meeting_row(session, meeting_id)
    year = year_row(session, row.standards_year_id)
    check_editor(session, year, by, tried="change a meeting record")
    f = _clean(session, year.id, f)
    current = meeting(session, row.id)
    if all(getattr(current, name.name) == getattr(f, name.name) for name in fields(MeetingFields)):
        return current
    refuse_if_signed(session, year.id, ["meeting"], "this meeting record", meeting_id=row.id)
    _write(session, row, f)
    audit.record(session, "update", "standards_meeting", row.id, "meeting record changed")
    return meeting(session, row.id)


def delete_meeting(session: Session, meeting_id: int, *, by: int | None) -> None:
    row = _meeting_row(session, meeting_id)
    year = year_row(session, row.standards_year_id)
    check_editor(session, year, by, tried="delete a meeting record")
    refuse_if_signed(session, year.id, ["meeting"], "this meeting record", meeting_id=row.id)
    session.execute(delete(MeetingProgress).where(MeetingProgress.meeting_id == row.id))
    session.delete(row)
    audit.record(session, "delete", "standards_meeting", meeting_id, f"meeting of {format_date(row.held_on)} deleted")


def forget_target(session: Session, standards_year_id: int, kind: str, target_id: int) -> None:
    """Before a target is deleted: drop its notes, unless a signed meeting recorded them."""
    noted = session.scalars(select(MeetingProgress.meeting_id).where(
        MeetingProgress.target_kind == kind, MeetingProgress.target_id == target_id)).all()
    signed = session.scalar(select(Signature).where(
        Signature.meeting_id.in_(noted), Signature.withdrawn_at.is_(None)).limit(1)) if noted else None
    if signed is not None:
        held = session.get(StandardsMeeting, signed.meeting_id)
        raise InputError(f"this target is part of the signed meeting record of "
                         f"{format_date(held.held_on) if held else 'an earlier meeting'}; withdraw that signature first")
    session.execute(delete(MeetingProgress).where(MeetingProgress.target_kind == kind,
                                                  MeetingProgress.target_id == target_id))
