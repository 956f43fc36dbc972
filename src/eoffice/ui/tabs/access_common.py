"""What the Access arrangements tab's pages share: the data read once per refresh and the
area's filter lists; the page base class and its tables come from ``widgets.record_page``.

Names and arrangement details are special category data: nothing here writes them to
a log or the status bar, and messages name candidates by number.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from eoffice.domain import access, settings
from eoffice.domain.access import AccessWarning, ArrangementRecord, CandidateRecord, PaperRecord, timetable
from eoffice.ui.widgets.record_page import PageData, RecordPage

ALL = ""


class AccessData(PageData):
    """The year's candidates, arrangements, warnings, entries and papers, each read once."""

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
    def expiry_months(self) -> int:
        return int(self._get("months", lambda s: settings.get(s, "access.expiry_months")))

    @property
    def starts(self) -> dict[str, int]:
        return self._get("starts", lambda s: {x: timetable.default_start(s, x) for x in ("AM", "PM")})

    def with_arrangements(self, records: list[ArrangementRecord], found: list[AccessWarning],
                          names: dict[int, str]) -> AccessData:
        """The same data after an edit of arrangements alone: their list, the warnings worked out
        again and the names of any candidate new to the register; everything else (candidates,
        entries, papers) as already read."""
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
