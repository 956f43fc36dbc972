"""The one table reader and the one set of cell readers every import uses."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from eoffice.errors import InputError
from eoffice.io import arrangement_import, candidate_import, keydates_import, plan_import, roster_import, timetable_import
from eoffice.io.mis_import import date_cell, text, whole_number, yes_no
from eoffice.io.tables import Table, located, read_table

REQUIRED, OPTIONAL = ("Candidate Number", "Surname"), ("Date of Birth",)


def csv_file(path: Path, rows: Sequence[Sequence[object]], *, sep: str = ",", encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=sep).writerows(rows)
    return path


def xlsx_file(path: Path, *sheets: Sequence[Sequence[object]]) -> Path:
    wb = openpyxl.Workbook()
    for index, rows in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def rewrite_sheet(path: Path, change: Callable[[str], str]) -> None:
    """Edit the first sheet's XML, to make files as Excel or other programs write them."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w") as target:
        for part, data in parts.items():
            target.writestr(part, data)


def refused(path: Path, *args: object, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as caught:
        read_table(path, *args, **kwargs)  # type: ignore[arg-type]
    return caught.value


# --- reading the file -----------------------------------------------------------------------

@pytest.mark.parametrize(("sep", "encoding"), [(",", "utf-8-sig"), (",", "utf-8"), (";", "cp1252"), ("\t", "utf-8")])
def test_csv_in_any_encoding_excel_writes_and_any_delimiter(tmp_path: Path, sep: str, encoding: str) -> None:
    path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname"], ["42", "Brontë"]], sep=sep, encoding=encoding)
    table = read_table(path, REQUIRED)
    assert [(r.number, r.cells) for r in table.rows] == [(2, {"Candidate Number": "42", "Surname": "Brontë"})]


def test_headers_in_any_case_spacing_or_underscores_and_named_as_written(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Export 23/11/2026"], [], ["  SURNAME ", "candidate_number", "DOB"],
                                         ["Evans", "42", "14/03/2011"]])
    table = read_table(path, REQUIRED, OPTIONAL, {"DOB": "Date of Birth"})
    assert table.headers == {"Surname": "SURNAME", "Candidate Number": "candidate_number", "Date of Birth": "DOB"}
    assert table.rows[0].number == 4 and table.unread == ()


def test_rows_blank_in_every_column_read_are_skipped(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname", "Comment"], ["42", "Evans", ""],
                                         ["", "  ", "a note on an empty row"], [], ["43", "", ""]])
    assert [r.number for r in read_table(path, REQUIRED).rows] == [2, 5]


def test_excel_reads_the_first_sheet_only_with_real_dates(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path / "c.xlsx", [[], [], ["Candidate Number", "Surname", "Date of Birth"],
                                           [42, "Evans", datetime(2011, 3, 14)]],
                     [["Candidate Number", "Surname"], [99, "Not read"]])
    table = read_table(path, REQUIRED, OPTIONAL)
    assert [(r.number, r.cells) for r in table.rows] == [
        (4, {"Candidate Number": 42, "Surname": "Evans", "Date of Birth": datetime(2011, 3, 14)})]
    elsewhere = xlsx_file(tmp_path / "d.xlsx", [["A title only"]], [["Candidate Number", "Surname"], [99, "X"]])
    assert "no header row found" in str(refused(elsewhere, REQUIRED))


