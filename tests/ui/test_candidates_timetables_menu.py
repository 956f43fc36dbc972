"""The Candidates page's Timetables menu: its items name whose timetables they print (the
candidate chosen, their form, their year group, everyone) and are off when nobody fits;
one candidate's PDF names only them, their calendar file has an event for each exam, and
each asks the sensitive-data question before anything is written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar
from pytestqt.qtbot import QtBot

from eoffice.domain import examday
from eoffice.domain.examday import TimetableChoice
from eoffice.ui.background import ExportJob
from eoffice.ui.dialogs import ask
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.access_candidates import CandidatesPage
from eoffice.ui.tabs.access_tab import AccessTab
from tests.ui.access_helpers import YEAR, tab  # noqa: F401 - a fixture: imported for pytest to find
from tests.ui.conftest import Answers

pytestmark = pytest.mark.gui

FINN = 12  # candidate 0012, Finn Watson, form 11F, year 11: 14 exams in the demo's summer
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture
def questions(answers: Answers, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window asked, in order: where to save, then the sensitive-data question."""
    asked: list[str] = []
    monkeypatch.setattr(ask, "save_path", lambda _p, _t, start, _f: (asked.append(f"save {start.name}"),
                                                                      answers.save_path)[1])
    monkeypatch.setattr(ask, "confirm", lambda _p, title, _m: (asked.append(title), answers.confirm)[1])
    return asked


def _candidates(tab: AccessTab, chosen: int | None = FINN) -> CandidatesPage:
    tab.show_page(tab.page_index(tab.candidates))
    page = tab.candidates
    if chosen is None:
        page.table.clearSelection()
    else:
        assert page.select(chosen)
    page._name_timetables()  # as the menu does when it opens (aboutToShow)
    return page


def _items(page: CandidatesPage) -> list[tuple[str, bool]]:
    return [(a.text(), a.isEnabled()) for a in page.timetable_menu.actions()]


def _alt_letters(page: CandidatesPage) -> list[str]:
    found = [re.search(r"&(\w)", a.text()) for a in page.timetable_menu.actions()]
    return [m.group(1).casefold() for m in found if m]


def _wait(qtbot: QtBot, job: ExportJob | None) -> None:
    assert job is not None
    if job.outcome is None:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_menu_names_the_chosen_candidate_their_form_and_their_year_group(tab: AccessTab) -> None:
    page = _candidates(tab)
    assert _items(page) == [
        ("&0012's timetable and statement of entry (PDF)…", True),
        ("0012's exams as a &calendar file…", True),
        ("&Form 11F's timetables (PDF)…", True),
        ("&Year 11's timetables (PDF)…", True),
        ("&Everyone's timetables (PDF)…", True),
    ]
    page.timetable_menu.aboutToShow.emit()  # the menu opening names them the same way
    assert _items(page)[0] == ("&0012's timetable and statement of entry (PDF)…", True)


def test_with_nobody_chosen_only_everyones_timetables_can_be_printed(tab: AccessTab) -> None:
    page = _candidates(tab, None)
    assert page.chosen() == []
    assert _items(page) == [
        ("&This candidate's timetable and statement of entry (PDF)…", False),
        ("This candidate's exams as a &calendar file…", False),
        ("Their &form's timetables (PDF)…", False),
        ("Their &year group's timetables (PDF)…", False),
        ("&Everyone's timetables (PDF)…", True),
    ]
    assert page.print_timetables("candidate", "pdf") is None  # nobody to print for: nothing asked


def test_each_item_of_the_menu_keeps_an_alt_letter_of_its_own(tab: AccessTab) -> None:
    for chosen in (FINN, None):
        letters = _alt_letters(_candidates(tab, chosen))
        assert len(letters) == 5 and len(set(letters)) == 5, letters


def test_two_candidates_chosen_print_only_everyones(tab: AccessTab) -> None:
    page = _candidates(tab)
    page.table.selectAll()
    page._name_timetables()
    assert [enabled for _text, enabled in _items(page)] == [False, False, False, False, True]


@needs_poppler
def test_one_candidates_timetable_is_a_pdf_naming_only_them(window: MainWindow, tab: AccessTab, answers: Answers,
                                                            questions: list[str], tmp_path: Path,
                                                            qtbot: QtBot) -> None:  # fmt: skip
    form = tab.context.read(lambda s: examday.candidate_timetables(s, YEAR, TimetableChoice(form="11F")))
    others = [t.name for t in form if t.number != "0012"]
    assert len(others) > 10 and "Leo Watson" in others  # a classmate with the same surname
    page = _candidates(tab)
    answers.save_path = tmp_path / "finn.pdf"
    page.timetable_actions[("candidate", "pdf")].trigger()
    _wait(qtbot, window.export_job)
    assert questions[1:] == ["Sensitive personal data"] and questions[0].startswith("save ")
    text = _pdf_text(answers.save_path)
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    assert "Finn Watson" in text and "0012" in text
    assert [name for name in others if name in text] == []
    assert answers.errors == []


@needs_poppler
def test_the_forms_timetables_are_the_forms_candidates(window: MainWindow, tab: AccessTab, answers: Answers,
                                                       questions: list[str], tmp_path: Path,
                                                       qtbot: QtBot) -> None:  # fmt: skip
    form = tab.context.read(lambda s: examday.candidate_timetables(s, YEAR, TimetableChoice(form="11F")))
    page = _candidates(tab)
    answers.save_path = tmp_path / "11F.pdf"
    _wait(qtbot, page.print_timetables("form", "pdf"))
    pages = _pdf_text(answers.save_path).split("\f")[:-1]
    assert len(pages) == len(form)
    assert all(t.name in page for page, t in zip(pages, form, strict=True))


def test_the_calendar_item_writes_one_event_for_each_of_their_exams(window: MainWindow, tab: AccessTab,
                                                                    answers: Answers, questions: list[str],
                                                                    tmp_path: Path, qtbot: QtBot) -> None:  # fmt: skip
    page = _candidates(tab)
    answers.save_path = tmp_path / "finn.ics"
    page.timetable_actions[("candidate", "ics")].trigger()
    _wait(qtbot, window.export_job)
    assert questions[1:] == ["Sensitive personal data"]
    events = Calendar.from_ical(answers.save_path.read_bytes()).walk("VEVENT")
    assert len(events) == 14
    assert any(str(e["SUMMARY"]).startswith("8145/1") for e in events)
    assert answers.errors == []


def test_a_refused_sensitive_question_writes_no_timetable(window: MainWindow, tab: AccessTab, answers: Answers,
                                                          questions: list[str], tmp_path: Path) -> None:
    page = _candidates(tab)
    answers.save_path = tmp_path / "finn.pdf"
    answers.confirm = False
    assert page.print_timetables("candidate", "pdf") is None
    assert questions[1:] == ["Sensitive personal data"]
    assert window.export_job is None and not answers.save_path.exists()
