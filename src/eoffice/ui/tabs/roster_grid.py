"""The Roster grid page: sessions down, rooms across, each cell "needed N / assigned M" and
the names, a shortfall as "SHORT 2" on a red tint; and the last auto-roster's answer.

Open a cell (double-click or Enter) to assign, unassign and lock there: the dialog
lists who can be assigned and, for everyone else, the domain's own reason why not.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
)
from sqlalchemy.orm import Session

from eoffice.domain import roster
from eoffice.domain.roster import GENERAL, AssignmentRecord, SolveResult, can_take, role_words
from eoffice.domain.words import plural
from eoffice.errors import InputError
from eoffice.ui import hotkeys, roster_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.assign_dialog import AssignActions, AssignDialog, Choice
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.models.roster_models import GridCell, RosterGridModel
from eoffice.ui.tabs.roster_common import RosterData, RosterPage
from eoffice.ui.widgets.columns import fit_columns

Place = tuple[date, str, int]  # a room in one session: day, session, room id

STATUS_WORDS = {"optimal": "the best roster possible (proved)", "feasible": "a good roster (not proved the best)",
                "infeasible": "no roster found in the time allowed"}  # fmt: skip


def eligibility(session: Session, cell: GridCell) -> list[Choice]:
    """Every active invigilator not already here: the roles they may take here, or why not."""
    roles = [GENERAL, *(role for role, _n in cell.requirement.helpers)] if cell.requirement else [GENERAL]
    here = {a.invigilator_id for a in cell.team}
    found = []
    for person in roster.invigilators(session, active_only=True):
        if person.id in here:
            continue
        possible = [role for role in roles if can_take(frozenset(person.roles), role)]
        if not possible:
            wanted = " or ".join(role_words(r) for r in roles)
            found.append(Choice(person.id, person.name, (), f"{person.name} cannot take the role this room needs ({wanted})"))
            continue
        allowed, reason = [], ""
        for role in possible:
            try:
                roster.check_assignment(session, person.id, cell.on, cell.session, cell.room_id, role)
            except InputError as error:
                reason = reason or str(error)
            else:
                allowed.append(role)
        found.append(Choice(person.id, person.name, tuple(allowed), "" if allowed else reason))
    return found


class RowsInView(QObject):
    """Sizes the grid's rows to their contents as they come into view, not all at once.

    A row is as tall as its fullest cell's names, wrapped in the room's column: laying out
    every cell's text (1,200 cells at ten times a large school) cost more than the rest of the
    page together. Rows out of view keep one line's height until scrolled to; a row whose
    cells change, and every row when the columns change width, is sized again."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.sized: set[int] = set()
        self._widths_changed = False
        header = table.verticalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # set here, row by row
        model = table.model()
        model.modelReset.connect(self.forget)
        model.layoutChanged.connect(self.forget)
        model.dataChanged.connect(lambda first, last, _roles=(): self.forget_rows(first.row(), last.row()))
        table.verticalScrollBar().valueChanged.connect(lambda _value: self.size_in_view())
        table.horizontalHeader().sectionResized.connect(lambda *_args: self._columns_resized())
        table.viewport().installEventFilter(self)

    def forget(self) -> None:
        self.sized.clear()
        self.size_in_view()

    def _columns_resized(self) -> None:
        """The columns share the width (a window resized, a room hidden): every one of them says
        so, so the rows are sized again once, when they are done."""
        if not self._widths_changed:
            self._widths_changed = True
            QTimer.singleShot(0, self, self._after_columns_resized)

    def _after_columns_resized(self) -> None:
        self._widths_changed = False
        self.forget()

    def forget_rows(self, first: int, last: int) -> None:
        self.sized.difference_update(range(first, last + 1))
        self.size_in_view()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.size_in_view()
        return False

    def size_in_view(self) -> None:
        """Size each row in view not sized yet; sizing one may bring the next into view or push
        it out, so the rows in view are looked at again until every one is sized."""
        table, rows = self.table, self.table.model().rowCount()
        if not table.isVisible():
            return
        row = max(0, table.rowAt(0))
        bottom = table.viewport().height()
        while row < rows and table.rowViewportPosition(row) < bottom:
            if row not in self.sized and not table.isRowHidden(row):
                self.sized.add(row)
                table.resizeRowToContents(row)
            row += 1


