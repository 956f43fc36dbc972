"""Bench rows for the invigilation roster, measured in this process.

Data: the demo centre's summer series at --scale 1 and --scale 3 (built once, with
today fixed so the summer is May-June 2027), at --scale 10 (``scale10``'s database,
shared with the other scale-10 rows: about 600 rooms in use, 1,800 places, 450
invigilators), and a synthetic whole summer of 60 sessions, 4 rooms and 45
invigilators, the size issue 6 asks to solve in under 10 s.

Baseline: the solver's quick mode, its greedy roster (every hard rule kept, nothing
proven), so the ratio says what proving the roster the best costs. Subject: the full
solve with its settings (2 workers; fixed work, so the answer does not depend on the
machine). Issue 17's limits: scale 3 proven optimal within 5 s, scale 10 with the
fewest shortfalls proven within 30 s, the others within 10 s. Each subject prints a
``note:`` line: the status, whether it is proven optimal, the gap, the places short
and whether no roster could have fewer (the proven bound).
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 23)
LIMIT_MS = 10_000
SCALE3_LIMIT_MS = 5_000  # issue 17: the demo summer at --scale 3 proven optimal in 5 s
SCALE10_LIMIT_MS = 30_000  # and at --scale 10 the fewest shortfalls proven in 30 s

_state: dict[str, Any] = {}
_noted: set[str] = set()


def _demo(workdir: Path, scale: int) -> Any:
    key = f"demo{scale}"
    if scale == 10:
        import scale10  # beside this file: one scale-10 database for every row

        return scale10.database(workdir)
    if key not in _state:
        from eoffice.db.session import open_database
        from eoffice.domain.demo import build_demo

        db = open_database(workdir / f"roster-bench-{scale}.sqlite3")
        with db.session() as session:
            build_demo(session, scale=scale, today=TODAY)
        _state[key] = db
    return _state[key]


def _note(label: str, result: Any) -> None:
    if label in _noted:
        return
    _noted.add(label)
    gap = "unknown" if result.gap is None else f"{100 * result.gap:.3f}%"
    places = sum(r.needed for r in result.requirements)
    sessions = len({r.slot for r in result.requirements})
    proven = "proven optimal" if result.status == "optimal" else "not proven optimal"
    short = sum(s.needed - s.assigned for s in result.shortfalls)
    if result.short_bound is None:
        fewest = "no bound"
    elif result.short_bound == short:
        fewest = f"the fewest possible, proven: bound {result.short_bound}"
    else:
        fewest = f"not proven the fewest: bound {result.short_bound}"
    print(f"note: {label}: {result.status} ({proven}), gap {gap}, {result.seconds:.2f} s, {sessions} sessions, "
          f"{len(result.requirements)} rooms in use, {places} places, {len(result.load)} invigilators, "
          f"{_count(len(result.shortfalls), 'room')} short, {_count(short, 'place')} short ({fewest})", flush=True)  # fmt: skip


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _solve_demo(ctx: Any, scale: int, quick: bool) -> float:
    from eoffice.domain.roster import scope_for, solve_scope
    from eoffice.domain.years import AcademicYear

    db = _demo(ctx.workdir, scale)
    with db.sessions() as session:
        start = time.perf_counter()
        result = solve_scope(session, scope_for(AcademicYear.current(TODAY), "Summer"), quick=quick)
        seconds = time.perf_counter() - start
    if not quick:
        _note(f"demo summer, scale {scale}", result)
    return seconds


def quick_demo_1(ctx: Any) -> float:
    return _solve_demo(ctx, 1, True)


def solve_demo_1(ctx: Any) -> float:
    return _solve_demo(ctx, 1, False)


def quick_demo_3(ctx: Any) -> float:
    return _solve_demo(ctx, 3, True)


def solve_demo_3(ctx: Any) -> float:
    return _solve_demo(ctx, 3, False)


def quick_demo_10(ctx: Any) -> float:
    return _solve_demo(ctx, 10, True)


def solve_demo_10(ctx: Any) -> float:
    return _solve_demo(ctx, 10, False)


def synthetic_summer(invigilators: int = 45, seed: int = 3) -> tuple[list[Any], list[Any]]:
    """30 exam days, 60 sessions, two halls and two rooms for separate invigilation, 45 invigilators."""
    from eoffice.domain.roster import Person, Requirement

    rng = random.Random(seed)
    days, day = [], date(2027, 5, 10)
    while len(days) < 30:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    needs = []
    for on in days:
        for sess, start in (("AM", 540), ("PM", 810)):
            total = rng.randint(40, 200)
            for rid, name, cap in ((1, "Sports Hall", 120), (2, "Main Hall", 90)):
                if total > 0:
                    n = min(total, cap)
                    finish = start + rng.choice((60, 90, 105, 120, 135)) + 30
                    needs.append(Requirement(on, sess, rid, name, tuple(range(n)), (("written", n),), -(-n // 30), (),
                                             start, finish))  # fmt: skip
                    total -= cap
            for rid, name in ((3, "Room S1"), (4, "Room S2")):
                if rng.random() < 0.5:
                    helpers = (("reader", 1),) if rng.random() < 0.5 else ()
                    needs.append(Requirement(on, sess, rid, name, (0,), (("written", 1),), 1, helpers, start, start + 150))
    people = []
    for i in range(1, invigilators + 1):
        slots = frozenset((d, s) for d in days for s in ("AM", "PM")
                          if rng.random() > 0.15 and not (i % 5 == 0 and s == "PM"))  # fmt: skip
        roles = frozenset({"invigilator", "reader"} if i % 5 == 1 else {"invigilator"})
        people.append(Person(i, f"Invigilator {i}", roles, 2, rng.choice((6, 8, 10)), slots, {}))
    return needs, people


def _solve_synthetic(quick: bool) -> float:
    from eoffice.domain.roster import solve

    if "synthetic" not in _state:
        _state["synthetic"] = synthetic_summer()
    needs, people = _state["synthetic"]
    start = time.perf_counter()
    result = solve(needs, people, max_seconds=10, quick=quick)
    seconds = time.perf_counter() - start
    if not quick:
        _note("synthetic summer, 60 sessions x 4 rooms x 45 invigilators", result)
    return seconds


def quick_synthetic(ctx: Any) -> float:
    return _solve_synthetic(True)


def solve_synthetic(ctx: Any) -> float:
    return _solve_synthetic(False)
