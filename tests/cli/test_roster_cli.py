"""The roster's command line: solve (JSON keys, exit codes), imports with --dry-run, exports."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from eoffice.db.models import Assignment
from eoffice.db.session import Database, open_database
from eoffice.domain import audit
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.roster import assign
from tests.cli.cli_helpers import Capture, run
from tests.domain.roster_helpers import arrange, invigilator, room, sitting

DAY = date(2027, 5, 18)
SCOPE = ("--year", "2026/27", "--from", "01/09/2026")


def state(path: Path) -> tuple[list[tuple[object, ...]], int]:
    with open_database(path, read_only=True) as db, db.session() as session:
        rows = [(a.invigilator_id, a.on, a.session, a.room_id, a.role, a.locked)
                for a in session.scalars(select(Assignment).order_by(Assignment.id))]  # fmt: skip
        return rows, audit.count(session)


@pytest.fixture
def centre(db: Database, db_path: Path) -> Path:
    """31 candidates (one with a reader) on Tue 18 May AM; three invigilators, one of them locked in."""
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy", centre_number="12345"))
        hall = room(session, "Sports Hall", 100)
        room(session, "Room S1", 1, separate=True)
        _pid, ids = sitting(session, 32, DAY, "AM")
        arrange(session, ids[0], need="reader")
        ann = invigilator(session, "Ann Ellis")
        invigilator(session, "Bob Kerr", ("invigilator", "reader"))
        invigilator(session, "Cat Dobson", trained=date(2026, 6, 1))
        assign(session, ann, DAY, "AM", hall, locked=True)
    db.close()
    return db_path


def test_solve_json_has_the_agreed_keys_and_reports_shortfalls(centre: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "roster", "solve", "--db", centre, "--series", "Summer", "--json", *SCOPE)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {"status", "requirements", "shortfalls", "load"} <= set(data)
    assert data["status"] == "optimal"
    assert data["requirements"] == [
        {"date": "2027-05-18", "session": "AM", "room": "Room S1", "candidates": 1, "needed": 2, "assigned": ["Bob Kerr"]},
        {"date": "2027-05-18", "session": "AM", "room": "Sports Hall", "candidates": 31, "needed": 2,
         "assigned": ["Ann Ellis"]},
    ]  # fmt: skip
    assert [set(s) for s in data["shortfalls"]] == [{"date", "session", "room", "needed", "assigned", "reason"}] * 2
    reasons = [s["reason"] for s in data["shortfalls"]]
    assert reasons[0] == "Tue 18 May AM, Room S1: needs 2, 1 available, 1 in other rooms, 1 untrained"
    assert data["load"] == {"Ann Ellis": 1, "Bob Kerr": 1, "Cat Dobson": 0}
    rows, _audits = state(centre)
    assert len(rows) == 2 and sum(locked for *_rest, locked in rows) == 1


def test_solve_in_words_and_dry_run_writes_nothing(centre: Path, capsys: Capture) -> None:
    before = state(centre)
    code, out, err = run(capsys, "roster", "solve", "--db", centre, "--dry-run", *SCOPE)
    assert (code, err) == (0, "")
    assert "short: Tue 18 May AM, Room S1: needs 2" in out and out.strip().endswith("dry run: nothing was written")
    assert state(centre) == before
    code, out, _err = run(capsys, "roster", "solve", "--db", centre, *SCOPE)
    assert code == 0 and "wrote 1 assignments; locked ones kept" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [(("--series", "Spring"), "'Spring' is not a series"), (("--year", "2026-27"), "is not an academic year"),
     (("--from", "31/02/2027"), "is not a real --from date")],
)  # fmt: skip
def test_bad_input_exits_2_with_one_line(centre: Path, capsys: Capture, extra: tuple[str, ...], message: str) -> None:
    before = state(centre)
    code, out, err = run(capsys, "roster", "solve", "--db", centre, *extra)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert state(centre) == before


def test_solve_refuses_a_missing_database(tmp_path: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "roster", "solve", "--db", tmp_path / "none.sqlite3", *SCOPE)
    assert code == 2 and "does not exist" in err


def test_imports_with_dry_run(db: Database, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    db.close()
    team = tmp_path / "team.csv"
    with open(team, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Name", "Roles", "Trained On", "DBS Checked On"],
                                      ["Ann Ellis", "Invigilator; Reader", "15/09/2026", "10/01/2025"]])  # fmt: skip
    code, out, err = run(capsys, "import", "invigilators", team, "--db", db_path, "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["row 2: add Ann Ellis", "1 to add, 0 to change, 0 unchanged", "dry run: nothing was written"]
    code, out, _err = run(capsys, "import", "invigilators", team, "--db", db_path)
    assert code == 0 and "1 added, 0 changed, 0 unchanged" in out
    answers = tmp_path / "availability.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Name", "Date", "Session", "Available"])
    book.active.append(["Ann Ellis", date(2027, 5, 18), "All", "No"])
    book.save(answers)
    code, out, _err = run(capsys, "import", "availability", answers, "--db", db_path)
    assert code == 0 and out.splitlines()[-1] == "2 added, 0 changed, 0 unchanged"
    rooms_file = tmp_path / "rooms.csv"
    rooms_file.write_text("Room,Capacity,On-screen\nLibrary,30,Yes\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", "rooms", rooms_file, "--db", db_path)
    assert code == 0 and "row 2: add Library (30 seats)" in out


def test_a_bad_import_file_exits_2_and_writes_nothing(db: Database, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    db.close()
    before = state(db_path)
    bad = tmp_path / "rooms.csv"
    bad.write_text("Room,Capacity\nGym,lots\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "rooms", bad, "--db", db_path)
    assert code == 2 and out == ""
    assert err.strip() == f"eoffice: {bad}, row 2, column 'Capacity': 'lots' is not a whole number of seats"
    assert state(db_path) == before


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_export_roster(centre: Path, tmp_path: Path, capsys: Capture, fmt: str) -> None:
    run(capsys, "roster", "solve", "--db", centre, *SCOPE)
    out = tmp_path / f"roster.{fmt}"
    code, stdout, err = run(capsys, "export", "roster", "--format", fmt, "--out", out, "--db", centre, "--year", "2026/27")
    assert (code, err) == (0, "")
    assert stdout.strip() == f"exported roster to {out}"
    assert out.stat().st_size > 1000
    if fmt == "xlsx":
        assert openpyxl.load_workbook(out).sheetnames == ["Roster", "Hours and pay", "Cover"]


def test_export_refuses_other_formats(centre: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _out, err = run(capsys, "export", "roster", "--format", "csv", "--out", tmp_path / "r.csv", "--db", centre)
    assert code == 2 and "roster exports as xlsx or pdf" in err
