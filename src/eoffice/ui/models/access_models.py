"""Table models and columns for the Access arrangements tab.

The rows are plain frozen records put together once per refresh (a candidate with
their arrangement count and warning words, an arrangement with its candidate's name),
so the models never query. Sorting happens in the source model with Python's sort on
precomputed keys rather than in the proxy: a proxy sort calls back into Python for
every comparison, which is slow for the 2,000 candidates of a large centre.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from eoffice.domain.access import (
    EXPIRES,
    MODES,
    RESOLUTIONS,
    ROOM_NEEDS,
    ROUTES,
    STATUSES,
    TYPES,
    WORDS,
    AccessWarning,
    ArrangementRecord,
    CandidateRecord,
    Clash,
    ExamDayRow,
    PaperRecord,
    clock,
    format_number,
    kind_label,
)
from eoffice.domain.dates import format_date
from eoffice.io.access_export import room_text
from eoffice.ui import colours
from eoffice.ui.models.record_table import (
    ALIGNMENT,
    BACKGROUND,
    DISPLAY,
    RECORD_ROLE,
    SORT_ROLE,
    TOOLTIP,
    RecordTableModel,
    TableColumn,
    TextFilterProxy,
    rich_tip,
)

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

WARNING_WORDS = WORDS  # one wording, shared with the register's flag column
CLOSED_STATUSES = frozenset({"declined", "expired", "withdrawn"})


# --- sorting in the source model ---------------------------------------------------------

def _key(value: Any) -> tuple[bool, Any]:
    """Blanks first, then values; never compares None with a value."""
    return (value is not None, value if value is not None else 0)


FONT = int(Qt.ItemDataRole.FontRole)
_ROLES = frozenset({DISPLAY, TOOLTIP, FONT, BACKGROUND, ALIGNMENT, int(SORT_ROLE), int(RECORD_ROLE)})


class SortedTableModel(RecordTableModel[R]):
    """A RecordTableModel that sorts itself (see the module note) and can bold columns."""

    def __init__(self, columns: Sequence[TableColumn[R]], parent: Any = None, *, bold: Iterable[int] = (),
                 tips: dict[int, Callable[[R], str]] | None = None, natural: Callable[[R], Any] | None = None) -> None:
        super().__init__(columns, parent, order=natural)  # the rows' order until a heading is clicked
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._bold = frozenset(bold)
        self._tips = dict(tips or {})  # column -> a tooltip that says more than the cell (else the cell's text)
        self._font = QFont()
        self._font.setBold(True)

    def set_rows(self, rows: Sequence[R]) -> None:
        rows = list(rows)
        if self._sorted is not None:
            rows = self._in_order(rows, *self._sorted)
        super().set_rows(rows)

    def _sort_key(self, column: int) -> Callable[[R], tuple[bool, Any]]:
        spec = self._columns[column]
        key = spec.sort_key or (lambda r: spec.text(r).casefold())
        return lambda r: _key(key(r))

    def _in_order(self, rows: list[R], column: int, order: Qt.SortOrder) -> list[R]:
        if not 0 <= column < len(self._columns):
            return rows
        return sorted(rows, key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sorted = (column, order)
        if column < 0 or not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = {id(r): i for i, r in enumerate(self._rows)}
        rows = self._in_order(self._rows, column, order)
        moved = [old[id(r)] for r in rows]  # new row -> old row
        self._search = [self._search[i] for i in moved]
        self._texts = [self._texts[i] for i in moved]
        self._rows = rows
        self._changed()
        where = {old_row: new_row for new_row, old_row in enumerate(moved)}
        before = self.persistentIndexList()
        after = [self.index(where[i.row()], i.column()) if i.isValid() else i for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _order(self) -> tuple[Callable[[R], Any], bool] | None:
        """The clicked column's sort key and whether it runs backwards; else the natural order."""
        if self._sorted is None or self._sorted[0] < 0:
            return super()._order()
        if self._sorted[0] >= len(self._columns):
            return None
        return self._sort_key(self._sorted[0]), self._sorted[1] == Qt.SortOrder.DescendingOrder

    def value(self, row: int, column: int, role: int) -> Any:
        if role not in _ROLES:  # the view asks for a dozen roles per cell; answer the rest at once
            return None
        if role == FONT:
            return self._font if column in self._bold else None  # an invalid index's column is -1
        if role == TOOLTIP and column in self._tips and 0 <= row < len(self._rows):
            return rich_tip(self._tips[column](self._rows[row]))
        return super().value(row, column, role)


