"""Key dates on the command line: load-reference, export keydates, import keydates; exit codes,
one-line refusals and nothing written when refused."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from sqlalchemy import select

from eoffice.db.models import KeyDate
from eoffice.db.session import Database, open_database
from eoffice.domain import audit, keydates
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.database_id import stored_database_id
from eoffice.domain.years import AcademicYear
from eoffice.io.keydates_export import HEADERS
from tests.cli.cli_helpers import Capture, one_line, run
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


def state(path: Path) -> tuple[list[tuple[object, ...]], int]:
    """Every key date field by field, and the audit count: what "nothing written" means."""
    with open_database(path, read_only=True) as db, db.session() as session:
        rows = session.scalars(select(KeyDate).order_by(KeyDate.id))
        found = [(r.id, r.year_id, r.on, r.end, r.title, r.series, r.body, r.category, r.internal_deadline,
                  r.internal_derived, r.source, r.done, r.needs_check, r.reference_key, r.edited) for r in rows]
        return found, audit.count(session)


@pytest.fixture
def centre(db: Database, db_path: Path) -> Path:
    """A centre with no key dates yet, closed so the command line can take the writer lock."""
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy", centre_number="12345"))
    db.close()
    return db_path


@pytest.fixture
def loaded(centre: Path, capsys: Capture) -> Path:
    code, _out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--db", centre)
    assert (code, err) == (0, "")
    return centre


# --- keydates load-reference ------------------------------------------------------------------------

def _past(year: AcademicYear) -> int:
    """Reference dates of ``year`` whose last day is before the test's today (23/11/2026)."""
    return sum(1 for r in keydates.load_reference() if r.year == year and (r.fields.end or r.fields.on) < TODAY)


def test_load_reference_adds_the_year_once(centre: Path, capsys: Capture) -> None:
    expected = sum(1 for r in keydates.load_reference() if r.year == YEAR)
    assert run(capsys, "keydates", "load-reference", "--year", "2026/27", "--db", centre) == (
        0, f"added {expected} reference dates to 2026/27\npast: {_past(YEAR)} dates passed before today, "
           "kept open (--past-dates done marks such dates done)\n", "")
    before = state(centre)
    assert run(capsys, "keydates", "load-reference", "--year", "2026/27", "--db", centre) == (
        0, "added 0 reference dates to 2026/27\n", "")
    assert len(before[0]) == expected and state(centre)[0] == before[0]


def test_load_reference_for_an_unknown_year_names_the_years_available(centre: Path, capsys: Capture) -> None:
    before = state(centre)
    code, out, err = run(capsys, "keydates", "load-reference", "--year", "2040/41", "--db", centre)
    assert (code, out) == (2, "")
    assert one_line(err) == "eoffice: there are no reference dates for 2040/41; eoffice has them for 2025/26 to 2035/36"
    assert state(centre) == before


def test_load_reference_refuses_a_badly_written_year(centre: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "keydates", "load-reference", "--year", "2026-27", "--db", centre)
    assert code == 2 and "'2026-27' is not an academic year: write it like 2026/27" in one_line(err)


def test_load_reference_defaults_to_the_current_year(centre: Path, capsys: Capture) -> None:
    current = AcademicYear.current()
    code, out, err = run(capsys, "keydates", "load-reference", "--db", centre)
    if current in keydates.reference_years():
        assert code == 0 and f"reference dates to {current.label}\n" in out
    else:
        assert code == 2 and f"no reference dates for {current.label}" in one_line(err)


def test_load_reference_never_creates_a_database(tmp_path: Path, capsys: Capture) -> None:
    missing = tmp_path / "missing.sqlite3"
    code, _out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--db", missing)
    assert code == 2 and "does not exist" in one_line(err) and not missing.exists()


