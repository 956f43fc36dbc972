from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eoffice.domain import keydates, overview, plan
from eoffice.domain.keydates import KeyDateFields, KeyDateRecord
from eoffice.domain.overview import AreaLine, OverviewItem
from eoffice.domain.plan import Task, TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.keydates_tab import KeyDatesTab
from eoffice.ui.tabs.overview_tab import OverviewTab
from eoffice.ui.tabs.plan_tab import PlanTab
from tests.conftest import TODAY
from tests.ui.controls import unnamed, visible_controls

YEAR = AcademicYear(2026)


@pytest.fixture
def tab(window: MainWindow) -> OverviewTab:
    built = window.tab("overview")
    assert isinstance(built, OverviewTab)
    assert window.tabs.currentIndex() == 0  # the first tab, shown at start
    return built


def _key_date(tab: OverviewTab, title: str, on: date, **more: object) -> KeyDateRecord:
    fields = KeyDateFields(on=on, title=title, series="Summer", body=str(more.pop("body", "JCQ")), category="entries", **more)  # type: ignore[arg-type]
    with tab.context.session() as session:
        record = keydates.add_key_date(session, YEAR, fields)
    tab.context.changed.emit("keydates")
    return record


def _task(tab: OverviewTab, title: str, due: date, owner: str = "senco") -> Task:
    with tab.context.session() as session:
        task = plan.add_task(session, YEAR, TaskFields(title, "pre_exams", owner, due))
    tab.context.changed.emit("plan")
    return task


def _items(model) -> list[OverviewItem]:  # type: ignore[no-untyped-def]
    return [model.index(r, 0).data(RECORD_ROLE) for r in range(model.rowCount())]


def _row(model, title: str, kind: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r, i in enumerate(_items(model)) if i.title == title and i.kind == kind)


def test_models_pass_the_qt_model_tester(tab: OverviewTab, qtmodeltester: ModelTester) -> None:
    _task(tab, "Zebra overdue task", date(2026, 11, 2))
    qtmodeltester.check(tab.overdue_model)
    qtmodeltester.check(tab.ahead_model)
    qtmodeltester.check(tab.areas_model)


def test_overdue_shows_tasks_key_dates_and_passed_internal_deadlines_from_both_areas(tab: OverviewTab) -> None:
    _task(tab, "Zebra overdue task", date(2026, 11, 2))
    _key_date(tab, "Zebra overdue date", date(2026, 11, 16))
    _key_date(tab, "Zebra internal passed", date(2026, 12, 4), internal_derived=False, internal_deadline=date(2026, 11, 20))
    _key_date(tab, "Zebra done date", date(2026, 11, 10), done=True)
    items = _items(tab.overdue_model)
    kinds = {(i.title, i.kind) for i in items}
    expected = {("Zebra overdue task", "Plan task"), ("Zebra overdue date", "Key date"), ("Zebra internal passed", "Internal deadline")}
    assert expected <= kinds
    assert not any(i.title == "Zebra done date" for i in items)
    assert [i.on for i in items] == sorted(i.on for i in items)
    row = _row(tab.overdue_model, "Zebra overdue task", "Plan task")
    assert tab.overdue_model.index(row, 1).data() == "21 days overdue"
    assert tab.overdue_model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.overdue_model.index(_row(tab.overdue_model, "Zebra internal passed", "Internal deadline"), 1).data() == "3 days overdue"
    assert "Overd&ue</b> (" in tab.overdue_label.text()
    # every overdue plan task of the year is there too
    overdue_tasks = [t for t in tab.context.read(lambda s: plan.tasks(s, YEAR)) if t.urgency(TODAY) == "Overdue"]  # type: ignore[attr-defined]
    assert {t.id for t in overdue_tasks} == {i.record_id for i in items if i.kind == "Plan task"}


