"""The exams plan PDF: wall planner, monthly lists, phase summary; and the shared PDF page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from eoffice.domain.plan import OWNERS, PHASES, Task, TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError
from eoffice.io.pdf import Cell, Column, Document
from eoffice.io.plan_pdf import write_plan_pdf
from tests.conftest import TODAY

YEAR = AcademicYear(2026)
CENTRE = "St Zoë's Academy"
MONTHS = ["September", "October", "November", "December", "January", "February",
          "March", "April", "May", "June", "July", "August"]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


def task(number: int, due: date, title: str = "Check entries", status: str = "not_started", notes: str = "") -> Task:
    phase = list(PHASES)[number % len(PHASES)]
    owner = list(OWNERS)[number % len(OWNERS)]
    return Task(number, YEAR, TaskFields(title=title, phase=phase, owner=owner, due=due, status=status, notes=notes))


def year_of_tasks(count: int) -> list[Task]:
    statuses = ["not_started", "in_progress", "done", "not_applicable"]
    return [
        task(i, YEAR.start + timedelta(days=(i * 7) % 365), f"Task {i} for the exams office", statuses[i % 4])
        for i in range(count)
    ]


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def words(path: Path, page: int) -> tuple[float, list[tuple[float, float, float, float, str]]]:
    """The page width and every word's box (points), from ``pdftotext -bbox``."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace("&apos;", "'"))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    sheet = root.find(".//x:page", ns)
    assert sheet is not None
    boxes = [
        (float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)), float(w.get("yMax", 0)), w.text or "")
        for w in sheet.iterfind("x:word", ns)
    ]
    return float(sheet.get("width", 0)), boxes


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    tasks = [
        task(1, date(2026, 9, 10), "Order stationery", "done"),
        task(2, date(2026, 10, 2), "Send entries to Łukasz and Siân", notes="Ask Zoë Ó Briain first."),
        task(3, date(2026, 11, 30), "Seating plans for the mocks"),
        task(4, date(2027, 1, 12), "January series results", "not_applicable"),
        task(5, date(2027, 8, 20), "Results day", "in_progress"),
    ]
    return write_plan_pdf(tmp_path / "plan.pdf", CENTRE, YEAR, tasks, TODAY)


def test_writes_a_pdf_and_no_partial_file(sample: Path) -> None:
    assert sample.read_bytes().startswith(b"%PDF")
    assert [p.name for p in sample.parent.iterdir()] == ["plan.pdf"]


@pytest.mark.parametrize("breaks", ["output", "replace"])
def test_a_failed_write_leaves_the_previous_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, breaks: str
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the last good copy")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    if breaks == "output":
        monkeypatch.setattr(Document, "output", fail)
    else:
        monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(EofficeError, match="cannot write .*disk full"):
        write_plan_pdf(target, CENTRE, YEAR, year_of_tasks(5), TODAY)
    assert target.read_bytes() == b"the last good copy"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_failed_first_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Document, "output", lambda self: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        write_plan_pdf(tmp_path / "new" / "plan.pdf", CENTRE, YEAR, [], TODAY)
    assert list((tmp_path / "new").iterdir()) == []


@needs_poppler
def test_page_one_is_the_year_at_a_glance(sample: Path) -> None:
    first = text(sample, 1)
    positions = [first.index(month) for month in MONTHS]
    assert positions == sorted(positions)
    assert CENTRE in first and "2026/27" in first
    assert "1 of 1 done" in first  # September's progress under its heading
    assert "Key:" in first and "overdue" in first
    assert f"page 1 of {page_count(sample)}" in first


@needs_poppler
def test_every_page_has_the_header_and_footer(sample: Path) -> None:
    pages = page_count(sample)
    assert pages >= 2
    for number in range(1, pages + 1):
        page = text(sample, number)
        assert CENTRE in page and "2026/27" in page
        assert f"page {number} of {pages}" in page
        assert "Printed 23/11/2026" in page


@needs_poppler
def test_unicode_names_round_trip(sample: Path) -> None:
    everything = text(sample)
    for name in ("Zoë", "Siân", "Łukasz", "Ó Briain"):
        assert name in everything


@needs_poppler
def test_monthly_list_has_dates_flags_and_notes(sample: Path) -> None:
    rest = "".join(text(sample, n) for n in range(2, page_count(sample) + 1))
    assert "02/10/2026" in rest and "Overdue" in rest  # 2 October is past on 23 November
    assert "30/11/2026" in rest and "Due soon" in rest
    assert "Ask Zoë Ó Briain first." in rest
    assert "Not applicable" in rest and "In progress" in rest
    assert "Progress by phase" in rest and "Whole year" in rest


