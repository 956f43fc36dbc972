from __future__ import annotations

from pytestqt.qtbot import QtBot

from eoffice.domain import audit
from eoffice.domain.centre import get_centre
from eoffice.ui.dialogs.centre_dialog import CentreDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.centre_tab import CentreTab


def _centre_tab(window: MainWindow) -> CentreTab:
    window.show_item("centre")
    tab = window.tab("centre")
    assert isinstance(tab, CentreTab)
    return tab


def test_shows_centre_details_and_the_year(window: MainWindow) -> None:
    tab = _centre_tab(window)
    assert tab._fields["name"].text() == "Northfield Community Academy"
    assert tab._fields["number"].text() == "74125"
    assert tab._fields["senco"].text() == "Zoë Brontë-Ndiaye"
    assert "01/09/2026 to 31/08/2027" in tab.year_label.text()
    assert "November, January, Summer" in tab.year_label.text()


def test_edit_centre_then_undo_and_redo(window: MainWindow, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: object) -> bool:
        assert isinstance(dialog, CentreDialog)
        dialog.form.name.setText("Northfield Academy")
        dialog.form.line_manager.setText("Asha Begum")
        dialog.accept()
        return dialog.result_fields is not None

    answer_dialogs(fill)
    tab = _centre_tab(window)
    tab.edit_button.click()
    assert tab._fields["name"].text() == "Northfield Academy"
    assert tab._fields["manager"].text() == "Asha Begum"
    assert "Northfield Academy" in window.windowTitle()

    window.undo_action.trigger()
    assert tab._fields["name"].text() == "Northfield Community Academy"
    assert tab._fields["manager"].text() == "Daniel O'Connor"
    window.redo_action.trigger()
    assert tab._fields["manager"].text() == "Asha Begum"
    with window.db.session() as session:
        assert get_centre(session).line_manager == "Asha Begum"  # type: ignore[union-attr]


def test_a_bad_centre_number_keeps_the_dialog_open_and_saves_nothing(
    window: MainWindow, answer_dialogs
) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []

    def fill(dialog: object) -> bool:
        assert isinstance(dialog, CentreDialog)
        dialog.form.number.setText("1234")
        dialog.accept()
        shown.append(dialog.form.problem.text())
        assert not dialog.form.problem.isHidden()
        return dialog.result() == CentreDialog.DialogCode.Accepted

    answer_dialogs(fill)
    before = window.context.read(audit.count)  # type: ignore[union-attr]
    _centre_tab(window).edit_button.click()
    assert "exactly 5 digits" in shown[0]
    assert window.context.read(audit.count) == before  # type: ignore[union-attr]
    assert window.context.undo_stack.count() == 0  # type: ignore[union-attr]


def test_audit_log_lists_changes_and_filters_them(window: MainWindow, qtbot: QtBot) -> None:
    tab = _centre_tab(window)
    total = tab.audit_proxy.rowCount()
    assert total > 10
    tab.audit_filter.setText("academic year 2026/27")
    qtbot.waitUntil(lambda: tab.audit_proxy.rowCount() == 1)
    tab.audit_filter.clear()
    qtbot.waitUntil(lambda: tab.audit_proxy.rowCount() == total)


def test_audit_log_names_who_and_what_not_ids(window: MainWindow, qtbot: QtBot) -> None:
    tab = _centre_tab(window)
    model = tab.audit_model
    shown = {model.record(row).entity: model.index(row, 3).data() for row in range(model.rowCount())}
    assert shown["person"].startswith("Person: ")
    assert shown["centre"] == "Centre: Northfield Community Academy"
    assert shown["plan_task"].startswith("Plan task: ") and not shown["plan_task"][len("Plan task: "):].isdigit()
    assert shown["placement"] == "Candidate placement"  # a change to many: no one record to name
    tab.audit_filter.setText("Priya Shah 2026/27 professional standards year")  # found by name, not id
    qtbot.waitUntil(lambda: tab.audit_proxy.rowCount() >= 1)


def test_identical_details_make_no_undo_step(window: MainWindow, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: object) -> bool:
        assert isinstance(dialog, CentreDialog)
        dialog.accept()
        return True

    answer_dialogs(fill)
    _centre_tab(window).edit_button.click()
    assert window.context.undo_stack.count() == 0  # type: ignore[union-attr]
