"""The Access arrangements tab: the register, the candidates, the timetable, exam day,
the incident log and the warnings, as pages chosen from a row of buttons.

It reads through the domain (``access``, ``candidates``, ``timetable``, ``exam_day``)
and changes records only through ``access_commands``, so every edit can be undone.
Only the page on screen is built and filled; the others are built when first shown and
filled when first shown after a change, so the tab opens quickly for a centre of 2,000
candidates. An edit of arrangements reads those arrangements again and updates their rows
in the register (``refresh_arrangements``); any other change reads the tab again. After
either, once the window has been idle a moment, the Exam day page's one costly read is done
ahead for the session it would open on (``exam_day_ahead``), while the tab is on screen and
another page is shown.

Arrangements are special category (health) data: they stay on this screen. Nothing
here writes a name or an arrangement to a log or the status bar, and the exports in
File > Export ask before writing.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from eoffice.domain import access
from eoffice.domain.access import AccessWarning, ArrangementRecord
from eoffice.domain.words import plural
from eoffice.ui import access_commands, areas, commands
from eoffice.ui.context import AppContext
from eoffice.ui.tabs.access_arrangements import ArrangementsPage
from eoffice.ui.tabs.access_candidates import CandidatesPage
from eoffice.ui.tabs.access_common import AccessData, AccessPage
from eoffice.ui.tabs.access_exam_day import ExamDayPage
from eoffice.ui.tabs.access_incidents import IncidentsPage
from eoffice.ui.tabs.access_timetable import TimetablePage
from eoffice.ui.tabs.access_warnings_view import WarningsPage
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.tabs.exam_day_ahead import IDLE_MS, read_ahead
from eoffice.ui.widgets.stand_in import put_in_place

# Changes in these areas cannot alter what the tab shows.
UNRELATED_AREAS = frozenset({areas.PLAN, areas.STANDARDS})  # never change what the access pages show
NOTICE = ("Special category data: names and arrangements stay on this screen. Exports ask before writing; "
          "the door list shows candidate numbers and room needs only.")
# The pages, in the order of their buttons. Each is built the first time it is wanted (shown, or
# asked for by name): the tab opens on the register without building the other five.
PAGE_KINDS: tuple[type[AccessPage], ...] = (ArrangementsPage, CandidatesPage, TimetablePage, ExamDayPage,
                                            IncidentsPage, WarningsPage)
REGISTER, CANDIDATES, TIMETABLE, EXAM_DAY, INCIDENTS, WARNINGS = range(len(PAGE_KINDS))
PageT = TypeVar("PageT", bound=AccessPage)


def _embolden(button: QPushButton, on: bool) -> None:
    """The page shown has its button in bold, not only pressed in."""
    font = button.font()
    font.setBold(on)
    button.setFont(font)


class AccessTab(AreaTab):
    watches = areas.EVERY - UNRELATED_AREAS

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Access arrangements")
        self._built: dict[int, AccessPage] = {}
        self.stack = QStackedWidget()
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        switch = QHBoxLayout()
        for index, kind in enumerate(PAGE_KINDS):
            self.stack.addWidget(QWidget())  # stands in for the page until it is built
            button = QPushButton(kind.title)
            button.setCheckable(True)
            button.toggled.connect(lambda on, b=button: _embolden(b, on))
            button.setAccessibleName(kind.name)
            button.setToolTip(f"Show the {kind.name.lower()} (Alt+{kind.title[kind.title.index('&') + 1].upper()})")
            self.buttons.addButton(button, index)
            switch.addWidget(button)
        self.buttons.idClicked.connect(self.show_page)
        self.summary = QLabel()
        self.summary.setAccessibleName("Access arrangements summary")
        switch.addSpacing(16)
        switch.addWidget(self.summary, 1)
        notice = QLabel(NOTICE)
        notice.setWordWrap(True)
        notice.setAccessibleName("Sensitive data notice")
        font = notice.font()
        font.setItalic(True)
        notice.setFont(font)

        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(notice)
        layout.addWidget(self.stack, 1)

        self.data = AccessData(context)
        self.stale: set[int] = set()
        self._ahead = QTimer(self, singleShot=True, interval=IDLE_MS)  # the Exam day page's view, read when idle
        self._ahead.timeout.connect(self._read_ahead)
        self._ahead_for: AccessData | None = None  # the data the read ahead was last done (or passed over) for
        self._page(REGISTER)
        self.buttons.button(REGISTER).setChecked(True)
        self.follow_changes()

    # --- the pages, built when first wanted --------------------------------------------------------

    def _make(self, index: int) -> AccessPage:
        context = self.context
        if index == REGISTER:
            return ArrangementsPage(context)
        if index == CANDIDATES:
            return CandidatesPage(context, self.new_arrangement_for)
        if index == TIMETABLE:
            return TimetablePage(context)
        if index == EXAM_DAY:
            page = ExamDayPage(context)
            page.incident_form = lambda: self.incidents.new()
            page.forget_ahead = lambda: self.data.views_ahead.clear()
            return page
        if index == INCIDENTS:
            return IncidentsPage(context, lambda: self.exam_day.current())
        return WarningsPage(context, self.open_arrangement)

    def _page(self, index: int) -> AccessPage:
        page = self._built.get(index)
        if page is None:
            page = self._built[index] = self._make(index)
            put_in_place(self.stack, index, page)
        return page

    def _typed(self, index: int, kind: type[PageT]) -> PageT:
        page = self._page(index)
        assert isinstance(page, kind)
        return page

    @property
    def register(self) -> ArrangementsPage:
        return self._typed(REGISTER, ArrangementsPage)

    @property
    def candidates(self) -> CandidatesPage:
        return self._typed(CANDIDATES, CandidatesPage)

    @property
    def timetable(self) -> TimetablePage:
        return self._typed(TIMETABLE, TimetablePage)

    @property
    def exam_day(self) -> ExamDayPage:
        return self._typed(EXAM_DAY, ExamDayPage)

    @property
    def incidents(self) -> IncidentsPage:
        return self._typed(INCIDENTS, IncidentsPage)

    @property
    def warnings(self) -> WarningsPage:
        return self._typed(WARNINGS, WarningsPage)

    @property
    def pages(self) -> list[AccessPage]:
        """Every page, in the order of their buttons (building those not built yet)."""
        return [self._page(index) for index in range(len(PAGE_KINDS))]

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """New data for the page on screen; the others when they are next shown."""
        self.data = AccessData(self.context)
        self.stale = set(range(len(PAGE_KINDS)))
        self._load(self.stack.currentIndex())
        self._summarise()
        self._queue_read_ahead()

    def _summarise(self) -> None:
        records, found = self.data.records, self.data.warnings
        people = len({r.candidate_id for r in records})
        self.summary.setText(
            f"{self.data.year.label}: {plural(len(records), 'arrangement')} for "
            f"{plural(people, 'candidate')}, {plural(len(found), 'warning')}"
        )
        self.buttons.button(WARNINGS).setText(f"&Warnings ({len(found)})")

    def _load(self, index: int) -> None:
        if index in self.stale:
            self.stale.discard(index)
            self._page(index).load(self.data)

    def _area_changed(self, area: str) -> None:
        """An edit of arrangements alone (``access_commands``) on screen reads those arrangements
        again and updates their rows; anything else reads the tab again."""
        touched = commands.touched(self.context, area)
        if (area == access_commands.AREA and touched is not None and touched.kind == access_commands.ARRANGEMENT
                and not self.pending and self.data.year == self.context.year
                and (self.isVisible() or not self.window().isVisible())):
            self.refresh_arrangements(touched.ids)
            return
        super()._area_changed(area)

    def refresh_arrangements(self, ids: frozenset[int]) -> None:
        """Read the arrangements with these ids again (those gone are left out) and their
        warnings (``access.warnings_after_edit``: all of them when a helper need changed, which
        counts in its room): the register updates the rows that changed, and the other pages
        reload from the same data when next shown."""
        year, today, before, warned = self.data.year, self.data.today, self.data.records, self.data.warnings
        named = self.data.names

        def read(session: Session) -> tuple[list[ArrangementRecord], list[AccessWarning], dict[int, str]]:
            found = access.arrangements_by_id(session, ids)
            records = sorted([r for r in before if r.id not in ids] + list(found.values()),
                             key=lambda r: (r.candidate_number, r.id))  # as ``access.arrangements`` orders them
            unnamed = {r.candidate_id for r in found.values()} - named.keys()
            names = access.candidate_names(session, unnamed) if unnamed else {}
            return records, access.warnings_after_edit(session, year, today, before, warned, records, ids), names

        records, found, names = self.context.read(read)
        self.data = self.data.with_arrangements(records, found, names)
        current = self.stack.currentIndex()
        self.stale = set(range(len(PAGE_KINDS))) - {current}
        if current == REGISTER:
            self.register.update_rows(self.data)
        else:
            self._page(current).load(self.data)
        self._summarise()
        self._queue_read_ahead()

    def show_page(self, index: int) -> None:
        self._page(index)
        self.buttons.button(index).setChecked(True)
        self.stack.setCurrentIndex(index)
        self._load(index)

    # --- reading ahead for the Exam day page ------------------------------------------------------------

    def _queue_read_ahead(self) -> None:
        """After a refresh, on screen: the Exam day page's view read once the window has been
        idle for ``IDLE_MS`` (each refresh starts the wait again, so a run of edits reads once)."""
        if self.isVisible():
            self._ahead.start()

    def _read_ahead(self) -> None:
        """The view the Exam day page will show, read for the data now, and the page built,
        unless the page is on screen (it has read for itself) or has this data already, or
        nobody sees the tab."""
        if not self.isVisible() or self._ahead_for is self.data:
            return
        self._ahead_for = self.data
        if EXAM_DAY in self.stale and self.stack.currentIndex() != EXAM_DAY:
            read_ahead(self.data, self.exam_day)  # the page built now too, if it was not: about 10 ms less on the click

    def finish_reading_ahead(self) -> None:
        """What the tab would read ahead when idle, read now (tests, bench); nothing when no
        read ahead is waiting (the tab is hidden, or it has been done)."""
        if self._ahead.isActive():
            self._ahead.stop()
            self._read_ahead()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # refreshes first when a change waited
        if self._ahead_for is not self.data:
            self._queue_read_ahead()  # the read ahead owed when the tab was hidden

    def hideEvent(self, event: QHideEvent) -> None:
        self._ahead.stop()  # nothing read for a tab nobody sees
        super().hideEvent(event)

    def page_index(self, page: AccessPage) -> int:
        return next(index for index, built in self._built.items() if built is page)

    # --- opening records ------------------------------------------------------------------------

    def select_record(self, arrangement_id: int) -> bool:
        """Show and select one arrangement in the register (the Overview opens items here)."""
        self.show_page(REGISTER)
        return self.register.select(arrangement_id)

    def select_incident(self, incident_id: int) -> bool:
        """Show and select one line of the incident log (the Overview's open follow-ups open here)."""
        self.show_page(INCIDENTS)
        return self.incidents.select(incident_id)

    def open_arrangement(self, arrangement_id: int) -> None:
        """From a warning: show the arrangement in the register and open it."""
        if self.select_record(arrangement_id):
            self.register.edit(None)

    def new_arrangement_for(self, candidate_id: int) -> None:
        self._load(REGISTER)  # the register's dialog needs its data
        self.register.new(candidate_id)
