"""The exam-day page: for a chosen date and session, every candidate with an
arrangement in force (or applied for) sitting a paper, with the room and desk, the start,
duration, the minutes added and the finish time in bold (a second paper in the session
starts after the first, and says so); beside it the room plan, desk by desk; above them
what the officer must settle before printing; below, that day's clashes and how to
resolve them.

From here the officer seats the session (``examday.seat_session``: rooms, then desks,
undoable) and prints its seating plans, registers and desk cards: the catalogue's
exports of one session, run the way File > Export runs every export (the main window's
``run_export``: where to save, the sensitive-data question, written in the background).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.domain import examday
from eoffice.domain.access import SESSIONS, Clash, ExamDayRow, exam_day
from eoffice.domain.dates import format_date
from eoffice.domain.examday import ExamDayKit
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.io import catalogue
from eoffice.ui import colours, hotkeys, roster_commands
from eoffice.ui.background import ExportJob
from eoffice.ui.context import AppContext
from eoffice.ui.exports import ExportAction, request_for
from eoffice.ui.models.access_models import (
    CLASH_COLUMNS,
    EXAM_DAY_COLUMNS,
    FINISH_COLUMN,
    SortedTableModel,
    first_on_or_after,
    make_proxy,
)
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_common import AccessData, AccessPage
from eoffice.ui.widgets.date_edit import DateEdit
from eoffice.ui.widgets.record_page import make_table, selected
from eoffice.ui.widgets.room_plan import RoomPlanPanel

RULE = ("Finish = start + duration + extra time + rest breaks, rounded up to the next whole minute. "
        "Only arrangements approved and not expired on the day count. Two papers in one session are sat one after "
        "the other: the second starts when the first finishes plus the supervised break (a setting).")
PRINTS = (("seating-plan", "Seating plans…"), ("register", "Registers…"), ("desk-cards", "Desk cards…"))
WARNINGS_SHOWN = 3  # more are in the line's tooltip
PLAN_WIDTH = 240  # the plan's width when the window is narrow: the list keeps the rest
PLAN_SHARE = 0.36  # and its share of a wide one
STRETCH_LEAST = 50  # the arrangements and the paper are never narrower than this (their tooltips say it all)
STRETCH_COMFORT = 150  # and are given this before a long name or room is shown whole
NAME, ROOM, ARRANGEMENTS, PAPER, START = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class DaySpan:
    """One day as the span ``exam_day.clashes`` reads (it uses only ``start`` and ``end``)."""

    start: date
    end: date


def exam_day_data(session: Session, day: date, exam_session: str,
                  year: AcademicYear | None = None) -> tuple[list[ExamDayRow], list[Clash]]:
    """The session's list and the clashes of that day (or of the whole ``year``), as the page reads them."""
    view = exam_day_view(session, day, exam_session, year)
    return view.rows, view.clashes


@dataclass(frozen=True)
class ExamDayView:
    """What the page shows for one session, read at once."""

    rows: list[ExamDayRow]
    clashes: list[Clash]
    kit: ExamDayKit  # the room plans and what to settle before printing, as the printed kit has them


def exam_day_view(session: Session, day: date, exam_session: str, year: AcademicYear | None = None) -> ExamDayView:
    """The list and the kit from one seating of the session (``examday.session_and_kit``), and the clashes."""
    rows, kit = examday.session_and_kit(session, day, exam_session)
    found = exam_day.clashes(session, year if year is not None else DaySpan(day, day))  # type: ignore[arg-type]
    return ExamDayView(rows, found, kit)


def seating_problems(kit: ExamDayKit) -> bool:
    """Whether the kit's warnings are problems to settle, not only "nobody sits": that one comes
    alone, with no room in use; a session seated, or failed to seat, says more."""
    return bool(kit.warnings) and (bool(kit.plans) or len(kit.warnings) > 1)


