"""The demo centre's rooms, invigilators and a solved summer roster.

Five rooms laid out as desks (rows lettered from the front, the exit and the
invigilator's desk marked), about 45 invigilators (times ``--scale``) with the
availability real teams give (mornings only, a week away, "ask me first"), and a few
compliance problems for the Overview to show: two not trained this year, one with no DBS check
on record, two with checks older than three years. When an earlier step made a
timetable this uses it; on its own it makes a small summer timetable first.
Candidates are seated as every solve seats them (``roster.reseat``), so the readers,
scribes and candidates who sit apart are in the rooms for separate invigilation with
their helpers. At ``--scale 1`` the roster is the full solve's (proved the best), by an
amount of work rather than the clock so the demo is the same on every machine; a bigger
demo gets the solver's quick greedy roster, as the audit log says, which keeps building a
large demo quick: Solve in the window proves the best in a few seconds even at ``--scale 10``.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from eoffice.db.models import Arrangement, Availability, Candidate, Entry, Invigilator, Paper
from eoffice.domain import audit
from eoffice.domain.access import DEFAULT_STARTS
from eoffice.domain.roster.duty_records import apply_result, reseat, scope_for, solve_scope
from eoffice.domain.roster.room_layout import MAX_COLUMNS, MAX_ROWS, RoomLayout, default_layout
from eoffice.domain.roster.room_records import RoomFields, add_room
from eoffice.domain.years import AcademicYear

INVIGILATORS = 45
SPACING = "1.25 m between desks, centre to centre"  # JCQ ICE 11.10
_FIRST = ("Margaret", "Susan", "Peter", "Linda", "Graham", "Janet", "Brian", "Carol", "Alan", "Pauline", "Keith",
          "Gwen", "Hywel", "Siân", "Bernadette", "Declan", "Małgorzata", "Ngozi", "Rajesh", "Yvonne", "Colin", "Aled")
_LAST = ("Ashworth", "Bennett", "Crowther", "Dobson", "Ellis", "Fairbairn", "Gallagher", "Hargreaves", "Iqbal",
         "Jenkins", "Kerr", "Lloyd", "McAllister", "Nuttall", "Ó Súilleabháin", "Pritchard", "Quinn", "Rowntree",
         "Sutcliffe", "Threlfall", "Umeh", "Varley", "Whitworth", "Zielińska")


def roster_step(session: Session, scale: int, today: date, rng: random.Random) -> None:
    year = AcademicYear.current(today)
    if not session.scalar(select(func.count()).select_from(Paper)):
        _small_timetable(session, year.start_year + 1, scale, rng)
    for name, capacity, on_screen, separate, desks in (
        ("Sports Hall", 96 * scale, False, False, RoomLayout(8, 12, exit="back right", invigilator_desk="front")),
        ("Main Hall", 60 * scale, False, False, RoomLayout(6, 10, exit="back left", invigilator_desk="front")),
        ("Library", 24 * scale, True, False, RoomLayout(4, 6, exit="front left", invigilator_desk="front right")),
        ("Room S1", 6 * scale, False, True, RoomLayout(2, 3, exit="back", invigilator_desk="front")),
        ("Room S2", 4 * scale, True, True, RoomLayout(2, 2, exit="front right", invigilator_desk="front left")),
    ):  # fmt: skip
        add_room(session, RoomFields(name, capacity, on_screen, separate, _desks(desks, capacity)))
    for n in range(1, 3 * (scale - 1) + 1):  # a bigger centre has more small rooms for readers and scribes
        add_room(session, RoomFields(f"Room R{n}", 2, n % 3 == 0, True, RoomLayout(1, 2, exit="back",
                                                                                   invigilator_desk="front")))
    days = sorted(set(session.scalars(select(Paper.sat_on).where(Paper.sat_on > year.start, Paper.sat_on <= year.end))))
    ids = _invigilators(session, scale, year, rng)
    _availability(session, ids, days, rng)
    scope = scope_for(year, "Summer")
    reseat(session, scope)
    quick = scale > 1  # a bigger demo keeps the greedy roster; Solve in the window proves the best
    apply_result(session, solve_scope(session, scope, quick=quick, repeatable=True), scope, quick=quick)


def _desks(layout: RoomLayout, capacity: int) -> RoomLayout | None:
    """The room's desks, holding exactly its capacity (other tests count its seats).

    A bigger demo's room is laid out as near square as its capacity allows; one too big
    for the grid a person could type keeps no layout (seating lays its capacity out).
    """
    if layout.rows * layout.columns != capacity:
        grids = [(rows, capacity // rows) for rows in range(1, MAX_ROWS + 1)
                 if capacity % rows == 0 and rows <= capacity // rows <= MAX_COLUMNS]  # fmt: skip
        if grids:
            layout = replace(layout, rows=grids[-1][0], columns=grids[-1][1])
        else:
            fitted = default_layout(capacity)
            if fitted.columns > MAX_COLUMNS:
                return None
            layout = replace(layout, rows=fitted.rows, columns=fitted.columns, off=fitted.off)
    return replace(layout, spacing_note=SPACING)


def _invigilators(session: Session, scale: int, year: AcademicYear, rng: random.Random) -> list[int]:
    count = INVIGILATORS * scale
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(_FIRST)} {rng.choice(_LAST)}")
    rows = []
    ordered = sorted(names)  # a set's order changes with each run's string hashing; the demo must not
    rng.shuffle(ordered)
    for index, name in enumerate(ordered):
        roles = ["invigilator"]
        if index % 11 == 0:
            roles.insert(0, "lead_invigilator")
        if index % 4 == 1:
            roles.append("reader")
        if index % 6 == 2:
            roles.append("scribe")
        if index % 15 == 3:
            roles.append("prompter")
        if index % 20 == 4:
            roles.append("practical_assistant")
        if index % 9 == 5:
            roles.append("on_screen_support")
        trained = year.start + timedelta(days=rng.randint(12, 70))
        dbs = year.start - timedelta(days=rng.randint(30, 700))
        if index in (7, 19):  # trained last year only: cannot be rostered this summer
            trained -= timedelta(days=365)
        if index in (11, 30):  # a check older than the renewal period: a warning
            dbs -= timedelta(days=365 * 3)
        rows.append({
            "name": name, "email": f"{name.split()[0].lower()}.{index + 1}@invigilators.example",
            "phone": f"07700 9{rng.randint(0, 99999):05d}", "roles": ";".join(roles), "trained_on": trained,
            "dbs_checked_on": None if index == 23 else dbs, "confidentiality_on": trained,
            "max_per_day": 1 if index % 10 == 6 else 2, "max_per_week": rng.choice((6, 8, 10, 10)),
            "hourly_rate_pence": rng.choice((1271, 1271, 1300, 1350, 1420)),
            "available_by_default": index % 10 != 8, "active": index != count - 1,
        })  # fmt: skip
    session.execute(insert(Invigilator), rows)
    audit.record(session, "create", "invigilator", None, f"demo: {len(rows)} invigilators")
    return list(session.scalars(select(Invigilator.id).order_by(Invigilator.id)))


def _availability(session: Session, ids: list[int], days: list[date], rng: random.Random) -> None:
    """Answers as teams give them: most say nothing (available), some only mornings, a week away."""
    rows = []
    weeks = sorted({d - timedelta(days=d.weekday()) for d in days})
    for index, invigilator_id in enumerate(ids):
        pattern = index % 10
        away = rng.choice(weeks) if weeks and rng.random() < 0.25 else None
        for day in days:
            for sess in ("AM", "PM"):
                answer: bool | None = None
                if pattern == 8:  # "ask me first": said yes to about a third
                    answer = True if rng.random() < 0.35 else None
                elif ((pattern in (2, 5) and sess == "PM") or (pattern == 3 and day.weekday() == 4)  # mornings only
                      or (away is not None and away <= day < away + timedelta(days=7)) or rng.random() < 0.04):
                    answer = False
                if answer is not None:
                    rows.append({"invigilator_id": invigilator_id, "on": day, "session": sess, "available": answer})
    if rows:
        session.execute(insert(Availability), rows)


def _small_timetable(session: Session, summer: int, scale: int, rng: random.Random) -> None:
    """Only when no earlier step made one: 20 exam days of papers, 150 candidates, a few arrangements."""
    day = date(summer, 5, 10)
    days: list[date] = []
    while len(days) < 20:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    papers = []
    for n, on in enumerate(days):
        for sess in ("AM", "PM"):
            if sess == "PM" and n % 3 == 2:
                continue
            mode = "on_screen" if n % 7 == 3 and sess == "PM" else "written"
            papers.append({"board": "AQA", "code": f"DEMO/{n + 1:02d}{sess}", "title": f"Demo paper {n + 1} {sess}",
                           "sat_on": on, "session": sess, "start_minutes": DEFAULT_STARTS[sess],
                           "duration_minutes": rng.choice((60, 90, 105, 120)), "mode": mode, "qualification": "GCSE"})  # fmt: skip
    session.execute(insert(Paper), papers)
    first = (session.scalar(select(func.max(Candidate.number))) or 0) + 1
    session.execute(insert(Candidate), [
        {"number": first + i, "surname": rng.choice(_LAST), "forenames": rng.choice(_FIRST), "year_group": 11,
         "active": True} for i in range(150 * scale)])  # fmt: skip
    candidates = list(session.scalars(select(Candidate.id)))
    paper_rows = list(session.execute(select(Paper.id, Paper.mode)))
    entries = [{"candidate_id": c, "paper_id": p} for p, mode in paper_rows for c in candidates
               if mode == "written" or rng.random() < 0.15]  # fmt: skip
    session.execute(insert(Entry), entries)
    kinds = (("reader", "reader", None), ("scribe", "scribe", None), ("separate_invigilation", "separate", None),
             ("extra_time_25", "none", 25), ("extra_time_25", "none", 25), ("rest_breaks", "none", None))
    session.execute(insert(Arrangement), [
        {"candidate_id": c, "kind": kind, "route": "aao", "status": "approved", "room_need": need,
         "extra_time_percent": extra, "rest_minutes_per_hour": 10 if kind == "rest_breaks" else None}
        for c, (kind, need, extra) in zip(rng.sample(candidates, 12 * scale), kinds * (2 * scale), strict=False)
    ])  # fmt: skip
    audit.record(session, "create", "paper", None, f"demo: {len(papers)} papers for the roster")
