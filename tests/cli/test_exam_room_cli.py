"""``eoffice export timetable`` and ``eoffice export incidents`` (issue 13 item 5): candidates'
timetables as PDF (one candidate, a form, a year group or everyone) or one candidate's
calendar file, and the incident log of the year or a series; refusals are one line, exit 2,
and write nothing."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from eoffice import clock
from eoffice.db.session import open_database
from eoffice.domain import examday
from eoffice.domain.examday import IncidentFields
from eoffice.domain.years import AcademicYear
from tests.cli.cli_helpers import Capture, one_line, run

DAY = date(2027, 5, 12)


def _text(pdf: Path) -> list[str]:
    """Each page's text."""
    found = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return found.stdout.split("\f")[:-1]


needs_poppler = pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
                                   reason="pdftotext (poppler-utils) is not installed")


@needs_poppler
def test_candidate_0012s_timetable_names_their_clash_and_only_them(demo_db: object, db_path: Path, tmp_path: Path,
                                                                   capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    out = tmp_path / "finn.pdf"
    code, printed, err = run(capsys, "export", "timetable", "--format", "pdf", "--out", out, "--db", db_path,
                             "--candidate", "0012")
    assert code == 0, err
    assert printed.strip() == f"exported timetable to {out}"
    text = " ".join(_text(out))
    assert "Finn Watson" in text and "0012" in text
    assert "sit 8145/1 after 8035/1, with a supervised break of 10 minutes" in " ".join(text.split())
    assert "13:33" in text and "Candidate's signature" in text


@needs_poppler
def test_a_forms_timetables_are_one_candidate_a_page_each_naming_only_its_own_candidate(
        demo_db: object, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    with demo_db.session() as session:  # type: ignore[attr-defined]
        form = examday.candidate_timetables(session, AcademicYear(2026), examday.TimetableChoice(form="11F"))
    demo_db.close()  # type: ignore[attr-defined]
    out = tmp_path / "11F.pdf"
    code, _printed, err = run(capsys, "export", "timetable", "--format", "pdf", "--out", out, "--db", db_path,
                              "--form", "11F")
    assert code == 0, err
    pages = _text(out)
    assert len(pages) == len(form)
    for page, timetable in zip(pages, form, strict=True):
        others = [t for t in form if t.number != timetable.number]
        assert timetable.name in page and not any(o.name in page for o in others)


def test_one_candidates_calendar_has_an_event_for_each_exam_with_ids_that_stay_the_same(
        demo_db: object, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for out in (first, second):
        code, _printed, err = run(capsys, "export", "timetable", "--format", "ics", "--out", out, "--db", db_path,
                                  "--candidate", "12")
        assert code == 0, err
    events = [Calendar.from_ical(p.read_bytes()).walk("VEVENT") for p in (first, second)]
    assert len(events[0]) == 14
    assert [str(e["UID"]) for e in events[0]] == [str(e["UID"]) for e in events[1]]
    clash = next(e for e in events[0] if str(e["SUMMARY"]).startswith("8145/1"))
    assert clash.decoded("DTSTART") == datetime(2027, 5, 12, 11, 3, tzinfo=clock.UK)
    assert clash.decoded("DTEND") == datetime(2027, 5, 12, 13, 33, tzinfo=clock.UK)


@pytest.mark.parametrize(("options", "message"), [
    (["--format", "ics", "--form", "11F"], "--format ics: a calendar file is one candidate's; give --candidate NNNN"),
    (["--format", "pdf", "--candidate", "12", "--form", "11F"],
     "--candidate and --form: choose one of --candidate, --form and --year-group"),
    (["--format", "pdf", "--candidate", "12a"], "'12a' is not a candidate number: use digits only, 1 to 9999"),
    (["--format", "pdf", "--candidate", "9999"], "there is no candidate 9999"),
    (["--format", "pdf", "--year-group", "12"], "nobody is in year 12"),
    (["--format", "pdf", "--series", "Summer"], "--series: only the incident log is exported by series"),
])
def test_a_timetable_asked_for_wrongly_is_one_line_exit_2_and_no_file(
        options: list[str], message: str, demo_db: object, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    out = tmp_path / "out.file"
    code, _printed, err = run(capsys, "export", "timetable", *options, "--out", out, "--db", db_path)
    assert (code, one_line(err)) == (2, f"eoffice: {message}")
    assert not out.exists()


def test_choosing_candidates_for_another_export_is_refused(demo_db: object, db_path: Path, tmp_path: Path,
                                                           capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    code, _printed, err = run(capsys, "export", "plan", "--format", "pdf", "--out", tmp_path / "p.pdf", "--db",
                              db_path, "--form", "11F")
    assert (code, one_line(err)) == (2, "eoffice: --form: only timetable exports choose candidates")


def _log(db_path: Path) -> None:
    with open_database(db_path) as db, db.session() as session:
        for on, what in ((DAY, "Fire alarm"), (date(2026, 11, 10), "November resit disturbed")):
            examday.log_incident(session, IncidentFields(on, "AM", "Library", 9 * 60 + 40, "evacuation", what,
                                                         ("12",), "Room evacuated", "J. Patel",
                                                         "special_consideration"))


def test_the_incident_log_of_one_series_is_a_spreadsheet_of_that_series(demo_db: object, db_path: Path,
                                                                       tmp_path: Path, capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    _log(db_path)
    out = tmp_path / "log.xlsx"
    code, _printed, err = run(capsys, "export", "incidents", "--format", "xlsx", "--out", out, "--db", db_path,
                              "--series", "summer")
    assert code == 0, err
    values = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    assert "Fire alarm" in values and "November resit disturbed" not in values and "0012" in values
    code, _printed, err = run(capsys, "export", "incidents", "--format", "pdf", "--out", tmp_path / "log.pdf",
                              "--db", db_path)
    assert code == 0, err


def test_a_series_that_is_not_one_is_refused_naming_the_series(demo_db: object, db_path: Path, tmp_path: Path,
                                                               capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    out = tmp_path / "log.pdf"
    code, _printed, err = run(capsys, "export", "incidents", "--format", "pdf", "--out", out, "--db", db_path,
                              "--series", "Spring")
    assert (code, one_line(err)) == (2, "eoffice: 'Spring' is not a series; use one of: November, January, Summer")
    assert not out.exists()


@needs_poppler
def test_the_sessions_incident_log_sheets_have_a_page_per_room_with_the_lines_written(
        demo_db: object, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    _log(db_path)
    out = tmp_path / "sheets.pdf"
    code, _printed, err = run(capsys, "export", "exam-day", "--kind", "incident-log", "--format", "pdf", "--out", out,
                              "--date", "2027-05-12", "--session", "AM", "--db", db_path)
    assert code == 0, err
    text = " ".join(_text(out))
    assert all(room in text for room in ("Library", "Room S1", "Sports Hall")) and "Fire alarm" in text
