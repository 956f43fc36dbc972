"""Where a rolled-forward task lands, and which of the new year's key dates it links to.

Moving last year's date on by a year, year after year, lets a same-weekday task creep:
Friday 11/09/2026 became 10/09/2027, 08/09/2028, 07/09/2029, 06/09/2030, and results
day would be a week early within five years. So every task keeps its anchor, the dates
it was first set for (the template's, or the officer's own), and each year is placed
from the anchor: it stays on the same weekday within three days of that calendar date
for good. A date the officer moves by hand becomes the new anchor, so their choice is
what rolls on.

A task linked to a key date (an external deadline) should prepare for the same
deadline next year. Key dates from the reference list carry a reference key that is
the same every year; dates typed by the officer are matched on awarding body,
category and title.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import KeyDate
from eoffice.domain.plan.rules import roll_date
from eoffice.domain.plan.task_reads import Anchors
from eoffice.domain.years import AcademicYear


def into_year(day: date, rule: str, year: AcademicYear) -> date:
    """A same-weekday shift (at most 3 days) can cross 1 September or 31 August: a week
    back or forward brings it inside the year on the same weekday. A fixed date never
    leaves its year."""
    if rule == "weekday":
        if day > year.end:
            return day - timedelta(days=7)
        if day < year.start:
            return day + timedelta(days=7)
    return min(max(day, year.start), year.end)


def place(anchor: date, rule: str, year: AcademicYear) -> date:
    """The anchor moved into ``year`` by the task's rule, however many years away."""
    years = year.start_year - AcademicYear.containing(anchor).start_year
    return into_year(roll_date(anchor, rule, years), rule, year)


def placed(anchor_due: date, anchor_start: date | None, rule: str, year: AcademicYear) -> tuple[date, date | None]:
    """The due and start dates a task anchored there has in ``year``; a start never after the due."""
    due = place(anchor_due, rule, year)
    return due, None if anchor_start is None else min(place(anchor_start, rule, year), due)


def carried(due: date, start: date | None, rule: str, year: AcademicYear, stored: Anchors | None) -> Anchors:
    """The anchors a copy of this task carries: the stored ones while the task sits where
    they place it in its ``year``; a date moved by hand (or no anchor at all) anchors itself."""
    if stored is None:
        return Anchors(due, start)
    kept_due = stored.due if place(stored.due, rule, year) == due else due
    if start is None:
        return Anchors(kept_due, None)
    on_anchor = stored.start is not None and min(place(stored.start, rule, year), due) == start
    return Anchors(kept_due, stored.start if on_anchor else start)


# --- key-date links ---------------------------------------------------------------------

def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


class KeyDateMatcher:
    """Finds, for a key date linked in one year, the matching key date ``years`` later."""

    def __init__(self, session: Session, years: int) -> None:
        self.session, self.years = session, years
        self._by_year: dict[int, tuple[dict[str, int], dict[tuple[str, str, str], int]]] = {}

    def _target(self, start_year: int) -> tuple[dict[str, int], dict[tuple[str, str, str], int]]:
        if start_year not in self._by_year:
            rows = self.session.scalars(
                select(KeyDate).join(YearRow, KeyDate.year_id == YearRow.id)
                .where(YearRow.start_year == start_year).order_by(KeyDate.on, KeyDate.id)
            )
            by_key: dict[str, int] = {}
            by_words: dict[tuple[str, str, str], int] = {}
            for row in rows:
                if row.reference_key:
                    by_key.setdefault(row.reference_key, row.id)
                by_words.setdefault((row.body, row.category, _words(row.title)), row.id)  # the earliest of twins
            self._by_year[start_year] = (by_key, by_words)
        return self._by_year[start_year]

    def match(self, key_date_id: int) -> int | None:
        """The reference key first; failing that, the same body, category and title."""
        source = self.session.get(KeyDate, key_date_id)
        if source is None:
            return None
        source_year = self.session.scalar(select(YearRow.start_year).where(YearRow.id == source.year_id))
        assert source_year is not None
        by_key, by_words = self._target(source_year + self.years)
        if source.reference_key and source.reference_key in by_key:
            return by_key[source.reference_key]
        return by_words.get((source.body, source.category, _words(source.title)))


def links_note(linked: int, unlinked: int, target: AcademicYear) -> str:
    """What became of the key-date links, for the window and the command line; "" if none."""
    parts = []
    if linked:
        parts.append(f"{linked} linked to their {target.label} key dates")
    if unlinked:
        parts.append(f"{unlinked} left unlinked: {target.label} has no matching key date")
    return "; ".join(parts)
