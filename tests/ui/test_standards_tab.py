from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from eoffice.domain import audit, standards
from eoffice.domain.standards_rules import STARTER_TARGETS
from eoffice.domain.years import AcademicYear
from eoffice.ui import colours, sign_in, standards_commands
from eoffice.ui.dialogs import password_dialog
from eoffice.ui.dialogs.meeting_dialog import MeetingDialog
from eoffice.ui.dialogs.password_dialog import PasswordAnswer, Signer
from eoffice.ui.dialogs.target_dialog import TargetDialog
from eoffice.ui.exports import EXPORT_ACTIONS
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs import standards_pages
from eoffice.ui.tabs.standards_tab import SECTIONS, StandardsTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls

OFFICER, MANAGER, ASSISTANT = "Priya Shah", "Daniel O'Connor", "Tom Barker"
PASSWORDS = {OFFICER: "officer-demo-2026", MANAGER: "manager-demo-2026", ASSISTANT: "assistant-demo-2026"}
VALUES, KNOWLEDGE, SKILLS = 3, 1, 2  # grid columns


class Prompts:
    """Stands in for the password dialog: each answer is (who, password, reason)."""

    def __init__(self) -> None:
        self.queue: list[tuple[str, str, str]] = []
        self.asked: list[tuple[str, list[str], bool]] = []

    def give(self, name: str, password: str | None = None, reason: str = "") -> None:
        self.queue.append((name, PASSWORDS[name] if password is None else password, reason))

    def __call__(self, _parent: Any, title: str, _message: str, people: list[Signer], *, chosen: int | None = None,
                 reason: bool = False, action: str = "Sign") -> PasswordAnswer | None:
        self.asked.append((title, [p.name for p in people], reason))
        if not self.queue:
            return None
        name, password, why = self.queue.pop(0)
        person = next(p for p in people if p.name == name)
        return PasswordAnswer(person.id, password, why)


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Prompts]:
    given = Prompts()
    monkeypatch.setattr(password_dialog, "ask_password", given)
    yield given
    audit.set_actor(None)


@pytest.fixture
def tab(window: MainWindow) -> StandardsTab:
    window.show_item("standards")
    built = window.tab("standards")
    assert isinstance(built, StandardsTab)
    return built


def _fill(monkeypatch: pytest.MonkeyPatch, fill: Callable[[Any], None]) -> None:
    def run(dialog: Any) -> bool:
        fill(dialog)
        dialog.accept()
        return dialog.result_fields is not None

    monkeypatch.setattr(standards_pages, "run_dialog", run)


def _go_to_new_year(tab: StandardsTab, experience: str = "experienced") -> None:
    tab.context.set_year(AcademicYear(2027))
    tab.show_section("values")
    assert tab.stack.currentWidget() is tab.start_panel
    (tab.start_panel.new if experience == "new" else tab.start_panel.experienced).setChecked(True)
    tab.start_panel.start_button.click()
    assert tab.snapshot.standards is not None


