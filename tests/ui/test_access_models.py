"""The Access tab's models: the proxy's short cut to the source while nothing is filtered
answers every role of every cell as Qt's own mapping does, in every state a page can be in,
and the candidates' cells say what the candidate records say."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont
from pytestqt.modeltest import ModelTester

from eoffice.domain.access import EXPIRES, CandidateFields, CandidateRecord, format_number
from eoffice.domain.dates import format_date
from eoffice.ui.models.access_models import (
    CANDIDATE_COLUMNS,
    AccessProxy,
    CandidateRow,
    SortedTableModel,
    make_proxy,
    warning_text,
)
from eoffice.ui.models.record_table import RECORD_ROLE, SORT_ROLE

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole,
         Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole, SORT_ROLE, RECORD_ROLE)


def _row(number: int, surname: str, *, year: int | None = 11, entries: int = 3, arrangements: int = 0,
         warnings: tuple[str, ...] = ()) -> CandidateRow:
    fields = CandidateFields(number, surname, "Sam", date(2010, 3, number % 28 + 1) if number % 3 else None,
                             year, f"{year}F" if year else None, None, "9276308686" if number % 2 else None)
    return CandidateRow(CandidateRecord(number * 10, fields), entries, arrangements, warnings)


ROWS = [_row(12, "Smith", arrangements=2, warnings=(EXPIRES,)), _row(3, "Jones", year=None, entries=0),
        _row(7, "Smithson", year=10, arrangements=1, warnings=("no_helper",)), _row(40, "Ali", entries=9)]


def _page() -> tuple[SortedTableModel[CandidateRow], AccessProxy]:
    model: SortedTableModel[CandidateRow] = SortedTableModel(CANDIDATE_COLUMNS, bold={0},
                                                             tips={1: lambda c: f"{c.record.name} tip"})
    model.set_rows(ROWS)
    return model, make_proxy(model)


def _plain(value: Any) -> Any:
    if isinstance(value, QColor):
        return ("colour", value.name())
    if isinstance(value, QFont):
        return ("font", value.toString())
    return value


def _cells(proxy: AccessProxy) -> list[list[Any]]:
    """Every role of every cell as the proxy answers it."""
    return [[_plain(proxy.data(proxy.index(r, c), role)) for c in range(proxy.columnCount()) for role in ROLES]
            for r in range(proxy.rowCount())]


def _qt_cells(proxy: AccessProxy) -> list[list[Any]]:
    """The same as Qt's QSortFilterProxyModel.data gets them: the source's answer for the
    source index the proxy maps each cell to."""
    source = proxy.sourceModel()
    return [[_plain(source.data(proxy.mapToSource(proxy.index(r, c)), role))
             for c in range(proxy.columnCount()) for role in ROLES] for r in range(proxy.rowCount())]


def test_the_proxy_answers_every_cell_as_qt_would_in_every_state() -> None:
    model, proxy = _page()
    assert _cells(proxy) == _qt_cells(proxy) and proxy.rowCount() == 4
    proxy.sort(1, Qt.SortOrder.DescendingOrder)  # the source sorts itself; the short cut still holds
    assert [proxy.index(r, 1).data() for r in range(4)] == ["Smithson", "Smith", "Jones", "Ali"]
    assert _cells(proxy) == _qt_cells(proxy)
    proxy.set_text("smith")  # filtered: Qt's own mapping
    assert [proxy.index(r, 1).data() for r in range(2)] == ["Smithson", "Smith"] and proxy.rowCount() == 2
    assert _cells(proxy) == _qt_cells(proxy)
    proxy.set_text("")
    proxy.set_predicate(lambda row: row.arrangements > 0)
    assert _cells(proxy) == _qt_cells(proxy) and proxy.rowCount() == 2
    proxy.set_predicate(None)
    model.replace_records([_row(1, "Zed"), _row(12, "Smythe", arrangements=2)], removed=[70])  # one in, one out, one changed
    assert _cells(proxy) == _qt_cells(proxy) and proxy.rowCount() == 4
    assert "Smythe" in {proxy.index(r, 1).data() for r in range(4)}
    assert proxy.data(proxy.index(-1, -1)) is None  # an invalid index: nothing, as Qt answers
    assert QSortFilterProxyModel.data(proxy, proxy.index(0, 1)) == proxy.data(proxy.index(0, 1))


def test_the_proxy_and_its_model_pass_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model, proxy = _page()
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_candidate_cells_say_what_the_record_says() -> None:
    model, _proxy = _page()
    for row in range(model.rowCount()):
        c = model.record(row)
        assert [model.cell_text(row, col) for col in range(len(CANDIDATE_COLUMNS))] == [
            c.record.number_text, c.record.surname, c.record.forenames,
            format_date(c.record.fields.date_of_birth), str(c.record.year_group or ""), c.record.form or "",
            c.record.fields.uci or "", c.record.fields.uln or "", str(c.entries),
            str(c.arrangements) if c.arrangements else "", warning_text(c.warnings)]
        assert model.sort_key(row, 0) == c.record.number and c.record.number_text == format_number(c.record.number)
