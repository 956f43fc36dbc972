"""A page of records inside a tab, as the Access arrangements and Invigilators tabs build them:
a toolbar of actions that go grey in a read-only window, a table that stays smooth with
thousands of rows, and ``load(data)`` to show what the tab read for its latest refresh.

The two tabs once kept twin copies of all this; the part that is theirs alone (what they
read, their filters and dialogs) stays in ``tabs/access_common.py`` and ``tabs/roster_common.py``.
Nothing here logs: the records shown are candidates' needs and invigilators' personal data.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolBar, QWidget

from eoffice.errors import EofficeError
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.widgets.abstract_widget import AbstractWidgetMeta
from eoffice.ui.widgets.columns import STRETCH_LEAST, fit_columns
from eoffice.ui.widgets.tab_actions import Shortcut, add_tool_button, tab_action

if TYPE_CHECKING:  # the Overview's tables are made here before SQLAlchemy loads (``eoffice.db.plain``)
    from sqlalchemy.orm import Session

DataT = TypeVar("DataT", bound="PageData")
T = TypeVar("T")


class PageData:
    """What a tab's pages show, each part read the first time a page asks for it and shared
    until the next change, so opening a tab reads only what is on screen. A tab subclasses
    it with one property per part, each calling ``_get`` with its own key."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.year, self.today = context.year, context.today
        self._cache: dict[str, Any] = {}

    def _get(self, key: str, query: Callable[[Session], T]) -> T:
        if key not in self._cache:
            self._cache[key] = self.context.read(query)
        found: T = self._cache[key]  # what ``query`` read for this key
        return found


def make_table(name: str, model: QAbstractItemModel, widths: Sequence[int] = (), *, stretch: int | Sequence[int] | None = None,
               secondary: Sequence[int] = (), least: int = STRETCH_LEAST, single: bool = False,
               sorting: bool = True) -> QTableView:
    """The one table maker. Uniform row heights, no word wrap, rows selected whole: smooth
    with thousands of rows. The last column takes the spare width unless ``stretch`` names
    another (or others); ``secondary`` columns step aside when the window is narrow, and the
    header's right-click "Columns" menu shows or hides any column, remembered per table
    (``widgets.columns``). ``single``: one row chosen at a time; ``sorting`` False keeps the
    rows in the order given (a grid, a list by date)."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # rows come in their natural order
    table.setSortingEnabled(sorting)
    table.horizontalHeader().setMinimumSectionSize(36)
    fit_columns(table, widths, stretch=stretch, secondary=secondary, least=least)
    return table


def selected(table: QTableView) -> list[Any]:
    return [index.data(RECORD_ROLE) for index in table.selectionModel().selectedRows()]


def select_ids(table: QTableView, ids: set[int], *, focus: bool = False) -> bool:
    """Select the rows whose record has one of ``ids``; True when any was found. The first
    becomes current without dropping the others, so a reload keeps a whole selection."""
    model = table.model()
    selection = table.selectionModel()
    found = [index for index in (model.index(row, 0) for row in range(model.rowCount()))
             if getattr(index.data(RECORD_ROLE), "id", None) in ids]
    selection.clear()
    if not found:
        return False
    for index in found:
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    selection.setCurrentIndex(found[0], selection.SelectionFlag.NoUpdate)
    table.scrollTo(found[0])
    if focus:
        table.setFocus()
    return True




class RecordPage(QWidget, Generic[DataT], metaclass=AbstractWidgetMeta):
    """One page of a tab: a toolbar of actions, and ``load(data)`` to show fresh data.

    Actions made with ``writes=True`` change records: they are off in a read-only window,
    and while the tab holds writes back (``enable_writes(False)``, as during an auto-roster).
    """

    title = ""  # the button that shows the page
    name = ""  # its accessible name

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName(self.name)
        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]  # by key; hides QWidget.actions()
        self.toolbar = QToolBar(f"{self.name} actions")
        self.toolbar.setAccessibleName(f"{self.name} actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.data: DataT | None = None
        self.writes_allowed = True

    @abstractmethod
    def load(self, data: DataT) -> None:
        """Show ``data``, keeping the rows chosen where they are still there."""

    def add_action(self, key: str, text: str, shortcut: Shortcut, slot: Callable[[], object], *,
                   writes: bool = True, toolbar: QToolBar | None = None) -> QAction:
        action = tab_action(self, text, shortcut, slot)
        action.setProperty("writes", writes)
        add_tool_button(toolbar or self.toolbar, action)
        self.actions[key] = action
        return action

    def enable_writes(self, allowed: bool | None = None) -> None:
        """Write actions off in a read-only window, and while ``allowed`` was last given False."""
        if allowed is not None:
            self.writes_allowed = allowed
        blocked = self.context.read_only or not self.writes_allowed
        for action in self.actions.values():
            action.setEnabled(not (blocked and action.property("writes")))

    def attempt(self, title: str, change: Callable[[], object]) -> bool:
        """Run one change; an expected failure is told to the officer in plain words."""
        try:
            change()
        except EofficeError as error:
            ask.error(self, title, str(error))
            return False
        return True
