"""The key dates tab: list and calendar, filters, and undoable edits over the demo centre."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eoffice.domain import keydates, plan
from eoffice.domain.keydates import KeyDateFields, KeyDateRecord, ReferenceDate, key_date_records
from eoffice.domain.years import AcademicYear
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.key_date_dialog import KeyDateDialog
from eoffice.ui.dialogs.task_dialog import TaskDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.keydates_table import CHECK, COUNTDOWN, DATE, INTERNAL, TITLE
from eoffice.ui.tabs import plan_tab
from eoffice.ui.tabs.keydates_tab import KeyDatesTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls
from tests.ui.keydates_helpers import (
    YEAR,
    add_date,
    fill_dialog,
    row_of,
    select_titles,
    stored,
    tab,  # noqa: F401 - a fixture: imported for pytest to find
)


def test_models_pass_the_qt_model_tester(tab: KeyDatesTab, qtmodeltester: ModelTester) -> None:
    add_date(tab, "Zebra entries", date(2026, 12, 15))
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    tab.calendar.show_date(date(2026, 12, 15))
    assert tab.calendar.day_model.rowCount() >= 1
    qtmodeltester.check(tab.calendar.day_model)


def test_list_is_grouped_by_month_in_date_order_with_words_for_every_state(tab: KeyDatesTab) -> None:
    add_date(tab, "Zebra late", date(2026, 11, 20))
    add_date(tab, "Zebra soon", date(2026, 12, 20), internal_derived=False, internal_deadline=date(2026, 11, 30), needs_check=True)
    add_date(tab, "Zebra window", date(2027, 5, 11), end=date(2027, 6, 24))
    done = add_date(tab, "Zebra done", date(2026, 10, 1), done=True)
    days = [tab.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).on for r in range(tab.proxy.rowCount())]
    assert days == sorted(days)
    assert tab.proxy.index(row_of(tab, "Zebra late"), 0).data() == "November 2026"

    late = row_of(tab, "Zebra late")
    assert tab.proxy.index(late, COUNTDOWN).data() == "3 days overdue"
    assert tab.proxy.index(late, DATE).data(Qt.ItemDataRole.BackgroundRole) is not None
    soon = row_of(tab, "Zebra soon")
    assert tab.proxy.index(soon, INTERNAL).data() == "30/11/2026 (in 7 days)"
    assert tab.proxy.index(soon, INTERNAL).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.proxy.index(soon, CHECK).data() == "check"
    assert tab.proxy.index(soon, COUNTDOWN).data() == "in 27 days"
    assert tab.proxy.index(row_of(tab, "Zebra window"), DATE).data() == "11/05/2027 – 24/06/2027"
    assert tab.proxy.index(row_of(tab, done.title), COUNTDOWN).data() == "done"
    assert tab.proxy.index(row_of(tab, done.title), DATE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "overdue" in tab.summary.text()


def test_add_a_key_date_then_undo_and_redo(tab: KeyDatesTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tab.model.rowCount()

    def fill(dialog: KeyDateDialog) -> None:
        dialog.title_edit.setText("Zebra: coursework marks to AQA")
        dialog.on.set_date(date(2027, 5, 7))
        dialog.body.setCurrentIndex(dialog.body.findData("AQA"))
        dialog.category.setCurrentIndex(dialog.category.findData("coursework"))
        dialog.needs_check.setChecked(True)

    fill_dialog(monkeypatch, fill)
    tab.actions["new"].trigger()
    assert tab.model.rowCount() == before + 1
    row = row_of(tab, "Zebra: coursework marks to AQA")
    record = tab.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert record.body == "AQA" and record.needs_check and record.fields.internal_derived
    expected = tab.context.read(lambda s: keydates.derive_internal_deadline(s, date(2027, 5, 7), "coursework"))
    assert record.internal_deadline == expected
    window.undo_action.trigger()
    assert tab.model.rowCount() == before
    window.redo_action.trigger()
    assert stored(tab, record.id).title == "Zebra: coursework marks to AQA"


def test_edit_and_undo(tab: KeyDatesTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    record = add_date(tab, "Zebra edit me", date(2027, 1, 20), source="JCQ")
    select_titles(tab, record.title)
    fill_dialog(monkeypatch, lambda d: d.source.setText("AQA key dates page"))
    tab.actions["edit"].trigger()
    assert stored(tab, record.id).source == "AQA key dates page"
    window.undo_action.trigger()
    assert stored(tab, record.id).fields == record.fields


def test_delete_with_undo_keeps_the_links_of_the_plan_tasks(
    tab: KeyDatesTab, window: MainWindow, answers: Answers
) -> None:
    record = add_date(tab, "Zebra delete me", date(2027, 2, 1))
    task = tab.context.read(lambda s: plan.tasks(s, YEAR))[0]  # type: ignore[index]
    with tab.context.session() as session:
        keydates.link_task(session, task.id, record.id)
    select_titles(tab, record.title)
    answers.confirm = True
    tab.actions["delete"].trigger()
    assert all(r.id != record.id for r in tab.context.read(lambda s: keydates.key_dates(s, YEAR)))  # type: ignore[attr-defined]
    assert tab.context.read(lambda s: plan.task(s, task.id)).key_date_id is None  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert stored(tab, record.id).fields == record.fields
    assert tab.context.read(lambda s: plan.task(s, task.id)).key_date_id == record.id  # type: ignore[attr-defined]


def test_mark_done_and_not_done_with_undo(tab: KeyDatesTab, window: MainWindow) -> None:
    first = add_date(tab, "Zebra one", date(2026, 12, 1))
    second = add_date(tab, "Zebra two", date(2026, 12, 2))
    select_titles(tab, first.title, second.title)
    tab.actions["done"].trigger()
    assert stored(tab, first.id).done and stored(tab, second.id).done
    assert tab.proxy.index(row_of(tab, first.title), COUNTDOWN).data() == "done"
    select_titles(tab, first.title)
    tab.actions["not_done"].trigger()
    assert not stored(tab, first.id).done
    window.undo_action.trigger()
    assert stored(tab, first.id).done
    window.undo_action.trigger()
    assert not stored(tab, first.id).done and not stored(tab, second.id).done


def test_dialog_works_out_the_internal_deadline_or_takes_a_typed_one(tab: KeyDatesTab, qtbot: QtBot) -> None:
    dialog = KeyDateDialog(YEAR, None, TODAY, tab._derive)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Zebra entries")
    dialog.on.set_date(date(2027, 2, 22))
    dialog.category.setCurrentIndex(dialog.category.findData("entries"))
    worked_out = tab.context.read(lambda s: keydates.derive_internal_deadline(s, date(2027, 2, 22), "entries"))
    assert "10 working days before" in dialog.derived.text()
    assert worked_out.strftime("%d/%m/%Y") in dialog.derived_date.text()  # type: ignore[attr-defined]
    dialog.category.setCurrentIndex(dialog.category.findData("timetable"))  # 5 days: the shown date follows
    assert "5 working days before" in dialog.derived.text()
    assert dialog.fields().internal_derived

    dialog.typed.setChecked(True)
    assert dialog.internal.isEnabled()
    dialog.internal.set_date(date(2027, 3, 1))  # after the date itself
    dialog.accept()
    assert dialog.result_fields is None
    assert "internal deadline 01/03/2027 is after the external date" in dialog.problem.text()
    dialog.internal.set_date(date(2027, 2, 1))
    dialog.accept()
    assert dialog.result_fields is not None
    assert dialog.result_fields.internal_deadline == date(2027, 2, 1) and not dialog.result_fields.internal_derived


def test_dialog_refuses_an_empty_title_and_a_date_outside_the_year(tab: KeyDatesTab, qtbot: QtBot) -> None:
    dialog = KeyDateDialog(YEAR, None, TODAY, tab._derive)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "needs a title" in dialog.problem.text() and dialog.problem.isVisibleTo(dialog)
    dialog.title_edit.setText("Zebra")
    dialog.on.set_date(date(2027, 9, 3))
    dialog.accept()
    assert "outside 2026/27" in dialog.problem.text() and dialog.result_fields is None


def test_dialog_says_when_the_worked_out_deadline_is_shortened(tab: KeyDatesTab, qtbot: QtBot) -> None:
    """Pearson's 20/09/2026: 15 working days back is in August, so it is 01/09/2026 and says so."""
    dialog = KeyDateDialog(YEAR, None, TODAY, tab._derive)
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData("access_arrangements"))
    dialog.on.set_date(date(2026, 9, 20))
    assert dialog.derived_date.text() == "Tue 01/09/2026 (shortened)"
    assert dialog.derived_date.toolTip().startswith("Shortened: 15 working days before")
    dialog.on.set_date(date(2026, 11, 20))
    assert dialog.derived_date.text() == "Fri 30/10/2026" and dialog.derived_date.toolTip() == ""


