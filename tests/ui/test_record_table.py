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


# --- one row at a time: the id-to-row map -------------------------------------------------------

@dataclass(frozen=True)
class Item:
    id: int
    name: str


ITEM_COLUMNS = [TableColumn[Item]("Name", lambda r: r.name), TableColumn[Item]("Id", lambda r: str(r.id))]


def _items(*names: str) -> list[Item]:
    return [Item(n, name) for n, name in enumerate(names, start=1)]


def test_an_edit_changes_its_row_alone_with_no_reset(qtbot: QtBot) -> None:
    model: RecordTableModel[Item] = RecordTableModel(ITEM_COLUMNS)
    model.set_rows(_items("alpha", "beta", "gamma"))
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), a.column(), b.row(), b.column())))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.layoutChanged):
        model.replace_records([Item(2, "Beta prime")])
    assert changed == [(1, 0, 1, 1)]
    assert model.index(1, 0).data() == "Beta prime"
    assert model.search_text(1) == "beta prime 2"
    assert model.row_of(2) == 1 and model.row_of(9) is None


def test_new_ids_are_inserted_and_gone_ids_removed(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model: RecordTableModel[Item] = RecordTableModel(ITEM_COLUMNS)
    qtmodeltester.check(model)
    model.set_rows(_items("alpha", "beta", "gamma", "delta"))
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    with qtbot.assertNotEmitted(model.modelReset):
        model.replace_records([Item(7, "eta")], removed=[2, 3, 99])
    assert removed == [(1, 2)]  # one run of neighbours, one signal
    assert inserted == [(2, 2)]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["alpha", "delta", "eta"]
    assert [model.row_of(k) for k in (1, 4, 7, 2)] == [0, 1, 2, None]
    assert model.search_text(2) == "eta 7"


def test_the_filter_proxy_follows_a_changed_row() -> None:
    model: RecordTableModel[Item] = RecordTableModel(ITEM_COLUMNS)
    model.set_rows(_items("summer entries", "november entries", "access"))
    proxy = TextFilterProxy()
    proxy.setSourceModel(model)
    proxy.setDynamicSortFilter(True)  # what a tab sets for edits to re-filter their rows
    proxy.set_text("entries")
    assert proxy.rowCount() == 2
    model.replace_records([Item(2, "november timetable")])
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["summer entries"]
    model.replace_records([Item(3, "access entries")])
    assert proxy.rowCount() == 2


def test_a_key_other_than_id() -> None:
    model: RecordTableModel[Row] = RecordTableModel(COLUMNS, key=lambda r: r.name)
    model.set_rows(ROWS)
    model.replace_records([Row("Summer entries", date(2027, 3, 1), 13)])
    assert model.rowCount() == 4
    assert model.index(0, 2).data() == "13"
    assert model.row_of("Access arrangements") == 2


def test_a_kept_order_places_new_records_and_moves_changed_ones(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model: RecordTableModel[Item] = RecordTableModel(ITEM_COLUMNS, order=lambda r: (r.name, r.id))
    model.set_rows(_items("alpha", "delta", "gamma"))  # given in that order, as the domain would
    qtmodeltester.check(model)  # the tester watches every change below
    moved: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, first, _last, _d, row: moved.append((first, row)))
    with qtbot.assertNotEmitted(model.modelReset):
        model.replace_records([Item(9, "beta")])
        assert [r.name for r in model.records()] == ["alpha", "beta", "delta", "gamma"]
        model.replace_records([Item(1, "zeta")])  # alpha renamed: to the end
        assert [r.name for r in model.records()] == ["beta", "delta", "gamma", "zeta"]
        model.replace_records([Item(3, "a")])  # gamma renamed: to the front
    assert [r.name for r in model.records()] == ["a", "beta", "delta", "zeta"]
    assert moved == [(0, 4), (2, 0)]
    assert [model.index(r, 0).data() for r in range(4)] == ["a", "beta", "delta", "zeta"]  # texts moved too
    assert [model.row_of(k) for k in (3, 9, 2, 1)] == [0, 1, 2, 3]


def test_the_access_models_keep_a_clicked_column_order_through_edits(qtbot: QtBot) -> None:
    from eoffice.ui.models.access_models import SortedTableModel, make_proxy

    model: SortedTableModel[Item] = SortedTableModel(ITEM_COLUMNS, natural=lambda r: r.id)
    model.set_rows(_items("pear", "apple", "fig"))
    proxy = make_proxy(model)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["pear", "fig", "apple"]
    with qtbot.assertNotEmitted(model.modelReset):
        model.replace_records([Item(7, "kiwi"), Item(1, "banana")])
    assert [model.index(r, 0).data() for r in range(4)] == ["kiwi", "fig", "banana", "apple"]
    assert [proxy.index(r, 0).data() for r in range(4)] == ["kiwi", "fig", "banana", "apple"]


def test_a_load_formats_no_row_until_it_is_wanted_and_then_once() -> None:
    """Opening a page paints its first rows only: the others' texts wait for a filter or a
    sort by text, which then shows what formatting every row at once would have shown."""
    made: list[str] = []

    def name(r: Row) -> str:
        made.append(r.name)
        return r.name

    model: RecordTableModel[Row] = RecordTableModel([TableColumn[Row]("Name", name), *COLUMNS[1:]])
    proxy = TextFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    assert proxy.rowCount() == 4 and made == []  # loaded and counted: nothing formatted
    assert proxy.index(1, 0).data() == "November entries" and made == ["November entries"]
    assert proxy.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "<qt>3</qt>" and len(made) == 1  # kept
    proxy.set_text("ENTRIES")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Summer entries", "November entries"]
    assert sorted(made) == sorted(r.name for r in ROWS)  # each row once
    proxy.set_text("")
    proxy.sort(0, Qt.SortOrder.AscendingOrder)  # by text, ignoring case
    assert [proxy.index(r, 0).data() for r in range(4)] == [
        "Access arrangements", "November entries", "Summer entries", "Zoë's invigilation training"]
    assert len(made) == 4
    assert [model.search_text(r) for r in range(4)] == [
        "summer entries 21/02/2027 12", "november entries 04/10/2026 3", "access arrangements  100",
        "zoë's invigilation training 30/09/2026 20"]
