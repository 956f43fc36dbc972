"""Key dates tab: moving linked tasks (never out of the year), undoing an edit of a reference
date, and a shortened internal deadline said in words."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextDocumentFragment
from pytestqt.qtbot import QtBot

from eoffice.domain import keydates, plan
from eoffice.domain.keydates import KeyDateRecord
from eoffice.domain.plan import TaskFields
from eoffice.ui.dialogs import ask
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.keydates_table import INTERNAL
from eoffice.ui.tabs.keydates_tab import KeyDatesTab
from tests.ui.conftest import Answers
from tests.ui.keydates_helpers import (
    YEAR,
    add_date,
    fill_dialog,
    row_of,
    select_titles,
    stored,
    tab,  # noqa: F401 - a fixture: imported for pytest to find
)

SHORTENED = "Shortened: 15 working days before would fall before the year starts"


def tip_words(tip: str) -> str:
    """A tooltip's words: tooltips are rich text, so Qt wraps a long one."""
    assert QtGui.Qt.mightBeRichText(tip)
    return QTextDocumentFragment.fromHtml(tip).toPlainText()


def _task(tab: KeyDatesTab, key_date_id: int, title: str, due: date, start: date | None = None) -> int:
    with tab.context.session() as session:
        task = plan.add_task(session, YEAR, TaskFields(title, "entries", "exams_officer", due, start=start))
        keydates.link_task(session, task.id, key_date_id)
    return task.id


def _dates(tab: KeyDatesTab, task_id: int) -> tuple[date, date | None]:
    task = tab.context.read(lambda s: plan.task(s, task_id))
    return task.due, task.start  # type: ignore[attr-defined]


def _reference(tab: KeyDatesTab, key: str) -> KeyDateRecord:
    records: list[KeyDateRecord] = tab.context.read(lambda s: keydates.key_dates(s, YEAR))  # type: ignore[assignment]
    return next(r for r in records if r.reference_key == key)


