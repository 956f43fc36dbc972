"""Bench rows for the annual exams plan, measured in this process.

Data: 10 academic years of 500 tasks each (5,000 tasks), the size issue 3 asks for.
Baselines are the plainest Qt and openpyxl code doing the same visible work, so the
ratios say what eoffice's own layers cost.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

YEARS = 10
TASKS_PER_YEAR = 500
FIRST_YEAR = 2021
TODAY = date(2026, 11, 23)

_state: dict[str, Any] = {}


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _prepare(workdir: Path) -> dict[str, Any]:
    if _state:
        return _state
    from sqlalchemy import insert

    from eoffice.db.models import PlanTask
    from eoffice.db.session import open_database
    from eoffice.domain import plan
    from eoffice.domain.series import ensure_year
    from eoffice.domain.years import AcademicYear

    db = open_database(workdir / "plan-bench.sqlite3")
    phases = ["planning", "entries", "pre_exams", "exam_time", "results", "other"]
    owners = ["exams_officer", "exams_assistant", "senco", "finance", "heads_of_department", "line_manager"]
    statuses = ["not_started", "in_progress", "done", "not_applicable"]
    with db.session() as session:
        for offset in range(YEARS):
            year = AcademicYear(FIRST_YEAR + offset)
            year_id = ensure_year(session, year).id
            rows = [
                {
                    "year_id": year_id,
                    "title": f"Task {i} for {year.label}: check entries and access arrangements",
                    "phase": phases[i % 6],
                    "owner": owners[i % 6],
                    "due": year.start + timedelta(days=(i * 7) % 364),
                    "status": statuses[i % 4],
                    "done_on": year.start if i % 4 == 2 else None,
                    "notes": "Ring the board if unsure" if i % 3 == 0 else "",
                    "date_rule": "fixed" if i % 2 else "weekday",
                }
                for i in range(TASKS_PER_YEAR)
            ]
            session.execute(insert(PlanTask), rows)
    year = AcademicYear(2026)
    with db.sessions() as session:
        tasks = plan.tasks(session, year)
    _state.update(db=db, year=year, tasks=tasks, workdir=workdir)
    return _state


def _rows_as_text(tasks: list[Any]) -> list[list[str]]:
    return [[t.due.strftime("%d/%m/%Y"), t.title, t.phase, t.owner, t.status, "", "", t.date_rule, t.notes] for t in tasks]


def bare_table_open(ctx: Any) -> float:
    """A QTableView over a QStandardItemModel holding the same 500 rows of text."""
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    state, app = _prepare(ctx.workdir), _app()
    start = time.perf_counter()
    model = QStandardItemModel()
    for row in _rows_as_text(state["tasks"]):
        model.appendRow([QStandardItem(cell) for cell in row])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.show()
    app.processEvents()
    seconds = time.perf_counter() - start
    view.close()
    state["bare_proxy"] = (model, proxy, view)
    return seconds


def plan_tab_open(ctx: Any) -> float:
    """eoffice's plan tab for one year of the ten: query, model, board of 12 months, charts."""
    from eoffice.ui.context import AppContext
    from eoffice.ui.tabs.plan_tab import PlanTab

    state, app = _prepare(ctx.workdir), _app()
    start = time.perf_counter()
    context = AppContext(state["db"], state["year"], today=TODAY)
    tab = PlanTab(context)
    tab.resize(1300, 800)
    tab.show()
    app.processEvents()
    seconds = time.perf_counter() - start
    tab.close()
    state["tab"] = tab
    return seconds


def bare_filter(ctx: Any) -> float:
    state = _prepare(ctx.workdir)
    if "bare_proxy" not in state:
        bare_table_open(ctx)
    _model, proxy, _view = state["bare_proxy"]
    proxy.setFilterKeyColumn(-1)
    start = time.perf_counter()
    proxy.setFilterFixedString("entries")
    proxy.rowCount()
    proxy.setFilterFixedString("")
    return time.perf_counter() - start


def plan_filter(ctx: Any) -> float:
    """Typing a word in the plan's filter box (after its pause), then clearing it."""
    state = _prepare(ctx.workdir)
    if "tab" not in state:
        plan_tab_open(ctx)
    tab = state["tab"]
    start = time.perf_counter()
    tab._text_changed("entries")
    tab.proxy.rowCount()
    tab._text_changed("")
    return time.perf_counter() - start


def bare_openpyxl(ctx: Any) -> float:
    from openpyxl import Workbook

    state = _prepare(ctx.workdir)
    rows = [[t.id, t.title, t.phase, t.owner, t.start, t.due, t.status, t.done_on, t.date_rule, "", t.notes] for t in state["tasks"]]
    start = time.perf_counter()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Task", "Phase", "Owner", "Start", "Due", "Status", "Done on", "Rule", "Flag", "Notes"])
    for row in rows:
        sheet.append(row)
    workbook.save(state["workdir"] / "bare.xlsx")
    return time.perf_counter() - start


def plan_xlsx(ctx: Any) -> float:
    from eoffice.io.plan_xlsx import write_plan_xlsx

    state = _prepare(ctx.workdir)
    start = time.perf_counter()
    write_plan_xlsx(state["workdir"] / "plan.xlsx", state["year"], state["tasks"], TODAY)
    return time.perf_counter() - start
