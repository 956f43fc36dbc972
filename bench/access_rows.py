"""Bench rows for the Access arrangements tab, measured in this process.

Data: the demo centre at ``--scale 10`` (about 1,800 candidates, 20,000 entries and
334 arrangements), the one ``scale10`` builds for every scale-10 row, with today fixed so
the summer is May-June 2027.

Baselines are the plainest code doing the same visible work: a QTableView over a
QStandardItemModel holding the same arrangement (or candidate) rows as text, a bare
QSortFilterProxyModel filter, and one plain SQL join for the busiest session's rows.
The limits: the tab opens in 50 ms or less and filters in 30 ms or less (issue 17; the
other pages are in ``tab_rows_plan_access``); the exam-day view of the busiest session
computes in under 200 ms (issue 5).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import scale10

SCALE = scale10.SCALE
TODAY = scale10.TODAY
OPEN_MS, FILTER_MS, EXAM_DAY_MS = 50, 30, 200  # issue 17 (open, filter); issue 5 (exam day)

_state: dict[str, Any] = {}
_noted: set[str] = set()


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _prepare(workdir: Path) -> dict[str, Any]:
    if _state:
        return _state
    from eoffice.domain import access
    from eoffice.domain.access import exam_day
    from eoffice.domain.years import AcademicYear

    db = scale10.database(workdir)  # shared with the other scale-10 rows, read only
    with db.sessions() as session:
        records = access.arrangements(session)
        people = access.candidates(session)
        busiest = exam_day.busiest_session(session)
    _state.update(db=db, year=AcademicYear.current(TODAY), records=records, people=people, busiest=busiest,
                  workdir=workdir)
    return _state


def _note(key: str, text: str) -> None:
    if key not in _noted:
        _noted.add(key)
        print(f"note: {text}", flush=True)


def _bare_view(rows: list[list[str]]) -> tuple[Any, Any, Any, float]:
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    app = _app()
    start = time.perf_counter()
    model = QStandardItemModel()
    for row in rows:
        model.appendRow([QStandardItem(cell) for cell in row])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1300, 800)
    view.show()
    app.processEvents()
    seconds = time.perf_counter() - start
    view.close()
    return model, proxy, view, seconds


def _arrangement_text(state: dict[str, Any]) -> list[list[str]]:
    names = {c.id: c.name for c in state["people"]}
    return [[f"{r.candidate_number:04d}", names[r.candidate_id], r.label, str(r.extra_time_percent or ""),
             str(r.rest_minutes_per_hour or ""), r.route, r.status, str(r.approved_on or ""), str(r.expires_on or ""),
             r.room_need, ""] for r in state["records"]]


def _candidate_text(state: dict[str, Any]) -> list[list[str]]:
    return [[c.number_text, c.surname, c.forenames, str(c.fields.date_of_birth or ""), str(c.year_group or ""),
             c.form or "", c.fields.uci or "", c.fields.uln or "", "", "", ""] for c in state["people"]]


# --- the tab opening -------------------------------------------------------------------------------

def bare_table_open(ctx: Any) -> float:
    """A QTableView over a QStandardItemModel holding the same arrangement rows as text."""
    state = _prepare(ctx.workdir)
    model, proxy, view, seconds = _bare_view(_arrangement_text(state))
    state["bare_arrangements"] = (model, proxy, view)
    return seconds


def access_tab_open(ctx: Any) -> float:
    """eoffice's Access arrangements tab: the register read, warnings worked out, shown."""
    from eoffice.ui.context import AppContext
    from eoffice.ui.tabs.access_tab import AccessTab

    state, app = _prepare(ctx.workdir), _app()
    _note("open", f"access tab at scale {SCALE}: {len(state['people'])} candidates, {len(state['records'])} "
                  "arrangements; the register is the page it opens on")
    start = time.perf_counter()
    context = AppContext(state["db"], state["year"], today=TODAY)
    tab = AccessTab(context)
    tab.resize(1300, 800)
    tab.show()
    app.processEvents()
    seconds = time.perf_counter() - start
    tab.close()
    old = state.get("tab")
    if old is not None:  # gone now, outside the timing: processEvents never runs a deleteLater
        from PySide6.QtCore import QCoreApplication, QEvent

        old.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    state["tab"] = tab
    return seconds


