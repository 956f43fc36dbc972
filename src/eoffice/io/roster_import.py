"""Read invigilators, their availability and rooms from a spreadsheet (Excel .xlsx or CSV).

Lists like these arrive from HR, from a Google Form or from last year's file, so the
reader is tolerant of form (headers in any case and order, extra columns ignored,
dates as real dates or DD/MM/YYYY text, "Yes"/"Y"/"x") and strict about meaning: one
bad cell refuses the whole file, naming the row as the spreadsheet numbers it and the
column by its header, before anything is written. Each import is checked whole
(``check_*``), then written in the caller's one transaction (``apply``).
"""

from __future__ import annotations

import csv
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from eoffice.db.models import Availability
from eoffice.domain import audit
from eoffice.domain.dates import format_date, parse_date
from eoffice.domain.invigilators import (
    InvigilatorFields, add_invigilator, answers, invigilators, parse_roles, update_invigilator, validate_fields,
)
from eoffice.domain.rooms import RoomFields, add_room, rooms, update_room
from eoffice.domain.rooms import validate_fields as validate_room
from eoffice.errors import InputError

HEADER_SEARCH_ROWS = 20
YES = {"yes", "y", "true", "1", "x", "✓", "available"}
NO = {"no", "n", "false", "0", "not available", "unavailable"}
# Each kind: its columns (canonical header -> other spellings) and which must be there.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "invigilators": {
        "Name": ("invigilator", "full name"), "Email": ("e-mail", "email address"), "Phone": ("telephone", "mobile"),
        "Roles": ("role",), "Trained On": ("trained", "training date", "last trained"),
        "DBS Checked On": ("dbs", "dbs checked", "dbs date"), "Max Per Day": ("max per day", "most per day"),
        "Max Per Week": ("max per week", "most per week"), "Hourly Rate": ("rate", "hourly rate (£)"),
    },
    "availability": {"Name": ("invigilator",), "Date": ("day",), "Session": (), "Available": ("availability",)},
    "rooms": {"Room": ("name", "room name"), "Capacity": ("seats",), "On-screen": ("on screen", "onscreen", "computers"),
              "Separate": ("separate invigilation",)},
}  # fmt: skip
REQUIRED = {"invigilators": ("Name",), "availability": ("Name", "Date", "Session", "Available"),
            "rooms": ("Room", "Capacity")}  # fmt: skip


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it
    cells: dict[str, Any]  # canonical header -> raw value, for the columns the file has


@dataclass(frozen=True)
class Table:
    path: Path
    kind: str
    headers: dict[str, str]  # canonical -> as written in the file
    rows: list[Row]

    @contextmanager
    def at(self, row: int, column: str | None = None) -> Iterator[None]:
        """Give a plain message the file, row and column it came from."""
        try:
            yield
        except InputError as error:
            if error.file is not None:
                raise
            raise InputError(error.reason, file=self.path, row=row,
                             column=self.headers.get(column, column) if column else None) from None  # fmt: skip


def _canonical(kind: str) -> dict[str, str]:
    found = {}
    for header, others in COLUMNS[kind].items():
        for spelling in (header, *others):
            found[" ".join(spelling.split()).casefold()] = header
    return found


def _raw_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    if path.suffix.lower() == ".csv":
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                yield from (tuple(r) for r in csv.reader(handle))
        except UnicodeDecodeError:
            raise InputError("is not UTF-8 text; save it from Excel as 'CSV UTF-8'", file=path) from None
        return
    if path.suffix.lower() != ".xlsx":
        raise InputError("is not an Excel workbook (.xlsx) or a CSV file", file=path)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError, TypeError) as error:
        raise InputError("cannot be read as an Excel workbook; is it damaged, or another kind of file renamed?",
                         file=path) from error  # fmt: skip
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def read_table(path: Path, kind: str) -> Table:
    """The first sheet's header row (within the first rows) and every non-blank row under it."""
    path = Path(path)
    if not path.is_file():
        raise InputError("there is no such file", file=path)
    names = _canonical(kind)
    headers: dict[str, tuple[int, str]] | None = None
    rows: list[Row] = []
    for number, values in enumerate(_raw_rows(path), start=1):
        if headers is None:
            if number > HEADER_SEARCH_ROWS:
                break
            found = {}
            for index, value in enumerate(values):
                canonical = names.get(" ".join(str(value).split()).casefold()) if value is not None else None
                if canonical and canonical not in found:
                    found[canonical] = (index, str(value).strip())
            if all(h in found for h in REQUIRED[kind]):
                headers = found
            continue
        cells = {h: (values[i] if i < len(values) else None) for h, (i, _t) in headers.items()}
        if not all(_blank(v) for v in cells.values()):
            rows.append(Row(number, cells))
    if headers is None:
        wanted = ", ".join(repr(h) for h in REQUIRED[kind])
        raise InputError(f"no header row with {wanted} in the first {HEADER_SEARCH_ROWS} rows", file=path)
    return Table(path, kind, {h: text for h, (_i, text) in headers.items()}, rows)


