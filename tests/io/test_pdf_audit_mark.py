"""Issue 14, item 2: every exported PDF's footer carries the audit log's chain head.

A printout kept in a folder (or handed to an inspector) then shows whether the log has
been rewritten since: the head printed must still be a row of the log, with the same hash.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from eoffice.db.backup import copy_database
from eoffice.db.session import open_database
from eoffice.domain import audit
from eoffice.io import pdf
from tests.cli.cli_helpers import Capture, run

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def demo_file(db_path: Path, demo_template: Path) -> Path:
    copy_database(demo_template, db_path)
    return db_path


@pytest.mark.parametrize("argv", [
    ["export", "plan", "--format", "pdf"],
    ["export", "keydates", "--format", "pdf"],
    ["export", "access", "--format", "pdf", "--kind", "sessions"],
    ["export", "roster", "--format", "pdf"],
    ["export", "standards", "--format", "pdf"],
])
def test_every_page_footer_carries_the_chain_head(argv: list[str], demo_file: Path, tmp_path: Path,
                                                 capsys: Capture) -> None:
    out = tmp_path / "export.pdf"
    code, _out, err = run(capsys, *argv, "--out", out, "--db", demo_file)
    assert code == 0, err
    with open_database(demo_file, read_only=True) as db, db.session() as session:
        head = audit.chain_head(session)
    assert head is not None
    pages = text_of(out).split("\f")
    printed = [page for page in pages if page.strip()]
    assert printed and all(f"Audit log {head[:pdf.HEAD_CHARACTERS]}" in page for page in printed)


def test_a_document_made_outside_an_export_has_no_mark(tmp_path: Path) -> None:
    with pdf.footer_mark("Audit log 0123456789ab"), pdf.Document("Inside", "Centre") as inside:
        inside.add_page()
        inside.save(tmp_path / "inside.pdf")
    with pdf.Document("Outside", "Centre") as outside:
        outside.add_page()
        outside.save(tmp_path / "outside.pdf")
    assert "Audit log 0123456789ab" in text_of(tmp_path / "inside.pdf")
    assert "Audit log" not in text_of(tmp_path / "outside.pdf")