def test_next_four_weeks_merges_key_dates_internal_deadlines_and_tasks_in_date_order(tab: OverviewTab) -> None:
    _key_date(tab, "Zebra entries due", date(2026, 12, 14), body="AQA", internal_derived=False, internal_deadline=date(2026, 12, 1))
    _task(tab, "Zebra task", date(2026, 12, 3), owner="senco")
    _key_date(tab, "Zebra far away", date(2027, 3, 1))
    items = _items(tab.ahead_model)
    assert [i.on for i in items] == sorted(i.on for i in items)
    assert all(TODAY <= i.on <= date(2026, 12, 21) for i in items)
    ours = [(format(i.on, "%d/%m"), i.kind, i.who) for i in items if i.title.startswith("Zebra")]
    assert ours == [("01/12", "Internal deadline", "AQA"), ("03/12", "Plan task", "SENCo"), ("14/12", "Key date", "AQA")]
    row = _row(tab.ahead_model, "Zebra task", "Plan task")
    assert [tab.ahead_model.index(row, c).data() for c in range(5)] == ["Thu 03/12/2026", "in 10 days", "Plan task", "Zebra task", "SENCo"]
    assert "21/12/2026" in tab.ahead_label.text()


def test_other_areas_say_done_of_total_for_the_year(tab: OverviewTab) -> None:
    tasks = [t for t in tab.context.read(lambda s: plan.tasks(s, YEAR)) if t.status != "not_applicable"]  # type: ignore[attr-defined]
    records = tab.context.read(lambda s: keydates.key_dates(s, YEAR))
    lines = {line.area: line.summary for line in (tab.areas_model.record(r) for r in range(tab.areas_model.rowCount()))}
    done = sum(t.status == "done" for t in tasks)
    assert lines["Annual exams plan"].startswith(f"{done} of {len(tasks)} tasks done")
    assert lines["Key dates"].startswith(f"{sum(r.done for r in records)} of {len(records)} key dates done")  # type: ignore[attr-defined]


