"""Reading a table exported from the school's MIS (SIMS, Arbor, Bromcom...): CSV or Excel.

Every MIS exports a little differently: a title row above the headers, headers in
capitals, a semicolon instead of a comma, Windows-1252 instead of UTF-8, dates typed
or real. The reader accepts all that and finds the header row by the columns asked
for, in any case. It is strict about meaning: one bad cell refuses the whole file,
naming the row as the spreadsheet numbers it and the column by its header, before
anything is written. The importers (candidates, timetable, entries, arrangements)
check every row first and write in the caller's one transaction.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from eoffice.domain.dates import format_date, parse_date
from eoffice.errors import InputError

HEADER_SEARCH_ROWS = 20
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass(frozen=True)
class TableRow:
    number: int  # as the spreadsheet shows it (the header row is usually 1)
    cells: dict[str, Any]  # canonical header -> raw value, for the columns the file has


@dataclass(frozen=True)
class Table:
    path: Path
    headers: dict[str, str]  # canonical header -> the header as written in the file
    rows: list[TableRow]

    def has(self, header: str) -> bool:
        return header in self.headers

    def located(self, row: int, header: str | None = None) -> AbstractContextManager[None]:
        return located(self.path, self.headers, row, header)


@contextmanager
def located(path: Path, headers: dict[str, str], row: int, header: str | None = None) -> Iterator[None]:
    """Give a plain domain message the file, row and column (as written in the file) it
    came from. Every importer locates its errors through this one function."""
    try:
        yield
    except InputError as error:
        if error.file is not None:
            raise
        column = headers.get(header, header) if header else None
        raise InputError(error.reason, file=path, row=row, column=column) from None


@dataclass
class ImportResult:
    """What an import would do, row by row; lines name records, never health details."""

    what: str  # "candidates", "papers", ...
    changes: list[tuple[int, str]] = field(default_factory=list)  # (row, line)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    actions: list[Any] = field(default_factory=list)  # what apply writes, importer-specific

    def add(self, row: int, line: str, action: Any) -> None:
        self.changes.append((row, f"row {row}: {line}"))
        self.added += 1
        self.actions.append(action)

    def update(self, row: int, line: str, action: Any) -> None:
        self.changes.append((row, f"row {row}: {line}"))
        self.updated += 1
        self.actions.append(action)

    def lines(self) -> list[str]:
        return [line for _row, line in sorted(self.changes)]

    def summary(self, *, dry_run: bool) -> str:
        if dry_run:
            return f"{self.what}: {self.added} to add, {self.updated} to update, {self.unchanged} unchanged"
        return f"{self.what}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_map(values: Sequence[Any], aliases: dict[str, str], required: Sequence[str]) -> dict[str, tuple[int, str]] | None:
    found: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(values):
        if isinstance(value, str):
            canonical = aliases.get(_key(value))
            if canonical and canonical not in found:
                found[canonical] = (index, value.strip())
    return found if all(r in found for r in required) else None


def _aliases(required: Sequence[str], optional: Sequence[str], extra: dict[str, str] | None) -> dict[str, str]:
    names = {_key(h): h for h in (*required, *optional)}
    names |= {_key(k): v for k, v in (extra or {}).items()}
    return names


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise InputError("cannot be read as text; save it from Excel as CSV UTF-8", file=path)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect))


def _xlsx_sheets(path: Path) -> Iterator[list[tuple[Any, ...]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError, TypeError) as error:
        raise InputError("cannot be read as an Excel workbook; is it damaged, or another kind of file renamed?",
                         file=path) from error
    try:
        for ws in workbook.worksheets:
            yield list(ws.iter_rows(values_only=True))
    finally:
        workbook.close()


def read_table(path: Path | str, required: Sequence[str], optional: Sequence[str] = (),
               aliases: dict[str, str] | None = None) -> Table:
    """The first sheet (or the CSV) with a header row naming every ``required`` column."""
    path = Path(path)
    if not path.is_file():
        raise InputError("there is no such file", file=path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError("is an old Excel file (.xls); save it as .xlsx or CSV and import that", file=path)
    if suffix not in TABLE_SUFFIXES:
        raise InputError("is not a CSV or Excel (.xlsx) file", file=path)
    names = _aliases(required, optional, aliases)
    sheets = [_csv_rows(path)] if suffix == ".csv" else _xlsx_sheets(path)
    best: set[str] = set()
    for sheet in sheets:
        for index, values in enumerate(sheet[:HEADER_SEARCH_ROWS]):
            columns = _header_map(values, names, required)
            if columns is None:
                seen = {names[_key(v)] for v in values if isinstance(v, str) and _key(v) in names}
                best = seen if len(seen) > len(best) else best
                continue
            rows = []
            for number, cells in enumerate(sheet[index + 1:], start=index + 2):
                got = {name: (cells[i] if i < len(cells) else None) for name, (i, _text) in columns.items()}
                if not all(blank(v) for v in got.values()):
                    rows.append(TableRow(number, got))
            return Table(path, {name: text for name, (_i, text) in columns.items()}, rows)
    missing = [r for r in required if r not in best]
    raise InputError(
        f"no header row in the first {HEADER_SEARCH_ROWS} rows has the column{'s' if len(missing) != 1 else ''} "
        f"{', '.join(repr(m) for m in missing)}; the file needs: {', '.join(required)}",
        file=path,
    )


# --- reading cells ------------------------------------------------------------------

def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return format_date(value)
    return " ".join(str(value).split())


def date_cell(value: object, what: str, *, required: bool = False) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if blank(value):
        if required:
            raise InputError(f"the {what} is empty; write it as DD/MM/YYYY")
        return None
    return parse_date(text(value), what=what)


def minutes_cell(value: object) -> object:
    """Excel shows 1:30 typed in a cell as a time; read it as 90 minutes."""
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, datetime):
        return value.hour * 60 + value.minute
    return value


def clock_cell(value: object) -> object:
    """A start time typed as 09:00 comes from Excel as a time; make it text again."""
    if isinstance(value, time | datetime):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:  # a time stored as a fraction of a day
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return text(value)


def whole_number(value: object, what: str, low: int, high: int) -> int | None:
    if blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value)
    if not raw.isdigit():
        raise InputError(f"{raw!r} is not a number of {what}: use a whole number from {low} to {high}")
    number = int(raw)
    if not low <= number <= high:
        raise InputError(f"{number} {what} is out of range: use {low} to {high}")
    return number