def _select(table: Any, column: int, text: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if text in str(model.index(row, column).data()):
            table.selectRow(row)
            return
    raise AssertionError(f"no row with {text!r}")


def _texts(model: Any, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


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


def test_start_a_new_officers_year_with_the_starter_targets(tab: StandardsTab, answers: Answers) -> None:
    _go_to_new_year(tab, "new")
    assert tab.snapshot.standards.year.experience == "new"
    assert len(tab.targets.model._rows) == len(STARTER_TARGETS)
    assert tab.experience.currentData() == "new"
    tab.show_section("targets")
    assert tab.stack.currentWidget() is tab.targets
    starters = tab.targets.buttons["starters"]
    assert starters.isVisibleTo(tab) and starters.isEnabled()
    answers.choice = "First week"
    starters.click()
    assert tab.targets.model.rowCount() == len(STARTER_TARGETS) + 2
    tab.context.undo_stack.undo()
    assert tab.targets.model.rowCount() == len(STARTER_TARGETS)


def test_add_edit_and_delete_a_target_each_undoable(tab: StandardsTab, monkeypatch: pytest.MonkeyPatch,
                                                     answers: Answers) -> None:
    tab.show_section("targets")
    table, model, stack = tab.targets.table, tab.targets.model, tab.context.undo_stack

    def new(dialog: TargetDialog) -> None:
        dialog.area.setCurrentText("Invigilation")  # our own area, not the guide's
        dialog.target.setPlainText("Observe an invigilator briefing in another centre")
        dialog.methods.boxes["networking"].setChecked(True)
        dialog.success.setText("Notes shared with the line manager")

    _fill(monkeypatch, new)
    tab.targets.buttons["add"].click()
    assert model.rowCount() == 5
    assert "Invigilation" in _texts(model, 0) and "Networking" in _texts(model, 2)
    stack.undo()
    assert model.rowCount() == 4
    stack.redo()
    assert model.rowCount() == 5

    _select(table, 0, "Invigilation")
    _fill(monkeypatch, lambda d: d.status.setCurrentIndex(d.status.findData("achieved")))
    tab.targets.buttons["edit"].click()
    assert model.index(_texts(model, 0).index("Invigilation"), 5).data() == "Achieved"
    stack.undo()
    assert model.index(_texts(model, 0).index("Invigilation"), 5).data() == "Not started"

    _select(table, 0, "Invigilation")
    tab.targets.buttons["delete"].click()
    assert "Invigilation" not in _texts(model, 0)
    stack.undo()
    assert "Invigilation" in _texts(model, 0)
    assert answers.errors == []


def test_target_dialog_says_what_is_missing_in_plain_words(qtbot: Any) -> None:
    dialog = TargetDialog(None, TODAY)
    qtbot.addWidget(dialog)
    dialog.area.setCurrentText("  ")
    dialog.accept()
    assert dialog.result_fields is None and "Choose an area" in dialog.problem.text()
    dialog.area.setCurrentText("Key dates and deadlines")
    dialog.accept()
    assert dialog.problem.text() == "⚠ Write the target itself."
    dialog.target.setPlainText("Keep the key dates calendar up to date")
    dialog.accept()
    assert dialog.result_fields is not None and dialog.result_fields.area == "Key dates and deadlines"


def test_fewer_than_three_key_skills_brings_a_gentle_warning(tab: StandardsTab) -> None:
    tab.show_section("skills")
    assert tab.skills.model.rowCount() == 3 and tab.skills.warning.isHidden()
    _select(tab.skills.table, 0, "Decision making")
    tab.skills.buttons["delete"].click()
    assert not tab.skills.warning.isHidden()
    assert tab.skills.warning.text() == "⚠ Only 2 Key Skills are chosen; the guide recommends three."
    tab.context.undo_stack.undo()
    assert tab.skills.warning.isHidden()


def test_the_officer_signs_the_statement_with_their_own_password(tab: StandardsTab, prompts: Prompts,
                                                                  answers: Answers) -> None:
    _go_to_new_year(tab)
    page = tab.values
    page.editor.setPlainText(page.editor.toPlainText() + "\nI will keep the exams room tidy.")
    prompts.give(OFFICER, "not-my-password")
    page.buttons["officer"].click()  # saves the changed wording first (confirmed), then signs
    assert answers.errors == ["wrong password for Priya Shah"]
    assert tab.values.signatures.model.rowCount() == 0
    assert prompts.asked[-1][1] == [OFFICER]  # only the year's own officer signs this part

    prompts.give(OFFICER)
    page.buttons["officer"].click()
    assert len(answers.errors) == 1
    row = page.signatures.model.record(0).signature
    assert (row.signer_name, row.signer_role, row.state) == (OFFICER, "exams_officer", "signed")
    assert page.editor.toPlainText().endswith("I will keep the exams room tidy.")
    assert not page.buttons["officer"].isEnabled() and page.buttons["manager"].isEnabled()
    entry = tab.context.read(lambda s: audit.entries(s, limit=1))[0]  # type: ignore[index]
    assert entry.action == "sign" and entry.actor == OFFICER


def test_a_signed_statement_cannot_be_edited(tab: StandardsTab, prompts: Prompts, answers: Answers) -> None:
    _go_to_new_year(tab)
    prompts.give(OFFICER)
    tab.values.buttons["officer"].click()
    assert tab.values.editor.isReadOnly() and not tab.values.buttons["save"].isEnabled()
    assert "cannot be edited" in tab.values.locked.text()
    tab.values.editor.setPlainText("Something else entirely")  # even if text got in somehow
    tab.values.save()
    assert "cannot be changed while the exams officer's signature on the statement stands" in answers.errors[-1]


def test_the_line_manager_signs_the_statement(tab: StandardsTab, prompts: Prompts, answers: Answers) -> None:
    _go_to_new_year(tab)
    prompts.give(MANAGER)
    tab.values.buttons["manager"].click()
    assert prompts.asked[-1][1] == [MANAGER]
    assert answers.errors == []
    signature = tab.values.signatures.model.record(0).signature
    assert (signature.kind, signature.signer_name, signature.signer_role) == (
        "values_line_manager", MANAGER, "line_manager")
    assert tab.progress.model.index(0, VALUES).data() == "✗ Manager only"
    prompts.give(OFFICER)
    tab.values.buttons["officer"].click()
    assert tab.progress.model.index(0, VALUES).data() == "✓ Signed by both"


def test_withdrawing_a_signature_needs_a_reason_and_a_password(tab: StandardsTab, prompts: Prompts) -> None:
    tab.show_section("values")
    page = tab.values
    assert page.editor.isReadOnly()
    _select(page.signatures.table, 1, OFFICER)
    prompts.give(OFFICER, reason="The wording is to be updated")
    page.buttons["withdraw"].click()
    assert prompts.asked[-1][2] is True  # the reason was asked for
    states = _texts(page.signatures.model, 4)
    assert any(s.startswith("withdrawn") and s.endswith("The wording is to be updated") for s in states)
    assert page.editor.isReadOnly()  # the manager's signature still stands
    _select(page.signatures.table, 1, MANAGER)
    prompts.give(MANAGER, reason="The wording is to be updated")
    page.buttons["withdraw"].click()
    assert not page.editor.isReadOnly() and page.buttons["save"].isEnabled()
    assert tab.progress.model.index(0, VALUES).data() == "✗ Not signed"
    summaries = [e.summary for e in tab.context.read(lambda s: audit.entries(s, limit=3))]  # type: ignore[attr-defined]
    assert any("withdrawn by Priya Shah (exams officer): The wording is to be updated" in s for s in summaries)


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


def test_certificate_is_offered_only_when_earned_and_then_saved(tab: StandardsTab, window: MainWindow,
                                                                answers: Answers, tmp_path: Path) -> None:
    tab.show_section("declaration")
    button = tab.declaration.buttons["certificate"]
    assert not button.isEnabled()
    assert "Certificate not yet earned" in tab.declaration.certificate.text()
    assert "SLT declaration: not yet signed by the line manager" in tab.declaration.certificate.text()
    assert not tab.declaration.buttons["sign"].isEnabled()

    window.year_combo.setCurrentIndex(window.year_combo.findText("2025/26"))
    assert button.isEnabled() and "Certificate earned" in tab.declaration.certificate.text()
    answers.save_path = tmp_path / "certificate.pdf"
    button.click()
    assert answers.save_path.read_bytes().startswith(b"%PDF")


def test_the_line_manager_signs_the_slt_declaration(tab: StandardsTab, window: MainWindow, prompts: Prompts,
                                                    answers: Answers) -> None:
    window.year_combo.setCurrentIndex(window.year_combo.findText("2025/26"))
    tab.show_section("declaration")
    page = tab.declaration
    _select(page.signatures.table, 1, MANAGER)
    prompts.give(MANAGER, reason="Signed before the last meeting was typed up")
    page.buttons["withdraw"].click()
    assert not page.buttons["certificate"].isEnabled()
    assert "SLT declaration: not yet signed" in page.certificate.text()
    assert page.buttons["sign"].isEnabled()

    prompts.give(MANAGER, "wrong-password")
    page.buttons["sign"].click()
    assert answers.errors[-1] == "wrong password for Daniel O'Connor"
    prompts.give(MANAGER)
    page.buttons["sign"].click()
    assert prompts.asked[-1][1] == [MANAGER]  # a line manager only
    assert page.state.text().startswith("✓ Signed by Daniel O'Connor")
    assert page.buttons["certificate"].isEnabled()
    assert tab.progress.model.index(0, 6).data() == "✓ Earned"


def test_a_meeting_is_recorded_with_progress_and_signed(tab: StandardsTab, monkeypatch: pytest.MonkeyPatch,
                                                        prompts: Prompts, answers: Answers, tmp_path: Path) -> None:
    tab.show_section("meetings")
    targets = tab.snapshot.standards.targets
    next_on = TODAY + timedelta(weeks=6)

    def fill(dialog: MeetingDialog) -> None:
        dialog.held_on.set_date(TODAY)
        dialog.kind.setCurrentIndex(dialog.kind.findData("review"))
        dialog.set_progress("knowledge", targets[1].id, "One module left")
        dialog.went_well.setPlainText("Fire-alarm plan drafted")
        dialog.next_meeting.set_value(next_on, next_on)

    _fill(monkeypatch, fill)
    tab.meetings.buttons["add"].click()
    assert tab.meetings.model.rowCount() == 3
    added = tab.snapshot.standards.meetings[-1]
    assert added.progress[0].progress == "One module left" and added.attendees == "Priya Shah, Daniel O'Connor"
    assert tab.meetings.reminder.text() == "Next meeting due 04/01/2027."

    _select(tab.meetings.table, 0, "23/11/2026")
    prompts.give(OFFICER)
    tab.meetings.buttons["sign"].click()
    assert answers.errors == []
    assert prompts.asked[-1][1] == [OFFICER, MANAGER]
    row = _texts(tab.meetings.model, 0).index("23/11/2026")
    assert tab.meetings.model.index(row, 7).data() == OFFICER
    tab.meetings.table.selectRow(row)
    assert not tab.meetings.buttons["delete"].isEnabled()
    assert tab.meetings.buttons["edit"].text() == "&Open meeting…"
    answers.save_path = tmp_path / "meeting.pdf"
    tab.meetings.buttons["pdf"].click()
    assert answers.save_path.read_bytes().startswith(b"%PDF")


def test_meeting_dialog_refuses_a_next_meeting_before_this_one(qtbot: Any) -> None:
    dialog = MeetingDialog(None, [], [], lambda held: held + timedelta(weeks=6), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.next_meeting.value() == TODAY + timedelta(weeks=6)
    dialog.held_on.set_date(date(2026, 12, 1))
    assert dialog.next_meeting.value() == date(2027, 1, 12)  # follows the meeting date
    dialog.next_meeting.set_value(date(2026, 11, 30), date(2026, 11, 30))
    dialog.accept()
    assert dialog.result_fields is None and "next meeting must be after this one" in dialog.problem.text()


def test_statement_and_meeting_pack_pdfs_and_file_export(tab: StandardsTab, window: MainWindow,
                                                         answers: Answers, tmp_path: Path) -> None:
    tab.show_section("values")
    answers.save_path = tmp_path / "statement.pdf"
    tab.values.buttons["pdf"].click()
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    answers.save_path = tmp_path / "pack.pdf"
    tab.progress.buttons["pack"].click()
    assert answers.save_path.read_bytes().startswith(b"%PDF")

    exports = {e.label.replace("&", ""): e for e in EXPORT_ACTIONS}
    answers.save_path = tmp_path / "export-certificate.pdf"
    window._export(exports["Standards certificate (PDF)…"])
    assert "has not yet earned the certificate for 2026/27" in answers.errors[-1]
    window.year_combo.setCurrentIndex(window.year_combo.findText("2025/26"))
    window._export(exports["Standards certificate (PDF)…"])
    assert answers.save_path.exists()
    answers.save_path = tmp_path / "standards.xlsx"
    window._export(exports["Professional Standards (Excel)…"])
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
