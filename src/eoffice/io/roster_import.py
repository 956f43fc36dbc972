"""Read invigilators, their availability and rooms from a spreadsheet (Excel .xlsx or CSV).

Lists like these arrive from HR, from a Google Form or from last year's file, so the
reader is tolerant of form (headers in any case and order, extra columns left unread,
dates as real dates or DD/MM/YYYY text, "Yes"/"Y"/"x") and strict about meaning: one
bad cell refuses the whole file, naming the row as the spreadsheet numbers it and the
column by its header, before anything is written. Each import is checked whole
(``check_*``), then written in the caller's one transaction (``apply``).

A blank cell in an optional column keeps what is stored: a partial list from HR
(names and phone numbers only, say) must not wipe training or DBS dates, which
would silently stop those people being rostered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, insert
from sqlalchemy.orm import Session

from eoffice.db.models import Availability
from eoffice.domain import audit
from eoffice.domain.bulk import bulk
from eoffice.domain.dates import format_date
from eoffice.domain.roster import (
    MAX_COLUMNS,
    MAX_ROWS,
    InvigilatorFields,
    Room,
    RoomFields,
    RoomLayout,
    add_invigilators,
    add_rooms,
    answers,
    fit_to_capacity,
    invigilators,
    parse_roles,
    rooms,
    update_invigilators,
    update_rooms,
    validate_invigilator,
    validate_room,
)
from eoffice.errors import InputError
from eoffice.io import tables
from eoffice.io.mis_import import date_cell, text, whole_number, yes_no
from eoffice.io.tables import Table, blank

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
              "Separate": ("separate invigilation",), "Rows": ("desk rows", "rows of desks"),
              "Columns": ("desk columns", "columns of desks", "desks per row")},
}  # fmt: skip
REQUIRED = {"invigilators": ("Name",), "availability": ("Name", "Date", "Session", "Available"),
            "rooms": ("Room", "Capacity")}  # fmt: skip


def read_table(path: Path | str, kind: str) -> Table:
    """The first sheet's (or the CSV's) rows under the header row of this kind's columns."""
    columns = COLUMNS[kind]
    aliases = {spelling: header for header, others in columns.items() for spelling in others}
    optional = tuple(h for h in columns if h not in REQUIRED[kind])
    return tables.read_table(path, REQUIRED[kind], optional, aliases)