# --- filtering -------------------------------------------------------------------------------------

def _bare_filter(proxy: Any, word: str) -> float:
    proxy.setFilterKeyColumn(-1)
    start = time.perf_counter()
    proxy.setFilterFixedString(word)
    proxy.rowCount()
    proxy.setFilterFixedString("")
    return time.perf_counter() - start


def bare_filter(ctx: Any) -> float:
    state = _prepare(ctx.workdir)
    if "bare_arrangements" not in state:
        bare_table_open(ctx)
    return _bare_filter(state["bare_arrangements"][1], "extra")


def access_filter(ctx: Any) -> float:
    """Typing a word in the register's filter box (after its pause), then clearing it."""
    state = _prepare(ctx.workdir)
    if "tab" not in state:
        access_tab_open(ctx)
    proxy = state["tab"].register.proxy
    start = time.perf_counter()
    proxy.set_text("extra")
    proxy.rowCount()
    proxy.set_text("")
    return time.perf_counter() - start


def bare_candidate_filter(ctx: Any) -> float:
    state = _prepare(ctx.workdir)
    if "bare_candidates" not in state:
        model, proxy, view, _seconds = _bare_view(_candidate_text(state))
        state["bare_candidates"] = (model, proxy, view)
    return _bare_filter(state["bare_candidates"][1], "smith")


def access_candidate_filter(ctx: Any) -> float:
    """The same on the Candidates page, the tab's longest list."""
    state = _prepare(ctx.workdir)
    if "tab" not in state:
        access_tab_open(ctx)
    tab = state["tab"]
    tab.show_page(tab.page_index(tab.candidates))
    proxy = tab.candidates.proxy
    start = time.perf_counter()
    proxy.set_text("smith")
    proxy.rowCount()
    proxy.set_text("")
    return time.perf_counter() - start


# --- exam day --------------------------------------------------------------------------------------

BARE_EXAM_DAY = """
SELECT c.number, c.surname, c.forenames, p.code, p.title, p.start_minutes, p.duration_minutes,
       a.kind, a.extra_time_percent, a.rest_minutes_per_hour, a.room_need
FROM entry e JOIN paper p ON p.id = e.paper_id JOIN candidate c ON c.id = e.candidate_id
JOIN arrangement a ON a.candidate_id = c.id
WHERE p.sat_on = :day AND p.session = :session AND a.status = 'approved'
  AND (a.expires_on IS NULL OR a.expires_on >= :day)
ORDER BY c.number, p.start_minutes, p.code
"""


def bare_exam_day(ctx: Any) -> float:
    """One plain SQL join fetching the same rows, nothing worked out."""
    from sqlalchemy import text

    state = _prepare(ctx.workdir)
    day, session_name = state["busiest"]
    with state["db"].sessions() as session:
        start = time.perf_counter()
        session.execute(text(BARE_EXAM_DAY), {"day": day.isoformat(), "session": session_name}).all()
        return time.perf_counter() - start


def access_exam_day(ctx: Any) -> float:
    """The exam-day page's computation for the busiest session: its list with finish times, the
    room plans (one seating of the session, ``examday.session_and_kit``) and the clashes of that day."""
    from eoffice.ui.tabs.exam_day_view import exam_day_data

    state = _prepare(ctx.workdir)
    day, session_name = state["busiest"]
    with state["db"].sessions() as session:
        start = time.perf_counter()
        rows, found = exam_day_data(session, day, session_name)
        seconds = time.perf_counter() - start
    _note("exam-day", f"busiest session {day.isoformat()} {session_name}: {len(rows)} sittings with arrangements, "
                      f"{len(found)} clashes that day")
    return seconds
