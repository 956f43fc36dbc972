"""The exam-day page: for a chosen date and session, every candidate with an
arrangement in force (or applied for) sitting a paper, with the room and desk, the start,
duration, the minutes added and the finish time in bold (a second paper in the session
starts after the first, and says so); beside it the room plan, desk by desk; above them
what the officer must settle before printing, which printed plans no longer match the
seating (``examday.out_of_date_prints``: print them again) and what the rooming needs in
staff against who is free (``roster.staffing``); below, that day's clashes and how to
resolve them, with what the officer decided.

From here the officer settles a clash (a paper moved to the other session of its day, or an
afternoon paper to the next morning under overnight supervision: ``ClashDialog``, then one
undoable ``access_commands.settle_clash``); seats the session (``examday.seat_session``:
rooms, then desks, undoable), moves candidates between desks in the plan (dragged, or picked up with Space and
put down with Enter: a swap when the desk is taken, both then locked), locks and unlocks a
desk, and copies the room's plan to the day's other session, each one undoable step
(``roster_commands``); and prints its seating plans, registers and desk cards: the catalogue's
exports of one session, run the way File > Export runs every export (the main window's
``run_export``: where to save, the sensitive-data question, written in the background); once
a print is written the page reads again, so the line of plans to print again clears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import access, examday, roster
from eoffice.domain.access import SESSIONS, Clash, ExamDayRow, other_session, timetable
from eoffice.domain.dates import format_date
from eoffice.domain.examday import DeskHolder, ExamDayKit
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.io import catalogue
from eoffice.ui import access_commands, colours, hotkeys, roster_commands
from eoffice.ui.background import ExportJob, ExportOutcome
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.clash_dialog import ClashDialog, clash_papers
from eoffice.ui.exports import ExportAction, request_for
from eoffice.ui.models.access_models import (
    CLASH_COLUMNS,
    DECISION_COLUMN,
    EXAM_DAY_COLUMNS,
    EXAM_DAY_TIPS,
    FINISH_COLUMN,
    RESOLUTION_COLUMN,
    SortedTableModel,
    first_on_or_after,
    make_proxy,
)
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_common import AccessData, AccessPage
from eoffice.ui.tabs.exam_day_view import (
    REPRINTS_SHOWN,
    ExamDayView,
    arrivals_text,
    exam_day_view,
    reprint_text,
    seating_problems,
    staff_text,
)
from eoffice.ui.widgets.columns import TableColumns, columns_of
from eoffice.ui.widgets.date_edit import DateEdit
from eoffice.ui.widgets.record_page import make_table, selected
from eoffice.ui.widgets.room_plan import RoomPlanPanel
from eoffice.ui.widgets.tab_actions import tab_action

RULE = ("Finish = start + duration + extra time + rest breaks, rounded up to the next whole minute. "
        "Only arrangements approved and not expired on the day count. Two papers in one session are sat one after "
        "the other: the second starts when the first finishes plus the supervised break (a setting).")
PRINTS = (("seating-plan", "Seating plans…"), ("register", "Registers…"), ("desk-cards", "Desk cards…"),
          ("incident-log", "Incident log sheets…"))
MOVING = ("To move a candidate, drag their desk onto another, or press Space on it in the plan, move with the arrow "
          "keys and press Enter (Escape cancels). Onto a taken desk, the two swap; moved desks are locked.")
NOTE_SHOWN_MS = 10_000  # how long the status bar says what a copy did
WARNINGS_SHOWN = 3  # more are in the line's tooltip
PLAN_WIDTH = 240  # the plan's width when the window is narrow: the list keeps the rest
PLAN_SHARE = 0.36  # and its share of a wide one
STRETCH_LEAST = 50  # the arrangements and the paper are never narrower than this (their tooltips say it all)
STRETCH_COMFORT = 150  # and are given this before a long name or room is shown whole
NAME, ROOM, ARRANGEMENTS, PAPER, START, DURATION, REST = 1, 2, 3, 4, 5, 6, 8
EXAM_DAY_SECONDARY = (DURATION, REST)  # step aside on a small screen: the finish counts them
CLASH_DATE, CLASH_PAPERS = 2, 4  # the clash table's date (hidden for one day: the heading says it) and papers
CLASH_SAMPLES = ("0000", "Kowalczyk, Dafydd", "Wed 12/05/2027", "Whole day", "", "10h 00m")  # what each column fits
CLASH_PAPERS_MOST = 240  # the clash's papers are shown whole up to this; the tooltip says the rest
DECISION_MOST = 330  # "8702/1 sat Thu 13 May AM (overnight supervision)" fits; two decisions are cut
RESOLUTION_LEAST = 120  # the advice keeps this much in view (the tooltip and the dialog say it whole), so a
# decision at 1024 wide fits without a sideways scroll bar, which would cost the short clash table a row
SETTLE_TIP = ("Choose which of the candidate's papers moves, and where: the other session of the day or, for an "
              "afternoon paper, the next morning under overnight supervision. Enter or a double-click on a clash "
              "opens the same; Undo puts it back.")


class ExamDayPage(AccessPage):
    title = "E&xam day"
    name = "Exam day"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.sessions: list[tuple[date, str]] = []
        self.chosen_once = False
        self.split_by_hand = False
        self.model: SortedTableModel[ExamDayRow] = SortedTableModel(EXAM_DAY_COLUMNS, self, bold={FINISH_COLUMN},
                                                                    tips=EXAM_DAY_TIPS)
        self.proxy = make_proxy(self.model, self)
        self.table = make_table("Exam day list", self.proxy, stretch=(ARRANGEMENTS, PAPER),
                                secondary=EXAM_DAY_SECONDARY, least=STRETCH_COMFORT)
        list_columns = columns_of(self.table)
        assert list_columns is not None  # make_table fitted it
        self.list_columns: TableColumns = list_columns
        self.moved_start = False
        self.list_needs = self.list_comfort = 0
        self._size_columns()
        self.clash_model: SortedTableModel[Clash] = SortedTableModel(CLASH_COLUMNS, self)
        self.clash_proxy = make_proxy(self.clash_model, self)
        self.clash_table = make_table("Clashes", self.clash_proxy)
        clash_columns = columns_of(self.clash_table)
        assert clash_columns is not None  # make_table fitted it
        self.clash_columns: TableColumns = clash_columns
        self._size_clash_columns()
        self.plan = RoomPlanPanel()
        self.holders: dict[str, dict[str, DeskHolder]] = {}
        self.last_note = ""  # what the latest copy did, as the status bar said it
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._row_chosen())
        self.plan.view.deskChosen.connect(self._desk_chosen)
        self.plan.view.deskMoveRequested.connect(self.move_desk)
        self.plan.room.currentIndexChanged.connect(lambda _i: self._enable_session_actions())

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
            button.setToolTip(f"{name} in the timetable ({hotkeys.key_text(key)})")
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
        board = self.add_action("board", "Show &board", None, self.show_board, writes=False)
        board.setToolTip("The exam room's display board for the room shown in the plan, full screen on the projector "
                         "or a second screen: the clock, each paper's actual start and finish and the later finishes "
                         "as bands, never names. P pauses and resumes the room, I logs an incident, Escape closes it.")
        self.boards: list[QWidget] = []  # the boards open, kept while they are shown
        incident = self.add_action("incident", "Log incident…", None, self.log_incident)
        incident.setToolTip("Write a line of a room's incident log for this session (an evacuation, a late arrival, "
                            "an emergency arrangement): candidates by number only. The Incident log page lists them "
                            "with the follow-ups still to send.")
        self.incident_form: Callable[[], None] | None = None  # the Incident log page's form, given by the tab
        self.forget_ahead: Callable[[], None] | None = None  # drops the tab's views read ahead, given by the tab
        self.print_menu = QMenu("Print", self)
        self.print_actions = {}
        for kind, text in PRINTS:
            action = self.print_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=kind: self.print_kit(k))
            self.print_actions[kind] = action
        self.print_button = QToolButton()
        self.print_button.setText("Print")
        self.print_button.setAccessibleName("Print")
        self.print_button.setToolTip("Seating plans, registers, desk cards or incident log sheets for the session "
                                     "shown, as a PDF")
        self.print_button.setMenu(self.print_menu)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toolbar.addWidget(self.print_button)
        self._plan_menu()
        self._settle_controls()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Exam day summary")
        self.seating = QLabel()
        self.seating.setWordWrap(True)
        self.seating.setTextFormat(Qt.TextFormat.PlainText)
        self.seating.setAccessibleName("Seating warnings")
        self.reprint = QLabel()
        self.reprint.setWordWrap(True)
        self.reprint.setTextFormat(Qt.TextFormat.PlainText)
        self.reprint.setAccessibleName("Printed plans out of date")
        self.reprint.setStyleSheet(colours.ERROR_STYLE)
        self.reprint.hide()
        self.staff = QLabel()
        self.staff.setWordWrap(True)
        self.staff.setTextFormat(Qt.TextFormat.PlainText)
        self.staff.setAccessibleName("Staff needed")
        self.staff.setToolTip("Invigilators by the ratio (at least one per room in use) plus a helper for each "
                              "reader, scribe, prompter or practical assistant, against the active invigilators "
                              "free that session. The Invigilators tab's roster says who goes where.")
        self.staff.hide()
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
        clash_row.addWidget(self.settle_button)
        clash_row.addSpacing(12)
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
        layout.addWidget(self.reprint)
        layout.addWidget(self.seating)
        layout.addWidget(self.staff)
        layout.addWidget(split, 1)
        layout.addWidget(rule)
        self.year: AcademicYear = context.year
        self.kit: ExamDayKit | None = None

    # --- the list's columns and its share of the width ---------------------------------------------

    def _size_columns(self) -> None:
        """Short columns as wide as their heading; the arrangements and the paper share what is
        left, so the finish time, in bold, stays in view. The duration and the rest breaks are
        secondary (the finish counts them both): they show while the arrangements and the paper
        keep a comfortable width, and step aside first on a small screen. With width to spare a
        moved start is shown whole ("11:03 (published 09:00)"), then long names and rooms; else
        they are cut short (their tooltips say them whole)."""
        columns, header, metrics = self.list_columns, self.table.horizontalHeader(), self.table.fontMetrics()
        pad = metrics.horizontalAdvance("M") + 8  # the header's margins

        def fit(column: int, sample: str) -> int:
            return max(columns.header_width(column), metrics.horizontalAdvance(sample) + pad)

        samples = {NAME: "Watson, Finn", ROOM: "Library, desk D12", START: "00:00 (pu…" if self.moved_start else "00:00"}
        widths = {column: fit(column, samples.get(column, "00:00"))  # a moved start's time shows, cut or not
                  for column in range(len(EXAM_DAY_COLUMNS)) if column not in (ARRANGEMENTS, PAPER)}
        columns.prefer(widths)
        columns.refit()
        frame = self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        shown = [column for column in widths if not header.isSectionHidden(column)]
        kept = [column for column in shown if column not in EXAM_DAY_SECONDARY]
        least = max(STRETCH_LEAST, *(columns.header_width(c) for c in (ARRANGEMENTS, PAPER)))  # headings whole
        self.list_needs = sum(widths[c] for c in kept) + 2 * least + frame
        self.list_comfort = sum(widths[c] for c in kept) + 2 * STRETCH_COMFORT + frame
        spare = self.table.width() - sum(widths[c] for c in shown) - 2 * least - frame
        wider = [(NAME, "Kowalczyk, Dafydd", True), (ROOM, "Sports Hall, desk H12", True)]
        for column, sample, after_papers in [(START, "00:00 (published 00:00)", False)] * self.moved_start + wider:
            more = fit(column, sample) - widths[column]
            if more <= spare - (2 * (STRETCH_COMFORT - STRETCH_LEAST) if after_papers else 0):
                widths[column] += more
                spare -= more
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.setMinimumWidth(self.list_needs)

    def _size_clash_columns(self) -> None:
        """Each clash column as wide as its heading or a typical entry; the papers and the
        decisions as wide as the longest shown, up to a limit, and the decisions no wider than
        their heading while nothing is decided; the advice, last, stretches over the rest and
        keeps at least ``RESOLUTION_LEAST`` (a narrow window scrolls sideways to it)."""
        table = self.clash_table
        metrics = table.fontMetrics()
        pad = metrics.horizontalAdvance("M") + 8  # the header's margins
        shown = [self.clash_model.record(i) for i in range(self.clash_model.rowCount())]
        for column, spec in enumerate(CLASH_COLUMNS[:RESOLUTION_COLUMN]):
            texts = [spec.header, CLASH_SAMPLES[column] if column < len(CLASH_SAMPLES) else ""]
            most = {CLASH_PAPERS: CLASH_PAPERS_MOST, DECISION_COLUMN: DECISION_MOST}.get(column)
            if most is not None:
                texts += [spec.text(c) for c in shown]
            width = max(metrics.horizontalAdvance(text) for text in texts) + pad
            width = max(width if most is None else min(width, most), self.clash_columns.header_width(column))
            table.setColumnWidth(column, width)
        table.setColumnWidth(RESOLUTION_COLUMN, RESOLUTION_LEAST)

    def _balance(self) -> None:
        """The list first: never narrower than it needs to show the finish; the plan a third of
        the width when the window is wide, the rest of a narrow one."""
        total = self.beside.width() - self.beside.handleWidth()
        if not self.split_by_hand and total > 0:
            # the list keeps a comfortable width first; then the plan its share, else PLAN_WIDTH
            plan = min(max(PLAN_WIDTH, int(total * PLAN_SHARE)), max(PLAN_WIDTH, total - self.list_comfort),
                       total - self.list_needs)
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
        self.sessions = data.exam_sessions
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
        return self.day.last_good, self.session.currentData()

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
        chosen = self.chosen_clash()
        view = self.data.take_view_ahead(day, sess, year is not None) if self.data is not None else None
        if view is None:  # nothing read ahead for this showing (``exam_day_ahead``)
            view = self.context.read(lambda s: exam_day_view(s, day, sess, year))
        rows, found, self.kit = view.rows, view.clashes, view.kit
        self.model.set_rows(rows)
        self.clash_model.set_rows(found)
        self.clash_columns.hold(CLASH_DATE, year is None)  # one day: the heading says it
        self._size_clash_columns()
        if chosen is not None:
            self._choose_clash(chosen)
        moved = any(r.start != r.published for r in rows)
        if moved != self.moved_start:  # the start column widens to say a start moved, and back
            self.moved_start = moved
            self._balance()
        self.holders = view.holders
        self.plan.set_plans(view.kit.plans, {room: frozenset(d for d, h in desks.items() if h.locked)
                                             for room, desks in view.holders.items()})
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
                                 f"{latest // 60:02d}:{latest % 60:02d}.{arrivals_text(rows)}")
        self._show_warnings(view.kit, here in self.sessions)
        self._show_staff_and_prints(view, here in self.sessions)
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

    def _show_staff_and_prints(self, view: ExamDayView, timetabled: bool) -> None:
        """The plans to print again, in red, first in words; the staff the rooming needs, in red
        with "short" in it when too few are free; both hidden when there is nothing to say."""
        day, sess = self.current()
        reprint = reprint_text(view.stale, day, sess) if timetabled else ""
        self.reprint.setText(f"⚠ {reprint}" if reprint else "")
        every = examday.out_of_date_text(view.stale, day, sess) if timetabled and len(view.stale) > REPRINTS_SHOWN else ""
        self.reprint.setToolTip(every)
        self.reprint.setAccessibleDescription(every)  # what the tooltip says, for a screen reader
        self.reprint.setVisible(bool(reprint))
        staff = view.staff if timetabled else None
        short = staff is not None and staff.short > 0
        self.staff.setText("" if staff is None else ("⚠ " if short else "") + staff_text(staff))
        self.staff.setStyleSheet(colours.ERROR_STYLE if short else "")
        self.staff.setVisible(staff is not None)

    def _enable_session_actions(self) -> None:
        """Seating and printing need papers in the session shown; seating, and changing the plan,
        also a database to write to; copying a plan, a room shown and papers in the other session."""
        day, sess = self.current()
        timetabled = (day, sess) in self.sessions
        writable = timetabled and not self.context.read_only and self.writes_allowed
        self.actions["seat"].setEnabled(writable)
        self.print_button.setEnabled(timetabled)
        room = self.plan.plan.room if self.plan.plan is not None else None
        other = other_session(sess)
        self.actions["lock-desk"].setEnabled(writable and room is not None)
        self.actions["copy-plan"].setEnabled(writable and room is not None and (day, other) in self.sessions)
        self.actions["copy-plan"].setText(f"&Copy {room or 'this room'}'s plan to {other}")
        self.actions["copy-plan"].setToolTip(
            f"Seat the candidates of {room or 'this room'} who also sit in the {other} session at the same desks then, "
            "locked; anyone else at those desks is seated again around them. Undo puts the day's seating back.")
        self.plan_button.setEnabled(writable)
        self.plan.view.set_editable(writable)
        self._name_lock()
        self._enable_settle()

    def enable_writes(self, allowed: bool | None = None) -> None:
        """The page's own rules for its session's actions after the tab's (read-only, auto-roster)."""
        super().enable_writes(allowed)
        self._enable_session_actions()

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

    # --- settling a clash ----------------------------------------------------------------------------

    def _settle_controls(self) -> None:
        """"Settle clash…" three ways: a button beside the clashes, the clash table's context
        menu, and Enter or a double-click on a clash, as opening a record elsewhere. The button's
        Alt key is B ("Settle clash by moving a paper…"): every letter of "Settle clash" is taken
        on this page already (S is the Professional Standards tab, L this row's check box)."""
        settle = tab_action(self, "&Settle clash…", None, self.settle_clash)
        settle.setToolTip(SETTLE_TIP)
        settle.setProperty("writes", True)
        self.actions["settle-clash"] = settle
        self.settle_button = QPushButton("Settle clash &by moving a paper…")
        self.settle_button.setAccessibleName("Settle clash")
        self.settle_button.clicked.connect(settle.trigger)
        settle.changed.connect(lambda: self.settle_button.setEnabled(settle.isEnabled()))
        self.clash_table.addAction(settle)
        self.clash_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.clash_table.activated.connect(lambda _index: settle.trigger())
        self.clash_table.selectionModel().selectionChanged.connect(lambda _new, _old: self._enable_settle())
        self._enable_settle()

    def _enable_settle(self) -> None:
        """Settling needs a clash chosen and a database to write to; the button says which is missing."""
        chosen = self.chosen_clash()
        writable = not self.context.read_only and self.writes_allowed
        self.actions["settle-clash"].setEnabled(writable and chosen is not None)
        if not writable:
            why = "Clashes cannot be settled in a read-only window. "
        elif chosen is None:
            why = "Choose a clash in the list below first. "
        else:
            why = f"Settle {chosen.candidate}'s clash of {' + '.join(chosen.codes)}. "
        self.settle_button.setToolTip(why + SETTLE_TIP)

    def chosen_clash(self) -> Clash | None:
        """The clash the officer chose: the current row when it is selected, else the first selected."""
        rows = [c for c in selected(self.clash_table) if isinstance(c, Clash)]
        current = self.clash_table.currentIndex().data(RECORD_ROLE)
        return current if isinstance(current, Clash) and current in rows else (rows[0] if rows else None)

    def _choose_clash(self, clash: Clash) -> None:
        """The same candidate's clash of the same day and session chosen again after a refresh
        (its decision, and so the record, may have changed)."""
        key = (clash.candidate_id, clash.sat_on, clash.session)
        for row in range(self.clash_proxy.rowCount()):
            index = self.clash_proxy.index(row, 0)
            found = index.data(RECORD_ROLE)
            if isinstance(found, Clash) and (found.candidate_id, found.sat_on, found.session) == key:
                self.clash_table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.clash_table.scrollTo(index)
                return

    def settle_clash(self) -> None:
        """The clash chosen, settled through ``ClashDialog``: the paper chosen sat where the
        officer chose, in one undoable step; a refusal is said in one sentence. The candidate's
        sittings of the clash's day and the next (a paper moved overnight is sat then) and the
        papers they are entered for are read at once, so the dialog shows the decisions as stored."""
        clash = self.chosen_clash()
        if clash is None or self.context.read_only or not self.writes_allowed:
            return
        day, cid = clash.sat_on, clash.candidate_id
        rows, papers = self.context.read(lambda s: (
            access.paper_sittings(s, day, day + timedelta(days=1), candidate_ids=[cid]),
            timetable.papers_for_candidate(s, cid)))
        choices = clash_papers(clash, rows, papers)
        if not choices:
            ask.error(self, "Clash not settled", f"candidate {clash.candidate} is no longer entered for "
                      f"{' or '.join(clash.codes)}, or is no longer active: there is nothing to move.")
            return
        sittings: dict[tuple[date, str], list[str]] = {}
        for row in rows:
            sittings.setdefault((row.sat_on, row.session), []).append(row.code)
        dialog = ClashDialog(clash, choices, sittings, self)
        if not ask.run_dialog(dialog):
            return
        answer = dialog.chosen()
        if answer is None or answer[1] == answer[0].decided:
            return  # nothing changes: nothing to undo
        paper, target = answer
        self.attempt("Clash not settled", lambda: access_commands.settle_clash(
            self.context, cid, clash.candidate_number, paper.paper_id, paper.code, target))

    # --- seating and printing ------------------------------------------------------------------------

    def seat(self) -> None:
        """Store this session's rooms and desks as the kit shows them, in one undoable step."""
        day, sess = self.current()
        if self.context.read_only or (day, sess) not in self.sessions:
            return
        self.attempt("Session not seated", lambda: roster_commands.seat_exam_session(self.context, day, sess))

    # --- the plan changed by hand --------------------------------------------------------------------

    def _plan_menu(self) -> None:
        """The Plan button's menu: lock or unlock the desk chosen, copy the room's plan to the
        other session, pick up a candidate to move; the plan's own keys and dragging do the moving."""
        self.plan_menu = QMenu("Plan", self)
        lock = tab_action(self, "&Lock desk", hotkeys.LOCK_ASSIGNMENTS, self.toggle_lock)
        copy = tab_action(self, "&Copy this room's plan to PM", None, self.copy_plan)
        pick = tab_action(self, "&Pick up the candidate to move them", None, self.pick_up)
        pick.setToolTip(MOVING)
        for key, action in (("lock-desk", lock), ("copy-plan", copy), ("pick-up", pick)):
            action.setProperty("writes", True)
            self.plan_menu.addAction(action)
            self.actions[key] = action
        self.plan_menu.setToolTipsVisible(True)
        self.plan_menu.aboutToShow.connect(self._name_lock)
        self.plan_button = QToolButton()
        self.plan_button.setText("Pl&an")
        self.plan_button.setAccessibleName("Plan")
        self.plan_button.setToolTip("Change the room plan shown: lock or unlock a desk, or copy it to the other session. "
                                    + MOVING)
        self.plan_button.setMenu(self.plan_menu)
        self.plan_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.plan_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toolbar.addWidget(self.plan_button)

    def _holder(self, desk: str | None = None) -> DeskHolder | None:
        """Who sits at ``desk`` (the desk the plan's arrow keys are on) in the room shown."""
        plan = self.plan.plan
        if plan is None:
            return None
        return self.holders.get(plan.room, {}).get(desk or self.plan.view.current_desk)

    def _name_lock(self) -> None:
        """"Lock desk" or "Unlock desk", for the desk chosen in the plan."""
        holder = self._holder()
        key = hotkeys.key_text(hotkeys.LOCK_ASSIGNMENTS)
        desk = self.plan.view.current_desk
        if holder is not None and holder.locked:
            self.actions["lock-desk"].setText(f"Un&lock desk {desk}")
            self.actions["lock-desk"].setToolTip(f"Let re-seating move {holder.candidate} again ({key})")
        else:
            self.actions["lock-desk"].setText(f"&Lock desk {desk}" if holder is not None else "&Lock desk")
            self.actions["lock-desk"].setToolTip(f"Keep the candidate at the desk chosen in the plan when the session is "
                                                 f"seated again ({key})")

    def _writable(self) -> bool:
        return not self.context.read_only and self.writes_allowed and self.current() in self.sessions

    def move_desk(self, desk_from: str, desk_to: str) -> None:
        """The candidate at ``desk_from`` put at ``desk_to`` in the room shown (a swap when it is taken)."""
        holder = self._holder(desk_from)
        if holder is None or not self._writable():
            return
        day, sess = self.current()
        self.attempt("Candidate not moved", lambda: roster_commands.move_desk(
            self.context, holder.candidate_id, int(holder.candidate), day, sess, desk_to))

    def toggle_lock(self) -> None:
        """Lock the desk chosen in the plan, or unlock it when it is locked."""
        if self.plan.plan is None or not self._writable():
            return
        holder = self._holder()
        locked = holder is None or not holder.locked
        day, sess = self.current()
        ids = [holder.candidate_id] if holder is not None else []
        text = f"{'Lock' if locked else 'Unlock'} {holder.candidate if holder else ''}'s desk {self.plan.view.current_desk}"
        self.attempt("Desk not locked" if locked else "Desk not unlocked",
                     lambda: roster_commands.lock_desks(self.context, ids, day, sess, locked, text))

    def copy_plan(self) -> None:
        """The room shown: its plan copied to the other session of the day, then what was done said."""
        plan = self.plan.plan
        if plan is None or not self._writable():
            return
        day, sess = self.current()
        other = other_session(sess)
        done: list[examday.CopiedPlan] = []
        if not self.attempt("Plan not copied", lambda: done.append(
                roster_commands.copy_room_plan(self.context, day, sess, plan.room, other))):
            return
        copied = done[0]
        note = f"{plan.room}'s plan copied to {other}: {plural(copied.copied, 'candidate')} at the same desks"
        if copied.skipped:
            note += f"; {plural(copied.skipped, 'candidate')} left out: no exam in the {other} session"
        self.last_note = note + "."
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.last_note, NOTE_SHOWN_MS)

    def pick_up(self) -> None:
        """Pick up the candidate at the desk chosen in the plan, to move them with the keys."""
        view = self.plan.view
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.pick_up(view.current_desk)

    def show_board(self) -> QWidget | None:
        """The display board of the room the plan shows (else the session's first room)."""
        from eoffice.ui.board_window import open_board

        day, sess = self.current()
        kit = self.kit
        if kit is None or not kit.plans:
            ask.info(self, "No board to show", f"Nobody sits an exam in a room on {roster.slot_label(day, sess)}.")
            return None
        room = self.plan.plan.room if self.plan.plan is not None else kit.plans[0].room
        board = open_board(self.context, day, sess, room, self.window())
        if board is not None:
            self.boards = [b for b in self.boards if b.isVisible()] + [board]
        return board

    def log_incident(self) -> None:
        """The incident form for the session shown (the Incident log page's own form)."""
        if self.incident_form is not None and self._writable():
            self.incident_form()

    def print_kit(self, kind: str) -> ExportJob | None:
        """Seating plans, registers, desk cards or incident log sheets for the date and session shown, written as File >
        Export writes every export (the main window asks where and whether to write sensitive data).
        The print is recorded in the database as it is written, on the export's own thread, which
        tells no tab: the page reads again when the job finishes, so the reprint line is current."""
        run = getattr(self.window(), "run_export", None)
        if run is None:
            return None
        day, sess = self.current()
        export = ExportAction(catalogue.find("exam-day", "pdf", kind))
        job: ExportJob | None = run(export, replace(request_for(self.context), on=day, session=sess))
        if job is not None and job.outcome is None:  # an outcome already: it failed before it began
            job.finished.connect(self._printed)
        return job

    def _printed(self, _outcome: ExportOutcome) -> None:
        """A print is over (written, failed or cancelled): read the session again for what it recorded,
        and drop what the tab read ahead meanwhile (``forget_ahead``): it may predate the record."""
        if self.forget_ahead is not None:
            self.forget_ahead()
        self.show_session()
