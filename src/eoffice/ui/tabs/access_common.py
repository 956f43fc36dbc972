"""What the Access arrangements tab's pages share: the data read once per refresh and the
area's filter lists; the page base class and its tables come from ``widgets.record_page``.

Names and arrangement details are special category data: nothing here writes them to
a log or the status bar, and messages name candidates by number.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import Candidate, Entry
from eoffice.domain import access, candidates, settings, timetable
from eoffice.domain.access import ArrangementRecord
from eoffice.domain.access_warnings import AccessWarning
from eoffice.domain.candidates import CandidateRecord
from eoffice.domain.timetable import PaperRecord
from eoffice.ui.widgets.record_page import PageData, RecordPage
from eoffice.ui.widgets.record_page import run_dialog as run_dialog  # the pages call it from here: tests replace it

ALL = ""


class AccessData(PageData):
    """The year's candidates, arrangements, warnings, entries and papers, each read once."""

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


def filter_combo(options: dict[str, str], first: str, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, ALL)
    for key, label in options.items():
        combo.addItem(label, key)
    return combo


# A page of this tab: the shared page that loads the tab's AccessData.
AccessPage = RecordPage[AccessData]
