"""export standards / certificate / meeting-pack: files written, exit 2 with what is missing, nothing written then."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from eoffice.db.session import Database, open_database
from eoffice.domain.accounts import people
from eoffice.domain.centre import CentreDetails, save_centre
from tests.cli.cli_helpers import Capture, one_line, run

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture
def demo(demo_db: Database, db_path: Path) -> Path:
    demo_db.close()
    return db_path


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


@needs_poppler
def test_last_years_certificate(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "certificate.pdf"
    code, stdout, err = run(capsys, "export", "certificate", "--format", "pdf", "--out", out, "--db", demo,
                            "--year", "2025/26")
    assert (code, err) == (0, "")
    assert stdout.strip() == f"exported certificate to {out}"
    words = pdf_text(out)
    assert "Priya Shah" in words and "2025/26" in words and "Daniel O'Connor" in words


def test_this_years_certificate_is_not_earned_yet(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "certificate.pdf"
    code, stdout, err = run(capsys, "export", "certificate", "--format", "pdf", "--out", out, "--db", demo,
                            "--year", "2026/27")
    assert code == 2 and stdout == ""
    line = one_line(err)
    assert line.startswith("eoffice: Priya Shah has not yet earned the certificate for 2026/27; still missing: ")
    for missing in ("Knowledge & Understanding: 3 of 4 targets are not yet achieved",
                    "Key Skills: 2 of 3 skills are not yet achieved",
                    "Meetings: no assessment meeting has been recorded",
                    "SLT declaration: not yet signed by the line manager"):
        assert missing in line
    assert "Values & Attributes" not in line  # signed by both: not missing
    assert not out.exists() and list(tmp_path.glob(".*partial")) == []


def test_a_certificate_needs_an_exams_officer(db: Database, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy"))
    db.close()
    code, _, err = run(capsys, "export", "certificate", "--format", "pdf", "--out", tmp_path / "c.pdf", "--db", db_path)
    assert code == 2 and "no exams officer is recorded" in one_line(err)
    with open_database(db_path) as again, again.session() as session:
        people.add_person(session, "New Officer", "exams_officer")
    code, _, err = run(capsys, "export", "certificate", "--format", "pdf", "--out", tmp_path / "c.pdf", "--db", db_path,
                       "--year", "2026/27")
    assert code == 2 and "the Standards for 2026/27 have not been started" in one_line(err)
    assert not (tmp_path / "c.pdf").exists()


def test_the_certificate_is_only_a_pdf(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "export", "certificate", "--format", "xlsx", "--out", tmp_path / "c.xlsx", "--db", demo)
    assert code == 2 and "certificate exports as pdf" in one_line(err)


def test_export_standards_as_a_spreadsheet_and_a_pdf(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "export", "standards", "--format", "xlsx", "--out", tmp_path / "s.xlsx", "--db", demo,
                       "--year", "2026/27")
    assert (code, err) == (0, "")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames[0] == "Progress 2026-27"
    code, _, err = run(capsys, "export", "standards", "--format", "pdf", "--out", tmp_path / "s.pdf", "--db", demo,
                       "--year", "2025/26")
    assert (code, err) == (0, "")
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        assert "✓ Earned" in pdf_text(tmp_path / "s.pdf")


def test_export_the_meeting_pack(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "pack.pdf"
    code, stdout, err = run(capsys, "export", "meeting-pack", "--format", "pdf", "--out", out, "--db", demo,
                            "--year", "2026/27")
    assert (code, err) == (0, "") and stdout.strip() == f"exported meeting-pack to {out}"
    if shutil.which("pdftotext"):
        words = pdf_text(out)
        assert "Half-termly meeting pack" in words and "Professional Standards" in words


def test_a_bad_year_is_refused_before_anything_is_written(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "export", "meeting-pack", "--format", "pdf", "--out", tmp_path / "p.pdf", "--db", demo,
                       "--year", "2026/28")
    assert code == 2 and "not an academic year" in one_line(err)
    assert not (tmp_path / "p.pdf").exists()
