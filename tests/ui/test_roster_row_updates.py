"""The Invigilators tab after an edit that cannot move candidates (a lock, an invigilator, an
answer): the cells and rows that changed are updated in place, never a reset, and the
series' seating is not read again."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex
from pytestqt.qtbot import QtBot

from eoffice.ui import roster_commands
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.models.roster_models import GridCell, TeamRow
from eoffice.ui.tabs.roster_tab import RosterTab


class Heard:
    """What a model told its views: each ``dataChanged`` as (first row, first column, last row,
    last column), and how many resets."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.changed: list[tuple[int, int, int, int]] = []
        self.resets = 0
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(self._reset)

    def _changed(self, first: QModelIndex, last: QModelIndex, _roles: object = ()) -> None:
        self.changed.append((first.row(), first.column(), last.row(), last.column()))

    def _reset(self) -> None:
        self.resets += 1


@pytest.fixture
def tab(window: MainWindow, qtbot: QtBot) -> RosterTab:
    window.show_item("roster")
    built = window.tab("roster")
    assert isinstance(built, RosterTab)
    qtbot.waitUntil(built.isVisible)
    built.wait_for_seating()
    return built


def _staffed_cell(tab: RosterTab) -> tuple[GridCell, int, int]:
    tab.show_page(tab.pages.index(tab.grid))
    model = tab.grid.model
    return next((model.cell(r, c), r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.cell(r, c).team)


def test_locking_a_cell_changes_that_cell_alone_and_keeps_the_seating(tab: RosterTab, window: MainWindow) -> None:
    cell, row, column = _staffed_cell(tab)
    data, seating = tab.data, tab.data.seating_read  # type: ignore[union-attr]
    heard = Heard(tab.grid.model)
    tab.grid.table.setCurrentIndex(tab.grid.model.index(row, column))
    tab.grid.actions["lock"].trigger()
    assert heard.resets == 0 and heard.changed == [(row, column, row, column)]
    assert all(a.locked for a in tab.grid.model.cell(row, column).team)
    assert "🔒" in tab.grid.model.index(row, column).data()
    assert tab.data is data and data.seating_read is seating  # type: ignore[union-attr]  # not read again
    assert tab.grid.table.currentIndex() == tab.grid.model.index(row, column)
    window.undo_action.trigger()  # undo says what it touched as well
    assert heard.resets == 0 and heard.changed[-1] == (row, column, row, column)
    assert [a.locked for a in tab.grid.model.cell(row, column).team] == [a.locked for a in cell.team]


def test_deactivating_an_invigilator_changes_their_row_alone(tab: RosterTab) -> None:
    rows = [tab.team.proxy.index(r, 0).data(RECORD_ROLE) for r in range(tab.team.proxy.rowCount())]
    chosen: TeamRow = next(r for r in rows if r.person.active)
    tab.team.select(chosen.id)
    source_row = tab.team.model.row_of(chosen.id)
    heard = Heard(tab.team.model)
    roster_commands.set_active(tab.context, [chosen.person], False)
    assert heard.resets == 0 and [(first, last) for first, _c, last, _l in heard.changed] == [(source_row, source_row)]
    now = tab.team.model.record(source_row)  # type: ignore[arg-type]
    assert now.id == chosen.id and not now.person.active
    assert [r.id for r in tab.team.chosen()] == [chosen.id]  # still chosen


def test_an_answer_changes_its_day_in_the_availability_alone(tab: RosterTab) -> None:
    rows = [tab.team.proxy.index(r, 0).data(RECORD_ROLE) for r in range(tab.team.proxy.rowCount())]
    chosen: TeamRow = next(r for r in rows if r.person.active and r.person.available_by_default)
    tab.team.select(chosen.id)
    model = tab.team.availability
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "Default (yes)")
    heard = Heard(model)
    roster_commands.set_availability(tab.context, chosen.person, [model.slot(model.index(row, 0))], False)
    assert heard.resets == 0 and heard.changed == [(row, 0, row, model.columnCount() - 1)]
    assert model.data(model.index(row, 0)) == "No"


def test_a_room_changed_reads_everything_again(tab: RosterTab) -> None:
    """A room's size can move candidates: its edit does not say what it touched, so the tab reads
    the seating afresh."""
    data = tab.data
    tab.show_page(tab.pages.index(tab.rooms))
    room = tab.rooms.model.record(0)
    roster_commands.edit_room(tab.context, room, replace(room.fields, capacity=room.fields.capacity + 1))
    assert tab.data is not data
