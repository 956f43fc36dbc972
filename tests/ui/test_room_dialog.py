"""The room dialog's desk layout: desks switched off and on by mouse and keyboard, the
capacity following the desks on, saved undoably from the Rooms page and shown again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from eoffice.domain import roster
from eoffice.domain.roster import POSITIONS, Room, RoomFields, RoomLayout
from eoffice.ui.dialogs.room_dialog import RoomDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.roster_tab import RosterTab
from eoffice.ui.widgets.desk_grid import FRONT
from tests.ui.controls import answer_dialogs, unnamed, visible_controls

HALL = RoomFields("Sports Hall", 96, layout=RoomLayout(8, 12, exit="back right", invigilator_desk="front"))


def _dialog(qtbot: QtBot, fields: RoomFields | None) -> RoomDialog:
    dialog = RoomDialog(fields)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot: QtBot, dialog: RoomDialog, desk: str) -> None:
    grid = dialog.desks.grid
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.desk_rect(desk).center())


def test_a_desk_is_switched_off_and_on_by_a_click(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, HALL)
    grid = dialog.desks.grid
    assert dialog.has_layout.isChecked() and dialog.capacity.isReadOnly() and dialog.capacity.value() == 96
    _click(qtbot, dialog, "C5")
    assert grid.off == frozenset({"C5"}) and grid.current_desk == "C5"
    assert dialog.capacity.value() == 95
    assert "Desk C5: off" in grid.desk_words("C5") and "Desk C4: on" in grid.desk_words("C4")
    _click(qtbot, dialog, "C5")
    assert grid.off == frozenset() and dialog.capacity.value() == 96
    between = grid.desk_rect("A1").topRight() + QPoint(3, 3)  # the gap between two desks
    assert grid.desk_at(between) is None
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=between)
    assert grid.off == frozenset()


def test_arrow_keys_move_between_desks_and_space_or_enter_switch_one(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, HALL)
    grid = dialog.desks.grid
    grid.setFocus()
    assert grid.current_desk == "A1"
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down):
        qtbot.keyClick(grid, key)
    assert grid.current_desk == "B3"
    assert grid.accessibleDescription().startswith("Desk B3, on. 96 of 96 desks on")
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.off == frozenset({"B3"}) and grid.accessibleDescription().startswith("Desk B3, off. 95 of 96")
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Left):
        qtbot.keyClick(grid, key)
    assert grid.current_desk == "A1"  # the arrows stop at the walls
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert grid.off == frozenset({"A1", "B3"}) and dialog.capacity.value() == 94
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_fields == RoomFields("Sports Hall", 94, layout=RoomLayout(8, 12, frozenset({"A1", "B3"})))


def test_rows_columns_exit_invigilator_and_spacing_are_saved(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, HALL)
    _click(qtbot, dialog, "B2")
    _click(qtbot, dialog, "H12")
    dialog.desks.rows.setValue(6)  # row H goes; B2 stays off
    dialog.desks.columns.setValue(10)
    assert dialog.desks.grid.off == frozenset({"B2"}) and dialog.capacity.value() == 59
    assert [dialog.desks.exit.itemData(i) for i in range(dialog.desks.exit.count())] == list(POSITIONS)
    dialog.desks.exit.setCurrentIndex(dialog.desks.exit.findData("front left"))
    dialog.desks.invigilator.setCurrentIndex(dialog.desks.invigilator.findData("back"))
    dialog.desks.spacing.setText("  1.25 m between desks,  centre to centre ")
    assert (dialog.desks.grid.exit, dialog.desks.grid.invigilator_desk) == ("front left", "back")
    dialog.accept()
    assert dialog.result_fields == RoomFields("Sports Hall", 59, layout=RoomLayout(
        6, 10, frozenset({"B2"}), "front left", "back", "1.25 m between desks, centre to centre"))  # fmt: skip


def test_the_desk_layout_box_switches_between_desks_and_a_typed_capacity(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, None)
    assert not dialog.has_layout.isChecked() and not dialog.desks.isVisible() and not dialog.capacity.isReadOnly()
    dialog.name.setText("Drama Studio")
    dialog.capacity.setValue(40)
    dialog.has_layout.setChecked(True)  # starts from the capacity typed: 6 x 7 with 2 off at the back right
    assert dialog.desks.isVisible() and dialog.capacity.isReadOnly()
    assert (dialog.desks.rows.value(), dialog.desks.columns.value(), dialog.desks.grid.off) == (6, 7, frozenset({"F6", "F7"}))
    assert dialog.capacity.value() == 40
    dialog.has_layout.setChecked(False)
    dialog.capacity.setValue(45)
    dialog.accept()
    assert dialog.result_fields == RoomFields("Drama Studio", 45)


def test_a_room_with_every_desk_off_is_not_saved(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, RoomFields("Room S2", 1, layout=RoomLayout(1, 1)))
    _click(qtbot, dialog, "A1")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.result_fields is None
    assert dialog.problem.isVisible() and "Every desk is switched off" in dialog.problem.text()


def test_the_desks_are_named_and_the_front_is_marked(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, HALL)
    grid = dialog.desks.grid
    assert FRONT == "Front (candidates face this way)"
    assert grid.accessibleName() and grid.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert unnamed(visible_controls(dialog)) == []
    assert grid.desk_rect("A1").top() < grid.desk_rect("B1").top()  # row A is nearest the front, at the top
    assert grid.desk_rect("A1").left() < grid.desk_rect("A2").left()
    image = grid.grab()  # paints without error, desks switched off included
    _click(qtbot, dialog, "A2")
    assert grid.grab().toImage() != image.toImage()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[QDialog], None]], list[QDialog]]:
    """Answer the Rooms page's dialogs with ``fill(dialog)`` then Save; returns the dialogs seen."""
    return answer_dialogs(monkeypatch)


