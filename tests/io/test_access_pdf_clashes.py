"""The session sheet and the candidate summary time a clashing paper after the first and mark
it; the register names the new warnings; the roster's day page carries the access notice."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import ASSESSED_EARLY, NOT_APPROVED, WORDS, CandidateFields, PaperFields, add_candidate, add_entries, add_paper
from eoffice.domain.examday import access_export_data as gather
from eoffice.domain.roster import assign
from eoffice.domain.roster import export_data as gather_roster
from eoffice.domain.years import AcademicYear
from eoffice.io.access_export import FLAG_WORDS, SENSITIVE, write_register_xlsx
from eoffice.io.roster_pdf import NOTICE, write_roster_pdf
from tests.conftest import TODAY
from tests.domain.roster_helpers import arrange, invigilator, room, sitting
from tests.io.test_access_export import export, needs_poppler, pdf_text, sheet_rows

DAY = date(2027, 5, 12)


@pytest.fixture
def clash(db: Database) -> Database:
    """Demo candidate 0012's morning: 8035/1 (90 min) and 8145/1 (120 min) at 09:00, 25% extra time."""
    with db.session() as session:
        cid = add_candidate(session, CandidateFields(12, "Watson", "Finn", year_group=11), today=TODAY).id
        for code, minutes in (("8035/1", 90), ("8145/1", 120)):
            pid = add_paper(session, PaperFields("AQA", code, f"Paper {code}", DAY, "AM", 540, minutes, "GCSE")).id
            add_entries(session, [(cid, pid)])
        access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="approved",
                                                               approved_on=date(2026, 2, 4)))
    return db


def _line(text: str, code: str) -> str:
    """The table row of the paper (its times), not the note under another paper naming it."""
    return next(line for line in text.splitlines() if code in line and re.search(r"\d\d:\d\d", line))


@needs_poppler
def test_session_sheet_times_the_second_paper_after_the_first_and_marks_it(clash: Database, tmp_path: Path) -> None:
    """"Clash where the papers add up to 3 hours or less: sit both in the same session with a short
    supervised break" (regulations.md; school exam policies citing ICE): 8145/1 starts at 11:03
    (10:53 + 10 minutes) and finishes at 13:33, not 09:00 to 11:30."""
    text = pdf_text(export(clash, tmp_path, "sessions", "pdf"))
    assert "11:03" in _line(text, "8145/1") and "13:33" in _line(text, "8145/1")
    assert "11:30" not in text
    flat = " ".join(text.split())
    assert "Clash: sits after 8035/1 (published start 09:00)" in flat
    assert "Clash: sits first, then 8145/1" in flat


@needs_poppler
def test_candidate_summary_times_the_clash_the_same_way(clash: Database, tmp_path: Path) -> None:
    text = pdf_text(export(clash, tmp_path, "candidates", "pdf"))
    assert "11:03" in _line(text, "8145/1") and "13:33" in _line(text, "8145/1")
    assert "Clash: sits after 8035/1" in " ".join(text.split())


def test_the_register_flags_every_kind_of_warning_in_the_same_words_as_the_screen(db: Database,
                                                                                tmp_path: Path) -> None:
    with db.session() as session:
        cid = add_candidate(session, CandidateFields(63, "Ali", "Sam", year_group=11), today=TODAY).id
        pid = add_paper(session, PaperFields("AQA", "8035/1", "Geography", DAY, "AM", 540, 90, "GCSE")).id
        add_entries(session, [(cid, pid)])
        access.add_arrangement(session, cid, access.new_fields("rest_breaks", status="evidence"))
        access.add_arrangement(session, cid, access.new_fields("reader", status="applied",
                                                               assessed_on=date(2023, 2, 2)))
    with db.session() as session:
        data = gather(session, AcademicYear(2026), date(2027, 5, 1), "register")
    rows = sheet_rows(write_register_xlsx(tmp_path / "r.xlsx", data))
    assert [r[-1] for r in rows[3:]] == [WORDS[NOT_APPROVED], WORDS[ASSESSED_EARLY]]
    assert FLAG_WORDS is WORDS


@needs_poppler
def test_roster_day_page_listing_arrangements_carries_the_access_notice(db: Database, tmp_path: Path) -> None:
    """The invigilators' pages keep the roster's notice; the day page, which lists candidates'
    needs (arrangements), says what the access exports say."""
    day = date(2027, 5, 18)
    with db.session() as session:
        hall = room(session, "Sports Hall", 100)
        _pid, ids = sitting(session, 3, day, "AM", minutes=90)
        arrange(session, ids[0], need="reader", extra=25)
        assign(session, invigilator(session, "Ann Ellis"), day, "AM", hall, locked=True)
    with db.sessions() as session:
        data = gather_roster(session, date(2026, 9, 1), date(2027, 8, 31), "Northfield Academy", "2026/27")
    pages = pdf_text(write_roster_pdf(tmp_path / "roster.pdf", data, printed=TODAY)).split("\f")
    person, day_page = pages[0], pages[1]
    assert NOTICE in person and SENSITIVE not in person
    assert "Reader, 25% extra time" in day_page and SENSITIVE in " ".join(day_page.split())
    assert "Contains personal data" not in day_page