def test_a_later_area_adds_its_line_and_items_through_the_hooks(tab: OverviewTab, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = OverviewItem(date(2026, 11, 30), "in 7 days", "Access arrangement", "Zebra: Sam's reader expires", "SENCo", False, "centre", 1)
    monkeypatch.setattr(overview, "ITEM_SOURCES", [*overview.ITEM_SOURCES, lambda _s, _y, _t: [extra]])
    line = AreaLine("Access arrangements", "3 of 9 approved", "centre")
    monkeypatch.setattr(overview, "AREA_LINES", [*overview.AREA_LINES, lambda _s, _y, _t: line])
    tab.refresh()
    assert extra in _items(tab.ahead_model)
    assert tab.areas_model.record(tab.areas_model.rowCount() - 1).summary == "3 of 9 approved"


def test_double_click_opens_a_plan_task_in_the_plan_tab_selected(tab: OverviewTab, window: MainWindow, qtbot: QtBot) -> None:
    task = _task(tab, "Zebra open me", date(2026, 12, 2))
    row = _row(tab.ahead_model, "Zebra open me", "Plan task")
    tab.ahead_table.scrollTo(tab.ahead_model.index(row, 3))
    centre = tab.ahead_table.visualRect(tab.ahead_model.index(row, 3)).center()
    qtbot.mouseClick(tab.ahead_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click's first press
    qtbot.mouseDClick(tab.ahead_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    plan_view = window.tab("plan")
    assert isinstance(plan_view, PlanTab)
    assert window.tabs.currentWidget().spec.key == "plan"  # type: ignore[attr-defined]
    assert [t.id for t in plan_view.selected_tasks()] == [task.id]

    plan_view.table_button.click()  # the table view selects the row too
    assert window.show_item("plan", task.id)
    assert [t.id for t in plan_view.selected_tasks()] == [task.id]


def test_enter_opens_a_key_date_in_the_key_dates_tab_selected(tab: OverviewTab, window: MainWindow, qtbot: QtBot) -> None:
    record = _key_date(tab, "Zebra press enter", date(2026, 11, 10))
    row = _row(tab.overdue_model, "Zebra press enter", "Key date")
    tab.overdue_table.setFocus()
    tab.overdue_table.setCurrentIndex(tab.overdue_model.index(row, 0))
    qtbot.keyClick(tab.overdue_table, Qt.Key.Key_Return)
    dates = window.tab("keydates")
    assert isinstance(dates, KeyDatesTab)
    assert window.tabs.currentWidget().spec.key == "keydates"  # type: ignore[attr-defined]
    assert dates.selected_records() == [record]


def test_an_area_line_opens_its_tab(tab: OverviewTab, window: MainWindow) -> None:
    tab.open_item(tab.areas_model.index(1, 0))
    assert window.tabs.currentWidget().spec.key == "keydates"  # type: ignore[attr-defined]


def test_refreshes_on_changes_in_any_area_and_on_the_year(tab: OverviewTab, window: MainWindow) -> None:
    tab.context.changed.emit("plan")
    assert not tab.pending
    _key_date(tab, "Zebra fresh", date(2026, 11, 25))
    assert any(i.title == "Zebra fresh" for i in _items(tab.ahead_model))
    window.show_item("centre")  # hidden: a change waits until the tab is shown again
    with tab.context.session() as session:
        record = next(r for r in keydates.key_dates(session, YEAR) if r.title == "Zebra fresh")
        keydates.set_done(session, [record.id], True)
    tab.context.changed.emit("keydates")
    assert tab.pending
    window.show_item("overview")
    assert not any(i.title == "Zebra fresh" for i in _items(tab.ahead_model))

    window.year_combo.setCurrentIndex(window.year_combo.findText("2027/28"))
    assert "2027/28 at a glance" in tab.heading.text()
    assert tab.overdue_model.rowCount() == 0 and tab.ahead_model.rowCount() == 0
    assert tab.overdue_table.isHidden() and not tab.overdue_note.isHidden()


def test_every_control_is_named_and_takes_focus(tab: OverviewTab) -> None:
    controls = visible_controls(tab)
    assert tab.ahead_table in controls
    assert unnamed(controls) == []
    assert all(c.focusPolicy() & Qt.FocusPolicy.TabFocus for c in controls)


def test_late_august_looks_ahead_into_next_years_september(tab: OverviewTab, window: MainWindow) -> None:
    """20/08/2026 is in 2025/26; its four weeks ahead reach 17/09/2026, in 2026/27. A key date on
    10/09/2026 has its internal deadline on 01/09/2026 (shortened to the year's first day): both show."""
    record = _key_date(tab, "Autumn entries checked with heads of department", date(2026, 9, 10))
    assert record.internal_deadline == date(2026, 9, 1)
    today = date(2026, 8, 20)
    snapshot = tab.context.read(lambda s: overview.gather(s, AcademicYear(2025), today))
    ahead = {(i.on, i.kind): i for i in snapshot.ahead}  # type: ignore[attr-defined]
    assert ahead[(date(2026, 9, 1), "Internal deadline")].year == YEAR
    assert ahead[(date(2026, 9, 10), "Key date")].record_id == record.id
    assert all(i.on <= date(2026, 9, 17) for i in snapshot.ahead)  # type: ignore[attr-defined]
    assert all(i.year is None for i in snapshot.ahead if i.on <= date(2026, 8, 31))  # type: ignore[attr-defined]
    later = tab.context.read(lambda s: overview.gather(s, AcademicYear(2025), date(2026, 7, 1)))
    assert all(i.year is None for i in later.ahead)  # type: ignore[attr-defined]  # July: nothing to borrow
    assert window.choose_year(AcademicYear(2025)) and window.context.year == AcademicYear(2025)  # type: ignore[union-attr]
    assert window.choose_year(YEAR) and window.context.year == YEAR  # type: ignore[union-attr]
    assert not window.choose_year(AcademicYear(2040))  # not offered: nothing changes
    assert window.context.year == YEAR  # type: ignore[union-attr]


def test_an_item_of_next_year_opens_with_that_year_chosen(tab: OverviewTab, window: MainWindow) -> None:
    window.choose_year(AcademicYear(2025))
    record = tab.context.read(lambda s: keydates.key_dates(s, YEAR))[0]  # type: ignore[index]
    item = OverviewItem(record.on, "in 5 days", "Key date", record.title, record.fields.body, False, "keydates",
                        record.id, year=YEAR)  # fmt: skip
    tab.ahead_model.set_rows([item])
    tab.open_item(tab.ahead_model.index(0, 0))
    assert window.context.year == YEAR  # type: ignore[union-attr]
    keydates_tab = window.tab("keydates")
    assert isinstance(keydates_tab, KeyDatesTab) and record.id in {r.id for r in keydates_tab.selected_records()}
