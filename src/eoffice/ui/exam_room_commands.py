"""Undoable edits of the exam room: pausing and resuming rooms, and the incident log.

Each keeps ids and plain values, never ORM rows, and is one step of Edit > Undo. A pause
or a resume moves finish times in the one model of sittings, so it is an access change:
the exam-day page, its kit and the board all read it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import examday
from eoffice.domain.examday import IncidentFields, IncidentRecord, PauseChange
from eoffice.domain.roster import slot_label
from eoffice.ui import areas, commands
from eoffice.ui.context import AppContext

AREA = areas.ACCESS


def _rooms_words(rooms: Sequence[str]) -> str:
    return rooms[0] if len(rooms) == 1 else f"{len(rooms)} rooms"


def pause(context: AppContext, day: date, exam_session: str, rooms: Sequence[str], *, reason: str = "",
          recorded_by: str = "") -> PauseChange:
    """Stop these rooms' finish times now (one room, or every room of the session)."""
    made: list[PauseChange] = []

    def do(session: Session) -> None:
        made[:] = [examday.pause_rooms(session, day, exam_session, rooms, reason=reason, recorded_by=recorded_by)]

    commands.run(context, f"Pause {_rooms_words(rooms)} ({slot_label(day, exam_session)})", AREA, do,
                 lambda s: examday.undo_pause(s, made[0]))
    return made[0]


def resume(context: AppContext, day: date, exam_session: str, rooms: Sequence[str], *,
           recorded_by: str = "") -> PauseChange:
    """Start these rooms' clocks again now: every finish still running moves by the pause."""
    made: list[PauseChange] = []

    def do(session: Session) -> None:
        made[:] = [examday.resume_rooms(session, day, exam_session, rooms, recorded_by=recorded_by)]

    commands.run(context, f"Resume {_rooms_words(rooms)} ({slot_label(day, exam_session)})", AREA, do,
                 lambda s: examday.undo_resume(s, made[0]))
    return made[0]


def log_incident(context: AppContext, fields: IncidentFields) -> IncidentRecord:
    """Write a line of a room's incident log; undo removes it, redo writes it back with its id."""
    made: list[IncidentRecord] = []

    def do(session: Session) -> None:
        if made:
            examday.restore_incident(session, made[0])
        else:
            made.append(examday.log_incident(session, fields))

    commands.run(context, f"Log an incident in {fields.room}", AREA, do,
                 lambda s: examday.delete_incident(s, made[0].id))
    return made[0]


def edit_incident(context: AppContext, old: IncidentRecord, new: IncidentFields) -> None:
    commands.run(context, f"Edit the incident at {old.time_text} in {old.room}", AREA,
                 lambda s: examday.update_incident(s, old.id, new),
                 lambda s: examday.update_incident(s, old.id, old.fields))


def delete_incident(context: AppContext, record: IncidentRecord) -> None:
    commands.run(context, f"Remove the incident at {record.time_text} in {record.room}", AREA,
                 lambda s: examday.delete_incident(s, record.id),
                 lambda s: examday.restore_incident(s, record))


def set_follow_up_done(context: AppContext, record: IncidentRecord, done: bool) -> None:
    """The officer has sent the report (or reopens it)."""
    what = "done" if done else "reopened"
    commands.run(context, f"Follow-up {what}: {record.follow_up_label.lower()}", AREA,
                 lambda s: examday.set_follow_up_done(s, record.id, done),
                 lambda s: examday.set_follow_up_done(s, record.id, not done))