class AccessProxy(TextFilterProxy):
    """Text and predicate filters; sorting is handed to the source model.

    While nothing is filtered (no words, no test: ``filterAcceptsRow`` takes every row, the
    usual case when a page opens), the proxy's row n is the source's row n, since the proxy
    never sorts: ``data`` then reads the source's cell straight away. Qt's own way maps each of
    the seven roles a painted cell asks for to a source index, and each source index costs two
    calls back into Python (``rowCount``, ``columnCount``): two-thirds of the Python work of
    painting a page of 1,800 candidates.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: SortedTableModel[Any] | None = None  # when its ``data`` is SortedTableModel's own

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        same = isinstance(model, SortedTableModel) and type(model).data is SortedTableModel.data
        self._source = model if same else None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        source, wanted = self._source, self.row_filter
        if source is not None and not wanted.words and wanted.predicate is None:  # every row, in the source's order
            return source.value(index.row(), index.column(), role)
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, SortedTableModel):
            source.sort(column, order)


def make_proxy(model: SortedTableModel[Any], parent: Any = None) -> AccessProxy:
    proxy = AccessProxy(parent)
    proxy.setSourceModel(model)
    return proxy


# --- the records shown -----------------------------------------------------------------------

@dataclass(frozen=True)
class CandidateRow:
    record: CandidateRecord
    entries: int
    arrangements: int
    warnings: tuple[str, ...]  # warning kinds

    @property
    def id(self) -> int:
        return self.record.id


@dataclass(frozen=True)
class ArrangementRow:
    record: ArrangementRecord
    name: str  # "Surname, Forenames"
    warnings: tuple[str, ...]

    @property
    def id(self) -> int:
        return self.record.id


@dataclass(frozen=True)
class PaperRow:
    record: PaperRecord
    entries: int

    @property
    def id(self) -> int:
        return self.record.id


@dataclass(frozen=True)
class WarningRow:
    warning: AccessWarning
    name: str
    arrangement: str  # the type's label

    @property
    def id(self) -> int:
        return self.warning.arrangement_id


def warning_text(kinds: Sequence[str]) -> str:
    if not kinds:  # most rows: no warning
        return ""
    return "; ".join(dict.fromkeys(WARNING_WORDS.get(k, k) for k in kinds))


def _warning_tint(kinds: Sequence[str]) -> QColor | None:
    if EXPIRES in kinds:
        return colours.OVERDUE
    return colours.DUE_SOON if kinds else None


def _status_tint(status: str) -> QColor | None:
    if status == "approved":
        return colours.DONE
    return colours.NOT_APPLICABLE if status in CLOSED_STATUSES else None


def duration_text(minutes: int) -> str:
    """90 -> "1h 30m", 45 -> "45m", 120 -> "2h"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h {rest:02d}m" if rest else f"{hours}h"


def paper_text(row: ExamDayRow) -> str:
    """"8702/1 Geography (moved from Wed 12 May PM; clash: sits after 1MA1/1H)": the paper, and
    first what the officer changed, because a paper moved to settle a clash is sat where the
    timetable does not say."""
    notes = [f"moved from {row.moved_from}"] * bool(row.moved_from) + [row.clash_note] * bool(row.clash_note)
    return f"{row.code} {row.title}" + (f" ({'; '.join(notes)})" if notes else "")


def paper_tip(row: ExamDayRow) -> str:
    """The paper cell's words, then the supervision the sitting needs (an overnight move, a
    break between papers), which the cell has no room for."""
    care = row.supervision[:1].upper() + row.supervision[1:]
    return paper_text(row) + (f"\n{care}." if care else "")


def minutes_text(value: Fraction) -> str:
    """Exact added minutes: 22.5 -> "22½", 26.25 -> "26¼", 0 -> "—"."""
    if not value:
        return "—"
    whole, part = divmod(value, 1)
    mark = {Fraction(1, 4): "¼", Fraction(1, 2): "½", Fraction(3, 4): "¾"}.get(part, "")
    if part and not mark:
        return f"{float(value):.1f}"
    return f"{whole}{mark}"


# --- columns -------------------------------------------------------------------------------------

