"""A read-only table model over immutable domain records, and its filter proxy.

Rows are plain frozen records, as usdb_syncer keeps them: the model never talks to the
database, so sorting and filtering never run a query. A load replaces every row in one
reset; an edit replaces only the rows it changed (``replace_records``, through an
id-to-row map), so the view keeps its selection and scroll position and repaints one row.
Each row's cell text and search text are computed once, the first time the row is painted,
filtered or sorted by text, and kept: painting is a list lookup and filtering 50,000 rows is
a string scan, not 50,000 x columns formatting calls, and a load formats no row until one is
wanted (a page opening paints its first thirty).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Iterable, Sequence
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
# The roles as plain ints: ``data`` runs a dozen times per cell painted, and each
# ``Qt.ItemDataRole.X`` looked up there costs as much as the rest of the call.
DISPLAY, TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
BACKGROUND, ALIGNMENT = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.TextAlignmentRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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


def record_id(record: Any) -> Hashable:
    """The usual key of a row: its record's ``id``."""
    found: Hashable = record.id
    return found


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of records, each with its cells' text worked out once, when it arrives.

    ``set_rows`` replaces every row in one reset (a load); ``replace_records`` changes only the
    rows whose records changed, found through an id-to-row map (``key``, a record's ``id`` by
    default), as usdb_syncer's song table does: an edit then repaints one row, and the view
    keeps its selection, current row and scroll position. ``order``, when given, is the order
    ``set_rows`` is given the rows in; ``replace_records`` keeps it (a binary search, a move).
    """

    def __init__(self, columns: Sequence[TableColumn[R]], parent: Any = None, *,
                 key: Callable[[R], Hashable] = record_id, order: Callable[[R], Any] | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._texters = tuple(c.text for c in self._columns)  # for ``_cells``: 1,800 rows x 11 columns on a load
        self._key = key
        # The order the rows come in (the domain's, e.g. by due date): where ``replace_records``
        # puts a new record, and moves one whose key changed. None: new ones at the end.
        self._kept_order = order
        self._rows: list[R] = []
        # Per row, each column's text, and all of them in one casefolded string for the filter:
        # None until the row is first painted, filtered or sorted by text (``_cells_of``).
        self._texts: list[list[str] | None] = []
        self._search: list[str | None] = []
        self._where: dict[Hashable, int] | None = None  # key -> row; built when first needed
        self._sort_keys: dict[int, list[Any]] = {}  # column -> each row's sort key; built when first sorted

    # --- loading and changing rows ---------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        """Every row at once (a whole load): one reset."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [None] * len(self._rows)  # worked out as each row is first wanted: see ``_cells_of``
        self._search = [None] * len(self._rows)
        self._changed()
        self.endResetModel()

    def replace_records(self, changed: Sequence[R], removed: Iterable[Hashable] = ()) -> None:
        """Put ``changed`` in place of the rows with the same keys, with ``dataChanged`` for
        just those rows; a record whose key has no row yet is inserted (``_place`` says where),
        and the rows whose keys are in ``removed`` are taken out. Never a reset, so the view's
        selection and scroll position stay."""
        gone = {k for k in removed if k in self._index()}
        if gone:
            self._remove_rows(self._index()[k] for k in gone)
        fresh: list[R] = []
        updated: list[int] = []
        for record in changed:
            row = self._index().get(self._key(record))
            if row is None:
                fresh.append(record)
            else:
                self._store(row, record)
                updated.append(row)
        if updated:
            self._changed(moved=False)
            for first, last in _runs(sorted(set(updated))):
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
            self._settle(updated)
        for record in fresh:
            row = self._place(record)
            self.beginInsertRows(QModelIndex(), row, row)
            cells = self._cells(record)
            self._rows.insert(row, record)
            self._texts.insert(row, cells)
            self._search.insert(row, " ".join(cells).casefold())
            self._changed()
            self.endInsertRows()

    def _remove_rows(self, rows: Iterable[int]) -> None:
        for first, last in reversed(_runs(sorted(rows))):  # from the bottom up: the rows above keep their numbers
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1], self._texts[first:last + 1], self._search[first:last + 1]
            self._changed()
            self.endRemoveRows()

    def _store(self, row: int, record: R) -> None:
        cells = self._cells(record)
        self._rows[row], self._texts[row], self._search[row] = record, cells, " ".join(cells).casefold()

    def _cells(self, record: R) -> list[str]:
        return [text(record) for text in self._texters]

    def _cells_of(self, row: int) -> list[str]:
        """A row's cell texts, worked out the first time they are wanted and kept. A load leaves
        them to now: opening a page paints its first thirty rows, so 1,800 candidates' eleven
        texts each would be most of its Python work, for rows nobody has scrolled to. The
        first filter or sort by a text column works out the rest, once."""
        cells = self._texts[row]
        if cells is None:
            cells = self._texts[row] = self._cells(self._rows[row])
        return cells

    def _index(self) -> dict[Hashable, int]:
        if self._where is None:
            key = self._key
            self._where = {key(r): i for i, r in enumerate(self._rows)}
        return self._where

    def _order(self) -> tuple[Callable[[R], Any], bool] | None:
        """The key the rows are kept in order by, and whether it runs backwards; None: no order
        kept (a new record goes at the end, a changed one stays where it is)."""
        return None if self._kept_order is None else (self._kept_order, False)

    def _place(self, record: R, rows: Sequence[R] | None = None) -> int:
        """A new record goes where the sort puts it (after its equals, as a stable sort would)."""
        rows = self._rows if rows is None else rows
        order = self._order()
        if order is None:
            return len(rows)
        key, backwards = order
        wanted = key(record)
        low, high = 0, len(rows)
        while low < high:  # a binary search: a handful of key calls, not one per row
            middle = (low + high) // 2
            here = key(rows[middle])
            if (wanted < here) if not backwards else (here < wanted):
                high = middle
            else:
                low = middle + 1
        return low

    def _settle(self, rows: Sequence[int]) -> None:
        """A replaced row whose sort key changed moves to its place (``beginMoveRows``, not a reset)."""
        order = self._order()
        if order is None:
            return
        key, backwards = order

        def before(a: Any, b: Any) -> bool:
            return bool(b < a) if backwards else bool(a < b)

        for record in [self._rows[row] for row in rows]:
            row = self._index()[self._key(record)]
            mine = key(record)
            if not ((row > 0 and before(mine, key(self._rows[row - 1])))
                    or (row + 1 < len(self._rows) and before(key(self._rows[row + 1]), mine))):
                continue  # still in order
            target = self._place(record, self._rows[:row] + self._rows[row + 1:])  # its row once taken out
            if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target if target < row else target + 1):
                continue
            self._rows.insert(target, self._rows.pop(row))
            self._texts.insert(target, self._texts.pop(row))
            self._search.insert(target, self._search.pop(row))
            self._changed()
            self.endMoveRows()

    def _changed(self, *, moved: bool = True) -> None:
        """The rows changed (``moved``: came, went or moved, else replaced in place): what is
        worked out from them goes, and a subclass hears of it."""
        if moved:
            self._where = None
        self._sort_keys = {}
        self._rows_changed()

    def _rows_changed(self) -> None:
        """Called after the rows change and before the views hear of it (for per-row lists
        a subclass keeps beside the rows)."""

    # --- reading ---------------------------------------------------------------------------

    def record(self, row: int) -> R:
        return self._rows[row]

    def records(self) -> list[R]:
        """Every row's record, in the model's order (a copy)."""
        return list(self._rows)

    def row_of(self, key: Hashable) -> int | None:
        """The row showing the record with this key, or None."""
        return self._index().get(key)

    def key_of(self, record: R) -> Hashable:
        return self._key(record)

    def sort_key(self, row: int, column: int) -> Any:
        """The value a row sorts by in a column (``SORT_ROLE``): the column's ``sort_key``, else its
        text ignoring case. Worked out for the whole column the first time it is sorted, so the
        proxy's thousands of comparisons are list lookups, not calls through ``data()``."""
        keys = self._sort_keys.get(column)
        if keys is None:
            spec = self._columns[column]
            if spec.sort_key is not None:
                keys = [spec.sort_key(r) for r in self._rows]
            else:
                keys = [self._cells_of(row)[column].casefold() for row in range(len(self._rows))]
            self._sort_keys[column] = keys
        return keys[row]

    def search_text(self, row: int) -> str:
        found = self._search[row]
        if found is None:
            found = self._search[row] = " ".join(self._cells_of(row)).casefold()
        return found

    def cell_text(self, row: int, column: int) -> str:
        """A cell's text as shown, worked out the first time its row was wanted."""
        return self._cells_of(row)[column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        return self.value(index.row(), index.column(), role)  # an invalid index has row -1: None

    def value(self, row: int, column: int, role: int) -> Any:
        """What ``data`` answers for a cell, from its row and column: a proxy that knows the
        row (``AccessProxy``) asks here without making a model index, which costs two calls
        back into Python (``rowCount``, ``columnCount``) per role of every cell painted."""
        if not 0 <= row < len(self._rows):
            return None
        if role == DISPLAY:
            return (self._texts[row] or self._cells_of(row))[column]
        if role == TOOLTIP:  # the whole text of a cell cut short, wrapped
            return rich_tip(self._cells_of(row)[column])
        record, spec = self._rows[row], self._columns[column]
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == RECORD_ROLE:
            return record
        if role == BACKGROUND and spec.background is not None:
            return spec.background(record)
        if role == ALIGNMENT and spec.align_right:
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
                return self._columns[section].header
        return None


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of neighbours: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    found: list[tuple[int, int]] = []
    for row in rows:
        if found and row == found[-1][1] + 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found


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
        row_filter = self.row_filter
        if not row_filter.words and row_filter.predicate is None:  # nothing asked: every row, at once (a load asks per row)
            return True
        model = self.sourceModel()
        return not isinstance(model, RecordTableModel) or row_filter.accepts(model, source_row)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):  # straight from its list of keys, not through data()
            a, b = model.sort_key(left.row(), left.column()), model.sort_key(right.row(), right.column())
        else:
            a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:  # None beside a value: blanks sort first
            return a is None and b is not None
