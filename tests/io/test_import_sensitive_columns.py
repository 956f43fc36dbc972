"""Health data never leaks into what an import prints (issue 14): IT scripts keep the command
line's output in their logs. Every import kind declares its sensitive columns (``SENSITIVE``);
each is fed a marker, bad on its own, beside a bad cell, inside a cell too long, and with a
NUL, and nothing the command prints (stdout, stderr, the result's lines) holds the marker.
The errors still name the file, the row and the column."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

from eoffice.cli import files
from eoffice.db.session import Database
from eoffice.domain import access, audit
from eoffice.domain.access import CandidateFields
from eoffice.errors import InputError
from eoffice.io import (
    arrangement_import,
    candidate_import,
    keydates_import,
    plan_import,
    roster_import,
    timetable_import,
)
from eoffice.io.tables import NOT_SHOWN, Table, TableRow
from tests.cli.cli_helpers import Capture, run

MARKER = "SECRET-dyslexia-MARKER"
MODULES: dict[str, ModuleType] = {
    "arrangements": arrangement_import, "candidates": candidate_import, "timetable": timetable_import,
    "entries": timetable_import, "keydates": keydates_import, "plan": plan_import, "invigilators": roster_import,
    "availability": roster_import, "rooms": roster_import,
}  # fmt: skip
HEADER = ["Candidate Number", "Arrangement", "Extra Time %", "Rest Minutes Per Hour", "Status", "Approved On",
          "Expires On", "Reference", "Notes"]
GOOD = ["1", "25% extra time", "25", "5", "Approved", "01/09/2026", "", "AAO1", "Assessed in Year 10"]


# The health data each import kind reads: an arrangement's type, its extra time and rest
# breaks (they say what the candidate needs) and its notes. No other kind reads any.
SENSITIVE = {"arrangements": ("Arrangement", "Extra Time %", "Rest Minutes Per Hour", "Notes")}


def sensitive(kind: str) -> tuple[str, ...]:
    return SENSITIVE.get(kind, ())


def test_every_import_kind_says_which_of_its_columns_are_sensitive() -> None:
    assert set(MODULES) == set(files.IMPORTS)  # a new import kind must be classified here
    for kind, module in MODULES.items():
        assert set(getattr(module, "SENSITIVE", ())) == set(sensitive(kind)), kind


def write(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    if path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(list(row))
        wb.save(path)
    else:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def centre(db: Database, db_path: Path) -> Path:
    with db.session() as session:
        access.add_candidate(session, CandidateFields(1, "Evans", "Siân"))
    db.close()
    return db_path


def cases() -> list[tuple[str, str, str]]:
    """(column, how the marker is put in, kind of file) for every sensitive column of every kind."""
    found = []
    for kind in MODULES:
        for column in sensitive(kind):
            for how in ("whole cell", "beside a bad cell", "too long", "with a NUL"):
                found.append((column, how, "csv"))
            found.append((column, "whole cell", "xlsx"))
    return found


def row_with(column: str, how: str) -> list[object]:
    row: list[object] = list(GOOD)
    index = HEADER.index(column)
    row[index] = {"whole cell": MARKER, "beside a bad cell": MARKER, "too long": MARKER + " x" * 20_000,
                  "with a NUL": MARKER + "\x00"}[how]
    if how == "beside a bad cell":
        row[HEADER.index("Status" if column != "Status" else "Approved On")] = "not a status at all"
    return row


@pytest.mark.parametrize(("column", "how", "kind"), cases())
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_marker_in_a_sensitive_column_is_never_printed(tmp_path: Path, centre: Path, capsys: Capture, column: str,
                                                         how: str, kind: str, dry_run: bool) -> None:
    path = write(tmp_path / f"arrangements.{kind}", [HEADER, [*GOOD[:1], "Reader", *GOOD[2:]], row_with(column, how)])
    code, out, err = run(capsys, "import", "arrangements", path, "--db", centre, *(["--dry-run"] if dry_run else []))
    assert MARKER.casefold() not in (out + err).casefold()
    assert "dyslexia" not in (out + err).casefold()
    if code != 0:  # refused: one line, naming the file, the row and a column
        assert code == 2 and out == ""
        assert err.startswith(f"eoffice: {path}, row 3, column '") and err.count("\n") == 1, err


def test_the_arrangement_type_is_named_but_not_quoted(tmp_path: Path, centre: Path, capsys: Capture) -> None:
    path = write(tmp_path / "a.csv", [HEADER, ["1", "Reader because of severe dyslexia", *GOOD[2:]]])
    code, out, err = run(capsys, "import", "arrangements", path, "--db", centre)
    assert (code, out) == (2, "")
    assert err.startswith(f"eoffice: {path}, row 2, column 'Arrangement': the cell is not an arrangement type "
                          "eoffice knows; use one of: 25% extra time, ")
    assert "severe" not in err


@pytest.mark.parametrize(("column", "value", "says"), [
    ("Extra Time %", "MARKER 25", "the cell is not an extra time: write 25, 25%, up to 50 or over 50"),
    ("Rest Minutes Per Hour", "MARKER", "the cell is not a whole number of rest minutes per hour from 0 to 30"),
])  # fmt: skip
def test_extra_time_and_rest_breaks_are_named_but_not_quoted(tmp_path: Path, centre: Path, capsys: Capture,
                                                             column: str, value: str, says: str) -> None:
    row = list(GOOD)
    row[HEADER.index(column)] = value
    code, _out, err = run(capsys, "import", "arrangements", write(tmp_path / "a.csv", [HEADER, row]), "--db", centre)
    assert code == 2 and err.strip().endswith(f"row 2, column {column!r}: {says}")


def test_the_result_lines_of_a_good_file_never_hold_its_notes_or_type(tmp_path: Path, db: Database) -> None:
    with db.session() as session:
        access.add_candidate(session, CandidateFields(1, "Evans", "Siân"))
    row = ["1", "Reader", "", "", "Applied", "", "", "", MARKER]
    table = arrangement_import.read_arrangements(write(tmp_path / "a.csv", [HEADER, row]))
    with db.session() as session:
        result = arrangement_import.check_arrangements(session, table)
        arrangement_import.apply_arrangements(session, result)
        lines = [*result.lines(), result.summary(dry_run=False)]
        logged = [entry.summary for entry in audit.entries(session)]
    assert lines == ["row 2: add arrangement for candidate 0001", "arrangements: 1 added, 0 updated, 0 unchanged"]
    assert not any(MARKER in line or "Reader" in line for line in [*lines, *logged])


def test_a_message_that_quotes_a_sensitive_cell_all_the_same_is_said_without_it(tmp_path: Path) -> None:
    """The last guard: a domain message written for the window quotes what it refuses."""
    table = Table(tmp_path / "a.csv", {"Notes": "Notes", "Status": "Status"},
                  [TableRow(2, {"Notes": f"has {MARKER} here", "Status": "x"})], sensitive=frozenset({"Notes"}))
    with pytest.raises(InputError) as caught, table.at(2)("Status"):
        raise InputError(f"'has {MARKER}  here' is not a status")
    assert (caught.value.reason, caught.value.row, caught.value.column) == (NOT_SHOWN, 2, "Status")
    with pytest.raises(InputError) as plain, table.at(2)("Status"):
        raise InputError("'x' is not a status")  # not sensitive: said as it was
    assert plain.value.reason == "'x' is not a status"
