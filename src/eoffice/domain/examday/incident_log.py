"""Each room's incident log, and the follow-up it leaves the officer.

Incidents (an evacuation, a disturbance, a late arrival, an emergency access arrangement)
are logged per room with their time; the log supports special consideration and very-late
arrival reports (regulations: Exam room and exam day; JCQ ICE, awarding bodies' guidance).
A line names candidates by number only, never by name, and the audit log says that a line
was written, where and when, never what it says, because what happened to a candidate can
be health data (a candidate taken ill).

A line may ask for a follow-up; ``open_follow_ups`` lists those not yet done, oldest first,
for the officer's list of open items. A late arrival more than an hour after the published
start is "very late" (JCQ), so its follow-up is suggested as a very-late-arrival report.

What a line is (``IncidentFields``, ``IncidentRecord``, the kinds and follow-ups) and the reads
(``incidents``, ``open_follow_ups``) are in ``incident_reads``, in plain SQL for the Overview's
first paint before SQLAlchemy loads (issue 17); they are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Incident
from eoffice.domain import audit
from eoffice.domain.access import clock as clock_text
from eoffice.domain.access import format_number, parse_session
from eoffice.domain.examday.incident_reads import FOLLOW_UPS as FOLLOW_UPS
from eoffice.domain.examday.incident_reads import INCIDENT_KINDS as INCIDENT_KINDS
from eoffice.domain.examday.incident_reads import IncidentFields as IncidentFields
from eoffice.domain.examday.incident_reads import IncidentRecord as IncidentRecord
from eoffice.domain.examday.incident_reads import incident_record
from eoffice.domain.examday.incident_reads import incidents as incidents
from eoffice.domain.examday.incident_reads import open_follow_ups as open_follow_ups
from eoffice.domain.roster import slot_label
from eoffice.errors import InputError

VERY_LATE_MINUTES = 60  # more than an hour after the published start is very late (JCQ)
_NUMBER = re.compile(r"\d{1,4}")
LONGEST_TEXT = 2000  # a line of the log, not a report: the report is written to the awarding body


def parse_candidates(text: str) -> tuple[str, ...]:
    """``12, 0034 56`` as ``("0012", "0034", "0056")``: numbers only, because the log never
    names a candidate; anything else is refused without quoting it (it may be a name)."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if any(not _NUMBER.fullmatch(p) for p in parts):
        raise InputError("candidates: write candidate numbers only (like 0012, 0034), never names")
    return tuple(dict.fromkeys(format_number(int(p)) for p in parts))


def suggested_follow_up(kind: str, at: int, published_start: int | None) -> str:
    """The follow-up a line usually needs: a very-late-arrival report for a candidate arriving
    more than an hour after the published start; special consideration for an evacuation or
    a candidate taken ill; a malpractice report for suspected malpractice; else none."""
    if kind == "late_arrival" and published_start is not None and at - published_start > VERY_LATE_MINUTES:
        return "very_late"
    if kind in ("evacuation", "taken_ill", "disturbance", "emergency_arrangement"):
        return "special_consideration"
    if kind == "malpractice":
        return "malpractice"
    return "none"


def checked(fields: IncidentFields) -> IncidentFields:
    """The fields as stored, or one plain line saying what is wrong (never quoting the text)."""
    if fields.kind not in INCIDENT_KINDS:
        raise InputError(f"kind {fields.kind!r}: choose one of {', '.join(INCIDENT_KINDS)}")
    if fields.follow_up not in FOLLOW_UPS:
        raise InputError(f"follow-up {fields.follow_up!r}: choose one of {', '.join(FOLLOW_UPS)}")
    if not fields.room.strip():
        raise InputError("room: say which room the incident happened in")
    if not 0 <= fields.at < 24 * 60:
        raise InputError("time: it must be a time of day")
    for name in ("what", "action"):
        if len(getattr(fields, name)) > LONGEST_TEXT:
            raise InputError(f"{name}: at most {LONGEST_TEXT} characters (the full report goes to the awarding body)")
    if fields.kind not in ("paused", "resumed") and not fields.what.strip():
        raise InputError("what happened: say what happened")
    return IncidentFields(fields.on, parse_session(fields.session), fields.room.strip(), fields.at, fields.kind,
                          fields.what.strip(), parse_candidates(" ".join(fields.candidates)), fields.action.strip(),
                          fields.recorded_by.strip(), fields.follow_up)


