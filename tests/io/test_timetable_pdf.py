"""Candidates' own timetables and statements of entry as a PDF, from hand-built records.

The records come from ``domain/examday/timetables.py``; the writer only lays them out, so
these tests build them directly and read the words back, page by page, with poppler's
pdftotext. A page is handed to one candidate: it must carry their data and nobody else's.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from eoffice.domain.examday import CONFIRM, CandidateTimetable, TimetableEntry, TimetableSitting
from eoffice.io import timetable_pdf
from eoffice.io.timetable_pdf import ENTRY_COLUMNS, EXAM_COLUMNS, write_timetables_pdf

DAY = date(2027, 5, 12)  # a Wednesday
PRINTED = date(2027, 4, 1)
CENTRE = "St Zoë's Academy"
GEOGRAPHY = "Geography Paper 1: Living with the physical environment"
HISTORY = "History Paper 1: Understanding the modern world"
MATHS = "Mathematics Paper 1 (Higher)"
CLASH = "sit 8145/1 after 8035/1, with a supervised break of 10 minutes"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

# Demo candidate 0012's morning: 8035/1 with 25% extra time to 10:53, then 8145/1 after a
# supervised break, 11:03 to 13:33; and a maths paper not yet roomed.
FINN = CandidateTimetable(
    "12345", CENTRE, "2026/27", "0012", "Watson", "Finn", "11F", 11, "12345A678901B",
    (TimetableEntry("AQA", "8035/1", GEOGRAPHY, "GCSE", ""), TimetableEntry("AQA", "8145/1", HISTORY, "GCSE", ""),
     TimetableEntry("Edexcel", "1MA1/1H", MATHS, "GCSE", "Higher")),
    (TimetableSitting(101, DAY, "AM", "AQA", "8035/1", GEOGRAPHY, "Library", "D1", 540, 653),
     TimetableSitting(102, DAY, "AM", "AQA", "8145/1", HISTORY, "Library", "D1", 663, 813, CLASH),
     TimetableSitting(103, date(2027, 5, 21), "PM", "Edexcel", "1MA1/1H", MATHS, "", "", 810, 900)),
)
# Entered, with nothing timetabled yet.
SIAN = CandidateTimetable(
    "12345", CENTRE, "2026/27", "0013", "Brontë-Ndiaye", "Siân", "11B", 11, "",
    (TimetableEntry("AQA", "8035/1", GEOGRAPHY, "GCSE", ""),), (),
)
FINN_WORDS = ("Finn", "Watson", "0012", "12345A678901B", "11F")
SIAN_WORDS = ("Siân", "Brontë-Ndiaye", "0013", "11B")


NORTHFIELD = "Northfield Community Academy"
# A typical GCSE candidate at the demo centre: 16 entries, 18 exams (the 16 and two science
# papers 2), three of them with an arrangement line; several titles wrap in the exams table.
GCSE_PAPERS = (
    ("AQA", "8700/1", "English Language Paper 1", ""), ("AQA", "8700/2", "English Language Paper 2", ""),
    ("AQA", "8702/1", "English Literature Paper 1", ""), ("AQA", "8702/2", "English Literature Paper 2", ""),
    ("Pearson", "1MA1/1H", "Mathematics Paper 1 (Higher)", "Higher"),
    ("Pearson", "1MA1/2H", "Mathematics Paper 2 (Higher)", "Higher"),
    ("Pearson", "1MA1/3H", "Mathematics Paper 3 (Higher)", "Higher"),
    ("AQA", "8464/B/1H", "Combined Science: Trilogy Biology Paper 1 (Higher)", "Higher"),
    ("AQA", "8464/C/1H", "Combined Science: Trilogy Chemistry Paper 1 (Higher)", "Higher"),
    ("AQA", "8464/P/1H", "Combined Science: Trilogy Physics Paper 1 (Higher)", "Higher"),
    ("AQA", "8035/1", GEOGRAPHY, ""), ("AQA", "8035/2", "Geography Paper 2: Challenges in the human environment", ""),
    ("AQA", "8145/1", HISTORY, ""), ("AQA", "8145/2", "History Paper 2: Shaping the nation", ""),
    ("WJEC Eduqas", "C120P1", "Religious Studies Component 1: Religious, Philosophical and Ethical Studies", ""),
    ("WJEC Eduqas", "C120P2", "Religious Studies Component 2: Study of Christianity", ""),
)
SCIENCE_PAPERS_2 = (("AQA", "8464/B/2H", "Combined Science: Trilogy Biology Paper 2 (Higher)", "Higher"),
                    ("AQA", "8464/C/2H", "Combined Science: Trilogy Chemistry Paper 2 (Higher)", "Higher"))
ARRANGEMENTS = {3: CLASH, 9: "supervised from 13:33 until 13:43, after the AM papers",
                15: "sit 1MA1/2H after 8464/C/1H, with a supervised break of 10 minutes"}
TYPICAL = CandidateTimetable(
    "74125", NORTHFIELD, "2026/27", "0012", "Watson", "Finn", "11F", 11, "741252700012D",
    tuple(TimetableEntry(board, code, title, "GCSE", tier) for board, code, title, tier in GCSE_PAPERS),
    tuple(TimetableSitting(300 + i, date(2027, 5, 10) + timedelta(days=i // 2), "AM" if i % 2 == 0 else "PM", board,
                           code, title, "" if i % 3 == 0 else "Sports Hall", "" if i % 3 == 0 else f"A{i + 1}",
                           540, 653, ARRANGEMENTS.get(i, ""))
          for i, (board, code, title, _) in enumerate(GCSE_PAPERS + SCIENCE_PAPERS_2)),
)


def many_sittings(count: int) -> tuple[TimetableSitting, ...]:
    return tuple(TimetableSitting(200 + i, DAY + timedelta(days=i // 2), "AM" if i % 2 == 0 else "PM", "AQA",
                                  f"80{i:02d}/1", f"Subject {i} Paper 1: a title long enough to wrap onto a second line",
                                  "Sports Hall", f"A{i + 1}", 540, 630, CLASH if i % 3 == 0 else "")
                 for i in range(count))


def text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def flat(path: Path, page: int | None = None) -> str:
    return " ".join(text(path, page).split())


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def row_of(page_text: str, code: str) -> str:
    """The exams table's line for the paper (the one with its times), not the entries table's."""
    return next(line for line in page_text.splitlines() if code in line and re.search(r"\d\d:\d\d", line))


def write(tmp_path: Path, *timetables: CandidateTimetable) -> Path:
    return write_timetables_pdf(tmp_path / "timetables.pdf", timetables, printed=PRINTED)


def test_no_timetables_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no timetables"):
        write_timetables_pdf(tmp_path / "timetables.pdf", [], printed=PRINTED)
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_is_written_whole_and_leaves_no_partial_file(tmp_path: Path) -> None:
    path = write(tmp_path, FINN, SIAN)
    assert path == tmp_path / "timetables.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["timetables.pdf"]


@needs_poppler
def test_each_candidate_starts_a_new_page_and_no_page_names_another_candidate(tmp_path: Path) -> None:
    path = write(tmp_path, FINN, SIAN)
    assert page_count(path) == 2
    finn_page, sian_page = flat(path, 1), flat(path, 2)
    assert all(word in finn_page for word in FINN_WORDS)
    assert not any(word in finn_page for word in SIAN_WORDS)
    assert all(word in sian_page for word in SIAN_WORDS)
    assert not any(word in sian_page for word in FINN_WORDS)


@needs_poppler
def test_a_long_timetable_runs_on_under_its_own_name_and_the_next_candidate_starts_a_new_page(tmp_path: Path) -> None:
    long = dataclasses.replace(FINN, sittings=many_sittings(40))
    path = write(tmp_path, long, SIAN)
    pages = page_count(path)
    assert pages >= 3
    finn_pages = [p for p in range(1, pages + 1) if "Watson" in flat(path, p)]
    assert finn_pages == list(range(1, pages))  # every page but the last is Finn's
    for page in finn_pages[1:]:
        assert "Finn Watson · candidate 0012 continued" in flat(path, page)
        assert "Date AM/PM Board Code Title Room Desk Start Finish" in flat(path, page)  # the header row again
    assert all(code in flat(path) for code in ("8000/1", "8039/1"))
    last = flat(path, pages)
    assert "Siân Brontë-Ndiaye" in last and not any(word in last for word in FINN_WORDS)
    assert "continued" not in last


@needs_poppler
def test_every_page_names_the_centre_the_title_and_the_year(tmp_path: Path) -> None:
    path = write(tmp_path, FINN, SIAN)
    for page in (1, 2):
        words = flat(path, page)
        assert f"Centre 12345 · {CENTRE}" in words
        assert "Exam timetable and statement of entry · 2026/27" in words
        assert f"page {page} of 2" in words
        assert "Printed 01/04/2027" in words


@needs_poppler
def test_a_typical_gcse_candidate_fits_on_one_page_with_the_statement_and_signature_line(tmp_path: Path) -> None:
    assert (len(TYPICAL.entries), len(TYPICAL.sittings)) == (16, 18)
    path = write(tmp_path, TYPICAL)
    assert page_count(path) == 1
    page = text(path, 1)
    words = " ".join(page.split())
    assert "Your entries 16 papers" in words and "Your exams 18 exams in 2026/27" in words
    assert all(f"Arrangement: {arrangement}" in words for arrangement in ARRANGEMENTS.values())
    assert CONFIRM in words
    assert re.search(r"Candidate's signature _{10,} Date _{10,}", words)
    assert "continued" not in words and "page 1 of 1" in words


@needs_poppler
def test_no_board_or_code_is_split_across_lines(tmp_path: Path) -> None:
    page = text(write(tmp_path, TYPICAL), 1)
    assert "8464/B/1H" in page and "WJEC Eduqas" in page
    page = "\n".join(line for line in page.splitlines() if "Arrangement:" not in line)  # those name codes too
    for code in {entry.code for entry in TYPICAL.entries} | {sitting.code for sitting in TYPICAL.sittings}:
        papers = sum(e.code == code for e in TYPICAL.entries) + sum(s.code == code for s in TYPICAL.sittings)
        assert len(re.findall(rf"(?<!\S){re.escape(code)}(?!\S)", page)) == papers, code  # whole, in each table
    for board in ("AQA", "Pearson", "WJEC Eduqas"):
        papers = sum(e.board == board for e in TYPICAL.entries) + sum(s.board == board for s in TYPICAL.sittings)
        assert len(re.findall(rf"(?<!\S){board}(?!\S)", page)) == papers, board
    assert not re.search(r"^\s*/", page, re.MULTILINE)  # no code's tail ("/1H") on a line of its own
    assert not re.search(r"\bPear\s*$", page, re.MULTILINE)


@needs_poppler
@pytest.mark.parametrize("code", ["8464/B/1H", "1MA1/3H", "A720U10-1", "8464/C/1HF", "0000000000"])
def test_codes_up_to_ten_characters_stay_on_one_line_in_both_tables(tmp_path: Path, code: str) -> None:
    one = dataclasses.replace(FINN, entries=(TimetableEntry("WJEC Eduqas", code, GEOGRAPHY, "GCE A level", "Foundation"),),
                              sittings=(dataclasses.replace(FINN.sittings[0], board="WJEC Eduqas", code=code),))
    page = text(write(tmp_path, one), 1)
    assert re.search(rf"WJEC Eduqas\s+{re.escape(code)}\s+{re.escape(GEOGRAPHY)}\s+GCE A level\s+Foundation", page)
    assert re.search(rf"WJEC Eduqas\s+{re.escape(code)}\s", row_of(page, code))


@pytest.mark.parametrize("board", ["Pearson", "Edexcel", "WJEC Eduqas", "CCEA", "OCR", "AQA"])
@pytest.mark.parametrize("code", ["8464/B/1H", "1MA1/3H", "0000000000"])
def test_each_board_and_code_is_laid_out_on_one_line_in_both_tables(board: str, code: str) -> None:
    with timetable_pdf._TimetableDocument("t", CENTRE) as pdf:
        pdf.add_page()
        for columns in (ENTRY_COLUMNS, EXAM_COLUMNS):
            named = {column.header: column for column in columns}
            for value, column, emphasis in ((board, named["Board"], ""), (code, named["Code"], "B")):
                cell = timetable_pdf._lay_out(pdf, timetable_pdf._Text(value, emphasis), column)
                assert cell.lines == [value] and cell.size >= timetable_pdf.MIN_SIZE


def test_the_tables_are_set_no_smaller_than_seven_and_a_half_points_and_the_finish_stands_out() -> None:
    assert timetable_pdf.MIN_SIZE >= 7.5 and timetable_pdf.SIZE >= timetable_pdf.MIN_SIZE
    assert timetable_pdf.FINISH_SIZE > timetable_pdf.SIZE
    assert sum(c.width for c in ENTRY_COLUMNS) == pytest.approx(190)


@needs_poppler
def test_the_centre_is_named_whole_beside_the_title_and_year(tmp_path: Path) -> None:
    page = text(write(tmp_path, TYPICAL), 1)
    first = page.splitlines()[0]
    assert "Centre 74125 · Northfield Community Academy" in first
    assert "Exam timetable and statement of entry · 2026/27" in first
    assert "…" not in page


@needs_poppler
def test_a_centre_name_too_long_for_the_title_beside_it_is_still_printed_whole(tmp_path: Path) -> None:
    name = "The Cardinal Archbishop Thomas Wolsey Roman Catholic Voluntary Aided High School and Sixth Form College"
    path = write(tmp_path, dataclasses.replace(FINN, centre_name=name), dataclasses.replace(SIAN, centre_name=name))
    for page in (1, 2):
        words = flat(path, page)
        assert f"Centre 12345 · {name}" in words
        assert "Exam timetable and statement of entry · 2026/27" in words
        assert "…" not in words


@needs_poppler
def test_a_centre_without_a_number_shows_its_name_alone(tmp_path: Path) -> None:
    words = flat(write(tmp_path, dataclasses.replace(FINN, centre_number="")))
    assert CENTRE in words and "Centre 12345" not in words and "Centre ·" not in words


@needs_poppler
def test_the_candidate_block_gives_number_form_year_group_and_uci_when_there_is_one(tmp_path: Path) -> None:
    path = write(tmp_path, FINN, SIAN)
    finn = text(path, 1)
    assert "Finn Watson" in finn
    assert re.search(r"Candidate number\s+Form\s+Year group\s+UCI", finn)
    assert re.search(r"0012\s+11F\s+11\s+12345A678901B", finn)
    sian = text(path, 2)
    assert re.search(r"Candidate number\s+Form\s+Year group\s*\n", sian)
    assert "UCI" not in sian


@needs_poppler
def test_the_entries_give_board_code_title_qualification_and_tier(tmp_path: Path) -> None:
    page = text(write(tmp_path, FINN), 1)
    assert "Your entries" in page
    assert re.search(r"Board\s+Code\s+Title\s+Qualification\s+Tier", page)
    assert re.search(r"Edexcel\s+1MA1/1H\s+Mathematics Paper 1 \(Higher\)\s+GCSE\s+Higher", page)
    assert re.search(rf"AQA\s+8145/1\s+{HISTORY}\s+GCSE", page)


@needs_poppler
def test_the_exams_show_each_candidates_own_start_and_finish_and_the_clash_arrangement_in_words(tmp_path: Path) -> None:
    page = text(write(tmp_path, FINN), 1)
    geography, history = row_of(page, "8035/1"), row_of(page, "8145/1")
    assert "Wed 12/05/2027" in geography and "AM" in geography and "Library" in geography and "D1" in geography
    assert "09:00" in geography and "10:53" in geography
    assert "11:03" in history and "13:33" in history
    assert f"Arrangement: {CLASH}" in " ".join(page.split())
    after = page.splitlines()
    below = after[after.index(history) + 1:]
    assert any(CLASH in line for line in below[:3])  # on the lines under its own exam


@needs_poppler
def test_an_unroomed_exam_says_to_be_confirmed_with_no_desk(tmp_path: Path) -> None:
    maths = row_of(text(write(tmp_path, FINN), 1), "1MA1/1H")
    assert "Fri 21/05/2027" in maths and "PM" in maths
    assert "to be confirmed" in maths and "—" in maths
    assert "13:30" in maths and "15:00" in maths


@needs_poppler
def test_no_exam_header_is_cut_and_the_columns_fill_the_page(tmp_path: Path) -> None:
    assert sum(c.width for c in EXAM_COLUMNS) == pytest.approx(190)
    page = flat(write(tmp_path, FINN), 1)
    assert "Date AM/PM Board Code Title Room Desk Start Finish" in page
    assert "…" not in page


@needs_poppler
def test_a_candidate_without_exams_is_told_none_are_timetabled_yet(tmp_path: Path) -> None:
    path = write(tmp_path, FINN, SIAN)
    assert "Your exams No exams are timetabled yet." in flat(path, 2)
    assert "No exams are timetabled yet." not in flat(path, 1)


@needs_poppler
def test_every_candidate_has_the_statement_to_sign(tmp_path: Path) -> None:
    path = write(tmp_path, FINN, SIAN)
    for page in (1, 2):
        words = flat(path, page)
        assert CONFIRM in words
        assert re.search(r"Candidate's signature _{10,} Date _{10,}", words)


@needs_poppler
def test_a_late_finish_is_a_time_and_never_a_reason(tmp_path: Path) -> None:
    words = flat(write(tmp_path, FINN, SIAN)).casefold()
    for reason in ("extra time", "25%", "rest break", "reader", "scribe", "access arrangement", "medical"):
        assert reason not in words


def test_the_writer_formats_and_calls_no_domain_rule() -> None:
    """Data flows one way: the timetable records in, and only the clock and date formatters from domain/."""
    tree = ast.parse(Path(timetable_pdf.__file__).read_text(encoding="utf-8"))
    imported = {(node.module, alias.name) for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eoffice.domain")
                for alias in node.names}
    records = {"CONFIRM", "CandidateTimetable", "TimetableEntry", "TimetableSitting"}
    assert {name for module, name in imported if module == "eoffice.domain.examday"} <= records
    assert {(m, n) for m, n in imported if m != "eoffice.domain.examday"} <= {
        ("eoffice.domain.access", "clock"), ("eoffice.domain.dates", "format_date")}
