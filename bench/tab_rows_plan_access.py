"""Bench rows for the plan tab and every page of the Access arrangements tab at ``--scale 10``
(issue 17), measured in this process.

Data: the shared demo centre at ten times a large school (``scale10``: about 1,800
candidates, 20,000 entries, 334 arrangements, 57 papers; the current year's plan of 72
tasks), with today fixed at 23/11/2026. The 5,000-task plan rows stay in ``plan_rows``.

What is timed, and against what, in the same run:

* **open**: the plan tab (or the Access tab, which opens on its register) built on a fresh
  window context, its data read from the database, shown, and ``processEvents()`` until it
  has painted. For another page of the Access tab, the click on its button in a tab just
  opened: the page built, read and painted. The Exam day page is clicked once the tab has
  read its view ahead (``finish_reading_ahead``: what the tab reads when the window is idle
  after it paints, not timed, as the officer is reading the register meanwhile); a note gives
  what that read costs and the page clicked before it (cold), each a median of ``NOTE_RUNS``
  tabs of their own. The baseline is a widget of bare QTableViews,
  one per table the page shows, over QStandardItemModels holding the same rows as text (read
  back from eoffice's own models), with as many labels, shown the same way.
* **filter**: a word typed in the page's filter box (what its pause then says to the page),
  the rows counted, the box cleared. The baseline is a bare QSortFilterProxyModel's
  fixed-string filter over the same text, case-insensitive, every column.
* **edit**: one edit's round trip through the command the tab uses (undoable, audited)
  until the table shows it and the event loop is idle: a plan task's status, an
  arrangement's status in the register, each flipped in turn. The baseline is one plain
  SQL ``UPDATE`` committed and one QStandardItem's text set. The edit rows work on their
  own copy of the database, so the shared file stays as the other rows read it.

The limits from issue 17: each opens in 50 ms or less and filters in 30 ms or less; an
edit's round trip is under 30 ms.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import scale10
from page_rows import EDIT_MS, FILTER_MS, OPEN_MS, bare_edit, edit_context, keep
from page_rows import bare as _bare
from page_rows import bare_filter as _bare_filter
from page_rows import gone as _gone
from page_rows import labels as _labels
from page_rows import note as _note
from page_rows import settled as _settled
from page_rows import shown as _shown
from page_rows import text_of as _text_of
from page_rows import typed as _typed

_state: dict[str, Any] = {}
NOTE_RUNS = 5  # tabs for the exam day note's figures (the page cold, the read ahead), each the median


def _workdir(ctx: Any) -> Path:
    return Path(ctx.workdir)


# --- keeping widgets, and a page's shape for its baseline ----------------------------------------


def _keep(key: str, widget: Any) -> None:
    keep(_state, key, widget)


def _shape(page: Any, models: list[Any] | None = None) -> tuple[list[list[list[str]]], int]:
    """The text of each table a page shows (or of ``models``), and how many labels it shows:
    the baseline's."""
    from PySide6.QtWidgets import QTableView

    if models is None:
        models = [view.model() for view in page.findChildren(QTableView) if view.isVisibleTo(page)]
    return [_text_of(model) for model in models], _labels(page)


# --- the pages ---------------------------------------------------------------------------------------


def _plan_tab(ctx: Any) -> tuple[Any, float]:
    from eoffice.ui.tabs.plan_tab import PlanTab

    return _shown(lambda: PlanTab(scale10.context(_workdir(ctx))))


def _access_tab(ctx: Any) -> tuple[Any, float]:
    from eoffice.ui.tabs.access_tab import AccessTab

    return _shown(lambda: AccessTab(scale10.context(_workdir(ctx))))


def _access_page(index: int) -> Callable[[Any], tuple[Any, float]]:
    def open_page(ctx: Any) -> tuple[Any, float]:
        """The click on a page's button in an Access tab just opened on its register."""
        tab, _seconds = _access_tab(ctx)
        app = scale10.app()
        start = time.perf_counter()
        tab.buttons.button(index).click()
        app.processEvents()
        return tab, time.perf_counter() - start

    return open_page


def _clicked(tab: Any, index: int) -> float:
    """Seconds from the click on a page's button until the page has painted."""
    app = scale10.app()
    _settled()
    start = time.perf_counter()
    tab.buttons.button(index).click()
    app.processEvents()
    return time.perf_counter() - start


