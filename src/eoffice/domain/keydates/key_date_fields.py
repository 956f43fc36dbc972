"""What a key date is, with no database in sight: its series, awarding body and category,
its fields, the stored record, and the one check every way in (the window, an import, a
reference pack) uses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from eoffice.domain.dates import format_date
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

SERIES: tuple[str, ...] = ("November", "January", "Summer", "All year")
BODIES: tuple[str, ...] = (
    "JCQ", "AQA", "OCR", "Pearson", "WJEC/Eduqas", "CCEA", "NCFE", "Cambridge International", "City & Guilds", "Other",
)
CATEGORIES: dict[str, str] = {
    "entries": "Entries",
    "access_arrangements": "Access arrangements",
    "coursework": "Coursework/NEA",
    "timetable": "Timetable",
    "results": "Results",
    "post_results": "Post-results",
    "certificates": "Certificates",
    "centre_admin": "Centre admin",
    "invigilation": "Invigilation",
}


@dataclass(frozen=True)
class KeyDateFields:
    on: date
    title: str
    series: str
    body: str
    category: str
    end: date | None = None
    internal_deadline: date | None = None  # None with internal_derived: worked out from settings
    internal_derived: bool = True
    source: str = ""
    done: bool = False
    needs_check: bool = False


@dataclass(frozen=True)
class KeyDateRecord:
    """A stored key date: its fields, the reference key it was loaded with, and whether the
    officer has edited it since."""

    id: int
    year: AcademicYear
    fields: KeyDateFields
    reference_key: str | None
    edited: bool
    internal_note: str = ""  # why a derived internal deadline is later than its setting says

    on = property(lambda self: self.fields.on)
    end = property(lambda self: self.fields.end)
    title = property(lambda self: self.fields.title)
    series = property(lambda self: self.fields.series)
    body = property(lambda self: self.fields.body)
    category = property(lambda self: self.fields.category)
    internal_deadline = property(lambda self: self.fields.internal_deadline)
    source = property(lambda self: self.fields.source)
    done = property(lambda self: self.fields.done)
    needs_check = property(lambda self: self.fields.needs_check)


def validate_key_date(fields: KeyDateFields, year: AcademicYear) -> KeyDateFields:
    title = " ".join(fields.title.split())
    if not title:
        raise InputError("the key date needs a title")
    if len(title) > 300:
        raise InputError("the title is longer than 300 characters")
    for value, options, what in (
        (fields.series, SERIES, "series"),
        (fields.body, BODIES, "awarding body"),
        (fields.category, tuple(CATEGORIES), "category"),
    ):
        if value not in options:
            labels = CATEGORIES.values() if what == "category" else options
            article = "an" if what[0] in "aeiou" else "a"  # "an awarding body", not "a awarding body"
            raise InputError(f"{value!r} is not {article} {what}; use one of: {', '.join(labels)}")
    if not year.contains(fields.on):
        raise InputError(
            f"the date {format_date(fields.on)} is outside {year.label} "
            f"({format_date(year.start)} to {format_date(year.end)})"
        )
    if fields.end is not None and fields.end < fields.on:
        raise InputError(f"the end date {format_date(fields.end)} is before the date {format_date(fields.on)}")
    # A derived deadline is worked out again from the new date, so a stale one is no error:
    # moving a key date earlier than its old internal deadline must not be refused.
    if not fields.internal_derived and fields.internal_deadline is not None and fields.internal_deadline > fields.on:
        raise InputError(
            f"the internal deadline {format_date(fields.internal_deadline)} is after the external date "
            f"{format_date(fields.on)}: set it earlier"
        )
    source = fields.source.strip()
    if (title, source) == (fields.title, fields.source):
        return fields  # already clean (an import checks each date, then writes it): no copy
    return replace(fields, title=title, source=source)
