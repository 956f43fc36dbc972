"""The key dates list grouped by month: the month written on its first row only, and a rule
above it. Kept apart from the tab, which only sets them on its table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from eoffice.ui.models.keydates_table import MONTH


def starts_month(index: QModelIndex | QPersistentModelIndex) -> bool:
    """True for the first row of a month, in the order the list shows (sorted and filtered)."""
    if index.row() == 0:
        return True
    month = index.sibling(index.row(), MONTH)
    return bool(month.sibling(index.row() - 1, MONTH).data() != month.data())


class MonthGroupDelegate(QStyledItemDelegate):
    """Groups the list by month: the month is written on its first row only. The model keeps
    the month on every row, for sorting and screen readers. Set on the Month column alone, so
    the other cells paint in Qt's own code, not through Python."""

    starts_month = staticmethod(starts_month)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() == MONTH:
            if starts_month(index):
                option.font.setBold(True)
            else:
                option.text = ""


class MonthRules(QObject):
    """A rule across the list above each month's first row, drawn once per paint of the
    list, after its cells (a delegate on every cell would run Python for each of them)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or watched is not self.table.viewport():
            return False
        self.table.viewportEvent(event)  # the cells, as Qt paints them
        self._draw(self.table.viewport())
        return True

    def _draw(self, viewport: QWidget) -> None:
        model, table = self.table.model(), self.table
        first = table.rowAt(0)
        if first < 0:
            return
        last = table.rowAt(viewport.height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        painter = QPainter(viewport)
        painter.setPen(viewport.palette().color(QPalette.ColorRole.Mid))
        for row in range(max(1, first), last + 1):
            if starts_month(model.index(row, MONTH)):
                y = table.rowViewportPosition(row)
                painter.drawLine(0, y, viewport.width(), y)
        painter.end()