def _pence(value: object) -> int:
    """``12.50``, ``£12.50`` or ``12.5`` to 1250 pence."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value) * 100)
    amount = text(value).replace("£", "").replace(",", "").strip()
    if not re.fullmatch(r"\d+(\.\d{1,2})?", amount):
        raise InputError(f"{text(value)!r} is not an hourly rate: write pounds and pence, e.g. 12.50")
    return round(float(amount) * 100)


# --- results ------------------------------------------------------------------------------

@dataclass
class ImportResult:
    """What an import would change, line by line; ``apply`` writes it."""

    kind: str
    changes: list[tuple[int, str]] = field(default_factory=list)  # (row, what)
    unchanged: int = 0
    apply: Callable[[Session], None] = lambda _session: None

    notes: list[str] = field(default_factory=list)  # about the file, e.g. columns not read

    def lines(self) -> list[str]:
        return [*self.notes, *(f"row {row}: {what}" for row, what in sorted(self.changes))]

    def summary(self, *, dry_run: bool) -> str:
        added = sum(what.startswith("add") for _r, what in self.changes)
        changed = len(self.changes) - added
        if dry_run:
            return f"{added} to add, {changed} to change, {self.unchanged} unchanged"
        return f"{added} added, {changed} changed, {self.unchanged} unchanged"


def _unique_name(value: object, seen: dict[str, int], row: int, what: str) -> str:
    """A person's or a room's name, once a file in any case: it is how a row finds its record."""
    name = text(value)
    if not name:
        raise InputError(f"the {what} is empty")
    if name.casefold() in seen:
        raise InputError(f"{name} is also on row {seen[name.casefold()]}; each may appear once")
    seen[name.casefold()] = row
    return name


# An invigilator's optional columns: the header, the field, and how a filled cell is read (a
# blank one changes nothing, so ``required=True`` below only says the cell is known not to be blank).
_INVIGILATOR_CELLS: tuple[tuple[str, str, Callable[[Any], object]], ...] = (
    ("Email", "email", lambda v: text(v, collapse=False)),
    ("Phone", "phone", lambda v: text(v, collapse=False)),
    ("Roles", "roles", parse_roles),
    ("Trained On", "trained_on", date_cell),
    ("DBS Checked On", "dbs_checked_on", date_cell),
    ("Max Per Day", "max_per_day", lambda v: whole_number(v, "sessions", required=True)),
    ("Max Per Week", "max_per_week", lambda v: whole_number(v, "sessions", required=True)),
    ("Hourly Rate", "hourly_rate_pence", _pence),
)


def check_invigilators(session: Session, table: Table) -> ImportResult:
    existing = {p.name.casefold(): p for p in invigilators(session)}
    result = ImportResult("invigilators", notes=table.notes())
    seen: dict[str, int] = {}
    todo: list[tuple[int | None, InvigilatorFields]] = []
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at("Name"):
            name = _unique_name(cells["Name"], seen, row.number, "name")
        current = existing.get(name.casefold())
        changes: dict[str, Any] = {"name": current.name if current else name}
        for header, field_name, read in _INVIGILATOR_CELLS:
            if header in cells and not blank(cells[header]):  # a blank keeps what is stored: never wipe it
                with at(header):
                    changes[field_name] = read(cells[header])
        with at():
            values = validate_invigilator(replace(current.fields if current else InvigilatorFields(name=name),
                                                  **changes))  # fmt: skip
        if current is None:
            result.changes.append((row.number, f"add {name}"))
            todo.append((None, values))
        elif values != current.fields:
            changed = [k for k in values.__dataclass_fields__ if getattr(values, k) != getattr(current.fields, k)]
            result.changes.append((row.number, f"change {current.name}: {', '.join(changed)}"))
            todo.append((current.id, values))
        else:
            result.unchanged += 1

    @bulk
    def apply(session: Session) -> None:  # two bulk calls: the time grows with the file, not the table
        add_invigilators(session, [values for invigilator_id, values in todo if invigilator_id is None])
        update_invigilators(session, [(i, values) for i, values in todo if i is not None])

    result.apply = apply
    return result


@bulk
def check_availability(session: Session, table: Table) -> ImportResult:
    people = {p.name.casefold(): p for p in invigilators(session)}
    wanted: dict[tuple[int, date, str], tuple[bool, int]] = {}
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at("Name"):
            person = people.get(text(cells["Name"]).casefold())
            if person is None:
                raise InputError(f"there is no invigilator called {text(cells['Name'])!r}; import invigilators first")
        with at("Date"):
            on = date_cell(cells["Date"], required=True)
        with at("Session"):
            word = text(cells["Session"]).upper()
            if word not in ("AM", "PM", "ALL"):
                raise InputError(f"{text(cells['Session'])!r} is not a session; use AM, PM or All")
        with at("Available"):
            available = yes_no(cells["Available"], required=True)
        for sess in ("AM", "PM") if word == "ALL" else (word,):
            key = (person.id, on, sess)
            if key in wanted and wanted[key][0] != available:
                with at():
                    raise InputError(f"row {wanted[key][1]} gives the opposite answer for {person.name} on "
                                     f"{format_date(on)} {sess}")
            wanted.setdefault(key, (available, row.number))
    dates = [on for _i, on, _s in wanted]
    stored = answers(session, min(dates), max(dates)) if dates else {}
    names = {p.id: p.name for p in people.values()}
    result = ImportResult("availability", notes=table.notes())
    todo = {}
    for (pid, on, sess), (available, number) in sorted(wanted.items(), key=lambda item: item[1][1]):
        if stored.get((pid, on, sess)) == available:
            result.unchanged += 1
            continue
        verb = "change" if (pid, on, sess) in stored else "add"
        result.changes.append((number, f"{verb} {names[pid]} {format_date(on)} {sess}: {'Yes' if available else 'No'}"))
        todo[(pid, on, sess)] = available

    @bulk
    def apply(session: Session) -> None:
        # Only an answer already stored is deleted, in one statement run for each (not one query a row).
        stored_keys = [{"pid": pid, "on": on, "sess": sess} for pid, on, sess in todo if (pid, on, sess) in stored]
        if stored_keys:  # at the Core level: the ORM runs no DELETE for a list of rows
            session.connection().execute(delete(Availability).where(
                Availability.invigilator_id == bindparam("pid"), Availability.on == bindparam("on"),
                Availability.session == bindparam("sess")), stored_keys)  # fmt: skip
        if todo:
            session.execute(insert(Availability), [{"invigilator_id": pid, "on": on, "session": sess, "available": a}
                                                   for (pid, on, sess), a in todo.items()])  # fmt: skip
            audit.record(session, "update", "invigilator", None, f"{len(todo)} availability answers imported")

    result.apply = apply
    return result


def _desks(cells: dict[str, Any], at: tables.Locate, current: Room | None, capacity: int) -> RoomLayout | None:
    """The room's desk layout from optional Rows and Columns, given together or not at all.

    With them the room gets that grid, keeping its desks switched off and its exit and
    invigilator's desk where they still fit; without them a room keeps the layout it has.
    Either way the desks beyond the capacity are switched off at the back right, so a
    capacity above rows x columns is refused.
    """
    given = {h: not blank(cells[h]) if h in cells else False for h in ("Rows", "Columns")}
    stored = current.fields.layout if current else None
    if given["Rows"] != given["Columns"]:
        with at("Columns" if given["Rows"] else "Rows"):
            raise InputError("Rows and Columns go together: give both, or leave both blank to keep the desks as they are")
    if given["Rows"]:
        with at("Rows"):
            rows = whole_number(cells["Rows"], "rows of desks", 1, MAX_ROWS, required=True)
        with at("Columns"):
            columns = whole_number(cells["Columns"], "columns of desks", 1, MAX_COLUMNS, required=True)
        stored = replace(stored, rows=rows, columns=columns) if stored else RoomLayout(rows, columns)
    if stored is None:
        return None
    with at("Capacity"):
        return fit_to_capacity(stored, capacity)


@bulk
def check_rooms(session: Session, table: Table) -> ImportResult:
    existing = {r.name.casefold(): r for r in rooms(session)}
    result = ImportResult("rooms", notes=table.notes())
    seen: dict[str, int] = {}
    todo: list[tuple[int | None, RoomFields]] = []
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at("Room"):
            name = _unique_name(cells["Room"], seen, row.number, "room name")
        current = existing.get(name.casefold())
        with at("Capacity"):
            capacity = whole_number(cells["Capacity"], "seats", required=True)
        flags: dict[str, bool] = {}
        for header, attr in (("On-screen", "on_screen"), ("Separate", "separate")):
            if header in cells and not blank(cells[header]):
                with at(header):
                    flags[attr] = yes_no(cells[header], required=True)  # never blank here
        layout = _desks(cells, at, current, capacity)
        base = current.fields if current else RoomFields(name, capacity)
        with at():
            values = validate_room(replace(base, name=current.name if current else name, capacity=capacity, layout=layout,
                                           **flags))  # fmt: skip
        if current is None:
            desks = f" in {layout.rows} x {layout.columns} desks" if layout else ""
            result.changes.append((row.number, f"add {name} ({capacity} seats{desks})"))
            todo.append((None, values))
        elif values != current.fields:
            result.changes.append((row.number, f"change {current.name}"))
            todo.append((current.id, values))
        else:
            result.unchanged += 1

    @bulk
    def apply(session: Session) -> None:  # two bulk calls: one room at a time read every room's name
        add_rooms(session, [values for room_id, values in todo if room_id is None])
        update_rooms(session, [(room_id, values) for room_id, values in todo if room_id is not None])

    result.apply = apply
    return result


CHECKS: dict[str, Callable[[Session, Table], ImportResult]] = {
    "invigilators": check_invigilators, "availability": check_availability, "rooms": check_rooms,
}  # fmt: skip
