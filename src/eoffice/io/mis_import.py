"""Reading the cells of an imported table, and what the MIS imports report.

Every importer (the MIS's candidates, timetable, entries and arrangements; the plan;
key dates; the invigilation team and rooms) reads its file with ``tables.read_table``
and its cells with the functions here, so a date, a number or a Yes is read one way and
refused in the same words wherever it stands. They are tolerant of form (a real Excel
date or DD/MM/YYYY text, ``8`` or ``8.0``, "Y" or "x") and strict about meaning: a bad
cell raises a plain ``InputError`` that the importer locates by row and column with
``Table.located``, and one bad cell refuses the whole file before anything is written.

An import may be 100,000 rows, so each step is linear and in bulk: the file is read once
within ``table_import``'s limits, what the database holds is read once before the rows
are checked (never a query a row), the checked rows are written by the domain's bulk
functions (``add_papers``...), and reading, checking and writing run under
``domain.bulk.bulk``, so that the garbage collector does not walk the growing heap again
and again (it took a third of the time).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any, Literal, overload

from eoffice.domain.access import format_number, parse_number
from eoffice.domain.dates import format_date, parse_date
from eoffice.domain.plan import choice
from eoffice.errors import InputError
from eoffice.io.tables import Table, blank

YES = frozenset({"yes", "y", "true", "1", "x", "✓", "available"})
NO = frozenset({"no", "n", "false", "0", "not available", "unavailable"})


@dataclass
class ImportResult:
    """What an import would do, row by row; lines name records, never health details."""

    what: str  # "candidates", "papers", ...
    changes: list[tuple[int, str]] = field(default_factory=list)  # (row, line)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    actions: list[Any] = field(default_factory=list)  # what apply writes, importer-specific
    notes: list[str] = field(default_factory=list)  # about the file, e.g. columns not read

    @classmethod
    def of(cls, what: str, table: Table) -> ImportResult:
        return cls(what, notes=table.notes())

    def add(self, row: int, line: str, action: Any) -> None:
        self.changes.append((row, f"row {row}: {line}"))
        self.added += 1
        self.actions.append(action)

    def update(self, row: int, line: str, action: Any) -> None:
        self.changes.append((row, f"row {row}: {line}"))
        self.updated += 1
        self.actions.append(action)

    def lines(self) -> list[str]:
        return [*self.notes, *(line for _row, line in sorted(self.changes))]

    def summary(self, *, dry_run: bool) -> str:
        if dry_run:
            return f"{self.what}: {self.added} to add, {self.updated} to update, {self.unchanged} unchanged"
        return f"{self.what}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"


# --- reading cells ------------------------------------------------------------------

def text(value: object, *, collapse: bool = True) -> str:
    """A cell as text: ``42.0`` from Excel is ``42``, a date is DD/MM/YYYY. Runs of spaces
    become one unless ``collapse`` is off (notes keep their lines)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return format_date(value)
    return " ".join(str(value).split()) if collapse else str(value).strip()


def _a(what: str) -> str:
    return f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"


@overload
def date_cell(value: object, what: str = "date", *, required: Literal[True]) -> date: ...
@overload
def date_cell(value: object, what: str = "date", *, required: bool = False) -> date | None: ...
def date_cell(value: object, what: str = "date", *, required: bool = False) -> date | None:
    """A real Excel date, or DD/MM/YYYY or ISO text; blank is None unless ``required``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if blank(value):
        if required:
            raise InputError(f"the {what} is empty; write it as DD/MM/YYYY")
        return None
    if isinstance(value, str):
        return _date_text(value, what)
    raise InputError(f"{text(value)} is not {_a(what)}; write it as DD/MM/YYYY")  # e.g. a date Excel shows as 45000


@lru_cache(maxsize=4096)
def _date_text(value: str, what: str) -> date:
    """``parse_date``, worked out once a text: a column of 100,000 dates holds a few hundred
    different ones. (A refusal is not kept: it is worked out, and raised, each time.)"""
    return parse_date(value, what=what)


@overload
def whole_number(value: object, what: str, low: int | None = None, high: int | None = None, *,
                 required: Literal[True]) -> int: ...
@overload
def whole_number(value: object, what: str, low: int | None = None, high: int | None = None, *,
                 required: bool = False) -> int | None: ...
def whole_number(value: object, what: str, low: int | None = None, high: int | None = None, *,
                 required: bool = False) -> int | None:
    """A count of ``what`` ("seats"): ``8``, ``8.0`` from Excel or ``"8"``; never 8.5 or "eight".
    Blank is None unless ``required``; ``low`` and ``high``, given together, bound it."""
    if blank(value):
        if required:
            raise InputError(f"the number of {what} is empty; write a whole number")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value)
    use = f": use {low} to {high}" if low is not None and high is not None else ""
    if isinstance(value, bool) or not (raw.isdigit() and raw.isascii()):
        raise InputError(f"{raw!r} is not a whole number of {what}{use}")
    number = int(raw)
    if use and not low <= number <= high:  # type: ignore[operator]
        raise InputError(f"{number} {what} is out of range{use}")
    return number


@overload
def yes_no(value: object, *, required: Literal[True]) -> bool: ...
@overload
def yes_no(value: object, *, required: bool = False) -> bool | None: ...
def yes_no(value: object, *, required: bool = False) -> bool | None:
    """Yes/No, Y/N, True/False, 1/0, a tick or an x; blank is None unless ``required``."""
    if isinstance(value, bool):
        return value
    if blank(value):
        if required:
            raise InputError("the cell is empty; write Yes or No")
        return None
    word = text(value).casefold()
    if word in YES or word in NO:
        return word in YES
    raise InputError(f"{text(value)!r} is not Yes or No")


class Chooser:
    """``plan.choice`` for one column, each answer remembered: a column of 100,000 cells holds
    a handful of different words. ``choice`` stays the rule: it is asked the first time a
    word is seen, and every time for a word it refuses (a refusal is never remembered)."""

    def __init__(self, options: dict[str, str], what: str) -> None:
        self.options, self.what = options, what
        self.known: dict[str, str] = {}

    def __call__(self, value: object) -> str:
        if not isinstance(value, str):
            return choice(value, self.options, self.what)
        found = self.known.get(value)
        if found is None:
            found = self.known[value] = choice(value, self.options, self.what)
        return found


def known_candidate(value: object, ids: Mapping[int, int]) -> tuple[int, int]:
    """A candidate number already in eoffice, and the candidate's id: an entry or an
    arrangement for a pupil not yet imported would otherwise vanish silently."""
    number = parse_number(value)
    if number not in ids:
        raise InputError(f"there is no candidate {format_number(number)}; import the candidates first")
    return number, ids[number]


def minutes_cell(value: object) -> object:
    """Excel shows 1:30 typed in a cell as a time; read it as 90 minutes."""
    if isinstance(value, time | datetime):
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
