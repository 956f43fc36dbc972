"""What the year looks like at a glance, from every area: the Overview tab and the meeting pack.

The Overview shows what is overdue, what is due in the next four weeks and one line per
area; the half-termly meeting pack gives the line manager the same picture in more depth
(the guide asks the senior leader to review the exams system as well as the officer's
progress). Both are worked out here, once, from each area's public face; the tab, the
PDF and the command line only format what these functions return.

Every area is listed explicitly in ``ITEM_SOURCES`` and ``AREA_LINES``, so what the Overview
shows is read in one place, not assembled by import side effects. The last line, from 1
September of an academic year later than the regulations this build follows
(``rules_year``), says the rules need checking against that year's JCQ changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

# The Overview is the window's usual first tab, painted before SQLAlchemy loads (issue 17): what
# ``gather`` reads comes from each area's plain modules (``eoffice.db.plain``), named by path;
# the meeting pack reads the same functions.
from eoffice.db.plain import Reads
from eoffice.domain import plan, rules_year, settings
from eoffice.domain.access.attention import NOT_APPLIED, AccessWarning, find_warnings, summary_lines
from eoffice.domain.centre_reads import get_centre
from eoffice.domain.dates import format_date
from eoffice.domain.examday.incident_reads import open_follow_ups
from eoffice.domain.keydates.due import PASSED, countdown, countdown_text, deadlines, internal_state, is_overdue, is_soon, last_day
from eoffice.domain.keydates.key_date_fields import KeyDateRecord
from eoffice.domain.keydates.key_date_reads import key_dates
from eoffice.domain.plan.rules import BEFORE_EOFFICE, CLOSED, OVERDUE, OWNERS, UNCOUNTED
from eoffice.domain.plan.task_reads import Task, tasks
from eoffice.domain.roster.compliance_reads import compliance_counts
from eoffice.domain.roster.compliance_reads import overview_lines as roster_overview_lines
from eoffice.domain.standards.progress_reads import grid, reminder
from eoffice.domain.standards.progress_reads import overview_lines as standards_overview_lines
from eoffice.domain.years import AcademicYear

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

AHEAD_DAYS = 28  # "the next four weeks"
KEY_DATE, INTERNAL_DEADLINE, PLAN_TASK = "Key date", "Internal deadline", "Plan task"
ACCESS_APPLICATIONS = "Access arrangements"
INCIDENT_FOLLOW_UP = "Incident follow-up"
FOLLOW_UP_DAYS = 7  # special consideration: within 7 days of the candidate's last exam in the subject


@dataclass(frozen=True)
class OverviewItem:
    on: date
    countdown: str  # "in 5 days", "2 days overdue", "open, ends tomorrow"
    kind: str  # "Key date", "Internal deadline", "Plan task", "Access arrangements"
    title: str
    who: str  # the awarding body, the owner, ...
    overdue: bool
    tab_key: str  # where double-click opens it
    record_id: int
    year: AcademicYear | None = None  # set when the item is in the next academic year


@dataclass(frozen=True)
class AreaLine:
    area: str
    summary: str  # "45 of 120 tasks done (38%)"
    tab_key: str


T = TypeVar("T")
# What one gather has read, by what and for which year (``_once``); None outside a gather.
_READS: ContextVar[dict[Hashable, Any] | None] = ContextVar("eoffice.overview.reads", default=None)


@contextmanager
def _reading_once() -> Iterator[None]:
    """While a gather runs, a list several sources need (the plan's tasks, the key dates, the
    access warnings) is read once and shared (``_once``); afterwards it is forgotten, so the next
    gather sees every change."""
    if _READS.get() is not None:
        yield
        return
    token = _READS.set({})
    try:
        yield
    finally:
        _READS.reset(token)


def _once(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or what it gave earlier in the same gather (outside one: always read)."""
    memo = _READS.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    found: T = memo[key]
    return found


def _year_tasks(db: Reads, year: AcademicYear) -> list[Task]:
    return _once(("plan", year), lambda: tasks(db, year))


def _year_key_dates(db: Reads, year: AcademicYear) -> list[KeyDateRecord]:
    return _once(("keydates", year), lambda: key_dates(db, year))


def _year_access_warnings(db: Reads, year: AcademicYear, today: date) -> list[AccessWarning]:
    return _once(("access", year, today), lambda: find_warnings(db, year, today))


