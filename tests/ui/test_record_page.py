"""The page base the Access arrangements and Invigilators tabs share: reads once per refresh,
abstract ``load``, write actions held back, selection kept by record id, plain-word errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QToolBar
from pytestqt.qtbot import QtBot

from eoffice.db.session import Database, open_database
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.ui.context import AppContext
from eoffice.ui.models.record_table import RECORD_ROLE, RecordTableModel, TableColumn, TextFilterProxy
from eoffice.ui.widgets.record_page import PageData, RecordPage, make_table, select_ids, selected
from tests.conftest import TODAY
from tests.ui.conftest import Answers


@dataclass(frozen=True)
class Row:
    id: int
    name: str


COLUMNS = [TableColumn[Row]("Name", lambda r: r.name), TableColumn[Row]("Number", lambda r: str(r.id))]


class RowsData(PageData):
    reads = 0

    @property
    def rows(self) -> list[Row]:
        def read(_session: object) -> list[Row]:
            RowsData.reads += 1
            return [Row(n, f"Row {n}") for n in range(1, 6)]

        return self._get("rows", read)  # type: ignore[no-any-return]


class RowsPage(RecordPage[RowsData]):
    title = "&Rows"
    name = "Rows"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model: RecordTableModel[Row] = RecordTableModel(COLUMNS, self)
        self.proxy = TextFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("Rows table", self.proxy, (120, 60))
        self.add_action("add", "&Add row…", None, lambda: None)
        self.add_action("look", "&Look", None, lambda: None, writes=False)

    def load(self, data: RowsData) -> None:
        self.data = data
        self.model.set_rows(data.rows)
        self.enable_writes()


@pytest.fixture
def context(db: Database) -> AppContext:
    return AppContext(db, AcademicYear(2026), today=TODAY)


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> RowsPage:
    made = RowsPage(context)
    qtbot.addWidget(made)
    made.load(RowsData(context))
    return made


@pytest.fixture
def read_only_context(db: Database) -> Iterator[AppContext]:
    other = open_database(db.path, read_only=True)
    yield AppContext(other, AcademicYear(2026), today=TODAY)
    other.close()


def test_each_part_is_read_once_per_refresh(context: AppContext) -> None:
    RowsData.reads = 0
    data = RowsData(context)
    assert data.rows == data.rows
    assert RowsData.reads == 1
    assert (data.year, data.today) == (AcademicYear(2026), TODAY)
    assert RowsData(context).rows  # the next refresh reads afresh
    assert RowsData.reads == 2


def test_a_page_that_does_not_define_load_cannot_be_made(qtbot: QtBot, context: AppContext) -> None:
    class Unfinished(RecordPage[RowsData]):
        name = "Unfinished"

    with pytest.raises(TypeError, match="does not define load"):
        Unfinished(context)  # type: ignore[abstract]
    with pytest.raises(TypeError, match="RecordPage cannot be made"):
        RecordPage(context)  # type: ignore[abstract]


def test_write_actions_are_held_back_until_allowed_again(page: RowsPage) -> None:
    add, look = page.actions["add"], page.actions["look"]
    assert add.isEnabled() and look.isEnabled()
    page.enable_writes(False)
    assert not add.isEnabled() and look.isEnabled()
    page.enable_writes()  # a reload while held back keeps them off
    assert not add.isEnabled()
    page.enable_writes(True)
    assert add.isEnabled()


def test_a_read_only_window_has_no_write_actions(qtbot: QtBot, read_only_context: AppContext) -> None:
    page = RowsPage(read_only_context)
    qtbot.addWidget(page)
    page.load(RowsData(read_only_context))
    assert not page.actions["add"].isEnabled()
    assert page.actions["look"].isEnabled()
    page.enable_writes(True)
    assert not page.actions["add"].isEnabled()


def test_actions_are_named_buttons_on_the_toolbar_asked_for(page: RowsPage) -> None:
    other = QToolBar("Other actions")
    action = page.add_action("more", "&More…", None, lambda: None, toolbar=other)
    assert other.widgetForAction(action).accessibleName() == "More"
    assert page.toolbar.widgetForAction(action) is None
    assert page.toolbar.widgetForAction(page.actions["add"]).accessibleName() == "Add row"
    assert page.accessibleName() == "Rows" and page.toolbar.accessibleName() == "Rows actions"


def test_select_ids_keeps_the_whole_selection_and_makes_the_first_current(page: RowsPage) -> None:
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert select_ids(page.table, {2, 4}, focus=True)
    assert sorted(r.id for r in selected(page.table)) == [2, 4]
    assert page.table.currentIndex().data(RECORD_ROLE).id == 4  # first in the order shown
    assert not select_ids(page.table, {99})
    assert selected(page.table) == []


def test_tables_sort_from_their_natural_order_and_stretch_the_column_asked_for(page: RowsPage) -> None:
    table = page.table
    assert table.isSortingEnabled() and table.horizontalHeader().sortIndicatorSection() == -1
    assert [table.model().index(r, 0).data() for r in range(3)] == ["Row 1", "Row 2", "Row 3"]
    assert table.columnWidth(0) == 120
    assert table.horizontalHeader().stretchLastSection()
    wide = make_table("Wide first column", page.proxy, stretch=0)
    assert wide.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert not wide.horizontalHeader().stretchLastSection()


def test_attempt_tells_the_officer_why_a_change_failed(page: RowsPage, answers: Answers) -> None:
    def refuse() -> None:
        raise InputError("The room needs a name.")

    assert not page.attempt("Room not added", refuse)
    assert answers.errors == ["The room needs a name."]
    done: list[int] = []
    assert page.attempt("Room not added", lambda: done.append(1))
    assert done == [1] and len(answers.errors) == 1
