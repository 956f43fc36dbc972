"""The Standards tab as a whole: its models, the progress grid, what an assistant may do, the
PDFs and exports, the Overview line and keyboard access. The workflows are in
test_standards_targets.py, test_standards_signing.py and test_standards_meetings.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from eoffice.domain import standards
from eoffice.domain.years import AcademicYear
from eoffice.ui import colours, sign_in, standards_commands
from eoffice.ui.dialogs.centre_dialog import CentreDialog, edit_centre
from eoffice.ui.exports import EXPORT_ACTIONS
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.standards_tab import SECTIONS, StandardsTab
from tests.ui.conftest import Answers, ExportNow
from tests.ui.controls import unnamed, visible_controls
from tests.ui.standards_helpers import ASSISTANT, KNOWLEDGE, OFFICER, VALUES, Prompts, prompts, tab  # noqa: F401 - fixtures: imported for pytest to find


def test_models_pass_the_qt_model_tester(tab: StandardsTab, qtmodeltester: ModelTester) -> None:
    for model in (tab.progress.model, tab.targets.model, tab.skills.model, tab.meetings.model,
                  tab.values.signatures.model, tab.meetings.signatures.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_grid_shows_a_tick_or_a_cross_with_a_word_in_every_cell(tab: StandardsTab, window: MainWindow) -> None:
    model = tab.progress.model
    assert model.rowCount() == 1 and model.index(0, 0).data() == OFFICER
    assert model.index(0, VALUES).data() == "✓ Signed by both"
    assert model.index(0, KNOWLEDGE).data() == "✗ 1 of 4"
    assert model.index(0, VALUES).data(Qt.ItemDataRole.BackgroundRole) == colours.DONE
    assert model.index(0, KNOWLEDGE).data(Qt.ItemDataRole.ForegroundRole) == colours.OVERDUE_SOLID
    assert "not yet achieved" in model.index(0, KNOWLEDGE).data(Qt.ItemDataRole.ToolTipRole)
    for column in range(1, model.columnCount()):  # never a mark alone
        mark, _, word = model.index(0, column).data().partition(" ")
        assert mark in ("✓", "✗") and word
    assert "Still missing for Priya Shah's certificate" in tab.progress.missing.text()
    assert tab.progress.reminder.text() == "Meetings: next meeting due 03/12/2026."

    window.year_combo.setCurrentIndex(window.year_combo.findText("2025/26"))
    assert all(model.index(0, c).data().startswith("✓") for c in range(1, 7))
    assert model.index(0, 6).data() == "✓ Earned"
    assert "has earned the certificate" in tab.progress.missing.text()


def test_an_assistant_can_read_but_not_change_or_sign(tab: StandardsTab, window: MainWindow, prompts: Prompts,
                                                     answers: Answers) -> None:
    prompts.give(ASSISTANT)
    assert sign_in.guard(window).sign_in()
    assert tab.acting.by is not None and not tab.acting.can_edit and not tab.acting.can_sign
    assert "assistants can read the Professional Standards but cannot change or sign them" in tab.acting_label.text()
    for page, key in ((tab.targets, "add"), (tab.skills, "add"), (tab.values, "save"), (tab.values, "officer"),
                      (tab.values, "manager"), (tab.meetings, "add"), (tab.declaration, "sign")):
        assert not page.buttons[key].isEnabled(), key
    assert tab.values.editor.isReadOnly()
    assert tab.progress.model.rowCount() == 1  # still reads everything
    assert not tab.sign("values_officer", "try anyway")
    assert "assistants can read" in answers.errors[-1]
    assert not tab.attempt("Target not added", lambda by: None)
    with pytest.raises(standards.NotAllowed):  # and the domain refuses too
        standards_commands.set_statement(tab.context, tab.snapshot.year_id, "", "New words", by=tab.acting.by)


def test_statement_and_meeting_pack_pdfs_and_file_export(tab: StandardsTab, window: MainWindow,
                                                         answers: Answers, tmp_path: Path,
                                                         export_now: ExportNow) -> None:
    tab.show_section("values")
    answers.save_path = tmp_path / "statement.pdf"
    tab.values.buttons["pdf"].click()
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    answers.save_path = tmp_path / "pack.pdf"
    tab.progress.buttons["pack"].click()
    assert answers.save_path.read_bytes().startswith(b"%PDF")

    exports = {e.label.replace("&", ""): e for e in EXPORT_ACTIONS}
    answers.save_path = tmp_path / "export-certificate.pdf"
    export_now(window, exports["Standards certificate (PDF)…"])
    assert "has not yet earned the certificate for 2026/27" in answers.errors[-1]
    window.year_combo.setCurrentIndex(window.year_combo.findText("2025/26"))
    export_now(window, exports["Standards certificate (PDF)…"])
    assert answers.save_path.exists()
    answers.save_path = tmp_path / "standards.xlsx"
    export_now(window, exports["Professional Standards (Excel)…"])
    assert answers.save_path.exists()


def test_the_overview_has_a_standards_line(window: MainWindow) -> None:
    overview = window.tab("overview")
    lines = {line.area: line for line in (overview.areas_model.record(r) for r in range(overview.areas_model.rowCount()))}
    assert lines["Professional Standards"].summary == "1 of 6 criteria met; next meeting due 03/12/2026"
    assert lines["Professional Standards"].tab_key == "standards"


def test_every_section_is_named_and_reachable_by_keyboard(tab: StandardsTab) -> None:
    def check() -> None:
        controls = visible_controls(tab)
        assert controls and unnamed(controls) == []
        for control in controls:
            if control.isEnabled():
                assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()

    for key, _title in SECTIONS:
        tab.show_section(key)
        check()
    tab.context.set_year(AcademicYear(2027))
    tab.show_section("targets")
    assert tab.stack.currentWidget() is tab.start_panel
    check()


def test_renaming_the_exams_officer_in_the_centre_details_refreshes_the_tab(
        tab: StandardsTab, window: MainWindow, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    """The people named in the centre's roles change with the centre (``areas.CENTRE``): the
    chooser and the grid show the new name without reopening the tab, and again after undo."""

    def fill(dialog: object) -> bool:
        assert isinstance(dialog, CentreDialog)
        dialog.form.officer.setText("Priya Shah-Malik")
        dialog.accept()
        return dialog.result_fields is not None

    answer_dialogs(fill)
    assert tab.person.currentText() == OFFICER
    assert edit_centre(window.context, window)
    assert tab.person.currentText() == "Priya Shah-Malik"
    assert tab.progress.model.index(0, 0).data() == "Priya Shah-Malik"
    window.undo_action.trigger()
    assert tab.person.currentText() == OFFICER
    assert tab.progress.model.index(0, 0).data() == OFFICER