# (db, year, today) -> the area's open dated items, overdue ones flagged
ItemSource = Callable[[Reads, AcademicYear, date], list[OverviewItem]]
# (db, year, today) -> one line about the area, or None when it has nothing to say
AreaSource = Callable[[Reads, AcademicYear, date], AreaLine | None]


# --- dated items --------------------------------------------------------------------------

def plan_items(db: Reads, year: AcademicYear, today: date) -> list[OverviewItem]:
    return [
        OverviewItem(
            t.due, countdown(t.due, today), PLAN_TASK, t.title, OWNERS.get(t.owner, t.owner),
            t.urgency(today) == OVERDUE, "plan", t.id,
        )
        for t in _year_tasks(db, year)
        if t.status not in CLOSED
    ]


def key_date_items(db: Reads, year: AcademicYear, today: date) -> list[OverviewItem]:
    """Each open key date, and its internal deadline while the key date itself is not overdue."""
    found = []
    for r in _year_key_dates(db, year):
        if r.done:
            continue
        overdue = is_overdue(r, today)
        external = last_day(r) if overdue or r.on < today else r.on  # an open window: its last day
        found.append(OverviewItem(external, countdown_text(r, today), KEY_DATE, r.title, r.body, overdue, "keydates", r.id))
        if r.internal_deadline is not None and r.internal_deadline != r.on and not overdue:
            passed = internal_state(r, today) == PASSED
            found.append(
                OverviewItem(
                    r.internal_deadline, countdown(r.internal_deadline, today), INTERNAL_DEADLINE,
                    r.title, r.body, passed, "keydates", r.id,
                )
            )
    return found


def access_items(db: Reads, year: AcademicYear, today: date) -> list[OverviewItem]:
    """One item per awarding-body deadline with applications still not made; it opens the
    first of them. Counts only, no names and no conditions: anyone passing sees the Overview."""
    grouped: dict[tuple[date, str], list[int]] = {}
    for w in _year_access_warnings(db, year, today):
        if w.kind == NOT_APPLIED and w.deadline is not None:
            grouped.setdefault((w.deadline, w.deadline_label), []).append(w.arrangement_id)
    return [
        OverviewItem(day, countdown(day, today), ACCESS_APPLICATIONS,
                     f"{len(ids)} application{'s' if len(ids) != 1 else ''} not yet made",
                     f"{label} deadline", day < today, "access", min(ids))
        for (day, label), ids in sorted(grouped.items())
    ]


def incident_items(db: Reads, year: AcademicYear, today: date) -> list[OverviewItem]:
    """Each follow-up an incident asked for and not yet done, due a week after the incident
    (special consideration is applied for within 7 days of the candidate's last exam in the
    subject: the incident's day is the earliest that can be). Where and what kind only, never
    what happened or who: anyone passing sees the Overview."""
    found = []
    for r in open_follow_ups(db, year.start, year.end):
        due = r.on + timedelta(days=FOLLOW_UP_DAYS)
        found.append(OverviewItem(due, countdown(due, today), INCIDENT_FOLLOW_UP, r.follow_up_label,
                                  f"{r.kind_label}, {r.where}", due < today, "access/incident", r.id))
    return found


# --- one line per area ------------------------------------------------------------------------

def _share(done: int, total: int) -> str:
    return f" ({round(100 * done / total)}%)" if total else ""


def plan_line(db: Reads, year: AcademicYear, today: date) -> AreaLine:
    every = _year_tasks(db, year)
    tasks = [t for t in every if t.status not in UNCOUNTED]
    done = sum(t.status == "done" for t in tasks)
    overdue = sum(t.urgency(today) == OVERDUE for t in tasks)
    summary = f"{done} of {len(tasks)} tasks done{_share(done, len(tasks))}, {overdue} overdue" if tasks else "No tasks yet"
    if before := sum(t.status == BEFORE_EOFFICE for t in every):
        summary += f"; {before} before eoffice"
    return AreaLine("Annual exams plan", summary, "plan")


def key_dates_line(db: Reads, year: AcademicYear, today: date) -> AreaLine:
    records = _year_key_dates(db, year)
    done = sum(r.done for r in records)
    to_check = sum(r.needs_check for r in records)
    if not records:
        return AreaLine("Key dates", "No key dates yet: load the published reference dates", "keydates")
    summary = f"{done} of {len(records)} key dates done{_share(done, len(records))}, {to_check} to check"
    return AreaLine("Key dates", summary, "keydates")


