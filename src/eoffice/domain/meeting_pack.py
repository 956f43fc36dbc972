"""The half-termly meeting pack: what the line manager needs in front of them, from every area.

The guide asks the senior leader to review the exams system as well as the officer's
progress, so the pack gathers, as at one day: the exams plan by phase and what is
overdue, the key dates of the coming half term, access-arrangement risks, invigilator
compliance and the Professional Standards. Each section comes from whichever areas this
installation has: access arrangements and invigilators are asked through their own
``overview_lines`` only when those modules exist, so the pack never depends on them.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from eoffice.domain import keydates, plan, settings
from eoffice.domain.centre import get_centre
from eoffice.domain.dates import format_date
from eoffice.domain.plan_rules import OVERDUE, OWNERS
from eoffice.domain.standards_progress import grid, reminder
from eoffice.domain.years import AcademicYear

settings.DEFAULTS["meeting_pack.weeks_ahead"] = 7  # a half term, with a week to spare


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
    for key, module, title, quiet in (
        ("access", "eoffice.domain.access", "Access-arrangement risks", "No access-arrangement risks to report."),
        ("invigilators", "eoffice.domain.invigilators", "Invigilator compliance",
         "Every active invigilator is trained and checked."),
    ):
        lines = area_lines(module, session, year, today)
        if lines is not None:
            sections.append(PackSection(key, title, "" if lines else quiet, tuple(lines)))
    sections.append(_standards(session, year, today))
    centre = get_centre(session)
    return MeetingPack(centre.name if centre else "", year, today, until, tuple(sections))


def area_lines(module_name: str, session: Session, year: AcademicYear, today: date) -> list[str] | None:
    """``module.overview_lines(session, year, today)``, or None when that area is not installed."""
    if importlib.util.find_spec(module_name) is None:
        return None
    overview = getattr(importlib.import_module(module_name), "overview_lines", None)
    if not callable(overview):
        return None
    return [str(line) for line in overview(session, year, today)]


def _plan(session: Session, year: AcademicYear, today: date) -> PackSection:
    tasks = plan.tasks(session, year)
    if not tasks:
        return PackSection("plan", "Exams plan", f"There is no exams plan for {year.label} yet.")
    phases = plan.progress_by_phase(tasks)
    done, total = sum(p.done for p in phases), sum(p.total for p in phases)
    overdue = sorted((t for t in tasks if t.urgency(today) == OVERDUE), key=lambda t: (t.due, t.id))
    by_phase = PackTable(
        "Progress by phase", ("Phase", "Done", "Tasks", "Done (%)"),
        tuple((p.label, str(p.done), str(p.total), f"{round(100 * p.done / p.total)}%" if p.total else "–")
              for p in phases if p.total),
    )
    tables = [by_phase]
    if overdue:
        tables.append(PackTable(
            "Overdue tasks", ("Due", "Task", "Owner", "Late by"),
            tuple((format_date(t.due), t.title, OWNERS.get(t.owner, t.owner), keydates.countdown(t.due, today))
                  for t in overdue),
            tuple("overdue" for _ in overdue),
        ))
    summary = (f"{done} of {total} tasks done; "
               + (f"{len(overdue)} overdue." if overdue else "nothing overdue."))
    return PackSection("plan", "Exams plan", summary, (), tuple(tables))


def _key_dates(session: Session, year: AcademicYear, today: date, until: date) -> PackSection:
    records = [*keydates.key_dates(session, year)]
    if until > year.end:
        records += keydates.key_dates(session, year.next())
    coming = [d for d in keydates.deadlines(records) if today <= d.on <= until and not d.key_date.done]
    title = "Key dates in the next half term"
    if not coming:
        return PackSection("keydates", title, f"No open key dates between {format_date(today)} and {format_date(until)}.")
    rows, flags = [], []
    for d in coming:
        what = f"Internal deadline: {d.key_date.title}" if d.internal else d.key_date.title
        rows.append((format_date(d.on), what, d.key_date.body, d.key_date.series, keydates.countdown(d.on, today)))
        flags.append("due_soon" if (d.on - today).days <= 14 else "")
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
