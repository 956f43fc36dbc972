"""Bench rows for the Overview, Key dates, Invigilators and Professional Standards tabs at
``--scale 10`` (issue 17), measured in this process.

Data: the shared demo centre at ten times a large school (``scale10``: about 1,800
candidates, 20,000 entries, 450 invigilators, 32 rooms, 1,800 roster assignments), with
today fixed at 23/11/2026 and the roster's series the summer of 2027.

What is timed, and against what, in the same run:

* **open**: the tab built on a fresh window context (its data read from the database),
  shown, and ``processEvents()`` until it has painted, including anything it queues for
  "after the first paint". For a page inside a tab (the Invigilators tab's Rooms, Seating,
  grid and load; Standards' sections; the key-date calendar), the click that shows it on
  a tab just opened. The baseline is a bare QTableView per table over a
  QStandardItemModel holding the same rows as text (read back from eoffice's own models),
  with the same number of labels, shown the same way.
* **filter**: a word typed in the page's filter box (after its pause), the rows counted,
  the box cleared: ``proxy.set_text``, as in ``access_rows``. The baseline is a bare
  QSortFilterProxyModel's fixed-string filter over the same text.
* **edit**: one edit's round trip through the command the tab uses (undoable, audited)
  until the table shows it and the event loop is idle: a key date marked done or not
  done, an assignment on the roster grid locked or unlocked. The baseline is one plain
  SQL ``UPDATE`` committed and one QStandardItem's text set. The edit rows work on their
  own copy of the database, so the shared file stays as the other rows read it.

Each timed run (and its baseline) starts after a ``gc.collect()``, so garbage the runs before it
left does not make it pay for a collection it did not cause.

The Invigilators tab reads ahead after it has painted, a step at a time between the window's
events: its series' seating (about a second here) a day of exams at a time, then the assignments
and availability. The page rows click once that is done (the officer is reading the Team page
meanwhile), and a note gives what it cost in all and its longest step (the longest the window
waits).

The limits from issue 17: each opens in 50 ms or less and filters in 30 ms or less; an
edit's round trip is under 30 ms.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import scale10
from page_rows import EDIT_MS, FILTER_MS, OPEN_MS, bare_edit, edit_context, keep
from page_rows import bare as _bare
from page_rows import bare_filter as _bare_filter
from page_rows import labels as _labels
from page_rows import note as _note
from page_rows import settled as _settled
from page_rows import shown as _shown
from page_rows import text_of as _text_of
from page_rows import typed as _filter

_state: dict[str, Any] = {}


def _keep(key: str, widget: Any) -> None:
    keep(_state, key, widget)


# --- what each page shows, as text, for its baseline -------------------------------------------------


def _tables_of(widget: Any) -> list[Any]:
    """The models of the tables a page shows (the view's own, before any proxy)."""
    from PySide6.QtWidgets import QTableView

    found = []
    for view in widget.findChildren(QTableView):
        if view.isVisibleTo(widget):
            found.append(view.model())
    return found


class Page:
    """One page of a tab: how to open it, and (once opened) its tables' text for the baseline."""

    def __init__(self, key: str, open_page: Callable[[Any], tuple[Any, float]], shown: Callable[[Any], Any],
                 word: str = "", proxy: Callable[[Any], Any] | None = None, box: Callable[[Any], Any] | None = None
                 ) -> None:
        self.key, self.open_page, self.shown, self.word, self.proxy, self.box = key, open_page, shown, word, proxy, box

    def subject(self, ctx: Any) -> float:
        widget, seconds = self.open_page(ctx)
        _keep(self.key, widget)
        return seconds

    def _shape(self, ctx: Any) -> tuple[list[list[list[str]]], int]:
        if f"{self.key}-shape" not in _state:
            widget, _seconds = self.open_page(ctx)
            page = self.shown(widget)
            models = _tables_of(page)
            if self.proxy is not None:  # the filtered table first: the one the baseline filters
                models.sort(key=lambda model: model is not self.proxy(widget))
            shape = ([_text_of(model) for model in models], _labels(page))
            _state[f"{self.key}-shape"] = shape
            rows = sum(len(t) for t in shape[0])
            _note(self.key, f"{self.key}: {len(shape[0])} table(s), {rows} rows, {shape[1]} labels shown")
            _keep(self.key, widget)
        shape: tuple[list[list[list[str]]], int] = _state[f"{self.key}-shape"]
        return shape

    def baseline(self, ctx: Any) -> float:
        tables, labels = self._shape(ctx)
        widget, proxies, seconds = _bare(tables, labels)
        old = _state.get(f"{self.key}-bare")
        if old is not None:
            old[0].deleteLater()
        _state[f"{self.key}-bare"] = (widget, proxies)
        return seconds

    def filter_subject(self, ctx: Any) -> float:
        assert self.proxy is not None and self.box is not None
        if self.key not in _state:
            self.subject(ctx)
        widget = _state[self.key]
        return _filter(self.box(widget), self.proxy(widget), self.word)

    def filter_baseline(self, ctx: Any) -> float:
        if f"{self.key}-bare" not in _state:
            self.baseline(ctx)
        _widget, proxies = _state[f"{self.key}-bare"]
        return _bare_filter(proxies[0], self.word)


# --- the tabs -------------------------------------------------------------------------------------


def _overview(ctx: Any) -> tuple[Any, float]:
    from eoffice.ui.tabs.overview_tab import OverviewTab

    return _shown(lambda: OverviewTab(scale10.context(ctx.workdir)))


def _keydates(ctx: Any) -> tuple[Any, float]:
    from eoffice.ui.tabs.keydates_tab import KeyDatesTab

    return _shown(lambda: KeyDatesTab(scale10.context(ctx.workdir)))


def _keydates_calendar(ctx: Any) -> tuple[Any, float]:
    """The click on "Calendar" in a key-dates tab just opened on its list."""
    tab, _seconds = _keydates(ctx)
    app = scale10.app()
    _settled()
    start = time.perf_counter()
    tab.calendar_button.click()
    app.processEvents()
    return tab, time.perf_counter() - start


def _roster(ctx: Any) -> tuple[Any, float]:
    from eoffice.ui.tabs.roster_tab import RosterTab

    return _shown(lambda: RosterTab(scale10.context(ctx.workdir)))


def _read_seating(tab: Any) -> None:
    """What the tab reads ahead a step at a time after it has painted, read here the same way (not
    timed: the officer is reading the Team page meanwhile); its cost is printed once as a note."""
    data, steps = tab.data, []
    while True:
        start = time.perf_counter()
        finished = data.read_ahead_step()
        steps.append(time.perf_counter() - start)
        if finished:
            break
    tab.wait_for_seating()
    _note("seating", f"the Invigilators tab reads ahead after it paints, a step at a time (the days of its seating, "
                     f"then the assignments and answers): {len(steps)} steps, {sum(steps) * 1000:.0f} ms in all, "
                     f"the longest {max(steps) * 1000:.0f} ms")


def _roster_page(attribute: str) -> Callable[[Any], tuple[Any, float]]:
    def open_page(ctx: Any) -> tuple[Any, float]:
        """The click on a page's button in an Invigilators tab just opened on its Team page, once
        the seating it reads after painting is read."""
        tab, _seconds = _roster(ctx)
        _read_seating(tab)
        app = scale10.app()
        index = tab.pages.index(getattr(tab, attribute))
        _settled()
        start = time.perf_counter()
        tab.buttons.button(index).click()
        app.processEvents()
        return tab, time.perf_counter() - start

    return open_page


def _standards(ctx: Any) -> tuple[Any, float]:
    from eoffice.ui.tabs.standards_tab import StandardsTab

    return _shown(lambda: StandardsTab(scale10.context(ctx.workdir)))


def _standards_section(key: str) -> Callable[[Any], tuple[Any, float]]:
    def open_page(ctx: Any) -> tuple[Any, float]:
        """The click on a section in a Standards tab just opened on its progress grid."""
        tab, _seconds = _standards(ctx)
        app = scale10.app()
        _settled()
        start = time.perf_counter()
        tab.show_section(key)
        app.processEvents()
        return tab, time.perf_counter() - start

    return open_page


PAGES: dict[str, Page] = {
    "overview": Page("overview", _overview, lambda tab: tab),
    "key dates": Page("key dates", _keydates, lambda tab: tab, "exam", lambda tab: tab.proxy,
                      lambda tab: tab.text_filter),
    "key dates calendar": Page("key dates calendar", _keydates_calendar, lambda tab: tab.calendar),
    "invigilators team": Page("invigilators team", _roster, lambda tab: tab.team, "smith", lambda tab: tab.team.proxy,
                               lambda tab: tab.team.filter),
    "invigilators rooms": Page("invigilators rooms", _roster_page("rooms"), lambda tab: tab.rooms),
    "invigilators seating": Page("invigilators seating", _roster_page("seating"), lambda tab: tab.seating),
    "invigilators grid": Page("invigilators grid", _roster_page("grid"), lambda tab: tab.grid),
    "invigilators load": Page("invigilators load", _roster_page("load_page"), lambda tab: tab.load_page, "smith",
                              lambda tab: tab.load_page.proxy, lambda tab: tab.load_page.filter),
    **{f"standards {key}": Page(f"standards {key}", _standards if key == "progress" else _standards_section(key),
                                lambda tab: tab.stack.currentWidget())
       for key in ("progress", "targets", "skills", "values", "meetings", "declaration")},
}


# --- edits ---------------------------------------------------------------------------------------


def _edit_context(ctx: Any) -> Any:
    return edit_context(Path(ctx.workdir), "tab-edits.sqlite3")


def _bare_edit(ctx: Any, sql: str) -> float:
    return bare_edit(Path(ctx.workdir), "tab-edits.sqlite3", sql, (0, 1))


def bare_key_date_edit(ctx: Any) -> float:
    return _bare_edit(ctx, "UPDATE key_date SET done = ? WHERE id = (SELECT min(id) FROM key_date)")


def key_date_edit(ctx: Any) -> float:
    """Mark done or not done (in turn) the first key date in the list, as the tab's button does."""
    from eoffice.domain.keydates import KeyDateRecord
    from eoffice.ui import keydates_commands
    from eoffice.ui.models.record_table import RECORD_ROLE
    from eoffice.ui.tabs.keydates_tab import KeyDatesTab

    if "key-date-edit" not in _state:
        tab, _seconds = _shown(lambda: KeyDatesTab(_edit_context(ctx)))
        _state["key-date-edit"] = tab
    tab, app = _state["key-date-edit"], scale10.app()
    record: KeyDateRecord = tab.proxy.index(0, 0).data(RECORD_ROLE)
    _settled()
    start = time.perf_counter()
    keydates_commands.set_done(tab.context, [record], not record.done)
    app.processEvents()
    seconds = time.perf_counter() - start
    shown = tab.proxy.index(0, 0).data(RECORD_ROLE)
    assert shown.id == record.id and shown.done != record.done, "the list does not show the edit"
    return seconds


def bare_roster_edit(ctx: Any) -> float:
    return _bare_edit(ctx, "UPDATE assignment SET locked = ? WHERE id = (SELECT min(id) FROM assignment)")


def roster_edit(ctx: Any) -> float:
    """Lock or unlock (in turn) the first assigned cell on the roster grid, as its Lock button does."""
    from eoffice.ui import roster_commands
    from eoffice.ui.tabs.roster_tab import RosterTab

    if "roster-edit" not in _state:
        tab, _seconds = _shown(lambda: RosterTab(_edit_context(ctx)))
        _read_seating(tab)
        tab.show_page(tab.pages.index(tab.grid))
        scale10.app().processEvents()
        model = tab.grid.model
        cell = next((model.cell(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                     if model.cell(r, c).team), None)
        assert cell is not None, "nobody is rostered in the scale-10 summer"
        _state["roster-edit"] = (tab, (cell.on, cell.session, cell.room_id))
        _note("roster-edit", f"roster edit: the cell {cell.label}, {len(cell.team)} assigned")
    tab, place = _state["roster-edit"]
    app = scale10.app()
    index = tab.grid.cell_index(*place)
    before = tab.grid.model.cell(index.row(), index.column())
    locked = not before.team[0].locked
    _settled()
    start = time.perf_counter()
    roster_commands.set_locked(tab.context, [before.team[0]], locked)
    app.processEvents()
    seconds = time.perf_counter() - start
    index = tab.grid.cell_index(*place)
    after = tab.grid.model.cell(index.row(), index.column())
    assert after.team[0].locked == locked, "the grid does not show the edit"
    return seconds


# --- the rows, for bench.py ------------------------------------------------------------------------


def rows(row: Callable[..., Any]) -> list[Any]:
    """Every row of this file, made with bench.py's ``Row``; ``--only "tab rows"`` runs just these."""
    made = [row(f"tab rows: {name} open, scale 10", page.baseline, page.subject, None, OPEN_MS)
            for name, page in PAGES.items()]
    made += [row(f"tab rows: {name} filter typed, scale 10", page.filter_baseline, page.filter_subject, None, FILTER_MS)
             for name, page in PAGES.items() if page.proxy is not None]
    made += [
        row("tab rows: key date marked done, round trip, scale 10", bare_key_date_edit, key_date_edit, None, EDIT_MS),
        row("tab rows: roster grid lock, round trip, scale 10", bare_roster_edit, roster_edit, None, EDIT_MS),
    ]
    return made
