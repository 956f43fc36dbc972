"""The Rooms page (the exam rooms: capacity, desk layout, on-screen, separate invigilation) and the
Seating page (who sits in which room in each session, with the officer's own choices).

Seating reads the same layout the requirement and the roster read: what is stored,
with anyone not yet placed seated in memory, so the rooms shown are the rooms rostered.
Candidates are shown by number and room needs only, never by name or condition.
"""

from __future__ import annotations

from collections import Counter
from functools import partial

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from eoffice.domain.roster import Room, candidate_label, slot_label
from eoffice.ui import hotkeys, roster_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.room_dialog import RoomChoiceDialog, RoomDialog
from eoffice.ui.models.record_rows import show_rows
from eoffice.ui.models.record_table import RecordTableModel, TextFilterProxy
from eoffice.ui.models.roster_models import ROOM_COLUMNS, SEAT_COLUMNS, SeatRow
from eoffice.ui.tabs.roster_common import RosterData, RosterPage
from eoffice.ui.widgets.record_page import make_table, select_ids, selected


class RoomsPage(RosterPage):
    title = "Roo&ms"
    name = "Rooms"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model: RecordTableModel[Room] = RecordTableModel(ROOM_COLUMNS, self)
        self.proxy = TextFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("Rooms table", self.proxy, (220, 90, 130, 90))
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.add_action("new", "&New room…", hotkeys.NEW_ROSTER_RECORD, self.new)
        self.add_action("edit", "&Edit…", hotkeys.EDIT_ROSTER_RECORD, self.edit)
        self.note = QLabel(
            "Seating fills the main rooms largest first, puts on-screen tests in rooms with computers, and sends "
            "candidates who sit apart to rooms for separate invigilation. Edit a room to give it a desk layout "
            "(rows lettered from the front, desks switched off, the exit and the invigilator's desk): "
            "its capacity is then the desks switched on.")  # fmt: skip
        self.note.setWordWrap(True)
        self.note.setAccessibleName("How rooms are used")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def load(self, data: RosterData) -> None:
        self.data = data
        chosen = {r.id for r in selected(self.table) if isinstance(r, Room)}
        if show_rows(self.model, data.rooms) and chosen:
            select_ids(self.table, chosen)
        self.enable_writes()

    def new(self) -> None:
        dialog = RoomDialog(None, self, title="New room")
        if ask.run_dialog(dialog) and dialog.result_fields is not None:
            fields = dialog.result_fields
            self.attempt("Room not added", lambda: roster_commands.add_room(self.context, fields))

    def edit(self) -> None:
        chosen = [r for r in selected(self.table) if isinstance(r, Room)]
        if len(chosen) != 1 or self.context.read_only:
            return
        room = chosen[0]
        dialog = RoomDialog(room.fields, self, title="Edit room")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and dialog.result_fields != room.fields:
            fields = dialog.result_fields
            self.attempt("Room not saved", lambda: roster_commands.edit_room(self.context, room, fields))


class SeatingPage(RosterPage):
    title = "Seating &by room"  # g, a, t, i, n and e were all taken on this tab (Roster &grid had g)
    name = "Seating by room"

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.model: RecordTableModel[SeatRow] = RecordTableModel(SEAT_COLUMNS, self)
        self.proxy = TextFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # The needs in the room stretch; the mode and who chose the room step aside when narrow.
        self.table = make_table("Seating table", self.proxy, (90, 160, 90, 250, 80, 140, 100), stretch=3,
                                secondary=(2, 6))
        self.table.doubleClicked.connect(lambda _index: self.move_to_room())
        self.session = QComboBox()
        self.session.setAccessibleName("Exam session")
        self.session.currentIndexChanged.connect(lambda _i: self._show_session())
        self.add_action("move", "&Move to room…", hotkeys.EDIT_ROSTER_RECORD, self.move_to_room)
        self.add_action("auto", "&Let the app choose", None, self.automatic)
        self.add_action("previous", "◀ Previous session", hotkeys.PREVIOUS_EXAM_SESSION, lambda: self._step(-1), writes=False)
        self.add_action("next", "Next session ▶", hotkeys.NEXT_EXAM_SESSION, lambda: self._step(1), writes=False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Rooms in use this session")
        top = QHBoxLayout()
        label = QLabel("Sessio&n:")
        label.setBuddy(self.session)
        top.addWidget(label)
        top.addWidget(self.session)
        top.addWidget(self.toolbar, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def load(self, data: RosterData) -> None:
        self.data = data
        current = self.session.currentData()
        slots = sorted(data.layout)
        self.session.blockSignals(True)
        self.session.clear()
        for slot in slots:
            people = len(data.layout[slot][0])
            self.session.addItem(f"{slot_label(*slot)} ({people} candidates)", slot)
        index = self.session.findData(current) if current is not None else -1
        if index < 0:
            coming = [i for i, slot in enumerate(slots) if slot[0] >= data.today]
            index = coming[0] if coming else 0
        self.session.setCurrentIndex(index)
        self.session.blockSignals(False)
        self._show_session()
        self.enable_writes()

    def _step(self, step: int) -> None:
        index = self.session.currentIndex() + step
        if 0 <= index < self.session.count():
            self.session.setCurrentIndex(index)

    def _show_session(self) -> None:
        data, slot = self.data, self.session.currentData()
        if data is None or slot is None:
            self.model.set_rows([])
            self.summary.setText("There are no exams in this series yet: add the timetable and entries first.")
            return
        sittings, plan = data.layout[slot]
        overrides = data.overrides.get(slot, set())
        names = {r.id: r for r in data.rooms}
        rows = []
        for s in sittings:
            rid = plan.seats.get(s.candidate_id)
            room = names.get(rid) if rid is not None else None
            rows.append(SeatRow(s, rid, room.name if room else "", s.candidate_id in overrides))
        show_rows(self.model, rows)
        load = Counter(plan.seats.values())
        parts = [f"{names[rid].name} {n} of {names[rid].capacity}" + (" (OVER CAPACITY)" if n > names[rid].capacity else "")
                 for rid, n in sorted(load.items(), key=lambda item: names[item[0]].name) if rid in names]  # fmt: skip
        lines = ["Seated: " + ("; ".join(parts) or "nobody")]
        lines += [f"⚠ {w}" for w in plan.warnings]
        self.summary.setText("\n".join(lines))

    def chosen(self) -> list[SeatRow]:
        return [r for r in selected(self.table) if isinstance(r, SeatRow)]

    def move_to_room(self) -> None:
        rows, slot = self.chosen(), self.session.currentData()
        if len(rows) != 1 or slot is None or self.data is None or self.context.read_only:
            return
        row = rows[0]
        who = f"Candidate {candidate_label(row.sitting.number)}, {slot_label(*slot)}"
        dialog = RoomChoiceDialog(who, self.data.rooms, row.room_id, self)
        if not ask.run_dialog(dialog) or dialog.room_id is None:
            return
        room_id = dialog.room_id
        self.attempt("Room not changed", lambda: roster_commands.seat_in(
            self.context, row.sitting.candidate_id, row.sitting.number, slot[0], slot[1], room_id))  # fmt: skip

    def automatic(self) -> None:
        slot = self.session.currentData()
        rows = [r for r in self.chosen() if r.override and r.room_id is not None]
        for row in rows:
            assert row.room_id is not None  # only rows with a room were kept
            if not self.attempt("Room not changed", partial(roster_commands.let_app_seat,
                    self.context, row.sitting.candidate_id, row.sitting.number, slot[0], slot[1], row.room_id)):  # fmt: skip
                return