# --- export keydates ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf", "ics"])
def test_export_each_format_reads_the_database_only(loaded: Path, tmp_path: Path, capsys: Capture, fmt: str) -> None:
    before = state(loaded)
    out = tmp_path / f"kd.{fmt}"
    assert run(capsys, "export", "keydates", "--format", fmt.upper(), "--out", out, "--db", loaded, "--year", "2026/27") == (
        0, f"exported keydates to {out}\n", "")
    assert state(loaded) == before
    n = len(before[0])
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(out).worksheets[0]
        assert [c.value for c in ws[1]] == list(HEADERS) and ws.max_row == 1 + n
    elif fmt == "csv":
        with open(out, newline="", encoding="utf-8-sig") as handle:
            assert len(list(csv.reader(handle))) == 1 + n
    elif fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF")
    else:
        uids = [str(e["UID"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
        with open_database(loaded, read_only=True) as db, db.session() as session:
            made = stored_database_id(session)  # the database's own id, made with its first key date
        assert made and sum(u.endswith(f"-external@{made}.eoffice") for u in uids) == n


def test_export_of_a_year_with_no_key_dates_is_just_the_header(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "kd.xlsx"
    assert run(capsys, "export", "keydates", "--format", "xlsx", "--out", out, "--db", loaded, "--year", "2030/31")[0] == 0
    assert openpyxl.load_workbook(out).worksheets[0].max_row == 1


def test_export_refuses_an_unknown_format(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "kd.doc"
    code, _out, err = run(capsys, "export", "keydates", "--format", "doc", "--out", out, "--db", loaded)
    assert code == 2 and one_line(err) == "eoffice: --format doc: keydates exports as xlsx or pdf or ics or csv"
    assert not out.exists()


def test_export_refuses_a_bad_year_before_writing(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "kd.xlsx"
    code, _out, err = run(capsys, "export", "keydates", "--format", "xlsx", "--out", out, "--db", loaded, "--year", "26/27")
    assert code == 2 and "is not an academic year" in one_line(err) and not out.exists()


# --- import keydates ------------------------------------------------------------------------------

def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows([["Date", "Title", "Series", "Body", "Category", "Internal deadline"], *rows])
    return path


ROWS = [
    ["21/02/2027", "AQA: summer series entries due", "Summer", "AQA", "Entries", ""],  # from the reference
    ["22/02/2027", "AQA entries deadline", "summer", "aqa", "entries", ""],
    ["12/03/2027", "Eduqas moderation sample", "Summer", "Eduqas", "Coursework/NEA", "05/03/2027"],
]


def test_import_dry_run_reports_and_writes_nothing(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    before = state(loaded)
    code, out, err = run(capsys, "import", "keydates", write_csv(tmp_path / "d.csv", ROWS), "--db", loaded, "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "row 2: unchanged 'AQA: summer series entries due' on 21/02/2027 (already there)",
        "row 3: add 'AQA entries deadline' on 22/02/2027",
        "row 4: add 'Eduqas moderation sample' on 12/03/2027",
        "2 to add, 1 unchanged",
        "dry run: nothing was written",
    ]
    assert state(loaded) == before


def test_import_adds_the_new_rows(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    before = state(loaded)
    path = write_csv(tmp_path / "d.csv", ROWS)
    code, out, err = run(capsys, "import", "keydates", path, "--db", loaded)
    assert (code, err) == (0, "") and out.splitlines()[-1] == "2 added, 1 unchanged"
    after = state(loaded)
    assert len(after[0]) == len(before[0]) + 2 and after[1] > before[1]
    added = {row[4]: row for row in after[0][len(before[0]):]}
    assert added["Eduqas moderation sample"][6:10] == ("WJEC/Eduqas", "coursework", date(2027, 3, 5), False)
    assert run(capsys, "import", "keydates", path, "--db", loaded)[1].splitlines()[-1] == "0 added, 3 unchanged"


def test_a_bad_cell_exits_2_with_one_line_and_writes_nothing(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    before = state(loaded)
    path = write_csv(tmp_path / "d.csv", [ROWS[1], ["23/02/2027", "Entries", "Summer", "Ofqual", "entries", ""]])
    code, out, err = run(capsys, "import", "keydates", path, "--db", loaded)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"eoffice: {path}, row 3, column 'Body': 'Ofqual' is not an awarding body")
    assert state(loaded) == before


def test_a_bad_file_is_refused_before_the_database_is_opened(tmp_path: Path, capsys: Capture) -> None:
    missing = tmp_path / "missing.sqlite3"
    path = write_csv(tmp_path / "d.csv", [["31/02/2027", "Entries", "Summer", "AQA", "entries", ""]])
    code, _out, err = run(capsys, "import", "keydates", path, "--db", missing)
    assert code == 2 and one_line(err) == (
        f"eoffice: {path}, row 2, column 'Date': '31/02/2027' is not a real date (there is no such day)")
    assert not missing.exists()


def test_importing_a_file_that_is_not_there(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "import", "keydates", tmp_path / "nope.xlsx", "--db", loaded)
    assert code == 2 and one_line(err) == f"eoffice: {tmp_path / 'nope.xlsx'}: there is no such file"


def test_load_reference_mid_year_marks_the_dates_already_past_done_when_asked(centre: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--past-dates", "done", "--db", centre)
    assert (code, err) == (0, "") and out.splitlines()[-1] == f"past: {_past(YEAR)} dates passed before today, marked done"
    with open_database(centre, read_only=True) as db, db.session() as session:
        records = keydates.key_dates(session, YEAR)
    assert not any(keydates.is_overdue(r, TODAY) for r in records)
    assert sum(r.done for r in records) == _past(YEAR)


def test_load_reference_for_a_year_not_yet_begun_asks_nothing(centre: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "keydates", "load-reference", "--year", "2025/26", "--past-dates", "done", "--db", centre)
    assert code == 0 and "past:" not in out  # a year over: its record, not a start mid-year
