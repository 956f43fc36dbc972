"""Issue 14 on paper: the certificate and the Standards PDFs print each signing key's fingerprint;
a disputed signature says "disputed by <name> on <date>" on the PDF and in the workbook; one that
does not verify says so; one given before signing keys says it cannot be verified."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import openpyxl
from sqlalchemy import text

from eoffice.db.session import Database
from eoffice.domain import standards
from eoffice.domain.accounts import keys_of
from eoffice.domain.standards import certificate, grid, load, reminder, signing
from eoffice.io.standards_pdf import write_certificate_pdf, write_standards_pdf, write_statement_pdf
from eoffice.io.standards_xlsx import write_standards_xlsx
from tests.conftest import TODAY
from tests.domain.standards_helpers import (
    MANAGER_PASSWORD,
    NOW,
    YEAR,
    Staff,
    complete_all_but_declaration,
    make_staff,
    make_year,
)
from tests.io.test_standards_pdf import needs_poppler
from tests.io.test_standards_pdf import text as pdf_text


def _declared(db: Database) -> tuple[Staff, int]:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
    return staff, year_id


def _summary(db: Database, tmp_path: Path) -> tuple[str, list[tuple[object, ...]]]:
    with db.session() as session:
        rows = grid(session, YEAR)
        reminders = {r.standards.year.id: reminder(session, r.standards, TODAY) for r in rows if r.standards}
    pdf = write_standards_pdf(tmp_path / "standards.pdf", "St Zoë's Academy", YEAR, rows, reminders, printed=TODAY)
    book = openpyxl.load_workbook(write_standards_xlsx(tmp_path / "standards.xlsx", YEAR, rows, reminders))
    return pdf_text(pdf), [tuple(r) for r in book["Signatures"].iter_rows(values_only=True)]


@needs_poppler
def test_the_certificate_and_the_pdfs_print_the_signing_keys_fingerprints(db: Database, tmp_path: Path) -> None:
    staff, year_id = _declared(db)
    with db.session() as session:
        earned = certificate(session, year_id)
        st = load(session, year_id)
        [manager_key] = keys_of(session, staff.manager)
        [officer_key] = keys_of(session, staff.officer)
    words = pdf_text(write_certificate_pdf(tmp_path / "certificate.pdf", earned, printed=TODAY))
    assert f"SLT declaration, Daniel O'Connor: signing key {manager_key.fingerprint}" in words
    assert f"statement (exams officer), Siân Łukasz: signing key {officer_key.fingerprint}" in words
    statement = pdf_text(write_statement_pdf(tmp_path / "statement.pdf", "St Zoë's Academy", st, printed=TODAY))
    assert manager_key.fingerprint in statement and officer_key.fingerprint in statement
    assert "✓ Signed and verified" in statement
    summary, rows = _summary(db, tmp_path)
    assert manager_key.fingerprint in summary and officer_key.fingerprint in summary
    assert rows[0][9:12] == ("Signing key", "Verified", "Dispute")
    assert {(r[3], r[9], r[10]) for r in rows[1:]} == {("Siân Łukasz", officer_key.fingerprint, "Yes"),
                                                      ("Daniel O'Connor", manager_key.fingerprint, "Yes")}


@needs_poppler
def test_a_disputed_signature_says_who_disputed_it_and_when_on_every_export(db: Database, tmp_path: Path) -> None:
    staff, year_id = _declared(db)
    with db.session() as session:
        slt = next(s for s in standards.signatures(session, year_id) if s.kind == "slt_declaration")
        standards.dispute_signature(session, slt.id, staff.manager, "I was away that day", now=NOW + timedelta(days=1))
    summary, rows = _summary(db, tmp_path)
    assert "✗ Disputed" in summary
    assert ("SLT declaration in the name of Daniel O'Connor: disputed by Daniel O'Connor on 24/11/2026: I was away "
            "that day") in summary
    [row] = [r for r in rows[1:] if r[1] == "SLT declaration"]
    assert row[6] == "Disputed by Daniel O'Connor on 24/11/2026"
    assert row[11] == "disputed by Daniel O'Connor on 24/11/2026: I was away that day"
    assert "Certificate earned." not in summary


@needs_poppler
def test_a_signature_that_does_not_verify_and_one_from_before_keys_say_so(db: Database, tmp_path: Path) -> None:
    _staff, year_id = _declared(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE signature SET signer_name = 'Tom Barker' WHERE kind = 'slt_declaration'"))
    summary, rows = _summary(db, tmp_path)
    assert "✗ Does not verify" in summary and "Tom Barker" in summary
    [row] = [r for r in rows[1:] if r[1] == "SLT declaration"]
    assert row[6] == "Does not verify" and str(row[10]).startswith("Does not verify: what was signed, the signer")
    with db.session() as session:
        st = load(session, year_id)
    given = next(s for s in st.signatures if s.kind == "values_line_manager")
    legacy = replace(given, verified=False, legacy=True, problem=standards.LEGACY_WORDS, key_fingerprint="")
    words = pdf_text(write_statement_pdf(tmp_path / "legacy.pdf", "St Zoë's Academy",
                                         replace(st, signatures=(legacy,)), printed=TODAY))
    assert "signed before signing keys: cannot be verified" in words
