"""An edit in the plan tab reads the tasks it touched again and updates their rows alone: no
reset of the table or the board, so the selection and the scroll position stay (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eoffice.domain import plan
from eoffice.domain.plan import Task
from eoffice.ui import commands, plan_commands
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.plan_tab import PlanTab


@pytest.fixture
def tab(window: MainWindow) -> PlanTab:
    window.show_item("plan")
    built = window.tab("plan")
    assert isinstance(built, PlanTab)
    built.table_button.click()
    QApplication.processEvents()
    return built


@contextmanager
def no_reset(qtbot: QtBot, tab: PlanTab) -> Iterator[list[tuple[int, int]]]:
    """Neither the model, the table's proxy nor a month of the board is reset inside; yields the
    (first, last) source rows of each ``dataChanged``."""
    changed: list[tuple[int, int]] = []
    tab.model.dataChanged.connect(lambda first, last, _roles=(): changed.append((first.row(), last.row())))
    models: list[QAbstractItemModel] = [tab.model, tab.proxy, *(proxy for _h, _v, proxy in tab.board.columns)]
    with ExitStack() as stack:
        for model in models:
            stack.enter_context(qtbot.assertNotEmitted(model.modelReset))
        yield changed


def _row_of(tab: PlanTab, task_id: int) -> int:
    return next(r for r in range(tab.proxy.rowCount()) if tab.proxy.index(r, 0).data(RECORD_ROLE).id == task_id)


def _shown(tab: PlanTab, task_id: int) -> Task:
    row = tab.model.row_of(task_id)
    assert row is not None
    return tab.model.record(row)


def test_marking_a_task_done_repaints_its_row_and_keeps_selection_and_scroll(tab: PlanTab, qtbot: QtBot) -> None:
    bar = tab.table.verticalScrollBar()
    assert bar.maximum() > 0  # the demo year's tasks do not fit: the table scrolls
    bar.setValue(bar.maximum() // 2)
    top = tab.table.rowAt(0)
    task = next(tab.proxy.index(r, 0).data(RECORD_ROLE) for r in range(top + 1, tab.proxy.rowCount())
                if tab.proxy.index(r, 0).data(RECORD_ROLE).status not in plan.CLOSED)
    tab.table.selectRow(_row_of(tab, task.id))
    scrolled = bar.value()
    with no_reset(qtbot, tab) as changed:
        tab.mark(plan_status="done")
    row = tab.model.row_of(task.id)
    assert changed == [(row, row)]  # its row alone
    assert _shown(tab, task.id).status == "done"
    assert [t.id for t in tab.selected_tasks()] == [task.id]
    assert bar.value() == scrolled


def test_undo_and_redo_update_the_row_alone(tab: PlanTab, window: MainWindow, qtbot: QtBot) -> None:
    task = next(t for t in tab.model.records() if t.status == "not_started")
    plan_commands.set_status(tab.context, [task], "in_progress")
    with no_reset(qtbot, tab) as changed:
        window.undo_action.trigger()
        assert _shown(tab, task.id).status == "not_started"
        window.redo_action.trigger()
    assert _shown(tab, task.id).status == "in_progress"
    row = tab.model.row_of(task.id)
    assert changed == [(row, row), (row, row)]


def test_a_new_task_is_inserted_in_date_order_and_a_deleted_one_removed(tab: PlanTab, qtbot: QtBot) -> None:
    tasks = tab.model.records()
    count = len(tasks)
    middle = tasks[count // 2]
    fields = replace(middle.fields, title="Order the spare calculators", status="not_started", done_on=None)
    inserted: list[int] = []
    tab.model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
    with no_reset(qtbot, tab):
        plan_commands.add(tab.context, fields)
    assert len(inserted) == 1 and tab.model.rowCount() == count + 1
    added = tab.model.record(inserted[0])
    assert added.title == "Order the spare calculators"
    records = tab.model.records()
    assert records == sorted(records, key=lambda t: (t.due, t.id))  # where a reload would put it
    removed: list[int] = []
    tab.model.rowsRemoved.connect(lambda _parent, first, _last: removed.append(first))
    with no_reset(qtbot, tab):
        plan_commands.delete(tab.context, [added])
    assert removed == inserted and tab.model.rowCount() == count
    assert tab.model.row_of(added.id) is None


def test_a_due_date_moved_to_another_month_moves_its_card_on_the_board(tab: PlanTab, qtbot: QtBot) -> None:
    months = {(proxy.year, proxy.month): proxy for _heading, _view, proxy in tab.board.columns}
    task = next(t for t in tab.model.records() if t.due.month == 10 and t.start is None)
    later = task.due + timedelta(days=35)
    before = {key: proxy.rowCount() for key, proxy in months.items()}
    with no_reset(qtbot, tab):
        plan_commands.edit(tab.context, task, replace(task.fields, due=later))
    assert months[(task.due.year, task.due.month)].rowCount() == before[(task.due.year, task.due.month)] - 1
    assert months[(later.year, later.month)].rowCount() == before[(later.year, later.month)] + 1
    headings = [heading.text() for heading, _view, _proxy in tab.board.columns]
    assert any(f"({before[(later.year, later.month)] + 1})" in text for text in headings)
    records = tab.model.records()
    assert records == sorted(records, key=lambda t: (t.due, t.id))


def test_a_filtered_out_edit_leaves_the_table(tab: PlanTab) -> None:
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("open"))
    task = tab.proxy.index(0, 0).data(RECORD_ROLE)
    shown = tab.proxy.rowCount()
    plan_commands.set_status(tab.context, [task], "done")
    assert tab.proxy.rowCount() == shown - 1  # done: no longer "Still to do", as a reload would say


def test_the_progress_charts_follow_an_edit(tab: PlanTab) -> None:
    task = next(t for t in tab.model.records() if t.status == "not_started")
    before = sum(p.done for p in tab.phase_chart.items)
    plan_commands.set_status(tab.context, [task], "done")
    assert sum(p.done for p in tab.phase_chart.items) == before + 1
    read = tab.context.read(lambda s: plan.tasks(s, tab.context.year))
    assert tab.phase_chart.items == plan.progress_by_phase(read)  # what a reload would show
    assert tab.month_chart.items == plan.progress_by_month(tab.context.year, read)


def test_a_change_that_does_not_say_what_it_touched_reads_the_year(tab: PlanTab, qtbot: QtBot) -> None:
    with qtbot.waitSignal(tab.model.modelReset):
        commands.announce(tab.context, plan_commands.AREA, None)
    with qtbot.assertNotEmitted(tab.model.modelReset):
        commands.announce(tab.context, plan_commands.AREA, lambda: commands.Touched.of(plan_commands.TASK, []))
