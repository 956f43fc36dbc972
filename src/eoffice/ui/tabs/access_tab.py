"""The Access arrangements tab: the register, the candidates, the timetable, exam day,
the incident log and the warnings, as pages chosen from a row of buttons.

It reads through the domain (``access``, ``candidates``, ``timetable``, ``exam_day``)
and changes records only through ``access_commands``, so every edit can be undone.
Only the page on screen is filled; the others are filled when first shown after a
change, so the tab opens quickly for a centre of 2,000 candidates.

Arrangements are special category (health) data: they stay on this screen. Nothing
here writes a name or an arrangement to a log or the status bar, and the exports in
File > Export ask before writing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout

from eoffice.domain.words import plural
from eoffice.ui import areas
from eoffice.ui.context import AppContext
from eoffice.ui.tabs.access_arrangements import ArrangementsPage
from eoffice.ui.tabs.access_candidates import CandidatesPage
from eoffice.ui.tabs.access_common import AccessData, AccessPage
from eoffice.ui.tabs.access_exam_day import ExamDayPage
from eoffice.ui.tabs.access_incidents import IncidentsPage
from eoffice.ui.tabs.access_timetable import TimetablePage
from eoffice.ui.tabs.access_warnings_view import WarningsPage
from eoffice.ui.tabs.area_tab import AreaTab

# Changes in these areas cannot alter what the tab shows.
UNRELATED_AREAS = frozenset({areas.PLAN, areas.STANDARDS})  # never change what the access pages show
NOTICE = ("Special category data: names and arrangements stay on this screen. Exports ask before writing; "
          "the door list shows candidate numbers and room needs only.")


def _embolden(button: QPushButton, on: bool) -> None:
    """The page shown has its button in bold, not only pressed in."""
    font = button.font()
    font.setBold(on)
    button.setFont(font)


class AccessTab(AreaTab):
    watches = areas.EVERY - UNRELATED_AREAS

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Access arrangements")
        self.register = ArrangementsPage(context)
        self.candidates = CandidatesPage(context, self.new_arrangement_for)
        self.timetable = TimetablePage(context)
        self.exam_day = ExamDayPage(context)
        self.incidents = IncidentsPage(context, self.exam_day.current)
        self.exam_day.incident_form = self.incidents.new
        self.warnings = WarningsPage(context, self.open_arrangement)
        self.pages: list[AccessPage] = [self.register, self.candidates, self.timetable, self.exam_day, self.incidents,
                                        self.warnings]

        self.stack = QStackedWidget()
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        switch = QHBoxLayout()
        for index, page in enumerate(self.pages):
            self.stack.addWidget(page)
            button = QPushButton(page.title)
            button.setCheckable(True)
            button.toggled.connect(lambda on, b=button: _embolden(b, on))
            button.setAccessibleName(page.name)
            button.setToolTip(f"Show the {page.name.lower()} (Alt+{page.title[page.title.index('&') + 1].upper()})")
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
        self.buttons.button(0).setChecked(True)
        self.follow_changes()

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """New data for the page on screen; the others when they are next shown."""
        self.data = AccessData(self.context)
        self.stale = set(range(len(self.pages)))
        self._load(self.stack.currentIndex())
        records, found = self.data.records, self.data.warnings
        people = len({r.candidate_id for r in records})
        self.summary.setText(
            f"{self.data.year.label}: {plural(len(records), 'arrangement')} for "
            f"{plural(people, 'candidate')}, {plural(len(found), 'warning')}"
        )
        self.buttons.button(self.pages.index(self.warnings)).setText(f"&Warnings ({len(found)})")

    def _load(self, index: int) -> None:
        if index in self.stale:
            self.stale.discard(index)
            self.pages[index].load(self.data)

    def show_page(self, index: int) -> None:
        self.buttons.button(index).setChecked(True)
        self.stack.setCurrentIndex(index)
        self._load(index)

    def page_index(self, page: AccessPage) -> int:
        return self.pages.index(page)

    # --- opening records ------------------------------------------------------------------------

    def select_record(self, arrangement_id: int) -> bool:
        """Show and select one arrangement in the register (the Overview opens items here)."""
        self.show_page(self.page_index(self.register))
        return self.register.select(arrangement_id)

    def select_incident(self, incident_id: int) -> bool:
        """Show and select one line of the incident log (the Overview's open follow-ups open here)."""
        self.show_page(self.page_index(self.incidents))
        return self.incidents.select(incident_id)

    def open_arrangement(self, arrangement_id: int) -> None:
        """From a warning: show the arrangement in the register and open it."""
        if self.select_record(arrangement_id):
            self.register.edit(None)

    def new_arrangement_for(self, candidate_id: int) -> None:
        self._load(self.page_index(self.register))  # the register's dialog needs its data
        self.register.new(candidate_id)