def test_fields_round_trip_through_the_dialog(tab: KeyDatesTab, qtbot: QtBot) -> None:
    fields = KeyDateFields(
        on=date(2027, 5, 11), end=date(2027, 6, 24), title="Zoë's window", series="Summer", body="OCR",
        category="timetable", internal_deadline=date(2027, 4, 1), internal_derived=False, source="OCR",
        done=True, needs_check=True,
    )
    dialog = KeyDateDialog(YEAR, fields, TODAY, tab._derive)
    qtbot.addWidget(dialog)
    assert dialog.fields() == fields
    stored = add_date(tab, "Zebra derived", date(2027, 1, 20))
    dialog.set_fields(stored.fields)
    assert dialog.fields() == stored.fields  # unchanged: nothing to save


def test_filters_by_series_body_category_state_and_text(tab: KeyDatesTab, qtbot: QtBot) -> None:
    add_date(tab, "Zebra November AQA", date(2026, 11, 30), series="November", body="AQA", category="results")
    add_date(tab, "Zebra January OCR", date(2027, 1, 10), series="January", body="OCR", category="results", needs_check=True)
    records: list[KeyDateRecord] = tab.context.read(lambda s: keydates.key_dates(s, YEAR))  # type: ignore[assignment]
    tab.series_filter.setCurrentIndex(tab.series_filter.findData("January"))
    assert tab.proxy.rowCount() == sum(r.series == "January" for r in records)
    tab.body_filter.setCurrentIndex(tab.body_filter.findData("OCR"))
    tab.category_filter.setCurrentIndex(tab.category_filter.findData("results"))
    assert [tab.proxy.index(r, TITLE).data() for r in range(tab.proxy.rowCount())] == ["Zebra January OCR"]
    tab.clear_filters()
    assert tab.proxy.rowCount() == len(records)
    tab.show_filter.setCurrentIndex(tab.show_filter.findData("check"))
    assert tab.proxy.rowCount() == sum(r.needs_check for r in records)
    tab.show_filter.setCurrentIndex(tab.show_filter.findData("overdue"))
    assert all("overdue" in tab.proxy.index(r, COUNTDOWN).data() for r in range(tab.proxy.rowCount()))
    tab.show_filter.setCurrentIndex(0)
    tab.text_filter.setText("zebra november")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1)
    assert tab.proxy.index(0, TITLE).data() == "Zebra November AQA"


