"""Table models for the Invigilators tab: the team, rooms, seating, availability, the
roster grid and each person's load.

Rows are plain frozen records put together once per refresh, so the models never
query. Every tint comes with a word ("SHORT 2", "Cannot be rostered: ...", "No"), so
colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from eoffice.domain.access import MODES, SESSIONS, clock
from eoffice.domain.dates import format_date
from eoffice.domain.roster import (
    BLOCKED,
    GENERAL,
    WARNING,
    AssignmentRecord,
    Compliance,
    Duty,
    Invigilator,
    Requirement,
    Room,
    RoomLayout,
    RosterSettings,
    Sitting,
    candidate_label,
    role_words,
    slot_label,
)
from eoffice.domain.words import plural
from eoffice.ui import colours
from eoffice.ui.models.record_table import RECORD_ROLE, TableColumn, rich_tip

Index = QModelIndex | QPersistentModelIndex
Slot = tuple[date, str]
LOCK_MARK = "🔒"


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def pounds(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


def hours_text(minutes: int) -> str:
    return f"{minutes / 60:.2f}"


def compliance_word(verdict: Compliance, config: RosterSettings) -> str:
    """``OK``, ``Warning: DBS over 3 years`` or ``Cannot be rostered: not trained since 01/09/2026``."""
    if verdict.level == BLOCKED:
        return f"Cannot be rostered: {'; '.join(verdict.reasons)}"
    if verdict.level == WARNING:
        years = config.dbs_renewal_years
        return f"Warning: DBS over {plural(years, 'year')}"
    return "OK"


def compliance_tint(verdict: Compliance) -> QColor | None:
    return {BLOCKED: colours.OVERDUE, WARNING: colours.DUE_SOON}.get(verdict.level)


# --- the team -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TeamRow:
    person: Invigilator
    verdict: Compliance
    word: str

    @property
    def id(self) -> int:
        return self.person.id


def _contact(p: Invigilator) -> str:
    return " · ".join(x for x in (p.fields.email, p.fields.phone) if x)


TEAM_COLUMNS: list[TableColumn[TeamRow]] = [
    TableColumn("Name", lambda r: r.person.name),
    TableColumn("Compliance", lambda r: r.word, sort_key=lambda r: (r.verdict.level != BLOCKED, r.verdict.level != WARNING),
                background=lambda r: compliance_tint(r.verdict)),
    TableColumn("Roles", lambda r: r.person.role_labels),
    TableColumn("Trained", lambda r: format_date(r.person.trained_on), sort_key=lambda r: r.person.trained_on),
    TableColumn("DBS checked", lambda r: format_date(r.person.dbs_checked_on), sort_key=lambda r: r.person.dbs_checked_on),
    TableColumn("Confidentiality", lambda r: format_date(r.person.fields.confidentiality_on),
                sort_key=lambda r: r.person.fields.confidentiality_on),
    TableColumn("Most a day", lambda r: str(r.person.max_per_day), sort_key=lambda r: r.person.max_per_day, align_right=True),
    TableColumn("Most a week", lambda r: str(r.person.max_per_week), sort_key=lambda r: r.person.max_per_week, align_right=True),
    TableColumn("Hourly rate", lambda r: pounds(r.person.hourly_rate_pence), sort_key=lambda r: r.person.hourly_rate_pence,
                align_right=True),
    TableColumn("Unless they say", lambda r: "Available" if r.person.available_by_default else "Not available"),
    TableColumn("Active", lambda r: yes_no(r.person.active),
                background=lambda r: None if r.person.active else colours.NOT_APPLICABLE),
    TableColumn("Contact", lambda r: _contact(r.person)),
]  # fmt: skip

def desks_text(layout: RoomLayout | None) -> str:
    """``8 x 12, 94 on`` for a room with a desk layout, ``-`` for one without."""
    return f"{layout.rows} x {layout.columns}, {layout.size} on" if layout else "-"


ROOM_COLUMNS: list[TableColumn[Room]] = [
    TableColumn("Room", lambda r: r.name),
    TableColumn("Capacity", lambda r: str(r.capacity), sort_key=lambda r: r.capacity, align_right=True),
    TableColumn("Desks", lambda r: desks_text(r.fields.layout)),
    TableColumn("On-screen", lambda r: yes_no(r.on_screen)),
    TableColumn("Separate invigilation", lambda r: yes_no(r.separate)),
]


# --- seating ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SeatRow:
    sitting: Sitting
    room_id: int | None
    room: str
    override: bool

    @property
    def id(self) -> int:
        return self.sitting.candidate_id


SEAT_COLUMNS: list[TableColumn[SeatRow]] = [
    TableColumn("Candidate", lambda r: candidate_label(r.sitting.number), sort_key=lambda r: r.sitting.number),
    TableColumn("Papers", lambda r: ", ".join(p.code for p in r.sitting.papers)),
    TableColumn("Mode", lambda r: MODES.get(r.sitting.mode, r.sitting.mode)),
    TableColumn("Needs in the room", lambda r: r.sitting.needs_text),
    TableColumn("Finishes", lambda r: clock(r.sitting.finish), sort_key=lambda r: r.sitting.finish),
    TableColumn("Room", lambda r: r.room or "NO SEAT", background=lambda r: None if r.room else colours.OVERDUE),
    TableColumn("Chosen by", lambda r: "Officer" if r.override else "Automatic"),
]


# --- each person's load ---------------------------------------------------------------------

@dataclass(frozen=True)
class LoadRow:
    id: int
    name: str
    sessions: int
    minutes: int
    rate_pence: int
    warnings: tuple[str, ...]

    @property
    def pay_pence(self) -> int:
        return round(self.minutes * self.rate_pence / 60)


LOAD_COLUMNS: list[TableColumn[LoadRow]] = [
    TableColumn("Invigilator", lambda r: r.name),
    TableColumn("Sessions", lambda r: str(r.sessions), sort_key=lambda r: r.sessions, align_right=True),
    TableColumn("Hours", lambda r: hours_text(r.minutes), sort_key=lambda r: r.minutes, align_right=True),
    TableColumn("Pay estimate", lambda r: pounds(r.pay_pence), sort_key=lambda r: r.pay_pence, align_right=True),
    TableColumn("Warnings", lambda r: "; ".join(r.warnings), sort_key=lambda r: -len(r.warnings),
                background=lambda r: colours.DUE_SOON if r.warnings else None),
]

DUTY_COLUMNS: list[TableColumn[Duty]] = [
    TableColumn("Date", lambda d: f"{d.assignment.on:%a} {format_date(d.assignment.on)}",
                sort_key=lambda d: (d.assignment.on, d.assignment.session)),
    TableColumn("Session", lambda d: d.assignment.session),
    TableColumn("Room", lambda d: d.assignment.room),
    TableColumn("Role", lambda d: d.assignment.role_label),
    TableColumn("Arrive", lambda d: clock(d.arrive), sort_key=lambda d: d.arrive),
    TableColumn("Start", lambda d: clock(d.start), sort_key=lambda d: d.start),
    TableColumn("Finish", lambda d: clock(d.finish), sort_key=lambda d: d.finish),
    TableColumn("Hours", lambda d: hours_text(d.minutes), sort_key=lambda d: d.minutes, align_right=True),
    TableColumn("Locked", lambda d: yes_no(d.assignment.locked)),
]


# --- availability: dates x AM/PM --------------------------------------------------------------

class AvailabilityModel(QAbstractTableModel):
    """One invigilator's answers for the series' exam days; sessions with no exam are greyed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.days: list[date] = []
        self.slots: frozenset[Slot] = frozenset()
        self.answers: dict[Slot, bool] = {}
        self.default = True

    def set_person(self, days: Sequence[date], slots: frozenset[Slot], answers: dict[Slot, bool], default: bool) -> None:
        """One person's answers; for the same days and sessions (an answer changed, or another
        person chosen), the rows whose cells read differently get ``dataChanged``, not a reset."""
        if list(days) == self.days and slots == self.slots:
            before = [[self.text(self.slot(self.index(r, c))) for c in range(len(SESSIONS))] for r in range(len(days))]
            self.answers, self.default = dict(answers), default
            for row, texts in enumerate(before):
                if texts != [self.text(self.slot(self.index(row, c))) for c in range(len(SESSIONS))]:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(SESSIONS) - 1))
            return
        self.beginResetModel()
        self.days, self.slots, self.answers, self.default = list(days), slots, dict(answers), default
        self.endResetModel()

    def slot(self, index: Index) -> Slot:
        return (self.days[index.row()], SESSIONS[index.column()])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(self.days)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SESSIONS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.slot(index) not in self.slots:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def text(self, slot: Slot) -> str:
        if slot not in self.slots:
            return "no exam"
        if slot in self.answers:
            return "Yes" if self.answers[slot] else "No"
        return f"Default ({'yes' if self.default else 'no'})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.days)):
            return None
        slot = self.slot(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(slot)
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich_tip(self.text(slot))
        if role == RECORD_ROLE:
            return slot
        if role == Qt.ItemDataRole.BackgroundRole and slot in self.slots:
            available = self.answers.get(slot, self.default)
            return None if available else colours.NOT_APPLICABLE
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return SESSIONS[section] if 0 <= section < len(SESSIONS) else None
        return f"{self.days[section]:%a} {format_date(self.days[section])}" if 0 <= section < len(self.days) else None


# --- the roster grid: sessions x rooms ---------------------------------------------------------

@dataclass(frozen=True)
class GridCell:
    on: date
    session: str
    room_id: int
    room: str
    requirement: Requirement | None
    team: tuple[AssignmentRecord, ...]
    reason: str = ""  # the last solve's shortfall reason for this room and session

    @property
    def slot(self) -> Slot:
        return (self.on, self.session)

    @property
    def label(self) -> str:
        return f"{slot_label(self.on, self.session)}, {self.room}"

    @property
    def needed(self) -> int:
        return self.requirement.needed if self.requirement else 0

    @property
    def short(self) -> int:
        return max(0, self.needed - len(self.team))

    def headline(self) -> str:
        if self.requirement is None:
            return f"no candidates / assigned {len(self.team)}" if self.team else ""
        counts = f"needed {self.needed} / assigned {len(self.team)}"
        return f"SHORT {self.short} · {counts}" if self.short else counts

    def names(self) -> str:
        return ", ".join(
            a.name + (f" ({role_words(a.role)})" if a.role != GENERAL else "") + (f" {LOCK_MARK}" if a.locked else "")
            for a in self.team
        )

    def text(self) -> str:
        return "\n".join(x for x in (self.headline(), self.names()) if x)

    def tooltip(self) -> str:
        lines = [self.label]
        if self.requirement is not None:
            r = self.requirement
            lines.append(f"{plural(r.candidates, 'candidate')}, {clock(r.start)} to {clock(r.finish)}")
            helpers = ", ".join(f"{n} {role_words(role)}" for role, n in r.helpers)
            lines.append(f"Needs {r.needed}: {r.general} invigilating" + (f", {helpers}" if helpers else ""))
        lines += [f"{a.name}: {a.role_label.lower()}{', locked' if a.locked else ''}" for a in self.team]
        if self.short and self.reason:
            lines.append(f"Why short: {self.reason}")
        return "\n".join(lines)


_GRID_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RECORD_ROLE,
                                         Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.AccessibleTextRole))


