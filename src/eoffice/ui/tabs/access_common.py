"""What the Access arrangements tab's pages share: the data read once per refresh, a
page base class with its toolbar, and tables that stay smooth with thousands of rows.

Names and arrangement details are special category data: nothing here writes them to
a log or the status bar, and messages name candidates by number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QTableView,
    QToolBar,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import Candidate, Entry
from eoffice.domain import access, candidates, settings, timetable
from eoffice.domain.access import ArrangementRecord
from eoffice.domain.access_warnings import AccessWarning
from eoffice.domain.candidates import CandidateRecord
from eoffice.domain.timetable import PaperRecord
from eoffice.errors import EofficeError
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.models.access_models import AccessProxy
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.widgets.tab_actions import add_tool_button, tab_action

ALL = ""


def run_dialog(dialog: QDialog) -> bool:
    """Tests replace this to fill a dialog without showing it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class AccessData:
    """What the pages show, each part read the first time a page asks for it and
    shared until the next change, so opening the tab reads only what is on screen."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.year, self.today = context.year, context.today
        self._cache: dict[str, Any] = {}

    def _get(self, key: str, query: Callable[[Session], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = self.context.read(query)
        return self._cache[key]

    @property
    def people(self) -> list[CandidateRecord]:
        return self._get("people", candidates.candidates)  # type: ignore[no-any-return]

    @property
    def names(self) -> dict[int, str]:
        """Candidate id -> "Surname, Forenames"."""
        return self._get("names", candidate_names)  # type: ignore[no-any-return]

    @property
    def records(self) -> list[ArrangementRecord]:
        return self._get("records", access.arrangements)  # type: ignore[no-any-return]

    @property
    def warnings(self) -> list[AccessWarning]:
        year, today, records = self.year, self.today, self.records
        return self._get("warnings", lambda s: access.warnings(s, year, today, records))  # type: ignore[no-any-return]

    @property
    def entries(self) -> tuple[dict[int, int], dict[int, int]]:
        """Entries per candidate id and per paper id."""
        return self._get("entries", entry_counts)  # type: ignore[no-any-return]

    @property
    def papers(self) -> list[PaperRecord]:
        year = self.year
        return self._get("papers", lambda s: timetable.papers(s, year))  # type: ignore[no-any-return]

    @property
    def expiry_months(self) -> int:
        return int(self._get("months", lambda s: settings.get(s, "access.expiry_months")))

    @property
    def starts(self) -> dict[str, int]:
        return self._get("starts", lambda s: {x: timetable.default_start(s, x) for x in ("AM", "PM")})  # type: ignore[no-any-return]


def candidate_names(session: Session) -> dict[int, str]:
    """Names only, as ``CandidateRecord.name`` writes them: the register needs nothing more,
    and reading 2,000 whole candidate records for it would slow the tab's opening."""
    query = select(Candidate.id, Candidate.surname, Candidate.forenames)
    return {cid: f"{surname}, {forenames}" for cid, surname, forenames in session.execute(query)}


def entry_counts(session: Session) -> tuple[dict[int, int], dict[int, int]]:
    """Entries per candidate and per paper, as two grouped counts: a read the domain does
    not offer, and fetching a large centre's 20,000 entry pairs only to count them is slow."""
    by_candidate = select(Entry.candidate_id, func.count()).group_by(Entry.candidate_id)
    by_paper = select(Entry.paper_id, func.count()).group_by(Entry.paper_id)
    return ({c: n for c, n in session.execute(by_candidate)}, {p: n for p, n in session.execute(by_paper)})


def make_table(name: str, proxy: AccessProxy, widths: Sequence[int], stretch: int | None = None) -> QTableView:
    """Uniform row heights, no word wrap, rows selected whole: smooth with thousands of rows."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # rows come in their natural order
    table.setSortingEnabled(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(36)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


def filter_combo(options: dict[str, str], first: str, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, ALL)
    for key, label in options.items():
        combo.addItem(label, key)
    return combo


def selected(table: QTableView) -> list[Any]:
    return [index.data(RECORD_ROLE) for index in table.selectionModel().selectedRows()]


def select_ids(table: QTableView, ids: set[int], *, focus: bool = False) -> bool:
    """Select the rows whose record has one of ``ids``; True when any was found."""
    proxy = table.model()
    selection = table.selectionModel()
    found = [index for index in (proxy.index(row, 0) for row in range(proxy.rowCount()))
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


class AccessPage(QWidget):
    """One page of the tab: a toolbar of actions, and ``load(data)`` to show fresh data."""

    title = ""  # the button that shows the page
    name = ""  # its accessible name

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName(self.name)
        self.actions: dict[str, QAction] = {}
        self.toolbar = QToolBar(f"{self.name} actions")
        self.toolbar.setAccessibleName(f"{self.name} actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def load(self, data: AccessData) -> None:
        raise NotImplementedError

    def add_action(self, key: str, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None,
                   slot: Callable[[], object], *, writes: bool = True) -> QAction:
        action = tab_action(self, text, shortcut, slot)
        action.setProperty("writes", writes)
        add_tool_button(self.toolbar, action)
        self.actions[key] = action
        return action

    def enable_writes(self) -> None:
        for action in self.actions.values():
            action.setEnabled(not (self.context.read_only and action.property("writes")))

    def attempt(self, title: str, change: Callable[[], object]) -> bool:
        try:
            change()
        except EofficeError as error:
            ask.error(self, title, str(error))
            return False
        return True