def test_calendar_marks_key_dates_and_internal_deadlines_and_lists_a_day(tab: KeyDatesTab, qtbot: QtBot) -> None:
    record = add_date(tab, "Zebra calendar", date(2027, 3, 17), internal_derived=False, internal_deadline=date(2027, 3, 3))
    add_date(tab, "Zebra window", date(2027, 3, 22), end=date(2027, 3, 26))
    tab.text_filter.setText("zebra")  # the calendar marks only what the filters let through
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 2)
    tab.calendar_button.click()
    assert tab.calendar.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    external = tab.calendar.calendar.dateTextFormat(QDate(2027, 3, 17))
    internal = tab.calendar.calendar.dateTextFormat(QDate(2027, 3, 3))
    inside = tab.calendar.calendar.dateTextFormat(QDate(2027, 3, 24))
    assert external.fontWeight() == QFont.Weight.Bold and not external.fontItalic()
    assert internal.fontItalic() and internal.fontUnderline() and internal.fontWeight() != QFont.Weight.Bold
    assert inside.background().color().alpha() > 0 and inside.fontWeight() != QFont.Weight.Bold
    assert tab.calendar.calendar.dateTextFormat(QDate(2027, 3, 18)).fontWeight() != QFont.Weight.Bold

    tab.calendar.calendar.setSelectedDate(QDate(2027, 3, 3))  # as a click on the day does
    assert [tab.calendar.day_model.index(r, 0).data() for r in range(tab.calendar.day_model.rowCount())] == ["Internal deadline"]
    assert "Wednesday 3 March 2027" in tab.calendar.day_heading.text()
    tab.calendar.calendar.setSelectedDate(QDate(2027, 3, 24))
    assert tab.calendar.day_model.index(0, 0).data() == "Window open"
    tab.calendar.calendar.setSelectedDate(QDate(2027, 3, 17))
    assert tab.calendar.day_model.index(0, 1).data() == record.title
    tab.calendar.day_table.selectRow(0)
    assert tab.selected_records() == [record]
    tab.actions["done"].trigger()  # actions work on the day's list too
    assert stored(tab, record.id).done
    tab.calendar.calendar.setSelectedDate(QDate(2027, 3, 18))
    assert tab.calendar.day_model.rowCount() == 0 and "nothing on this day" in tab.calendar.day_heading.text()


def _reference(year: AcademicYear) -> tuple[ReferenceDate, ...]:
    return (
        ReferenceDate("zebra-entries", year, KeyDateFields(date(2027, 10, 4), "Zebra entries", "November", "AQA", "entries")),
        ReferenceDate("zebra-results", year,
                      KeyDateFields(date(2028, 1, 14), "Zebra results", "November", "AQA", "results", needs_check=True)),
    )