def standards_line(db: Reads, year: AcademicYear, today: date) -> AreaLine | None:
    """Each officer's criteria and next meeting, without repeating the year on every part."""
    lines = standards_overview_lines(db, year, today)
    if not lines:
        return None
    head = f"Standards {year.label}"
    parts = [line[len(head):].lstrip(",: ") if line.startswith(head) else line for line in lines]
    return AreaLine("Professional Standards", "; ".join(parts), "standards")


def access_line(db: Reads, year: AcademicYear, today: date) -> AreaLine:
    """Counts only, no names and no conditions."""
    found = _year_access_warnings(db, year, today)
    return AreaLine("Access arrangements", "; ".join(summary_lines(db, year, today, found)), "access")


def invigilators_line(db: Reads, year: AcademicYear, today: date) -> AreaLine | None:
    """Compliance counts only, no names; nothing until an invigilator is recorded."""
    counts = compliance_counts(db, year, today)
    if not counts.active:
        return None
    problems = counts.lines()
    summary = "; ".join(problems) if problems else f"{counts.active} active invigilators, all trained and DBS-checked"
    return AreaLine("Invigilators", summary, "roster")


REGULATIONS = "JCQ regulations"


def regulations_line(db: Reads, year: AcademicYear, today: date) -> AreaLine | None:
    """From 1 September of a later academic year than the build's rules (``today``, whichever
    year is shown): "eoffice follows the 2025/26 JCQ regulations; check the 2026/27 changes ...".
    It opens the Overview itself: the rules' settings are in Edit > Settings."""
    said = rules_year.notice(today)
    return None if said is None else AreaLine(REGULATIONS, said, "overview")


ITEM_SOURCES: list[ItemSource] = [plan_items, key_date_items, access_items, incident_items]
AREA_LINES: list[AreaSource] = [plan_line, key_dates_line, standards_line, access_line, invigilators_line,
                                regulations_line]


# --- the Overview ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    overdue: list[OverviewItem]
    ahead: list[OverviewItem]
    areas: list[AreaLine]
    horizon: date  # the last day of "the next four weeks"


def gather(db: Reads, year: AcademicYear, today: date) -> Snapshot:
    """What is overdue, what is due in the next four weeks and one line per area, as at ``today``.

    The plan's tasks and the key dates, which both a list and a line need, are read once."""
    with _reading_once():
        return _gather(db, year, today)


def _gather(db: Reads, year: AcademicYear, today: date) -> Snapshot:
    items = [item for source in ITEM_SOURCES for item in source(db, year, today)]
    horizon = today + timedelta(days=AHEAD_DAYS)
    order = {PLAN_TASK: 2, INTERNAL_DEADLINE: 0, KEY_DATE: 1}

    def key(item: OverviewItem) -> tuple[date, int, str]:
        return (item.on, order.get(item.kind, 3), item.title.casefold())

    if year.contains(today) and horizon > year.end:
        # Late August: the four weeks ahead run into September, which belongs to next year.
        following = year.next()
        items += [replace(item, year=following) for source in ITEM_SOURCES for item in source(db, following, today)
                  if not item.overdue and item.on <= horizon]  # fmt: skip
    overdue = sorted((i for i in items if i.overdue), key=key)
    ahead = sorted((i for i in items if not i.overdue and today <= i.on <= horizon), key=key)
    areas = [line for source in AREA_LINES if (line := source(db, year, today)) is not None]
    return Snapshot(overdue, ahead, areas, horizon)


# --- the half-termly meeting pack ------------------------------------------------------------



@dataclass(frozen=True)
class PackTable:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    flags: tuple[str, ...] = ()  # per row: "overdue", "due_soon", "met", "not_met" or ""


@dataclass(frozen=True)
class PackSection:
    key: str
    title: str
    summary: str
    lines: tuple[str, ...] = ()
    tables: tuple[PackTable, ...] = ()


@dataclass(frozen=True)
class MeetingPack:
    centre: str
    year: AcademicYear
    today: date
    until: date
    sections: tuple[PackSection, ...]


