"""The officer settles a clash from the exam-day page: a "Settle clash…" dialog for the clash
chosen (the button, Enter on the clash, its context menu), one undoable step, the decision in
the clash table and the moved paper in the session where it is now sat, saying where from.

The demo's 0012 Finn Watson sits 8035/1 and 8145/1 on the morning of Wed 12 May 2027 and
8702/1 that afternoon, over the day's limit: overnight supervision, 8702/1 sat on the
morning of Thu 13 May after 1MA1/1H."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from eoffice.db.session import open_database
from eoffice.domain.access import Clash, ExamDayRow, timetable
from eoffice.domain.access.exam_time import Timing
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs.clash_dialog import AS_TIMETABLED, NEXT_MORNING, OTHER_SESSION, ClashDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.access_models import DECISION_COLUMN, EXAM_DAY_PAPER_COLUMN, RESOLUTION_COLUMN
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_exam_day import RESOLUTION_LEAST, ExamDayPage
from eoffice.ui.tabs.access_tab import AccessTab
from eoffice.ui.tabs.exam_day_view import arrivals_text
from tests.conftest import TODAY
from tests.ui.access_helpers import dialogs, exam_day_page, tab  # noqa: F401 - fixtures: imported for pytest to find
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls

pytestmark = pytest.mark.gui

DAY, NEXT = date(2027, 5, 12), date(2027, 5, 13)
Dialogs = Callable[[Callable[[QDialog], None]], list[QDialog]]
OVERNIGHT_WORDS = ("8702/1 will be sat Thu 13 May AM under overnight supervision; the candidate is supervised from "
                   "the end of Wed 12 May until it starts. That session also holds 1MA1/1H: the papers are sat one "
                   "after the other.")


def _page(tab: AccessTab, day: date = DAY, sess: str = "AM") -> ExamDayPage:
    return exam_day_page(tab, day, sess)


def _clash_row(page: ExamDayPage, candidate: str) -> int:
    return next(r for r in range(page.clash_proxy.rowCount()) if page.clash_proxy.index(r, 0).data() == candidate)


def _choose_clash(page: ExamDayPage, candidate: str) -> Clash:
    row = _clash_row(page, candidate)
    page.clash_table.selectionModel().setCurrentIndex(
        page.clash_proxy.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    clash = page.chosen_clash()
    assert clash is not None and clash.candidate == candidate
    return clash


def _decision(page: ExamDayPage, candidate: str) -> str:
    return str(page.clash_proxy.index(_clash_row(page, candidate), DECISION_COLUMN).data())


def _sittings(page: ExamDayPage, candidate: str) -> list[ExamDayRow]:
    rows = [page.proxy.index(r, 0).data(RECORD_ROLE) for r in range(page.proxy.rowCount())]
    return [r for r in rows if isinstance(r, ExamDayRow) and r.candidate == candidate]


def _paper_cell(page: ExamDayPage, candidate: str, code: str, role: int = Qt.ItemDataRole.DisplayRole) -> str:
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.index(r, 0).data() == candidate
               and page.proxy.index(r, 0).data(RECORD_ROLE).code == code)
    return str(page.proxy.index(row, EXAM_DAY_PAPER_COLUMN).data(role))


def test_0012s_afternoon_paper_settled_to_the_next_morning_and_ctrl_z_puts_it_back(
        window: MainWindow, tab: AccessTab, dialogs: Dialogs, qtbot: QtBot) -> None:
    page = _page(tab)
    assert _decision(page, "0012") == "—" and _decision(page, "0018") == "—"
    _choose_clash(page, "0012")
    assert page.actions["settle-clash"].isEnabled() and page.settle_button.isEnabled()
    assert page.settle_button.text() == "Settle clash &by moving a paper…"  # Alt+B: Alt+S is the Standards tab

    said: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ClashDialog)
        assert [dialog.paper.itemText(i) for i in range(dialog.paper.count())] == [
            "8035/1 (Wed 12 May AM at 09:00)", "8145/1 (Wed 12 May AM at 09:00)", "8702/1 (Wed 12 May PM at 13:30)"]
        paper = dialog.current()
        assert paper is not None and paper.code == "8702/1"  # the afternoon's paper, as the advice says
        assert dialog.choice() == NEXT_MORNING and dialog.overnight.isVisibleTo(dialog)
        assert dialog.overnight.text() == "The &next morning, under overnight supervision (Thu 13 May AM)"
        dialog.choose(AS_TIMETABLED)
        said.append(dialog.meaning.text())
        dialog.choose(OTHER_SESSION)
        said.append(dialog.meaning.text())
        qtbot.mouseClick(dialog.overnight, Qt.MouseButton.LeftButton)
        said.append(dialog.meaning.text())
        assert unnamed(visible_controls(dialog)) == []
        assert not dialog.grab().isNull()

    seen = dialogs(fill)
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert said == [
        "8702/1 is sat as timetabled, Wed 12 May PM at 13:30: nothing changes.",
        "8702/1 will be sat Wed 12 May AM instead of the afternoon; after it the candidate is kept under supervision "
        "until 13:30, when it starts for everyone else. That session also holds 8035/1 and 8145/1: the papers are "
        "sat one after the other.",
        OVERNIGHT_WORDS]
    stack = tab.context.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Settle 0012's clash: 8702/1 to Thu 13 May AM"

    assert _decision(page, "0012") == "8702/1 sat Thu 13 May AM (overnight supervision)"
    chosen = page.chosen_clash()
    assert chosen is not None and chosen.candidate == "0012"  # still chosen after the page read again
    page.choose(DAY, "PM")
    assert _sittings(page, "0012") == []  # the afternoon no longer has Finn
    page.choose(NEXT, "AM")
    assert [r.code for r in _sittings(page, "0012")] == ["1MA1/1H", "8702/1"]
    moved = _paper_cell(page, "0012", "8702/1")
    assert moved.startswith("8702/1 ") and moved.endswith("(moved from Wed 12 May PM; clash: sits after 1MA1/1H)")
    tip = QTextDocumentFragment.fromHtml(_paper_cell(page, "0012", "8702/1", Qt.ItemDataRole.ToolTipRole)).toPlainText()
    assert tip.startswith(moved + "\nOvernight supervision from the end of Wed 12 May until it starts")
    assert "moved from" not in _paper_cell(page, "0012", "1MA1/1H")
    assert page.summary.text().endswith(" Moved here to settle a clash: 0012's 8702/1 from Wed 12 May PM.")

    window.activateWindow()
    page.clash_table.setFocus()
    qtbot.keyClick(page.clash_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit > Undo
    assert stack.index() == 0
    assert [r.code for r in _sittings(page, "0012")] == ["1MA1/1H"]
    page.choose(DAY, "PM")
    assert [r.code for r in _sittings(page, "0012")] == ["8702/1"]
    assert _decision(page, "0012") == "—"
    window.redo_action.trigger()
    assert _decision(page, "0012") == "8702/1 sat Thu 13 May AM (overnight supervision)"


def test_enter_on_a_morning_clash_moves_a_paper_to_the_afternoon_and_as_timetabled_clears_it(
        tab: AccessTab, dialogs: Dialogs, qtbot: QtBot) -> None:
    page = _page(tab)
    clash = _choose_clash(page, "0018")
    assert clash.advice.startswith("moving 8035/1 puts")
    offered: list[tuple[str, bool, str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ClashDialog)
        paper = dialog.current()
        assert paper is not None
        offered.append((paper.code, dialog.overnight.isVisibleTo(dialog), dialog.meaning.text()))

    dialogs(fill)
    page.clash_table.setFocus()
    qtbot.keyClick(page.clash_table, Qt.Key.Key_Return)  # Enter on a clash settles it
    code, overnight, words = offered[0]
    assert code == "8035/1" and not overnight  # a morning paper is never sat the next morning
    assert words.startswith("8035/1 will be sat Wed 12 May PM instead of the morning; the candidate is kept under "
                            "supervision from 09:00, when it starts for everyone else, until they sit it.")
    assert _decision(page, "0018") == "8035/1 sat Wed 12 May PM (the other session)"
    assert tab.context.undo_stack.undoText() == "Settle 0018's clash: 8035/1 to Wed 12 May PM"
    page.choose(DAY, "PM")
    assert _sittings(page, "0018") == []  # no arrangement, so never in the list: the clash table says it
    assert "Moved here" not in page.summary.text()

    def as_timetabled(dialog: QDialog) -> None:
        assert isinstance(dialog, ClashDialog)
        assert dialog.current() is not None and dialog.choice() == OTHER_SESSION  # as decided
        assert dialog.paper.currentText() == "8035/1 (Wed 12 May AM at 09:00; now sat Wed 12 May PM)"
        dialog.choose(AS_TIMETABLED)
        assert dialog.meaning.text() == ("8035/1 will be sat as timetabled, Wed 12 May AM at 09:00; the decision to "
                                         "sit it Wed 12 May PM is cleared.")

    dialogs(as_timetabled)
    page.choose(DAY, "AM")
    _choose_clash(page, "0018")
    page.actions["settle-clash"].trigger()  # the context menu's item
    assert _decision(page, "0018") == "—"
    assert tab.context.undo_stack.undoText() == "Settle 0018's clash: 8035/1 as timetabled"
    assert page.actions["settle-clash"] in page.clash_table.actions()
    assert page.clash_table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu


def test_settling_needs_a_clash_chosen_and_a_refused_move_is_said_in_words(
        tab: AccessTab, dialogs: Dialogs, answers: Answers) -> None:
    page = _page(tab)
    page.clash_table.clearSelection()
    assert not page.actions["settle-clash"].isEnabled() and not page.settle_button.isEnabled()
    assert page.settle_button.toolTip().startswith("Choose a clash in the list below first.")
    page.actions["settle-clash"].trigger()  # disabled: nothing happens
    seen = dialogs(lambda _d: None)
    assert seen == []

    _choose_clash(page, "0012")

    def timetable_moved_meanwhile(dialog: QDialog) -> None:
        """Another window moves 8702/1 to Friday while the dialog is open."""
        assert isinstance(dialog, ClashDialog)
        paper = dialog.current()
        assert paper is not None and dialog.choice() == NEXT_MORNING
        with tab.context.session() as session:
            record = timetable.paper(session, paper.paper_id)
            timetable.update_paper(session, paper.paper_id, replace(record.fields, sat_on=date(2027, 5, 14)))

    dialogs(timetable_moved_meanwhile)
    page.settle_button.click()
    assert answers.errors == ["8702/1 is timetabled for Fri 14 May PM: a clash paper moves to the other session of "
                              "that day or, after an afternoon, to the next morning under overnight supervision, "
                              "not to Thu 13 May AM"]
    assert tab.context.undo_stack.count() == 0


def test_a_read_only_window_shows_the_decisions_but_does_not_settle(qtbot: QtBot, window: MainWindow) -> None:
    second = MainWindow(open_database(window.db.path, fall_back_to_read_only=True), settings_file(), today=TODAY)
    qtbot.addWidget(second)
    other = second.tab("access")
    assert isinstance(other, AccessTab)
    page = _page(other)
    _choose_clash(page, "0012")
    assert not page.actions["settle-clash"].isEnabled() and not page.settle_button.isEnabled()
    assert page.settle_button.toolTip().startswith("Clashes cannot be settled in a read-only window.")
    second.close()


def test_at_1024_by_700_a_decision_shows_whole_and_the_advice_keeps_its_room(
        window: MainWindow, tab: AccessTab, dialogs: Dialogs, qtbot: QtBot) -> None:
    window.resize(1024, 700)
    page = _page(tab)
    _choose_clash(page, "0012")
    seen = dialogs(lambda _d: None)  # the advice's own choice: the next morning
    window.activateWindow()
    page.clash_table.setFocus()
    qtbot.keyClick(page.clash_table, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # the button's Alt+B
    qtbot.waitUntil(lambda: len(seen) == 1)  # a mnemonic clicks the button after a short pressed-down look
    QApplication.processEvents()
    assert window.width() == 1024
    table, header = page.clash_table, page.clash_table.horizontalHeader()
    decision = _decision(page, "0012")
    assert table.columnWidth(DECISION_COLUMN) > table.fontMetrics().horizontalAdvance(decision)
    right = header.sectionViewportPosition(DECISION_COLUMN) + table.columnWidth(DECISION_COLUMN)
    assert right <= table.viewport().width()  # the decision is in view without scrolling
    assert table.columnWidth(RESOLUTION_COLUMN) >= RESOLUTION_LEAST
    assert not table.horizontalScrollBar().isVisible()  # no sideways scroll bar to cost the short table a row
    assert page.settle_button.isVisible() and page.settle_button.geometry().right() <= page.width()


def test_many_papers_moved_into_a_session_are_counted_after_the_first_few() -> None:
    rows = [ExamDayRow(i, i, "Doe", "Sam", 1, "8702/1", "English", "AQA", NEXT, "AM", None, (), (), None, None,
                       Timing(540, 105, Fraction(0), Fraction(0)), moved_from="Wed 12 May PM") for i in range(1, 6)]
    assert arrivals_text(rows) == (" Moved here to settle a clash: 0001's 8702/1 from Wed 12 May PM, 0002's 8702/1 "
                                   "from Wed 12 May PM, 0003's 8702/1 from Wed 12 May PM and 2 more papers.")
    assert arrivals_text([replace(rows[0], moved_from="")]) == ""
