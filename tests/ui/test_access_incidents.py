"""The Access arrangements tab's incident log page: a line logged through the form for the
session the Exam day page shows, edited, its follow-up marked done and hidden by "Only open
follow-ups", removed and put back by Edit > Undo, and the log exported as a spreadsheet; a
read-only window changes nothing; what happened never reaches the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from eoffice.db.session import open_database
from eoffice.domain import examday
from eoffice.domain.examday import IncidentFields, IncidentRecord
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.incident_dialog import IncidentDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.access_incidents import IncidentsPage
from eoffice.ui.tabs.access_tab import AccessTab
from tests.conftest import TODAY
from tests.ui.access_helpers import YEAR, dialogs, exam_day_page, tab  # noqa: F401 - fixtures: imported for pytest to find
from tests.ui.conftest import Answers

pytestmark = pytest.mark.gui

DAY = date(2027, 5, 12)  # the demo's busiest morning: the Library, Room S1 and the Sports Hall in use
WHAT = "Felt faint, left with the first aider"  # health data: shown on the page, never in the status bar
ROOM, TIME, KIND, CANDIDATES, WHAT_COLUMN, ACTION, STATUS = 2, 3, 4, 5, 6, 7, 10

Dialogs = Callable[[Callable[[QDialog], None]], list[QDialog]]


def _incidents(tab: AccessTab) -> IncidentsPage:
    """The incident log page, shown, its form opening on Wed 12 May AM (the Exam day page's session)."""
    exam_day_page(tab, DAY, "AM")
    tab.show_page(tab.page_index(tab.incidents))
    return tab.incidents


def _logged(tab: AccessTab) -> list[IncidentRecord]:
    return tab.context.read(lambda s: examday.incidents(s, YEAR.start, YEAR.end))


def _cells(page: IncidentsPage, row: int = 0) -> list[str]:
    return [page.proxy.index(row, column).data() for column in range(page.proxy.columnCount())]


def _taken_ill(dialog: QDialog) -> None:
    assert isinstance(dialog, IncidentDialog)
    dialog.time.setText("09:40")
    dialog.room.setCurrentIndex(dialog.room.findData("Library"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("taken_ill"))
    dialog.what.setPlainText(WHAT)
    dialog.candidates.setText("12")
    dialog.action.setText("Clock stopped for 10 minutes")
    dialog.recorded_by.setText("J. Patel")
    dialog.follow_up.setCurrentIndex(dialog.follow_up.findData("special_consideration"))
    dialog.follow_up.activated.emit(dialog.follow_up.currentIndex())  # chosen, as a person's choice is


def test_an_incident_logged_through_the_form_shows_as_a_row_and_in_the_count(
        window: MainWindow, tab: AccessTab, dialogs: Dialogs) -> None:  # fmt: skip
    page = _incidents(tab)
    assert page.count.text() == "0 incidents in 2026/27, 0 follow-ups open"
    assert page.empty_note.isVisibleTo(page)
    seen = dialogs(_taken_ill)
    page.actions["new"].trigger()
    form = seen[0]
    assert isinstance(form, IncidentDialog)
    assert (form.day, form.exam_session) == (DAY, "AM")  # the session the Exam day page shows
    assert [form.room.itemData(i) for i in range(form.room.count())] == ["Library", "Room S1", "Sports Hall"]
    assert page.proxy.rowCount() == 1
    cells = _cells(page)
    assert (cells[ROOM], cells[TIME], cells[KIND], cells[CANDIDATES]) == ("Library", "09:40", "Candidate taken ill",
                                                                          "0012")
    assert cells[WHAT_COLUMN] == WHAT and cells[STATUS] == "open"
    assert page.count.text() == "1 incident in 2026/27, 1 follow-up open"
    assert not page.empty_note.isVisibleTo(page)
    (record,) = _logged(tab)
    assert record.fields == IncidentFields(DAY, "AM", "Library", 9 * 60 + 40, "taken_ill", WHAT, ("0012",),
                                           "Clock stopped for 10 minutes", "J. Patel", "special_consideration")
    assert tab.context.undo_stack.undoText() == "Log an incident in Library"


def test_what_happened_never_reaches_the_status_bar_or_the_undo_menu(
        window: MainWindow, tab: AccessTab, dialogs: Dialogs) -> None:  # fmt: skip
    page = _incidents(tab)
    dialogs(_taken_ill)
    page.actions["new"].trigger()
    assert page.proxy.rowCount() == 1
    for shown in (window.statusBar().currentMessage(), window.undo_action.text(), window.windowTitle()):
        assert WHAT not in shown and "faint" not in shown.casefold()


def test_editing_an_incident_changes_its_row_and_undo_puts_it_back(tab: AccessTab, dialogs: Dialogs) -> None:
    page = _incidents(tab)
    dialogs(_taken_ill)
    page.actions["new"].trigger()
    page.table.selectRow(0)
    opened: list[IncidentFields | None] = []

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, IncidentDialog)
        opened.append(dialog.checked())  # the form opens on the line as written
        assert dialog.windowTitle() == "Edit an incident"
        dialog.action.setText("Seen by the school nurse; returned at 09:55")
        dialog.candidates.setText("12, 34")

    dialogs(edit)
    page.actions["edit"].trigger()
    (record,) = _logged(tab)
    assert opened and opened[0] is not None and opened[0].action == "Clock stopped for 10 minutes"
    assert record.fields.action == "Seen by the school nurse; returned at 09:55"
    assert record.fields.candidates == ("0012", "0034")
    cells = _cells(page)
    assert (cells[CANDIDATES], cells[ACTION]) == ("0012, 0034", "Seen by the school nurse; returned at 09:55")
    assert tab.context.undo_stack.undoText() == "Edit the incident at 09:40 in Library"
    tab.context.undo_stack.undo()
    assert _logged(tab)[0].fields.action == "Clock stopped for 10 minutes"
    assert _cells(page)[CANDIDATES] == "0012"


def test_follow_up_done_closes_it_and_only_open_follow_ups_then_hides_it(tab: AccessTab, dialogs: Dialogs) -> None:
    page = _incidents(tab)
    dialogs(_taken_ill)
    page.actions["new"].trigger()
    page.open_only.setChecked(True)
    assert page.proxy.rowCount() == 1  # open: on the list of things still to send
    page.table.selectRow(0)
    page.actions["done"].trigger()
    (record,) = _logged(tab)
    assert record.follow_up_done and not record.open
    assert page.proxy.rowCount() == 0  # done: off the open list
    assert page.count.text() == "1 incident in 2026/27, 0 follow-ups open"
    page.open_only.setChecked(False)
    assert page.proxy.rowCount() == 1 and _cells(page)[STATUS] == "done"
    assert tab.context.undo_stack.undoText() == "Follow-up done: special consideration"

    page.table.selectRow(0)
    page.actions["reopen"].trigger()
    assert _logged(tab)[0].open and _cells(page)[STATUS] == "open"
    page.open_only.setChecked(True)
    assert page.proxy.rowCount() == 1


def test_remove_asks_first_and_edit_undo_brings_the_line_back_with_its_id(
        window: MainWindow, tab: AccessTab, dialogs: Dialogs, answers: Answers,
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(ask, "confirm", lambda _p, title, message: (asked.append((title, message)), answers.confirm)[1])
    page = _incidents(tab)
    dialogs(_taken_ill)
    page.actions["new"].trigger()
    (record,) = _logged(tab)

    page.table.selectRow(0)
    answers.confirm = False  # the question refused: the line stays
    page.actions["delete"].trigger()
    assert asked == [("Remove the incident?", "Remove the candidate taken ill at 09:40 in Library, Wed 12 May AM? "
                                              "Edit > Undo puts it back.")]
    assert _logged(tab) == [record]

    answers.confirm = True
    page.actions["delete"].trigger()
    assert _logged(tab) == [] and page.proxy.rowCount() == 0
    assert page.count.text() == "0 incidents in 2026/27, 0 follow-ups open"

    window.undo_action.trigger()  # Edit > Undo
    (back,) = _logged(tab)
    assert back.id == record.id and back.fields == record.fields
    assert page.proxy.rowCount() == 1 and _cells(page)[WHAT_COLUMN] == WHAT
    assert answers.errors == []


def test_the_export_menu_writes_the_incident_log_as_a_spreadsheet(
        window: MainWindow, tab: AccessTab, dialogs: Dialogs, answers: Answers, tmp_path: Path,
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda _p, title, _m: (asked.append(title), answers.confirm)[1])
    page = _incidents(tab)
    dialogs(_taken_ill)
    page.actions["new"].trigger()
    assert [a.text() for a in page.export_menu.actions()] == ["Incident log (&Excel)…", "Incident log (&PDF)…"]
    answers.save_path = tmp_path / "incidents.xlsx"
    page.export_menu.actions()[0].trigger()
    job = window.export_job
    assert job is not None
    if job.outcome is None:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
    assert asked == ["Sensitive personal data"] and answers.errors == []
    sheet = openpyxl.load_workbook(answers.save_path).worksheets[0]
    heading = str(sheet.cell(row=1, column=1).value)
    assert heading.startswith("Incident log 2026/27") and "1 follow-up open" in heading
    headers = [c.value for c in sheet[3]]
    assert headers[:7] == ["Date", "Session", "Room", "Time", "What kind", "What happened", "Candidates"]
    row = [c.value for c in sheet[4]]
    assert row[1:7] == ["AM", "Library", "09:40", "Candidate taken ill", WHAT, "0012"]
    assert row[headers.index("Follow-up")] == "Special consideration"
    assert row[headers.index("Follow-up done")] == "No"
    assert sheet.max_row == 4  # the one line
    assert WHAT not in window.statusBar().currentMessage()


def test_a_refused_sensitive_question_writes_no_incident_log(
        window: MainWindow, tab: AccessTab, answers: Answers, tmp_path: Path) -> None:  # fmt: skip
    page = _incidents(tab)
    answers.save_path = tmp_path / "incidents.xlsx"
    answers.confirm = False
    page.export_menu.actions()[0].trigger()
    assert window.export_job is None and not answers.save_path.exists()


def test_a_read_only_window_shows_the_log_and_exports_it_but_changes_nothing(
        qtbot: QtBot, window: MainWindow, tab: AccessTab, dialogs: Dialogs) -> None:  # fmt: skip
    page = _incidents(tab)
    dialogs(_taken_ill)
    page.actions["new"].trigger()
    second = MainWindow(open_database(window.db.path, fall_back_to_read_only=True), settings_file(), today=TODAY)
    qtbot.addWidget(second)
    other = second.tab("access")
    assert isinstance(other, AccessTab)
    shown = _incidents(other)
    assert shown.proxy.rowCount() == 1
    for key in ("new", "edit", "delete", "done", "reopen"):
        assert not shown.actions[key].isEnabled(), key
    assert shown.export_menu.actions()[0].isEnabled()

    opened = dialogs(lambda dialog: dialog.action.setText("Changed in the wrong window"))  # type: ignore[attr-defined]
    shown.table.doubleClicked.emit(shown.proxy.index(0, 0))  # a double-click on the line
    second.close()
    assert opened == []  # no form to type into, only to be refused on Save
    assert _logged(tab)[0].fields.action == "Clock stopped for 10 minutes"


def test_the_exam_day_pages_log_incident_opens_the_same_form_for_the_session_it_shows(
        window: MainWindow, tab: AccessTab, dialogs: Dialogs) -> None:  # fmt: skip
    page = exam_day_page(tab, DAY, "AM")
    seen = dialogs(_taken_ill)
    page.actions["incident"].trigger()
    form = seen[0]
    assert isinstance(form, IncidentDialog) and (form.day, form.exam_session) == (DAY, "AM")
    assert [(r.room, r.time_text, r.fields.candidates) for r in _logged(tab)] == [("Library", "09:40", ("0012",))]