@needs_poppler
def test_empty_plan_says_so(tmp_path: Path) -> None:
    path = write_plan_pdf(tmp_path / "plan.pdf", CENTRE, YEAR, [], TODAY)
    assert path.read_bytes().startswith(b"%PDF")
    assert page_count(path) == 1
    assert "The exams plan for 2026/27 is empty" in text(path)


@needs_poppler
def test_one_task(tmp_path: Path) -> None:
    path = write_plan_pdf(tmp_path / "plan.pdf", CENTRE, YEAR, [task(1, date(2027, 3, 3), "Only one")], TODAY)
    assert page_count(path) >= 2
    assert "Only one" in text(path, 1) and "03/03/2027" in text(path, 2)


@needs_poppler
def test_500_tasks_and_a_crowded_month_says_how_many_more(tmp_path: Path) -> None:
    tasks = year_of_tasks(400) + [task(1000 + i, date(2027, 5, 1 + i % 31), f"May task {i}") for i in range(100)]
    path = write_plan_pdf(tmp_path / "plan.pdf", CENTRE, YEAR, tasks, TODAY)
    assert page_count(path) > 10
    assert re.search(r"\+\d+ more", text(path, 1))


@needs_poppler
def test_long_text_never_leaves_the_page_or_its_month(tmp_path: Path) -> None:
    long_title = "Invigilator training for every new and returning invigilator " * 5
    tasks = [
        task(1, date(2026, 9, 1), long_title.strip()[:300]),
        task(2, date(2026, 9, 2), "Supercalifragilisticexpialidocious" * 4, notes="Note " * 2000),
        task(3, date(2027, 8, 31), "Ó Briain " * 30),
        *year_of_tasks(60),
    ]
    path = write_plan_pdf(tmp_path / "plan.pdf", CENTRE, YEAR, tasks, TODAY)
    margin = Document.MARGIN * 72 / 25.4
    for number in range(1, page_count(path) + 1):
        width, boxes = words(path, number)
        assert all(margin - 1 <= x0 and x1 <= width - margin + 1 for x0, _, x1, _, _ in boxes), number
    # On the wall planner every word stays inside its month's column.
    width, boxes = words(path, 1)
    column = (width - 2 * margin) / 12
    top = min(y1 for _, _, _, y1, word in boxes if word == "done") + 2  # under "N of M done"
    bottom = min(y0 for _, y0, _, _, word in boxes if word == "Key:") - 2
    planner = [(x0, x1, word) for x0, y0, x1, _, word in boxes if top < y0 < bottom]
    assert len(planner) > 100
    for x0, x1, word in planner:
        assert int((x0 + 0.5 - margin) // column) == int((x1 - 0.5 - margin) // column), word


@needs_poppler
def test_tasks_outside_the_year_are_mentioned(tmp_path: Path) -> None:
    path = write_plan_pdf(tmp_path / "plan.pdf", CENTRE, YEAR, [task(1, date(2027, 9, 2), "Next year")], TODAY)
    assert "1 task dated outside 2026/27 not shown" in text(path, 1)


# --- the shared page ---------------------------------------------------------------------

@needs_poppler
def test_document_notice_and_table_header_repeat_on_every_page(tmp_path: Path) -> None:
    doc = Document("Access arrangements", "Centre Ł", "2026/27", notice="Contains sensitive personal data",
                   printed=TODAY)
    doc.add_page()
    rows = [[f"Candidate {i}", Cell("25% extra time", fill=(255, 232, 180), bold=True)] for i in range(120)]
    doc.table_rows([Column("Name", 2), Column("Arrangement", 1)], rows)
    path = doc.save(tmp_path / "aa.pdf")
    pages = page_count(path)
    assert pages > 1
    for number in range(1, pages + 1):
        page = text(path, number)
        assert "Contains sensitive personal data" in page
        assert "Arrangement" in page and "Access arrangements" in page
        assert f"page {number} of {pages}" in page


def test_fit_and_wrap_cut_with_an_ellipsis() -> None:
    with Document("t", "c") as doc:
        check_fit_and_wrap(doc)


def check_fit_and_wrap(doc: Document) -> None:
    doc.style(9)
    assert doc.fit("short", 50) == "short"
    cut = doc.fit("a very long line of text " * 10, 30)
    assert cut.endswith("…") and doc.get_string_width(cut) <= 30
    lines = doc.wrap("word " * 200, 40, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(doc.get_string_width(line) <= 40 for line in doc.wrap("x" * 500, 40))
