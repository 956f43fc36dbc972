"""Key dates read from CSV and Excel: what is accepted, and every kind of bad cell refused whole."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from eoffice.db.session import Database, open_database
from eoffice.domain import audit, keydates, settings
from eoffice.domain.keydates import KeyDateRecord
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.io import keydates_export
from eoffice.io.keydates_import import apply_import, keydates_import, read_keydates_file
from tests.conftest import TODAY

YEAR = AcademicYear(2026)
HEADER = ["Date", "Title", "Series", "Body", "Category", "End", "Internal deadline", "Source"]
GOOD = [
    ["21/02/2027", "AQA entries deadline", "Summer", "AQA", "Entries", "", "", "AQA key dates"],
    ["2026-11-04", "Eduqas November resits start", "november", "Eduqas", "timetable", "2026-11-12", "", ""],
    ["15/05/2027", "WJEC NEA marks", "SUMMER", "wjec", "coursework/nea", "", "01/05/2027", "WJEC"],
    ["31/10/2025", "NCN update last year", "All year", "jcq", "centre_admin", "", "", ""],
]


def write_csv(path: Path, rows: list[list[object]], *, bom: bool = True, header: list[str] = HEADER) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def write_xlsx(path: Path, rows: list[list[object]], *, header: list[str] = HEADER) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def every_key_date(db: Database) -> list[KeyDateRecord]:
    with db.session() as session:
        return [r for y in (YEAR.previous(), YEAR, YEAR.next()) for r in keydates.key_dates(session, y)]


def audit_count(db: Database) -> int:
    with db.session() as session:
        return audit.count(session)


def run_import(db: Database, path: Path) -> list[str]:
    sheet = read_keydates_file(path)
    with db.session() as session:
        result = keydates_import(session, sheet)
        apply_import(session, result)
    return [*result.lines(), result.summary(dry_run=False)]


# --- what is accepted --------------------------------------------------------------------------------

@pytest.mark.parametrize("bom", [True, False], ids=["with BOM", "without BOM"])
def test_csv_rows_are_added_to_the_year_of_their_date(db: Database, tmp_path: Path, bom: bool) -> None:
    lines = run_import(db, write_csv(tmp_path / "dates.csv", GOOD, bom=bom))
    assert lines[0] == "row 2: add 'AQA entries deadline' on 21/02/2027"
    assert lines[-1] == "4 added, 0 unchanged"
    found = {r.title: r for r in every_key_date(db)}
    aqa = found["AQA entries deadline"]
    assert (aqa.year, aqa.series, aqa.body, aqa.category, aqa.source) == (YEAR, "Summer", "AQA", "entries", "AQA key dates")
    assert aqa.fields.internal_derived and aqa.internal_deadline == date(2027, 2, 5)  # derived from the settings
    eduqas = found["Eduqas November resits start"]
    assert (eduqas.on, eduqas.end, eduqas.series, eduqas.body) == (date(2026, 11, 4), date(2026, 11, 12), "November", "WJEC/Eduqas")
    nea = found["WJEC NEA marks"]
    assert (nea.body, nea.category, nea.internal_deadline) == ("WJEC/Eduqas", "coursework", date(2027, 5, 1))
    assert not nea.fields.internal_derived  # typed in the file
    assert found["NCN update last year"].year == AcademicYear(2025)


def test_headers_in_any_order_and_case_and_real_excel_dates(db: Database, tmp_path: Path) -> None:
    header = ["source", "BODY", "Internal Deadline", "title", "category", "series", "date"]
    rows = [["AQA", "AQA", None, "AQA entries", "entries", "Summer", datetime(2027, 2, 21)],
            ["", "Pearson Edexcel", datetime(2026, 10, 1), "Pearson entries", "Entries", "november", "04/10/2026"]]
    lines = run_import(db, write_xlsx(tmp_path / "dates.xlsx", rows, header=header))
    assert lines[-1] == "2 added, 0 unchanged"
    found = {r.title: r for r in every_key_date(db)}
    assert found["AQA entries"].on == date(2027, 2, 21)
    assert (found["Pearson entries"].body, found["Pearson entries"].internal_deadline) == ("Pearson", date(2026, 10, 1))


def test_importing_twice_reports_unchanged_and_adds_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dates.csv", GOOD)
    run_import(db, path)
    before = (every_key_date(db), audit_count(db))
    lines = run_import(db, path)
    assert lines[0] == "row 2: unchanged 'AQA entries deadline' on 21/02/2027 (already there)"
    assert lines[-1] == "0 added, 4 unchanged"
    assert (every_key_date(db), audit_count(db)) == before


def test_the_same_row_twice_in_one_file_is_added_once(db: Database, tmp_path: Path) -> None:
    assert run_import(db, write_csv(tmp_path / "d.csv", [GOOD[0], GOOD[0]]))[-1] == "1 added, 1 unchanged"


def test_checking_writes_nothing(db: Database, tmp_path: Path) -> None:
    before = (every_key_date(db), audit_count(db))
    with db.session() as session:
        result = keydates_import(session, read_keydates_file(write_csv(tmp_path / "d.csv", GOOD)))
    assert len(result.additions) == 4 and result.summary(dry_run=True) == "4 to add, 0 unchanged"
    assert (every_key_date(db), audit_count(db)) == before


def test_blank_rows_are_skipped_and_a_title_row_above_the_header_is_allowed(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Key dates from the network meeting"], [], HEADER, GOOD[0], [""] * 8, GOOD[1]])
    lines = run_import(db, path)
    assert lines[:2] == ["row 4: add 'AQA entries deadline' on 21/02/2027",
                         "row 6: add 'Eduqas November resits start' on 04/11/2026"]


def test_an_eoffice_export_reads_back(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        keydates.load_reference_dates(session, YEAR)
        records = keydates.key_dates(session, YEAR)
    out = keydates_export.write_keydates_xlsx(tmp_path / "kd.xlsx", YEAR, records, TODAY)
    lines = run_import(db, out)
    assert lines[-1] == f"0 added, {len(records)} unchanged"  # the Deadlines sheet is not read
    assert lines[0].startswith("row ")  # ID, Countdown, Done and Check are the export's own: no note
    csv_out = keydates_export.write_keydates_csv(tmp_path / "kd.csv", YEAR, records, TODAY)
    assert run_import(db, csv_out)[-1] == f"0 added, {len(records)} unchanged"


def test_an_export_read_into_another_database_keeps_worked_out_deadlines_worked_out(
    db: Database, tmp_path: Path
) -> None:
    """The export writes every internal deadline; one equal to the worked-out date is not the officer's own."""
    with db.session() as session:
        keydates.load_reference_dates(session, YEAR)
        first = keydates.key_dates(session, YEAR)[0]
        keydates.update_key_date(session, first.id, replace(first.fields, internal_deadline=first.on,
                                                            internal_derived=False))  # fmt: skip
        records = keydates.key_dates(session, YEAR)
    out = keydates_export.write_keydates_xlsx(tmp_path / "kd.xlsx", YEAR, records, TODAY)
    with open_database(tmp_path / "other.sqlite3") as other:
        run_import(other, out)
        with other.session() as session:
            read = {(r.on, r.title): r.fields for r in keydates.key_dates(session, YEAR)}
    assert len(read) == len(records)
    for record in records:
        assert read[(record.on, record.title)].internal_derived == record.fields.internal_derived, record.title
        assert read[(record.on, record.title)].internal_deadline == record.internal_deadline
    assert sum(not r.fields.internal_derived for r in records) == 1


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_only_a_row_that_gives_an_internal_deadline_is_typed(db: Database, tmp_path: Path, kind: str) -> None:
    """A blank or missing Internal deadline leaves the deadline derived, so a new setting moves it."""
    rows: list[list[object]] = [
        ["21/02/2027", "Blank cell", "Summer", "AQA", "Entries", "", ""],
        ["21/02/2027", "Typed", "Summer", "OCR", "Entries", "", "01/02/2027"],
        ["21/02/2027", "Spaces only", "Summer", "Pearson", "Entries", "", "   "],
    ]
    write = write_csv if kind == "csv" else write_xlsx
    run_import(db, write(tmp_path / f"with.{kind}", rows, header=HEADER[:7]))
    no_column = [["04/03/2027", "No column", "Summer", "AQA", "coursework"]]
    run_import(db, write(tmp_path / f"without.{kind}", no_column, header=HEADER[:5]))
    derived = ("Blank cell", "Spaces only", "No column")
    with db.session() as session:
        before = {r.title: r for r in keydates.key_dates(session, YEAR)}
        for title in derived:
            record = before[title]
            assert record.fields.internal_derived, title
            assert record.internal_deadline == keydates.derive_internal_deadline(session, record.on, record.category)
        assert not before["Typed"].fields.internal_derived and before["Typed"].internal_deadline == date(2027, 2, 1)
        settings.put(session, "keydates.internal_days.entries", 3)
        settings.put(session, "keydates.internal_days.coursework", 2)
        assert keydates.rederive_internal_deadlines(session, YEAR) == 3
        after = {r.title: r for r in keydates.key_dates(session, YEAR)}
        for title in derived:
            record = after[title]
            assert record.internal_deadline == keydates.derive_internal_deadline(session, record.on, record.category)
            assert record.internal_deadline > before[title].internal_deadline, title  # fewer days: later
    assert after["Typed"].fields == before["Typed"].fields  # a typed deadline is the officer's, kept as typed


