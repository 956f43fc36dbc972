"""The vocabulary and date rules of the annual exams plan, with no database in sight.

Phases follow the officer's duties in the job description; owners are the people an
officer hands work to. Urgency is one rule used by the board, the table, the exports
and the Overview alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol, TypeVar

from eoffice.errors import InputError

PHASES: dict[str, str] = {
    "planning": "Planning",
    "entries": "Entries",
    "pre_exams": "Pre-exams",
    "exam_time": "Exam time",
    "results": "Results and post-results",
    "other": "Other",
}
OWNERS: dict[str, str] = {
    "exams_officer": "Exams officer",
    "exams_assistant": "Exams assistant",
    "senco": "SENCo",
    "finance": "Finance",
    "heads_of_department": "Heads of department",
    "line_manager": "Line manager",
    "other": "Other",
}
STATUSES: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "not_applicable": "Not applicable",
    "before_eoffice": "Before eoffice",
}
DATE_RULES: dict[str, str] = {
    "fixed": "Same calendar date",
    "weekday": "Same weekday",
}
BEFORE_EOFFICE = "before_eoffice"
# Closed: never overdue. A task "before eoffice" fell due before the plan was started in
# eoffice (a year begun in December): whether it was done is not known, so it is neither
# counted done nor shown overdue, and, like "not applicable", left out of progress.
CLOSED = frozenset({"done", "not_applicable", BEFORE_EOFFICE})
UNCOUNTED = frozenset({"not_applicable", BEFORE_EOFFICE})
DUE_SOON_DAYS = 14

OVERDUE = "Overdue"


class _HasDueAndStatus(Protocol):
    @property
    def due(self) -> date: ...
    @property
    def status(self) -> str: ...


_Dated = TypeVar("_Dated", bound=_HasDueAndStatus)
DUE_SOON = "Due soon"


def choice(value: object, options: dict[str, str], what: str) -> str:
    """A key from ``options``, given its key or its label in any case ("In progress")."""
    text = " ".join(str(value or "").split()).casefold()
    for key, label in options.items():
        if text in (key.casefold(), label.casefold(), key.replace("_", " ").casefold()):
            return key
    raise InputError(f"{value!r} is not a {what}; use one of: {', '.join(options.values())}")


def urgency(due: date, status: str, today: date) -> str | None:
    """"Overdue" for an open task past its date, "Due soon" within 14 days, else None."""
    if status in CLOSED:
        return None
    if due < today:
        return OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return DUE_SOON
    return None


def started_mid_year(first_day: date, today: date, last_day: date) -> bool:
    """True when a year's plan is begun after its first month, and before it ends.

    Then the template's earlier tasks are already past; the officer is asked once whether
    to keep them open or mark them "before eoffice", rather than see a wall of red.
    """
    return (today.year, today.month) > (first_day.year, first_day.month) and today <= last_day


def already_past(tasks: Iterable[_Dated], today: date) -> list[_Dated]:
    """Open tasks due before today: what a plan begun mid-year asks about."""
    return [t for t in tasks if t.status not in CLOSED and t.due < today]


def roll_date(day: date, rule: str, years: int = 1) -> date:
    """Where a task falls ``years`` later.

    Fixed: the same calendar date (29 February becomes 28 February). Same weekday: the
    same weekday nearest to that calendar date, so a Monday meeting stays a Monday.
    """
    try:
        same_date = day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        same_date = day.replace(year=day.year + years, day=28)
    if rule == "fixed":
        return same_date
    if rule != "weekday":
        raise ValueError(f"unknown date rule {rule!r}")
    shift = (day.weekday() - same_date.weekday() + 7) % 7
    if shift > 3:
        shift -= 7
    return same_date + timedelta(days=shift)