# Each text reads the record's fields straight (not through CandidateRecord's properties):
# a load works out 1,800 candidates x 11 cells, and every property is one more call.
CANDIDATE_COLUMNS: list[TableColumn[CandidateRow]] = [
    TableColumn("Number", lambda c: format_number(c.record.fields.number), sort_key=lambda c: c.record.fields.number),
    TableColumn("Surname", lambda c: c.record.fields.surname),
    TableColumn("Forenames", lambda c: c.record.fields.forenames),
    TableColumn("Date of birth", lambda c: format_date(c.record.fields.date_of_birth),
                sort_key=lambda c: c.record.fields.date_of_birth),
    TableColumn("Year", lambda c: str(c.record.fields.year_group or ""), sort_key=lambda c: c.record.fields.year_group,
                align_right=True),
    TableColumn("Form", lambda c: c.record.fields.form or ""),
    TableColumn("UCI", lambda c: c.record.fields.uci or ""),
    TableColumn("ULN", lambda c: c.record.fields.uln or ""),
    TableColumn("Entries", lambda c: str(c.entries), sort_key=lambda c: c.entries, align_right=True),
    TableColumn("Arrangements", lambda c: str(c.arrangements) if c.arrangements else "",
                sort_key=lambda c: c.arrangements, align_right=True),
    TableColumn("Warning", lambda c: warning_text(c.warnings), background=lambda c: _warning_tint(c.warnings)),
]

ARRANGEMENT_COLUMNS: list[TableColumn[ArrangementRow]] = [
    TableColumn("Candidate", lambda a: format_number(a.record.candidate_number),
                sort_key=lambda a: (a.record.candidate_number, a.record.id)),
    TableColumn("Name", lambda a: a.name),
    TableColumn("Type", lambda a: a.record.label),
    TableColumn("Extra time", lambda a: f"{a.record.extra_time_percent}%" if a.record.extra_time_percent else "",
                sort_key=lambda a: a.record.extra_time_percent, align_right=True),
    TableColumn("Rest", lambda a: f"{a.record.rest_minutes_per_hour} min/hour" if a.record.rest_minutes_per_hour else "",
                sort_key=lambda a: a.record.rest_minutes_per_hour, align_right=True),
    TableColumn("Route", lambda a: ROUTES.get(a.record.route, a.record.route)),
    TableColumn("Status", lambda a: STATUSES.get(a.record.status, a.record.status),
                sort_key=lambda a: list(STATUSES).index(a.record.status) if a.record.status in STATUSES else 99,
                background=lambda a: _status_tint(a.record.status)),
    TableColumn("Approved", lambda a: format_date(a.record.approved_on), sort_key=lambda a: a.record.approved_on),
    TableColumn("Expires", lambda a: format_date(a.record.expires_on), sort_key=lambda a: a.record.expires_on),
    TableColumn("Room need", lambda a: "" if a.record.room_need == "none" else ROOM_NEEDS.get(a.record.room_need, "")),
    TableColumn("Warning", lambda a: warning_text(a.warnings), background=lambda a: _warning_tint(a.warnings)),
]

PAPER_COLUMNS: list[TableColumn[PaperRow]] = [
    TableColumn("Date", lambda p: f"{p.record.sat_on:%a} {format_date(p.record.sat_on)}",
                sort_key=lambda p: (p.record.sat_on, p.record.session, p.record.start_minutes, p.record.code)),
    TableColumn("Session", lambda p: p.record.session,
                sort_key=lambda p: (p.record.session, p.record.sat_on, p.record.start_minutes)),
    TableColumn("Start", lambda p: clock(p.record.start_minutes), sort_key=lambda p: p.record.start_minutes),
    TableColumn("Board", lambda p: p.record.board),
    TableColumn("Code", lambda p: p.record.code),
    TableColumn("Title", lambda p: p.record.title),
    TableColumn("Qualification", lambda p: p.record.qualification),
    TableColumn("Duration", lambda p: duration_text(p.record.duration_minutes),
                sort_key=lambda p: p.record.duration_minutes, align_right=True),
    TableColumn("Mode", lambda p: MODES.get(p.record.mode, p.record.mode)),
    TableColumn("Entries", lambda p: str(p.entries), sort_key=lambda p: p.entries, align_right=True),
]

EXAM_DAY_COLUMNS: list[TableColumn[ExamDayRow]] = [
    TableColumn("Candidate", lambda r: r.candidate, sort_key=lambda r: (r.candidate_number, r.start, r.code)),
    TableColumn("Name", lambda r: r.name),
    TableColumn("Room", room_text),  # "Library, desk D1": the words the door list and day sheets print
    TableColumn("Arrangements", lambda r: ", ".join(r.arrangements)),
    TableColumn("Paper", paper_text),  # what the officer moved first, then the clash
    TableColumn("Start", lambda r: clock(r.start) + (f" ({r.published_note})" if r.published_note else ""),
                sort_key=lambda r: r.start),
    TableColumn("Duration", lambda r: duration_text(r.timing.duration), sort_key=lambda r: r.timing.duration,
                align_right=True),
    TableColumn("Extra (min)", lambda r: minutes_text(r.timing.extra_minutes),
                sort_key=lambda r: r.timing.extra_minutes, align_right=True),
    TableColumn("Rest (min)", lambda r: minutes_text(r.timing.rest_minutes),
                sort_key=lambda r: r.timing.rest_minutes, align_right=True),
    TableColumn("Finish", lambda r: clock(r.finish), sort_key=lambda r: r.finish),
]
FINISH_COLUMN = len(EXAM_DAY_COLUMNS) - 1
EXAM_DAY_PAPER_COLUMN = 4
EXAM_DAY_TIPS: dict[int, Callable[[ExamDayRow], str]] = {EXAM_DAY_PAPER_COLUMN: paper_tip}  # the supervision too

