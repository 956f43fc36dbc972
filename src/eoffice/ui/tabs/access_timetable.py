"""The timetable page: the year's papers by date and session with how many candidates
are entered for each; papers added, edited and deleted through undoable commands.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from eoffice.domain.access import SESSIONS, PaperRecord, series_of
from eoffice.ui import access_commands, hotkeys
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.paper_dialog import PaperDialog
from eoffice.ui.models.access_models import PAPER_COLUMNS, PaperRow, SortedTableModel, make_proxy, paper_rows
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_common import AccessData, AccessPage, filter_combo
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table, select_ids, selected

SERIES = {"November": "November", "January": "January", "Summer": "Summer"}


class TimetablePage(AccessPage):
    title = "&Timetable"
    name = "Timetable"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model: SortedTableModel[PaperRow] = SortedTableModel(PAPER_COLUMNS, self)
        self.proxy = make_proxy(self.model, self)
        # The date, session, start, code, title, duration and entries always show; the board,
        # mode and qualification step aside on a small screen.
        self.table = make_table("Timetable table", self.proxy, (120, 64, 56, 100, 90, 380, 110, 76, 90, 70), stretch=5,
                                secondary=(3, 8, 6), least=240)
        self.table.doubleClicked.connect(lambda index: self.edit(index.data(RECORD_ROLE)))
        self.series_filter = filter_combo(SERIES, "All series", "Filter by series")
        self.session_filter = filter_combo({s: s for s in SESSIONS}, "AM and PM", "Filter by session")
        self.text_filter = FilterBox(placeholder="Filter papers…")
        for combo in (self.series_filter, self.session_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.text_filter.filterChanged.connect(self.proxy.set_text)

        self.add_action("new", "&New paper…", hotkeys.NEW_ACCESS_RECORD, self.new)
        self.add_action("edit", "&Edit…", hotkeys.EDIT_ACCESS_RECORD, lambda: self.edit(None))
        self.add_action("delete", "&Delete", hotkeys.DELETE_ACCESS_RECORD, self.delete)
        self.count = QLabel()
        self.count.setAccessibleName("Papers shown")
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.series_filter)
        filters.addWidget(self.session_filter)
        filters.addWidget(self.text_filter, 1)
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        self.empty_note.setAccessibleName("No papers yet")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)

    def load(self, data: AccessData) -> None:
        self.data = data
        keep = {r.id for r in selected(self.table)}
        rows = paper_rows(data.papers, data.entries[1])
        self.model.set_rows(rows)
        if keep:
            select_ids(self.table, keep)
        self.enable_writes()
        entries = sum(r.entries for r in rows)
        days = len({r.record.sat_on for r in rows})
        self.count.setText(f"{len(rows)} papers on {days} days, {entries} entries")
        self.empty_note.setText(f"There are no papers in {data.year.label} yet. Import the timetable and entries "
                                "with File > Import…, or add papers one by one with “New paper”.")
        self.empty_note.setVisible(not rows)

    def apply_filters(self) -> None:
        series, sess = self.series_filter.currentData(), self.session_filter.currentData()
        if not series and not sess:
            self.proxy.set_predicate(None)
            return
        self.proxy.set_predicate(lambda row: (not series or series_of(row.record.sat_on) == series)
                                 and (not sess or row.record.session == sess))

    def chosen(self) -> list[PaperRecord]:
        return [row.record for row in selected(self.table) if isinstance(row, PaperRow)]

    def _dialog(self, record: PaperRecord | None, title: str) -> PaperDialog:
        assert self.data is not None
        data = self.data
        taken = {(p.code, p.sat_on, p.session): p.id for p in data.papers}
        day = data.today if data.year.contains(data.today) else data.year.start
        return PaperDialog(record.fields if record else None, data.starts, taken, day, self,
                           paper_id=record.id if record else None, title=title)

    def new(self) -> None:
        if self.context.read_only or self.data is None:
            return
        dialog = self._dialog(None, "New paper")
        if ask.run_dialog(dialog) and dialog.result_fields is not None:
            fields = dialog.result_fields
            added: list[int] = []
            if self.attempt("Paper not added", lambda: added.append(access_commands.add_paper(self.context, fields))):
                select_ids(self.table, set(added))

    def edit(self, row: PaperRow | None) -> None:
        record = row.record if isinstance(row, PaperRow) else None
        if record is None:
            chosen = self.chosen()
            if len(chosen) != 1:
                return
            record = chosen[0]
        if self.context.read_only:
            return
        dialog = self._dialog(record, f"Paper {record.code}")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and dialog.result_fields != record.fields:
            fields = dialog.result_fields
            self.attempt("Paper not saved", lambda: access_commands.edit_paper(self.context, record, fields))

    def delete(self) -> None:
        rows = [r for r in selected(self.table) if isinstance(r, PaperRow)]
        if self.context.read_only or not rows:
            return
        entries = sum(r.entries for r in rows)
        what = f"paper {rows[0].record.code}" if len(rows) == 1 else f"{len(rows)} papers"
        if ask.confirm(self, "Delete papers", f"Delete {what} and its {entries} entries? You can undo this with Ctrl+Z."):
            records = [r.record for r in rows]
            self.attempt("Papers not deleted", lambda: access_commands.delete_papers(self.context, records))
