from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eoffice.domain import plan
from eoffice.domain.plan import Task, TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.task_dialog import TaskDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.plan_tab import PlanTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers

YEAR = AcademicYear(2026)


@pytest.fixture
def tab(window: MainWindow) -> PlanTab:
    window.show_item("plan")
    built = window.tab("plan")
    assert isinstance(built, PlanTab)
    return built


def _tasks(tab: PlanTab) -> list[Task]:
    return tab.context.read(lambda s: plan.tasks(s, tab.context.year))  # type: ignore[return-value]


def _select_in_table(tab: PlanTab, titles: set[str]) -> None:
    tab.table_button.click()
    selection = tab.table.selectionModel()
    selection.clear()
    for row in range(tab.proxy.rowCount()):
        index = tab.proxy.index(row, 0)
        if tab.proxy.index(row, 1).data() in titles:
            selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)


def _fill_dialog(monkeypatch: pytest.MonkeyPatch, fill) -> None:  # type: ignore[no-untyped-def]
    def run(dialog: TaskDialog) -> bool:
        fill(dialog)
        dialog.accept()
        return dialog.result_fields is not None

    monkeypatch.setattr(ask, "run_dialog", run)


def test_models_pass_the_qt_model_tester(tab: PlanTab, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_board_has_twelve_months_from_september_with_every_task(tab: PlanTab) -> None:
    headings = [heading.text() for heading, _view, _proxy in tab.board.columns]
    assert len(headings) == 12
    assert headings[0].startswith("<b>September 2026</b>") and headings[-1].startswith("<b>August 2027</b>")
    assert sum(proxy.rowCount() for _h, _v, proxy in tab.board.columns) == len(_tasks(tab))


def test_overdue_and_due_soon_carry_a_word_not_only_a_colour(tab: PlanTab) -> None:
    tasks = _tasks(tab)
    overdue = [t for t in tasks if t.urgency(TODAY) == "Overdue"]
    soon = [t for t in tasks if t.urgency(TODAY) == "Due soon"]
    assert overdue and soon
    flags = {tab.model.index(r, 5).data() for r in range(tab.model.rowCount())}
    assert {"Overdue", "Due soon"} <= flags
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 5).data() == "Overdue")
    assert tab.model.index(row, 5).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_filters_by_phase_owner_status_and_text(tab: PlanTab, qtbot: QtBot) -> None:
    tasks = _tasks(tab)
    tab.phase_filter.setCurrentIndex(tab.phase_filter.findData("entries"))
    assert tab.proxy.rowCount() == sum(t.phase == "entries" for t in tasks)
    tab.owner_filter.setCurrentIndex(tab.owner_filter.findData("heads_of_department"))
    assert tab.proxy.rowCount() == sum(t.phase == "entries" and t.owner == "heads_of_department" for t in tasks)
    tab.phase_filter.setCurrentIndex(0)
    tab.owner_filter.setCurrentIndex(0)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("Overdue"))
    assert tab.proxy.rowCount() == sum(t.urgency(TODAY) == "Overdue" for t in tasks) > 0
    tab.status_filter.setCurrentIndex(0)
    tab.text_filter.setText("modified papers")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == sum("modified papers" in t.title.lower() for t in tasks))
    assert tab.proxy.rowCount() > 0


