"""Columns for the key dates list and the calendar's day list, over ``KeyDateRecord``.

The state words ("3 days overdue", "in 5 days", "passed", "check", "shortened") are in
the cell text, so a tint is never the only signal and the filter box finds them too; a
shortened internal deadline's tooltip says why in a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from eoffice.domain.dates import format_date
from eoffice.domain.keydates import (
    CATEGORIES,
    PASSED,
    SOON,
    KeyDateRecord,
    countdown,
    countdown_text,
    internal_state,
    is_overdue,
    last_day,
)
from eoffice.ui import colours
from eoffice.ui.models.record_table import Index, RecordTableModel, TableColumn, rich_tip

MONTH, DATE, INTERNAL, COUNTDOWN, TITLE, BODY, SERIES, CATEGORY, CHECK, SOURCE = range(10)
CHECK_WORD = "check"
SHORTENED_WORD = "shortened"  # the internal deadline is later than its setting says: see the note


def date_text(record: KeyDateRecord) -> str:
    if record.end is not None and record.end != record.on:
        return f"{format_date(record.on)} – {format_date(record.end)}"
    return format_date(record.on)


def internal_text(record: KeyDateRecord, today: date) -> str:
    """"30/11/2026 (in 7 days)", "01/09/2026 (passed, shortened)"."""
    day = record.internal_deadline
    if day is None:
        return ""
    state = internal_state(record, today)
    words = ["passed"] if state == PASSED else [countdown(day, today)] if state == SOON else []
    if record.internal_note:
        words.append(SHORTENED_WORD)
    return f"{format_date(day)} ({', '.join(words)})" if words else format_date(day)


def key_date_columns(today: Callable[[], date]) -> list[TableColumn[KeyDateRecord]]:
    def external_tint(record: KeyDateRecord) -> QColor | None:
        return colours.OVERDUE if is_overdue(record, today()) else None

    def countdown_tint(record: KeyDateRecord) -> QColor | None:
        return colours.DONE if record.done else external_tint(record)

    def internal_tint(record: KeyDateRecord) -> QColor | None:
        state = internal_state(record, today())
        return colours.OVERDUE if state == PASSED else colours.DUE_SOON if state == SOON else None

    return [
        TableColumn("Month", lambda r: f"{r.on:%B %Y}", sort_key=lambda r: (r.on, r.id)),
        TableColumn("Date", date_text, sort_key=lambda r: (r.on, r.id), background=external_tint),
        TableColumn(
            "Internal deadline", lambda r: internal_text(r, today()), sort_key=lambda r: r.internal_deadline,
            background=internal_tint,
        ),
        TableColumn(
            "Countdown", lambda r: countdown_text(r, today()), sort_key=lambda r: (r.done, last_day(r)),
            background=countdown_tint,
        ),
        TableColumn("Title", lambda r: r.title),
        TableColumn("Body", lambda r: r.body),
        TableColumn("Series", lambda r: r.series),
        TableColumn("Category", lambda r: CATEGORIES.get(r.category, r.category)),
        TableColumn("Check", lambda r: CHECK_WORD if r.needs_check else "", sort_key=lambda r: not r.needs_check),
        TableColumn("Source", lambda r: r.source),
    ]


class KeyDateModel(RecordTableModel[KeyDateRecord]):
    def __init__(self, today: date, parent: object = None) -> None:
        self.today = today
        super().__init__(key_date_columns(lambda: self.today), parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == INTERNAL:
            note = self.record(index.row()).internal_note
            if note:
                return rich_tip(f"{note}.")
        return super().data(index, role)

    def set_rows(self, rows: Sequence[KeyDateRecord], today: date | None = None) -> None:
        if today is not None:
            self.today = today  # before the reset, so search text and tints agree
        super().set_rows(rows)


# --- the calendar's list of one day ---------------------------------------------------

KEY_DATE, INTERNAL_DEADLINE = "Key date", "Internal deadline"
OPENS, CLOSES, OPEN = "Window opens", "Window closes", "Window open"


@dataclass(frozen=True)
class DayEntry:
    what: str  # one of the words above
    record: KeyDateRecord


def entries_on(records: Iterable[KeyDateRecord], day: date) -> list[DayEntry]:
    found = []
    for r in records:
        window = r.end is not None and r.end != r.on
        if r.on == day:
            found.append(DayEntry(OPENS if window else KEY_DATE, r))
        elif window and r.end == day:
            found.append(DayEntry(CLOSES, r))
        elif window and r.on < day < r.end:
            found.append(DayEntry(OPEN, r))
        if r.internal_deadline == day:
            found.append(DayEntry(INTERNAL_DEADLINE, r))
    return found


def what_text(entry: DayEntry) -> str:
    if entry.what == INTERNAL_DEADLINE and entry.record.internal_note:
        return f"{entry.what} ({SHORTENED_WORD})"
    return entry.what


def day_columns(today: Callable[[], date]) -> list[TableColumn[DayEntry]]:
    def tint(entry: DayEntry) -> QColor | None:
        if entry.record.done:
            return colours.DONE
        if is_overdue(entry.record, today()):
            return colours.OVERDUE
        return None

    return [
        TableColumn("What", what_text),
        TableColumn("Title", lambda e: e.record.title),
        TableColumn("Body", lambda e: e.record.body),
        TableColumn("Date", lambda e: date_text(e.record)),
        TableColumn("Countdown", lambda e: countdown_text(e.record, today()), background=tint),
        TableColumn("Check", lambda e: CHECK_WORD if e.record.needs_check else ""),
    ]


class DayModel(RecordTableModel[DayEntry]):
    def __init__(self, today: date, parent: object = None) -> None:
        self.today = today
        super().__init__(day_columns(lambda: self.today), parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 0:
            entry = self.record(index.row())
            if entry.what == INTERNAL_DEADLINE and entry.record.internal_note:
                return rich_tip(f"{entry.record.internal_note}.")
        return super().data(index, role)
