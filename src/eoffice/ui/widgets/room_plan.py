"""One room's seating plan on screen, read only: who sits at each desk in the session shown.

It draws the ``examday.RoomPlan`` the printed seating plan is made from, the way the
layout editor draws a room (``widgets.desk_grid``: the front at the top, row A nearest it,
row letters and column numbers, "Exit" and "Invigilator" in words, desks not used greyed
and hatched). Each desk shows the candidate number in bold and the paper; a candidate
with access arrangements in force has a thick border, one with only an application
pending a thick dashed border, as on the printed plan, so nothing is told by colour
alone. The desks shrink to fit the space the page gives them; the tooltip, and the
screen reader as the arrow keys move, say everything about a desk in words.

Nothing here decides who sits where: that is ``examday``'s. Arrangements are special
category data: they stay on the screen and are never logged.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from eoffice.domain.access import clock
from eoffice.domain.examday import RoomPlan, Seat
from eoffice.domain.roster import desk_position
from eoffice.domain.words import plural
from eoffice.ui.widgets.desk_grid import GAP, DeskCanvas

MAX_W, MAX_H = 92, 56  # a desk box never grows past this, however much room there is
MIN_SIDE = 6  # nor shrinks below this (a very big room in a very small space is cut; the arrow keys still reach every desk)
SMALLEST_TEXT = 7  # pixels: below this a desk shows no text (its tooltip still says it all)
LEGEND = "Thick border: access arrangements · dashed: pending approval · hatched: not used"


def seat_words(seat: Seat) -> str:
    """Everything about one occupied desk, in words: the tooltip and the screen reader say it."""
    papers = ", ".join(seat.codes)
    words = [f"Desk {seat.desk}: {seat.candidate} {seat.name}.",
             f"{'Papers' if len(seat.codes) > 1 else 'Paper'} {papers}, {clock(seat.start)}–{clock(seat.finish)}."]
    if seat.arrangements:
        words.append(f"Access arrangements: {', '.join(seat.arrangements)}.")
    if seat.pending:
        words.append(f"Applied for, not yet approved: {', '.join(seat.pending)}.")
    if not seat.marked:
        words.append("No access arrangements.")
    return " ".join(words)


def paper_text(seat: Seat) -> str:
    """What a desk box says under the candidate number: "8702/1", or "8035/1 +1" for two papers."""
    return seat.codes[0] + (f" +{len(seat.codes) - 1}" if len(seat.codes) > 1 else "") if seat.codes else ""


class RoomPlanView(DeskCanvas):
    """The desks of one room in one session; ``deskChosen`` carries a desk clicked, or the one
    the arrow keys are on when Space or Enter is pressed."""

    numbered = True
    deskChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: RoomPlan | None = None
        self.seats: dict[str, Seat] = {}
        self.highlighted: str | None = None
        self._fonts: tuple[QFont, QFont, bool] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Room plan, front of the room at the top")
        self._describe()

    # --- what it shows ------------------------------------------------------------------------

    def show_plan(self, plan: RoomPlan | None) -> None:
        same_room = plan is not None and self.plan is not None and plan.room == self.plan.room
        self.plan = plan
        self.seats = {s.desk: s for s in plan.seats} if plan is not None else {}
        if plan is None:
            self.rows, self.columns, self.off = 1, 1, frozenset()
        else:
            self.rows, self.columns, self.off = max(1, plan.rows), max(1, plan.columns), frozenset(plan.off)
            self.exit, self.invigilator_desk = plan.exit, plan.invigilator_desk
        if not same_room:
            self.current, self.highlighted = (0, 0), None
        row, column = self.current
        self.current = (min(row, self.rows - 1), min(column, self.columns - 1))
        if self.highlighted is not None and self.highlighted not in self.seats:
            self.highlighted = None
        self._fit()
        self._describe()
        self.update()

    def highlight(self, desk: str | None) -> None:
        """Mark one desk (the candidate chosen in the list) and move the arrow keys to it."""
        self.highlighted = desk if desk and self.plan is not None else None
        if self.highlighted is not None:
            row, column = desk_position(self.highlighted)
            if row < self.rows and column < self.columns:
                self.current = (row, column)
        self._describe()
        self.update()

    def activate(self, label: str) -> None:
        if self.plan is not None:
            self.deskChosen.emit(label)

    # --- geometry: the desks fit the space -------------------------------------------------------

    def _sides(self) -> tuple[int, int]:
        """Room beside the desks only for what stands halfway along a side wall."""
        sides = []
        for end in ("left", "right"):
            said = [w for w, where in (("Exit", self.exit), ("Invigilator", self.invigilator_desk)) if where == end]
            sides.append(self.fontMetrics().horizontalAdvance(", ".join(said)) + 2 * GAP if said else 2)
        return sides[0], sides[1]

    def _wall(self, wall: str) -> int:
        """A line for the front or back wall only when the exit or the invigilator is there."""
        return self._line() if any(where.split()[0] == wall for where in (self.exit, self.invigilator_desk)) else 0

    def _fit(self) -> None:
        left, right = self._sides()
        line = self._line()
        wide = self.width() - left - right - self._lead() - 2
        high = self.height() - (line + self._wall("front") + self._wall("back") + 2 * GAP + self._numbers()) - 2
        for gap in (GAP, 3, 1):
            w = (wide + gap) // self.columns - gap
            h = (high + gap) // self.rows - gap
            if min(w, h) >= 5 * gap:
                break
        h = max(MIN_SIDE, min(MAX_H, h, w))  # never taller than wide
        w = max(MIN_SIDE, min(MAX_W, w, 2 * h + 12))  # nor much wider than it is tall
        self.desk_w, self.desk_h, self.gap = w, h, gap

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(320, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 100)

    def desk_at(self, point: QPoint) -> str | None:
        return None if self.plan is None else super().desk_at(point)

    # --- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.plan is None:
            painter = QPainter(self)
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             "No room is in use in this session.")
            return
        self._fonts = self._desk_fonts()
        super().paintEvent(event)

    def _desk_fonts(self) -> tuple[QFont, QFont, bool] | None:
        """The bold number's font and the paper's, as large as the boxes allow; whether the
        paper fits under the number; None when no text fits at all."""
        natural = QFontInfo(self.font()).pixelSize()
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPixelSize(natural)
        widest = max(1, QFontMetrics(bold).horizontalAdvance("0000"))
        by_width = natural * (self.desk_w - 6) / widest
        plain = QFont(self.font())
        plain.setPixelSize(natural)
        code_width = max(1, max((QFontMetrics(plain).horizontalAdvance(paper_text(s)) for s in self.seats.values()),
                                default=1))
        for lines in (2, 1):
            size = int(min(natural, by_width, (self.desk_h - 4) / (1.2 * lines)))
            if size >= SMALLEST_TEXT:
                bold.setPixelSize(size)  # the paper a little smaller when that lets it show whole
                plain.setPixelSize(max(SMALLEST_TEXT, min(size, int(natural * (self.desk_w - 5) / code_width))))
                return bold, plain, lines == 2
        return None

    def _paint_desk(self, painter: QPainter, label: str, palette: QPalette) -> None:
        rect, off, seat = self.desk_rect(label), label in self.off, self.seats.get(label)
        text = palette.color(QPalette.ColorRole.Text)
        if seat is None:
            self._paint_box(painter, rect, palette, off, QPen(palette.color(QPalette.ColorRole.Mid), 1))
        else:
            pen = QPen(palette.color(QPalette.ColorRole.WindowText), 3 if seat.marked else 1)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            if seat.pending and not seat.arrangements:
                pen.setStyle(Qt.PenStyle.DashLine)
            box = rect.adjusted(1, 1, -1, -1) if seat.marked else rect
            self._paint_box(painter, box, palette, off, pen)
            if label == self.highlighted:
                painter.fillRect(box.adjusted(2, 2, -1, -1) if seat.marked else box.adjusted(1, 1, 0, 0),
                                 palette.color(QPalette.ColorRole.Highlight))
                text = palette.color(QPalette.ColorRole.HighlightedText)
            self._paint_seat(painter, rect, seat, text)
        if label == self.current_desk and self.hasFocus():
            self._paint_ring(painter, rect, palette)

    def _paint_seat(self, painter: QPainter, rect: QRect, seat: Seat, colour: QColor) -> None:
        if self._fonts is None:
            return
        bold, plain, two = self._fonts
        painter.setPen(colour)
        inside = rect.adjusted(2, 2, -2, -2)
        if not two:
            painter.setFont(bold)
            painter.drawText(inside, Qt.AlignmentFlag.AlignCenter, seat.candidate)
            painter.setFont(self.font())
            return
        top, bottom = QRect(inside), QRect(inside)
        top.setBottom(inside.center().y())
        bottom.setTop(inside.center().y() + 1)
        painter.setFont(bold)
        painter.drawText(top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, seat.candidate)
        painter.setFont(plain)
        paper = QFontMetrics(plain).elidedText(paper_text(seat), Qt.TextElideMode.ElideRight, inside.width())
        painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, paper)
        painter.setFont(self.font())

    # --- words ----------------------------------------------------------------------------------

    def desk_words(self, label: str) -> str:
        seat = self.seats.get(label)
        if seat is not None:
            return seat_words(seat)
        if label in self.off:
            return f"Desk {label}: not used (switched off)."
        return f"Desk {label}: empty."

    def description(self) -> str:
        if self.plan is None:
            return "No room is in use in this session."
        return f"{self.plan.room}. {self.desk_words(self.current_desk)} Row A is the front row."


class RoomPlanPanel(QWidget):
    """The room chooser over the plan: the rooms in use in the session, with how many sit in each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plans: dict[str, RoomPlan] = {}
        self.room = QComboBox()
        self.room.setAccessibleName("Room")
        self.room.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.view = RoomPlanView()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Room plan notes")
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        legend.setAccessibleName("Room plan key")
        legend.setToolTip("Hover over a desk, or move to it with the arrow keys, to read who sits there.")
        font = legend.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        legend.setFont(font)
        label = QLabel("Roo&m:")
        label.setBuddy(self.room)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.room, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)
        self.room.currentIndexChanged.connect(lambda _i: self._show_room())

    def set_plans(self, plans: Sequence[RoomPlan]) -> None:
        """The session's rooms; the room shown stays chosen while it is still in use."""
        keep = self.room.currentData()
        self.plans = {p.room: p for p in plans}
        self.room.blockSignals(True)
        self.room.clear()
        for plan in plans:
            self.room.addItem(f"{plan.room} ({len(plan.seats) + len(plan.unseated)})", plan.room)
        index = self.room.findData(keep) if keep is not None else -1
        self.room.setCurrentIndex(max(0, index) if plans else -1)
        self.room.blockSignals(False)
        self.room.setEnabled(bool(plans))
        self._show_room()

    @property
    def plan(self) -> RoomPlan | None:
        return self.plans.get(self.room.currentData()) if self.room.currentData() is not None else None

    def show_desk(self, room: str | None, desk: str | None) -> None:
        """Show ``room`` with ``desk`` marked (a candidate chosen in the list)."""
        index = self.room.findData(room) if room else -1
        if index >= 0 and index != self.room.currentIndex():
            self.room.setCurrentIndex(index)
        self.view.highlight(desk if index >= 0 else None)

    def _show_room(self) -> None:
        plan = self.plan
        self.view.show_plan(plan)
        if plan is None:
            self.caption.setText("")
            return
        used = self.view.rows * self.view.columns - len(plan.off)
        words = [f"{', '.join(p.code for p in plan.papers)}: {len(plan.seats)} of {plural(used, 'desk')} taken"]
        if plan.unseated:
            words.append(f"no desk for {', '.join(s.candidate for s in plan.unseated)}")
        self.caption.setText("; ".join(words) + ".")