def _exam_day_note(ctx: Any, index: int) -> None:
    """What the Exam day row leaves out, measured once on tabs of their own and printed as a note:
    the page clicked before the tab has read ahead (cold: it reads its view itself), and the
    read ahead (the view of the session the page opens on, and the timetable's sessions)."""
    if "exam-day-note" in _state:
        return
    _state["exam-day-note"] = True
    cold, ahead = [], []
    for _ in range(NOTE_RUNS):
        tab, _seconds = _access_tab(ctx)
        cold.append(_clicked(tab, index))
        _gone(tab)
        tab, _seconds = _access_tab(ctx)
        _settled()
        start = time.perf_counter()
        tab.finish_reading_ahead()
        ahead.append(time.perf_counter() - start)
        assert tab.data.views_ahead, "the tab read nothing ahead"
        _gone(tab)
    _note("exam-day-ahead", f"the Access tab reads the Exam day page's view ahead when the window is idle after a "
                            f"refresh: {statistics.median(ahead) * 1000:.0f} ms (median of {NOTE_RUNS}); the page "
                            f"clicked before that read (cold) opens in {statistics.median(cold) * 1000:.0f} ms")


def _exam_day(index: int) -> Callable[[Any], tuple[Any, float]]:
    def open_page(ctx: Any) -> tuple[Any, float]:
        """The click on the Exam day button in an Access tab just opened on its register, once the
        tab has read the page's view ahead (not timed: the note says what that costs)."""
        _exam_day_note(ctx, index)  # the first time only
        tab, _seconds = _access_tab(ctx)
        tab.finish_reading_ahead()
        assert tab.data.views_ahead, "the tab read nothing ahead"
        return tab, _clicked(tab, index)

    return open_page


class Page:
    """One page: how to open it, what it shows (for the baseline), and its filter box."""

    def __init__(self, key: str, open_page: Callable[[Any], tuple[Any, float]], shown: Callable[[Any], Any],
                 word: str = "", filtered: Callable[[Any], tuple[Any, Any]] | None = None,
                 models: Callable[[Any], list[Any]] | None = None) -> None:
        self.key, self.open_page, self.shown, self.word, self.filtered = key, open_page, shown, word, filtered
        self.models = models  # the models whose rows the baseline's tables hold; None: the tables shown

    def subject(self, ctx: Any) -> float:
        widget, seconds = self.open_page(ctx)
        if f"{self.key}-shape" not in _state:
            page = self.shown(widget)
            shape = _shape(page, self.models(widget) if self.models is not None else None)
            if self.filtered is not None:  # the filtered table first: the one the baseline filters
                _box, proxy = self.filtered(widget)
                first = _text_of(proxy)
                shape[0].sort(key=lambda table: table != first)
            _state[f"{self.key}-shape"] = shape
            _note(self.key, f"{self.key}: {len(shape[0])} table(s), {sum(len(t) for t in shape[0])} rows, "
                            f"{shape[1]} labels shown")
        _keep(self.key, widget)
        return seconds

    def baseline(self, ctx: Any) -> float:
        if f"{self.key}-shape" not in _state:
            self.subject(ctx)
        tables, labels = _state[f"{self.key}-shape"]
        widget, proxies, seconds = _bare(tables, labels)
        old = _state.get(f"{self.key}-bare")
        if old is not None:
            _gone(old[0])
        _state[f"{self.key}-bare"] = (widget, proxies)
        return seconds

    def filter_subject(self, ctx: Any) -> float:
        assert self.filtered is not None
        if self.key not in _state:
            self.subject(ctx)
        box, proxy = self.filtered(_state[self.key])
        return _typed(box, proxy, self.word)

    def filter_baseline(self, ctx: Any) -> float:
        if f"{self.key}-bare" not in _state:
            self.baseline(ctx)
        _widget, proxies = _state[f"{self.key}-bare"]
        return _bare_filter(proxies[0], self.word)


def _page_of(attribute: str) -> Callable[[Any], Any]:
    return lambda tab: getattr(tab, attribute)


def _filter_of(attribute: str) -> Callable[[Any], tuple[Any, Any]]:
    def filtered(tab: Any) -> tuple[Any, Any]:
        page = getattr(tab, attribute)
        return page.text_filter, page.proxy

    return filtered


# Page numbers of the Access tab's buttons: register, candidates, timetable, exam day, incidents, warnings.
PAGES: dict[str, Page] = {
    # The plan opens on its board (twelve lists of cards): the baseline is a table of the same tasks.
    "plan": Page("plan", _plan_tab, lambda tab: tab, "entries", lambda tab: (tab.text_filter, tab.proxy),
                 lambda tab: [tab.proxy]),
    "access register": Page("access register", _access_tab, _page_of("register"), "extra", _filter_of("register")),
    "access candidates": Page("access candidates", _access_page(1), _page_of("candidates"), "smith",
                              _filter_of("candidates")),
    "access timetable": Page("access timetable", _access_page(2), _page_of("timetable"), "maths",
                             _filter_of("timetable")),
    "access exam day": Page("access exam day", _exam_day(3), _page_of("exam_day")),
    "access incidents": Page("access incidents", _access_page(4), _page_of("incidents"), "late",
                             _filter_of("incidents")),
    "access warnings": Page("access warnings", _access_page(5), _page_of("warnings"), "expires",
                            _filter_of("warnings")),
}


