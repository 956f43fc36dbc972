"""The Annual exams plan tab: the officer's year as a board or a table, with progress.

It reads tasks through ``domain.plan`` and changes them only through ``plan_commands``,
so every edit can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
)

from eoffice.domain import keydates, plan
from eoffice.domain.dates import format_date
from eoffice.domain.plan import CLOSED, DUE_SOON, OVERDUE, OWNERS, PHASES, STATUSES, Task
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError
from eoffice.ui import areas, commands, hotkeys, plan_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.task_dialog import TaskDialog
from eoffice.ui.models.plan_table import PlanModel
from eoffice.ui.models.record_table import RECORD_ROLE, TextFilterProxy
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.tabs.plan_board import BoardView
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.progress_chart import ProgressChart
from eoffice.ui.widgets.record_page import make_table
from eoffice.ui.widgets.tab_actions import add_tool_button, tab_action

ALL = ""
STATUS_FILTERS: dict[str, str] = {
    ALL: "All statuses",
    "open": "Still to do",
    OVERDUE: "Overdue",
    DUE_SOON: "Due soon",
    **STATUSES,
}


def _filter_combo(options: dict[str, str], first: str, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, ALL)
    for key, label in options.items():
        if key != ALL:
            combo.addItem(label, key)
    return combo


class PlanTab(AreaTab):
    watches = frozenset({areas.PLAN, areas.CENTRE, areas.KEYDATES})  # moving a key date can move its linked tasks

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Annual exams plan")
        self.model = PlanModel(context.today, self)
        self.proxy = TextFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(True)  # an edited task is filtered and sorted again, alone
        self.shown_year: AcademicYear | None = None  # the year whose tasks the model holds

        # The task stretches; its due date, owner, status and flag always show; the phase, start,
        # date rule and notes step aside on a small screen (the "Columns" menu brings them back).
        self.table = make_table("Plan tasks table", self.proxy, (90, 330, 150, 130, 105, 80, 90, 130, 200), stretch=1,
                                secondary=(2, 6, 7, 8), least=250)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda index: self.edit_task(index.data(RECORD_ROLE)))

        self.board = BoardView(self.model, self.proxy.row_filter, context.year, context.today)
        self.board.taskActivated.connect(self.edit_task)
        self.views = QStackedWidget()
        self.views.addWidget(self.board)
        self.views.addWidget(self.table)

        self.phase_filter = _filter_combo(PHASES, "All phases", "Filter by phase")
        self.owner_filter = _filter_combo(OWNERS, "All owners", "Filter by owner")
        self.status_filter = _filter_combo(STATUS_FILTERS, "All statuses", "Filter by status")
        self.text_filter = FilterBox(placeholder="Filter tasks…")
        for combo in (self.phase_filter, self.owner_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.text_filter.filterChanged.connect(self._text_changed)

        self.board_button = QRadioButton("&Board")
        self.board_button.setAccessibleName("Show the month-by-month board")
        self.table_button = QRadioButton("&Table")
        self.table_button.setAccessibleName("Show the table")
        self.board_button.setChecked(True)
        view_group = QButtonGroup(self)
        view_group.addButton(self.board_button, 0)
        view_group.addButton(self.table_button, 1)
        view_group.idClicked.connect(self.views.setCurrentIndex)

        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]  # by key; hides QWidget.actions()
        self.toolbar = QToolBar("Plan actions")
        self.toolbar.setAccessibleName("Plan actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        buttons = QHBoxLayout()
        buttons.addWidget(self.toolbar, 1)
        for key, text, shortcut, slot in (
            ("new", "&New task", hotkeys.NEW_TASK, self.new_task),
            ("edit", "&Edit", hotkeys.EDIT_TASK, lambda: self.edit_task(None)),
            ("duplicate", "D&uplicate", hotkeys.DUPLICATE_TASK, self.duplicate_tasks),
            ("delete", "&Delete", hotkeys.DELETE_TASK, self.delete_tasks),
            ("done", "&Mark done", hotkeys.MARK_DONE, lambda: self.mark(plan_status="done")),
            ("template", "New year from &template…", None, self.fill_from_template),
            ("roll", "&Roll forward to next year…", None, self.roll_forward),
        ):
            add_tool_button(self.toolbar, self._action(key, text, shortcut, slot))
            if key == "done":
                self.toolbar.addSeparator()
        buttons.addWidget(self.board_button)
        buttons.addWidget(self.table_button)
        switch = QAction("Switch board/table", self)
        switch.setShortcut(hotkeys.SWITCH_PLAN_VIEW)
        switch.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        switch.triggered.connect(lambda: (self.table_button if self.views.currentIndex() == 0 else self.board_button).click())
        self.addAction(switch)

        filters = QHBoxLayout()
        for combo in (self.phase_filter, self.owner_filter, self.status_filter):
            filters.addWidget(combo)
        filters.addWidget(self.text_filter, 1)

        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        self.empty_note.setAccessibleName("Plan is empty")
        self.month_chart = ProgressChart("Done by month")
        self.phase_chart = ProgressChart("Done by phase")
        charts = QHBoxLayout()
        charts.addWidget(self.month_chart, 3)
        charts.addWidget(self.phase_chart, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.views, 1)
        layout.addLayout(charts)

        self.follow_changes()

    def _action(self, key: str, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None, slot: Callable[[], None]) -> QAction:
        action = tab_action(self, text, shortcut, slot)
        self.actions[key] = action
        return action

    # --- loading and filtering ---------------------------------------------------------

    def refresh(self) -> None:
        year = self.context.year
        tasks: list[Task] = self.context.read(lambda s: plan.tasks(s, year))
        self.model.set_rows(tasks)
        self.shown_year = year
        self.board.set_year(year)
        read_only = self.context.read_only
        for action in self.actions.values():
            action.setEnabled(not read_only)
        self._show_progress(tasks)

    def _area_changed(self, area: str) -> None:
        """A plan command's edit of some tasks, on screen: those tasks read again and their rows
        updated (``refresh_tasks``); anything else (a key date moved, the centre) reads the year."""
        touched = commands.touched(self.context, area)
        if (area == plan_commands.AREA and touched is not None and touched.kind == plan_commands.TASK
                and not self.pending and self.shown_year == self.context.year
                and (self.isVisible() or not self.window().isVisible())):
            self.refresh_tasks(touched.ids)
            return
        super()._area_changed(area)

    def refresh_tasks(self, ids: frozenset[int]) -> None:
        """Read these tasks again and put them in place of their rows: inserted when new to the
        year, removed when gone (deleted, or moved to another year). No reset, so the table and
        the board keep their selection and scroll position."""
        year = self.shown_year
        found: dict[int, Task] = self.context.read(lambda s: plan.tasks_by_id(s, ids))
        ours = [t for t in found.values() if t.year == year]
        self.model.replace_records(sorted(ours, key=lambda t: (t.due, t.id)),
                                   removed=[i for i in ids if i not in found or found[i].year != year])
        self.board.refresh_headings()
        self._show_progress(self.model.records())

    def _show_progress(self, tasks: list[Task]) -> None:
        """The two charts, and the note that stands in for an empty year."""
        year = self.context.year
        self.month_chart.set_items(plan.progress_by_month(year, tasks))
        self.phase_chart.set_items(plan.progress_by_phase(tasks))
        if tasks:
            self.empty_note.hide()
        else:
            self.empty_note.setText(
                f"There are no tasks in {year.label} yet. Start from the template, roll the previous year "
                "forward (choose that year, then “Roll forward”), or add tasks one by one."
            )
            self.empty_note.show()

    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.board.refilter()

    def _apply_filters(self) -> None:
        phase: str = self.phase_filter.currentData()  # a key, or ALL
        owner: str = self.owner_filter.currentData()
        status: str = self.status_filter.currentData()
        today = self.context.today
        if not (phase or owner or status):
            self.proxy.set_predicate(None)
        else:

            def keep(task: Task) -> bool:
                if phase and task.phase != phase:
                    return False
                if owner and task.owner != owner:
                    return False
                if status == "open":
                    return task.status not in CLOSED
                if status in (OVERDUE, DUE_SOON):
                    return task.urgency(today) == status
                return not status or task.status == status

            self.proxy.set_predicate(keep)
        self.board.refilter()

    # --- selection and edits -----------------------------------------------------------

    def select_record(self, task_id: int) -> bool:
        """Show and select one task (the Overview opens items here); False if it is not in this year."""
        if not self._select(task_id):
            self.text_filter.setText("")
            self._text_changed("")
            for combo in (self.phase_filter, self.owner_filter, self.status_filter):
                combo.setCurrentIndex(0)
            if not self._select(task_id):
                return False
        return True

    def _select(self, task_id: int) -> bool:
        def find(model: QAbstractItemModel, column: int = 0) -> QModelIndex | None:
            for row in range(model.rowCount()):
                index = model.index(row, column)
                record = index.data(RECORD_ROLE)
                if isinstance(record, Task) and record.id == task_id:
                    return index
            return None

        if self.views.currentWidget() is self.board:
            for _heading, view, _proxy in self.board.columns:
                view.clearSelection()
            for _heading, view, proxy in self.board.columns:
                if (index := find(proxy, 1)) is not None:
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    holder = view.parentWidget()
                    assert holder is not None  # each month's list sits in its column of the board
                    self.board.ensureWidgetVisible(holder)
                    view.setFocus()
                    return True
            return False
        if (index := find(self.proxy)) is None:
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self.table.setFocus()
        return True

    def selected_tasks(self) -> list[Task]:
        if self.views.currentWidget() is self.board:
            return self.board.selected_tasks()
        rows = self.table.selectionModel().selectedRows()
        return [r.data(RECORD_ROLE) for r in rows if isinstance(r.data(RECORD_ROLE), Task)]

    def _attempt(self, title: str, change: Callable[[], object]) -> bool:
        try:
            change()
        except EofficeError as error:
            ask.error(self, title, str(error))
            return False
        return True

    def _dialog(self, task: Task | None, title: str) -> TaskDialog:
        year = task.year if task else self.context.year
        choices = self.context.read(lambda s: keydates.key_dates(s, year))
        return TaskDialog(
            year, task.fields if task else None, self.context.today, self, title=title,
            key_dates=choices, key_date_id=task.key_date_id if task else None,
        )

    def new_task(self) -> None:
        dialog = self._dialog(None, "New task")
        if ask.run_dialog(dialog) and dialog.result_fields is not None:
            fields, link = dialog.result_fields, dialog.result_key_date_id
            self._attempt("Task not added", lambda: plan_commands.add(self.context, fields, key_date_id=link))

    def edit_task(self, task: Task | None) -> None:
        if task is None:
            chosen = self.selected_tasks()
            if len(chosen) != 1:
                return
            task = chosen[0]
        if self.context.read_only:
            return
        dialog = self._dialog(task, "Edit task")
        if not ask.run_dialog(dialog) or dialog.result_fields is None:
            return
        fields, link = dialog.result_fields, dialog.result_key_date_id
        if fields != task.fields or link != task.key_date_id:
            self._attempt("Task not saved", lambda: plan_commands.edit(self.context, task, fields, link))

    def duplicate_tasks(self) -> None:
        for task in self.selected_tasks():
            if not self._attempt("Task not duplicated", partial(plan_commands.duplicate, self.context, task)):
                return

    def delete_tasks(self) -> None:
        chosen = self.selected_tasks()
        if chosen and ask.confirm(self, "Delete tasks", f"Delete {len(chosen)} task(s)? You can undo this with Ctrl+Z."):
            self._attempt("Tasks not deleted", lambda: plan_commands.delete(self.context, chosen))

    def mark(self, plan_status: str) -> None:
        chosen = [t for t in self.selected_tasks() if t.status != plan_status]
        if chosen:
            self._attempt("Tasks not changed", lambda: plan_commands.set_status(self.context, chosen, plan_status))

    def fill_from_template(self) -> None:
        year = self.context.year
        if not ask.confirm(self, "New year from template", f"Fill {year.label} with the built-in template of tasks?"):
            return
        done: list[tuple[int, str]] = []
        if self._attempt("Template not used", lambda: done.append(plan_commands.fill_year(self.context, year, None))):
            self._ask_about_past(year)
            if done[0][1]:
                ask.info(self, "New year from template", f"{done[0][0]} tasks added. Key dates: {done[0][1]}.")

    def _ask_about_past(self, year: AcademicYear) -> None:
        """A year begun after its first month: ask once what the tasks already past were."""
        today = self.context.today
        if not plan.started_mid_year(year.start, today, year.end):
            return
        past: list[Task] = plan.already_past(self.context.read(lambda s: plan.tasks(s, year)), today)
        if not past:
            return
        if ask.mark_the_past(self, "Tasks already past",
                             f"{plural(len(past), 'task')} of {year.label} fell due before today ({format_date(today)})",
                             "Mark them “before eoffice”", "grey: neither done nor overdue, and left out of progress"):
            self._attempt("Tasks not changed", lambda: plan_commands.set_status(self.context, past, plan.BEFORE_EOFFICE))

    def roll_forward(self) -> None:
        source = self.context.year
        target = source.next()
        if not ask.confirm(
            self,
            "Roll forward",
            f"Copy the tasks of {source.label} into {target.label}? Fixed dates keep their calendar date, "
            "same-weekday tasks move to the same weekday; statuses start again. Tasks already copied are skipped.",
        ):
            return
        done: list[tuple[int, str]] = []
        if self._attempt("Not rolled forward", lambda: done.append(plan_commands.fill_year(self.context, target, source))):
            count, links = done[0]
            links = f" Key dates: {links}." if links else ""
            ask.info(
                self, "Rolled forward",
                f"{count} task(s) added to {target.label}.{links} Choose {target.label} in the year box to see them.",
            )
            self._ask_about_past(target)
