"""Which academic year's JCQ regulations this build of eoffice follows.

JCQ publishes its regulations (ICE, AARA, the overnight supervision guidance) each
September for the academic year ahead. The rules eoffice carries (the defaults in
``settings_catalogue``, the texts in ``access``) were checked against one year's editions:
``RULES_YEAR``. Each rule's default says the year of its own source
(``settings_catalogue.SettingInfo.source_year``), none later than this.

From 1 September of a later academic year the build may be out of date: ``notice`` gives
the Overview's warning then. Time is an argument, never read here.
"""

from __future__ import annotations

from datetime import date

from eoffice.domain.years import AcademicYear

RULES_YEAR = AcademicYear(2025)  # JCQ ICE 2025/26, AARA 2025/26 and the guidance current in that year


def rules_label() -> str:
    """``2025/26``: for Help > About and ``eoffice check --json`` (``rules_year``)."""
    return RULES_YEAR.label


def about_line() -> str:
    """The sentence Help > About shows."""
    return f"Follows the JCQ regulations for {RULES_YEAR.label}."


def later_year(today: date) -> AcademicYear | None:
    """The academic year ``today`` is in when it is later than the build's rules year, else None."""
    current = AcademicYear.containing(today)
    return current if current.start_year > RULES_YEAR.start_year else None


def notice(today: date) -> str | None:
    """The warning from 1 September of a later academic year; None while the rules are this year's."""
    current = later_year(today)
    if current is None:
        return None
    if current.start_year == RULES_YEAR.start_year + 1:
        changes = f"the {current.label} changes"
    else:
        changes = f"the changes from {RULES_YEAR.next().label} to {current.label}"
    return (f"eoffice follows the {RULES_YEAR.label} JCQ regulations; check {changes} and update the rules' "
            "settings where they differ.")
