"""How many active invigilators are short of a check: the Overview's line about the team.

The Overview is painted before SQLAlchemy has loaded (issue 17), so the counts are one plain
SQL query taking either handle (``db.plain.Reads``). ``invigilator_records`` keeps the
per-person rule (``compliance``) and re-exports what is here; both count a DBS check as old by
``years_before``, so the Overview and the roster never disagree about the renewal day. This
module imports neither SQLAlchemy nor the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eoffice.db.plain import Reads, as_reader, stored_day
from eoffice.domain.roster.roster_config import roster_settings
from eoffice.domain.years import AcademicYear

# Active invigilators, and how many of them are untrained since the cutoff, have no DBS check,
# or have one from before the renewal day. Dates are ISO text, so ``<`` compares them as dates.
_COUNTS = """
    SELECT COUNT(*),
           COALESCE(SUM(CASE WHEN trained_on IS NULL OR trained_on < ? THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN dbs_checked_on IS NULL THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN dbs_checked_on IS NOT NULL AND dbs_checked_on < ? THEN 1 ELSE 0 END), 0)
    FROM invigilator
    WHERE active = 1
"""


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes the 28th in a year without one."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class ComplianceCounts:
    """How many active invigilators there are, and how many of them are short of a check."""

    active: int
    untrained: int  # not trained since ``training_from``
    no_dbs: int
    old_dbs: int  # a DBS check older than ``renewal_years``
    training_from: date
    renewal_years: int

    def lines(self) -> list[str]:
        """What the Overview says; empty when all is well."""
        cutoff, years = self.training_from, self.renewal_years
        lines = []
        if self.untrained:
            lines.append(f"{_count(self.untrained, 'invigilator')} not trained since {cutoff.day} {cutoff:%B %Y}")
        if self.no_dbs:
            lines.append(f"{_count(self.no_dbs, 'invigilator')} with no DBS check on record")
        if self.old_dbs:
            lines.append(f"{_count(self.old_dbs, 'DBS check')} older than {years} year{'s' if years != 1 else ''}")
        return lines


def compliance_counts(db: Reads, year: AcademicYear, today: date) -> ComplianceCounts:
    """The Overview's counts, in one query that counts rather than reading every invigilator.

    Training counts from the 1 September that starts ``year``; DBS age counts back from today.
    """
    reader = as_reader(db)
    config = roster_settings(reader)
    cutoff, renewal = year.start, years_before(today, config.dbs_renewal_years)
    active, untrained, no_dbs, old = reader.execute(_COUNTS, (stored_day(cutoff), stored_day(renewal))).fetchone()
    return ComplianceCounts(active, untrained, no_dbs, old, cutoff, config.dbs_renewal_years)


def overview_lines(db: Reads, year: AcademicYear, today: date) -> list[str]:
    """Lines for the Overview tab about active invigilators as at ``today``; empty when all is well."""
    return compliance_counts(db, year, today).lines()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
