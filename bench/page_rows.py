"""What the tab and page bench rows share (``tab_rows``, ``tab_rows_plan_access``): how a page
is timed until painted, the bare baseline it is held against, and the filter and note helpers.

* a page is timed from just before it is built until it is shown and ``processEvents()`` has
  painted it; every timed run, and its baseline, starts after a ``gc.collect()``, so garbage
  the runs before it left does not make it pay for a collection it did not cause (a full
  collection costs 0.1 s with a series' seating held);
* the baseline is a widget of bare QTableViews over QStandardItemModels holding the same rows
  as text, with as many labels, shown the same way;
* a filter is a word typed in the page's filter box (what its pause then says to the page),
  the rows counted, the box cleared, against a bare QSortFilterProxyModel's fixed-string filter.

The limits from issue 17: each opens in 50 ms or less and filters in 30 ms or less; an edit's
round trip is under 30 ms.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import scale10

OPEN_MS, FILTER_MS, EDIT_MS = 50, 30, 30
WIDTH, HEIGHT = 1300, 800

_noted: set[str] = set()


def note(key: str, text: str) -> None:
    """A ``note:`` line, once per key in a bench run."""
    if key not in _noted:
        _noted.add(key)
        print(f"note: {text}", flush=True)


def settled() -> None:
    """Before each timed run: the garbage of the runs before it collected."""
    gc.collect()


def shown(build: Callable[[], Any], then: Callable[[Any], None] | None = None) -> tuple[Any, float]:
    """Seconds from just before ``build`` until the widget it makes is shown and painted."""
    app = scale10.app()
    settled()
    start = time.perf_counter()
    widget = build()
    if then is not None:
        then(widget)
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    app.processEvents()
    return widget, time.perf_counter() - start


def gone(widget: Any) -> None:
    """Delete a widget now, outside the timed part: ``processEvents`` alone never runs a
    ``deleteLater`` (no event loop), so each run's tab would stay alive to the end."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def keep(state: dict[str, Any], key: str, widget: Any) -> None:
    """Keep the last widget of a kind (for the filter rows) in ``state``; the one before goes."""
    widget.close()
    old = state.get(key)
    if old is not None and old is not widget:
        gone(old)
    state[key] = widget


def text_of(model: Any) -> list[list[str]]:
    """A model's rows as the text it displays: what the baseline's plain model holds."""
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(model.rowCount())]


def labels(widget: Any) -> int:
    """How many labels ``widget`` shows."""
    from PySide6.QtWidgets import QLabel

    return len([label for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)])


def bare(tables: list[list[list[str]]], label_count: int) -> tuple[Any, list[Any], float]:
    """A widget of ``label_count`` labels and one sortable QTableView per table over plain models."""
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

    app = scale10.app()
    settled()
    start = time.perf_counter()
    widget = QWidget()
    layout = QVBoxLayout(widget)
    for n in range(label_count):
        layout.addWidget(QLabel(f"Label {n}: some words about the page"))
    proxies = []
    for rows in tables:
        model = QStandardItemModel(widget)
        for row in rows:
            model.appendRow([QStandardItem(cell) for cell in row])
        proxy = QSortFilterProxyModel(widget)
        proxy.setSourceModel(model)
        view = QTableView()
        view.setModel(proxy)
        view.setSortingEnabled(True)
        layout.addWidget(view, 1)
        proxies.append(proxy)
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    app.processEvents()
    seconds = time.perf_counter() - start
    widget.close()
    return widget, proxies, seconds


def bare_filter(proxy: Any, word: str) -> float:
    """A bare proxy's fixed-string filter, case-insensitive, every column, then cleared."""
    from PySide6.QtCore import Qt

    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    start = time.perf_counter()
    proxy.setFilterFixedString(word)
    proxy.rowCount()
    proxy.setFilterFixedString("")
    return time.perf_counter() - start


def typed(box: Any, proxy: Any, word: str) -> float:
    """``word`` typed in a filter box (what its pause then says to the page), the rows shown
    counted, the box cleared."""
    start = time.perf_counter()
    box.filterChanged.emit(word)
    proxy.rowCount()
    box.filterChanged.emit("")
    return time.perf_counter() - start


_copies: dict[str, Any] = {}


def edit_database(workdir: Path, name: str) -> Any:
    """A copy of the shared scale-10 file, opened for writing, for one file's edit rows: the
    shared file stays as the other rows read it."""
    if name not in _copies:
        import sqlite3

        from eoffice.db.session import open_database

        shared = scale10.database(workdir)
        copy = workdir / name
        source, target = sqlite3.connect(shared.path), sqlite3.connect(copy)
        with target:
            source.backup(target)
        source.close()
        target.close()
        _copies[name] = open_database(copy)
    return _copies[name]


def edit_context(workdir: Path, name: str) -> Any:
    """A window context on that copy, with today fixed."""
    from eoffice.domain.years import AcademicYear
    from eoffice.ui.context import AppContext

    return AppContext(edit_database(workdir, name), AcademicYear.current(scale10.TODAY), today=scale10.TODAY)


_bare_edits: dict[str, tuple[Any, Any, list[bool]]] = {}


def bare_edit(workdir: Path, name: str, sql: str, values: tuple[object, object]) -> float:
    """An edit's baseline: one plain ``UPDATE`` (``sql`` with one parameter, ``values`` in turn)
    committed on the copy ``name``, and one plain item's text set: the least an edit shows."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    if name not in _bare_edits:
        import sqlite3

        model = QStandardItemModel()
        for n in range(100):
            model.appendRow([QStandardItem(f"row {n}"), QStandardItem("open")])
        _bare_edits[name] = (sqlite3.connect(edit_database(workdir, name).path), model, [False])
    connection, model, flip = _bare_edits[name]
    flip[0] = not flip[0]
    value = values[flip[0]]
    settled()
    start = time.perf_counter()
    with connection:
        connection.execute(sql, (value,))
    model.item(7, 1).setText(str(value))
    scale10.app().processEvents()
    return time.perf_counter() - start