class RosterGridModel(QAbstractTableModel):
    """Rows are sessions (date and AM/PM), columns are rooms; each cell a GridCell, found by its
    (row, column): the grid's own id-to-cell map."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.slots: list[Slot] = []
        self.rooms: list[tuple[int, str]] = []
        self.cells: dict[tuple[int, int], GridCell] = {}
        self._texts: dict[tuple[int, int], str] = {}  # each cell's text, worked out when it arrives

    def set_grid(self, slots: Sequence[Slot], rooms: Sequence[tuple[int, str]], cells: dict[tuple[int, int], GridCell]) -> None:
        """The grid at once; when its sessions and rooms are as they were (an assignment
        changed), only the cells that differ are replaced, each with ``dataChanged``, so the
        view keeps its current cell and scroll position and repaints those cells alone."""
        if list(slots) == self.slots and list(rooms) == self.rooms:
            changed = [key for key in self.cells.keys() | cells.keys() if self.cells.get(key) != cells.get(key)]
            self.cells = dict(cells)
            for key in changed:
                self._texts[key] = self.cells[key].text() if key in self.cells else ""
            for row, column in sorted(changed):
                self.dataChanged.emit(self.index(row, column), self.index(row, column))
            return
        self.beginResetModel()
        self.slots, self.rooms, self.cells = list(slots), list(rooms), dict(cells)
        self._texts = {key: cell.text() for key, cell in self.cells.items()}
        self.endResetModel()

    def cell(self, row: int, column: int) -> GridCell:
        found = self.cells.get((row, column))
        if found is not None:
            return found
        (on, sess), (room_id, room) = self.slots[row], self.rooms[column]
        return GridCell(on, sess, room_id, room, None, ())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(self.slots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rooms)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cheap for the roles Qt asks of every cell as it lays the grid out (a dozen each): the
        text is looked up, and a role the grid does not use is answered first."""
        if role not in _GRID_ROLES or not index.isValid():
            return None
        key = (index.row(), index.column())
        if not (0 <= key[0] < len(self.slots) and 0 <= key[1] < len(self.rooms)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts.get(key, "")  # a cell with no one needed or assigned is blank
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich_tip(self.cell(*key).tooltip())
        if role == RECORD_ROLE:
            return self.cell(*key)
        if role == Qt.ItemDataRole.BackgroundRole:
            found = self.cells.get(key)
            return colours.OVERDUE if found is not None and found.short else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._texts.get(key, "").replace("\n", ": ") or "no one needed"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.rooms[section][1] if 0 <= section < len(self.rooms) else None
        return slot_label(*self.slots[section]) if 0 <= section < len(self.slots) else None