class ExamDayPage(AccessPage):
    title = "E&xam day"
    name = "Exam day"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.sessions: list[tuple[date, str]] = []
        self.chosen_once = False
        self.split_by_hand = False
        self.model: SortedTableModel[ExamDayRow] = SortedTableModel(EXAM_DAY_COLUMNS, self, bold={FINISH_COLUMN})
        self.proxy = make_proxy(self.model, self)
        self.table = make_table("Exam day list", self.proxy, stretch=PAPER)
        self.moved_start = False
        self._size_columns()
        self.clash_model: SortedTableModel[Clash] = SortedTableModel(CLASH_COLUMNS, self)
        self.clash_proxy = make_proxy(self.clash_model, self)
        self.clash_table = make_table("Clashes", self.clash_proxy, (76, 170, 120, 80, 240, 84, 520))
        self.plan = RoomPlanPanel()
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._row_chosen())
        self.plan.view.deskChosen.connect(self._desk_chosen)

        self.day = DateEdit(context.today, name="Exam date")
        self.session = QComboBox()
        self.session.setAccessibleName("Session")
        for name in SESSIONS:
            self.session.addItem(name, name)
        self.previous = QPushButton("◀ Previous session")
        self.next = QPushButton("Next session ▶")
        for button, name, key in ((self.previous, "Previous exam session", hotkeys.PREVIOUS_EXAM_SESSION),
                                  (self.next, "Next exam session", hotkeys.NEXT_EXAM_SESSION)):
            button.setAccessibleName(name)
            button.setShortcut(key)
            button.setToolTip(f"{name} in the timetable ({key.toString(key.SequenceFormat.NativeText)})")
        self.whole_year = QCheckBox("Every c&lash in the year")
        self.whole_year.setAccessibleName("Show every clash in the year")
        self.day.dateChanged.connect(lambda _d: self.show_session())
        self.session.currentIndexChanged.connect(lambda _i: self.show_session())
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.whole_year.toggled.connect(lambda _on: self.show_session())

        seat = self.add_action("seat", "Seat this session", None, self.seat)
        seat.setToolTip("Give every candidate in this session a room and a desk, and keep them: the rooms you chose "
                        "and the desks you locked stay. Undo puts the seating back as it was.")
        self.print_menu = QMenu("Print", self)
        self.print_actions = {}
        for kind, text in PRINTS:
            action = self.print_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=kind: self.print_kit(k))
            self.print_actions[kind] = action
        self.print_button = QToolButton()
        self.print_button.setText("Print")
        self.print_button.setAccessibleName("Print")
        self.print_button.setToolTip("Seating plans, registers or desk cards for the session shown, as a PDF")
        self.print_button.setMenu(self.print_menu)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toolbar.addWidget(self.print_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Exam day summary")
        self.seating = QLabel()
        self.seating.setWordWrap(True)
        self.seating.setTextFormat(Qt.TextFormat.PlainText)
        self.seating.setAccessibleName("Seating warnings")
        self.clash_heading = QLabel()
        self.clash_heading.setAccessibleName("Clashes heading")
        rule = QLabel(RULE)
        rule.setWordWrap(True)
        rule.setAccessibleName("How finish times are worked out")
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.day)
        choose = QHBoxLayout()
        choose.addWidget(date_label)
        choose.addWidget(self.day)
        choose.addWidget(self.session)
        choose.addWidget(self.previous)
        choose.addWidget(self.next)
        choose.addSpacing(12)
        choose.addWidget(self.toolbar, 1)
        self.beside = QSplitter(Qt.Orientation.Horizontal)
        self.beside.addWidget(self.table)
        self.beside.addWidget(self.plan)
        self.beside.setStretchFactor(0, 1)
        self.beside.setStretchFactor(1, 0)
        self.beside.setChildrenCollapsible(False)
        self.beside.splitterMoved.connect(lambda _pos, _index: self._split_by_hand())
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        clash_row = QHBoxLayout()
        clash_row.addWidget(self.clash_heading, 1)
        clash_row.addWidget(self.whole_year)
        lower_layout.addLayout(clash_row)
        lower_layout.addWidget(self.clash_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.beside)
        split.addWidget(lower)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 100])  # two thirds to the list and the plan, a third to the clashes
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.seating)
        layout.addWidget(split, 1)
        layout.addWidget(rule)
        self.year: AcademicYear = context.year
        self.kit: ExamDayKit | None = None

    # --- the list's columns and its share of the width ---------------------------------------------

    def _size_columns(self) -> None:
        """Short columns as wide as their heading; the arrangements and the paper share what is
        left, so the finish time, in bold, stays in view. With width to spare a moved start is
        shown whole ("11:03 (published 09:00)"), then long names and rooms; else they are cut
        short (their tooltips say them whole)."""
        header, metrics = self.table.horizontalHeader(), self.table.fontMetrics()
        pad = metrics.horizontalAdvance("M") + 8  # the header's margins

        def fit(column: int, sample: str) -> int:
            return max(metrics.horizontalAdvance(EXAM_DAY_COLUMNS[column].header),
                       metrics.horizontalAdvance(sample)) + pad

        widths = {}
        for column in range(len(EXAM_DAY_COLUMNS)):
            mode = QHeaderView.ResizeMode.Stretch if column in (ARRANGEMENTS, PAPER) else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
            if column not in (ARRANGEMENTS, PAPER):
                widths[column] = fit(column, {NAME: "Watson, Finn", ROOM: "Library, desk D12"}.get(column, "00:00"))
        frame = self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        self.list_needs = sum(widths.values()) + 2 * STRETCH_LEAST + frame
        spare = self.table.width() - self.list_needs
        wider = [(NAME, "Kowalczyk, Dafydd", True), (ROOM, "Sports Hall, desk H12", True)]
        for column, sample, after_papers in [(START, "00:00 (published 00:00)", False)] * self.moved_start + wider:
            more = fit(column, sample) - widths[column]
            if more <= spare - (2 * (STRETCH_COMFORT - STRETCH_LEAST) if after_papers else 0):
                widths[column] += more
                spare -= more
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.setMinimumWidth(self.list_needs)

    def _balance(self) -> None:
        """The list first: never narrower than it needs to show the finish; the plan a third of
        the width when the window is wide, the rest of a narrow one."""
        total = self.beside.width() - self.beside.handleWidth()
        if not self.split_by_hand and total > 0:
            plan = min(max(PLAN_WIDTH, int(total * PLAN_SHARE)), total - self.list_needs)
            plan = max(plan, self.plan.minimumSizeHint().width())
            self.beside.setSizes([total - plan, plan])
        self._size_columns()

    def _split_by_hand(self) -> None:
        self.split_by_hand = True
        self._size_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._balance()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._balance()

    # --- choosing the session ---------------------------------------------------------------------

    def load(self, data: AccessData) -> None:
        """Opens on the next exam session from today (again when the year shown changes)."""
        self.data = data
        if data.year != self.year:
            self.chosen_once = False
        self.year = data.year
        self.sessions = sorted({(p.sat_on, p.session) for p in data.papers})
        self.enable_writes()
        if not self.chosen_once:
            start = first_on_or_after(self.sessions, data.today)
            if start is not None:
                self.choose(*start)
                self.chosen_once = True
                return
        self.show_session()

    def choose(self, day: date, exam_session: str) -> None:
        for widget in (self.day, self.session):
            widget.blockSignals(True)
        self.day.set_date(day)
        self.session.setCurrentIndex(max(0, self.session.findData(exam_session)))
        for widget in (self.day, self.session):
            widget.blockSignals(False)
        self.show_session()

    def current(self) -> tuple[date, str]:
        return self.day.value(), self.session.currentData()

    def step(self, direction: int) -> None:
        """To the timetable's previous or next exam session from the one shown."""
        here = self.current()
        found = [s for s in self.sessions if (s < here if direction < 0 else s > here)]
        if found:
            self.choose(*(found[-1] if direction < 0 else found[0]))

    def show_session(self) -> None:
        day, sess = self.current()
        year = self.year if self.whole_year.isChecked() else None
        keep = {(r.candidate_number, r.code) for r in selected(self.table)}
        view: ExamDayView = self.context.read(lambda s: exam_day_view(s, day, sess, year))
        rows, found, self.kit = view.rows, view.clashes, view.kit
        self.model.set_rows(rows)
        self.clash_model.set_rows(found)
        moved = any(r.start != r.published for r in rows)
        if moved != self.moved_start:  # the start column widens to say a start moved, and back
            self.moved_start = moved
            self._balance()
        self.plan.set_plans(view.kit.plans)
        if not self._select(lambda r: (r.candidate_number, r.code) in keep):
            self.plan.view.highlight(None)
        here = (day, sess)
        self.previous.setEnabled(any(s < here for s in self.sessions))
        self.next.setEnabled(any(s > here for s in self.sessions))
        self._enable_session_actions()
        people = len({r.candidate_id for r in rows})
        papers = {r.code for r in rows}
        when = f"{day:%A} {format_date(day)} {sess}"
        if here not in self.sessions:
            self.summary.setText(f"No paper is timetabled on {when}.")
        elif not rows:
            self.summary.setText(f"{when}: no candidate with an arrangement in force sits a paper.")
        else:
            latest = max(r.finish for r in rows)
            self.summary.setText(f"{when}: {plural(people, 'candidate')} with arrangements, "
                                 f"{plural(len(rows), 'sitting')} of {plural(len(papers), 'paper')}; the last finishes at "
                                 f"{latest // 60:02d}:{latest % 60:02d}.")
        self._show_warnings(view.kit, here in self.sessions)
        scope = f"in {self.year.label}" if year is not None else f"on {day:%A} {format_date(day)}"
        count = len(found)
        self.clash_heading.setText(f"<b>Clashes {scope}</b>: {plural(count, 'clash', 'clashes')}"
                                   + ("" if count else " — none"))

    def _show_warnings(self, kit: ExamDayKit, timetabled: bool) -> None:
        """What to settle before printing, in red when it is a problem; quiet when all is well."""
        problem = seating_problems(kit)
        if not timetabled:
            text = ""
        elif not kit.warnings:
            text = "Seating: every candidate has a room and a desk."
        else:
            shown = [f"⚠ {w}" for w in kit.warnings[:WARNINGS_SHOWN]]
            more = len(kit.warnings) - WARNINGS_SHOWN
            if more > 0:
                shown.append(f"… and {more} more: hover here to read them all.")
            text = "\n".join(shown)
        self.seating.setText(text)
        self.seating.setToolTip("\n".join(kit.warnings) if len(kit.warnings) > WARNINGS_SHOWN else "")
        self.seating.setStyleSheet(colours.ERROR_STYLE if problem and timetabled else "")
        self.seating.setVisible(bool(text))

    def _enable_session_actions(self) -> None:
        """Seating and printing need papers in the session shown; seating also a database to write to."""
        timetabled = self.current() in self.sessions
        self.actions["seat"].setEnabled(timetabled and not self.context.read_only and self.writes_allowed)
        self.print_button.setEnabled(timetabled)

    # --- the list and the plan together ---------------------------------------------------------------

    def _row_chosen(self) -> None:
        """A candidate chosen in the list: their room in the plan, their desk marked."""
        rows = [r for r in selected(self.table) if isinstance(r, ExamDayRow)]
        current = self.table.currentIndex().data(RECORD_ROLE)
        row = current if isinstance(current, ExamDayRow) and current in rows else (rows[0] if rows else None)
        if row is not None:
            self.plan.show_desk(row.room, row.desk)

    def _desk_chosen(self, desk: str) -> None:
        """A desk chosen in the plan: that candidate's rows in the list, if they are listed."""
        plan, seat = self.plan.plan, self.plan.view.seats.get(desk)
        self.plan.view.highlight(desk if seat is not None else None)
        if plan is not None and seat is not None:
            self._select(lambda r: r.candidate == seat.candidate and r.room == plan.room)

    def _select(self, wanted: Callable[[ExamDayRow], bool]) -> bool:
        """Select the rows ``wanted``; False (the selection left alone) when there are none."""
        selection = self.table.selectionModel()
        found = [self.proxy.index(i, 0) for i in range(self.proxy.rowCount())
                 if wanted(self.proxy.index(i, 0).data(RECORD_ROLE))]
        if not found:
            return False
        selection.clear()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for index in found:
            selection.select(index, flags)
        selection.setCurrentIndex(found[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(found[0])
        return True

    # --- seating and printing ------------------------------------------------------------------------

    def seat(self) -> None:
        """Store this session's rooms and desks as the kit shows them, in one undoable step."""
        day, sess = self.current()
        if self.context.read_only or (day, sess) not in self.sessions:
            return
        self.attempt("Session not seated", lambda: roster_commands.seat_exam_session(self.context, day, sess))

    def print_kit(self, kind: str) -> ExportJob | None:
        """Seating plans, registers or desk cards for the date and session shown, written as File >
        Export writes every export (the main window asks where and whether to write sensitive data)."""
        run = getattr(self.window(), "run_export", None)
        if run is None:
            return None
        day, sess = self.current()
        export = ExportAction(catalogue.find("exam-day", "pdf", kind))
        job: ExportJob | None = run(export, replace(request_for(self.context), on=day, session=sess))
        return job
