"""The incidents page: every room's incident log for the year, and the follow-ups still open.

Lines are written here (for the session the Exam day page shows: the form's room box takes
any room) or from the exam room board (``board_window``), edited, removed and
closed through undoable commands (``exam_room_commands``). "Only open follow-ups" is the
officer's list of open items: special consideration to apply for, very-late-arrival
reports to send. The log is exported as File > Export's "Incident log" (Excel or PDF).
What happened to a candidate can be health data: it stays on this screen and in the
exports, which ask before writing; the status bar and the audit log never say it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout

from eoffice.domain import examday
from eoffice.domain.dates import format_date
from eoffice.domain.examday import IncidentFields, IncidentRecord
from eoffice.domain.words import plural
from eoffice.io import catalogue
from eoffice.ui import exam_room_commands, hotkeys
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.exports import ExportAction, request_for
from eoffice.ui.models.access_models import SortedTableModel, make_proxy
from eoffice.ui.models.record_table import RECORD_ROLE, TableColumn
from eoffice.ui.tabs.access_common import AccessData, AccessPage
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table, select_ids, selected

WHAT, ACTION = 6, 7  # the columns that stretch


def _status(r: IncidentRecord) -> str:
    if r.fields.follow_up == "none":
        return ""
    return "done" if r.follow_up_done else "open"


INCIDENT_COLUMNS: list[TableColumn[IncidentRecord]] = [
    TableColumn("Date", lambda r: format_date(r.on), sort_key=lambda r: (r.on, r.session, r.at, r.id)),
    TableColumn("Session", lambda r: r.session),
    TableColumn("Room", lambda r: r.room),
    TableColumn("Time", lambda r: r.time_text, sort_key=lambda r: (r.on, r.session, r.at, r.id)),
    TableColumn("What kind", lambda r: r.kind_label),
    TableColumn("Candidates", lambda r: r.candidates_text),
    TableColumn("What happened", lambda r: r.fields.what),
    TableColumn("Action taken", lambda r: r.fields.action),
    TableColumn("Recorded by", lambda r: r.fields.recorded_by),
    TableColumn("Follow-up", lambda r: "" if r.fields.follow_up == "none" else r.follow_up_label),
    TableColumn("Status", _status),
]


class IncidentsPage(AccessPage):
    title = "Incident lo&g"
    name = "Incident log"

    def __init__(self, context: AppContext, current_session: Callable[[], tuple[date, str]]) -> None:
        super().__init__(context)
        self.current_session = current_session  # the date and session the Exam day page shows
        self.records: list[IncidentRecord] = []
        self.model: SortedTableModel[IncidentRecord] = SortedTableModel(INCIDENT_COLUMNS, self)
        self.proxy = make_proxy(self.model, self)
        self.table = make_table("Incident log", self.proxy, (100, 60, 110, 50, 130, 90, 220, 200, 110, 150, 60),
                                stretch=(WHAT, ACTION), secondary=(ACTION, 8))
        self.table.doubleClicked.connect(lambda index: self.edit(index.data(RECORD_ROLE)))
        self.open_only = QCheckBox("Only open follow-&ups")
        self.open_only.setAccessibleName("Only open follow-ups")
        self.open_only.setToolTip("Special consideration, very-late-arrival and malpractice reports still to send")
        self.open_only.toggled.connect(self.apply_filters)
        self.text_filter = FilterBox(placeholder="Filter the log…")
        self.text_filter.filterChanged.connect(self.proxy.set_text)
        self.add_action("new", "&Log an incident…", hotkeys.NEW_ACCESS_RECORD, self.new)
        self.add_action("edit", "&Edit…", hotkeys.EDIT_ACCESS_RECORD, lambda: self.edit(None))
        self.add_action("delete", "&Remove", hotkeys.DELETE_ACCESS_RECORD, self.delete)
        self.add_action("done", "Follow-up &done", None, lambda: self.set_done(True))
        self.add_action("reopen", "Re&open follow-up", None, lambda: self.set_done(False))
        self.export_menu = QMenu("Export", self)
        for fmt, text in (("xlsx", "Incident log (&Excel)…"), ("pdf", "Incident log (&PDF)…")):
            action = self.export_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, f=fmt: self.export(f))
        export = QToolButton()
        export.setText("Export")
        export.setAccessibleName("Export the incident log")
        export.setMenu(self.export_menu)
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toolbar.addWidget(export)
        self.count = QLabel()
        self.count.setAccessibleName("Incidents shown")
        self.empty_note = QLabel("No incidents logged this year. Log one here, or press I on the exam room board.")
        self.empty_note.setAccessibleName("No incidents")
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.open_only)
        filters.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)
        self.year = context.year

    def load(self, data: AccessData) -> None:
        self.year = data.year
        year = data.year
        keep = {r.id for r in selected(self.table)}
        self.records = self.context.read(lambda s: examday.incidents(s, year.start, year.end))
        self.model.set_rows(self.records)
        select_ids(self.table, keep)
        opened = sum(r.open for r in self.records)
        self.count.setText(f"{plural(len(self.records), 'incident')} in {year.label}, "
                           f"{plural(opened, 'follow-up')} open")
        self.empty_note.setVisible(not self.records)
        self.enable_writes()

    def apply_filters(self) -> None:
        self.proxy.set_predicate((lambda r: r.open) if self.open_only.isChecked() else None)

    def select(self, incident_id: int) -> bool:
        """Select one line, clearing the filters when they hide it."""
        if select_ids(self.table, {incident_id}, focus=True):
            return True
        self.open_only.setChecked(False)
        self.text_filter.setText("")
        self.proxy.set_text("")
        return select_ids(self.table, {incident_id}, focus=True)

    def chosen(self) -> IncidentRecord | None:
        found = [r for r in selected(self.table) if isinstance(r, IncidentRecord)]
        return found[0] if found else None

    def _ask(self, fields: IncidentFields | None) -> IncidentFields | None:
        """The incident form: a new line for the session the Exam day page shows, or ``fields`` to edit."""
        from eoffice.ui.dialogs.incident_dialog import IncidentDialog

        day, sess = (fields.on, fields.session) if fields else self.current_session()
        rows = self.context.read(lambda s: examday.sittings(s, day, day, sess))
        rooms = sorted({r.room for r in rows if r.room})
        first = min((r.published for r in rows), default=None)
        dialog = IncidentDialog(day, sess, rooms, fields, self, published_start=first)
        return dialog.result_fields if ask.run_dialog(dialog) else None

    def new(self) -> None:
        answer = self._ask(None)
        if answer is not None:
            self.attempt("Incident not logged", lambda: exam_room_commands.log_incident(self.context, answer))

    def edit(self, record: IncidentRecord | None) -> None:
        record = record or self.chosen()
        if record is None or self.context.read_only:  # a double-click in a read-only window: no form to fill in vain
            return
        answer = self._ask(record.fields)
        if answer is not None and answer != record.fields:
            self.attempt("Incident not changed", lambda: exam_room_commands.edit_incident(self.context, record, answer))

    def delete(self) -> None:
        record = self.chosen()
        if record is None:
            return
        if ask.confirm(self, "Remove the incident?",
                       f"Remove the {record.kind_label.lower()} at {record.time_text} in {record.where}? "
                       "Edit > Undo puts it back."):
            self.attempt("Incident not removed", lambda: exam_room_commands.delete_incident(self.context, record))

    def set_done(self, done: bool) -> None:
        record = self.chosen()
        if record is None or record.fields.follow_up == "none" or record.follow_up_done == done:
            return
        self.attempt("Follow-up not changed",
                     lambda: exam_room_commands.set_follow_up_done(self.context, record, done))

    def export(self, fmt: str) -> None:
        run = getattr(self.window(), "run_export", None)
        if run is not None:
            run(ExportAction(catalogue.find("incidents", fmt)), replace(request_for(self.context)))