def test_add_a_task_then_undo_and_redo(tab: PlanTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    before = len(_tasks(tab))

    def fill(dialog: TaskDialog) -> None:
        dialog.title_edit.setText("Book the sports hall for mocks")
        dialog.phase.setCurrentIndex(dialog.phase.findData("pre_exams"))
        dialog.due.set_date(date(2026, 12, 1))

    _fill_dialog(monkeypatch, fill)
    tab.actions["new"].trigger()
    titles = [t.title for t in _tasks(tab)]
    assert "Book the sports hall for mocks" in titles and len(titles) == before + 1
    assert tab.model.rowCount() == before + 1
    window.undo_action.trigger()
    assert len(_tasks(tab)) == before
    window.redo_action.trigger()
    assert "Book the sports hall for mocks" in [t.title for t in _tasks(tab)]


def test_a_due_date_outside_the_year_is_refused_in_plain_words(
    tab: PlanTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []

    def fill(dialog: TaskDialog) -> None:
        dialog.title_edit.setText("Next year's job")
        dialog.due.set_date(date(2027, 9, 3))

    def run(dialog: TaskDialog) -> bool:
        fill(dialog)
        dialog.accept()
        messages.append(dialog.problem.text())
        return dialog.result_fields is not None

    monkeypatch.setattr(ask, "run_dialog", run)
    before = len(_tasks(tab))
    tab.actions["new"].trigger()
    assert "outside 2026/27" in messages[0] and "03/09/2027" in messages[0]
    assert len(_tasks(tab)) == before


def test_edit_a_task_and_undo(tab: PlanTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    target = next(t for t in _tasks(tab) if t.status == "not_started")
    _select_in_table(tab, {target.title})
    _fill_dialog(monkeypatch, lambda d: d.notes.setPlainText("Ask Sam in the office"))
    tab.actions["edit"].trigger()
    assert tab.context.read(lambda s: plan.task(s, target.id)).notes == "Ask Sam in the office"  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert tab.context.read(lambda s: plan.task(s, target.id)).fields == target.fields  # type: ignore[attr-defined]


def test_mark_several_done_at_once_and_undo(tab: PlanTab, window: MainWindow) -> None:
    open_tasks = [t for t in _tasks(tab) if t.status == "not_started"][:3]
    _select_in_table(tab, {t.title for t in open_tasks})
    assert len(tab.selected_tasks()) == 3
    tab.actions["done"].trigger()
    after = {t.id: t for t in _tasks(tab)}
    assert all(after[t.id].status == "done" and after[t.id].done_on == TODAY for t in open_tasks)
    window.undo_action.trigger()
    after = {t.id: t for t in _tasks(tab)}
    assert all(after[t.id].fields == t.fields for t in open_tasks)


def test_duplicate_and_delete_with_undo(tab: PlanTab, window: MainWindow, answers: Answers) -> None:
    first = _tasks(tab)[0]
    _select_in_table(tab, {first.title})
    tab.actions["duplicate"].trigger()
    copies = [t for t in _tasks(tab) if t.title == f"{first.title} (copy)"]
    assert len(copies) == 1 and copies[0].status == "not_started"
    _select_in_table(tab, {copies[0].title})
    answers.confirm = True
    tab.actions["delete"].trigger()
    assert not [t for t in _tasks(tab) if t.title.endswith("(copy)")]
    window.undo_action.trigger()
    assert [t.id for t in _tasks(tab) if t.title.endswith("(copy)")] == [copies[0].id]


def test_new_year_from_template_and_roll_forward(tab: PlanTab, window: MainWindow, answers: Answers) -> None:
    answers.confirm = True
    window.year_combo.setCurrentIndex(window.year_combo.findText("2027/28"))
    assert tab.model.rowCount() == 0 and not tab.empty_note.isHidden()
    tab.actions["template"].trigger()
    template_size = len(plan.load_template().tasks)
    assert tab.model.rowCount() == template_size
    window.undo_action.trigger()
    assert tab.model.rowCount() == 0

    window.year_combo.setCurrentIndex(window.year_combo.findText("2026/27"))
    tab.actions["roll"].trigger()
    assert answers.infos and "2027/28" in answers.infos[-1]
    rolled = tab.context.read(lambda s: plan.tasks(s, AcademicYear(2027)))
    assert len(rolled) == len(_tasks(tab))  # type: ignore[arg-type]
    assert all(t.status == "not_started" for t in rolled)  # type: ignore[attr-defined]
    tab.actions["roll"].trigger()  # again: nothing new
    assert len(tab.context.read(lambda s: plan.tasks(s, AcademicYear(2027)))) == len(rolled)  # type: ignore[arg-type]


def test_progress_charts_say_done_of_total(tab: PlanTab) -> None:
    tasks = _tasks(tab)
    september = tab.month_chart.items[0]
    assert september.label == "Sep"
    applicable = [t for t in tasks if t.due.month == 9 and t.status != "not_applicable"]
    assert (september.done, september.total) == (sum(t.status == "done" for t in applicable), len(applicable))
    assert "Sep:" in tab.month_chart.accessibleDescription()
    assert len(tab.phase_chart.items) == 6


def test_read_only_database_disables_editing(qtbot: QtBot, demo_db, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    from eoffice.db.session import open_database
    from eoffice.ui.app import settings_file

    other = MainWindow(open_database(demo_db.path, fall_back_to_read_only=True), settings_file(), today=TODAY)
    qtbot.addWidget(other)
    tab = other.tab("plan")
    assert isinstance(tab, PlanTab)
    assert not tab.actions["new"].isEnabled() and not tab.actions["done"].isEnabled()
    other.close()


def test_fields_round_trip_through_the_dialog(qtbot: QtBot) -> None:
    fields = TaskFields(
        title="Check Zoë's rest breaks", phase="exam_time", owner="senco", due=date(2027, 5, 20),
        start=date(2027, 5, 1), status="in_progress", notes="Room 12", date_rule="weekday",
    )
    dialog = TaskDialog(YEAR, fields, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.fields() == fields
    dialog.has_start.setChecked(False)
    assert dialog.fields() == replace(fields, start=None)


# --- the date a task was done -------------------------------------------------------------


def test_done_on_is_enabled_only_for_done_and_starts_at_today(qtbot: QtBot) -> None:
    fields = TaskFields(title="Order papers", phase="entries", owner="exams_officer", due=date(2026, 12, 1))
    dialog = TaskDialog(YEAR, fields, TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.done_on.isEnabled() and dialog.fields().done_on is None
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    assert dialog.done_on.isEnabled() and dialog.done_on.value() == TODAY
    assert dialog.fields().done_on == TODAY
    dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
    assert not dialog.done_on.isEnabled() and dialog.fields().done_on is None


def test_a_done_task_shows_its_own_done_on_and_keeps_it_through_a_status_change(qtbot: QtBot) -> None:
    fields = TaskFields("Order papers", "entries", "exams_officer", date(2026, 12, 1), status="done", done_on=date(2026, 10, 6))
    dialog = TaskDialog(YEAR, fields, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.done_on.isEnabled() and dialog.done_on.value() == date(2026, 10, 6)
    assert dialog.fields() == fields
    dialog.status.setCurrentIndex(dialog.status.findData("not_started"))
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    assert dialog.fields().done_on == date(2026, 10, 6)  # a slip of the status box loses nothing


def test_a_done_on_after_today_is_refused_in_the_dialog(qtbot: QtBot) -> None:
    fields = TaskFields("Order papers", "entries", "exams_officer", date(2026, 12, 1), status="done", done_on=date(2026, 10, 6))
    dialog = TaskDialog(YEAR, fields, TODAY)
    qtbot.addWidget(dialog)
    dialog.done_on.set_date(date(2026, 11, 24))
    dialog.accept()
    assert dialog.result_fields is None and not dialog.problem.isHidden()
    assert dialog.problem.text() == (
        "⚠ The done-on date 24/11/2026 is after today (23/11/2026); a task is done on the day it was done"
    )


def test_setting_the_done_on_date_in_the_window_can_be_undone(
    tab: PlanTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = next(t for t in _tasks(tab) if t.status == "not_started" and t.due < TODAY)

    def fill(dialog: TaskDialog) -> None:
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        dialog.done_on.set_date(date(2026, 11, 2))

    _fill_dialog(monkeypatch, fill)
    tab.edit_task(target)
    saved = next(t for t in _tasks(tab) if t.id == target.id)
    assert (saved.status, saved.done_on) == ("done", date(2026, 11, 2))

    _fill_dialog(monkeypatch, lambda dialog: dialog.done_on.set_date(date(2026, 11, 9)))
    tab.edit_task(saved)
    assert next(t for t in _tasks(tab) if t.id == target.id).done_on == date(2026, 11, 9)
    window.undo_action.trigger()
    assert next(t for t in _tasks(tab) if t.id == target.id).done_on == date(2026, 11, 2)
    window.undo_action.trigger()
    assert next(t for t in _tasks(tab) if t.id == target.id).fields == target.fields
    window.redo_action.trigger()
    assert next(t for t in _tasks(tab) if t.id == target.id).done_on == date(2026, 11, 2)


def test_roll_forward_says_how_many_links_were_left_off(tab: PlanTab, window: MainWindow, answers: Answers) -> None:
    answers.confirm = True
    tab.actions["roll"].trigger()
    assert "23 left unlinked: 2027/28 has no matching key date" in answers.infos[-1]
