"""The arrangements register: one row per arrangement, filtered by status, type, route
and typed words; added, edited, deleted and moved on in status through undoable commands.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout

from eoffice.domain import access
from eoffice.domain.access import ROUTES, STATUSES, ArrangementRecord, format_number
from eoffice.domain.words import plural
from eoffice.ui import access_commands, hotkeys
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.arrangement_dialog import ArrangementDialog
from eoffice.ui.models.access_models import (
    ARRANGEMENT_COLUMNS,
    CLOSED_STATUSES,
    ArrangementRow,
    SortedTableModel,
    arrangement_rows,
    make_proxy,
    type_options,
)
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_common import AccessData, AccessPage, filter_combo
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table, select_ids, selected

EXTRA_TIME, REST, ROUTE, APPROVED, ROOM_NEED, WARNING = 3, 4, 5, 7, 9, 10  # the register's columns
STATUS_FILTERS = {"open": "Still open (not approved or closed)", "warning": "With a warning", **STATUSES}


class ArrangementsPage(AccessPage):
    title = "&Register"
    name = "Arrangements register"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model: SortedTableModel[ArrangementRow] = SortedTableModel(
            ARRANGEMENT_COLUMNS, self, natural=lambda a: (a.record.candidate_number, a.record.id))
        self.proxy = make_proxy(self.model, self)
        self.proxy.setDynamicSortFilter(True)  # an edited row is filtered again: approved, it leaves "Still open"
        # The candidate, the arrangement, its status, expiry and warning always show; the extra
        # time, approval date, room need, rest and route step aside on a small screen.
        self.table = make_table("Arrangements register table", self.proxy,
                                (78, 150, 180, 70, 80, 150, 120, 84, 84, 120, 150), stretch=WARNING,
                                secondary=(EXTRA_TIME, APPROVED, ROOM_NEED, REST, ROUTE))
        self.table.doubleClicked.connect(lambda index: self.edit(index.data(RECORD_ROLE)))

        self.status_filter = filter_combo(STATUS_FILTERS, "All statuses", "Filter by status")
        self.type_filter = filter_combo(type_options(), "All types", "Filter by type")
        self.route_filter = filter_combo(ROUTES, "All routes", "Filter by route")
        self.text_filter = FilterBox(placeholder="Filter arrangements…")
        self.combos = (self.status_filter, self.type_filter, self.route_filter)
        for combo in self.combos:
            combo.currentIndexChanged.connect(self.apply_filters)
        self.text_filter.filterChanged.connect(self.proxy.set_text)

        self.add_action("new", "&New arrangement…", hotkeys.NEW_ACCESS_RECORD, lambda: self.new())
        self.add_action("edit", "&Edit…", hotkeys.EDIT_ACCESS_RECORD, lambda: self.edit(None))
        self.add_action("delete", "&Delete", hotkeys.DELETE_ACCESS_RECORD, self.delete)
        self.status_menu = QMenu("Set status", self)
        self.status_actions = {}
        for key, label in STATUSES.items():
            action = self.status_menu.addAction(label)
            action.triggered.connect(lambda _checked=False, k=key: self.set_status(k))
            self.status_actions[key] = action
        self.status_button = QToolButton()
        self.status_button.setText("Set &status")
        self.status_button.setAccessibleName("Set status")
        self.status_button.setMenu(self.status_menu)
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.status_button)

        self.count = QLabel()
        self.count.setAccessibleName("Arrangements shown")
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.count)
        filters = QHBoxLayout()
        for combo in self.combos:
            filters.addWidget(combo)
        filters.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.rowsRemoved.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.layoutChanged.connect(self._count)

    def load(self, data: AccessData) -> None:
        self.data = data
        keep = {r.id for r in selected(self.table)}
        self.model.set_rows(arrangement_rows(data.records, data.names, data.warnings))
        if keep:
            select_ids(self.table, keep)
        self.enable_writes()
        self.status_button.setEnabled(not self.context.read_only)
        self._count()

    def update_rows(self, data: AccessData) -> None:
        """After an edit of arrangements: the rows whose arrangement or warnings changed are
        replaced, new ones inserted and deleted ones removed, in place (no reset: the selection,
        current row and scroll position stay)."""
        self.data = data
        rows = arrangement_rows(data.records, data.names, data.warnings)
        shown = {row.id: row for row in self.model.records()}
        fresh = {row.id for row in rows}
        self.model.replace_records([row for row in rows if shown.get(row.id) != row],
                                   removed=[key for key in shown if key not in fresh])
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} arrangements" if shown != total else f"{total} arrangements")

    def apply_filters(self) -> None:
        status, kind, route = (combo.currentData() for combo in self.combos)
        if not (status or kind or route):
            self.proxy.set_predicate(None)
            return

        def keep(row: ArrangementRow) -> bool:
            r = row.record
            if kind and r.kind != kind:
                return False
            if route and r.route != route:
                return False
            if status == "open":
                return r.status != "approved" and r.status not in CLOSED_STATUSES
            if status == "warning":
                return bool(row.warnings)
            return not status or r.status == status

        self.proxy.set_predicate(keep)

    def clear_filters(self) -> None:
        self.text_filter.setText("")
        self.proxy.set_text("")
        for combo in self.combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.apply_filters()

    def select(self, arrangement_id: int) -> bool:
        if select_ids(self.table, {arrangement_id}, focus=True):
            return True
        self.clear_filters()
        return select_ids(self.table, {arrangement_id}, focus=True)

    def chosen(self) -> list[ArrangementRecord]:
        return [row.record for row in selected(self.table) if isinstance(row, ArrangementRow)]

    # --- edits -----------------------------------------------------------------------------

    def _dialog(self, record: ArrangementRecord | None, candidate_id: int | None, title: str) -> ArrangementDialog:
        assert self.data is not None
        data = self.data
        people = [(c.id, f"{c.number_text}  {c.name}") for c in data.people]
        validate = lambda fields: self.context.read(lambda s: access.validate_arrangement(s, fields))  # noqa: E731
        return ArrangementDialog(record.fields if record else None, people, candidate_id, data.expiry_months,
                                 validate, data.today, self, title=title,
                                 year_groups={c.id: c.year_group for c in data.people if c.year_group is not None})

    def new(self, candidate_id: int | None = None) -> None:
        if self.context.read_only or self.data is None:
            return
        if not self.data.people:
            ask.info(self, "No candidates yet", "Add the candidate first (Candidates page), or import them "
                     "from the MIS with File > Import….")
            return
        if candidate_id is None:
            chosen = self.chosen()
            candidate_id = chosen[0].candidate_id if chosen else None
        dialog = self._dialog(None, candidate_id, "New access arrangement")
        if not ask.run_dialog(dialog) or dialog.result_fields is None:
            return
        fields, who = dialog.result_fields, dialog.result_candidate_id
        assert who is not None
        number = next((c.number for c in self.data.people if c.id == who), 0)
        added: list[int] = []
        if self.attempt("Arrangement not added",
                        lambda: added.append(access_commands.add_arrangement(self.context, who, number, fields))):
            select_ids(self.table, set(added))

    def edit(self, row: ArrangementRow | ArrangementRecord | None) -> None:
        record = row.record if isinstance(row, ArrangementRow) else row
        if record is None:
            chosen = self.chosen()
            if len(chosen) != 1:
                return
            record = chosen[0]
        if self.context.read_only:
            return
        dialog = self._dialog(record, record.candidate_id,
                              f"Arrangement for candidate {format_number(record.candidate_number)}")
        if not ask.run_dialog(dialog) or dialog.result_fields is None:
            return
        if dialog.result_fields != record.fields:
            fields = dialog.result_fields
            self.attempt("Arrangement not saved", lambda: access_commands.edit_arrangement(self.context, record, fields))

    def delete(self) -> None:
        chosen = self.chosen()
        if self.context.read_only or not chosen:
            return
        count = plural(len(chosen), "arrangement")
        if ask.confirm(self, "Delete arrangements", f"Delete {count}? You can undo this with Ctrl+Z."):
            self.attempt("Arrangements not deleted", lambda: access_commands.delete_arrangements(self.context, chosen))

    def set_status(self, status: str) -> None:
        chosen = [r for r in self.chosen() if r.status != status]
        if chosen and not self.context.read_only:
            self.attempt("Status not changed", lambda: access_commands.set_status(self.context, chosen, status))
