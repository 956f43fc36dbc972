"""Read key dates from a CSV file or an Excel workbook: the boards' dates typed up by the
officer, a list shared by the local exams officer network, or an eoffice export.

Such files come from many hands, so the reader is tolerant of form (columns in any order,
headers in any case, a byte-order mark or none, dates as DD/MM/YYYY, ISO or real Excel
dates, "Eduqas" for WJEC/Eduqas) and strict about meaning: one bad cell refuses the
whole file, naming the file, the row as the spreadsheet shows it and the column, before
anything is written. A row already in eoffice (same date, title and body) is left alone,
so importing the same list twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from eoffice.domain import keydates
from eoffice.domain.dates import format_date, parse_date
from eoffice.domain.keydates import BODIES, CATEGORIES, SERIES, KeyDateFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.io.mis_import import located

HEADER_SEARCH_ROWS = 20
TITLE_MAX = 300
DATE, END, TITLE, SERIES_COL, BODY, CATEGORY, INTERNAL, SOURCE = (
    "Date", "End", "Title", "Series", "Body", "Category", "Internal deadline", "Source",
)
REQUIRED = (DATE, TITLE, SERIES_COL, BODY, CATEGORY)
_HEADERS = {h.casefold(): h for h in (*REQUIRED, END, INTERNAL, SOURCE)}
_HEADERS |= {"awarding body": BODY, "end date": END, "internal": INTERNAL, "internal date": INTERNAL}

# Each choice as key -> label, plus the other names people write for it.
_SERIES = {s: s for s in SERIES}
_BODIES = {b: b for b in BODIES}
_SERIES_ALIASES = {"june": "Summer", "summer series": "Summer", "all": "All year"}
_BODY_ALIASES = {
    "wjec": "WJEC/Eduqas", "eduqas": "WJEC/Eduqas", "wjec eduqas": "WJEC/Eduqas", "edexcel": "Pearson",
    "pearson edexcel": "Pearson", "cambridge": "Cambridge International", "city and guilds": "City & Guilds",
}  # fmt: skip
_CATEGORY_ALIASES = {"nea": "coursework", "coursework": "coursework", "access arrangement": "access_arrangements"}
Locate = Callable[[str | None], AbstractContextManager[None]]


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet shows it: the header is row 1 when it is the first line
    cells: dict[str, Any]  # canonical header -> raw value


@dataclass(frozen=True)
class KeyDateSheet:
    path: Path
    headers: dict[str, str]  # canonical header -> as written in the file
    rows: list[SheetRow]


@dataclass(frozen=True)
class Addition:
    row: int
    year: AcademicYear
    fields: KeyDateFields


@dataclass
class ImportResult:
    additions: list[Addition] = field(default_factory=list)
    unchanged: list[tuple[int, KeyDateFields]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per row, in row order, for a dry run or a log."""
        found = [(a.row, f"row {a.row}: add {a.fields.title!r} on {format_date(a.fields.on)}") for a in self.additions]
        found += [(row, f"row {row}: unchanged {f.title!r} on {format_date(f.on)} (already there)")
                  for row, f in self.unchanged]
        return [line for _row, line in sorted(found)]

    def summary(self, *, dry_run: bool) -> str:
        verb = "to add" if dry_run else "added"
        return f"{len(self.additions)} {verb}, {len(self.unchanged)} unchanged"


# --- reading the file -----------------------------------------------------------------------

def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_map(values: tuple[Any, ...] | list[Any]) -> dict[str, tuple[int, str]] | None:
    found: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(values):
        if isinstance(value, str):
            canonical = _HEADERS.get(" ".join(value.replace("\ufeff", "").split()).casefold())
            if canonical and canonical not in found:
                found[canonical] = (index, value.strip())
    return found if DATE in found and TITLE in found else None


def _collect(
    path: Path, lines: Iterator[tuple[int, list[Any]]], formula: Callable[[int, int], bool]
) -> KeyDateSheet | None:
    """The rows under the first header row; ``formula(row, column)`` says a cell is an unsaved formula."""
    columns: dict[str, tuple[int, str]] | None = None
    rows: list[SheetRow] = []
    for number, values in lines:
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                return None
            columns = _header_map(values)
            if columns is not None and (missing := [h for h in REQUIRED if h not in columns]):
                raise InputError(
                    f"the header row has no {', '.join(repr(m) for m in missing)} column; key dates need "
                    f"{', '.join(REQUIRED)} (End, Internal deadline and Source may be added)",
                    file=path, row=number,
                )
            continue
        cells = {name: (values[i] if i < len(values) else None) for name, (i, _text) in columns.items()}
        for name, (i, text) in columns.items():
            if cells[name] is None and formula(number, i):
                raise InputError("the cell holds a formula with no saved result; type the value itself, "
                                 "or open and save the file in Excel first", file=path, row=number, column=text)
        if not all(_blank(v) for v in cells.values()):
            rows.append(SheetRow(number, cells))
    if columns is None:
        return None
    return KeyDateSheet(path, {name: text for name, (_i, text) in columns.items()}, rows)


def _read_csv(path: Path) -> KeyDateSheet | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")  # with or without the byte-order mark Excel adds
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text; in Excel use Save As, 'CSV UTF-8 (Comma delimited)'", file=path) from None
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InputError(f"cannot be read as CSV ({error})", file=path) from None
    return _collect(path, enumerate(records, start=1), lambda _r, _c: False)


