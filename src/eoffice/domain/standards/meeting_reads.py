"""The meetings of a year's Standards, what each noted, and when the next one is due, in plain SQL.

Read on either handle (``eoffice.db.plain.Reads``): the Overview says when the next
meeting is due before SQLAlchemy is imported (issue 17); the writers in
``meeting_records`` and the signatures (``meeting_content``) read through these same
functions, so a meeting is read one way everywhere.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from eoffice.db.plain import Reader, Reads, as_reader, day, day_or_none
from eoffice.domain import settings
from eoffice.domain.standards.rules import MEETING_KINDS, next_meeting_after
from eoffice.domain.standards.standards_reads import experience
from eoffice.errors import InputError


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


def _meetings(reader: Reader, where: str, params: tuple[object, ...]) -> list[Meeting]:
    """The meetings ``where`` picks, oldest first, each with its notes (one query for all the notes)."""
    rows = reader.execute("SELECT held_on, kind, attendees, went_well, not_well, focus_next, next_meeting_on, id, "
                          f"standards_year_id FROM standards_meeting WHERE {where} ORDER BY held_on, id", params).fetchall()
    notes: dict[int, list[ProgressNote]] = defaultdict(list)
    if rows:
        found = reader.execute("SELECT meeting_id, target_kind, target_id, progress FROM meeting_progress WHERE meeting_id IN "
                               f"(SELECT id FROM standards_meeting WHERE {where}) ORDER BY target_kind, target_id, id", params)
        for meeting_id, kind, target_id, progress in found:
            notes[meeting_id].append(ProgressNote(kind, target_id, progress))
    return [Meeting(day(held), kind, attendees, well, not_well, focus, day_or_none(next_on), tuple(notes[i]),
                    id=i, standards_year_id=year_id)
            for held, kind, attendees, well, not_well, focus, next_on, i, year_id in rows]


def meetings(db: Reads, standards_year_id: int) -> list[Meeting]:
    """Oldest first."""
    return _meetings(as_reader(db), "standards_year_id = ?", (standards_year_id,))


def meeting(db: Reads, meeting_id: int | None) -> Meeting:
    found = _meetings(as_reader(db), "id = ?", (meeting_id,)) if meeting_id is not None else []
    if not found:
        raise InputError(f"there is no meeting {meeting_id}")
    return found[0]


def meeting_content(db: Reads, standards_year_id: int, meeting_id: int | None) -> str:
    """The exact text a meeting signature covers: every field and every progress note."""
    m = meeting(db, meeting_id)
    if m.standards_year_id != standards_year_id:
        raise InputError(f"meeting {meeting_id} belongs to other Standards")
    return json.dumps(
        ["meeting", m.id, m.held_on.isoformat(), m.kind, m.attendees, m.went_well, m.not_well, m.focus_next,
         m.next_meeting_on.isoformat() if m.next_meeting_on else None,
         [[n.target_kind, n.target_id, n.progress] for n in m.progress]],
        ensure_ascii=False,
    )


def suggested_next(db: Reads, standards_year_id: int, held_on: date) -> date:
    """When to meet next by the cadence settings: monthly if new, half-termly if not."""
    cadence = settings.get_many(db, ["standards.meeting_months.new", "standards.meeting_weeks.experienced"])
    return next_meeting_after(held_on, experience(db, standards_year_id), int(cadence["standards.meeting_months.new"]),
                              int(cadence["standards.meeting_weeks.experienced"]))
