"""The Team page: every invigilator with a compliance word, and the availability of the one chosen.

Compliance is judged on today's date within the year shown: not trained since the
1 September before a session, or no DBS check, means they cannot be rostered; a DBS
check older than the renewal period is a warning. The solver and manual assignment
ask the same ``invigilators.compliance``, so the table never disagrees with them.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.roster import Invigilator, compliance
from eoffice.ui import hotkeys, roster_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.invigilator_dialog import InvigilatorDialog
from eoffice.ui.models.record_rows import show_rows
from eoffice.ui.models.record_table import RecordTableModel, TextFilterProxy
from eoffice.ui.models.roster_models import TEAM_COLUMNS, AvailabilityModel, TeamRow, compliance_word
from eoffice.ui.tabs.roster_common import RosterData, RosterPage, Slot
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table, select_ids, selected

(COMPLIANCE, ROLES, CONFIDENTIALITY, MOST_A_DAY, MOST_A_WEEK, RATE, UNLESS, ACTIVE,
 CONTACT) = 1, 2, 5, 6, 7, 8, 9, 10, 11  # the team table's columns


class TeamPage(RosterPage):
    title = "&Team"
    name = "Team"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model: RecordTableModel[TeamRow] = RecordTableModel(TEAM_COLUMNS, self)
        self.proxy = TextFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # The name, compliance (stretching: its reasons are long), training and DBS dates always
        # show; the roles next while there is room, then the rest.
        self.table = make_table("Invigilators table", self.proxy, (150, 330, 170, 86, 96, 110, 80, 84, 90, 110, 60, 200),
                                stretch=COMPLIANCE, secondary=(ROLES, ACTIVE, CONFIDENTIALITY, UNLESS, MOST_A_DAY,
                                                               MOST_A_WEEK, RATE, CONTACT), least=200)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_availability())
        self.filter = FilterBox(placeholder="Filter invigilators…")
        self.filter.filterChanged.connect(self.proxy.set_text)
        self.show_inactive = QCheckBox("Show i&nactive")
        self.show_inactive.setAccessibleName("Show inactive invigilators")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(self._filter_active)

        self.add_action("new", "&New invigilator…", hotkeys.NEW_ROSTER_RECORD, self.new)
        self.add_action("edit", "&Edit…", hotkeys.EDIT_ROSTER_RECORD, self.edit)
        self.add_action("deactivate", "&Deactivate", None, lambda: self.set_active(False))
        self.add_action("reactivate", "Reac&tivate", None, lambda: self.set_active(True))

        self.availability = AvailabilityModel(self)
        self.grid = QTableView()
        self.grid.setAccessibleName("Availability by date and session")
        self.grid.setModel(self.availability)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().setDefaultSectionSize(self.grid.fontMetrics().height() + 8)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.setColumnWidth(0, 110)
        self.available_bar = QToolBar("Availability actions")
        self.available_bar.setAccessibleName("Availability actions")
        self.available_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Short words, and a panel never narrower than they are, so the bar never folds into "»".
        for key, text, value, tip in (
            ("yes", "Available", True, "They are available in the sessions chosen"),
            ("no", "Not available", False, "They are not available in the sessions chosen"),
            ("default", "Default", None, "Forget their answer for the sessions chosen: their default applies"),
        ):
            action = self.add_action(key, text, None, partial(self.set_available, value), toolbar=self.available_bar)
            action.setToolTip(tip)
        self.available_heading = QLabel()
        self.available_heading.setWordWrap(True)
        self.available_heading.setAccessibleName("Availability heading")

        side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.available_heading)
        box.addWidget(self.available_bar)
        box.addWidget(self.grid, 1)
        side.setMinimumWidth(self.available_bar.sizeHint().width())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([980, 330])
        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addWidget(self.show_inactive)
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def load(self, data: RosterData) -> None:
        self.data = data
        chosen = {r.id for r in self.chosen()}
        on, config = data.compliance_date, data.config
        rows = []
        for person in data.people:
            verdict = compliance(person, on, config)
            rows.append(TeamRow(person, verdict, compliance_word(verdict, config)))
        reset = show_rows(self.model, rows)
        self.table.horizontalHeader().setToolTip(f"Compliance as at {on:%d/%m/%Y}")
        if chosen and reset:
            select_ids(self.table, chosen)
        self.enable_writes()
        self._show_availability()

    def _filter_active(self, show: bool) -> None:
        self.proxy.set_predicate(None if show else (lambda row: row.person.active))

    def chosen(self) -> list[TeamRow]:
        return [r for r in selected(self.table) if isinstance(r, TeamRow)]

    def select(self, invigilator_id: int) -> bool:
        if not select_ids(self.table, {invigilator_id}, focus=True):
            self.filter.setText("")
            self.proxy.set_text("")
            self.show_inactive.setChecked(True)
            return select_ids(self.table, {invigilator_id}, focus=True)
        return True

    # --- availability ----------------------------------------------------------------------

    def _person(self) -> Invigilator | None:
        rows = self.chosen()
        return rows[0].person if len(rows) == 1 else None

    def _show_availability(self) -> None:
        person, data = self._person(), self.data
        if person is None or data is None:
            self.availability.set_person([], frozenset(), {}, True)
            self.available_heading.setText("Choose one invigilator to see and set their availability.")
            self.available_bar.setEnabled(False)
            return
        slots = data.slots
        answers = {(on, sess): value for (pid, on, sess), value in data.answers.items() if pid == person.id}
        days = sorted({on for on, _s in slots})
        self.availability.set_person(days, frozenset(slots), answers, person.available_by_default)
        default = "available" if person.available_by_default else "not available"
        note = f"{len(days)} exam days" if days else "no exams in this series yet"
        self.available_heading.setText(
            f"<b>{person.name}</b>: availability in {data.span.label} ({note}). Where they gave no answer, "
            f"their default applies: {default}.")  # fmt: skip
        self.available_bar.setEnabled(bool(days))

    def chosen_slots(self) -> list[Slot]:
        indexes = self.grid.selectionModel().selectedIndexes()
        return sorted({self.availability.slot(i) for i in indexes if self.availability.slot(i) in self.availability.slots})

    def set_available(self, value: bool | None) -> None:
        person, slots = self._person(), self.chosen_slots()
        if person is None or not slots:
            return
        self.attempt("Availability not saved", lambda: roster_commands.set_availability(self.context, person, slots, value))

    # --- edits -------------------------------------------------------------------------------

    def _dialog(self, person: Invigilator | None, title: str) -> InvigilatorDialog:
        return InvigilatorDialog(person.fields if person else None, self.context.today, self, title=title)

    def new(self) -> None:
        dialog = self._dialog(None, "New invigilator")
        if ask.run_dialog(dialog) and dialog.result_fields is not None:
            fields = dialog.result_fields
            if self.attempt("Invigilator not added", lambda: roster_commands.add_invigilator(self.context, fields)):
                ids = [p.id for p in self.data.people if p.name == fields.name] if self.data else []
                if ids:
                    select_ids(self.table, set(ids))

    def edit(self) -> None:
        rows = self.chosen()
        if len(rows) != 1 or self.context.read_only:
            return
        person = rows[0].person
        dialog = self._dialog(person, "Edit invigilator")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and dialog.result_fields != person.fields:
            fields = dialog.result_fields
            self.attempt("Invigilator not saved", lambda: roster_commands.edit_invigilator(self.context, person, fields))

    def set_active(self, active: bool) -> None:
        people = [r.person for r in self.chosen() if r.person.active != active]
        if people:
            self.attempt("Invigilators not changed", lambda: roster_commands.set_active(self.context, people, active))
