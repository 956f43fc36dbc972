"""An edit of arrangements reads those arrangements again and updates the register's rows
alone: no reset, so the selection and scroll position stay; the warnings, the summary and the
other pages follow (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eoffice.domain import access
from eoffice.ui import access_commands
from eoffice.ui.models.access_models import ArrangementRow
from eoffice.ui.tabs.access_tab import AccessTab
from tests.conftest import TODAY
from tests.ui.access_helpers import YEAR, add_candidate, arrangements, tab  # noqa: F401 - a fixture: imported for pytest to find


@contextmanager
def no_reset(qtbot: QtBot, tab: AccessTab) -> Iterator[list[tuple[int, int]]]:
    """Neither the register's model nor its proxy is reset inside; yields the (first, last)
    source rows of each ``dataChanged``."""
    changed: list[tuple[int, int]] = []
    model = tab.register.model
    model.dataChanged.connect(lambda first, last, _roles=(): changed.append((first.row(), last.row())))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(tab.register.proxy.modelReset):
        yield changed


def _row(tab: AccessTab, arrangement_id: int) -> ArrangementRow:
    row = tab.register.model.row_of(arrangement_id)
    assert row is not None
    return tab.register.model.record(row)


def test_a_status_change_repaints_its_row_and_keeps_selection_and_scroll(tab: AccessTab, qtbot: QtBot) -> None:
    table = tab.register.table
    bar = table.verticalScrollBar()
    assert bar.maximum() > 0  # the demo's register does not fit: it scrolls
    record = next(r for r in reversed(arrangements(tab)) if r.status == "applied")
    assert tab.select_record(record.id)
    scrolled = bar.value()
    with no_reset(qtbot, tab) as changed:
        tab.register.status_actions["evidence"].trigger()
    row = tab.register.model.row_of(record.id)
    assert (row, row) in changed
    assert _row(tab, record.id).record.status == "evidence"
    assert [r.id for r in tab.register.chosen()] == [record.id]
    assert bar.value() == scrolled


def test_undo_and_redo_update_the_row_alone(tab: AccessTab, qtbot: QtBot) -> None:
    record = next(r for r in arrangements(tab) if r.status == "applied")
    access_commands.set_status(tab.context, [record], "evidence")
    stack = tab.context.undo_stack
    with no_reset(qtbot, tab):
        stack.undo()
        assert _row(tab, record.id).record.status == "applied"
        stack.redo()
    assert _row(tab, record.id).record.status == "evidence"


def test_the_warnings_summary_and_other_pages_follow_an_edit(tab: AccessTab, qtbot: QtBot) -> None:
    found = tab.context.read(lambda s: access.warnings(s, YEAR, TODAY))
    warned = next(w for w in found if w.kind == access.EXPIRES)
    record = next(r for r in arrangements(tab) if r.id == warned.arrangement_id)
    assert _row(tab, record.id).warnings
    with no_reset(qtbot, tab):  # withdrawn: it no longer expires before the last exam
        access_commands.set_status(tab.context, [record], "withdrawn")
    assert not _row(tab, record.id).warnings
    left = tab.context.read(lambda s: access.warnings(s, YEAR, TODAY))
    assert len(left) == len(found) - 1
    assert f"{len(left)} warning" in tab.summary.text()
    assert tab.buttons.button(tab.page_index(tab.warnings)).text() == f"&Warnings ({len(left)})"
    tab.show_page(tab.page_index(tab.warnings))
    assert tab.warnings.model.rowCount() == len(left)
    tab.show_page(tab.page_index(tab.candidates))
    shown = {row.id: row for row in tab.candidates.model.records()}
    assert shown[record.candidate_id].warnings == tuple(w.kind for w in left if w.candidate_id == record.candidate_id)


def test_every_row_matches_a_reload_after_edits(tab: AccessTab) -> None:
    records = arrangements(tab)
    first, second = records[0], records[len(records) // 2]
    access_commands.edit_arrangement(tab.context, first, replace(first.fields, notes="Checked again"))
    access_commands.set_status(tab.context, [second], "withdrawn")
    access_commands.delete_arrangements(tab.context, [records[-1]])
    shown = tab.register.model.records()
    tab.refresh()  # everything read again, as a reload would
    assert shown == tab.register.model.records()


def test_a_new_arrangement_is_inserted_in_candidate_order_and_a_deleted_one_removed(
        tab: AccessTab, qtbot: QtBot) -> None:
    records = arrangements(tab)
    middle = records[len(records) // 2]
    count = tab.register.model.rowCount()
    inserted: list[int] = []
    tab.register.model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
    with no_reset(qtbot, tab):
        added = access_commands.add_arrangement(tab.context, middle.candidate_id, middle.candidate_number,
                                                replace(middle.fields, kind="reader", room_need="reader"))
    assert tab.register.model.rowCount() == count + 1 and inserted == [tab.register.model.row_of(added)]
    numbers = [(row.record.candidate_number, row.id) for row in tab.register.model.records()]
    assert numbers == sorted(numbers)  # where a reload would put it
    removed: list[int] = []
    tab.register.model.rowsRemoved.connect(lambda _parent, first, _last: removed.append(first))
    with no_reset(qtbot, tab):
        tab.context.undo_stack.undo()
    assert removed == inserted and tab.register.model.row_of(added) is None


def test_an_edit_filtered_out_leaves_the_register(tab: AccessTab) -> None:
    page = tab.register
    page.status_filter.setCurrentIndex(page.status_filter.findData("open"))
    shown = page.proxy.rowCount()
    record = next(r for r in arrangements(tab) if r.status == "applied")
    access_commands.set_status(tab.context, [record], "approved")
    assert page.proxy.rowCount() == shown - 1  # approved: no longer "still open", as a reload would say
    assert page.count.text().startswith(f"{shown - 1} of")


def test_an_edit_made_while_another_tab_is_shown_is_read_when_the_tab_is_shown_again(tab: AccessTab,
                                                                                       qtbot: QtBot) -> None:
    window = tab.window()
    record = next(r for r in arrangements(tab) if r.status == "applied")
    window.show_item("plan")  # type: ignore[attr-defined]
    QApplication.processEvents()
    access_commands.set_status(tab.context, [record], "evidence")
    assert tab.pending
    with qtbot.waitSignal(tab.register.model.modelReset):
        window.show_item("access")  # type: ignore[attr-defined]
        QApplication.processEvents()
    assert _row(tab, record.id).record.status == "evidence"


def test_an_arrangement_for_a_candidate_new_to_the_register_shows_their_name(tab: AccessTab, qtbot: QtBot) -> None:
    cid = add_candidate(tab)  # no arrangement yet: not among the names the register read
    model = tab.register.model
    with no_reset(qtbot, tab):
        added = access_commands.add_arrangement(tab.context, cid, 9001, access.new_fields("reader"))
    row = model.row_of(added)
    assert row is not None and model.index(row, 1).data() == "Testperson, Pat"
