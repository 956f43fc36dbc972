"""The candidates page: every candidate with their entries, arrangement count and a
warning word; added, edited and deleted through undoable commands; and their exam
timetables and statements of entry printed (the chosen candidate, their form, their year
group or everyone, one candidate a page) or the chosen candidate's calendar file: the
catalogue's ``timetable`` exports, run the way File > Export runs every export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout

from eoffice.domain.access import CandidateRecord
from eoffice.domain.examday import TimetableChoice
from eoffice.io import catalogue
from eoffice.ui import access_commands, hotkeys
from eoffice.ui.background import ExportJob
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.candidate_dialog import CandidateDialog
from eoffice.ui.exports import ExportAction, request_for
from eoffice.ui.models.access_models import CANDIDATE_COLUMNS, CandidateRow, SortedTableModel, candidate_rows, make_proxy
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_common import AccessData, AccessPage, filter_combo
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table, select_ids, selected

BIRTH, YEAR, FORM, UCI, ULN, WARNING = 3, 4, 5, 6, 7, 10  # the table's columns
TIMETABLES = (  # the Timetables button's menu: whose, and as what
    ("candidate", "pdf", "&This candidate's timetable and statement of entry (PDF)…"),
    ("candidate", "ics", "This candidate's exams as a &calendar file…"),
    ("form", "pdf", "Their &form's timetables (PDF)…"),
    ("year", "pdf", "Their &year group's timetables (PDF)…"),
    ("everyone", "pdf", "&Everyone's timetables (PDF)…"),
)


class CandidatesPage(AccessPage):
    title = "Ca&ndidates"
    name = "Candidates"

    def __init__(self, context: AppContext, new_arrangement: Callable[[int], None]) -> None:
        super().__init__(context)
        self.new_arrangement = new_arrangement
        self.model: SortedTableModel[CandidateRow] = SortedTableModel(CANDIDATE_COLUMNS, self)
        self.proxy = make_proxy(self.model, self)
        # Who, their entries, arrangements and warning always show; the year, form, birth date
        # and the UCI and ULN step aside on a small screen.
        self.table = make_table("Candidates table", self.proxy, (70, 140, 140, 100, 50, 60, 130, 110, 65, 100, 170),
                                stretch=WARNING, secondary=(YEAR, FORM, BIRTH, UCI, ULN))
        self.table.doubleClicked.connect(lambda index: self.edit(index.data(RECORD_ROLE)))

        self.year_filter = filter_combo({}, "All year groups", "Filter by year group")
        self.with_arrangements = QCheckBox("Only those with arrange&ments")
        self.with_arrangements.setAccessibleName("Only candidates with arrangements")
        self.text_filter = FilterBox(placeholder="Filter candidates…")
        self.year_filter.currentIndexChanged.connect(self.apply_filters)
        self.with_arrangements.toggled.connect(self.apply_filters)
        self.text_filter.filterChanged.connect(self.proxy.set_text)

        self.add_action("new", "&New candidate…", hotkeys.NEW_ACCESS_RECORD, self.new)
        self.add_action("edit", "&Edit…", hotkeys.EDIT_ACCESS_RECORD, lambda: self.edit(None))
        self.add_action("delete", "&Delete", hotkeys.DELETE_ACCESS_RECORD, self.delete)
        self.add_action("arrangement", "New &arrangement for them…", hotkeys.NEW_ARRANGEMENT_FOR, self.arrange)

        self.timetable_menu = QMenu("Timetables", self)
        self.timetable_actions = {}
        for whom, fmt, text in TIMETABLES:
            action = self.timetable_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, w=whom, f=fmt: self.print_timetables(w, f))
            self.timetable_actions[(whom, fmt)] = action
        self.timetable_menu.aboutToShow.connect(self._name_timetables)
        button = QToolButton()
        button.setText("Ti&metables")
        button.setAccessibleName("Timetables")
        button.setToolTip("Candidates' own exam timetables and statements of entry, one candidate a page, or the "
                          "chosen candidate's exams as a calendar file")
        button.setMenu(self.timetable_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toolbar.addWidget(button)
        self.count = QLabel()
        self.count.setAccessibleName("Candidates shown")
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.year_filter)
        filters.addWidget(self.with_arrangements)
        filters.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._count)

    def load(self, data: AccessData) -> None:
        self.data = data
        keep = {r.id for r in selected(self.table)}
        self.model.set_rows(candidate_rows(data.people, data.records, data.warnings, data.entries[0]))
        groups = sorted({g for c in data.people if (g := c.fields.year_group) is not None})  # the fields straight
        current = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        while self.year_filter.count() > 1:
            self.year_filter.removeItem(1)
        for group in groups:
            self.year_filter.addItem(f"Year {group}", group)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(current)))
        self.year_filter.blockSignals(False)
        if keep:
            select_ids(self.table, keep)
        self.enable_writes()
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} candidates" if shown != total else f"{total} candidates")

    def apply_filters(self) -> None:
        group = self.year_filter.currentData()
        only = self.with_arrangements.isChecked()
        if not group and not only:
            self.proxy.set_predicate(None)
            return
        self.proxy.set_predicate(
            lambda row: (not group or row.record.year_group == group) and (not only or row.arrangements > 0)
        )

    def chosen(self) -> list[CandidateRecord]:
        return [row.record for row in selected(self.table) if isinstance(row, CandidateRow)]

    def _dialog(self, record: CandidateRecord | None, title: str) -> CandidateDialog:
        assert self.data is not None
        taken = {c.number: c.id for c in self.data.people}
        return CandidateDialog(record.fields if record else None, self.data.today, taken, self,
                               candidate_id=record.id if record else None, title=title)

    def new(self) -> None:
        if self.context.read_only or self.data is None:
            return
        dialog = self._dialog(None, "New candidate")
        if ask.run_dialog(dialog) and dialog.result_fields is not None:
            fields = dialog.result_fields
            added: list[int] = []
            if self.attempt("Candidate not added",
                            lambda: added.append(access_commands.add_candidate(self.context, fields))):
                select_ids(self.table, set(added))

    def edit(self, row: CandidateRow | None) -> None:
        record = row.record if isinstance(row, CandidateRow) else None
        if record is None:
            chosen = self.chosen()
            if len(chosen) != 1:
                return
            record = chosen[0]
        if self.context.read_only:
            return
        dialog = self._dialog(record, f"Candidate {record.number_text}")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and dialog.result_fields != record.fields:
            fields = dialog.result_fields
            self.attempt("Candidate not saved", lambda: access_commands.edit_candidate(self.context, record, fields))

    def delete(self) -> None:
        rows = [r for r in selected(self.table) if isinstance(r, CandidateRow)]
        if self.context.read_only or not rows:
            return
        entries, arrangements = sum(r.entries for r in rows), sum(r.arrangements for r in rows)
        who = f"candidate {rows[0].record.number_text}" if len(rows) == 1 else f"{len(rows)} candidates"
        if ask.confirm(self, "Delete candidates",
                       f"Delete {who} with {entries} entries and {arrangements} arrangements? "
                       "You can undo this with Ctrl+Z."):
            records = [r.record for r in rows]
            self.attempt("Candidates not deleted", lambda: access_commands.delete_candidates(self.context, records))

    def arrange(self) -> None:
        chosen = self.chosen()
        if len(chosen) == 1 and not self.context.read_only:
            self.new_arrangement(chosen[0].id)

    # --- timetables ------------------------------------------------------------------------------------

    def _choice(self, whom: str) -> TimetableChoice | None:
        """Whose timetables: the one candidate chosen, their form or year group, or everyone;
        None when the choice needs one candidate and there is not exactly one."""
        if whom == "everyone":
            return TimetableChoice()
        chosen = self.chosen()
        if len(chosen) != 1:
            return None
        record = chosen[0]
        if whom == "candidate":
            return TimetableChoice(candidate=record.fields.number)
        if whom == "form":
            return TimetableChoice(form=record.fields.form) if record.fields.form else None
        return TimetableChoice(year_group=record.fields.year_group) if record.fields.year_group else None

    def _name_timetables(self) -> None:
        """Each item names whose it prints ("0012's timetable…", "Form 11F's timetables…"), and is
        off when its choice has nobody (no candidate chosen, or none with a form). Each keeps an
        Alt letter of its own, as ``TIMETABLES`` gives them: the calendar file's is its C."""
        chosen = self.chosen()
        one = chosen[0].fields if len(chosen) == 1 else None
        whose = {
            "candidate": f"&{one.number:04d}'s" if one else "&This candidate's",
            "form": f"&Form {one.form}'s" if one and one.form else "Their &form's",
            "year": f"&Year {one.year_group}'s" if one and one.year_group else "Their &year group's",
            "everyone": "&Everyone's",
        }
        for (whom, fmt), action in self.timetable_actions.items():
            words = {("candidate", "pdf"): "timetable and statement of entry (PDF)…",
                     ("candidate", "ics"): "exams as a &calendar file…"}.get((whom, fmt), "timetables (PDF)…")
            who = whose[whom].replace("&", "") if "&" in words else whose[whom]
            action.setText(f"{who} {words}")
            action.setEnabled(self._choice(whom) is not None)

    def print_timetables(self, whom: str, fmt: str) -> ExportJob | None:
        """Write the chosen candidates' timetables (or one calendar file) as File > Export writes
        every export: the main window asks where, and before writing personal data."""
        choice = self._choice(whom)
        run = getattr(self.window(), "run_export", None)
        if choice is None or run is None:
            return None
        export = ExportAction(catalogue.find("timetable", fmt))
        job: ExportJob | None = run(export, replace(request_for(self.context), choice=choice))
        return job

    def select(self, candidate_id: int) -> bool:
        if select_ids(self.table, {candidate_id}, focus=True):
            return True
        self.text_filter.setText("")
        self.proxy.set_text("")
        self.with_arrangements.setChecked(False)
        self.year_filter.setCurrentIndex(0)
        return select_ids(self.table, {candidate_id}, focus=True)