class GridPage(RosterPage):
    title = "Roster &grid"
    name = "Roster grid"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model = RosterGridModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Roster grid: sessions by rooms")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        fit_columns(self.table, stretch=())  # a room at a time can be hidden from the "Columns" menu
        self.rows_in_view = RowsInView(self.table)
        self.table.activated.connect(self.open_cell)
        self.only_short = QCheckBox("Only sessions &with a shortfall")
        self.only_short.setAccessibleName("Only sessions with a shortfall")
        self.only_short.toggled.connect(lambda _on: self._fill())
        self.add_action("assign", "&Assign…", hotkeys.EDIT_ROSTER_RECORD, lambda: self.open_cell(self.table.currentIndex()),
                        writes=False)  # the dialog also shows who could go there, and why not
        self.add_action("lock", "&Lock", hotkeys.LOCK_ASSIGNMENTS, lambda: self.lock_cells(True))
        self.add_action("unlock", "&Unlock", None, lambda: self.lock_cells(False))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Roster summary")
        self.result = QLabel("No auto-roster run yet in this window.")
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Last auto-roster result")
        self.shortfalls = QListWidget()
        self.shortfalls.setAccessibleName("Shortfalls and why")
        self.shortfalls.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.shortfalls.setWordWrap(True)
        self.shortfalls.hide()  # until an auto-roster leaves something short
        self.shortfalls.setToolTip("Double-click or Enter: show the room and session in the grid")
        self.shortfalls.itemActivated.connect(self.go_to)
        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addWidget(self.only_short)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.shortfalls)
        self.last: SolveResult | None = None
        self.reasons: dict[Place, str] = {}
        self.cells: dict[Place, GridCell] = {}

    # --- the grid ------------------------------------------------------------------------------

    def load(self, data: RosterData) -> None:
        self.data = data
        by_place: dict[Place, list[AssignmentRecord]] = defaultdict(list)
        for a in data.assignments:
            by_place[(a.on, a.session, a.room_id)].append(a)
        names = {r.id: r.name for r in data.rooms}
        cells: dict[Place, GridCell] = {}
        for r in data.requirements:
            key = (r.on, r.session, r.room_id)
            cells[key] = GridCell(r.on, r.session, r.room_id, r.room, r, tuple(by_place.pop(key, ())), self.reasons.get(key, ""))
        for (on, sess, rid), team in by_place.items():
            cells[(on, sess, rid)] = GridCell(on, sess, rid, names.get(rid, f"room {rid}"), None, tuple(team))
        self.cells = cells
        self._fill()
        self.enable_writes()

    def _fill(self) -> None:
        data = self.data
        if data is None:
            return
        used = {rid for _on, _s, rid in self.cells}
        rooms = [(r.id, r.name) for r in data.rooms if r.id in used] or [(r.id, r.name) for r in data.rooms]
        slots = sorted({(on, s) for on, s, _rid in self.cells} | set(data.slots))
        short = {(on, s) for (on, s, _rid), c in self.cells.items() if c.short}
        if self.only_short.isChecked():
            slots = [slot for slot in slots if slot in short]
        column = {rid: n for n, (rid, _name) in enumerate(rooms)}
        row = {slot: n for n, slot in enumerate(slots)}
        at = {(row[(on, s)], column[rid]): c for (on, s, rid), c in self.cells.items() if (on, s) in row and rid in column}
        self.model.set_grid(slots, rooms, at)
        needed = places_short = 0
        for c in self.cells.values():
            wanted = c.needed
            needed += wanted
            places_short += max(0, wanted - len(c.team))
        self.summary.setText(
            f"{data.span.label}: {len(short)} of {len({(on, s) for on, s, _r in self.cells})} sessions short, "
            f"{needed - places_short} of {needed} places covered" if needed else f"{data.span.label}: no rooms in use yet")

    def show_result(self, result: SolveResult, label: str) -> None:
        """The answer of an auto-roster just applied: its status and every shortfall with its reason."""
        self.last = result
        self.reasons = {(s.on, s.session, s.room_id): s.reason for s in result.shortfalls}
        needed = sum(r.needed for r in result.requirements)
        missing = sum(s.needed - s.assigned for s in result.shortfalls)
        count = len(result.shortfalls)
        self.result.setText(
            f"<b>Auto-roster of {label}</b>: {STATUS_WORDS.get(result.status, result.status)}, in {result.seconds:.1f} s. "
            f"{needed - missing} of {needed} places covered; "
            + (f"<b>{plural(count, 'room')} short</b>, why below." if count else "nothing short."))  # fmt: skip
        self.shortfalls.clear()
        for s in result.shortfalls:
            item = QListWidgetItem(f"SHORT {s.needed - s.assigned}: {s.reason}")
            item.setData(Qt.ItemDataRole.UserRole, (s.on, s.session, s.room_id))
            self.shortfalls.addItem(item)
        line = self.shortfalls.fontMetrics().height() + 6
        self.shortfalls.setMaximumHeight(min(max(count, 1), 8) * line + 2 * self.shortfalls.frameWidth() + 4)
        self.shortfalls.setVisible(bool(count))

    def go_to(self, item: QListWidgetItem) -> None:
        """From a shortfall to its cell in the grid."""
        index = self.cell_index(*item.data(Qt.ItemDataRole.UserRole))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.setFocus()

    def cell_index(self, on: date, sess: str, room_id: int) -> QModelIndex:
        for row in range(self.model.rowCount()):
            for column in range(self.model.columnCount()):
                cell = self.model.cell(row, column)
                if (cell.on, cell.session, cell.room_id) == (on, sess, room_id):
                    return self.model.index(row, column)
        return QModelIndex()

    # --- changes -------------------------------------------------------------------------------

    def _chosen_cells(self) -> list[GridCell]:
        return [i.data(RECORD_ROLE) for i in self.table.selectionModel().selectedIndexes()]

    def lock_cells(self, locked: bool) -> None:
        records = [a for c in self._chosen_cells() for a in c.team if a.locked != locked]
        if records:
            self.attempt("Not changed", lambda: roster_commands.set_locked(self.context, records, locked))

    def _current(self, key: Place) -> tuple[GridCell, list[Choice]]:
        assert self.data is not None
        cell = self.cells.get(key)
        if cell is None:
            on, sess, rid = key
            cell = GridCell(on, sess, rid, {r.id: r.name for r in self.data.rooms}.get(rid, ""), None, ())
        return cell, self.context.read(lambda s: eligibility(s, cell))

    def dialog_for(self, index: QModelIndex) -> AssignDialog | None:
        cell = index.data(RECORD_ROLE) if index.isValid() else None
        if not isinstance(cell, GridCell):
            return None
        key = (cell.on, cell.session, cell.room_id)
        context = self.context
        actions = AssignActions(
            assign=lambda pid, role, locked: roster_commands.assign(context, pid, key[0], key[1], key[2], role, locked=locked),
            unassign=lambda records: roster_commands.unassign(context, records),
            lock=lambda records, locked: roster_commands.set_locked(context, records, locked),
        )  # fmt: skip
        return AssignDialog(*self._current(key), actions, lambda: self._current(key), self,
                            read_only=context.read_only or not self.writes_allowed)  # fmt: skip

    def open_cell(self, index: QModelIndex) -> None:
        dialog = self.dialog_for(index)
        if dialog is not None:
            ask.run_dialog(dialog)
