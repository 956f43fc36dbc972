"""The Overview tab: what is overdue, what is due in the next four weeks, and how each
area of the year is going, on one page.

Each area adds itself through two hooks: ``ITEM_SOURCES`` (its dated items, open ones
only) and ``AREA_LINES`` (one line of progress). Double-click or Enter on an item opens
it in its own tab with the record selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from eoffice.domain import keydates, plan
from eoffice.domain.dates import format_date
from eoffice.domain.keydates import countdown
from eoffice.domain.plan_rules import CLOSED, DUE_SOON_DAYS, OVERDUE, OWNERS
from eoffice.domain.years import AcademicYear
from eoffice.ui import colours, hotkeys
from eoffice.ui.context import AppContext
from eoffice.ui.models.keydates_table import countdown_text, internal_state, is_overdue, last_day
from eoffice.ui.models.record_table import RECORD_ROLE, RecordTableModel, TableColumn

AHEAD_DAYS = 28
OVERDUE_ROWS_SHOWN = 8  # more scroll, so the next four weeks stay in view
KEY_DATE, INTERNAL_DEADLINE, PLAN_TASK = "Key date", "Internal deadline", "Plan task"


@dataclass(frozen=True)
class OverviewItem:
    on: date
    countdown: str  # "in 5 days", "2 days overdue", "open, ends tomorrow"
    kind: str  # "Key date", "Internal deadline", "Plan task", or a later area's word
    title: str
    who: str  # the awarding body, the owner, ...
    overdue: bool
    tab_key: str  # where double-click opens it
    record_id: int
    year: AcademicYear | None = None  # set when the item is in the next academic year


@dataclass(frozen=True)
class AreaLine:
    area: str
    summary: str  # "45 of 120 tasks done (38%)"
    tab_key: str


# (session, year, today) -> the area's open dated items, overdue ones flagged
ItemSource = Callable[[Session, AcademicYear, date], list[OverviewItem]]
# (session, year, today) -> one line about the area, or None when it has nothing to say
AreaSource = Callable[[Session, AcademicYear, date], AreaLine | None]


def plan_items(session: Session, year: AcademicYear, today: date) -> list[OverviewItem]:
    return [
        OverviewItem(
            t.due, countdown(t.due, today), PLAN_TASK, t.title, OWNERS.get(t.owner, t.owner),
            t.urgency(today) == OVERDUE, "plan", t.id,
        )
        for t in plan.tasks(session, year)
        if t.status not in CLOSED
    ]


def key_date_items(session: Session, year: AcademicYear, today: date) -> list[OverviewItem]:
    """Each open key date, and its internal deadline while the key date itself is not overdue."""
    found = []
    for r in keydates.key_dates(session, year):
        if r.done:
            continue
        overdue = is_overdue(r, today)
        external = last_day(r) if overdue or r.on < today else r.on  # an open window: its last day
        found.append(OverviewItem(external, countdown_text(r, today), KEY_DATE, r.title, r.body, overdue, "keydates", r.id))
        if r.internal_deadline is not None and r.internal_deadline != r.on and not overdue:
            passed = internal_state(r, today) == "passed"
            found.append(
                OverviewItem(
                    r.internal_deadline, countdown(r.internal_deadline, today), INTERNAL_DEADLINE,
                    r.title, r.body, passed, "keydates", r.id,
                )
            )
    return found


def _share(done: int, total: int) -> str:
    return f" ({round(100 * done / total)}%)" if total else ""


def plan_line(session: Session, year: AcademicYear, today: date) -> AreaLine:
    tasks = [t for t in plan.tasks(session, year) if t.status != "not_applicable"]
    done = sum(t.status == "done" for t in tasks)
    overdue = sum(t.urgency(today) == OVERDUE for t in tasks)
    summary = f"{done} of {len(tasks)} tasks done{_share(done, len(tasks))}, {overdue} overdue" if tasks else "No tasks yet"
    return AreaLine("Annual exams plan", summary, "plan")


def key_dates_line(session: Session, year: AcademicYear, today: date) -> AreaLine:
    records = keydates.key_dates(session, year)
    done = sum(r.done for r in records)
    to_check = sum(r.needs_check for r in records)
    if not records:
        return AreaLine("Key dates", "No key dates yet: load the published reference dates", "keydates")
    summary = f"{done} of {len(records)} key dates done{_share(done, len(records))}, {to_check} to check"
    return AreaLine("Key dates", summary, "keydates")


# Later areas (access arrangements, invigilators, Standards) append theirs here.
ITEM_SOURCES: list[ItemSource] = [plan_items, key_date_items]
AREA_LINES: list[AreaSource] = [plan_line, key_dates_line]


@dataclass(frozen=True)
class Snapshot:
    overdue: list[OverviewItem]
    ahead: list[OverviewItem]
    areas: list[AreaLine]


def gather(session: Session, year: AcademicYear, today: date) -> Snapshot:
    items = [item for source in ITEM_SOURCES for item in source(session, year, today)]
    horizon = today + timedelta(days=AHEAD_DAYS)
    order = {PLAN_TASK: 2, INTERNAL_DEADLINE: 0, KEY_DATE: 1}

    def key(item: OverviewItem) -> tuple[date, int, str]:
        return (item.on, order.get(item.kind, 3), item.title.casefold())

    if year.contains(today) and horizon > year.end:
        # Late August: the four weeks ahead run into September, which belongs to next year.
        following = year.next()
        items += [replace(item, year=following) for source in ITEM_SOURCES for item in source(session, following, today)
                  if not item.overdue and item.on <= horizon]  # fmt: skip
    overdue = sorted((i for i in items if i.overdue), key=key)
    ahead = sorted((i for i in items if not i.overdue and today <= i.on <= horizon), key=key)
    areas = [line for source in AREA_LINES if (line := source(session, year, today)) is not None]
    return Snapshot(overdue, ahead, areas)


def item_columns(today: Callable[[], date]) -> list[TableColumn[OverviewItem]]:
    def tint(item: OverviewItem) -> QColor | None:
        if item.overdue:
            return colours.OVERDUE
        return colours.DUE_SOON if (item.on - today()).days <= DUE_SOON_DAYS else None

    return [
        TableColumn("Date", lambda i: f"{i.on:%a} {format_date(i.on)}", sort_key=lambda i: i.on),
        TableColumn("Countdown", lambda i: i.countdown, sort_key=lambda i: i.on, background=tint),
        TableColumn("Kind", lambda i: i.kind),
        TableColumn("Title", lambda i: i.title),
        TableColumn("Body / owner", lambda i: i.who),
    ]


AREA_COLUMNS: list[TableColumn[AreaLine]] = [
    TableColumn("Area", lambda a: a.area),
    TableColumn("This year so far", lambda a: a.summary),
]


def _table(name: str, model: RecordTableModel, widths: Sequence[int], stretch: int) -> QTableView:  # type: ignore[type-arg]
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class OverviewTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName("Overview")
        self._stale = False
        today = lambda: self.context.today  # noqa: E731 - read at each refresh: the app runs for days
        self.overdue_model: RecordTableModel[OverviewItem] = RecordTableModel(item_columns(today), self)
        self.ahead_model: RecordTableModel[OverviewItem] = RecordTableModel(item_columns(today), self)
        self.areas_model: RecordTableModel[AreaLine] = RecordTableModel(AREA_COLUMNS, self)
        widths = (120, 130, 140, 500, 200)
        self.overdue_table = _table("Overdue items", self.overdue_model, widths, stretch=3)  # the title
        self.ahead_table = _table("Items due in the next four weeks", self.ahead_model, widths, stretch=3)
        self.areas_table = _table("Other areas", self.areas_model, (200, 400), stretch=1)
        for table in (self.overdue_table, self.ahead_table, self.areas_table):
            table.activated.connect(self.open_item)

        self.heading = QLabel()
        self.heading.setAccessibleName("Overview heading")
        self.overdue_label, self.overdue_note = QLabel(), QLabel()
        self.ahead_label, self.ahead_note = QLabel(), QLabel()
        areas_label = QLabel("<b>Other areas</b>")
        for label, buddy in ((self.overdue_label, self.overdue_table), (self.ahead_label, self.ahead_table), (areas_label, self.areas_table)):
            label.setBuddy(buddy)
        self.overdue_note.setAccessibleName("Nothing overdue")
        self.ahead_note.setAccessibleName("Nothing due soon")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.overdue_label)
        layout.addWidget(self.overdue_note)
        layout.addWidget(self.overdue_table, 2)
        layout.addWidget(self.ahead_label)
        layout.addWidget(self.ahead_note)
        layout.addWidget(self.ahead_table, 3)
        layout.addWidget(areas_label)
        layout.addWidget(self.areas_table)
        layout.addStretch(0)  # takes the space only when both lists are empty and hidden

        refresh = QAction("Refresh the overview", self)
        refresh.setShortcut(hotkeys.REFRESH_OVERVIEW)
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)
        context.changed.connect(self._changed)
        context.yearChanged.connect(lambda _year: self._changed("year"))
        self.refresh()

    def _changed(self, _area: str) -> None:
        """Any area's change can alter the overview; while hidden, wait until shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        year, today = self.context.year, self.context.today
        snapshot: Snapshot = self.context.read(lambda s: gather(s, year, today))  # type: ignore[assignment]
        self.overdue_model.set_rows(snapshot.overdue)
        self.ahead_model.set_rows(snapshot.ahead)
        self.areas_model.set_rows(snapshot.areas)
        horizon = today + timedelta(days=AHEAD_DAYS)
        when = ""
        if today < year.start:
            when = f" {year.label} starts on {format_date(year.start)}."
        elif today > year.end:
            when = f" {year.label} ended on {format_date(year.end)}."
        self.heading.setText(f"<h2>{year.label} at a glance</h2>Today is {today:%A} {today.day} {today:%B %Y}.{when}")
        self.overdue_label.setText(f"<b>Overd&ue</b> ({len(snapshot.overdue)})")
        self.ahead_label.setText(f"<b>&Next four weeks</b>, to {format_date(horizon)} ({len(snapshot.ahead)})")
        for table, note, text in (
            (self.overdue_table, self.overdue_note, "Nothing is overdue."),
            (self.ahead_table, self.ahead_note, "Nothing is due in the next four weeks."),
        ):
            empty = table.model().rowCount() == 0
            table.setVisible(not empty)
            note.setText(text)
            note.setVisible(empty)
        self._fit(self.areas_table, len(snapshot.areas), fixed=True)
        self._fit(self.overdue_table, min(len(snapshot.overdue), OVERDUE_ROWS_SHOWN))

    @staticmethod
    def _fit(table: QTableView, rows: int, *, fixed: bool = False) -> None:
        """No empty space under a short list; a long one scrolls."""
        height = table.horizontalHeader().sizeHint().height() + max(1, rows) * table.verticalHeader().defaultSectionSize()
        height += 2 * table.frameWidth()
        if fixed:
            table.setFixedHeight(height)
        else:
            table.setMaximumHeight(height)

    def open_item(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE)
        show = getattr(self.window(), "show_item", None)
        if show is None:
            return
        if isinstance(record, OverviewItem):
            choose_year = getattr(self.window(), "choose_year", None)
            if record.year is not None and choose_year is not None:
                choose_year(record.year)
            show(record.tab_key, record.record_id)
        elif isinstance(record, AreaLine):
            show(record.tab_key, None)


