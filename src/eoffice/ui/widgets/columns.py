"""Columns that fit the window, for every table in eoffice.

A table declares only which column stretches (the title-like one: it takes the spare width
and elides the rest of its text, whose tooltip says it whole) and which columns are
secondary. The columns an officer acts on (titles, dates, finish times, warnings,
compliance) always show; a secondary column shows while the table is wide enough to keep
each stretching column at least ``least`` wide, and steps aside first when the window
narrows, in the order given, so a 1024 x 768 screen keeps what matters in view.

Right-clicking the header opens a "Columns" menu with a checkbox per column. What the
officer ticks or unticks there wins over the fitting, and is remembered per table, across
runs, in the window's settings file (``app.settings_file``, beside the window's geometry).
"Fit columns to the window" forgets those choices.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QStyle, QTableView

from eoffice.ui.app import settings_file

STRETCH_LEAST = 160  # a stretching column keeps this much before a secondary column is shown
SETTINGS_GROUP = "columns"
MENU_TITLE = "Columns"
FIT_TEXT = "Fit columns to the window"


class TableColumns(QObject):
    """Which columns of one table show, and the header's right-click "Columns" menu."""

    def __init__(self, table: QTableView, key: str, widths: Sequence[int] = (), *, stretch: Iterable[int] | None = None,
                 secondary: Iterable[int] = (), least: int = STRETCH_LEAST) -> None:
        """``stretch`` None: the last column takes the spare width; empty: the table sizes its
        columns itself (every column may then be hidden)."""
        super().__init__(table)
        self.setObjectName("TableColumns")
        self.table, self.key = table, key.replace("/", "-")
        self.header: QHeaderView = table.horizontalHeader()
        self.stretch = None if stretch is None else tuple(stretch)
        self.secondary = tuple(c for c in secondary if c not in (self.stretch or ()))
        self.least = least
        self.widths = dict(enumerate(widths))  # the width each column is given, before the officer drags it
        self.held: set[int] = set()  # hidden by the page itself (a column that says nothing in this view)
        self.chosen: dict[str, bool] = self._load()  # header text -> shown, as the officer chose in the menu
        for column, width in self.widths.items():
            table.setColumnWidth(column, max(width, self.header_width(column)))
        if self.stretch is None:
            self.header.setStretchLastSection(True)
        elif self.stretch:
            self.header.setStretchLastSection(False)
            for column in self.stretch:
                self.header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self.show_menu)
        table.viewport().installEventFilter(self)
        model = table.model()
        if model is not None:
            for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved, model.headerDataChanged):
                signal.connect(lambda *_args: self.refit())
        self.refit()

    # --- what each column needs -----------------------------------------------------------------

    def count(self) -> int:
        model = self.table.model()
        return model.columnCount() if model is not None else 0

    def title(self, column: int) -> str:
        model = self.table.model()
        text = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else None
        return " ".join(str(text).split()) if text is not None else f"Column {column + 1}"

    def header_width(self, column: int) -> int:
        """The width that shows the heading whole (its longest line) within the header's margins;
        the sort arrow, on the one column sorted by, may cover its last letters."""
        model = self.table.model()
        text = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else None
        margin = self.header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self.header)
        return self.header.fontMetrics().size(0, str(text or "")).width() + 2 * margin + 2

    def wanted(self, column: int) -> int:
        """What a column takes when it shows: its given width, never less than its heading."""
        return max(self.widths.get(column, self.header.defaultSectionSize()), self.header_width(column))

    def stretching(self) -> tuple[int, ...]:
        if self.stretch is not None:
            return self.stretch
        return (self.count() - 1,) if self.count() else ()

    def prefer(self, widths: dict[int, int]) -> None:
        """New widths for columns whose content changed (a page that measures its own)."""
        self.widths.update(widths)

    # --- which columns show ---------------------------------------------------------------------

    def fitted(self, column: int) -> bool:
        """A secondary column the officer has not chosen to show or hide: the width decides."""
        return column in self.secondary and column not in self.held and self.title(column) not in self.chosen

    def must_show(self, column: int) -> bool:
        if column in self.held:
            return False
        if column in self.stretching():
            return True
        return self.chosen.get(self.title(column), column not in self.secondary)

    def needs(self, shown: Iterable[int]) -> int:
        """The width the columns ``shown`` take, each stretching one at ``least``."""
        stretching = self.stretching()
        return sum(max(self.least, self.header_width(c)) if c in stretching else self.wanted(c) for c in shown)

    def refit(self) -> None:
        """Show what must show; then each secondary column in turn while it fits."""
        count = self.count()
        shown = [c for c in range(count) if self.must_show(c) and not self.fitted(c)]
        room = self.table.viewport().width()
        taken = self.needs(shown)
        for column in (c for c in self.secondary if c < count and self.fitted(c)):
            if taken + self.wanted(column) > room:
                break
            shown.append(column)
            taken += self.wanted(column)
        for column in range(count):
            hide = column not in shown
            if self.header.isSectionHidden(column) != hide:
                self.header.setSectionHidden(column, hide)
                if not hide and self.table.columnWidth(column) <= 0:
                    self.table.setColumnWidth(column, self.wanted(column))

    def hold(self, column: int, hidden: bool) -> None:
        """The page hides a column that says nothing in its present view (and shows it again)."""
        if hidden:
            self.held.add(column)
        else:
            self.held.discard(column)
        self.refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.refit()
        return False

    # --- the officer's choice -------------------------------------------------------------------

    def choose(self, column: int, shown: bool) -> None:
        title = self.title(column)
        if column not in self.secondary and shown:
            self.chosen.pop(title, None)  # what it does anyway
        else:
            self.chosen[title] = shown
        self._save()
        self.refit()

    def fit_to_window(self) -> None:
        self.chosen.clear()
        self._save()
        self.refit()

    def menu(self) -> QMenu:
        """The "Columns" menu: a checkbox per column (the stretching one always shows)."""
        menu = QMenu(MENU_TITLE, self.table)
        menu.setAccessibleName(f"{MENU_TITLE} of the {self.table.accessibleName() or 'table'}")
        menu.addSection(MENU_TITLE)
        stretching = self.stretching()
        showing = [c for c in range(self.count()) if not self.header.isSectionHidden(c)]
        for column in range(self.count()):
            if column in self.held:
                continue
            action = menu.addAction(self.title(column))
            action.setCheckable(True)
            action.setChecked(column in showing)
            if column in stretching or showing == [column]:  # the table never goes blank
                action.setEnabled(False)
            action.toggled.connect(lambda on, c=column: self.choose(c, on))
        menu.addSeparator()
        fit = menu.addAction(FIT_TEXT)
        fit.setEnabled(bool(self.chosen))
        fit.triggered.connect(self.fit_to_window)
        return menu

    def show_menu(self, where: QPoint) -> None:
        menu = self.menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.header.mapToGlobal(where))

    def _load(self) -> dict[str, bool]:
        stored = settings_file().value(f"{SETTINGS_GROUP}/{self.key}")
        try:
            found = json.loads(stored) if isinstance(stored, str) else {}
        except ValueError:
            return {}
        if not isinstance(found, dict):
            return {}
        return {str(title): bool(shown) for title, shown in found.items()}

    def _save(self) -> None:
        settings = settings_file()
        name = f"{SETTINGS_GROUP}/{self.key}"
        if self.chosen:
            settings.setValue(name, json.dumps(self.chosen, ensure_ascii=False))
        else:
            settings.remove(name)
        settings.sync()


def fit_columns(table: QTableView, widths: Sequence[int] = (), *, stretch: Iterable[int] | int | None = None,
                secondary: Iterable[int] = (), least: int = STRETCH_LEAST, key: str | None = None) -> TableColumns:
    """Give ``table`` its column widths, the column(s) that stretch (None: the last; empty: none,
    the table sizes them), the secondary columns that step aside when the window is narrow, and
    the "Columns" menu. The officer's choices are kept under ``key`` (else the accessible name)."""
    stretching = None if stretch is None else (stretch,) if isinstance(stretch, int) else tuple(stretch)
    return TableColumns(table, key or table.accessibleName() or "table", widths, stretch=stretching,
                        secondary=secondary, least=least)


def columns_of(table: QTableView) -> TableColumns | None:
    """The column fitting a table was given, if any."""
    found = table.findChild(TableColumns, "TableColumns")
    return found if isinstance(found, TableColumns) else None
