"""The arrangements register and the warnings page: listing, filtering, adding, editing,
moving on in status and deleting arrangements, each undoable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from eoffice.domain import access
from eoffice.domain.access import TYPES
from eoffice.ui.dialogs.arrangement_dialog import ArrangementDialog
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_tab import AccessTab
from tests.conftest import TODAY
from tests.ui.access_helpers import YEAR, add_candidate, arrangements, dialogs, tab  # noqa: F401 - fixtures: imported for pytest to find
from tests.ui.conftest import Answers


def test_register_lists_every_arrangement_with_its_warning_in_words(tab: AccessTab) -> None:
    records = arrangements(tab)
    assert tab.register.model.rowCount() == len(records)
    found = tab.context.read(lambda s: access.warnings(s, YEAR, TODAY))
    assert found  # the demo has an approval that runs out before the last exam
    row = next(r for r in range(tab.register.model.rowCount())
               if tab.register.model.index(r, 0).data(RECORD_ROLE).id == found[0].arrangement_id)  # type: ignore[attr-defined]
    warning = tab.register.model.index(row, 10)
    assert warning.data() == "Expires before last exam"
    assert warning.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert f"{len(found)} warning" in tab.summary.text()
    assert tab.buttons.button(tab.page_index(tab.warnings)).text() == f"&Warnings ({len(found)})"


def test_register_filters_by_status_type_route_and_words(tab: AccessTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    page, records = tab.register, arrangements(tab)
    page.status_filter.setCurrentIndex(page.status_filter.findData("approved"))
    assert page.proxy.rowCount() == sum(r.status == "approved" for r in records)
    page.type_filter.setCurrentIndex(page.type_filter.findData("extra_time_25"))
    assert page.proxy.rowCount() == sum(r.status == "approved" and r.kind == "extra_time_25" for r in records)
    page.clear_filters()
    page.route_filter.setCurrentIndex(page.route_filter.findData("delegated"))
    assert page.proxy.rowCount() == sum(r.route == "delegated" for r in records)
    page.clear_filters()
    number = records[0].candidate_number
    page.text_filter.setText(f"{number:04d}")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == sum(r.candidate_number == number for r in records))
    assert "of" in page.count.text()
    page.clear_filters()
    assert page.proxy.rowCount() == len(records)


def test_new_arrangement_defaults_route_and_expiry_and_undoes(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    cid = add_candidate(tab)
    seen_rules: list[str] = []

    def fill(dialog: ArrangementDialog) -> None:
        dialog.candidate.setCurrentIndex(dialog.candidate.findData(cid))
        dialog.kind.setCurrentIndex(dialog.kind.findData("reader"))
        assert dialog.route.currentData() == "aao" and dialog.room_need.currentData() == "reader"
        dialog.kind.setCurrentIndex(dialog.kind.findData("rest_breaks"))
        assert dialog.route.currentData() == "delegated" and dialog.room_need.currentData() == "none"
        dialog.kind.setCurrentIndex(dialog.kind.findData("extra_time_up_to_50"))
        assert dialog.route.currentData() == "referred" and dialog.extra.text() == "50"
        dialog.kind.setCurrentIndex(dialog.kind.findData("extra_time_25"))
        assert dialog.route.currentData() == "aao" and dialog.extra.text() == "25"
        dialog.status.setCurrentIndex(dialog.status.findData("approved"))
        dialog.approved.set_date(date(2026, 3, 15))
        seen_rules.append(dialog.expiry_rule.text())
        seen_rules.append(dialog.type_rule.text())

    dialogs(fill)
    before = len(arrangements(tab))
    tab.register.actions["new"].trigger()
    added = [r for r in arrangements(tab) if r.candidate_id == cid]
    assert len(added) == 1 and len(arrangements(tab)) == before + 1
    record = added[0]
    assert (record.kind, record.route, record.extra_time_percent) == ("extra_time_25", "aao", 25)
    assert record.approved_on == date(2026, 3, 15) and record.expires_on == date(2028, 5, 15)  # + 26 months
    assert seen_rules[0] == "Expires 15/05/2028: approval + 26 months (a setting)."
    assert seen_rules[1] == ("Usual for 25% extra time: route “AAO application”, 25% extra time. "
                             f"{TYPES['extra_time_25'].note}")  # rest breaks tried first (2025/26)
    assert [r.id for r in tab.register.chosen()] == [record.id]  # the new one is selected
    stack = tab.context.undo_stack
    assert stack.undoText() == "Add arrangement for candidate 9001"  # a number, never a name or condition
    stack.undo()
    assert not [r for r in arrangements(tab) if r.candidate_id == cid]
    assert tab.register.model.rowCount() == before
    stack.redo()
    assert [r.id for r in arrangements(tab) if r.candidate_id == cid] == [record.id]


def test_edit_arrangement_and_set_status_undo_and_redo(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    applied = next(r for r in arrangements(tab) if r.status == "applied")

    def fill(dialog: ArrangementDialog) -> None:
        assert not dialog.candidate.isEnabled()  # an arrangement stays with its candidate
        dialog.reference.setText("AAO-TEST-1")
        dialog.notes.setPlainText("Checked with the SENCo")

    dialogs(fill)
    assert tab.select_record(applied.id)
    tab.register.actions["edit"].trigger()
    changed = tab.context.read(lambda s: access.arrangement(s, applied.id))
    assert changed.fields.reference == "AAO-TEST-1" and changed.fields.notes == "Checked with the SENCo"  # type: ignore[attr-defined]
    stack = tab.context.undo_stack
    stack.undo()
    assert tab.context.read(lambda s: access.arrangement(s, applied.id)).fields == applied.fields  # type: ignore[attr-defined]
    stack.redo()
    assert tab.context.read(lambda s: access.arrangement(s, applied.id)).fields.reference == "AAO-TEST-1"  # type: ignore[attr-defined]

    assert tab.select_record(applied.id)
    tab.register.status_actions["approved"].trigger()
    approved = tab.context.read(lambda s: access.arrangement(s, applied.id))
    assert approved.status == "approved" and approved.approved_on == TODAY  # type: ignore[attr-defined]
    assert approved.expires_on == date(2029, 1, 23)  # type: ignore[attr-defined]
    stack.undo()
    assert tab.context.read(lambda s: access.arrangement(s, applied.id)).status == "applied"  # type: ignore[attr-defined]


def test_delete_arrangement_asks_and_undo_puts_it_back(tab: AccessTab, answers: Answers) -> None:
    record = arrangements(tab)[0]
    for confirm, kept in ((False, True), (True, False)):
        answers.confirm = confirm
        assert tab.select_record(record.id)
        tab.register.actions["delete"].trigger()
        assert (record.id in {r.id for r in arrangements(tab)}) is kept
    tab.context.undo_stack.undo()
    assert record in arrangements(tab)


def test_warnings_page_lists_every_warning_and_opens_its_arrangement(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    found = tab.context.read(lambda s: access.warnings(s, YEAR, TODAY))
    tab.show_page(tab.page_index(tab.warnings))
    assert tab.warnings.proxy.rowCount() == len(found)  # type: ignore[arg-type]
    assert tab.warnings.proxy.index(0, 5).data().startswith("Approval expires")
    seen = dialogs(lambda dialog: None)
    tab.warnings.table.activated.emit(tab.warnings.proxy.index(0, 1))
    assert tab.stack.currentWidget() is tab.register
    assert [r.id for r in tab.register.chosen()] == [found[0].arrangement_id]  # type: ignore[index]
    assert len(seen) == 1 and isinstance(seen[0], ArrangementDialog)
