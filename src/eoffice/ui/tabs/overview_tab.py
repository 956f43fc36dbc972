"""The Overview tab: what is overdue, what is due in the next four weeks, and how each
area of the year is going, on one page.

What it shows is worked out by ``domain.overview.gather`` (the meeting pack reads the same
module); this tab lays it out. Double-click or Enter on an item opens it in its own tab
with the record selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout

from eoffice.domain import overview
from eoffice.domain.dates import format_date
from eoffice.domain.overview import AreaLine, OverviewItem
from eoffice.domain.plan.rules import DUE_SOON_DAYS
from eoffice.ui import colours, hotkeys
from eoffice.ui.context import AppContext
from eoffice.ui.models.record_table import RECORD_ROLE, RecordTableModel, TableColumn
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.widgets.record_page import make_table

OVERDUE_ROWS_SHOWN = 8  # more scroll, so the next four weeks stay in view


def item_columns(today: Callable[[], date]) -> list[TableColumn[OverviewItem]]:
    def tint(item: OverviewItem) -> QColor | None:
        if item.overdue:
            return colours.OVERDUE
        return colours.DUE_SOON if (item.on - today()).days <= DUE_SOON_DAYS else None

    return [
        TableColumn("Date", lambda i: f"{i.on:%a} {format_date(i.on)}", sort_key=lambda i: i.on),
        TableColumn("Countdown", lambda i: i.countdown, sort_key=lambda i: i.on, background=tint),
        TableColumn("Kind", lambda i: i.kind),
        TableColumn("Title", lambda i: i.title),
        TableColumn("Body / owner", lambda i: i.who),
    ]


AREA_COLUMNS: list[TableColumn[AreaLine]] = [
    TableColumn("Area", lambda a: a.area),
    TableColumn("This year so far", lambda a: a.summary),
]


def _table(name: str, model: QAbstractItemModel, widths: Sequence[int], stretch: int) -> QTableView:
    return make_table(name, model, widths, stretch=stretch, single=True, sorting=False)  # by date, as the domain sorts


class OverviewTab(AreaTab):
    """Any area's change can alter the overview (``watches`` every area)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Overview")
        today = lambda: self.context.today  # noqa: E731 - read at each refresh: the app runs for days
        self.overdue_model: RecordTableModel[OverviewItem] = RecordTableModel(item_columns(today), self)
        self.ahead_model: RecordTableModel[OverviewItem] = RecordTableModel(item_columns(today), self)
        self.areas_model: RecordTableModel[AreaLine] = RecordTableModel(AREA_COLUMNS, self)
        widths = (120, 130, 120, 500, 150)
        self.overdue_table = _table("Overdue items", self.overdue_model, widths, stretch=3)  # the title
        self.ahead_table = _table("Items due in the next four weeks", self.ahead_model, widths, stretch=3)
        self.areas_table = _table("Other areas", self.areas_model, (200, 400), stretch=1)
        for table in (self.overdue_table, self.ahead_table, self.areas_table):
            table.activated.connect(self.open_item)

        self.heading = QLabel()
        self.heading.setAccessibleName("Overview heading")
        self.overdue_label, self.overdue_note = QLabel(), QLabel()
        self.ahead_label, self.ahead_note = QLabel(), QLabel()
        areas_label = QLabel("<b>Other areas</b>")
        buddies = ((self.overdue_label, self.overdue_table), (self.ahead_label, self.ahead_table), (areas_label, self.areas_table))
        for label, buddy in buddies:
            label.setBuddy(buddy)
        self.overdue_note.setAccessibleName("Nothing overdue")
        self.ahead_note.setAccessibleName("Nothing due soon")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.overdue_label)
        layout.addWidget(self.overdue_note)
        layout.addWidget(self.overdue_table, 2)
        layout.addWidget(self.ahead_label)
        layout.addWidget(self.ahead_note)
        layout.addWidget(self.ahead_table, 3)
        layout.addWidget(areas_label)
        layout.addWidget(self.areas_table)
        layout.addStretch(0)  # takes the space only when both lists are empty and hidden

        refresh = QAction("Refresh the overview", self)
        refresh.setShortcut(hotkeys.REFRESH_OVERVIEW)
        refresh.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        refresh.triggered.connect(self.refresh_now)
        self.addAction(refresh)
        self.follow_changes()

    def refresh(self) -> None:
        year, today = self.context.year, self.context.today
        snapshot = self.context.read_plain(lambda reader: overview.gather(reader, year, today))  # before SQLAlchemy loads
        self.overdue_model.set_rows(snapshot.overdue)
        self.ahead_model.set_rows(snapshot.ahead)
        self.areas_model.set_rows(snapshot.areas)
        horizon = snapshot.horizon
        when = ""
        if today < year.start:
            when = f" {year.label} starts on {format_date(year.start)}."
        elif today > year.end:
            when = f" {year.label} ended on {format_date(year.end)}."
        self.heading.setText(f"<h2>{year.label} at a glance</h2>Today is {today:%A} {today.day} {today:%B %Y}.{when}")
        self.overdue_label.setText(f"<b>Overd&ue</b> ({len(snapshot.overdue)})")
        self.ahead_label.setText(f"<b>&Next four weeks</b>, to {format_date(horizon)} ({len(snapshot.ahead)})")
        for table, note, text in (
            (self.overdue_table, self.overdue_note, "Nothing is overdue."),
            (self.ahead_table, self.ahead_note, "Nothing is due in the next four weeks."),
        ):
            empty = table.model().rowCount() == 0
            table.setVisible(not empty)
            note.setText(text)
            note.setVisible(empty)
        self._fit(self.areas_table, len(snapshot.areas), fixed=True)
        self._fit(self.overdue_table, min(len(snapshot.overdue), OVERDUE_ROWS_SHOWN))

    @staticmethod
    def _fit(table: QTableView, rows: int, *, fixed: bool = False) -> None:
        """No empty space under a short list; a long one scrolls."""
        height = table.horizontalHeader().sizeHint().height() + max(1, rows) * table.verticalHeader().defaultSectionSize()
        height += 2 * table.frameWidth()
        if fixed:
            table.setFixedHeight(height)
        else:
            table.setMaximumHeight(height)

    def open_item(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE)
        show = getattr(self.window(), "show_item", None)
        if show is None:
            return
        if isinstance(record, OverviewItem):
            choose_year = getattr(self.window(), "choose_year", None)
            if record.year is not None and choose_year is not None:
                choose_year(record.year)
            show(record.tab_key, record.record_id)
        elif isinstance(record, AreaLine):
            show(record.tab_key, None)