# --- edits ---------------------------------------------------------------------------------------


def _edit_context(ctx: Any) -> Any:
    return edit_context(_workdir(ctx), "plan-access-edits.sqlite3")


def _bare_edit(ctx: Any, sql: str, values: tuple[str, str]) -> float:
    return bare_edit(_workdir(ctx), "plan-access-edits.sqlite3", sql, values)


def bare_plan_edit(ctx: Any) -> float:
    return _bare_edit(ctx, "UPDATE plan_task SET status = ? WHERE id = (SELECT min(id) FROM plan_task)",
                      ("in_progress", "done"))


def plan_edit(ctx: Any) -> float:
    """Mark the first task of the plan's table done, then in progress, in turn, as the tab's
    "Mark done" does (``plan_commands.set_status``), until the table shows it."""
    from eoffice.domain.plan import Task
    from eoffice.ui import plan_commands
    from eoffice.ui.models.record_table import RECORD_ROLE
    from eoffice.ui.tabs.plan_tab import PlanTab

    if "plan-edit" not in _state:
        tab, _seconds = _shown(lambda: PlanTab(_edit_context(ctx)))
        tab.table_button.click()
        scale10.app().processEvents()
        _state["plan-edit"] = tab
    tab, app = _state["plan-edit"], scale10.app()
    task: Task = tab.proxy.index(0, 0).data(RECORD_ROLE)
    status = "in_progress" if task.status == "done" else "done"
    start = time.perf_counter()
    plan_commands.set_status(tab.context, [task], status)
    app.processEvents()
    seconds = time.perf_counter() - start
    shown = tab.proxy.index(0, 0).data(RECORD_ROLE)
    assert shown.id == task.id and shown.status == status, "the table does not show the edit"
    return seconds


def bare_register_edit(ctx: Any) -> float:
    return _bare_edit(ctx, "UPDATE arrangement SET status = ? WHERE id = (SELECT min(id) FROM arrangement)",
                      ("evidence", "applied"))


def register_edit(ctx: Any) -> float:
    """Set the first arrangement of the register to "Applied", then "Evidence gathered", in
    turn, as its "Set status" menu does (``access_commands.set_status``), until the register
    shows it: the arrangement read again and the year's warnings worked out again."""
    from eoffice.ui import access_commands
    from eoffice.ui.models.record_table import RECORD_ROLE
    from eoffice.ui.tabs.access_tab import AccessTab

    if "register-edit" not in _state:
        tab, _seconds = _shown(lambda: AccessTab(_edit_context(ctx)))
        _state["register-edit"] = tab
    tab, app = _state["register-edit"], scale10.app()
    row = tab.register.proxy.index(0, 0).data(RECORD_ROLE)
    status = "evidence" if row.record.status == "applied" else "applied"
    start = time.perf_counter()
    access_commands.set_status(tab.context, [row.record], status)
    app.processEvents()
    seconds = time.perf_counter() - start
    shown = tab.register.proxy.index(0, 0).data(RECORD_ROLE)
    assert shown.id == row.id and shown.record.status == status, "the register does not show the edit"
    return seconds


# --- the rows, for bench.py ------------------------------------------------------------------------


# Rows ``access_rows`` already has (the tab's opening on its register, the register's and the
# candidates' filters): not measured twice.
IN_ACCESS_ROWS = frozenset({"access register open", "access register filter typed", "access candidates filter typed"})


def rows(row: Callable[..., Any]) -> list[Any]:
    """Every row of this file, made with bench.py's ``Row``."""
    made = []
    for name, page in PAGES.items():
        if f"{name} open" not in IN_ACCESS_ROWS:
            made.append(row(f"{name} open, scale 10", page.baseline, page.subject, None, OPEN_MS))
        if page.filtered is not None and f"{name} filter typed" not in IN_ACCESS_ROWS:
            made.append(row(f"{name} filter typed, scale 10", page.filter_baseline, page.filter_subject, None,
                            FILTER_MS))
    made.append(row("plan edit round trip (task status), scale 10", bare_plan_edit, plan_edit, None, EDIT_MS))
    made.append(row("access register edit round trip (status), scale 10", bare_register_edit, register_edit, None,
                    EDIT_MS))
    return made