CLASH_COLUMNS: list[TableColumn[Clash]] = [
    TableColumn("Candidate", lambda c: c.candidate, sort_key=lambda c: (c.candidate_number, c.sat_on, c.session or "")),
    TableColumn("Name", lambda c: f"{c.surname}, {c.forenames}"),
    TableColumn("Date", lambda c: f"{c.sat_on:%a} {format_date(c.sat_on)}", sort_key=lambda c: (c.sat_on, c.session or "")),
    TableColumn("Session", lambda c: c.session or "Whole day"),
    TableColumn("Papers", lambda c: " + ".join(c.codes)),
    TableColumn("Total time", lambda c: duration_text(c.total_minutes), sort_key=lambda c: c.total_minutes,
                align_right=True),
    TableColumn("Decision", lambda c: c.decision or "—"),
    TableColumn("Resolution", lambda c: c.advice[:1].upper() + c.advice[1:] if c.advice
                else RESOLUTIONS.get(c.resolution, c.resolution)),
]
DECISION_COLUMN, RESOLUTION_COLUMN = 6, 7

WARNING_COLUMNS: list[TableColumn[WarningRow]] = [
    TableColumn("Candidate", lambda w: format_number(w.warning.candidate_number),
                sort_key=lambda w: (w.warning.candidate_number, w.warning.arrangement_id)),
    TableColumn("Name", lambda w: w.name),
    TableColumn("Arrangement", lambda w: w.arrangement),
    TableColumn("Warning", lambda w: WARNING_WORDS.get(w.warning.kind, w.warning.kind),
                background=lambda w: _warning_tint((w.warning.kind,))),
    TableColumn("Deadline", lambda w: format_date(w.warning.deadline), sort_key=lambda w: w.warning.deadline),
    TableColumn("In plain words", lambda w: w.warning.message[:1].upper() + w.warning.message[1:]),
]


# --- putting rows together ------------------------------------------------------------------------

def by_arrangement(found: Iterable[AccessWarning]) -> dict[int, tuple[str, ...]]:
    grouped: dict[int, list[str]] = {}
    for w in found:
        grouped.setdefault(w.arrangement_id, []).append(w.kind)
    return {k: tuple(v) for k, v in grouped.items()}


def candidate_rows(people: Sequence[CandidateRecord], records: Sequence[ArrangementRecord],
                   found: Sequence[AccessWarning], entries: dict[int, int]) -> list[CandidateRow]:
    counts: dict[int, int] = {}
    for r in records:
        counts[r.candidate_id] = counts.get(r.candidate_id, 0) + 1
    flags: dict[int, list[str]] = {}
    for w in found:
        flags.setdefault(w.candidate_id, []).append(w.kind)
    return [CandidateRow(c, entries.get(c.id, 0), counts.get(c.id, 0), tuple(flags.get(c.id, ()))) for c in people]


def arrangement_rows(records: Sequence[ArrangementRecord], names: dict[int, str],
                     found: Sequence[AccessWarning]) -> list[ArrangementRow]:
    flags = by_arrangement(found)
    return [ArrangementRow(r, names.get(r.candidate_id, ""), flags.get(r.id, ())) for r in records]


def paper_rows(papers: Sequence[PaperRecord], counts: dict[int, int]) -> list[PaperRow]:
    return [PaperRow(p, counts.get(p.id, 0)) for p in papers]


def warning_rows(found: Sequence[AccessWarning], names: dict[int, str],
                 kinds: dict[int, str]) -> list[WarningRow]:
    return [WarningRow(w, names.get(w.candidate_id, ""), kind_label(kinds.get(w.arrangement_id, ""))) for w in found]


def type_options() -> dict[str, str]:
    return {key: t.label for key, t in TYPES.items()}


def first_on_or_after(days: Sequence[tuple[date, str]], today: date) -> tuple[date, str] | None:
    """The first exam session on or after ``today``, else the last one (the timetable is past)."""
    for day in days:
        if day[0] >= today:
            return day
    return days[-1] if days else None