def test_a_workbook_that_states_a_wrong_size_is_read_whole(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path / "c.xlsx", [["Candidate Number", "Surname"], [42, "Evans"], [43, "Khan"]])
    rewrite_sheet(path, lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1"/>', xml))
    assert [r.cells["Surname"] for r in read_table(path, REQUIRED).rows] == ["Evans", "Khan"]


def test_a_formula_with_no_saved_result_is_refused_naming_the_cell(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path / "c.xlsx", [["Candidate Number", "surname", "Notes"], [42, "=UPPER(C2)", "=1+1"]])
    error = refused(path, REQUIRED)
    assert (error.row, error.column) == (2, "surname")
    assert error.reason.startswith("the cell holds a formula with no saved result")


def test_a_formula_whose_saved_result_is_empty_text_is_blank(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path / "c.xlsx", [["Candidate Number", "Surname", "Date of Birth"], [42, "Evans", '=""']])
    rewrite_sheet(path, lambda xml: re.sub(r'<c r="C2"([^>]*)><f>', r'<c r="C2" t="str"><f>', xml))
    assert read_table(path, REQUIRED, OPTIONAL).rows[0].cells["Date of Birth"] is None


@pytest.mark.parametrize(("name", "content", "message"), [
    ("c.xls", b"old", "is an old Excel file (.xls); save it as .xlsx or CSV and import that"),
    ("c.txt", b"text", "is not a CSV or Excel (.xlsx) file"),
    ("c.xlsx", b"not a zip", "cannot be read as an Excel workbook; is it damaged, or another kind of file renamed?"),
    ("c.csv", b"Candidate Number,Surname\n42,\x81\x8d\n", "cannot be read as text"),
])  # fmt: skip
def test_files_that_cannot_be_read_are_refused_naming_the_file(tmp_path: Path, name: str, content: bytes,
                                                               message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = refused(path, REQUIRED)
    assert (error.file, error.row) == (path, None) and error.reason.startswith(message)
    assert refused(tmp_path / "missing.csv", REQUIRED).reason == "there is no such file"


# --- columns missing and columns not known ------------------------------------------------------

def test_a_header_row_missing_a_column_is_named_by_row(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Title row"], ["candidate number", "Forename"], ["42", "Siân"]])
    error = refused(path, (*REQUIRED, "Forenames"), OPTIONAL)
    assert str(error) == (f"{path}, row 2: the header row has no 'Surname' or 'Forenames' column; the file needs: "
                          "Candidate Number, Surname, Forenames (it may also have: Date of Birth)")


def test_no_header_row_at_all(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Name", "Colour"], ["Alex", "blue"]])
    assert str(refused(path, REQUIRED, advice="export it from the MIS")) == (
        f"{path}: no header row found in the first 20 rows; the file needs: Candidate Number, Surname; "
        "export it from the MIS")


def test_columns_not_known_are_noted_except_those_an_export_writes(tmp_path: Path) -> None:
    extra = [f"Extra {n}" for n in range(10)]
    path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname", "Surname", "Flag", *extra], ["42", "E", "F"]])
    table = read_table(path, REQUIRED, ignored=("flag",))
    assert table.unread == ("Surname", *extra)  # the second Surname is not read either
    assert table.notes() == ["columns not read (not known to this import): 'Surname', 'Extra 0', 'Extra 1', "
                             "'Extra 2', 'Extra 3', 'Extra 4', 'Extra 5', 'Extra 6' and 3 more"]
    one = csv_file(tmp_path / "d.csv", [["Candidate Number", "Surname", "Shoe size"]])
    assert read_table(one, REQUIRED).notes() == ["column not read (not known to this import): 'Shoe size'"]


READERS: dict[str, Callable[[Path], Table]] = {
    "candidates": candidate_import.read_candidates, "timetable": timetable_import.read_timetable,
    "entries": timetable_import.read_entries, "arrangements": arrangement_import.read_arrangements,
    "keydates": keydates_import.read_keydates_file, "plan": plan_import.read_plan_sheet,
    **{kind: (lambda path, kind=kind: roster_import.read_table(path, kind)) for kind in roster_import.COLUMNS},
}  # fmt: skip
NEEDS = {
    "candidates": candidate_import.REQUIRED, "timetable": ("Date", "Session", "Board", "Code", "Title", "Duration"),
    "entries": ("Candidate Number", "Code"), "arrangements": ("Candidate Number", "Arrangement"),
    "keydates": keydates_import.REQUIRED, "plan": plan_import.REQUIRED, **roster_import.REQUIRED,
}  # fmt: skip


@pytest.mark.parametrize("kind", READERS)
def test_every_import_reports_missing_and_unknown_columns_the_same_way(tmp_path: Path, kind: str) -> None:
    needs = NEEDS[kind]
    path = xlsx_file(tmp_path / f"{kind}.xlsx", [[*needs, "Shoe size"], ["x"] * len(needs)])
    table = READERS[kind](path)
    assert set(table.headers) == set(needs) and [r.number for r in table.rows] == [2]
    assert table.notes() == ["column not read (not known to this import): 'Shoe size'"]
    short = [needs[0].upper(), "Shoe size"] if len(needs) > 1 else ["Shoe size"]
    with pytest.raises(InputError) as caught:
        READERS[kind](xlsx_file(tmp_path / f"{kind}-short.xlsx", [short]))
    reason = caught.value.reason
    assert f"the file needs: {', '.join(needs)}" in reason and caught.value.file is not None
    if len(needs) > 1:
        assert caught.value.row == 1 and reason.startswith("the header row has no ")
        assert all(repr(n) in reason.split(";")[0] for n in needs[1:])
    else:
        assert reason.startswith("no header row found in the first 20 rows")


# --- locating errors -----------------------------------------------------------------------------

def test_located_names_file_row_and_column_as_written_once(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught, located(tmp_path / "a.csv", {"Surname": "SURNAME"}, 7, "Surname"):
        raise InputError("the surname is empty")
    assert str(caught.value) == f"{tmp_path / 'a.csv'}, row 7, column 'SURNAME': the surname is empty"
    with pytest.raises(InputError) as again, located(tmp_path / "b.csv", {}, 9, "X"):
        raise caught.value
    assert (again.value.file, again.value.row) == (tmp_path / "a.csv", 7)  # the first place stands


# --- cells ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2027, 2, 21, 9, 30), date(2027, 2, 21)), (date(2027, 2, 21), date(2027, 2, 21)),
    ("21/02/2027", date(2027, 2, 21)), (" 2027-02-21 ", date(2027, 2, 21)), ("", None), (None, None),
])  # fmt: skip
def test_dates_from_excel_uk_or_iso_text(value: object, expected: date | None) -> None:
    assert date_cell(value, "end date") == expected


@pytest.mark.parametrize(("value", "what", "message"), [
    ("", "date of birth", "the date of birth is empty; write it as DD/MM/YYYY"),
    ("31/02/2027", "expiry date", "'31/02/2027' is not a real expiry date (there is no such day)"),
    ("21/02/27", "date", "'21/02/27' is not a valid date: write the year with four digits"),
    (45000, "date", "45000 is not a date; write it as DD/MM/YYYY"),
    (45000.0, "end date", "45000 is not an end date; write it as DD/MM/YYYY"),
])  # fmt: skip
def test_bad_dates_say_what_is_wrong(value: object, what: str, message: str) -> None:
    with pytest.raises(InputError, match=f"^{re.escape(message)}$"):
        date_cell(value, what, required=True)


def test_whole_numbers() -> None:
    assert [whole_number(v, "seats") for v in (8, 8.0, " 8 ", "", None)] == [8, 8, 8, None, None]
    assert whole_number("30", "minutes per hour", 0, 30) == 30
    for value, message in [("8.5", "'8.5' is not a whole number of seats"), (True, "'True' is not a whole number of seats"),
                           ("-1", "'-1' is not a whole number of seats"), ("²", "'²' is not a whole number of seats")]:
        with pytest.raises(InputError, match=f"^{re.escape(message)}$"):
            whole_number(value, "seats")
    with pytest.raises(InputError, match="^45 minutes per hour is out of range: use 0 to 30$"):
        whole_number(45, "minutes per hour", 0, 30)
    with pytest.raises(InputError, match="^the number of seats is empty; write a whole number$"):
        whole_number(" ", "seats", required=True)


def test_yes_or_no() -> None:
    assert [yes_no(v) for v in ("Yes", "y", "X", "✓", True, 1, "no", "N", "unavailable", False, 0, "", None)] == [
        True, True, True, True, True, True, False, False, False, False, False, None, None]
    with pytest.raises(InputError, match="^'Maybe' is not Yes or No$"):
        yes_no("Maybe")
    with pytest.raises(InputError, match="^the cell is empty; write Yes or No$"):
        yes_no("", required=True)


def test_text() -> None:
    assert [text(v) for v in (None, 42.0, 4.5, date(2027, 2, 1), "  a   b \n c ")] == ["", "42", "4.5", "01/02/2027", "a b c"]
    assert text(" line one\nline two ", collapse=False) == "line one\nline two"