def _rooms_page(window: MainWindow, qtbot: QtBot) -> RosterTab:
    window.show_item("roster")
    tab = window.tab("roster")
    assert isinstance(tab, RosterTab)
    qtbot.waitUntil(tab.isVisible)
    tab.show_page(tab.pages.index(tab.rooms))
    return tab


def _row(tab: RosterTab, name: str) -> int:
    return next(r for r in range(tab.rooms.proxy.rowCount()) if tab.rooms.proxy.index(r, 0).data(RECORD_ROLE).name == name)


def _desks_text(tab: RosterTab, name: str) -> str:
    column = next(c for c in range(tab.rooms.model.columnCount()) if tab.rooms.model.headerData(c, Qt.Orientation.Horizontal) == "Desks")
    return str(tab.rooms.proxy.index(_row(tab, name), column).data())


def test_a_desk_switched_off_is_saved_shown_again_and_undone(window: MainWindow, qtbot: QtBot, dialogs) -> None:  # type: ignore[no-untyped-def]
    tab = _rooms_page(window, qtbot)
    assert _desks_text(tab, "Sports Hall") == "8 x 12, 96 on"
    tab.rooms.table.selectRow(_row(tab, "Sports Hall"))
    dialogs(lambda d: (_click(qtbot, d, "A1"), qtbot.keyClick(d.desks.grid, Qt.Key.Key_Right),  # type: ignore[arg-type]
                       qtbot.keyClick(d.desks.grid, Qt.Key.Key_Space)))  # fmt: skip
    tab.rooms.actions["edit"].trigger()
    hall = next(r for r in tab.context.read(roster.rooms) if r.name == "Sports Hall")  # type: ignore[attr-defined]
    assert isinstance(hall, Room) and hall.capacity == 94
    assert hall.fields.layout is not None and hall.fields.layout.off == frozenset({"A1", "A2"})
    assert _desks_text(tab, "Sports Hall") == "8 x 12, 94 on"

    tab.rooms.table.selectRow(_row(tab, "Sports Hall"))
    seen = dialogs(lambda d: None)
    tab.rooms.actions["edit"].trigger()  # reopened: the desks switched off are shown off
    reopened = seen[0]
    assert isinstance(reopened, RoomDialog)
    assert reopened.desks.grid.off == frozenset({"A1", "A2"}) and reopened.capacity.value() == 94

    window.undo_action.trigger()
    assert _desks_text(tab, "Sports Hall") == "8 x 12, 96 on"
    undone = next(r for r in tab.context.read(roster.rooms) if r.name == "Sports Hall")  # type: ignore[attr-defined]
    assert undone.capacity == 96  # type: ignore[attr-defined]


def test_a_big_room_scrolls_to_the_desk_the_arrow_keys_reach(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, RoomFields("Exam Hall", 0, layout=RoomLayout(26, 60)))
    grid, view = dialog.desks.grid, dialog.desks.view
    assert view.horizontalScrollBar().value() == 0
    for _ in range(59):
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    for _ in range(25):
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.current_desk == "Z60"
    assert view.horizontalScrollBar().value() > 0 and view.verticalScrollBar().value() > 0
    assert dialog.capacity.value() == 1560
