"""Bench rows for exam day (issue 12): seating a whole summer and printing its busiest plans.

Data: the demo centre at ``--scale 3`` and ``--scale 10`` (reusing the roster and access
rows' databases when they are built), today fixed so the summer is May-June 2027.

Baselines are the plainest code doing the same visible work: one SQL query fetching every
summer entry in session, room and candidate order (nothing worked out), and fpdf2 drawing one
box per desk of the same rooms with no layout rules. Limits from issue 12: the whole summer
is seated in under 1 s.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import roster_rows  # beside this file

SEAT_MS = 1000
SUMMER = (date(2027, 5, 1), date(2027, 7, 31))
_noted: set[str] = set()

BARE_SUMMER = """
SELECT p.sat_on, p.session, pl.room_id, c.number, p.code, p.start_minutes, p.duration_minutes
FROM entry e JOIN paper p ON p.id = e.paper_id JOIN candidate c ON c.id = e.candidate_id
LEFT JOIN placement pl ON pl.candidate_id = c.id AND pl."on" = p.sat_on AND pl.session = p.session
WHERE p.sat_on BETWEEN :start AND :end
ORDER BY p.sat_on, p.session, pl.room_id, c.number
"""


def _note(key: str, text: str) -> None:
    if key not in _noted:
        _noted.add(key)
        print(f"note: {text}", flush=True)


def _bare_summer(ctx: Any, scale: int) -> float:
    from sqlalchemy import text

    db = roster_rows._demo(ctx.workdir, scale)
    with db.sessions() as session:
        start = time.perf_counter()
        session.execute(text(BARE_SUMMER), {"start": SUMMER[0].isoformat(), "end": SUMMER[1].isoformat()}).all()
        return time.perf_counter() - start


def _seat_summer(ctx: Any, scale: int) -> float:
    from eoffice.domain import examday

    db = roster_rows._demo(ctx.workdir, scale)
    with db.sessions() as session:
        start = time.perf_counter()
        seated = examday.seat_sessions(session, *SUMMER)
        seconds = time.perf_counter() - start
    rows = sum(len(s.rows) for s in seated)
    _note(f"seat{scale}", f"summer at scale {scale}: {len(seated)} sessions, {rows} sittings seated in rooms and desks")
    return seconds


def bare_summer_3(ctx: Any) -> float:
    return _bare_summer(ctx, 3)


def seat_summer_3(ctx: Any) -> float:
    """Every session of the summer seated in rooms and desks (``examday.seat_sessions``), scale 3."""
    return _seat_summer(ctx, 3)


def bare_summer_10(ctx: Any) -> float:
    return _bare_summer(ctx, 10)


def seat_summer_10(ctx: Any) -> float:
    """The same at scale 10."""
    return _seat_summer(ctx, 10)


def _busiest(ctx: Any) -> tuple[Any, tuple[date, str]]:
    from eoffice.domain.access import busiest_session

    db = roster_rows._demo(ctx.workdir, 3)
    with db.sessions() as session:
        found = busiest_session(session)
    assert found is not None
    return db, found


def bare_plan_pdf(ctx: Any) -> float:
    """fpdf2 alone: one landscape page per room of the busiest session, a box per desk."""
    from fpdf import FPDF

    from eoffice.domain import examday

    db, (day, sess) = _busiest(ctx)
    with db.sessions() as session:
        kit = examday.kit_for(session, day, sess)
    start = time.perf_counter()
    pdf = FPDF(orientation="landscape")
    pdf.set_font("helvetica", size=6)
    for plan in kit.plans:
        pdf.add_page()
        w, h = 270 / max(plan.columns, 1), 150 / max(plan.rows, 1)
        for seat in plan.seats:
            pdf.rect(10 + seat.column * w, 30 + seat.row * h, w * 0.9, h * 0.9)
            pdf.text(11 + seat.column * w, 33 + seat.row * h, seat.candidate)
    pdf.output(str(Path(ctx.workdir) / "bare-plan.pdf"))
    return time.perf_counter() - start


def seating_plan_pdf(ctx: Any) -> float:
    """eoffice's seating plans of the busiest session at scale 3: the kit read and the PDF written."""
    from eoffice.domain import examday
    from eoffice.io.exam_day_pdf import write_exam_day_pdf

    db, (day, sess) = _busiest(ctx)
    with db.sessions() as session:
        start = time.perf_counter()
        kit = examday.kit_for(session, day, sess)
        write_exam_day_pdf(Path(ctx.workdir) / "seating-plan.pdf", kit, "seating-plan")
        seconds = time.perf_counter() - start
    _note("plan", f"busiest session {day.isoformat()} {sess} at scale 3: {len(kit.plans)} rooms, "
                  f"{sum(len(p.seats) for p in kit.plans)} desks in use")
    return seconds
