"""Screens for 1024 x 768 and up: every table keeps the columns an officer acts on in view at
1024 x 700, secondary columns step aside (and come back on a wide screen), the header's
"Columns" menu hides any column and a new window remembers it, and cell tooltips are rich
text that Qt wraps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from eoffice.db.session import Database
from eoffice.ui.app import settings_file
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models import keydates_table
from eoffice.ui.models.access_models import RESOLUTION_COLUMN
from eoffice.ui.models.record_table import rich_tip
from eoffice.ui.tabs.access_tab import AccessTab
from eoffice.ui.tabs.keydates_tab import KeyDatesTab
from eoffice.ui.tabs.plan_tab import PlanTab
from eoffice.ui.tabs.roster_tab import RosterTab
from eoffice.ui.tabs.standards_tab import StandardsTab
from eoffice.ui.widgets.columns import FIT_TEXT, TableColumns, columns_of
from tests.conftest import TODAY

EXAM_DAY = date(2027, 5, 12)  # the demo's Wednesday with clashes


def _show(window: MainWindow, key: str) -> QWidget:
    window.show_item(key)
    QApplication.processEvents()
    return window.tab(key)


def _pages(window: MainWindow, key: str) -> Iterator[str]:
    """Show each page of a tab in turn, naming it."""
    tab = _show(window, key)
    if isinstance(tab, AccessTab | RosterTab):
        for index, page in enumerate(tab.pages):
            tab.show_page(index)
            if page is getattr(tab, "exam_day", None):
                tab.exam_day.choose(EXAM_DAY, "AM")
            QApplication.processEvents()
            yield f"{key}: {page.name}"
    elif isinstance(tab, StandardsTab):
        for number, button in enumerate(tab.section_group.buttons()):
            tab.section_group.button(number).click()
            QApplication.processEvents()
            yield f"{key}: {button.accessibleName()}"
    elif isinstance(tab, PlanTab):
        tab.table_button.click()  # the board has no columns
        QApplication.processEvents()
        yield f"{key}: table"
    elif isinstance(tab, KeyDatesTab):
        yield f"{key}: list"
        tab.calendar_button.click()
        QApplication.processEvents()
        yield f"{key}: calendar"
    else:
        yield key


def _shown_tables(window: MainWindow) -> list[tuple[QTableView, TableColumns]]:
    found = []
    for table in window.findChildren(QTableView):
        columns = columns_of(table)
        if table.isVisible() and columns is not None:
            found.append((table, columns))
    return found


def _cut(table: QTableView, columns: TableColumns) -> list[str]:
    """The columns an officer acts on that are hidden, narrower than their heading, or past the
    right edge (out of view without scrolling)."""
    header, room = table.horizontalHeader(), table.viewport().width()
    problems = []
    for column in range(columns.count()):
        if column in columns.secondary or column in columns.held:
            continue
        name = columns.title(column)
        if header.isSectionHidden(column):
            problems.append(f"{name}: hidden")
        elif table.columnWidth(column) < columns.header_width(column):
            problems.append(f"{name}: {table.columnWidth(column)} wide, its heading needs {columns.header_width(column)}")
        elif header.sectionViewportPosition(column) + table.columnWidth(column) > room:
            problems.append(f"{name}: past the right edge")
    return problems


@pytest.fixture
def small(window: MainWindow) -> MainWindow:
    window.resize(1024, 700)
    QApplication.processEvents()
    return window


@pytest.mark.parametrize("key", ["overview", "plan", "keydates", "access", "roster", "standards", "centre"])
def test_at_1024_by_700_every_table_keeps_its_acting_columns_in_view(small: MainWindow, key: str) -> None:
    seen = 0
    for page in _pages(small, key):
        assert small.width() == 1024, f"{page} widens the window to {small.width()}"
        for table, columns in _shown_tables(small):
            assert _cut(table, columns) == [], f"{page}, {table.accessibleName()}"
            for column in columns.stretching():
                if not table.isColumnHidden(column):
                    assert table.columnWidth(column) >= columns.header_width(column)
            seen += 1
    assert seen  # every tab shows at least one table


def test_the_plan_table_shows_the_task_and_its_status_at_1024(small: MainWindow) -> None:
    plan = _show(small, "plan")
    assert isinstance(plan, PlanTab)
    plan.table_button.click()
    QApplication.processEvents()
    table = plan.table
    columns = columns_of(table)
    assert columns is not None and _cut(table, columns) == []
    assert table.columnWidth(1) >= 250  # the task keeps room for its words


def test_the_exam_day_list_keeps_extra_and_finish_and_lets_duration_and_rest_step_aside(small: MainWindow) -> None:
    tab = _show(small, "access")
    assert isinstance(tab, AccessTab)
    tab.show_page(tab.page_index(tab.exam_day))
    tab.exam_day.choose(EXAM_DAY, "AM")
    QApplication.processEvents()
    table = tab.exam_day.table
    titles = {table.model().headerData(c, Qt.Orientation.Horizontal): c for c in range(table.model().columnCount())}
    for acting in ("Candidate", "Name", "Room", "Arrangements", "Paper", "Start", "Extra (min)", "Finish"):
        assert not table.isColumnHidden(titles[acting]), acting
    assert table.isColumnHidden(titles["Duration"]) and table.isColumnHidden(titles["Rest (min)"])
    assert table.columnWidth(titles["Paper"]) >= 100  # room for the code and the start of the title
    small.resize(1600, 1000)
    QApplication.processEvents()
    assert not table.isColumnHidden(titles["Duration"]) and not table.isColumnHidden(titles["Rest (min)"])


def test_key_dates_give_the_title_room_and_show_the_rest_on_a_wide_screen(window: MainWindow) -> None:
    tab = _show(window, "keydates")
    assert isinstance(tab, KeyDatesTab)
    table, secondary = tab.table, (keydates_table.BODY, keydates_table.SERIES, keydates_table.CATEGORY,
                                   keydates_table.SOURCE)
    window.resize(1200, 800)  # the default size, where the trial saw "Pearso…"
    QApplication.processEvents()
    assert table.columnWidth(keydates_table.TITLE) >= 250
    assert table.isColumnHidden(keydates_table.SOURCE)  # the source steps aside before the title shrinks
    window.resize(1024, 700)
    QApplication.processEvents()
    assert all(table.isColumnHidden(c) for c in secondary)
    assert table.columnWidth(keydates_table.TITLE) >= 250
    window.resize(1600, 1000)
    QApplication.processEvents()
    assert not any(table.isColumnHidden(c) for c in secondary)
    assert table.columnWidth(keydates_table.TITLE) >= 250


def test_the_availability_bar_keeps_every_button_at_1024(small: MainWindow) -> None:
    tab = _show(small, "roster")
    assert isinstance(tab, RosterTab)
    bar = tab.team.available_bar
    assert bar.isVisible()
    folded = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert folded is None or not folded.isVisible()  # no "»"
    for key in ("yes", "no", "default"):
        button = bar.widgetForAction(tab.team.actions[key])
        assert button.isVisible() and button.geometry().right() <= bar.width()
    team = columns_of(tab.team.table)
    assert team is not None and _cut(tab.team.table, team) == []


def _action(columns: TableColumns, text: str) -> QAction:
    found = [a for a in columns.menu().actions() if a.text() == text]
    assert len(found) == 1, text
    return found[0]


def test_the_column_menu_hides_a_column_and_a_new_window_remembers(
        qtbot: QtBot, small: MainWindow, demo_db: Database) -> None:
    assert settings_file().fileName().startswith(str(demo_db.path.parent))  # the test's own folder, not the officer's
    tab = _show(small, "keydates")
    assert isinstance(tab, KeyDatesTab)
    columns = columns_of(tab.table)
    assert columns is not None
    menu = columns.menu()
    assert menu.title() == "Columns"
    checks = [a for a in menu.actions() if a.isCheckable()]
    assert [a.text() for a in checks] == [columns.title(c) for c in range(columns.count())]
    assert not _action(columns, "Title").isEnabled()  # the title always shows
    assert not _action(columns, "Source").isChecked()  # stepped aside at 1024

    _action(columns, "Countdown").trigger()  # untick: hidden
    _action(columns, "Source").trigger()  # tick: shown, even at 1024
    assert tab.table.isColumnHidden(keydates_table.COUNTDOWN)
    assert not tab.table.isColumnHidden(keydates_table.SOURCE)
    small.close()

    second = MainWindow(demo_db, settings_file(), today=TODAY)
    qtbot.addWidget(second)
    second.resize(1024, 700)
    second.show()
    again = _show(second, "keydates")
    assert isinstance(again, KeyDatesTab)
    assert again.table.isColumnHidden(keydates_table.COUNTDOWN)
    assert not again.table.isColumnHidden(keydates_table.SOURCE)
    other = _show(second, "access")
    assert isinstance(other, AccessTab)
    assert not other.register.table.isColumnHidden(0)  # a choice is one table's, not every table's

    fitted = columns_of(again.table)
    assert fitted is not None
    _action(fitted, FIT_TEXT).trigger()  # forget the choices
    assert not again.table.isColumnHidden(keydates_table.COUNTDOWN)
    assert again.table.isColumnHidden(keydates_table.SOURCE)
    assert not _action(fitted, FIT_TEXT).isEnabled()
    second.close()


def test_the_menu_opens_from_the_header_and_never_empties_a_table(small: MainWindow, qtbot: QtBot) -> None:
    tab = _show(small, "roster")
    assert isinstance(tab, RosterTab)
    tab.show_page(tab.pages.index(tab.grid))
    QApplication.processEvents()
    columns = columns_of(tab.grid.table)
    assert columns is not None and columns.stretching() == ()
    rooms = [columns.title(c) for c in range(columns.count())]
    for room in rooms[:-1]:
        _action(columns, room).trigger()
    assert not _action(columns, rooms[-1]).isEnabled()  # the last room left cannot go
    assert [tab.grid.table.isColumnHidden(c) for c in range(columns.count())] == [True] * (len(rooms) - 1) + [False]
    header = tab.grid.table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(5, 5))
    qtbot.waitUntil(lambda: any(w.isVisible() and w.title() == "Columns" for w in QApplication.topLevelWidgets()
                                if hasattr(w, "title") and callable(w.title)))
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "title") and callable(widget.title) and widget.title() == "Columns":
            widget.close()
    _action(columns, FIT_TEXT).trigger()


def test_cell_tooltips_are_rich_text_that_qt_wraps(small: MainWindow) -> None:
    tab = _show(small, "access")
    assert isinstance(tab, AccessTab)
    tab.show_page(tab.page_index(tab.exam_day))
    tab.exam_day.choose(EXAM_DAY, "AM")
    tab.exam_day.whole_year.setChecked(True)
    QApplication.processEvents()
    model = tab.exam_day.clash_table.model()
    tips = [model.index(row, RESOLUTION_COLUMN).data(Qt.ItemDataRole.ToolTipRole) for row in range(model.rowCount())]
    assert tips and all(QtGui.Qt.mightBeRichText(tip) for tip in tips)
    longest = max(tips, key=len)
    words = QTextDocumentFragment.fromHtml(longest).toPlainText()
    assert words == model.index(tips.index(longest), RESOLUTION_COLUMN).data()  # the whole advice, nothing lost
    shown = QLabel(longest)  # as QToolTip lays a rich tooltip out: word-wrapped
    shown.setWordWrap(QtGui.Qt.mightBeRichText(longest))
    one_line = shown.fontMetrics().horizontalAdvance(words)
    assert one_line > 600 and shown.sizeHint().width() < 700 and shown.sizeHint().height() > 2 * shown.fontMetrics().height()

    for table, _columns in _shown_tables(small):  # every cell's tooltip, on every table of the page
        model = table.model()
        for column in range(model.columnCount()):
            tip = model.index(0, column).data(Qt.ItemDataRole.ToolTipRole) if model.rowCount() else ""
            assert not tip or QtGui.Qt.mightBeRichText(tip), (table.accessibleName(), column)


def test_a_rich_tooltip_shows_marks_as_typed_and_keeps_line_breaks() -> None:
    tip = rich_tip("Sits 8702/1 <after> 1MA1/1H & rests\nOvernight supervision")
    assert QtGui.Qt.mightBeRichText(tip)
    assert QTextDocumentFragment.fromHtml(tip).toPlainText() == "Sits 8702/1 <after> 1MA1/1H & rests\nOvernight supervision"
    assert rich_tip("") == ""
