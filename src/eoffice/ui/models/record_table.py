"""A read-only table model over immutable domain records, and its filter proxy.

Rows are plain frozen records replaced in one reset, as usdb_syncer does: the model
never talks to the database, so sorting and filtering never run a query. Each row's
search text is computed once, when rows arrive, so filtering 50,000 rows is a string
scan, not 50,000 x columns formatting calls.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def rich_tip(text: str) -> str:
    """A cell's tooltip as rich text, which Qt word-wraps at a readable width: a long one (a
    clash's resolution, a warning in plain words, notes) no longer runs off the screen in one
    line. The words are escaped, so "<" and "&" show as typed; a line break stays one."""
    if not text:
        return ""
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


@dataclass(frozen=True)
class TableColumn(Generic[R]):
    header: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False
    background: Callable[[R], QColor | None] | None = None


class RecordTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[TableColumn[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._search: list[str] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [" ".join(c.text(r) for c in self._columns).casefold() for r in self._rows]
        self.endResetModel()

    def record(self, row: int) -> R:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        record, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell cut short, wrapped
            return rich_tip(column.text(record))
        if role == SORT_ROLE:
            key = column.sort_key(record) if column.sort_key else column.text(record).casefold()
            return key
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            return column.background(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
                return self._columns[section].header
        return None


class RowFilter:
    """What the officer has asked to see: every typed word, plus an optional test on the
    record. Shared by several proxies (the table and the board's months) so they agree."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.predicate: Callable[[Any], bool] | None = None

    def accepts(self, model: RecordTableModel[Any], row: int) -> bool:
        if self.predicate is not None and not self.predicate(model.record(row)):
            return False
        if not self.words:
            return True
        haystack = model.search_text(row)
        return all(word in haystack for word in self.words)


class TextFilterProxy(QSortFilterProxyModel):
    """Case-insensitive "every word appears somewhere in the row" filtering, plus sorting."""

    def __init__(self, parent: Any = None, row_filter: RowFilter | None = None) -> None:
        super().__init__(parent)
        self.row_filter = row_filter or RowFilter()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def set_text(self, text: str) -> None:
        words = text.casefold().split()
        if words == self.row_filter.words:
            return
        self.beginFilterChange()
        self.row_filter.words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra test on each record (phase, owner, status filters), beside the text."""
        self.beginFilterChange()
        self.row_filter.predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        return not isinstance(model, RecordTableModel) or self.row_filter.accepts(model, source_row)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:  # None beside a value: blanks sort first
            return a is None and b is not None
