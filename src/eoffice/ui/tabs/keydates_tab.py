"""The Key dates tab: external deadlines and the internal ones before them, as a list
grouped by month or as a calendar.

It reads key dates through ``domain.keydates`` and changes them only through
``keydates_commands``, so every edit can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
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
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.domain import keydates, plan
from eoffice.domain.dates import format_date
from eoffice.domain.keydates import BODIES, CATEGORIES, SERIES, KeyDateRecord, TaskShift, internal_state, is_overdue, linked_tasks
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError
from eoffice.ui import areas, commands, hotkeys, keydates_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.key_date_dialog import KeyDateDialog
from eoffice.ui.models import keydates_table
from eoffice.ui.models.keydates_table import MONTH, TITLE, KeyDateModel
from eoffice.ui.models.record_table import RECORD_ROLE, TextFilterProxy
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.tabs.keydates_calendar import CalendarPage
from eoffice.ui.tabs.keydates_months import MonthGroupDelegate, MonthRules
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table
from eoffice.ui.widgets.stand_in import put_in_place
from eoffice.ui.widgets.tab_actions import add_tool_button, tab_action

ALL = ""
SHOW: dict[str, str] = {
    "open": "Still to do",
    "overdue": "Overdue",
    "internal": "Internal deadline soon or passed",
    "check": "Needs checking",
    "done": "Done",
}
SHOW_TESTS: dict[str, Callable[[KeyDateRecord, date], bool]] = {
    "open": lambda r, _today: not r.done,
    "overdue": is_overdue,
    "internal": lambda r, today: internal_state(r, today) is not None,
    "check": lambda r, _today: r.needs_check,
    "done": lambda r, _today: r.done,
}


def _filter_combo(options: dict[str, str], first: str, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, ALL)
    for key, label in options.items():
        combo.addItem(label, key)
    return combo


class KeyDatesTab(AreaTab):
    watches = frozenset({areas.KEYDATES, areas.CENTRE, areas.SETTINGS})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Key dates")
        self.model = KeyDateModel(context.today, self)
        self.proxy = TextFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        # The internal deadline's width holds its longest words: "01/09/2026 (passed, shortened)".
        # The title gets what is left, and keeps room for its words before the body, series,
        # category and source are shown: on a small screen they step aside, in that order.
        self.table = make_table("Key dates table", self.proxy, (120, 160, 205, 112, 300, 90, 72, 150, 56, 130),
                                stretch=TITLE, least=250,
                                secondary=(keydates_table.BODY, keydates_table.SERIES, keydates_table.CATEGORY,
                                           keydates_table.SOURCE))
        self.table.setItemDelegateForColumn(MONTH, MonthGroupDelegate(self.table))
        self.month_rules = MonthRules(self.table)
        self.table.sortByColumn(MONTH, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda index: self.edit_key_date(index.data(RECORD_ROLE)))

        # The calendar is built the first time it is shown (``calendar``): an empty stand-in until then.
        self._calendar: CalendarPage | None = None
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(QWidget())

        self.series_filter = _filter_combo({s: s for s in SERIES}, "All series", "Filter by series")
        self.body_filter = _filter_combo({b: b for b in BODIES}, "All bodies", "Filter by awarding body")
        self.category_filter = _filter_combo(CATEGORIES, "All categories", "Filter by category")
        self.show_filter = _filter_combo(SHOW, "Everything", "Show")
        self.text_filter = FilterBox(placeholder="Filter key dates…")
        self.combos = (self.series_filter, self.body_filter, self.category_filter, self.show_filter)
        for combo in self.combos:
            combo.currentIndexChanged.connect(self._apply_filters)
        self.text_filter.filterChanged.connect(self._text_changed)

        self.list_button = QRadioButton("Lis&t")
        self.list_button.setAccessibleName("Show the list by month")
        self.calendar_button = QRadioButton("Ca&lendar")
        self.calendar_button.setAccessibleName("Show the calendar")
        self.list_button.setChecked(True)
        view_group = QButtonGroup(self)
        view_group.addButton(self.list_button, 0)
        view_group.addButton(self.calendar_button, 1)
        view_group.idClicked.connect(self._show_view)

        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]  # by key; hides QWidget.actions()
        self.toolbar = QToolBar("Key date actions")
        self.toolbar.setAccessibleName("Key date actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key, text, shortcut, slot in (
            ("new", "&New key date", hotkeys.NEW_KEY_DATE, self.new_key_date),
            ("edit", "&Edit", hotkeys.EDIT_KEY_DATE, lambda: self.edit_key_date(None)),
            ("delete", "&Delete", hotkeys.DELETE_KEY_DATE, self.delete_key_dates),
            ("done", "&Mark done", hotkeys.MARK_KEY_DATE_DONE, lambda: self.mark(True)),
            ("not_done", "Mark no&t done", hotkeys.MARK_KEY_DATE_NOT_DONE, lambda: self.mark(False)),
            ("load", "Load &reference dates…", hotkeys.LOAD_REFERENCE_DATES, self.load_reference),
        ):
            add_tool_button(self.toolbar, self._action(key, text, shortcut, slot))
            if key == "not_done":
                self.toolbar.addSeparator()
        switch = QAction("Switch list/calendar", self)
        switch.setShortcut(hotkeys.SWITCH_KEY_DATES_VIEW)
        switch.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        switch.triggered.connect(lambda: (self.calendar_button if self.views.currentIndex() == 0 else self.list_button).click())
        self.addAction(switch)

        buttons = QHBoxLayout()
        buttons.addWidget(self.toolbar, 1)
        buttons.addWidget(self.list_button)
        buttons.addWidget(self.calendar_button)
        filters = QHBoxLayout()
        for combo in self.combos:
            filters.addWidget(combo)
        filters.addWidget(self.text_filter, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName("Key dates summary")
        self.reference_note = QLabel()  # how current eoffice's reference dates are: the pack's "as of"
        self.reference_note.setAccessibleName("About the reference dates")
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        self.empty_note.setAccessibleName("No key dates yet")

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.reference_note)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.views, 1)

        self._new_year = True  # the calendar is set to the year at the next refresh
        self.follow_changes()

    def _action(self, key: str, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]) -> QAction:
        action = tab_action(self, text, shortcut, slot)
        self.actions[key] = action
        return action

    # --- loading and filtering ---------------------------------------------------------

    @property
    def calendar(self) -> CalendarPage:
        """The calendar page, built now if it was not yet (opening the tab on its list never waits
        for it), set to the year and marked with what the filters let through, as the list is."""
        if self._calendar is None:
            self._calendar = CalendarPage(self.context.today)
            self._calendar.recordActivated.connect(self.edit_key_date)
            put_in_place(self.views, 1, self._calendar)
            self._calendar.set_year(self.context.year)
            self._after_filter()
        return self._calendar

    def _show_view(self, index: int) -> None:
        if index == 1:
            self.calendar  # noqa: B018 - built on its first showing
        self.views.setCurrentIndex(index)

    def year_changed(self, year: AcademicYear) -> None:
        self._new_year = True
        super().year_changed(year)

    def refresh(self) -> None:
        """Everything read again; or, when an edit here says which key dates it touched (and the
        year and today are as the list has them), those alone, their rows updated in place."""
        year, today = self.context.year, self.context.today
        touched = commands.touched(self.context, areas.KEYDATES)
        if touched is not None and touched.kind == keydates_commands.KIND and not self._new_year and today == self.model.today:
            self._update(touched.ids)
            return
        new_year, self._new_year = self._new_year, False
        records: list[KeyDateRecord] = self.context.read(lambda s: keydates.key_dates(s, year))
        self.model.set_rows(records, today)
        if new_year and self._calendar is not None:
            self._calendar.set_year(year)
        self._show_counts()

    def _update(self, ids: frozenset[int]) -> None:
        """The rows of ``ids`` read again and replaced (those gone, or now in another year, removed):
        ``dataChanged`` for those rows, never a reset, so the selection and scroll position stay.
        The proxy sorts and filters again, as a date or "done" may move a row or hide it."""
        year = self.context.year
        found: list[KeyDateRecord] = self.context.read(lambda s: keydates.key_dates_with_ids(s, ids))
        changed = [r for r in found if r.year == year]
        self.model.replace_records(changed, ids - {r.id for r in changed})
        self.proxy.invalidate()
        self._show_counts()

    def _show_counts(self) -> None:
        year, today, records = self.context.year, self.context.today, self.model.records()
        self._after_filter()
        for action in self.actions.values():
            action.setEnabled(not self.context.read_only)
        overdue = sum(is_overdue(r, today) for r in records)
        to_check = sum(r.needs_check for r in records)
        done = sum(r.done for r in records)
        self.summary.setText(
            f"{year.label}: {plural(len(records), 'key date')}, {done} done, {overdue} overdue, "
            f"{to_check} to check against JCQ and the awarding bodies"
        )
        note = keydates.reference_summary(year)
        self.reference_note.setText(note[:1].upper() + note[1:])
        if records:
            self.empty_note.hide()
        else:
            self.empty_note.setText(
                f"There are no key dates in {year.label} yet. Load eoffice's reference dates (most are "
                "projections to check) with “Load reference dates”, or add them one by one with “New key date”."
            )
            self.empty_note.show()

    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter()

    def _apply_filters(self) -> None:
        series, body, category, show = (combo.currentData() for combo in self.combos)
        if not (series or body or category or show):
            self.proxy.set_predicate(None)
        else:
            today = self.context.today

            def keep(record: KeyDateRecord) -> bool:
                if series and record.series != series:
                    return False
                if body and record.body != body:
                    return False
                if category and record.category != category:
                    return False
                return not show or SHOW_TESTS[show](record, today)

            self.proxy.set_predicate(keep)
        self._after_filter()

    def _after_filter(self) -> None:
        """The calendar marks what the filters let through, like the list (once it is built)."""
        if self._calendar is None:
            return
        shown = [self.proxy.index(row, 0).data(RECORD_ROLE) for row in range(self.proxy.rowCount())]
        self._calendar.set_records(shown, self.context.today)

    def clear_filters(self) -> None:
        self.text_filter.setText("")
        self.proxy.set_text("")
        for combo in self.combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._apply_filters()

    # --- selection and edits -----------------------------------------------------------

    def selected_records(self) -> list[KeyDateRecord]:
        if self._calendar is not None and self.views.currentWidget() is self._calendar:
            return self._calendar.selected_records()
        rows = self.table.selectionModel().selectedRows()
        return [r.data(RECORD_ROLE) for r in rows if isinstance(r.data(RECORD_ROLE), KeyDateRecord)]

    def select_record(self, key_date_id: int) -> bool:
        """Show and select one key date in the list (the Overview opens items here)."""
        self.list_button.click()
        for attempt in range(2):
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                record = index.data(RECORD_ROLE)
                if isinstance(record, KeyDateRecord) and record.id == key_date_id:
                    self.table.selectRow(row)
                    self.table.scrollTo(index)
                    self.table.setFocus()
                    return True
            if attempt == 0:
                self.clear_filters()
        return False

    def _attempt(self, title: str, change: Callable[[], object]) -> bool:
        try:
            change()
        except EofficeError as error:
            ask.error(self, title, str(error))
            return False
        return True

    def _derive(self, on: date, category: str) -> tuple[int, date, str]:
        def read(session: Session) -> tuple[int, date, str]:
            days = keydates.internal_days(session, category)
            return (days, *keydates.derived_deadline(on, days, keydates.centre_nation(session)))

        return self.context.read(read)

    def new_key_date(self) -> None:
        if self.context.read_only:
            return
        dialog = KeyDateDialog(self.context.year, None, self.context.today, self._derive, self, title="New key date")
        if ask.run_dialog(dialog) and dialog.result_fields is not None:
            fields = dialog.result_fields
            self._attempt("Key date not added", lambda: keydates_commands.add(self.context, fields))

    def edit_key_date(self, record: KeyDateRecord | None) -> None:
        if record is None:
            chosen = self.selected_records()
            if len(chosen) != 1:
                return
            record = chosen[0]
        if self.context.read_only:
            return
        dialog = KeyDateDialog(record.year, record.fields, self.context.today, self._derive, self, title="Edit key date")
        if not ask.run_dialog(dialog) or dialog.result_fields is None or dialog.result_fields == record.fields:
            return
        fields = dialog.result_fields
        shift = self._ask_to_move_tasks(record, (fields.on - record.on).days)
        self._attempt("Key date not saved", lambda: keydates_commands.edit(self.context, record, fields, shift_days=shift))

    def _ask_to_move_tasks(self, record: KeyDateRecord, moved: int) -> int:
        """The days to move the linked tasks by: 0 when there are none, none can move, or the
        officer says no. Tasks that would leave the academic year are named first, with why."""
        if not moved:
            return 0
        shift: TaskShift = self.context.read(lambda s: linked_tasks.planned_shift(s, record.id, moved))
        linked = len(shift.moving) + len(shift.staying)
        if not linked:
            return 0
        days = plural(abs(moved), "day")
        head = f"“{record.title}” moves {days} {'later' if moved > 0 else 'earlier'}."
        why = f"\n\n{shift.explanation()}" if shift.staying else ""
        if not shift.moving:
            ask.info(self, "Linked tasks stay", f"{head}{why}")
            return 0
        which = f"{len(shift.moving)} of its {linked} linked tasks" if shift.staying else f"its {plural(linked, 'linked task')}"
        return moved if ask.confirm(self, "Move linked tasks", f"{head} Move {which} by {days} as well?{why}") else 0

    def delete_key_dates(self) -> None:
        chosen = self.selected_records()
        if chosen and ask.confirm(
            self,
            "Delete key dates",
            f"Delete {plural(len(chosen), 'key date')}? Plan tasks linked to them stay in the plan, unlinked. "
            "You can undo this with Ctrl+Z.",
        ):
            self._attempt("Key dates not deleted", lambda: keydates_commands.delete(self.context, chosen))

    def mark(self, done: bool) -> None:
        chosen = [r for r in self.selected_records() if r.done != done]
        if chosen:
            self._attempt("Key dates not changed", lambda: keydates_commands.set_done(self.context, chosen, done))

    def _ask_about_past(self, year: AcademicYear) -> None:
        """Dates loaded after the year's first month: ask once what the ones already past were,
        rather than show them all overdue (the plan asks the same of its tasks)."""
        today = self.context.today
        if not plan.started_mid_year(year.start, today, year.end):
            return
        records: list[KeyDateRecord] = self.context.read(lambda s: keydates.key_dates(s, year))
        past = [r for r in records if is_overdue(r, today)]
        if not past:
            return
        if ask.mark_the_past(self, "Key dates already past",
                             f"{plural(len(past), 'key date')} of {year.label} passed before today ({format_date(today)})",
                             "Mark them done", "they count as done"):
            self._attempt("Key dates not changed", lambda: keydates_commands.set_done(self.context, past, True))

    def load_reference(self) -> None:
        year = self.context.year
        if not ask.confirm(
            self,
            "Load reference dates",
            f"Add eoffice's reference key dates for {year.label} that are not in the list yet, and bring those "
            "you have not changed up to eoffice's latest? Most are projected from earlier years and marked "
            "“check”: confirm them against JCQ and the awarding bodies. Any date you have changed is left as it is.",
        ):
            return
        try:
            update, linked = keydates_commands.load_reference(self.context, year)
        except FileNotFoundError as error:
            ask.error(self, "Reference dates not loaded", f"eoffice's list of reference key dates is missing ({error.filename}).")
            return
        except (EofficeError, OSError, ValueError, KeyError) as error:
            message = str(error)
            ask.error(self, "Reference dates not loaded", f"{message[:1].upper()}{message[1:]}.")
            return
        if not update.added and not update.changed:
            ask.info(self, "Reference dates loaded", f"All the reference dates for {year.label} are already in the list.")
            return
        said = []
        if update.added:
            tasks = f" {keydates.linked_text(linked, 'plan task')}." if linked else ""
            said.append(f"{plural(len(update.added), 'reference date')} added to {year.label}.{tasks}")
        said += [line[:1].upper() + line[1:] for line in update.lines(projection=False)]
        ask.info(self, "Reference dates loaded", "\n".join(said))
        if update.added:
            self._ask_about_past(year)