def _read_xlsx(path: Path) -> KeyDateSheet | None:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extras mean nothing to the user
            values = load_workbook(path, data_only=True)
            formulas = load_workbook(path)
    except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError, TypeError) as error:
        reason = "cannot be read as an Excel workbook; is it damaged, or another kind of file renamed .xlsx?"
        raise InputError(reason, file=path) from error
    for ws, fws in zip(values.worksheets, formulas.worksheets, strict=True):
        lines = ((n, list(v)) for n, v in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1))
        found = _collect(path, lines, lambda r, c, fws=fws: fws.cell(r, c + 1).data_type == "f")
        if found is not None:
            return found
    return None


def read_keydates_file(path: Path) -> KeyDateSheet:
    """The first header row with Date and Title (within the first 20 rows), and the rows under it."""
    path = Path(path)
    if not path.is_file():
        raise InputError("there is no such file", file=path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise InputError("is not a CSV file or an Excel workbook (.xlsx); save it as one of those", file=path)
    sheet = _read_csv(path) if suffix == ".csv" else _read_xlsx(path)
    if sheet is None:
        raise InputError(f"no header row with 'Date' and 'Title' in the first {HEADER_SEARCH_ROWS} rows; "
                         f"key dates need the columns {', '.join(REQUIRED)}", file=path)
    return sheet


# --- checking every row -----------------------------------------------------------------------

def _located(sheet: KeyDateSheet, row: int, header: str | None) -> AbstractContextManager[None]:
    return located(sheet.path, sheet.headers, row, header)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return format_date(value)
    return " ".join(str(value).split())


def _date(value: object, what: str, *, required: bool) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _blank(value):
        if required:
            raise InputError(f"the {what} is empty; write it as DD/MM/YYYY")
        return None
    if isinstance(value, str):
        return parse_date(value, what=what)
    raise InputError(f"{value!r} is not a date; write it as DD/MM/YYYY")


def _choice(value: object, options: dict[str, str], aliases: dict[str, str], what: str) -> str:
    """A key from ``options`` given its key, its label or a known other name, in any case."""
    text = _text(value).casefold()
    for key, label in options.items():
        if text in (key.casefold(), label.casefold(), key.replace("_", " ").casefold()):
            return key
    if text in aliases:
        return aliases[text]
    if not text:
        raise InputError(f"the {what} is empty; use one of: {', '.join(options.values())}")
    article = "an" if what[0] in "aeiou" else "a"
    raise InputError(f"{_text(value)!r} is not {article} {what}; use one of: {', '.join(options.values())}")


def _fields(row: SheetRow, located: Locate) -> KeyDateFields:
    cells = row.cells
    with located(DATE):
        on = _date(cells.get(DATE), "date", required=True)
    assert on is not None
    with located(TITLE):
        title = _text(cells.get(TITLE))
        if not title:
            raise InputError("the key date needs a title")
        if len(title) > TITLE_MAX:
            raise InputError(f"the title is longer than {TITLE_MAX} characters")
    with located(SERIES_COL):
        series = _choice(cells.get(SERIES_COL), _SERIES, _SERIES_ALIASES, "series")
    with located(BODY):
        body = _choice(cells.get(BODY), _BODIES, _BODY_ALIASES, "awarding body")
    with located(CATEGORY):
        category = _choice(cells.get(CATEGORY), CATEGORIES, _CATEGORY_ALIASES, "category")
    with located(END):
        end = _date(cells.get(END), "end date", required=False)
        if end is not None and end < on:
            raise InputError(f"the end date {format_date(end)} is before the date {format_date(on)}")
    with located(INTERNAL):
        internal = _date(cells.get(INTERNAL), "internal deadline", required=False)
        if internal is not None and internal > on:
            raise InputError(f"the internal deadline {format_date(internal)} is after the date {format_date(on)}: "
                             "set it earlier, or leave it blank to work it out from the settings")
    return KeyDateFields(
        on=on, title=title, series=series, body=body, category=category, end=end,
        internal_deadline=internal, internal_derived=internal is None, source=_text(cells.get(SOURCE)),
    )  # fmt: skip


def _identity(fields: KeyDateFields) -> tuple[date, str, str]:
    return fields.on, fields.title.casefold(), fields.body


def check_rows(sheet: KeyDateSheet) -> list[Addition]:
    """Every row checked on its own, needing no database: a bad cell is refused before it is opened."""
    checked = []
    for row in sheet.rows:

        def located(header: str | None, _row: int = row.number) -> AbstractContextManager[None]:
            return _located(sheet, _row, header)

        fields = _fields(row, located)
        year = AcademicYear.containing(fields.on)
        with located(None):
            checked.append(Addition(row.number, year, keydates.validate_fields(fields, year)))
    return checked


def keydates_import(session: Session, sheet: KeyDateSheet, checked: list[Addition] | None = None) -> ImportResult:
    """Say what would be added and what is already there; writes nothing."""
    result = ImportResult()
    existing: dict[AcademicYear, set[tuple[date, str, str]]] = {}
    for row in check_rows(sheet) if checked is None else checked:
        if row.year not in existing:
            existing[row.year] = {_identity(r.fields) for r in keydates.key_dates(session, row.year)}
        if _identity(row.fields) in existing[row.year]:
            result.unchanged.append((row.row, row.fields))
        else:
            existing[row.year].add(_identity(row.fields))  # the same row twice in one file is added once
            result.additions.append(row)
    return result


def apply_import(session: Session, result: ImportResult) -> None:
    """Write a checked import in the caller's transaction; the domain audits each addition."""
    for addition in result.additions:
        keydates.add_key_date(session, addition.year, addition.fields)