def meeting_pack(session: Session, year: AcademicYear, today: date) -> MeetingPack:
    until = today + timedelta(weeks=int(settings.get(session, "meeting_pack.weeks_ahead")))
    sections = [_plan(session, year, today), _key_dates(session, year, today, until)]
    sections.append(_area_section("access", "Access-arrangement risks", summary_lines(session, year, today),
                                  "No access-arrangement risks to report."))
    sections.append(_area_section("invigilators", "Invigilator compliance", roster_overview_lines(session, year, today),
                                  "Every active invigilator is trained and checked."))
    sections.append(_standards(session, year, today))
    centre = get_centre(session)
    return MeetingPack(centre.name if centre else "", year, today, until, tuple(sections))


def _area_section(key: str, title: str, lines: list[str], quiet: str) -> PackSection:
    return PackSection(key, title, "" if lines else quiet, tuple(lines))


def _plan(session: Session, year: AcademicYear, today: date) -> PackSection:
    year_tasks = tasks(session, year)
    if not year_tasks:
        return PackSection("plan", "Exams plan", f"There is no exams plan for {year.label} yet.")
    phases = plan.progress_by_phase(year_tasks)
    done, total = sum(p.done for p in phases), sum(p.total for p in phases)
    overdue = sorted((t for t in year_tasks if t.urgency(today) == OVERDUE), key=lambda t: (t.due, t.id))
    by_phase = PackTable(
        "Progress by phase", ("Phase", "Done", "Tasks", "Done (%)"),
        tuple((p.label, str(p.done), str(p.total), f"{round(100 * p.done / p.total)}%" if p.total else "–")
              for p in phases if p.total),
    )
    tables = [by_phase]
    if overdue:
        tables.append(PackTable(
            "Overdue tasks", ("Due", "Task", "Owner", "Late by"),
            tuple((format_date(t.due), t.title, OWNERS.get(t.owner, t.owner), countdown(t.due, today))
                  for t in overdue),
            tuple("overdue" for _ in overdue),
        ))
    summary = (f"{done} of {total} tasks done; "
               + (f"{len(overdue)} overdue." if overdue else "nothing overdue."))
    return PackSection("plan", "Exams plan", summary, (), tuple(tables))


def _key_dates(session: Session, year: AcademicYear, today: date, until: date) -> PackSection:
    records = [*key_dates(session, year)]
    if until > year.end:
        records += key_dates(session, year.next())
    coming = [d for d in deadlines(records) if today <= d.on <= until and not d.key_date.done]
    title = "Key dates in the next half term"
    if not coming:
        return PackSection("keydates", title, f"No open key dates between {format_date(today)} and {format_date(until)}.")
    rows, flags = [], []
    for d in coming:
        what = f"Internal deadline: {d.key_date.title}" if d.internal else d.key_date.title
        rows.append((format_date(d.on), what, d.key_date.body, d.key_date.series, countdown(d.on, today)))
        flags.append("due_soon" if is_soon(d.on, today) else "")
    table = PackTable("", ("Date", "What", "Body", "Series", "When"), tuple(rows), tuple(flags))
    return PackSection("keydates", title, f"{len(coming)} dates from {format_date(today)} to {format_date(until)}.",
                       (), (table,))


def _standards(session: Session, year: AcademicYear, today: date) -> PackSection:
    rows = grid(session, year)
    title = "Professional Standards"
    if not rows:
        return PackSection("standards", title, "No exams officer is recorded.")
    columns = ("Exams officer", *(c.short_label for c in rows[0].cells))
    table_rows = tuple((r.officer, *(f"{c.mark} {c.word}" for c in r.cells)) for r in rows)
    lines = []
    for r in rows:
        if r.standards is None:
            lines.append(f"{r.officer}: the Standards for {year.label} have not been started.")
            continue
        lines.append(f"{r.officer}: {r.met} of {len(r.cells)} criteria met; {reminder(session, r.standards, today).text}.")
        lines.extend(f"{r.officer}: {c.note}." for c in r.cells if c.note)
    table = PackTable("", columns, table_rows, tuple("met" if r.cells[-1].met else "" for r in rows))
    return PackSection("standards", title, "K&U: Knowledge & Understanding; V&A: Values & Attributes; "
                       "SLT: the senior leader's declaration.", tuple(lines), (table,))