def test_moving_a_key_date_moves_its_linked_tasks_after_asking_and_undo_puts_both_back(
    tab: KeyDatesTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = add_date(tab, "Zebra moves", date(2026, 12, 15))
    with tab.context.session() as session:
        fields = TaskFields("Zebra prep", "entries", "exams_officer", date(2026, 12, 10), start=date(2026, 12, 1))
        task = plan.add_task(session, YEAR, fields)
        keydates.link_task(session, task.id, record.id)
    questions: list[str] = []
    answer = [True]
    monkeypatch.setattr(ask, "confirm", lambda _parent, _title, message: questions.append(message) or answer[0])
    plan_view = window.tab("plan")  # built first: it must refresh when the key date moves its tasks
    select_titles(tab, record.title)
    fill_dialog(monkeypatch, lambda d: d.on.set_date(date(2026, 12, 22)))
    tab.actions["edit"].trigger()
    assert "Move its 1 linked task by 7 days as well?" in questions[-1]
    moved = tab.context.read(lambda s: plan.task(s, task.id))
    assert (moved.due, moved.start) == (date(2026, 12, 17), date(2026, 12, 8))  # type: ignore[attr-defined]
    assert stored(tab, record.id).on == date(2026, 12, 22)
    window.show_item("plan")  # a hidden tab refreshes when it is shown
    assert any(t.id == task.id and t.due == date(2026, 12, 17) for t in plan_view.model._rows)  # type: ignore[attr-defined]
    window.show_item("keydates")

    window.undo_action.trigger()  # one undo: both back
    back = tab.context.read(lambda s: plan.task(s, task.id))
    assert (back.due, back.start) == (date(2026, 12, 10), date(2026, 12, 1))  # type: ignore[attr-defined]
    assert stored(tab, record.id).on == date(2026, 12, 15)

    answer[0] = False  # "No": the key date moves, its tasks stay
    select_titles(tab, record.title)
    tab.actions["edit"].trigger()
    assert stored(tab, record.id).on == date(2026, 12, 22)
    assert tab.context.read(lambda s: plan.task(s, task.id)).due == date(2026, 12, 10)  # type: ignore[attr-defined]



def test_tasks_that_would_leave_the_year_are_named_stay_put_and_the_rest_move_in_one_undo(
    tab: KeyDatesTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = add_date(tab, "Zebra results week", date(2027, 8, 20))
    inside = _task(tab, record.id, "Zebra results staffing", date(2027, 8, 13), start=date(2027, 8, 9))
    leaving = _task(tab, record.id, "Zebra certificates to post", date(2027, 8, 27))
    questions: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda _parent, _title, message: questions.append(message) or True)
    select_titles(tab, record.title)
    fill_dialog(monkeypatch, lambda d: d.on.set_date(date(2027, 8, 27)))
    tab.actions["edit"].trigger()
    assert questions == [
        "“Zebra results week” moves 7 days later. Move 1 of its 2 linked tasks by 7 days as well?\n\n"
        "Linked tasks that would leave the academic year stay where they are:\n"
        "• “Zebra certificates to post”: its due date would move from 27/08/2027 to 03/09/2027, "
        "after 2026/27 ends on 31/08/2027."
    ]
    assert stored(tab, record.id).on == date(2027, 8, 27)
    assert _dates(tab, inside) == (date(2027, 8, 20), date(2027, 8, 16))
    assert _dates(tab, leaving) == (date(2027, 8, 27), None)

    window.undo_action.trigger()  # one step: the key date and the task that moved
    assert stored(tab, record.id).on == date(2027, 8, 20)
    assert _dates(tab, inside) == (date(2027, 8, 13), date(2027, 8, 9))
    assert _dates(tab, leaving) == (date(2027, 8, 27), None)
    window.redo_action.trigger()
    assert _dates(tab, inside) == (date(2027, 8, 20), date(2027, 8, 16))
    assert _dates(tab, leaving) == (date(2027, 8, 27), None)


def test_when_no_linked_task_can_move_the_officer_is_told_and_not_asked(
    tab: KeyDatesTab, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = add_date(tab, "Zebra early September", date(2026, 9, 10))
    task = _task(tab, record.id, "Zebra brief invigilators", date(2026, 9, 4), start=date(2026, 9, 2))
    monkeypatch.setattr(ask, "confirm", lambda *_a: pytest.fail("nothing can move: no question to ask"))
    select_titles(tab, record.title)
    fill_dialog(monkeypatch, lambda d: d.on.set_date(date(2026, 9, 7)))
    tab.actions["edit"].trigger()
    assert answers.infos[-1] == (
        "“Zebra early September” moves 3 days earlier.\n\n"
        "Linked tasks that would leave the academic year stay where they are:\n"
        "• “Zebra brief invigilators”: its start date would move from 02/09/2026 to 30/08/2026, "
        "before 2026/27 starts on 01/09/2026."
    )
    assert stored(tab, record.id).on == date(2026, 9, 7)
    assert _dates(tab, task) == (date(2026, 9, 4), date(2026, 9, 2))


# --- undoing an edit of a reference date ------------------------------------------------------------

def test_undoing_an_edit_of_a_reference_date_puts_its_edited_flag_back(
    tab: KeyDatesTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = _reference(tab, "reviews-of-marking")
    assert not record.edited
    select_titles(tab, record.title)
    fill_dialog(monkeypatch, lambda d: d.source.setText("JCQ post-results, checked by phone"))
    tab.actions["edit"].trigger()
    assert stored(tab, record.id).edited
    window.undo_action.trigger()
    back = stored(tab, record.id)
    assert (back.fields, back.edited) == (record.fields, False)
    window.redo_action.trigger()
    assert stored(tab, record.id).edited and stored(tab, record.id).source == "JCQ post-results, checked by phone"

    select_titles(tab, record.title)  # a second edit of an edited date: undo leaves it edited
    fill_dialog(monkeypatch, lambda d: d.source.setText("JCQ"))
    tab.actions["edit"].trigger()
    window.undo_action.trigger()
    assert stored(tab, record.id).edited and stored(tab, record.id).source == "JCQ post-results, checked by phone"


# --- a shortened internal deadline ----------------------------------------------------------------

def test_a_shortened_internal_deadline_says_so_in_the_list_and_the_calendar(tab: KeyDatesTab, qtbot: QtBot) -> None:
    pearson = _reference(tab, "nov-modified-papers-pearson")
    assert (pearson.internal_deadline, pearson.internal_note) == (date(2026, 9, 1), SHORTENED)
    cell = tab.proxy.index(row_of(tab, pearson.title), INTERNAL)
    assert cell.data() == "01/09/2026 (shortened)"
    assert tip_words(cell.data(Qt.ItemDataRole.ToolTipRole)) == f"{SHORTENED}."
    other = tab.proxy.index(row_of(tab, _reference(tab, "reviews-of-marking").title), INTERNAL)
    assert other.data() == "21/09/2026" and tip_words(other.data(Qt.ItemDataRole.ToolTipRole)) == "21/09/2026"

    tab.text_filter.setText("shortened")  # the word is searchable like every state word
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1)
    assert [tab.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).id for r in range(tab.proxy.rowCount())] == [pearson.id]

    tab.calendar_button.click()
    tab.calendar.calendar.setSelectedDate(QDate(2026, 9, 1))
    day = tab.calendar.day_model
    assert [day.index(r, 0).data() for r in range(day.rowCount())] == ["Internal deadline (shortened)"]
    assert tip_words(day.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)) == f"{SHORTENED}."


