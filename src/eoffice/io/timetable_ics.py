"""One candidate's exam timetable as an iCalendar file, for their phone or school calendar.

An event per sitting, from the candidate's own start to their own finish, on the UK's wall
clock (Europe/London, so a May exam at 09:00 is 09:00 BST), in the room and at the desk
they sit in. The arrangement for a clash travels in the description; the reason a finish
is later never does (the records do not carry it: it is health data).

Event UIDs are built from the candidate number, the paper's id and the database's own
random id (``domain.database_id``), never from anything the officer can edit, so
importing a newer export updates the events already in the calendar instead of adding a
second copy of each. The file carries this candidate's data and nobody else's.

Like every writer, this one formats the ``examday.CandidateTimetable`` it is handed and
calls no domain rule.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from eoffice import clock
from eoffice.domain.access import clock as hhmm
from eoffice.domain.dates import format_date
from eoffice.domain.examday import CandidateTimetable, TimetableSitting
from eoffice.io.calendar_file import new_calendar, write_calendar

PRODID = "-//eoffice//Exam timetable//EN"
NO_ROOM = "to be confirmed"


def event_uid(candidate_number: str, paper_id: int, database_id: str) -> str:
    """Stable across exports, one per candidate and paper: a calendar that sees the same UID
    updates the event it has."""
    return f"sitting-{candidate_number}-{paper_id}@{database_id}.eoffice"


def wall_clock(on: date, minutes: int) -> datetime:
    """``minutes`` after midnight on ``on``, on the UK's wall clock (GMT or BST), aware."""
    return datetime.combine(on, time(0), tzinfo=clock.UK) + timedelta(minutes=minutes)


def summary(sitting: TimetableSitting) -> str:
    """"8035/1 Geography Paper 1: Living with the physical environment (AQA)"."""
    return f"{sitting.code} {sitting.title} ({sitting.board})"


def location(sitting: TimetableSitting) -> str:
    """"Library, desk D1"; the room alone before desks are set; "" before rooms are."""
    room = sitting.room.strip()
    if not room:
        return ""
    return f"{room}, desk {sitting.desk.strip()}" if sitting.desk.strip() else room


def description(sitting: TimetableSitting) -> str:
    lines = [
        f"Board: {sitting.board}",
        f"Paper: {sitting.code} {sitting.title}",
        f"Session: {sitting.on:%a} {format_date(sitting.on)} {sitting.session}",
        f"Start: {hhmm(sitting.start)}",
        f"Finish: {hhmm(sitting.finish)} (your own finish time)",
        f"Room: {sitting.room.strip() or NO_ROOM}",
    ]
    if sitting.room.strip():
        lines.append(f"Desk: {sitting.desk.strip() or NO_ROOM}")
    if sitting.arrangement.strip():
        lines.append(f"Arrangement: {sitting.arrangement.strip()}")
    return "\n".join(lines)


def write_timetable_ics(path: Path, timetable: CandidateTimetable, *, database_id: str,
                        stamp: datetime | None = None) -> Path:
    """An event per sitting of this one candidate, in one calendar named for them."""
    from icalendar import Event

    stamp = stamp or clock.now_utc()
    calendar = new_calendar(PRODID, f"{timetable.name}: exams {timetable.year}")
    calendar.add("x-wr-timezone", str(clock.UK.key))
    for sitting in timetable.sittings:
        event = Event()
        event.add("uid", event_uid(timetable.number, sitting.paper_id, database_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", wall_clock(sitting.on, sitting.start))
        event.add("dtend", wall_clock(sitting.on, sitting.finish))
        event.add("summary", summary(sitting))
        where = location(sitting)
        if where:
            event.add("location", where)
        event.add("description", description(sitting))
        calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for Europe/London, for calendars that want one
    return write_calendar(Path(path), calendar)