def _record(row: Incident) -> IncidentRecord:
    return incident_record(row.id, row.on, row.session, row.room, row.at_minutes, row.kind, row.what, row.candidates,
                           row.action, row.recorded_by, row.follow_up, row.follow_up_done, row.recorded_at)


def _summary(fields: IncidentFields) -> str:
    """What the audit log says: the kind, where and when; never what happened (health data)."""
    return f"{INCIDENT_KINDS[fields.kind].lower()} at {clock_text(fields.at)} in {fields.room}, " \
           f"{slot_label(fields.on, fields.session)}"


def _columns(fields: IncidentFields) -> dict[str, Any]:
    """The fields as the ``incident`` table keeps them: the one mapping for adding, changing and putting back."""
    return {"on": fields.on, "session": fields.session, "room": fields.room, "at_minutes": fields.at,
            "kind": fields.kind, "what": fields.what, "candidates": ";".join(fields.candidates),
            "action": fields.action, "recorded_by": fields.recorded_by, "follow_up": fields.follow_up}


def log_incident(session: Session, fields: IncidentFields) -> IncidentRecord:
    """Write a line of the room's incident log (audited without its words)."""
    fields = checked(fields)
    row = Incident(**_columns(fields), follow_up_done=False, recorded_at=clock.stored())
    session.add(row)
    session.flush()
    audit.record(session, "create", "incident", row.id, "incident logged: " + _summary(fields))
    return _record(row)


def _stored(session: Session, incident_id: int) -> Incident:
    row = session.get(Incident, incident_id)
    if row is None:
        raise InputError(f"there is no incident {incident_id}")
    return row


def update_incident(session: Session, incident_id: int, fields: IncidentFields) -> IncidentRecord:
    fields = checked(fields)
    row = _stored(session, incident_id)
    for name, value in _columns(fields).items():
        setattr(row, name, value)
    session.flush()
    audit.record(session, "update", "incident", row.id, "incident changed: " + _summary(fields))
    return _record(row)


def delete_incident(session: Session, incident_id: int) -> IncidentRecord:
    """Remove a line written in error; returns it, so undo can write it back."""
    row = _stored(session, incident_id)
    gone = _record(row)
    session.delete(row)
    session.flush()
    audit.record(session, "delete", "incident", incident_id, "incident removed: " + _summary(gone.fields))
    return gone


def restore_incident(session: Session, record: IncidentRecord) -> IncidentRecord:
    """Write a removed line back as it was, with its id (undo of ``delete_incident``)."""
    f = record.fields
    row = Incident(id=record.id, **_columns(f), follow_up_done=record.follow_up_done,
                   recorded_at=clock.stored(record.recorded_at))
    session.add(row)
    session.flush()
    audit.record(session, "create", "incident", row.id, "incident put back: " + _summary(f))
    return _record(row)


def set_follow_up_done(session: Session, incident_id: int, done: bool = True) -> IncidentRecord:
    """The officer has sent the report (or reopens it)."""
    row = _stored(session, incident_id)
    row.follow_up_done = done
    session.flush()
    record = _record(row)
    audit.record(session, "update", "incident", row.id,
                 f"follow-up {'done' if done else 'reopened'}: {record.follow_up_label.lower()} for "
                 + _summary(record.fields))
    return record


def log_pause_lines(session: Session, day: date, exam_session: str, rooms: Sequence[str], at: int, *,
                    resumed_after: int | None = None, reason: str = "", recorded_by: str = "") -> list[int]:
    """The incident-log lines a pause or a resume writes in each room; returns their ids."""
    made = []
    for room in rooms:
        if resumed_after is None:
            fields = IncidentFields(day, exam_session, room, at, "paused", reason or "Exam paused",
                                    action="Finish times held until the exam resumes", recorded_by=recorded_by)
        else:
            fields = IncidentFields(day, exam_session, room, at, "resumed",
                                    f"Exam resumed after {resumed_after} minutes",
                                    action=f"Every finish still running moved {resumed_after} minutes later",
                                    recorded_by=recorded_by)
        made.append(log_incident(session, fields).id)
    return made


def remove_lines(session: Session, incident_ids: Sequence[int]) -> None:
    """Take back lines a pause or resume wrote (its undo)."""
    for row in session.scalars(select(Incident).where(Incident.id.in_(list(incident_ids)))):
        session.delete(row)
    session.flush()
