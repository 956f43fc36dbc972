"""Read key dates from a CSV file or an Excel workbook: the boards' dates typed up by the
officer, a list shared by the local exams officer network, or an eoffice export.

Such files come from many hands, so the reader is tolerant of form (columns in any order,
headers in any case, a byte-order mark or none, dates as DD/MM/YYYY, ISO or real Excel
dates, "Eduqas" for WJEC/Eduqas) and strict about meaning: one bad cell refuses the
whole file, naming the file, the row as the spreadsheet shows it and the column, before
anything is written. A row already in eoffice (same date, title and body) is left alone,
so importing the same list twice adds nothing the second time. Two rows of one file with
the same date, title and body are one key date: the same row twice is added once, but two
that differ (another category, say) are refused, naming both rows, as the file cannot
mean both.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from eoffice.domain import keydates
from eoffice.domain.bulk import bulk
from eoffice.domain.dates import format_date
from eoffice.domain.keydates import BODIES, CATEGORIES, SERIES, KeyDateFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.io.mis_import import date_cell, text
from eoffice.io.tables import Locate, Table, read_table

TITLE_MAX = 300
DATE, END, TITLE, SERIES_COL, BODY, CATEGORY, INTERNAL, SOURCE = (
    "Date", "End", "Title", "Series", "Body", "Category", "Internal deadline", "Source",
)
REQUIRED = (DATE, TITLE, SERIES_COL, BODY, CATEGORY)
OPTIONAL = (END, INTERNAL, SOURCE)
ALIASES = {"awarding body": BODY, "end date": END, "internal": INTERNAL, "internal date": INTERNAL}
# What an eoffice export writes beside them and this import never reads: kept in eoffice or worked out.
EXPORT_ONLY = ("ID", "Countdown", "Done", "Check")

# Each choice as key -> label, plus the other names people write for it.
_SERIES = {s: s for s in SERIES}
_BODIES = {b: b for b in BODIES}
_SERIES_ALIASES = {"june": "Summer", "summer series": "Summer", "all": "All year"}
_BODY_ALIASES = {
    "wjec": "WJEC/Eduqas", "eduqas": "WJEC/Eduqas", "wjec eduqas": "WJEC/Eduqas", "edexcel": "Pearson",
    "pearson edexcel": "Pearson", "cambridge": "Cambridge International", "city and guilds": "City & Guilds",
}  # fmt: skip
_CATEGORY_ALIASES = {"nea": "coursework", "coursework": "coursework", "access arrangement": "access_arrangements"}


@dataclass(frozen=True)
class Addition:
    row: int
    year: AcademicYear
    fields: KeyDateFields


@dataclass
class ImportResult:
    additions: list[Addition] = field(default_factory=list)
    unchanged: list[tuple[int, KeyDateFields]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the file, e.g. columns not read
    repeats: dict[int, int] = field(default_factory=dict)  # row -> the earlier row of the file it repeats

    def lines(self) -> list[str]:
        """The notes, then one line per row in row order, for a dry run or a log."""
        found = [(a.row, f"row {a.row}: add {a.fields.title!r} on {format_date(a.fields.on)}") for a in self.additions]
        found += [(row, f"row {row}: unchanged {f.title!r} on {format_date(f.on)} "
                        + (f"(the same as row {self.repeats[row]})" if row in self.repeats else "(already there)"))
                  for row, f in self.unchanged]
        return [*self.notes, *(line for _row, line in sorted(found))]

    def summary(self, *, dry_run: bool) -> str:
        verb = "to add" if dry_run else "added"
        return f"{len(self.additions)} {verb}, {len(self.unchanged)} unchanged"


# --- reading the file -----------------------------------------------------------------------

def read_keydates_file(path: Path | str) -> Table:
    """The first sheet's (or the CSV's) rows under its header row, as raw cell values."""
    return read_table(path, REQUIRED, OPTIONAL, ALIASES, ignored=EXPORT_ONLY)


# --- checking every row -----------------------------------------------------------------------

def _words(options: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """Every word ``_choice`` knows, each key's own words winning over an alias, the first key over a later one."""
    words = dict(aliases)
    for key, label in reversed(options.items()):
        words |= {word: key for word in (key.replace("_", " ").casefold(), label.casefold(), key.casefold())}
    return words


# Made once, not once a row: what each of the three choices knows.
_SERIES_WORDS = _words(_SERIES, _SERIES_ALIASES)
_BODY_WORDS = _words(_BODIES, _BODY_ALIASES)
_CATEGORY_WORDS = _words(CATEGORIES, _CATEGORY_ALIASES)


def _choice(value: object, options: dict[str, str], known: dict[str, str], what: str) -> str:
    """A key from ``options`` given its key, its label or a known other name (``known``), in any case."""
    word = text(value).casefold()
    if word in known:
        return known[word]
    if not word:
        raise InputError(f"the {what} is empty; use one of: {', '.join(options.values())}")
    article = "an" if what[0] in "aeiou" else "a"
    raise InputError(f"{text(value)!r} is not {article} {what}; use one of: {', '.join(options.values())}")


