"""What the Access arrangements tab's pages share: the data read once per refresh and the
area's filter lists; the page base class and its tables come from ``widgets.record_page``.

Names and arrangement details are special category data: nothing here writes them to
a log or the status bar, and messages name candidates by number.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox

from eoffice.domain import access, settings
from eoffice.domain.access import AccessWarning, ArrangementRecord, CandidateRecord, PaperRecord, timetable
from eoffice.ui.context import AppContext
from eoffice.ui.widgets.record_page import PageData, RecordPage

if TYPE_CHECKING:
    from eoffice.ui.tabs.exam_day_view import ExamDayView

ALL = ""


class AccessData(PageData):
    """The year's candidates, arrangements, warnings, entries and papers, each read once."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        # The Exam day page's views read ahead with this data (``exam_day_ahead``), by (day,
        # session). Kept apart from ``_cache`` so that ``with_arrangements`` never carries one
        # into data an edit changed: the arrangements are in the view.
        self.views_ahead: dict[tuple[date, str], ExamDayView] = {}

    def take_view_ahead(self, day: date, exam_session: str, whole_year: bool) -> ExamDayView | None:
        """The view read ahead for exactly this session of one day, if there is one. Whatever
        was kept goes either way: a view serves the page's first showing after it was read,
        never a later one (a print, recorded on another thread, tells no tab)."""
        view = None if whole_year else self.views_ahead.get((day, exam_session))
        self.views_ahead.clear()
        return view

    @property
    def people(self) -> list[CandidateRecord]:
        return self._get("people", access.candidates)

    @property
    def names(self) -> dict[int, str]:
        """Candidate id -> "Surname, Forenames", of the candidates with arrangements (the register
        and the warnings name no one else)."""
        ids = {r.candidate_id for r in self.records}
        return self._get("names", lambda s: access.candidate_names(s, ids))

    @property
    def records(self) -> list[ArrangementRecord]:
        return self._get("records", access.arrangements)

    @property
    def warnings(self) -> list[AccessWarning]:
        year, today, records = self.year, self.today, self.records
        return self._get("warnings", lambda s: access.warnings(s, year, today, records))

    @property
    def entries(self) -> tuple[dict[int, int], dict[int, int]]:
        """Entries per candidate id and per paper id."""
        return self._get("entries", timetable.entry_counts)

    @property
    def papers(self) -> list[PaperRecord]:
        year = self.year
        return self._get("papers", lambda s: timetable.papers(s, year))

    @property
    def exam_sessions(self) -> list[tuple[date, str]]:
        """The timetable's sessions (day, AM or PM) in order: what the Exam day page steps through."""
        return sorted({(p.sat_on, p.session) for p in self.papers})

    @property
    def expiry_months(self) -> int:
        return int(self._get("months", lambda s: settings.get(s, "access.expiry_months")))

    @property
    def starts(self) -> dict[str, int]:
        return self._get("starts", lambda s: {x: timetable.default_start(s, x) for x in ("AM", "PM")})

    def with_arrangements(self, records: list[ArrangementRecord], found: list[AccessWarning],
                          names: dict[int, str]) -> AccessData:
        """The same data after an edit of arrangements alone: their list, the warnings worked out
        again and the names of any candidate new to the register; everything else (candidates,
        entries, papers) as already read; never a view read ahead (``views_ahead``)."""
        data = AccessData(self.context)
        data.year, data.today = self.year, self.today
        data._cache = {**self._cache, "records": records, "warnings": found, "names": {**self.names, **names}}
        return data


def filter_combo(options: dict[str, str], first: str, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, ALL)
    for key, label in options.items():
        combo.addItem(label, key)
    return combo


# A page of this tab: the shared page that loads the tab's AccessData.
AccessPage = RecordPage[AccessData]