# --- cell readers -------------------------------------------------------------------------

def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _blank(value):
        return None
    return parse_date(_text(value))


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool):
        raise InputError(f"{value!r} is not a number of {what}")
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = _text(value)
    if not re.fullmatch(r"\d+", text):
        raise InputError(f"{text!r} is not a whole number of {what}")
    return int(text)


def _pence(value: object) -> int:
    """``12.50``, ``£12.50`` or ``12.5`` to 1250 pence."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value) * 100)
    text = _text(value).replace("£", "").replace(",", "").strip()
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise InputError(f"{_text(value)!r} is not an hourly rate: write pounds and pence, e.g. 12.50")
    return round(float(text) * 100)


def _yes(value: object, what: str) -> bool:
    if isinstance(value, bool):
        return value
    word = _text(value).casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise InputError(f"{_text(value)!r} is not Yes or No ({what})")


# --- results ------------------------------------------------------------------------------

@dataclass
class ImportResult:
    """What an import would change, line by line; ``apply`` writes it."""

    kind: str
    changes: list[tuple[int, str]] = field(default_factory=list)  # (row, what)
    unchanged: int = 0
    apply: Callable[[Session], None] = lambda _session: None

    def lines(self) -> list[str]:
        return [f"row {row}: {what}" for row, what in sorted(self.changes)]

    def summary(self, *, dry_run: bool) -> str:
        added = sum(what.startswith("add") for _r, what in self.changes)
        changed = len(self.changes) - added
        if dry_run:
            return f"{added} to add, {changed} to change, {self.unchanged} unchanged"
        return f"{added} added, {changed} changed, {self.unchanged} unchanged"


def _once(seen: dict[str, int], key: str, row: int, what: str) -> None:
    if key in seen:
        raise InputError(f"{what} is also on row {seen[key]}; each may appear once")
    seen[key] = row


def check_invigilators(session: Session, table: Table) -> ImportResult:
    existing = {p.name.casefold(): p for p in invigilators(session)}
    result, seen, todo = ImportResult("invigilators"), {}, []  # type: ignore[var-annotated]
    for row in table.rows:
        cells = row.cells
        with table.at(row.number, "Name"):
            name = " ".join(_text(cells["Name"]).split())
            if not name:
                raise InputError("the name is empty")
            _once(seen, name.casefold(), row.number, name)
        current = existing.get(name.casefold())
        values = current.fields if current else InvigilatorFields(name=name)
        for header, attr, read in (
            ("Email", "email", _text), ("Phone", "phone", _text), ("Roles", "roles", parse_roles),
            ("Trained On", "trained_on", _date), ("DBS Checked On", "dbs_checked_on", _date),
            ("Max Per Day", "max_per_day", lambda v: _whole(v, "sessions")),
            ("Max Per Week", "max_per_week", lambda v: _whole(v, "sessions")), ("Hourly Rate", "hourly_rate_pence", _pence),
        ):  # fmt: skip
            if header in cells:
                with table.at(row.number, header):
                    raw = cells[header]
                    if _blank(raw) and attr in ("roles", "max_per_day", "max_per_week", "hourly_rate_pence"):
                        continue  # keep what is there (or the default for someone new)
                    values = replace(values, **{attr: read(raw)})
        with table.at(row.number):
            values = validate_fields(replace(values, name=current.name if current else name))
        if current is None:
            result.changes.append((row.number, f"add {name}"))
            todo.append((None, values))
        elif values != current.fields:
            changed = [k for k in values.__dataclass_fields__ if getattr(values, k) != getattr(current.fields, k)]
            result.changes.append((row.number, f"change {current.name}: {', '.join(changed)}"))
            todo.append((current.id, values))
        else:
            result.unchanged += 1

    def apply(session: Session) -> None:
        for invigilator_id, values in todo:
            if invigilator_id is None:
                add_invigilator(session, values)
            else:
                update_invigilator(session, invigilator_id, values)

    result.apply = apply
    return result


def check_availability(session: Session, table: Table) -> ImportResult:
    people = {p.name.casefold(): p for p in invigilators(session)}
    wanted: dict[tuple[int, date, str], tuple[bool, int]] = {}
    for row in table.rows:
        cells = row.cells
        with table.at(row.number, "Name"):
            person = people.get(" ".join(_text(cells["Name"]).split()).casefold())
            if person is None:
                raise InputError(f"there is no invigilator called {_text(cells['Name'])!r}; import invigilators first")
        with table.at(row.number, "Date"):
            on = _date(cells["Date"])
            if on is None:
                raise InputError("the date is empty; write it as DD/MM/YYYY")
        with table.at(row.number, "Session"):
            word = _text(cells["Session"]).upper()
            if word not in ("AM", "PM", "ALL"):
                raise InputError(f"{_text(cells['Session'])!r} is not a session; use AM, PM or All")
        with table.at(row.number, "Available"):
            available = _yes(cells["Available"], "available")
        for sess in ("AM", "PM") if word == "ALL" else (word,):
            key = (person.id, on, sess)
            if key in wanted and wanted[key][0] != available:
                raise InputError(f"row {wanted[key][1]} gives the opposite answer for {person.name} on "
                                 f"{format_date(on)} {sess}", file=table.path, row=row.number)  # fmt: skip
            wanted.setdefault(key, (available, row.number))
    dates = [on for _i, on, _s in wanted]
    stored = answers(session, min(dates), max(dates)) if dates else {}
    names = {p.id: p.name for p in people.values()}
    result = ImportResult("availability")
    todo = {}
    for (pid, on, sess), (available, number) in sorted(wanted.items(), key=lambda item: item[1][1]):
        if stored.get((pid, on, sess)) == available:
            result.unchanged += 1
            continue
        verb = "change" if (pid, on, sess) in stored else "add"
        result.changes.append((number, f"{verb} {names[pid]} {format_date(on)} {sess}: {'Yes' if available else 'No'}"))
        todo[(pid, on, sess)] = available

    def apply(session: Session) -> None:
        for pid, on, sess in todo:
            session.execute(delete(Availability).where(
                Availability.invigilator_id == pid, Availability.on == on, Availability.session == sess))  # fmt: skip
        if todo:
            session.execute(insert(Availability), [{"invigilator_id": pid, "on": on, "session": sess, "available": a}
                                                   for (pid, on, sess), a in todo.items()])  # fmt: skip
            audit.record(session, "update", "invigilator", None, f"{len(todo)} availability answers imported")

    result.apply = apply
    return result


def check_rooms(session: Session, table: Table) -> ImportResult:
    existing = {r.name.casefold(): r for r in rooms(session)}
    result, seen, todo = ImportResult("rooms"), {}, []  # type: ignore[var-annotated]
    for row in table.rows:
        cells = row.cells
        with table.at(row.number, "Room"):
            name = " ".join(_text(cells["Room"]).split())
            if not name:
                raise InputError("the room name is empty")
            _once(seen, name.casefold(), row.number, name)
        current = existing.get(name.casefold())
        with table.at(row.number, "Capacity"):
            capacity = _whole(cells["Capacity"], "seats")
        flags = {}
        for header, attr in (("On-screen", "on_screen"), ("Separate", "separate")):
            if header in cells and not _blank(cells[header]):
                with table.at(row.number, header):
                    flags[attr] = _yes(cells[header], header)
        base = current.fields if current else RoomFields(name, capacity)
        with table.at(row.number):
            values = validate_room(replace(base, name=current.name if current else name, capacity=capacity, **flags))
        if current is None:
            result.changes.append((row.number, f"add {name} ({capacity} seats)"))
            todo.append((None, values))
        elif values != current.fields:
            result.changes.append((row.number, f"change {current.name}"))
            todo.append((current.id, values))
        else:
            result.unchanged += 1

    def apply(session: Session) -> None:
        for room_id, values in todo:
            add_room(session, values) if room_id is None else update_room(session, room_id, values)

    result.apply = apply
    return result


CHECKS: dict[str, Callable[[Session, Table], ImportResult]] = {
    "invigilators": check_invigilators, "availability": check_availability, "rooms": check_rooms,
}  # fmt: skip
