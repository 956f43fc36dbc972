"""What a line of the incident log is, and the log read in plain SQL.

The Overview lists the follow-ups still open before SQLAlchemy has loaded (issue 17), so
``incidents`` and ``open_follow_ups`` take either handle (``db.plain.Reads``): the plain
``sqlite3`` connection the window starts with, or an ORM session. ``incident_log`` keeps every
write, builds its records with ``incident_record`` too, and re-exports what is here. This
module imports neither SQLAlchemy nor the models.

A line can hold health data (a candidate taken ill): nothing here puts its words in an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from eoffice import clock
from eoffice.db.plain import Reads, as_reader, day, moment, stored_day
from eoffice.domain.access.exam_time import clock as clock_text
from eoffice.domain.access.exam_time import slot_label

INCIDENT_KINDS = {
    "evacuation": "Evacuation",
    "disturbance": "Disturbance",
    "late_arrival": "Late arrival",
    "emergency_arrangement": "Emergency access arrangement",
    "taken_ill": "Candidate taken ill",
    "malpractice": "Suspected malpractice",
    "paused": "Exam paused",
    "resumed": "Exam resumed",
    "other": "Other",
}
FOLLOW_UPS = {
    "none": "None",
    "special_consideration": "Special consideration",
    "very_late": "Very late arrival report",
    "malpractice": "Malpractice report",
    "other": "Other follow-up",
}


@dataclass(frozen=True)
class IncidentFields:
    """What the officer or invigilator writes: when, where, what, who, what was done."""

    on: date
    session: str
    room: str
    at: int  # minutes after midnight, the room's clock
    kind: str  # a key of INCIDENT_KINDS
    what: str = ""
    candidates: tuple[str, ...] = ()  # four-digit candidate numbers
    action: str = ""
    recorded_by: str = ""
    follow_up: str = "none"  # a key of FOLLOW_UPS


@dataclass(frozen=True)
class IncidentRecord:
    id: int
    fields: IncidentFields
    follow_up_done: bool
    recorded_at: datetime  # aware, UK time

    on = property(lambda self: self.fields.on)
    session = property(lambda self: self.fields.session)
    room = property(lambda self: self.fields.room)
    at = property(lambda self: self.fields.at)

    @property
    def time_text(self) -> str:
        return clock_text(self.fields.at)

    @property
    def kind_label(self) -> str:
        return INCIDENT_KINDS.get(self.fields.kind, self.fields.kind)

    @property
    def follow_up_label(self) -> str:
        return FOLLOW_UPS.get(self.fields.follow_up, self.fields.follow_up)

    @property
    def candidates_text(self) -> str:
        return ", ".join(self.fields.candidates)

    @property
    def open(self) -> bool:
        """A follow-up asked for and not yet done: on the officer's list of open items."""
        return self.fields.follow_up != "none" and not self.follow_up_done

    @property
    def where(self) -> str:
        """``Sports Hall, Tue 18 May AM``."""
        return f"{self.fields.room}, {slot_label(self.fields.on, self.fields.session)}"


def incident_record(incident_id: int, on: date, exam_session: str, room: str, at: int, kind: str, what: str,
                    candidates: str, action: str, recorded_by: str, follow_up: str, follow_up_done: object,
                    recorded_at: datetime) -> IncidentRecord:
    """A line as the ``incident`` table keeps it (candidates ``"0012;0034"``, the moment in UTC
    without a zone), as the log shows it: the one reading, for a plain row and an ORM row alike."""
    fields = IncidentFields(on, exam_session, room, at, kind, what, tuple(c for c in candidates.split(";") if c),
                            action, recorded_by, follow_up)
    return IncidentRecord(incident_id, fields, bool(follow_up_done), clock.in_uk(recorded_at))


# The columns in the order ``incident_record`` takes them; ``on`` is a word of SQL, so quoted.
_INCIDENTS = """
    SELECT id, "on", session, room, at_minutes, kind, what, candidates, action, recorded_by, follow_up,
           follow_up_done, recorded_at
    FROM incident
    WHERE "on" >= ? AND "on" <= ?{only}
    ORDER BY "on", session, at_minutes, room, id
"""


def incidents(db: Reads, start: date, end: date, exam_session: str | None = None,
              room: str | None = None) -> list[IncidentRecord]:
    """The log between two dates (or of one session, or one room), in the order it happened."""
    reader = as_reader(db)
    only, params = "", [stored_day(start), stored_day(end)]
    if exam_session is not None:
        only, params = only + " AND session = ?", [*params, exam_session]
    if room is not None:
        only, params = only + " AND room = ?", [*params, room]
    return [incident_record(i, day(on), sess, where, at, kind, what, candidates, action, by, follow_up, done, moment(made))
            for i, on, sess, where, at, kind, what, candidates, action, by, follow_up, done, made
            in reader.execute(_INCIDENTS.format(only=only), params)]


def open_follow_ups(db: Reads, start: date, end: date) -> list[IncidentRecord]:
    """Follow-ups asked for and not yet done, oldest first: the officer's open items."""
    return [r for r in incidents(db, start, end) if r.open]
