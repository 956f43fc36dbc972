"""Importing invigilators, availability and rooms from Excel or CSV: tolerant of form, strict about meaning."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.roster import answers, invigilators, rooms
from eoffice.errors import InputError
from eoffice.io.roster_import import CHECKS, read_table
from tests.domain.roster_helpers import invigilator

DAY = date(2027, 5, 18)


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    return path


def run(db: Database, path: Path, kind: str) -> list[str]:
    table = read_table(path, kind)
    with db.session() as session:
        result = CHECKS[kind](session, table)
        result.apply(session)
    return result.lines()


def test_invigilators_from_excel_with_real_dates_and_labels(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "team.xlsx", [
        ["Invigilator list, summer"],
        ["name", "EMAIL", "Roles", "Trained On", "DBS Checked On", "Max Per Day", "Max Per Week", "Hourly Rate", "Notes"],
        ["Siân  Lloyd", "sian@example.org", "Reader; Invigilator", datetime(2026, 9, 20), "10/01/2025", 1, 8, "£12.71", "x"],
        ["Łukasz Nowak", "", "", "2026-10-01", None, None, None, 13, ""],
        [None, None, None, None, None, None, None, None, None],
    ])  # fmt: skip
    assert run(db, path, "invigilators") == ["column not read (not known to this import): 'Notes'",
                                             "row 3: add Siân Lloyd", "row 4: add Łukasz Nowak"]
    with db.session() as session:
        people = {p.name: p for p in invigilators(session)}
    sian = people["Siân Lloyd"]
    assert sian.roles == ("invigilator", "reader")
    assert (sian.trained_on, sian.dbs_checked_on, sian.max_per_day, sian.max_per_week) == (
        date(2026, 9, 20), date(2025, 1, 10), 1, 8)  # fmt: skip
    assert sian.hourly_rate_pence == 1271
    assert people["Łukasz Nowak"].roles == ("invigilator",) and people["Łukasz Nowak"].hourly_rate_pence == 1300


def test_importing_again_updates_by_name_and_counts_the_rest_unchanged(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        invigilator(session, "Ann Ellis", max_per_week=10)
    path = write_csv(tmp_path / "team.csv", [["Name", "Max Per Week"], ["ann ellis", "6"], ["Bob Kerr", ""]])
    table = read_table(path, "invigilators")
    with db.session() as session:
        result = CHECKS["invigilators"](session, table)
        assert result.lines() == ["row 2: change Ann Ellis: max_per_week", "row 3: add Bob Kerr"]
        assert result.summary(dry_run=True) == "1 to add, 1 to change, 0 unchanged"
        result.apply(session)
    with db.session() as session:
        again = CHECKS["invigilators"](session, read_table(path, "invigilators"))
        assert (again.changes, again.unchanged) == ([], 2)


@pytest.mark.parametrize("write", [write_csv, xlsx], ids=["csv", "xlsx"])
def test_blank_cells_keep_what_is_stored(db: Database, tmp_path: Path, write: Callable[[Path, list], Path]) -> None:
    """A partial HR list (names and a few columns) must never wipe training or DBS dates: that blocks people."""
    with db.session() as session:
        invigilator(session, "Graham Rowntree", ("invigilator", "reader"), email="graham@example.org",
                    phone="07700 900123", max_per_day=1, max_per_week=6, hourly_rate_pence=1350)  # fmt: skip
        before = invigilators(session)[0].fields
    headers = ["Name", "Email", "Phone", "Roles", "Trained On", "DBS Checked On", "Max Per Day", "Max Per Week",
               "Hourly Rate"]  # fmt: skip
    rows = [headers, ["Graham Rowntree", "", None, "", " ", None, "", None, ""], ["New Person", *[""] * 8]]
    table = read_table(write(tmp_path / f"blank.{'csv' if write is write_csv else 'xlsx'}", rows), "invigilators")
    with db.session() as session:
        result = CHECKS["invigilators"](session, table)
        assert result.lines() == ["row 3: add New Person"]
        assert result.unchanged == 1
        result.apply(session)
    with db.session() as session:
        people = {p.name: p for p in invigilators(session)}
    assert people["Graham Rowntree"].fields == before
    newcomer = people["New Person"]
    assert (newcomer.trained_on, newcomer.dbs_checked_on, newcomer.fields.email) == (None, None, "")


def test_a_filled_date_cell_still_changes_the_date(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        invigilator(session, "Graham Rowntree")
    path = write_csv(tmp_path / "dates.csv", [["Name", "Trained On", "DBS Checked On"], ["Graham Rowntree", "01/10/2026", ""]])
    assert run(db, path, "invigilators") == ["row 2: change Graham Rowntree: trained_on"]
    with db.session() as session:
        graham = invigilators(session)[0]
    assert (graham.trained_on, graham.dbs_checked_on) == (date(2026, 10, 1), date(2025, 1, 10))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Name", "Roles"], ["Ann", "Driver"]], "row 2, column 'Roles': 'Driver' is not a role"),
        ([["Name", "Trained On"], ["Ann", "31/02/2027"]], "row 2, column 'Trained On': '31/02/2027' is not a real date"),
        ([["Name", "Max Per Day"], ["Ann", "two"]], "row 2, column 'Max Per Day': 'two' is not a whole number"),
        ([["Name", "Max Per Day"], ["Ann", "3"]], "row 2: the most sessions per day must be"),
        ([["Name", "Hourly Rate"], ["Ann", "lots"]], "row 2, column 'Hourly Rate': 'lots' is not an hourly rate"),
        ([["Name"], ["Ann"], ["ANN"]], "row 3, column 'Name': ANN is also on row 2"),
        ([["Email"], ["a@b.c"]], "no header row found in the first 20 rows; the file needs: Name "),
    ],
)
def test_one_bad_cell_refuses_the_whole_file(db: Database, tmp_path: Path, rows: list[list[object]], message: str) -> None:
    path = write_csv(tmp_path / "bad.csv", rows)
    with db.session() as session, pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        CHECKS["invigilators"](session, read_table(path, "invigilators"))
    with db.session() as session:
        assert invigilators(session) == []


def test_availability_with_all_day_answers(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        ann = invigilator(session, "Ann Ellis")
        bob = invigilator(session, "Bob Kerr")
    path = write_csv(tmp_path / "availability.csv", [
        ["Name", "Date", "Session", "Available"],
        ["Ann Ellis", "18/05/2027", "All", "No"], ["bob kerr", "2027-05-18", "pm", "y"], ["Ann Ellis", "18/05/2027", "AM", "No"],
    ])  # fmt: skip
    lines = run(db, path, "availability")
    assert lines[0] == "row 2: add Ann Ellis 18/05/2027 AM: No"
    with db.session() as session:
        assert answers(session, DAY, DAY) == {(ann, DAY, "AM"): False, (ann, DAY, "PM"): False, (bob, DAY, "PM"): True}
        assert audit.entries(session, limit=1)[0].summary == "3 availability answers imported"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["Zed", "18/05/2027", "AM", "Yes"], "there is no invigilator called 'Zed'; import invigilators first"),
        (["Ann Ellis", "18/05/2027", "Evening", "Yes"], "'Evening' is not a session; use AM, PM or All"),
        (["Ann Ellis", "18/05/2027", "AM", "Maybe"], "'Maybe' is not Yes or No"),
        (["Ann Ellis", "", "AM", "Yes"], "the date is empty"),
    ],
)
def test_bad_availability_rows(db: Database, tmp_path: Path, row: list[str], message: str) -> None:
    with db.session() as session:
        invigilator(session, "Ann Ellis")
    path = write_csv(tmp_path / "availability.csv", [["Name", "Date", "Session", "Available"], row])
    with db.session() as session, pytest.raises(InputError, match=message):
        CHECKS["availability"](session, read_table(path, "availability"))


def test_opposite_answers_for_one_session_are_refused(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        invigilator(session, "Ann Ellis")
    path = write_csv(tmp_path / "a.csv", [["Name", "Date", "Session", "Available"],
                                          ["Ann Ellis", "18/05/2027", "All", "Yes"], ["Ann Ellis", "18/05/2027", "PM", "No"]])  # fmt: skip
    with db.session() as session, pytest.raises(InputError, match="row 3: row 2 gives the opposite answer"):
        CHECKS["availability"](session, read_table(path, "availability"))


def test_rooms(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "roster.xlsx", [["Room", "Capacity", "On-screen", "Separate"], ["Sports Hall", 120, "No", ""],
                                          ["Library", "30", "Yes", "No"], ["Room S1", 2, None, "x"]])  # fmt: skip
    assert run(db, path, "rooms") == ["row 2: add Sports Hall (120 seats)", "row 3: add Library (30 seats)",
                                      "row 4: add Room S1 (2 seats)"]  # fmt: skip
    with db.session() as session:
        assert [(r.name, r.capacity, r.on_screen, r.separate) for r in rooms(session)] == [
            ("Sports Hall", 120, False, False), ("Library", 30, True, False), ("Room S1", 2, False, True)]  # fmt: skip
    update = write_csv(tmp_path / "roster.csv", [["Room", "Capacity"], ["sports hall", "100"]])
    assert run(db, update, "rooms") == ["row 2: change Sports Hall"]
    bad = write_csv(tmp_path / "bad.csv", [["Room", "Capacity"], ["Gym", "0"]])
    with db.session() as session, pytest.raises(InputError, match="row 2: the capacity must be"):
        CHECKS["rooms"](session, read_table(bad, "rooms"))


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="there is no such file"):
        read_table(tmp_path / "missing.csv", "rooms")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match=r"is not a CSV or Excel \(\.xlsx\) file"):
        read_table(tmp_path / "notes.txt", "rooms")
    (tmp_path / "fake.xlsx").write_text("not a zip")
    with pytest.raises(InputError, match="cannot be read as an Excel workbook"):
        read_table(tmp_path / "fake.xlsx", "rooms")
    (tmp_path / "latin.csv").write_bytes("Room,Capacity\nSalle \xe9,3\n".encode("latin-1"))
    assert read_table(tmp_path / "latin.csv", "rooms").rows[0].cells["Room"] == "Salle \xe9"  # Windows text is read
