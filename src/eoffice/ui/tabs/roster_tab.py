"""The Invigilators tab: the team and their availability, rooms, seating, the roster grid and
each person's load for one exam series, and the auto-roster.

It reads through the domain (``invigilators``, ``rooms``, ``seating``, ``roster``) and
changes records only through ``roster_commands``, so every edit can be undone. The
auto-roster re-seats candidates and reads its problem here, solves in the background
(``SolveRunner``: progress, Cancel) and applies the re-seating and the answer as one
undoable step, keeping locked assignments and the officer's own choices of room.

Stored seating stays put between solves, so a printed seating plan does not shift.
When an arrangement, an entry or a room changes, a notice above the pages says the
seating is out of date and offers to re-seat in one click (also undoable). Whether it is
comes from the series' seating, read a day of exams at a time once the tab has painted and
while it is on screen (``RosterData.read_ahead_step``), so opening the tab never waits
for it and the window answers between days.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import roster
from eoffice.domain.roster import Scope, SolveResult, default_series, scope_for, slot_label
from eoffice.domain.words import plural
from eoffice.domain.years import SERIES_NAMES, AcademicYear
from eoffice.errors import EofficeError
from eoffice.ui import areas, commands, hotkeys, roster_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.solve_runner import SolveOutcome, SolveRunner
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.tabs.roster_common import FORGETS, RosterData, RosterPage
from eoffice.ui.tabs.roster_grid import GridPage
from eoffice.ui.tabs.roster_load import LoadPage
from eoffice.ui.tabs.roster_people import TeamPage
from eoffice.ui.tabs.roster_rooms import RoomsPage, SeatingPage
from eoffice.ui.widgets.stand_in import put_in_place

PAGE_TYPES: tuple[type[RosterPage], ...] = (TeamPage, RoomsPage, SeatingPage, GridPage, LoadPage)
TEAM, ROOMS, SEATING, GRID, LOAD = range(len(PAGE_TYPES))
# Changes in these areas cannot alter what the tab shows.
UNRELATED_AREAS = frozenset({areas.PLAN, areas.STANDARDS, areas.KEYDATES})
# Amber, as for "due soon": something to act on, said in words beside the colour.
NOTICE_STYLE = "QFrame#seatingNotice { background: rgba(245, 158, 11, 70); border-radius: 4px; }"
NOTICE = "Personal data: names, contact details and pay stay on this screen; the roster exports ask before writing."


def _embolden(button: QPushButton, on: bool) -> None:
    font = button.font()
    font.setBold(on)
    button.setFont(font)


class RosterTab(AreaTab):
    watches = areas.EVERY - UNRELATED_AREAS

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Invigilators and roster")
        # A page is built the first time it is shown (``page``): until then the stack holds an
        # empty stand-in in its place, so opening the tab builds the Team page alone.
        self._built: dict[int, RosterPage] = {}
        self.data: RosterData | None = None
        self.stale: set[int] = set()
        self.stack = QStackedWidget()
        self.buttons = QButtonGroup(self)
        switch = QHBoxLayout()
        for index, kind in enumerate(PAGE_TYPES):
            stand_in = QWidget()
            stand_in.setAccessibleName(kind.name)
            self.stack.addWidget(stand_in)
            button = QPushButton(kind.title)
            button.setCheckable(True)
            button.toggled.connect(lambda on, b=button: _embolden(b, on))
            button.setAccessibleName(kind.name)
            button.setToolTip(f"Show the {kind.name.lower()}")
            self.buttons.addButton(button, index)
            switch.addWidget(button)
        self.buttons.idClicked.connect(self.show_page)
        self.series = QComboBox()
        self.series.setAccessibleName("Exam series")
        series_label = QLabel("Se&ries:")
        series_label.setBuddy(self.series)
        self.series.currentIndexChanged.connect(lambda _i: self.refresh())
        self.solve_button = QPushButton("So&lve…")
        self.solve_button.setAccessibleName("Auto-roster the series")
        self.solve_button.setToolTip("Roster invigilators to every room in use from today on, keeping locked assignments "
                                     f"({hotkeys.SOLVE_ROSTER.toString()})")  # fmt: skip
        self.solve_button.clicked.connect(self.solve)
        solve_action = QAction("Auto-roster", self)
        solve_action.setShortcut(hotkeys.SOLVE_ROSTER)
        solve_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        solve_action.triggered.connect(self.solve)
        self.addAction(solve_action)
        switch.addSpacing(16)
        switch.addWidget(series_label)
        switch.addWidget(self.series)
        switch.addWidget(self.solve_button)
        switch.addStretch(1)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Auto-roster progress")
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Auto-roster status")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the auto-roster")
        self.cancel_button.clicked.connect(self.cancel_solve)
        self.cancel_button.setShortcut(hotkeys.CANCEL_SOLVE)  # only while it shows, during a solve
        self.cancel_button.setToolTip(f"Stop the auto-roster; nothing is changed ({hotkeys.CANCEL_SOLVE.toString()})")
        self.busy = QWidget()
        busy = QHBoxLayout(self.busy)
        busy.setContentsMargins(0, 0, 0, 0)
        busy.addWidget(self.progress_label)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self.busy.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Invigilators summary")
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.stale_label.setAccessibleName("Seating out of date")
        self.reseat_button = QPushButton("Re-seat n&ow")
        self.reseat_button.setAccessibleName("Re-seat candidates")
        self.reseat_button.setToolTip("Seat candidates afresh from today, as the auto-roster does first; your own "
                                      "choices of room stay. You can undo this with Ctrl+Z.")  # fmt: skip
        self.reseat_button.clicked.connect(self.reseat)
        self.seating_notice = QFrame()
        self.seating_notice.setObjectName("seatingNotice")
        self.seating_notice.setAccessibleName("Seating notice")
        self.seating_notice.setStyleSheet(NOTICE_STYLE)
        notice_row = QHBoxLayout(self.seating_notice)
        notice_row.setContentsMargins(8, 4, 8, 4)
        notice_row.addWidget(self.stale_label, 1)
        notice_row.addWidget(self.reseat_button)
        self.seating_notice.hide()
        notice = QLabel(NOTICE)
        notice.setWordWrap(True)
        notice.setAccessibleName("Personal data notice")
        notice.setStyleSheet("color: palette(mid);")

        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(self.summary)
        layout.addWidget(self.seating_notice)
        layout.addWidget(self.busy)
        layout.addWidget(self.stack, 1)
        layout.addWidget(notice)

        self.runner = SolveRunner(self)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._solved)
        self._scope: Scope | None = None
        self._changed_while_solving = False
        self.stack.currentChanged.connect(self._load)  # a page shown any way (a shortcut, a test) is filled
        self._seating_check_queued = False
        self._seating_steps = QTimer(self, interval=0)  # a day of seating read whenever the window is idle
        self._seating_steps.timeout.connect(self._read_ahead)
        self._notice_for: RosterData | None = None  # the data the seating notice was last shown for
        self.buttons.button(0).setChecked(True)
        self._fill_series()
        self.follow_changes()

    # --- loading -----------------------------------------------------------------------------------

    def _fill_series(self) -> None:
        year, today = self.context.year, self.context.today
        chosen = self.context.read(lambda s: default_series(s, year, today))
        self.series.blockSignals(True)
        self.series.clear()
        for name in SERIES_NAMES:
            self.series.addItem(scope_for(year, name).label, name)
        self.series.setCurrentIndex(max(0, self.series.findData(chosen)))
        self.series.blockSignals(False)

    def year_changed(self, year: AcademicYear) -> None:
        self._fill_series()
        super().year_changed(year)

    def refresh_when_seen(self) -> None:
        if self.runner.running:
            self._changed_while_solving = True
        super().refresh_when_seen()

    def refresh(self) -> None:
        """New data for the page on screen; the others when they are next shown. After an edit
        here that says what it touched and cannot move candidates (``FORGETS``: an assignment,
        an invigilator, their availability), the same data with just those parts read again:
        the series' seating stays, and the pages update the rows that changed."""
        series = self.series.currentData() or "Summer"
        touched = commands.touched(self.context, areas.ROSTER)
        data = self.data
        if (touched is not None and touched.kind in FORGETS and data is not None and data.series == series
                and data.year == self.context.year and data.today == self.context.today):
            data.touched(touched.kind, touched.ids)
        else:
            self.data = data = RosterData(self.context, series)
            self._queue_seating_read()
        self.stale = set(range(len(PAGE_TYPES)))
        self._load(self.stack.currentIndex())
        people = [p for p in data.people if p.active]
        self.summary.setText(f"{data.span.label}, {data.start:%d/%m/%Y} to {data.end:%d/%m/%Y}: "
                             f"{len(people)} active invigilators, {len(data.rooms)} rooms, "
                             f"{len(data.slots)} exam sessions.")  # fmt: skip
        self.solve_button.setEnabled(not (self.context.read_only or self.runner.running))

    def _queue_seating_read(self) -> None:
        """The series' seating (about a second at ten times a large school) is read a day at a
        time from after the tab has painted, once however many refreshes came first."""
        if not self._seating_check_queued:
            self._seating_check_queued = True
            QTimer.singleShot(0, self, self._start_seating_read)  # dropped if the tab is gone

    def _start_seating_read(self) -> None:
        self._seating_check_queued = False
        if self.isVisible():
            self._seating_steps.start()

    def _read_ahead(self) -> None:
        data = self.data
        finished = data is None or data.read_ahead_step()
        if data is not None and data.seating_ready and self._notice_for is not data:
            self._show_seating_state()  # as soon as the seating is in
        if finished:
            self._seating_steps.stop()

    def wait_for_seating(self) -> None:
        """The seating notice as it will be, now: the seating not read yet is read at once (tests, bench)."""
        self._seating_steps.stop()
        self._seating_check_queued = False
        if self.data is not None:
            self._show_seating_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.data is not None and not self.data.read_ahead_done and not self._seating_check_queued:
            self._seating_steps.start()  # carry on where it stopped when the tab was hidden

    def hideEvent(self, event: QHideEvent) -> None:
        self._seating_steps.stop()  # no reading for a tab nobody sees
        super().hideEvent(event)

    # --- the pages, each built when first shown ------------------------------------------------------

    def page(self, index: int) -> RosterPage:
        """The page, built now if it was not yet, in its stand-in's place."""
        found = self._built.get(index)
        if found is None:
            found = self._built[index] = PAGE_TYPES[index](self.context)
            put_in_place(self.stack, index, found)
            found.enable_writes(not self.runner.running)
        return found

    @property
    def pages(self) -> list[RosterPage]:
        """Every page (each built, if it was not yet)."""
        return [self.page(index) for index in range(len(PAGE_TYPES))]

    @property
    def team(self) -> TeamPage:
        return cast(TeamPage, self.page(TEAM))

    @property
    def rooms(self) -> RoomsPage:
        return cast(RoomsPage, self.page(ROOMS))

    @property
    def seating(self) -> SeatingPage:
        return cast(SeatingPage, self.page(SEATING))

    @property
    def grid(self) -> GridPage:
        return cast(GridPage, self.page(GRID))

    @property
    def load_page(self) -> LoadPage:
        return cast(LoadPage, self.page(LOAD))

    def _load(self, index: int) -> None:
        page = self.page(index)
        if index in self.stale and self.data is not None:
            self.stale.discard(index)
            page.load(self.data)
            page.enable_writes(not self.runner.running)

    def show_page(self, index: int) -> None:
        self.buttons.button(index).setChecked(True)
        self.stack.setCurrentIndex(index)
        self._load(index)

    def select_record(self, invigilator_id: int) -> bool:
        """Show and select one invigilator in the team (the Overview opens items here)."""
        self.show_page(TEAM)
        return self.team.select(invigilator_id)

    # --- seating out of date -------------------------------------------------------------------------

    def _reseat_scope(self) -> Scope | None:
        """The dates a re-seat (and an auto-roster) covers: the series shown, from today on."""
        try:
            return scope_for(self.context.year, self.series.currentData() or "Summer", today=self.context.today)
        except EofficeError:
            return None  # the series is over: its seating is history

    def _show_seating_state(self) -> None:
        """The notice, when stored seating from today on is no longer what seating would choose."""
        scope, data = self._reseat_scope(), self.data
        self._notice_for = data
        stale: list[tuple[date, str]] = []
        if scope is not None and data is not None:
            stale = [slot for slot in data.stale_seating if scope.start <= slot[0] <= scope.end]
        self.seating_notice.setVisible(bool(stale))
        if not stale:
            return
        what = f"{plural(len(stale), 'session')} from {slot_label(*stale[0])}"
        self.stale_label.setText(
            f"⚠ Seating is out of date for {what}: an arrangement, an entry or a room has changed since candidates "
            "were seated, so Seating and the roster grid still show the old rooms. Re-seat now, or Solve, which "
            "re-seats first; your own choices of room stay.")  # fmt: skip
        self.reseat_button.setEnabled(not (self.context.read_only or self.runner.running))

    def reseat(self) -> None:
        scope = self._reseat_scope()
        if scope is None or self.runner.running or self.context.read_only:
            return
        try:
            roster_commands.reseat(self.context, scope)
        except EofficeError as error:
            ask.error(self, "Not re-seated", str(error))

    # --- the auto-roster -----------------------------------------------------------------------------

    def solve(self) -> None:
        if self.runner.running or self.context.read_only:
            return
        year, series, today = self.context.year, self.series.currentData() or "Summer", self.context.today
        try:
            scope = scope_for(year, series, today=today)
        except EofficeError as error:
            ask.error(self, "Nothing to roster", str(error))
            return
        if not ask.confirm(self, "Auto-roster", f"Roster {scope.label} from {scope.start:%d/%m/%Y}? Candidates are "
                           "re-seated first (your own choices of room stay); locked assignments stay; the others in "
                           "those dates are replaced. You can undo this with Ctrl+Z."):  # fmt: skip
            return
        try:  # re-seated in a session that is thrown away: the apply re-seats again, in its undoable step
            needs, people, fixed = self.context.read(lambda s: roster.prepare_solve(s, scope))
        except EofficeError as error:
            ask.error(self, "Auto-roster not started", str(error))
            return
        if not needs:
            ask.info(self, "Nothing to roster", f"No rooms are in use in {scope.label} from {scope.start:%d/%m/%Y}: "
                     "add the timetable and entries first.")  # fmt: skip
            return
        self._scope, self._changed_while_solving = scope, False
        self._set_solving(True)
        seconds = self.data.config.solver_seconds if self.data else 10.0
        self.progress_label.setText(f"Auto-roster of {scope.label}: starting…")
        self.runner.start(needs, people, fixed, max_seconds=seconds)

    def cancel_solve(self) -> None:
        if self.runner.running:
            self.progress_label.setText("Cancelling…")
            self.runner.cancel()

    def _set_solving(self, on: bool) -> None:
        self.busy.setVisible(on)
        self.cancel_button.setEnabled(on)
        self.series.setEnabled(not on)
        self.solve_button.setEnabled(not on and not self.context.read_only)
        self.reseat_button.setEnabled(not on and not self.context.read_only)
        for page in self._built.values():
            page.enable_writes(not on)

    def _progress(self, seconds: float, limit: float) -> None:
        self.progress.setRange(0, max(1, round(limit * 10)))
        self.progress.setValue(min(self.progress.maximum(), round(seconds * 10)))
        if not self.runner.cancelled and self._scope is not None:
            self.progress_label.setText(f"Auto-roster of {self._scope.label}: {seconds:.0f} s, stops by {limit:.0f} s")

    def _solved(self, outcome: SolveOutcome) -> None:
        self._set_solving(False)
        scope = self._scope
        if outcome.cancelled or scope is None:
            self.summary.setText("Auto-roster cancelled: the roster was not changed.")
            return
        if outcome.error or outcome.result is None:
            ask.error(self, "Auto-roster failed", f"The solver stopped with an error: {outcome.error}. Nothing was changed.")
            return
        if self._changed_while_solving:
            ask.error(self, "Auto-roster not applied", "The roster changed while the solver was working, so its answer "
                      "was not applied. Solve again.")  # fmt: skip
            return
        result = outcome.result
        if not self._apply(scope, result):
            return
        self.grid.show_result(result, scope.label)
        self.stale.add(GRID)  # its cells take the shortfall reasons
        self.show_page(GRID)

    def _apply(self, scope: Scope, result: SolveResult) -> bool:
        try:
            roster_commands.apply_solve(self.context, scope, result)
        except EofficeError as error:
            ask.error(self, "Auto-roster not applied", str(error))
            return False
        return True
