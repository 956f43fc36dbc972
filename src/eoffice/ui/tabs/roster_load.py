"""The People load page: each invigilator's sessions, hours and pay estimate in the series,
with warnings, and the sessions of the one chosen.

Hours run from the arrival time (a setting, before the start) to the room's latest
finish with extra time, as the exports and finance's pay sheet count them. Two stored
sessions on one day whose rooms' cover overlaps (made by hand, or locked before the
times changed) are flagged with the solver's own rule, ``requirement.in_two_places``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from eoffice.domain.access import clock
from eoffice.domain.dates import format_date
from eoffice.domain.roster import (
    BLOCKED,
    WARNING,
    Duty,
    Invigilator,
    RosterSettings,
    compliance,
    in_two_places,
    is_available,
    slot_label,
    week_of,
)
from eoffice.ui.context import AppContext
from eoffice.ui.models.record_rows import show_rows
from eoffice.ui.models.record_table import RecordTableModel, TextFilterProxy
from eoffice.ui.models.roster_models import DUTY_COLUMNS, LOAD_COLUMNS, LoadRow, hours_text, pounds
from eoffice.ui.tabs.roster_common import RosterData, RosterPage
from eoffice.ui.widgets.filter_box import FilterBox
from eoffice.ui.widgets.record_page import make_table, select_ids, selected


def person_warnings(person: Invigilator, own: list[Duty], data: RosterData, config: RosterSettings) -> tuple[str, ...]:
    """What is wrong with someone's sessions in plain words; without sessions, whether they can be rostered."""
    found: list[str] = []
    if not own:
        first = next((on for on, _s in data.slots if on >= data.today), data.slots[0][0] if data.slots else None)
        verdict = compliance(person, first or data.compliance_date, config)
        if person.active and verdict.level == BLOCKED:
            found.append(f"cannot be rostered: {'; '.join(verdict.reasons)}")
        elif person.active and verdict.level == WARNING:
            found.extend(verdict.reasons)
        return tuple(w[:1].upper() + w[1:] for w in found)
    days: Counter[date] = Counter()
    weeks: Counter[tuple[int, int]] = Counter()  # (ISO year, week): week_of
    answers = data.answers
    for d in own:
        a = d.assignment
        verdict = compliance(person, a.on, config)
        if verdict.level == BLOCKED:
            found.append(f"rostered {slot_label(a.on, a.session)} but cannot be: {'; '.join(verdict.reasons)}")
        elif verdict.level == WARNING and verdict.reasons[0] not in found:
            found.append(verdict.reasons[0])
        if not is_available(person, a.on, a.session, answers):
            found.append(f"rostered {slot_label(a.on, a.session)} but not available then")
        days[a.on] += 1
        weeks[week_of(a.on)] += 1
    found += overlaps(own)
    found += [f"{n} sessions on {format_date(on)}, more than their {person.max_per_day} a day"
              for on, n in sorted(days.items()) if n > person.max_per_day]  # fmt: skip
    found += [f"{n} sessions in the week of {format_date(min(d.assignment.on for d in own if week_of(d.assignment.on) == w))}, "
              f"more than their {person.max_per_week} a week" for w, n in sorted(weeks.items()) if n > person.max_per_week]  # fmt: skip
    return tuple(w[:1].upper() + w[1:] for w in found)


def overlaps(own: list[Duty]) -> list[str]:
    """``Tue 18/05/2027: Hall A AM until 13:50 overlaps Hall B PM from 13:30``: one person, two rooms at once."""
    by_day: dict[date, list[Duty]] = defaultdict(list)
    for d in own:
        by_day[d.assignment.on].append(d)
    found = []
    for _on, duties in sorted(by_day.items()):
        duties.sort(key=lambda d: (d.start, d.assignment.session, d.assignment.room))
        for n, first in enumerate(duties):
            for second in duties[n + 1:]:
                a, b = first.assignment, second.assignment
                if in_two_places(a.room_id, (first.start, first.finish), b.room_id, (second.start, second.finish)):
                    found.append(f"{a.on:%a} {format_date(a.on)}: {a.room} {a.session} until {clock(first.finish)} "
                                 f"overlaps {b.room} {b.session} from {clock(second.start)}")  # fmt: skip
    return found


class LoadPage(RosterPage):
    title = "People loa&d"
    name = "People load"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model: RecordTableModel[LoadRow] = RecordTableModel(LOAD_COLUMNS, self)
        self.proxy = TextFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("Load per invigilator", self.proxy, (160, 70, 60, 100), stretch=4, secondary=(3,),
                                least=200)  # the warnings before the pay
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_person())
        self.filter = FilterBox(placeholder="Filter people…")
        self.filter.filterChanged.connect(self.proxy.set_text)
        self.duty_model: RecordTableModel[Duty] = RecordTableModel(DUTY_COLUMNS, self)
        self.duty_proxy = TextFilterProxy(self)
        self.duty_proxy.setSourceModel(self.duty_model)
        # When, where, arrival and finish always show; the role, start, hours and lock when there is room.
        self.duties = make_table("Sessions of the chosen invigilator", self.duty_proxy,
                                 (110, 60, 100, 100, 56, 56, 56, 52, 60), stretch=2, secondary=(3, 5, 7, 8), least=90)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName("Load totals")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Chosen invigilator")
        self.by_person: dict[int, list[Duty]] = {}
        side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.duties, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([760, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.totals)
        layout.addWidget(self.filter)
        layout.addWidget(split, 1)

    def load(self, data: RosterData) -> None:
        self.data = data
        chosen = {r.id for r in selected(self.table) if isinstance(r, LoadRow)}
        config = data.config
        self.by_person = defaultdict(list)
        for d in data.duties:
            self.by_person[d.assignment.invigilator_id].append(d)
        rows = []
        for p in data.people:
            own = self.by_person.get(p.id, [])
            if not (p.active or own):
                continue
            minutes = sum(d.minutes for d in own)
            rows.append(LoadRow(p.id, p.name, len(own), minutes, p.hourly_rate_pence, person_warnings(p, own, data, config)))
        reset = show_rows(self.model, rows)
        total_minutes = sum(r.minutes for r in rows)
        busy = [r.sessions for r in rows if r.sessions]
        spread = f"; {min(busy)} to {max(busy)} sessions each among those rostered" if busy else ""
        self.totals.setText(
            f"{data.span.label}: {sum(r.sessions for r in rows)} sessions, {hours_text(total_minutes)} hours, "
            f"about {pounds(sum(r.pay_pence for r in rows))} in pay{spread}. "
            f"{sum(bool(r.warnings) for r in rows)} people with warnings.")  # fmt: skip
        if chosen and reset:
            select_ids(self.table, chosen)
        self._show_person()

    def _show_person(self) -> None:
        rows = [r for r in selected(self.table) if isinstance(r, LoadRow)]
        if len(rows) != 1:
            self.duty_model.set_rows([])
            self.heading.setText("Choose one invigilator to see their sessions.")
            return
        row = rows[0]
        own = sorted(self.by_person.get(row.id, []), key=lambda d: (d.assignment.on, d.assignment.session))
        self.duty_model.set_rows(own)
        warn = "".join(f"<br>⚠ {w}" for w in row.warnings)
        self.heading.setText(f"<b>{row.name}</b>: {row.sessions} sessions, {hours_text(row.minutes)} hours, "
                             f"about {pounds(row.pay_pence)}{warn}")  # fmt: skip

    def select(self, invigilator_id: int) -> bool:
        return select_ids(self.table, {invigilator_id}, focus=True)
