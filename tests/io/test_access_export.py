"""Access exports: the register round trip, sensitive-data notices, a door list without names or
conditions, and the PDFs' content."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from eoffice.db.models import Placement, Room
from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import CandidateFields, PaperFields, add_candidate, add_entries, add_paper
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.examday import access_export_data as gather
from eoffice.domain.years import AcademicYear
from eoffice.io.access_export import DOOR_NOTICE, SENSITIVE, export_access
from eoffice.io.arrangement_import import check_arrangements, read_arrangements
from tests.conftest import TODAY

YEAR = AcademicYear(2026)
DAY = date(2027, 5, 12)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture
def centre(db: Database) -> Database:
    """Two candidates with arrangements (one placed in a room), one without, one paper each session."""
    with db.session() as session:
        save_centre(session, CentreDetails(name="St Zoë's Academy", centre_number="12345"))
        maths = add_paper(session, PaperFields("Pearson", "1MA1/1H", "Mathematics Paper 1 (Higher)", DAY, "AM", 540, 90,
                                               "GCSE")).id
        lit = add_paper(session, PaperFields("AQA", "8702/1", "English Literature Paper 1", DAY, "PM", 810, 105, "GCSE")).id
        siân = add_candidate(session, CandidateFields(42, "Brontë-Ndiaye", "Siân", year_group=11, form="11A"), today=TODAY).id
        amir = add_candidate(session, CandidateFields(7, "Khan", "Amir", year_group=11), today=TODAY).id
        plain = add_candidate(session, CandidateFields(8, "Plain", "Pat", year_group=11), today=TODAY).id
        add_entries(session, [(siân, maths), (siân, lit), (amir, maths), (plain, maths)])
        access.add_arrangement(session, siân, access.new_fields("extra_time_25", status="approved",
                                                                approved_on=date(2026, 3, 15), reference="AAO1"))
        access.add_arrangement(session, siân, access.new_fields("reader", status="approved", notes="=HYPERLINK(\"x\")"))
        access.add_arrangement(session, amir, access.new_fields("separate_invigilation", status="approved"))
        access.add_arrangement(session, amir, access.new_fields("scribe", status="applied"))
        room = Room(name="Room 12", capacity=4, separate=True)
        session.add(room)
        session.flush()
        session.add(Placement(candidate_id=siân, on=DAY, session="AM", room_id=room.id))
    return db


def export(db: Database, tmp_path: Path, kind: str, fmt: str) -> Path:
    with db.session() as session:
        data = gather(session, YEAR, TODAY, kind)
    return export_access(tmp_path / f"{kind}.{fmt}", data, kind, fmt)


def sheet_rows(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def test_register_has_the_notice_and_one_row_per_arrangement(centre: Database, tmp_path: Path) -> None:
    rows = sheet_rows(export(centre, tmp_path, "register", "xlsx"))
    assert rows[0][0] == SENSITIVE
    header = rows[2]
    assert header[:3] == ("Candidate Number", "Surname", "Forenames")
    body = rows[3:]
    assert [(r[0], r[5]) for r in body] == [("0007", "Separate invigilation"), ("0007", "Scribe"),
                                            ("0042", "25% extra time"), ("0042", "Reader")]
    timed = dict(zip(header, body[2], strict=True))
    assert timed["Extra Time %"] == 25 and timed["Status"] == "Approved" and timed["Route"] == "AAO application"
    assert timed["Expires On"].date() == date(2028, 5, 15)
    reader = dict(zip(header, body[3], strict=True))
    # Placed in a separate room in the morning but no reader rostered; not placed in the afternoon.
    assert reader["Flag"] == "No room assigned; No helper assigned"
    assert reader["Notes"] == '=HYPERLINK("x")'  # stays text, never a live formula
    ws = openpyxl.load_workbook(tmp_path / "register.xlsx").worksheets[0]
    assert ws.cell(row=7, column=18).data_type == "s"


def test_the_register_reads_back_unchanged(centre: Database, tmp_path: Path) -> None:
    path = export(centre, tmp_path, "register", "xlsx")
    with centre.session() as session:
        result = check_arrangements(session, read_arrangements(path))
    assert (result.added, result.updated, result.unchanged) == (0, 0, 4)


def test_door_list_xlsx_has_numbers_and_needs_but_no_names_or_conditions(centre: Database, tmp_path: Path) -> None:
    path = export(centre, tmp_path, "door-list", "xlsx")
    rows = sheet_rows(path)
    assert rows[0][0] == DOOR_NOTICE
    assert rows[2] == ("Date", "Session", "Room", "Candidate Number", "Room Need")
    # Rooms and desks come from the one seating (issue 12): 0007 is seated in the only room
    # for separate invigilation; the scribe applied for is planned for and said to be pending.
    assert [r[1:] for r in rows[3:]] == [("AM", "Room 12, desk A1", "0007", "Separate invigilation, Scribe (pending)"),
                                         ("AM", "Room 12, desk B2", "0042", "Reader"),
                                         ("PM", "Room 12, desk B2", "0042", "Reader")]
    text = repr(rows)
    for secret in ("Khan", "Amir", "Brontë", "Siân", "extra time"):
        assert secret not in text


@needs_poppler
def test_sessions_pdf_gives_finish_times_for_each_session(centre: Database, tmp_path: Path) -> None:
    path = export(centre, tmp_path, "sessions", "pdf")
    assert page_count(path) == 2  # AM and PM
    text = pdf_text(path)
    assert text.count("Contains sensitive personal data") == 2
    assert "Wednesday 12/05/2027 · AM" in text and "Wednesday 12/05/2027 · PM" in text
    am = text.split("\f")[0]
    siân = next(line for line in am.splitlines() if line.strip().startswith("0042"))
    assert "Brontë-Ndiaye, Siân" in siân and "Room 12" in siân and "10:53" in siân and "+22½" in siân
    amir = next(line for line in am.splitlines() if line.strip().startswith("0007"))
    assert "Room 12" in amir and "10:30" in amir  # no extra time: the published finish
    assert "Plain" not in text  # no arrangement: not on the sheet
    assert "pending, not timed: Scribe" in text  # applied, not yet approved: planned for, never timed


@needs_poppler
def test_candidates_pdf_has_a_page_per_candidate_with_every_exam(centre: Database, tmp_path: Path) -> None:
    path = export(centre, tmp_path, "candidates", "pdf")
    assert page_count(path) == 2
    first, second = pdf_text(path).split("\f")[:2]
    assert re.search(r"0007\s+Khan, Amir", first) and "Applied" in first and "Scribe" in first
    assert re.search(r"0042\s+Brontë-Ndiaye, Siân", second)
    assert "15/03/2026" in second and "15/05/2028" in second
    assert "10:53" in second and "15:42" in second  # 13:30 + 105 + 26¼ rounded up
    assert "Contains sensitive personal data" in first


@needs_poppler
def test_door_list_pdf_shows_no_names(centre: Database, tmp_path: Path) -> None:
    text = pdf_text(export(centre, tmp_path, "door-list", "pdf"))
    assert "0042" in text and "Reader" in text and "Room 12" in text and "Contains sensitive personal data" in text
    for secret in ("Khan", "Brontë", "Siân", "extra time"):
        assert secret not in text


@needs_poppler
@pytest.mark.parametrize("kind, words", [("sessions", "No candidate with an arrangement"),
                                         ("candidates", "No access arrangements recorded"),
                                         ("door-list", "No candidate needs a room")])
def test_empty_pdfs_say_so(db: Database, tmp_path: Path, kind: str, words: str) -> None:
    path = export(db, tmp_path, kind, "pdf")
    assert page_count(path) == 1
    assert words in pdf_text(path)
