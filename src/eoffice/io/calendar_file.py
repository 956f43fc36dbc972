"""An iCalendar file as eoffice writes every one: the calendar's header, and the file written whole.

The key dates (``keydates_export``) and a candidate's exams (``timetable_ics``) are both
published calendars; each says which it is in its ``PRODID`` and name, and is written the
way every export is, a hidden partial file and then a rename, so a calendar program never
reads half a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from eoffice.io.tables import atomic_file

if TYPE_CHECKING:
    from icalendar import Calendar


def new_calendar(prodid: str, name: str) -> Calendar:
    """An empty published calendar (RFC 5545) named ``name`` as calendar programs show it."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def write_calendar(path: Path, calendar: Calendar) -> Path:
    """Atomic, like every other export: a hidden partial file, then a rename."""
    with atomic_file(Path(path)) as partial:
        partial.write_bytes(calendar.to_ical())
    return Path(path)
