"""Table models for the Professional Standards tab, over the domain's frozen records.

The progress grid never shows a tick or a cross alone: each cell reads "✓ Signed by
both" or "✗ 2 of 4", tinted green or red, with what is missing as its tooltip. The
other tables carry their state in words too ("passed", "withdrawn", "changed since
signed"), so a tint is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from eoffice.domain.accounts import ROLES
from eoffice.domain.dates import format_date, format_datetime
from eoffice.domain.standards import (
    CRITERIA,
    DONE_STATUSES,
    METHODS,
    SIGNATURE_KINDS,
    STATUSES,
    Criterion,
    GridRow,
    Meeting,
    SignatureRecord,
    Skill,
    Target,
    local,
)
from eoffice.ui import colours
from eoffice.ui.models.record_table import Index, RecordTableModel, TableColumn, rich_tip

# --- the progress grid ---------------------------------------------------------------------


def cell_text(c: Criterion) -> str:
    return f"{c.mark} {c.word}"


def cell_tooltip(c: Criterion) -> str:
    lines = list(c.missing) or [f"{c.label}: met"]
    if c.note:
        lines.append(f"Note: {c.note}")
    return "\n".join(lines)


def _criterion_column(position: int, key: str) -> TableColumn[GridRow]:
    return TableColumn(
        CRITERIA[key], lambda r: cell_text(r.cells[position]), sort_key=lambda r: (r.cells[position].met, r.officer),
        background=lambda r: colours.DONE if r.cells[position].met else colours.OVERDUE,
    )


GRID_COLUMNS: list[TableColumn[GridRow]] = [
    TableColumn("Exams officer", lambda r: r.officer),
    *(_criterion_column(i, key) for i, key in enumerate(CRITERIA)),
]


def two_lines(heading: str) -> str:
    """"Knowledge & Understanding" as "Knowledge &" over "Understanding": a long heading broken
    at the space nearest its middle, so its column is no wider than its cells need."""
    spaces = [i for i, char in enumerate(heading) if char == " "]
    if len(heading) < 12 or not spaces:
        return heading
    middle = min(spaces, key=lambda i: abs(2 * i - len(heading)))
    return f"{heading[:middle]}\n{heading[middle + 1:]}"


class GridModel(RecordTableModel[GridRow]):
    """One row per exams officer, one column per criterion."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(GRID_COLUMNS, parent)
        self.chosen_id: int | None = None  # the officer shown in the tab: in bold

    def set_rows(self, rows: Any, chosen_id: int | None = None) -> None:
        self.chosen_id = chosen_id
        super().set_rows(rows)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        heading = super().headerData(section, orientation, role)
        return two_lines(heading) if isinstance(heading, str) else heading

    def criterion(self, index: Index) -> Criterion | None:
        if not index.isValid() or index.column() == 0 or not (0 <= index.row() < self.rowCount()):
            return None
        return self.record(index.row()).cells[index.column() - 1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and 0 <= index.row() < self.rowCount():
            if self.record(index.row()).person_id == self.chosen_id:
                font = QFont()
                font.setBold(True)
                return font
            return None
        c = self.criterion(index)
        if c is not None:
            if role == Qt.ItemDataRole.ToolTipRole:
                return rich_tip(cell_tooltip(c))
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours.DONE_SOLID if c.met else colours.OVERDUE_SOLID
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{c.label}: {'met' if c.met else 'not met'}, {c.word}"
        return super().data(index, role)


# --- targets and skills ----------------------------------------------------------------------


def methods_text(methods: tuple[str, ...]) -> str:
    return ", ".join(METHODS.get(m, m) for m in methods)


def _status_tint(status: str) -> QColor | None:
    if status == "achieved":
        return colours.DONE
    if status == "not_applicable":
        return colours.NOT_APPLICABLE
    return None


def _due_text(day: date | None, status: str, today: Callable[[], date]) -> str:
    if day is None:
        return ""
    passed = status not in DONE_STATUSES and day < today()
    return f"{format_date(day)} (passed)" if passed else format_date(day)


def _due_tint(day: date | None, status: str, today: Callable[[], date]) -> QColor | None:
    return colours.OVERDUE if day is not None and status not in DONE_STATUSES and day < today() else None


def target_columns(today: Callable[[], date]) -> list[TableColumn[Target]]:
    return [
        TableColumn("Area", lambda t: t.area, sort_key=lambda t: (t.area.casefold(), t.position)),
        TableColumn("Target", lambda t: t.target),
        TableColumn("Methods", lambda t: methods_text(t.methods)),
        TableColumn("Success criteria", lambda t: t.success_criteria),
        TableColumn("Checkpoint", lambda t: _due_text(t.checkpoint_on, t.status, today),
                    sort_key=lambda t: t.checkpoint_on, background=lambda t: _due_tint(t.checkpoint_on, t.status, today)),
        TableColumn("Status", lambda t: STATUSES.get(t.status, t.status), background=lambda t: _status_tint(t.status)),
        TableColumn("Progress notes", lambda t: t.progress_notes),
    ]


def skill_columns(today: Callable[[], date]) -> list[TableColumn[Skill]]:
    return [
        TableColumn("Key skill", lambda s: s.label),
        TableColumn("Methods", lambda s: methods_text(s.methods)),
        TableColumn("How it is measured", lambda s: s.measure),
        TableColumn("By when", lambda s: _due_text(s.by_when, s.status, today), sort_key=lambda s: s.by_when,
                    background=lambda s: _due_tint(s.by_when, s.status, today)),
        TableColumn("Status", lambda s: STATUSES.get(s.status, s.status), background=lambda s: _status_tint(s.status)),
    ]


class TargetModel(RecordTableModel[Target]):
    def __init__(self, today: date, parent: Any = None) -> None:
        self.today = today
        super().__init__(target_columns(lambda: self.today), parent)


class SkillModel(RecordTableModel[Skill]):
    def __init__(self, today: date, parent: Any = None) -> None:
        self.today = today
        super().__init__(skill_columns(lambda: self.today), parent)


# --- meetings and signatures -------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    signed_by: str  # "Daniel O'Connor" or "" while unsigned


MEETING_COLUMNS: list[TableColumn[MeetingRow]] = [
    TableColumn("Date", lambda r: format_date(r.meeting.held_on), sort_key=lambda r: (r.meeting.held_on, r.meeting.id)),
    TableColumn("Kind", lambda r: r.meeting.kind_label),
    TableColumn("Attended", lambda r: r.meeting.attendees),
    TableColumn("Went well", lambda r: r.meeting.went_well),
    TableColumn("Did not go well", lambda r: r.meeting.not_well),
    TableColumn("Focus next", lambda r: r.meeting.focus_next),
    TableColumn("Next meeting", lambda r: format_date(r.meeting.next_meeting_on), sort_key=lambda r: r.meeting.next_meeting_on),
    TableColumn("Signed by", lambda r: r.signed_by or "not signed",
                background=lambda r: colours.DONE if r.signed_by else None),
]


class MeetingModel(RecordTableModel[MeetingRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(MEETING_COLUMNS, parent, key=lambda r: r.meeting.id)


@dataclass(frozen=True)
class SignatureRow:
    signature: SignatureRecord
    what: str  # "Values & Attributes statement (exams officer)", "Meeting record, 14/09/2026"


def signature_rows(signatures: tuple[SignatureRecord, ...] | list[SignatureRecord], meetings: tuple[Meeting, ...],
                   kinds: tuple[str, ...]) -> list[SignatureRow]:
    held = {m.id: m for m in meetings}
    rows = []
    for s in signatures:
        if s.kind not in kinds:
            continue
        what = SIGNATURE_KINDS.get(s.kind, s.kind)
        if s.kind == "meeting":
            meeting = held.get(s.meeting_id or 0)
            what = f"Meeting record, {format_date(meeting.held_on)}" if meeting else "Meeting record (deleted)"
        rows.append(SignatureRow(s, what))
    return rows


def state_text(s: SignatureRecord) -> str:
    """The signature's state in words: withdrawn, disputed, not verified (and why), changed, or
    signed (before signing keys: cannot be verified)."""
    if s.withdrawn_at is not None:
        text = f"withdrawn {format_date(local(s.withdrawn_at).date())}: {s.withdrawn_reason}"
        return f"{text}; {s.dispute_words}" if s.disputed else text
    if s.disputed:
        return f"{s.dispute_words}: {s.disputed_reason}"
    if not s.trusted:
        return s.problem
    return s.state


def _state_tint(s: SignatureRecord) -> QColor | None:
    if not s.live:
        return colours.NOT_APPLICABLE
    if not s.valid:
        return colours.OVERDUE
    return colours.DUE_SOON if s.legacy else colours.DONE


SIGNATURE_COLUMNS: list[TableColumn[SignatureRow]] = [
    TableColumn("Signed", lambda r: r.what),
    TableColumn("Name", lambda r: r.signature.signer_name),
    TableColumn("Role", lambda r: ROLES.get(r.signature.signer_role, r.signature.signer_role)),
    TableColumn("Time", lambda r: format_datetime(local(r.signature.signed_at)), sort_key=lambda r: r.signature.signed_at),
    TableColumn("State", lambda r: state_text(r.signature), background=lambda r: _state_tint(r.signature)),
    TableColumn("Signing key", lambda r: r.signature.key_fingerprint or "none"),
]


class SignatureModel(RecordTableModel[SignatureRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(SIGNATURE_COLUMNS, parent, key=lambda r: r.signature.id)
