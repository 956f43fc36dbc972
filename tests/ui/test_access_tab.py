"""The Access arrangements tab as a whole: its models, a read-only window, the Overview line,
the exports and keyboard access. The pages' own workflows are in test_access_register.py,
test_access_candidates.py and test_access_timetable.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eoffice.db.session import open_database
from eoffice.domain import access
from eoffice.domain.overview import access_items
from eoffice.ui.app import settings_file
from eoffice.ui.exports import EXPORT_ACTIONS
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_tab import AccessTab
from eoffice.ui.tabs.overview_tab import OverviewTab
from tests.conftest import TODAY
from tests.ui.access_helpers import (
    YEAR,
    tab,  # noqa: F401 - a fixture: imported for pytest to find
)
from tests.ui.conftest import Answers, ExportNow
from tests.ui.controls import unnamed, visible_controls


def test_models_pass_the_qt_model_tester(tab: AccessTab, qtmodeltester: ModelTester) -> None:
    for index, page in enumerate(tab.pages):
        tab.show_page(index)
        models = [page.model, page.proxy]  # type: ignore[attr-defined]
        if page is tab.exam_day:
            models += [tab.exam_day.clash_model, tab.exam_day.clash_proxy]
        for model in models:
            qtmodeltester.check(model)
    tab.register.proxy.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(tab.register.proxy)


def test_a_read_only_database_shows_everything_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    other = open_database(window.db.path, fall_back_to_read_only=True)
    second = MainWindow(other, settings_file(), today=TODAY)
    qtbot.addWidget(second)
    tab = second.tab("access")
    assert isinstance(tab, AccessTab) and tab.register.model.rowCount() > 0
    for page in (tab.register, tab.candidates, tab.timetable):
        tab.show_page(tab.page_index(page))
        assert not any(action.isEnabled() for action in page.actions.values())
    assert not tab.register.status_button.isEnabled()
    second.close()


def test_overview_shows_the_access_line_and_deadlines_and_opens_the_tab(window: MainWindow) -> None:
    overview = window.tab("overview")
    assert isinstance(overview, OverviewTab)
    overview.refresh()
    lines = [overview.areas_model.index(r, 0).data(RECORD_ROLE) for r in range(overview.areas_model.rowCount())]
    line = next(a for a in lines if a.area == "Access arrangements")
    assert (line.summary, line.tab_key) == ("1 approval expires before the candidate's last exam", "access")
    later = date(2027, 3, 1)  # inside the warning window before the summer AAO deadline: counts, no names
    items = window.context.read(lambda s: access_items(s, YEAR, later))  # type: ignore[union-attr]
    found = window.context.read(lambda s: access.warnings(s, YEAR, later))  # type: ignore[union-attr]
    pending = [w for w in found if w.kind == "application_not_made"]  # type: ignore[attr-defined]
    assert items and sum(int(i.title.split()[0]) for i in items) == len(pending)  # type: ignore[attr-defined]
    assert all(i.tab_key == "access" and i.title.endswith("not yet made") for i in items)  # type: ignore[attr-defined]
    record = window.context.read(access.arrangements)[0]  # type: ignore[union-attr, index]
    assert window.show_item("access", record.id)
    assert [r.id for r in window.tab("access").register.chosen()] == [record.id]  # type: ignore[attr-defined]


def test_every_access_export_asks_first_and_writes_nothing_when_refused(
    window: MainWindow, answers: Answers, tmp_path: Path, export_now: ExportNow
) -> None:
    ours = [e for e in EXPORT_ACTIONS if e.label.replace("&", "").startswith("Access")]
    assert len(ours) == 5 and all(e.sensitive for e in ours)  # register, session sheets, summaries, door list (PDF, Excel)
    for export in ours:
        out = tmp_path / f"{len(list(tmp_path.iterdir()))}{export.suffix}"
        answers.save_path = out
        answers.confirm = False
        export_now(window, export)
        assert not out.exists()
        answers.confirm = True
        export_now(window, export)
        assert out.exists() and out.stat().st_size > 0
    assert answers.errors == []
    assert "Robinson" not in window.statusBar().currentMessage()


def test_every_control_of_the_pages_and_dialogs_is_named_and_reachable_with_tab(tab: AccessTab) -> None:
    for index in range(len(tab.pages)):
        tab.show_page(index)
        controls = visible_controls(tab)
        assert controls and unnamed(controls) == []
        for control in controls:
            if control.isEnabled():
                assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    dialogs = [tab.register._dialog(None, None, "New"), tab.candidates._dialog(None, "New"),
               tab.timetable._dialog(None, "New")]
    for dialog in dialogs:
        dialog.show()
        assert unnamed(visible_controls(dialog)) == [], type(dialog).__name__
        dialog.close()
