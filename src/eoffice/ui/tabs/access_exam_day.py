"""The exam-day page: for a chosen date and session, every candidate with an
arrangement in force sitting a paper, with the start, duration, the minutes added and
the finish time in bold (a second paper in the session starts after the first, and says
so); below it, that day's clashes and how to resolve them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from eoffice.domain import examday
from eoffice.domain.access import SESSIONS, Clash, ExamDayRow, exam_day
from eoffice.domain.dates import format_date
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.ui import hotkeys
from eoffice.ui.context import AppContext
from eoffice.ui.models.access_models import (
    CLASH_COLUMNS,
    EXAM_DAY_COLUMNS,
    FINISH_COLUMN,
    SortedTableModel,
    first_on_or_after,
    make_proxy,
)
from eoffice.ui.tabs.access_common import AccessData, AccessPage
from eoffice.ui.widgets.date_edit import DateEdit
from eoffice.ui.widgets.record_page import make_table

RULE = ("Finish = start + duration + extra time + rest breaks, rounded up to the next whole minute. "
        "Only arrangements approved and not expired on the day count. Two papers in one session are sat one after "
        "the other: the second starts when the first finishes plus the supervised break (a setting).")


@dataclass(frozen=True)
class DaySpan:
    """One day as the span ``exam_day.clashes`` reads (it uses only ``start`` and ``end``)."""

    start: date
    end: date


def exam_day_data(session: Session, day: date, exam_session: str,
                  year: AcademicYear | None = None) -> tuple[list[ExamDayRow], list[Clash]]:
    """The session's list and the clashes of that day (or of the whole ``year``)."""
    rows = examday.session_list(session, day, exam_session)
    found = exam_day.clashes(session, year if year is not None else DaySpan(day, day))  # type: ignore[arg-type]
    return rows, found


class ExamDayPage(AccessPage):
    title = "E&xam day"
    name = "Exam day"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.sessions: list[tuple[date, str]] = []
        self.chosen_once = False
        self.model: SortedTableModel[ExamDayRow] = SortedTableModel(EXAM_DAY_COLUMNS, self, bold={FINISH_COLUMN})
        self.proxy = make_proxy(self.model, self)
        self.table = make_table("Exam day list", self.proxy, (76, 170, 110, 210, 330, 150, 76, 84, 78, 64), stretch=4)
        self.clash_model: SortedTableModel[Clash] = SortedTableModel(CLASH_COLUMNS, self)
        self.clash_proxy = make_proxy(self.clash_model, self)
        self.clash_table = make_table("Clashes", self.clash_proxy, (76, 170, 120, 80, 240, 84, 520))

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

        self.summary = QLabel()
        self.summary.setAccessibleName("Exam day summary")
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
        choose.addWidget(self.summary, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        clash_row = QHBoxLayout()
        clash_row.addWidget(self.clash_heading, 1)
        clash_row.addWidget(self.whole_year)
        lower_layout.addLayout(clash_row)
        lower_layout.addWidget(self.clash_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choose)
        layout.addWidget(split, 1)
        layout.addWidget(rule)
        self.year: AcademicYear = context.year

    def load(self, data: AccessData) -> None:
        """Opens on the next exam session from today (again when the year shown changes)."""
        if data.year != self.year:
            self.chosen_once = False
        self.year = data.year
        self.sessions = sorted({(p.sat_on, p.session) for p in data.papers})
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
        rows, found = self.context.read(lambda s: exam_day_data(s, day, sess, year))  # type: ignore[misc]
        self.model.set_rows(rows)
        self.clash_model.set_rows(found)
        here = (day, sess)
        self.previous.setEnabled(any(s < here for s in self.sessions))
        self.next.setEnabled(any(s > here for s in self.sessions))
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
        scope = f"in {self.year.label}" if year is not None else f"on {day:%A} {format_date(day)}"
        count = len(found)
        self.clash_heading.setText(f"<b>Clashes {scope}</b>: {plural(count, 'clash', 'clashes')}"
                                   + ("" if count else " — none"))