def _fields(cells: dict[str, object], located: Locate) -> KeyDateFields:
    with located(DATE):
        on = date_cell(cells.get(DATE), "date", required=True)
    assert on is not None
    with located(TITLE):
        title = text(cells.get(TITLE))
        if not title:
            raise InputError("the key date needs a title")
        if len(title) > TITLE_MAX:
            raise InputError(f"the title is longer than {TITLE_MAX} characters")
    with located(SERIES_COL):
        series = _choice(cells.get(SERIES_COL), _SERIES, _SERIES_WORDS, "series")
    with located(BODY):
        body = _choice(cells.get(BODY), _BODIES, _BODY_WORDS, "awarding body")
    with located(CATEGORY):
        category = _choice(cells.get(CATEGORY), CATEGORIES, _CATEGORY_WORDS, "category")
    with located(END):
        end = date_cell(cells.get(END), "end date")
        if end is not None and end < on:
            raise InputError(f"the end date {format_date(end)} is before the date {format_date(on)}")
    with located(INTERNAL):
        internal = date_cell(cells.get(INTERNAL), "internal deadline")  # None when the cell or column is blank
        if internal is not None and internal > on:
            raise InputError(f"the internal deadline {format_date(internal)} is after the date {format_date(on)}: "
                             "set it earlier, or leave it blank to work it out from the settings")
    # Only a deadline the file gives is typed; any other stays derived, so the domain works it
    # out now (N working days before, per category) and again whenever the settings change.
    return KeyDateFields(
        on=on, title=title, series=series, body=body, category=category, end=end,
        internal_deadline=internal, internal_derived=internal is None, source=text(cells.get(SOURCE)),
    )  # fmt: skip


def _identity(fields: KeyDateFields) -> tuple[date, str, str]:
    return fields.on, fields.title.casefold(), fields.body


# What else a row says about a key date, and its column: two rows of one key date must agree on it.
_DETAILS = (("series", SERIES_COL), ("category", CATEGORY), ("end", END), ("internal_deadline", INTERNAL),
            ("source", SOURCE))  # fmt: skip


@bulk
def check_rows(sheet: Table) -> list[Addition]:
    """Every row checked on its own and against the file's other rows, needing no database:
    a bad cell, or two rows of one key date that disagree, is refused before it is opened."""
    checked = []
    first: dict[tuple[date, str, str], Addition] = {}
    for row in sheet.rows:
        located = sheet.at(row.number)
        fields = _fields(row.cells, located)
        year = AcademicYear.containing(fields.on)
        with located(None):
            addition = Addition(row.number, year, keydates.validate_key_date(fields, year))
        earlier = first.setdefault(_identity(addition.fields), addition)
        differ = [(name, column) for name, column in _DETAILS
                  if getattr(earlier.fields, name) != getattr(addition.fields, name)]
        if differ:
            with located(differ[0][1]):
                raise InputError(f"row {earlier.row} has the same date, title and body with a different "
                                 f"{', '.join(sheet.headers.get(c, c) for _n, c in differ)}; a file may give a key "
                                 "date once: keep one row, or tell them apart in the title")
        checked.append(addition)
    return checked


@bulk
def keydates_import(session: Session, sheet: Table, checked: list[Addition] | None = None) -> ImportResult:
    """Say what would be added and what is already there; writes nothing."""
    result = ImportResult(notes=sheet.notes())
    existing: dict[AcademicYear, set[tuple[date, str, str]]] = {}
    in_file: dict[tuple[date, str, str], int] = {}  # identity -> the row of the file that gave it first
    for row in check_rows(sheet) if checked is None else checked:
        if row.year not in existing:
            existing[row.year] = {_identity(r.fields) for r in keydates.key_dates(session, row.year)}
        identity = _identity(row.fields)
        if identity in in_file:
            result.repeats[row.row] = in_file[identity]  # the same row twice in one file is added once
            result.unchanged.append((row.row, row.fields))
        elif identity in existing[row.year]:
            result.unchanged.append((row.row, row.fields))
        else:
            in_file[identity] = row.row
            result.additions.append(row)
    return result


@bulk
def apply_import(session: Session, result: ImportResult) -> None:
    """Write a checked import in the caller's transaction, in one bulk call; the domain audits each addition."""
    rule = keydates.deadline_rule(session)
    many = []
    for addition in result.additions:
        fields = addition.fields
        # eoffice's own export writes every internal deadline, worked out or not; one that is
        # exactly what the settings give stays worked out, so it follows them when they change.
        if not fields.internal_derived and fields.internal_deadline == rule(fields.on, fields.category):
            fields = replace(fields, internal_derived=True)
        many.append((addition.year, fields))
    keydates.add_key_dates(session, many)