def test_load_reference_dates_then_undo_and_load_again(
    tab: KeyDatesTab, window: MainWindow, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = AcademicYear(2027)
    monkeypatch.setattr(key_date_records, "load_reference", lambda path=None: _reference(later))
    window.year_combo.setCurrentIndex(window.year_combo.findText("2027/28"))
    assert tab.model.rowCount() == 0 and not tab.empty_note.isHidden()
    tab.actions["load"].trigger()
    assert {tab.model.index(r, TITLE).data() for r in range(tab.model.rowCount())} == {"Zebra entries", "Zebra results"}
    assert answers.infos[-1] == "2 reference dates added to 2027/28."
    window.undo_action.trigger()
    assert tab.model.rowCount() == 0
    window.redo_action.trigger()
    assert tab.model.rowCount() == 2
    tab.actions["load"].trigger()
    assert tab.model.rowCount() == 2 and "already in the list" in answers.infos[-1]


def test_load_reference_dates_says_plainly_when_the_file_is_missing_or_has_no_dates(
    tab: KeyDatesTab, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(path: object = None) -> tuple[ReferenceDate, ...]:
        raise FileNotFoundError(2, "No such file", "/nowhere/key_dates_reference.json")

    before = tab.model.rowCount()
    monkeypatch.setattr(key_date_records, "load_reference", missing)
    tab.actions["load"].trigger()
    assert "missing" in answers.errors[-1] and "key_dates_reference.json" in answers.errors[-1]
    monkeypatch.setattr(key_date_records, "load_reference", lambda path=None: _reference(AcademicYear(2027)))
    tab.actions["load"].trigger()
    assert answers.errors[-1].startswith("There are no reference dates for 2026/27")
    assert tab.model.rowCount() == before and not tab.context.undo_stack.count()


def test_a_plan_task_links_to_a_key_date_in_its_dialog_undoably(
    tab: KeyDatesTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = add_date(tab, "Zebra link target", date(2027, 2, 21))

    def run(dialog: TaskDialog) -> bool:
        if not dialog.title_edit.text():
            dialog.title_edit.setText("Zebra linked task")
            dialog.due.set_date(date(2027, 2, 10))
        dialog.key_date.setCurrentIndex(dialog.key_date.findData(record.id) if dialog.key_date.currentData() is None else 0)
        dialog.accept()
        return dialog.result_fields is not None

    monkeypatch.setattr(ask, "run_dialog", run)
    window.show_item("plan")
    tasks_tab = window.tab("plan")
    assert isinstance(tasks_tab, plan_tab.PlanTab)
    tasks_tab.actions["new"].trigger()
    task = next(t for t in tasks_tab.model._rows if t.title == "Zebra linked task")
    assert task.key_date_id == record.id
    assert tab.context.read(lambda s: keydates.linked_task_ids(s, record.id)) == [task.id]
    tasks_tab.edit_task(task)  # the dialog shows the link; run() unlinks it
    assert tab.context.read(lambda s: plan.task(s, task.id)).key_date_id is None  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert tab.context.read(lambda s: plan.task(s, task.id)).key_date_id == record.id  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert all(t.title != "Zebra linked task" for t in tasks_tab.model._rows)


def test_select_record_shows_a_key_date_even_when_filtered_out(tab: KeyDatesTab) -> None:
    record = add_date(tab, "Zebra hidden", date(2027, 4, 1), series="January")
    tab.series_filter.setCurrentIndex(tab.series_filter.findData("November"))
    tab.calendar_button.click()
    assert tab.select_record(record.id)
    assert tab.views.currentWidget() is tab.table and tab.selected_records() == [record]
    assert not tab.select_record(999_999)


def test_every_control_is_named_and_takes_focus_in_both_views(tab: KeyDatesTab) -> None:
    for button in (tab.list_button, tab.calendar_button):
        button.click()
        controls = visible_controls(tab)
        assert controls and unnamed(controls) == []
        for control in controls:
            if control.isEnabled():
                assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()


def test_read_only_database_disables_editing(qtbot: QtBot, demo_db, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    from eoffice.db.session import open_database
    from eoffice.ui.app import settings_file

    other = MainWindow(open_database(demo_db.path, fall_back_to_read_only=True), settings_file(), today=TODAY)
    qtbot.addWidget(other)
    view = other.tab("keydates")
    assert isinstance(view, KeyDatesTab)
    assert not any(action.isEnabled() for action in view.actions.values())
    other.close()


def test_an_unchanged_edit_saves_nothing(tab: KeyDatesTab, monkeypatch: pytest.MonkeyPatch) -> None:
    record = add_date(tab, "Zebra untouched", date(2027, 1, 5))
    select_titles(tab, record.title)
    fill_dialog(monkeypatch, lambda d: None)
    count = tab.context.undo_stack.count()
    tab.actions["edit"].trigger()
    assert tab.context.undo_stack.count() == count
    assert stored(tab, record.id) == record