# --- every kind of bad cell -------------------------------------------------------------------------

BAD_CELLS = [
    ("Date", "", "the date is empty; write it as DD/MM/YYYY"),
    ("Date", "31/02/2027", "'31/02/2027' is not a real date (there is no such day)"),
    ("Date", "21/02/27", "'21/02/27' is not a valid date: write the year with four digits"),
    ("Date", "next Friday", "'next Friday' is not a valid date: write it as DD/MM/YYYY"),
    ("Title", "  ", "the key date needs a title"),
    ("Title", "x" * 301, "the title is longer than 300 characters"),
    ("Series", "March", "'March' is not a series; use one of: November, January, Summer, All year"),
    ("Series", "", "the series is empty; use one of: November, January, Summer, All year"),
    ("Body", "Ofqual", "'Ofqual' is not an awarding body; use one of: JCQ, AQA, OCR"),
    ("Category", "Exams", "'Exams' is not a category; use one of: Entries, Access arrangements"),
    ("End", "20/02/2027", "the end date 20/02/2027 is before the date 21/02/2027"),
    ("End", "soon", "'soon' is not a valid end date: write it as DD/MM/YYYY"),
    ("Internal deadline", "22/02/2027", "the internal deadline 22/02/2027 is after the date 21/02/2027"),
    ("Internal deadline", "2027-02-30", "'2027-02-30' is not a real internal deadline (there is no such day)"),
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS, ids=[f"{c}-{v[:12]!r}" for c, v, _ in BAD_CELLS])
def test_a_bad_cell_refuses_the_whole_file_naming_row_and_column(
    db: Database, tmp_path: Path, kind: str, column: str, value: str, message: str
) -> None:
    bad = list(GOOD[0])
    bad[HEADER.index(column)] = value
    rows = [GOOD[1], bad, GOOD[2]]
    path = write_csv(tmp_path / "d.csv", rows) if kind == "csv" else write_xlsx(tmp_path / "d.xlsx", rows)
    before = (every_key_date(db), audit_count(db))
    with pytest.raises(InputError) as caught:
        run_import(db, path)
    assert str(caught.value).startswith(f"{path}, row 3, column {column!r}: {message}")
    assert len(str(caught.value).splitlines()) == 1
    assert (every_key_date(db), audit_count(db)) == before


