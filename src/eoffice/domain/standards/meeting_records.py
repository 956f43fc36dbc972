"""Meetings between the exams officer and their line manager, and what each one noted.

A meeting record follows the guide's progress review: who came, the progress on each
target, what went well, what did not, what to focus on next, and when to meet again.
Once signed it is fixed (its content hash covers every field and every progress note)
until the signature is withdrawn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from eoffice.db.models import KnowledgeTarget, MeetingProgress, Signature, SkillTarget, StandardsMeeting
from eoffice.domain import audit, settings
from eoffice.domain.dates import format_date
from eoffice.domain.standards.records import check_editor, refuse_if_signed, year_row
from eoffice.domain.standards.rules import MEETING_KINDS, choice, next_meeting_after
from eoffice.errors import InputError

TARGET_KINDS: dict[str, type[KnowledgeTarget] | type[SkillTarget]] = {"knowledge": KnowledgeTarget, "skill": SkillTarget}


@dataclass(frozen=True)
class ProgressNote:
    target_kind: str  # knowledge or skill
    target_id: int
    progress: str


@dataclass(frozen=True)
class MeetingFields:
    held_on: date
    kind: str
    attendees: str = ""
    went_well: str = ""
    not_well: str = ""
    focus_next: str = ""
    next_meeting_on: date | None = None
    progress: tuple[ProgressNote, ...] = ()


@dataclass(frozen=True)
class Meeting(MeetingFields):
    id: int = 0
    standards_year_id: int = 0

    @property
    def kind_label(self) -> str:
        return MEETING_KINDS.get(self.kind, self.kind)


def _meeting(session: Session, row: StandardsMeeting) -> Meeting:
    notes = session.scalars(select(MeetingProgress).where(MeetingProgress.meeting_id == row.id)
                            .order_by(MeetingProgress.target_kind, MeetingProgress.target_id))
    return Meeting(row.held_on, row.kind, row.attendees, row.went_well, row.not_well, row.focus_next,
                   row.next_meeting_on, tuple(ProgressNote(n.target_kind, n.target_id, n.progress) for n in notes),
                   id=row.id, standards_year_id=row.standards_year_id)


def meetings(session: Session, standards_year_id: int) -> list[Meeting]:
    """Oldest first."""
    rows = session.scalars(select(StandardsMeeting).where(StandardsMeeting.standards_year_id == standards_year_id)
                           .order_by(StandardsMeeting.held_on, StandardsMeeting.id))
    return [_meeting(session, r) for r in rows]


def _meeting_row(session: Session, meeting_id: int | None) -> StandardsMeeting:
    row = session.get(StandardsMeeting, meeting_id) if meeting_id is not None else None
    if row is None:
        raise InputError(f"there is no meeting {meeting_id}")
    return row


def meeting(session: Session, meeting_id: int) -> Meeting:
    return _meeting(session, _meeting_row(session, meeting_id))


def suggested_next(session: Session, standards_year_id: int, held_on: date) -> date:
    """When to meet next by the cadence settings: monthly if new, half-termly if not."""
    row = year_row(session, standards_year_id)
    return next_meeting_after(held_on, row.experience, int(settings.get(session, "standards.meeting_months.new")),
                              int(settings.get(session, "standards.meeting_weeks.experienced")))


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
    return _meeting(session, row)


def update_meeting(session: Session, meeting_id: int, f: MeetingFields, *, by: int | None) -> Meeting:
    row = _meeting_row(session, meeting_id)
    year = year_row(session, row.standards_year_id)
    check_editor(session, year, by, tried="change a meeting record")
    f = _clean(session, year.id, f)
    current = _meeting(session, row)
    if all(getattr(current, name.name) == getattr(f, name.name) for name in fields(MeetingFields)):
        return current
    refuse_if_signed(session, year.id, ["meeting"], "this meeting record", meeting_id=row.id)
    _write(session, row, f)
    audit.record(session, "update", "standards_meeting", row.id, "meeting record changed")
    return _meeting(session, row)


def delete_meeting(session: Session, meeting_id: int, *, by: int | None) -> None:
    row = _meeting_row(session, meeting_id)
    year = year_row(session, row.standards_year_id)
    check_editor(session, year, by, tried="delete a meeting record")
    refuse_if_signed(session, year.id, ["meeting"], "this meeting record", meeting_id=row.id)
    session.execute(delete(MeetingProgress).where(MeetingProgress.meeting_id == row.id))
    session.delete(row)
    audit.record(session, "delete", "standards_meeting", meeting_id, f"meeting of {format_date(row.held_on)} deleted")


def meeting_content(session: Session, standards_year_id: int, meeting_id: int | None) -> str:
    """The exact text a meeting signature covers: every field and every progress note."""
    row = _meeting_row(session, meeting_id)
    if row.standards_year_id != standards_year_id:
        raise InputError(f"meeting {meeting_id} belongs to other Standards")
    m = _meeting(session, row)
    return json.dumps(
        ["meeting", m.id, m.held_on.isoformat(), m.kind, m.attendees, m.went_well, m.not_well, m.focus_next,
         m.next_meeting_on.isoformat() if m.next_meeting_on else None,
         [[n.target_kind, n.target_id, n.progress] for n in m.progress]],
        ensure_ascii=False,
    )


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
