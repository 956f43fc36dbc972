"""The month-by-month board: September to August side by side, like the office whiteboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.plan import OVERDUE, STATUSES, Task
from eoffice.domain.years import AcademicYear
from eoffice.ui.models.plan_table import MonthProxy, PlanModel, flag_colour
from eoffice.ui.models.record_table import RECORD_ROLE, RowFilter

MONTH_WIDTH = 190
MARKS = {"done": "✓ ", "not_applicable": "– ", "before_eoffice": "– "}


class CardDelegate(QStyledItemDelegate):
    """Shows a task as "07 Mon  Title" with its flag word and a tint; the model stays plain."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        task = index.data(RECORD_ROLE)
        if not isinstance(task, Task):
            return
        flag = task.urgency(self.today)
        mark = MARKS.get(task.status, "")
        # The date and the word for its state come first, so eliding a long title never
        # hides "OVERDUE": colour is never the only signal.
        if flag:
            state = f"⚠ {flag.upper()}" if flag == OVERDUE else f"◷ {flag}"
        else:
            state = "" if task.status == "not_started" else STATUSES[task.status]
        lines = [f"{task.due:%d %a}  {state}".rstrip(), f"{mark}{task.title}"]
        option.text = "\u2028".join(lines)  # a line break that word-wrapped item text keeps
        tint = flag_colour(task, self.today)
        if tint is not None:
            option.backgroundBrush = QBrush(tint)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(MONTH_WIDTH - 24, 3 * line + 8)


class BoardView(QScrollArea):
    taskActivated = Signal(object)

    def __init__(
        self, source: PlanModel, row_filter: RowFilter, year: AcademicYear, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Plan board, September to August")
        inner = QWidget()
        row = QHBoxLayout(inner)
        row.setSpacing(6)
        self.delegate = CardDelegate(today, self)
        self.columns: list[tuple[QLabel, QListView, MonthProxy]] = []
        for y, m in year.months():
            proxy = MonthProxy(y, m, row_filter, self)
            proxy.setSourceModel(source)
            heading = QLabel()
            heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            view = QListView()
            view.setModel(proxy)
            view.setModelColumn(1)
            view.setItemDelegate(self.delegate)
            view.setWordWrap(True)
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
            # Every card the same height (two lines of title, one of status): the view
            # then measures one card, not thousands. The full title is in the tooltip.
            view.setUniformItemSizes(True)
            view.setSpacing(2)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.activated.connect(lambda index: self.taskActivated.emit(index.data(RECORD_ROLE)))
            box = QVBoxLayout()
            box.addWidget(heading)
            box.addWidget(view, 1)
            holder = QWidget()
            holder.setLayout(box)
            holder.setFixedWidth(MONTH_WIDTH)
            row.addWidget(holder)
            self.columns.append((heading, view, proxy))
        self.setWidget(inner)
        self.set_year(year)

    def set_year(self, year: AcademicYear) -> None:
        for (_heading, view, proxy), (y, m) in zip(self.columns, year.months(), strict=True):
            proxy.set_month(y, m)
            name = date(y, m, 1).strftime("%B %Y")
            view.setAccessibleName(f"Tasks due in {name}")
        self.refresh_headings()

    def refilter(self) -> None:
        for _heading, _view, proxy in self.columns:
            proxy.refilter()
        self.refresh_headings()

    def refresh_headings(self) -> None:
        for heading, _view, proxy in self.columns:
            name = date(proxy.year, proxy.month, 1).strftime("%B %Y")
            heading.setText(f"<b>{name}</b> ({proxy.rowCount()})")

    def selected_tasks(self) -> list[Task]:
        found: list[Task] = []
        for _heading, view, _proxy in self.columns:
            for index in view.selectionModel().selectedIndexes():
                task = index.data(RECORD_ROLE)
                if isinstance(task, Task):
                    found.append(task)
        return found
