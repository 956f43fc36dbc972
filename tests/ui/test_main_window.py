from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eoffice import __version__
from eoffice.db.session import Database, open_database
from eoffice.domain.centre import get_centre
from eoffice.domain.years import AcademicYear
from eoffice.ui.app import settings_file
from eoffice.ui.main_window import LazyTab, MainWindow
from eoffice.ui.tabs import TABS
from tests.conftest import TODAY
from tests.ui.controls import unnamed, visible_controls


def test_window_has_a_tab_per_area_and_shows_database_and_year(window: MainWindow, demo_db: Database) -> None:
    assert window.tabs.count() == len(TABS)
    assert str(demo_db.path) in window.path_label.text()
    assert window.year_status.text() == "Year: 2026/27"
    assert "Northfield Community Academy" in window.windowTitle()
    assert window.mode_label.text() == ""


def test_menus_offer_the_file_edit_and_help_actions(window: MainWindow) -> None:
    texts = {
        action.text().replace("&", "")
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for action in menu.actions()
    }
    for expected in ("New database…", "Open database…", "Back up database…", "Restore from a backup…", "Undo", "Redo", "About eoffice"):
        assert any(t.startswith(expected) for t in texts), expected
    assert __version__ in window.about_text()
    assert str(window.db.path) in window.about_text()
    assert "Follows the JCQ regulations for 2025/26." in window.about_text()


def test_year_switcher_offers_stored_years_and_changes_the_year(window: MainWindow) -> None:
    labels = [window.year_combo.itemText(i) for i in range(window.year_combo.count())]
    assert labels == ["2025/26", "2026/27", "2027/28"]
    seen: list[AcademicYear] = []
    assert window.context is not None
    window.context.yearChanged.connect(seen.append)
    window.year_combo.setCurrentIndex(2)
    assert seen == [AcademicYear(2027)]
    assert window.year_status.text() == "Year: 2027/28"


def test_tabs_are_built_only_when_first_shown(qtbot: QtBot, demo_db: Database) -> None:
    main = MainWindow(demo_db, settings_file(), today=TODAY)
    qtbot.addWidget(main)
    built = [w for i in range(main.tabs.count()) if isinstance(w := main.tabs.widget(i), LazyTab) and w.content]
    assert len(built) == 1  # only the current tab


def test_geometry_and_last_tab_are_remembered(qtbot: QtBot, db_path: Path) -> None:
    first = MainWindow(open_database(db_path), settings_file(), today=TODAY)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show()
    qtbot.waitExposed(first)
    size = (first.size().width(), first.size().height())  # the window may refuse to be narrower
    assert size != (1200, 800)
    first.tabs.setCurrentIndex(first.tabs.count() - 1)
    last_key = first.tabs.currentWidget().spec.key
    first.close()
    assert settings_file().value("window/tab") == last_key

    second = MainWindow(open_database(db_path), settings_file(), today=TODAY)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == size
    assert second.tabs.currentWidget().spec.key == last_key
    second.close()


def test_every_control_has_an_accessible_name_and_takes_keyboard_focus(window: MainWindow) -> None:
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        controls = visible_controls(window)
        assert controls
        assert unnamed(controls) == []
        for control in controls:
            if control.isEnabled():
                assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()


def test_second_window_on_same_file_is_read_only_and_says_who_has_it(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    other = open_database(demo_db.path, fall_back_to_read_only=True)
    second = MainWindow(other, settings_file(), today=TODAY)
    qtbot.addWidget(second)
    assert other.read_only
    assert "[read-only]" in second.windowTitle()
    assert second.mode_label.text().startswith("Read-only (")
    assert not second.centre_action.isEnabled()
    second.close()
    # the first window still writes
    with window.db.session() as session:
        assert get_centre(session) is not None


def test_the_memory_bench_visits_every_tab_and_page(window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    from eoffice.ui.app import visit_every_tab

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    peak_kb = visit_every_tab(window, app)
    assert peak_kb > 10_000  # a Qt process holds tens of MB at least
    assert all(isinstance(w := window.tabs.widget(i), LazyTab) and w.content is not None
               for i in range(window.tabs.count()))
    access = window.tab("access")
    assert access.stack.currentIndex() == len(access.pages) - 1  # type: ignore[attr-defined]  # its last page shown
    standards = window.tab("standards")
    assert standards.section_buttons["declaration"].isChecked()  # type: ignore[attr-defined]  # its last section
