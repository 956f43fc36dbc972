"""The access command line: the four imports, export access, access session and access clashes.

Exit 0 on success; 2 with one line naming file, row and column on a bad file, and then
nothing written (rows, audit) at all.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from eoffice.db.models import Arrangement, AuditEntry, Candidate, Entry, Paper
from eoffice.db.session import Database, open_database
from eoffice.domain.centre import CentreDetails, save_centre
from tests.cli.cli_helpers import Capture, one_line, run


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def counts(path: Path) -> tuple[int, ...]:
    with open_database(path, read_only=True) as db, db.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) or 0
                     for m in (Candidate, Paper, Entry, Arrangement, AuditEntry))


@pytest.fixture
def empty(db: Database, db_path: Path) -> Path:
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy", centre_number="12345"))
    db.close()
    return db_path


CANDIDATES = [["Candidate Number", "Surname", "Forenames", "Year"], [42, "Evans", "Siân", 11], [43, "Khan", "Amir", 11]]
TIMETABLE = [["Date", "Session", "Board", "Code", "Title", "Duration"],
             ["2027-05-12", "AM", "AQA", "8145/1", "History Paper 1", "1h 30m"],
             ["2027-05-12", "AM", "AQA", "8035/1", "Geography Paper 1", "90"]]
ENTRIES = [["Candidate Number", "Code"], [42, "8145/1"], [42, "8035/1"], [43, "8145/1"], [43, "8035/1"]]
ARRANGEMENTS = [["Candidate Number", "Arrangement", "Status", "Approved On"], [42, "25% extra time", "Approved", "15/03/2026"]]


@pytest.fixture
def loaded(empty: Path, tmp_path: Path, capsys: Capture) -> Path:
    """The four imports run through the command line, in order."""
    for kind, rows in (("candidates", CANDIDATES), ("timetable", TIMETABLE), ("entries", ENTRIES),
                       ("arrangements", ARRANGEMENTS)):
        code, _out, err = run(capsys, "import", kind, write_csv(tmp_path / f"{kind}.csv", rows), "--db", empty)
        assert (code, err) == (0, ""), err
    return empty


def test_imports_print_what_they_did(empty: Path, tmp_path: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "import", "candidates", write_csv(tmp_path / "c.csv", CANDIDATES), "--db", empty)
    assert (code, err) == (0, "")
    assert out.splitlines() == ["row 2: add candidate 0042", "row 3: add candidate 0043",
                                "candidates: 2 added, 0 updated, 0 unchanged"]
    assert counts(empty)[0] == 2


def test_dry_run_writes_nothing(empty: Path, tmp_path: Path, capsys: Capture) -> None:
    before = counts(empty)
    code, out, _ = run(capsys, "import", "candidates", write_csv(tmp_path / "c.csv", CANDIDATES), "--db", empty, "--dry-run")
    assert code == 0
    assert out.splitlines()[-2:] == ["candidates: 2 to add, 0 to update, 0 unchanged", "dry run: nothing was written"]
    assert counts(empty) == before


@pytest.mark.parametrize("kind, rows, where", [
    ("candidates", [*CANDIDATES, ["12a", "Bad", "Row", 11]], "row 4, column 'Candidate Number'"),
    ("candidates", [*CANDIDATES, [42, "Again", "Row", 11]], "row 4, column 'Candidate Number': candidate number 0042 is on rows 2 and 4"),
    ("timetable", [*TIMETABLE, ["2027-05-13", "AM", "AQA", "X", "T", "an hour"]], "row 4, column 'Duration'"),
    ("entries", [["Candidate Number", "Code"], [99, "8145/1"]], "row 2, column 'Candidate Number'"),
    ("arrangements", [*ARRANGEMENTS, [43, "Reader", "maybe", ""]], "row 3, column 'Status'"),
])
def test_a_bad_row_exits_2_and_writes_nothing(loaded: Path, tmp_path: Path, capsys: Capture, kind: str,
                                              rows: list, where: str) -> None:
    before = counts(loaded)
    path = write_csv(tmp_path / f"bad-{kind}.csv", rows)
    code, out, err = run(capsys, "import", kind, path, "--db", loaded)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"eoffice: {path}, {where}")
    assert counts(loaded) == before


def test_the_whole_chain_loaded(loaded: Path) -> None:
    assert counts(loaded)[:4] == (2, 2, 4, 1)


# --- access session / clashes -------------------------------------------------------------------

def test_access_session_json_gives_the_worked_finish(loaded: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "access", "session", "--date", "2027-05-12", "--session", "AM", "--db", loaded, "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(r["candidate"], r["code"], r["start"], r["finish"], r["extra_minutes"], r["rest_minutes"]) for r in rows] == [
        ("0042", "8035/1", "09:00", "10:53", 22.5, 0), ("0042", "8145/1", "11:03", "12:56", 22.5, 0)]


def test_access_session_text(loaded: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "access", "session", "--date", "12/05/2027", "--session", "am", "--db", loaded)
    assert code == 0
    assert "finish 10:53" in out and out.splitlines()[-1] == "1 candidates, 2 papers"
    code, out, _ = run(capsys, "access", "session", "--date", "2027-05-13", "--session", "PM", "--db", loaded)
    assert code == 0 and out.startswith("no candidate with an arrangement")


@pytest.mark.parametrize("argv, message", [(("--date", "2027-02-30", "--session", "AM"), "no such day"),
                                           (("--date", "2027-05-12", "--session", "EV"), "AM or PM")])
def test_access_session_refusals_exit_2(loaded: Path, capsys: Capture, argv: tuple[str, ...], message: str) -> None:
    code, _, err = run(capsys, "access", "session", *argv, "--db", loaded)
    assert code == 2 and message in one_line(err)


def test_access_clashes_json(loaded: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "access", "clashes", "--db", loaded, "--json")
    assert (code, err) == (0, "")
    found = {(c["candidate"], c["date"], tuple(c["codes"]), c["total_minutes"], c["resolution"]) for c in json.loads(out)}
    assert found == {("0042", "2027-05-12", ("8035/1", "8145/1"), 225, "move-to-other-session"),
                     ("0043", "2027-05-12", ("8035/1", "8145/1"), 180, "same-session")}
    code, out, _ = run(capsys, "access", "clashes", "--db", loaded)
    assert code == 0 and out.splitlines()[-1] == "2 clashes" and "same-session" in out


# --- export access --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, kind, check", [
    ("xlsx", None, "Arrangements register"), ("xlsx", "door-list", "Door list"), ("pdf", None, b"%PDF"),
    ("pdf", "candidates", b"%PDF"), ("pdf", "door-list", b"%PDF"), ("pdf", "sessions", b"%PDF"),
])
def test_export_access(loaded: Path, tmp_path: Path, capsys: Capture, fmt: str, kind: str | None, check: object) -> None:
    out = tmp_path / f"access.{fmt}"
    extra = ("--kind", kind) if kind else ()
    before = counts(loaded)
    code, stdout, err = run(capsys, "export", "access", "--format", fmt, "--out", out, "--db", loaded,
                            "--year", "2026/27", *extra)
    assert (code, err) == (0, ""), err
    assert stdout.strip() == f"exported access to {out}"
    if isinstance(check, bytes):
        assert out.read_bytes().startswith(check)
    else:
        assert openpyxl.load_workbook(out).worksheets[0].title == check
    assert counts(loaded) == before  # read-only: not even an audit line


def test_export_works_while_another_eoffice_holds_the_database(loaded: Path, tmp_path: Path, capsys: Capture) -> None:
    with open_database(loaded):  # the writer, e.g. the window
        code, _, err = run(capsys, "export", "access", "--format", "xlsx", "--out", tmp_path / "r.xlsx", "--db", loaded)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("fmt, kind, message", [("xlsx", "sessions", "--kind sessions exports as pdf, not xlsx"),
                                                ("pdf", "register", "--kind register exports as xlsx, not pdf"),
                                                ("pdf", "seating", "access exports are register, sessions"),
                                                ("csv", None, "access exports as xlsx or pdf")])
def test_export_refusals_exit_2_and_write_nothing(loaded: Path, tmp_path: Path, capsys: Capture, fmt: str,
                                                  kind: str | None, message: str) -> None:
    out = tmp_path / f"x.{fmt}"
    extra = ("--kind", kind) if kind else ()
    code, _, err = run(capsys, "export", "access", "--format", fmt, "--out", out, "--db", loaded, *extra)
    assert code == 2 and message in one_line(err)
    assert not out.exists()


def test_demo_then_export_and_session(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", path)[0] == 0
    code, out, _ = run(capsys, "access", "clashes", "--db", path, "--json")
    assert code == 0 and {c["resolution"] for c in json.loads(out)} == {
        "same-session", "move-to-other-session", "overnight-supervision"}
    code, out, _ = run(capsys, "export", "access", "--format", "pdf", "--out", tmp_path / "s.pdf", "--db", path)
    assert code == 0 and (tmp_path / "s.pdf").stat().st_size > 5000
