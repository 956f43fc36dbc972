"""What the Invigilators tab's pages share: the series' data read once per refresh, a page
base class with its toolbar, and plain tables.

Invigilators' names, contact details and pay are personal data: they stay on this
screen and in the exports, which ask before writing; nothing here logs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QTableView, QToolBar, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Paper
from eoffice.domain import invigilators, requirement, roster, rooms, seating
from eoffice.domain.invigilators import Invigilator, RosterSettings
from eoffice.domain.requirement import Requirement
from eoffice.domain.rooms import Room
from eoffice.domain.roster import AssignmentRecord, Duty, Scope, scope_for
from eoffice.domain.years import SERIES_NAMES, AcademicYear
from eoffice.errors import EofficeError
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.widgets.tab_actions import add_tool_button, tab_action

Slot = tuple[date, str]


def run_dialog(dialog: QDialog) -> bool:
    """Tests replace this to fill a dialog without showing it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def exam_slots(session: Session, start: date, end: date) -> list[Slot]:
    """Every session with a paper between two dates: the sessions availability is asked for."""
    rows = session.execute(select(Paper.sat_on, Paper.session).where(Paper.sat_on >= start, Paper.sat_on <= end).distinct())
    return sorted((on, sess) for on, sess in rows)


def default_series(session: Session, year: AcademicYear, today: date) -> str:
    """The next series with exams still to come; else the last with exams; else Summer."""
    spans = {name: scope_for(year, name) for name in SERIES_NAMES}
    with_exams = [name for name, span in spans.items() if exam_slots(session, span.start, span.end)]
    coming = [name for name in with_exams if spans[name].end >= today]
    return (coming or with_exams or ["Summer"])[0]


class RosterData:
    """What the pages show for one series, each part read the first time a page asks for it
    and shared until the next change, so opening the tab reads only what is on screen."""

    def __init__(self, context: AppContext, series: str) -> None:
        self.context = context
        self.year, self.today, self.series = context.year, context.today, series
        self.span: Scope = scope_for(self.year, series)  # the whole series, past sessions too
        self._cache: dict[str, Any] = {}

    def _get(self, key: str, query: Callable[[Session], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = self.context.read(query)
        return self._cache[key]

    @property
    def start(self) -> date:
        return self.span.start

    @property
    def end(self) -> date:
        return self.span.end

    @property
    def compliance_date(self) -> date:
        """Today, within the year shown: the date the team table judges training and DBS on."""
        return min(max(self.today, self.year.start), self.year.end)

    @property
    def config(self) -> RosterSettings:
        return self._get("config", invigilators.roster_settings)  # type: ignore[no-any-return]

    @property
    def people(self) -> list[Invigilator]:
        return self._get("people", invigilators.invigilators)  # type: ignore[no-any-return]

    @property
    def rooms(self) -> list[Room]:
        return self._get("rooms", rooms.rooms)  # type: ignore[no-any-return]

    @property
    def slots(self) -> list[Slot]:
        return self._get("slots", lambda s: exam_slots(s, self.start, self.end))  # type: ignore[no-any-return]

    @property
    def requirements(self) -> list[Requirement]:
        config = self.config
        return self._get("needs", lambda s: requirement.requirements(s, self.start, self.end, config))  # type: ignore[no-any-return]

    @property
    def assignments(self) -> list[AssignmentRecord]:
        return self._get("assignments", lambda s: roster.assignments(s, self.start, self.end))  # type: ignore[no-any-return]

    @property
    def answers(self) -> invigilators.Answers:
        return self._get("answers", lambda s: invigilators.answers(s, self.start, self.end))  # type: ignore[no-any-return]

    @property
    def layout(self) -> dict[Slot, tuple[list[seating.Sitting], seating.SessionPlan]]:
        return self._get("layout", lambda s: seating.layout(s, self.start, self.end))  # type: ignore[no-any-return]

    @property
    def overrides(self) -> dict[Slot, set[int]]:
        """(date, session) -> candidates whose room the officer chose."""
        def read(session: Session) -> dict[Slot, set[int]]:
            stored = seating.stored_placements(session, self.start, self.end)
            return {slot: {c for c, (_room, own) in placed.items() if own} for slot, placed in stored.items()}

        return self._get("overrides", read)  # type: ignore[no-any-return]

    @property
    def duties(self) -> list[Duty]:
        return self._get("duties", lambda s: roster.duties(s, self.start, self.end))  # type: ignore[no-any-return]


def make_table(name: str, model: QAbstractItemModel, widths: Sequence[int] = (), *, sortable: bool = True) -> QTableView:
    """Uniform rows, no word wrap, rows selected whole."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    if sortable:
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def selected(table: QTableView) -> list[Any]:
    return [index.data(RECORD_ROLE) for index in table.selectionModel().selectedRows()]


def select_ids(table: QTableView, ids: set[int], *, focus: bool = False) -> bool:
    """Select the rows whose record has one of ``ids``; True when any was found."""
    model, selection = table.model(), table.selectionModel()
    selection.clear()
    first = None
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if getattr(index.data(RECORD_ROLE), "id", None) in ids:
            selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
            first = first or index
    if first is None:
        return False
    table.setCurrentIndex(first)
    selection.select(first, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    table.scrollTo(first)
    if focus:
        table.setFocus()
    return True


class RosterPage(QWidget):
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
        self.data: RosterData | None = None
        self.writes_allowed = True

    def load(self, data: RosterData) -> None:
        raise NotImplementedError

    def add_action(self, key: str, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None,
                   slot: Callable[[], object], *, writes: bool = True, toolbar: QToolBar | None = None) -> QAction:  # fmt: skip
        action = tab_action(self, text, shortcut, slot)
        action.setProperty("writes", writes)
        add_tool_button(toolbar or self.toolbar, action)
        self.actions[key] = action
        return action

    def enable_writes(self, allowed: bool | None = None) -> None:
        """Write actions off in a read-only window, and (``allowed`` False) while a solve runs."""
        if allowed is not None:
            self.writes_allowed = allowed
        allowed = self.writes_allowed
        for action in self.actions.values():
            action.setEnabled(not ((self.context.read_only or not allowed) and action.property("writes")))

    def attempt(self, title: str, change: Callable[[], object]) -> bool:
        try:
            change()
        except EofficeError as error:
            ask.error(self, title, str(error))
            return False
        return True
