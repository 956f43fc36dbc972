from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eoffice.ui.models.record_table import RecordTableModel, TableColumn, TextFilterProxy
from eoffice.ui.widgets.filter_box import FilterBox


@dataclass(frozen=True)
class Row:
    name: str
    due: date | None
    count: int


COLUMNS = [
    TableColumn[Row]("Name", lambda r: r.name),
    TableColumn[Row]("Due", lambda r: r.due.strftime("%d/%m/%Y") if r.due else "", sort_key=lambda r: r.due),
    TableColumn[Row]("Count", lambda r: str(r.count), sort_key=lambda r: r.count, align_right=True),
]
ROWS = [
    Row("Summer entries", date(2027, 2, 21), 12),
    Row("November entries", date(2026, 10, 4), 3),
    Row("Access arrangements", None, 100),
    Row("Zoë's invigilation training", date(2026, 9, 30), 20),
]


def _model() -> tuple[RecordTableModel[Row], TextFilterProxy]:
    model: RecordTableModel[Row] = RecordTableModel(COLUMNS)
    model.set_rows(ROWS)
    proxy = TextFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_models_pass_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model, proxy = _model()
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_sorting_uses_real_values_not_text() -> None:
    _, proxy = _model()
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 2).data() for r in range(4)] == ["3", "12", "20", "100"]
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "Access arrangements"  # blank date first
    assert proxy.index(1, 1).data() == "30/09/2026"


def test_filter_matches_every_word_anywhere_in_the_row_ignoring_case() -> None:
    _, proxy = _model()
    proxy.set_text("ENTRIES 2026")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["November entries"]
    proxy.set_text("zoë")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    assert proxy.rowCount() == 4


def test_filter_box_waits_for_a_pause_in_typing(qtbot: QtBot) -> None:
    box = FilterBox()
    qtbot.addWidget(box)
    seen: list[str] = []
    box.filterChanged.connect(seen.append)
    for text in ("s", "su", "sum"):
        box.setText(text)
    assert seen == []
    qtbot.waitUntil(lambda: seen == ["sum"])
