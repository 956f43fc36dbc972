"""The warnings page: everything about arrangements that needs the officer's attention,
in plain words; Enter or a double-click opens the arrangement it is about.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from eoffice.domain import access
from eoffice.domain.words import plural
from eoffice.ui import hotkeys
from eoffice.ui.context import AppContext
from eoffice.ui.models.access_models import (
    WARNING_COLUMNS,
    WARNING_WORDS,
    SortedTableModel,
    WarningRow,
    make_proxy,
    warning_rows,
)
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_common import AccessData, AccessPage, filter_combo
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table, selected

EXPLAINED = (
    "Approvals expiring before the candidate's last exam of the year; applications not yet made as the "
    "awarding bodies' deadline nears (from Key dates, else estimated from the first exam of the series); "
    "centre-delegated arrangements not yet approved as the candidate's exams near (only approved ones reach "
    f"the exam-day sheets); {access.FORM_8_WARNS_FOR}; "
    "and rooms or helpers the roster has not assigned yet."
)


class WarningsPage(AccessPage):
    title = "&Warnings"
    name = "Warnings"

    def __init__(self, context: AppContext, open_arrangement: Callable[[int], None]) -> None:
        super().__init__(context)
        self.open_arrangement = open_arrangement
        self.model: SortedTableModel[WarningRow] = SortedTableModel(WARNING_COLUMNS, self)
        self.proxy = make_proxy(self.model, self)
        self.table = make_table("Warnings table", self.proxy, (78, 160, 180, 190, 90, 400), stretch=5)
        self.table.activated.connect(lambda index: self.open(index.data(RECORD_ROLE)))
        self.kind_filter = filter_combo(WARNING_WORDS, "Every kind of warning", "Filter by kind of warning")
        self.kind_filter.currentIndexChanged.connect(self.apply_filters)
        self.text_filter = FilterBox(placeholder="Filter warnings…")
        self.text_filter.filterChanged.connect(self.proxy.set_text)
        self.add_action("open", "&Open the arrangement…", hotkeys.EDIT_ACCESS_RECORD, lambda: self.open(None),
                        writes=False)
        self.count = QLabel()
        self.count.setAccessibleName("Warnings shown")
        explained = QLabel(EXPLAINED)
        explained.setWordWrap(True)
        explained.setAccessibleName("What is checked")
        self.empty_note = QLabel("Nothing needs attention: no warnings this year.")
        self.empty_note.setAccessibleName("No warnings")
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(explained)
        layout.addLayout(filters)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)

    def load(self, data: AccessData) -> None:
        kinds = {r.id: r.kind for r in data.records}
        rows = warning_rows(data.warnings, data.names, kinds)
        self.model.set_rows(rows)
        self.enable_writes()
        self.count.setText(f"{plural(len(rows), 'warning')} in {data.year.label}")
        self.empty_note.setVisible(not rows)

    def apply_filters(self) -> None:
        kind = self.kind_filter.currentData()
        self.proxy.set_predicate((lambda row: row.warning.kind == kind) if kind else None)

    def open(self, row: WarningRow | None) -> None:
        if row is None:
            chosen = [r for r in selected(self.table) if isinstance(r, WarningRow)]
            if not chosen:
                return
            row = chosen[0]
        self.open_arrangement(row.warning.arrangement_id)
