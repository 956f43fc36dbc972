"""Columns and filters for the plan's table and board, over ``plan.Task`` records."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor

from eoffice.domain.dates import format_date
from eoffice.domain.plan import DATE_RULES, DUE_SOON, OVERDUE, OWNERS, PHASES, STATUSES, UNCOUNTED, Task
from eoffice.ui import colours
from eoffice.ui.models.record_table import RecordTableModel, RowFilter, TableColumn


def flag_colour(task: Task, today: date) -> QColor | None:
    flag = task.urgency(today)
    if flag == OVERDUE:
        return colours.OVERDUE
    if flag == DUE_SOON:
        return colours.DUE_SOON
    if task.status == "done":
        return colours.DONE
    if task.status in UNCOUNTED:  # not applicable, or before eoffice: grey
        return colours.NOT_APPLICABLE
    return None


def plan_columns(today: date) -> list[TableColumn[Task]]:
    def tint(task: Task) -> QColor | None:
        return flag_colour(task, today)

    return [
        TableColumn("Due", lambda t: format_date(t.due), sort_key=lambda t: (t.due, t.id)),
        TableColumn("Task", lambda t: t.title),
        TableColumn("Phase", lambda t: PHASES[t.phase], sort_key=lambda t: list(PHASES).index(t.phase)),
        TableColumn("Owner", lambda t: OWNERS[t.owner]),
        TableColumn("Status", lambda t: STATUSES[t.status], sort_key=lambda t: list(STATUSES).index(t.status), background=tint),
        TableColumn("Flag", lambda t: t.urgency(today) or "", background=tint),
        TableColumn("Start", lambda t: format_date(t.start), sort_key=lambda t: t.start),
        TableColumn("Rule", lambda t: DATE_RULES[t.date_rule]),
        TableColumn("Notes", lambda t: t.notes.replace("\n", " ")),
    ]


class PlanModel(RecordTableModel[Task]):
    def __init__(self, today: date, parent: object = None) -> None:
        super().__init__(plan_columns(today), parent, order=lambda t: (t.fields.due, t.id))  # as ``plan.tasks``
        self.today = today
        self.months: list[tuple[int, int]] = []

    def _rows_changed(self) -> None:
        # Before the views hear of it: the board's months filter by this list.
        self.months = [(t.fields.due.year, t.fields.due.month) for t in self._rows]


class MonthProxy(QSortFilterProxyModel):
    """One month's column of the board, straight over the model with the table's filter.

    Reading the month from a list, not through ``data()``, keeps twelve columns of
    thousands of tasks cheap to filter.
    """

    def __init__(self, year: int, month: int, row_filter: RowFilter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.year, self.month = year, month
        self.row_filter = row_filter
        # An edited task is filtered again: a due date moved to another month moves its card,
        # a task marked done leaves "Still to do". The board never sorts, so this costs no sort.
        self.setDynamicSortFilter(True)

    def set_month(self, year: int, month: int) -> None:
        if (year, month) == (self.year, self.month):
            return
        self.beginFilterChange()
        self.year, self.month = year, month
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refilter(self) -> None:
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PlanModel)
        return model.months[source_row] == (self.year, self.month) and self.row_filter.accepts(model, source_row)
