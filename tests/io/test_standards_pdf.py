"""The Standards PDFs: certificate (A4 landscape, only when earned), statement, meeting record, summary, meeting pack."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from eoffice.db.session import Database
from eoffice.domain.accounts import people
from eoffice.domain.overview import meeting_pack
from eoffice.domain.standards import NotYetEarned, certificate, grid, load, reminder, signing
from eoffice.io.meeting_pack_pdf import write_meeting_pack_pdf
from eoffice.io.standards_pdf import (
    write_certificate_pdf,
    write_meeting_pdf,
    write_standards_pdf,
    write_statement_pdf,
)
from tests.conftest import TODAY
from tests.domain.standards_helpers import (
    MANAGER_PASSWORD,
    NOW,
    YEAR,
    complete_all_but_declaration,
    make_staff,
    make_year,
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


def text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def pages(path: Path) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, from the MediaBoxes."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", path.read_bytes())
    return [(round(float(w)), round(float(h))) for w, h in boxes]


@pytest.fixture
def year_id(db: Database) -> int:
    """Everything done but the SLT declaration."""
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
    return year_id


def declare(db: Database, year_id: int) -> None:
    with db.session() as session:
        manager = people.named_in_role(session, "line_manager")
        assert manager is not None
        signing.sign(session, year_id, "slt_declaration", manager.id, MANAGER_PASSWORD, now=NOW)


@needs_poppler
def test_the_certificate_names_everything_on_one_a4_landscape_page(db: Database, year_id: int, tmp_path: Path) -> None:
    declare(db, year_id)
    with db.session() as session:
        earned = certificate(session, year_id)
    out = write_certificate_pdf(tmp_path / "certificate.pdf", earned, printed=TODAY)
    assert pages(out) == [(842, 595)]
    words = text(out)
    for expected in ("Certificate of Achievement", "Exams Officer Professional Standards", "Siân Łukasz",
                     "ST ZOË'S ACADEMY", "2026/27", "Knowledge & Understanding", "Key Skills", "Values & Attributes",
                     "Daniel O'Connor", "23 November 2026", "Date of the SLT declaration", "Centre number 12345"):
        assert expected in words, expected


def test_no_certificate_until_it_is_earned(db: Database, year_id: int, tmp_path: Path) -> None:
    with db.session() as session, pytest.raises(NotYetEarned) as refused:
        certificate(session, year_id)
    assert refused.value.missing == ["SLT declaration: not yet signed by the line manager"]
    assert "Siân Łukasz has not yet earned the certificate for 2026/27; still missing: SLT declaration" in str(refused.value)


@needs_poppler
def test_the_statement_shows_its_words_and_its_signatures(db: Database, year_id: int, tmp_path: Path) -> None:
    with db.session() as session:
        st = load(session, year_id)
    out = write_statement_pdf(tmp_path / "statement.pdf", "St Zoë's Academy", st, printed=TODAY)
    words = text(out)
    assert pages(out) == [(595, 842)]
    for expected in ("Values & Attributes statement", "Siân Łukasz, exams officer, 2026/27", "malpractice",
                     "Daniel O'Connor", "Line manager", "senior leader", "23/11/2026", "✓ Signed", "St Zoë's Academy"):
        assert expected in words, expected


@needs_poppler
def test_a_meeting_record_answers_the_review_questions(db: Database, year_id: int, tmp_path: Path) -> None:
    with db.session() as session:
        st = load(session, year_id)
    out = write_meeting_pdf(tmp_path / "meeting.pdf", "St Zoë's Academy", st, st.meetings[-1], printed=TODAY)
    words = text(out)
    for expected in ("Assessment meeting, 20/11/2026", "Attended", "Both", "What went well", "What did not go so well",
                     "Focus for the next meeting", "Signatures", "Not signed yet"):
        assert expected in words, expected


@needs_poppler
def test_the_summary_has_the_grid_and_each_officers_record(db: Database, year_id: int, tmp_path: Path) -> None:
    declare(db, year_id)
    with db.session() as session:
        rows = grid(session, YEAR)
        reminders = {r.standards.year.id: reminder(session, r.standards, TODAY) for r in rows if r.standards}
    out = write_standards_pdf(tmp_path / "standards.pdf", "St Zoë's Academy", YEAR, rows, reminders, printed=TODAY)
    words = text(out)
    assert pages(out)[0] == (842, 595)
    for expected in ("Exams Officer Professional Standards 2026/27", "Siân Łukasz", "✓ Earned", "✓ Signed by both",
                     "Certificate earned.", "Meet every entry deadline", "Time management", "SLT declaration"):
        assert expected in words, expected


@needs_poppler
def test_the_meeting_pack_pdf(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.session() as session:
        pack = meeting_pack(session, YEAR, TODAY)
    out = write_meeting_pack_pdf(tmp_path / "pack.pdf", pack)
    words = text(out)
    for expected in ("Half-termly meeting pack", "Northfield Community Academy", "Exams plan", "Progress by phase",
                     "Key dates in the next half term", "Professional Standards", "Priya Shah",
                     "dates ahead to 11/01/2027"):
        assert expected in words, expected
    for section in pack.sections:
        assert section.title in words