from eoffice.ui.models.standards_models import overview_area_line  # noqa: E402 - the Standards add their line

AREA_LINES.append(overview_area_line)


# --- access arrangements: counts only, no names and no conditions (anyone passing sees this tab)

ACCESS_APPLICATIONS = "Access arrangements"


def access_items(session: Session, year: AcademicYear, today: date) -> list[OverviewItem]:
    """One item per awarding-body deadline with applications still not made; it opens the first of them."""
    from eoffice.domain import access
    from eoffice.domain.access_warnings import NOT_APPLIED

    grouped: dict[tuple[date, str], list[int]] = {}
    for w in access.warnings(session, year, today):
        if w.kind == NOT_APPLIED and w.deadline is not None:
            grouped.setdefault((w.deadline, w.deadline_label), []).append(w.arrangement_id)
    return [
        OverviewItem(day, countdown(day, today), ACCESS_APPLICATIONS,
                     f"{len(ids)} application{'s' if len(ids) != 1 else ''} not yet made",
                     f"{label} deadline", day < today, "access", min(ids))
        for (day, label), ids in sorted(grouped.items())
    ]


def access_line(session: Session, year: AcademicYear, today: date) -> AreaLine:
    from eoffice.domain import access

    return AreaLine("Access arrangements", "; ".join(access.overview_lines(session, year, today)), "access")


ITEM_SOURCES.append(access_items)
AREA_LINES.append(access_line)


# --- invigilators: compliance counts only, no names; the line opens the Invigilators tab

def invigilators_line(session: Session, year: AcademicYear, today: date) -> AreaLine | None:
    from eoffice.domain import invigilators

    active = len(invigilators.invigilators(session, active_only=True))
    if not active:
        return None
    problems = invigilators.overview_lines(session, year, today)
    summary = "; ".join(problems) if problems else f"{active} active invigilators, all trained and DBS-checked"
    return AreaLine("Invigilators", summary, "roster")


AREA_LINES.append(invigilators_line)