# --- an edit updates its own rows, never the whole list ------------------------------------------


class _Signals:
    """What a model told its views: the rows of each ``dataChanged``, and any reset."""

    def __init__(self, tab: KeyDatesTab) -> None:
        self.changed: list[tuple[int, int]] = []
        self.resets = 0
        self.removed: list[tuple[int, int]] = []
        tab.model.dataChanged.connect(lambda first, last, _roles=(): self.changed.append((first.row(), last.row())))
        tab.model.modelReset.connect(self._reset)
        tab.model.rowsRemoved.connect(lambda _parent, first, last: self.removed.append((first, last)))

    def _reset(self) -> None:
        self.resets += 1


def test_marking_a_key_date_done_changes_its_row_alone_and_keeps_the_selection(tab: KeyDatesTab, window: MainWindow) -> None:
    record = add_date(tab, "Zebra to mark", date(2027, 1, 12))
    select_titles(tab, "Zebra to mark")
    source_row = tab.model.row_of(record.id)
    seen = _Signals(tab)
    tab.mark(True)
    assert seen.resets == 0 and seen.changed == [(source_row, source_row)]
    assert tab.model.record(source_row).done and tab.selected_records() == [tab.model.record(source_row)]
    assert "done" in tab.summary.text()
    window.undo_action.trigger()  # the undo is told which key date it touched too
    assert seen.resets == 0 and seen.changed[-1] == (source_row, source_row)
    assert not tab.model.record(source_row).done


def test_a_filtered_list_hides_a_key_date_once_it_is_done(tab: KeyDatesTab) -> None:
    add_date(tab, "Zebra still to do", date(2027, 1, 12))
    tab.show_filter.setCurrentIndex(tab.show_filter.findData("open"))
    select_titles(tab, "Zebra still to do")
    tab.mark(True)
    titles = [tab.proxy.index(r, 4).data() for r in range(tab.proxy.rowCount())]
    assert "Zebra still to do" not in titles


def test_deleting_a_key_date_removes_its_row_without_a_reset(tab: KeyDatesTab, answers: Answers) -> None:
    record = add_date(tab, "Zebra to delete", date(2027, 1, 12))
    rows = tab.model.rowCount()
    select_titles(tab, "Zebra to delete")
    seen = _Signals(tab)
    answers.confirm = True
    tab.delete_key_dates()
    assert seen.resets == 0 and tab.model.rowCount() == rows - 1 and tab.model.row_of(record.id) is None
    assert len(seen.removed) == 1
