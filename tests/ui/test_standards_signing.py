"""Signatures on the Standards tab: the Values & Attributes statement, withdrawing a signature,
the certificate and the line manager's SLT declaration, each given with the signer's own password."""

from __future__ import annotations

from pathlib import Path

from eoffice.domain import audit
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.standards_tab import StandardsTab
from tests.ui.conftest import Answers
from tests.ui.standards_helpers import MANAGER, OFFICER, VALUES, Prompts, go_to_new_year, prompts, select_row, tab, texts  # noqa: F401 - fixtures: imported for pytest to find


def test_the_officer_signs_the_statement_with_their_own_password(tab: StandardsTab, prompts: Prompts,
                                                                  answers: Answers) -> None:
    go_to_new_year(tab)
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
    go_to_new_year(tab)
    prompts.give(OFFICER)
    tab.values.buttons["officer"].click()
    assert tab.values.editor.isReadOnly() and not tab.values.buttons["save"].isEnabled()
    assert "cannot be edited" in tab.values.locked.text()
    tab.values.editor.setPlainText("Something else entirely")  # even if text got in somehow
    tab.values.save()
    assert "cannot be changed while the exams officer's signature on the statement stands" in answers.errors[-1]


def test_the_line_manager_signs_the_statement(tab: StandardsTab, prompts: Prompts, answers: Answers) -> None:
    go_to_new_year(tab)
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
    select_row(page.signatures.table, 1, OFFICER)
    prompts.give(OFFICER, reason="The wording is to be updated")
    page.buttons["withdraw"].click()
    assert prompts.asked[-1][2] is True  # the reason was asked for
    states = texts(page.signatures.model, 4)
    assert any(s.startswith("withdrawn") and s.endswith("The wording is to be updated") for s in states)
    assert page.editor.isReadOnly()  # the manager's signature still stands
    select_row(page.signatures.table, 1, MANAGER)
    prompts.give(MANAGER, reason="The wording is to be updated")
    page.buttons["withdraw"].click()
    assert not page.editor.isReadOnly() and page.buttons["save"].isEnabled()
    assert tab.progress.model.index(0, VALUES).data() == "✗ Not signed"
    summaries = [e.summary for e in tab.context.read(lambda s: audit.entries(s, limit=3))]  # type: ignore[attr-defined]
    assert any("withdrawn by Priya Shah (exams officer): The wording is to be updated" in s for s in summaries)


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
    select_row(page.signatures.table, 1, MANAGER)
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