def test_a_number_where_a_date_belongs_in_excel_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [[45000, "Entries", "Summer", "AQA", "entries"]], header=HEADER[:5])
    with pytest.raises(InputError, match=r"row 2, column 'Date': 45000 is not a date"):
        run_import(db, path)


def test_the_column_is_named_as_the_file_writes_it(db: Database, tmp_path: Path) -> None:
    header = ["date", "TITLE", "series", "awarding body", "category"]
    path = write_csv(tmp_path / "d.csv", [["21/02/2027", "Entries", "Summer", "Ofqual", "entries"]], header=header)
    with pytest.raises(InputError, match=r"row 2, column 'awarding body': 'Ofqual'"):
        run_import(db, path)


# --- bad files ----------------------------------------------------------------------------------------

def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [GOOD[0][:3]], header=["Date", "Title", "Series"])
    with pytest.raises(InputError) as caught:
        read_keydates_file(path)
    assert str(caught.value) == (f"{path}, row 1: the header row has no 'Body' or 'Category' column; the file needs: "
                                 "Date, Title, Series, Body, Category (it may also have: End, Internal deadline, Source)")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("d.csv", b"Name,Day\nx,y\n", "no header row found in the first 20 rows; the file needs: Date, Title"),
        ("d.txt", b"Date,Title", "is not a CSV or Excel (.xlsx) file"),
        ("d.xlsx", b"not a zip file", "cannot be read as an Excel workbook"),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_keydates_file(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_a_file_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="there is no such file"):
        read_keydates_file(tmp_path / "nope.csv")


def test_a_formula_with_no_saved_result_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [["=DATE(2027,2,21)", "Entries", "Summer", "AQA", "entries"]], header=HEADER[:5])
    with pytest.raises(InputError, match=r"row 2, column 'Date': the cell holds a formula with no saved result"):
        read_keydates_file(path)
