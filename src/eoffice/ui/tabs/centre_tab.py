"""The Centre tab: who and where the centre is, its years and series, and the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from eoffice import clock
from eoffice.domain import audit, audit_names, series
from eoffice.domain.centre import CentreDetails, get_centre
from eoffice.domain.dates import format_date, format_datetime
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs.centre_dialog import edit_centre
from eoffice.ui.models.record_table import RecordTableModel, TableColumn, TextFilterProxy
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.widgets.columns import fit_columns
from eoffice.ui.widgets.filter_box import FilterBox

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

AUDIT_ROWS_SHOWN = 5000

AUDIT_COLUMNS: list[TableColumn[audit.AuditRecord]] = [
    TableColumn("When", lambda r: format_datetime(clock.in_uk(r.at)), sort_key=lambda r: r.at),
    TableColumn("Who", lambda r: r.actor),
    TableColumn("Action", lambda r: r.action),
    TableColumn("Record", lambda r: r.what),
    TableColumn("Summary", lambda r: r.summary),
]


class CentreTab(AreaTab):
    """Every area's change may add to the audit log shown here (``watches`` every area)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Centre")

        details_box = QGroupBox("Centre details")
        self._fields = {key: QLabel() for key in ("name", "number", "nation", "officer", "manager", "senco")}
        form = QFormLayout()
        for label, key in (
            ("Centre name:", "name"),
            ("Centre number:", "number"),
            ("Nation:", "nation"),
            ("Exams officer:", "officer"),
            ("Line manager:", "manager"),
            ("SENCo:", "senco"),
        ):
            self._fields[key].setAccessibleName(label.rstrip(":"))
            self._fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, self._fields[key])
        self.edit_button = QPushButton("Edit centre &details…")
        self.edit_button.setAccessibleName("Edit centre details")
        self.edit_button.setEnabled(not context.read_only)
        self.edit_button.clicked.connect(lambda: edit_centre(context, self))
        box_layout = QVBoxLayout(details_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.edit_button)

        self.years_box = QGroupBox("Academic year")
        self.year_label = QLabel()
        self.year_label.setWordWrap(True)
        self.year_label.setAccessibleName("Academic year and series")
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(self.years_box).addWidget(self.year_label)

        top = QHBoxLayout()
        top.addWidget(details_box, 2)
        top.addWidget(self.years_box, 1)

        audit_box = QGroupBox("Audit log: who changed what, and when")
        self.audit_filter = FilterBox(placeholder="Filter the audit log…")
        self.audit_model: RecordTableModel[audit.AuditRecord] = RecordTableModel(AUDIT_COLUMNS, self)
        self.audit_proxy = TextFilterProxy(self)
        self.audit_proxy.setSourceModel(self.audit_model)
        self.audit_view = QTableView()
        self.audit_view.setAccessibleName("Audit log")
        self.audit_view.setModel(self.audit_proxy)
        self.audit_view.setSortingEnabled(True)
        self.audit_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.audit_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.audit_view.setAlternatingRowColors(True)
        self.audit_view.verticalHeader().hide()
        self.audit_view.setWordWrap(False)
        self.audit_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.audit_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.audit_view.horizontalHeader().setStretchLastSection(True)
        self.audit_filter.filterChanged.connect(self.audit_proxy.set_text)
        audit_layout = QVBoxLayout(audit_box)
        audit_layout.addWidget(self.audit_filter)
        audit_layout.addWidget(self.audit_view)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(audit_box, 1)

        self.follow_changes()
        # Record: "Plan task: Submit summer entries…"; the summary takes the rest.
        fit_columns(self.audit_view, (130, 120, 80, 300))

    def refresh(self) -> None:
        def load(session: Session) -> tuple[CentreDetails | None, list[str], list[audit.AuditRecord]]:
            return (
                get_centre(session),
                series.series_names(session, self.context.year),
                audit_names.named_entries(session, limit=AUDIT_ROWS_SHOWN),
            )

        centre, series_names, records = self.context.read(load)
        self._show_centre(centre)
        year = self.context.year
        self.year_label.setText(
            f"<b>{year.label}</b><br>{format_date(year.start)} to {format_date(year.end)}"
            f"<br>Series: {', '.join(series_names)}"
        )
        self.audit_model.set_rows(records)

    def _show_centre(self, centre: CentreDetails | None) -> None:
        missing = "— not set —"
        values = {
            "name": centre.name if centre else missing,
            "number": (centre.centre_number if centre else None) or missing,
            "nation": centre.nation if centre else missing,
            "officer": (centre.exams_officer if centre else None) or missing,
            "manager": (centre.line_manager if centre else None) or missing,
            "senco": (centre.senco if centre else None) or missing,
        }
        for key, value in values.items():
            self._fields[key].setText(value)
