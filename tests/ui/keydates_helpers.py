"""Shared pieces of the key dates tab tests: the tab over the demo centre, adding a key date
behind the tab's back, finding and selecting rows, and filling the edit dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eoffice.domain import keydates
from eoffice.domain.keydates import KeyDateFields, KeyDateRecord
from eoffice.domain.years import AcademicYear
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.key_date_dialog import KeyDateDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.keydates_table import TITLE
from eoffice.ui.tabs.keydates_tab import KeyDatesTab

YEAR = AcademicYear(2026)


@pytest.fixture
def tab(window: MainWindow) -> KeyDatesTab:
    window.show_item("keydates")
    built = window.tab("keydates")
    assert isinstance(built, KeyDatesTab)
    return built


def add_date(tab: KeyDatesTab, title: str, on: date, **more: object) -> KeyDateRecord:
    fields = KeyDateFields(on=on, title=title, series=more.pop("series", "Summer"), body=more.pop("body", "JCQ"),  # type: ignore[arg-type]
                           category=more.pop("category", "entries"), **more)  # type: ignore[arg-type]
    with tab.context.session() as session:
        record = keydates.add_key_date(session, YEAR, fields)
    tab.context.changed.emit("keydates")
    return record


def stored(tab: KeyDatesTab, key_date_id: int) -> KeyDateRecord:
    return tab.context.read(lambda s: keydates.key_date(s, key_date_id))  # type: ignore[return-value]


def row_of(tab: KeyDatesTab, title: str) -> int:
    return next(r for r in range(tab.proxy.rowCount()) if tab.proxy.index(r, TITLE).data() == title)


def select_titles(tab: KeyDatesTab, *titles: str) -> None:
    tab.list_button.click()
    selection = tab.table.selectionModel()
    selection.clear()
    for title in titles:
        selection.select(tab.proxy.index(row_of(tab, title), 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)


def fill_dialog(monkeypatch: pytest.MonkeyPatch, fill: Callable[[KeyDateDialog], None], seen: list[KeyDateDialog] | None = None) -> None:
    def run(dialog: KeyDateDialog) -> bool:
        fill(dialog)
        dialog.accept()
        if seen is not None:
            seen.append(dialog)
        return dialog.result_fields is not None

    monkeypatch.setattr(ask, "run_dialog", run)

