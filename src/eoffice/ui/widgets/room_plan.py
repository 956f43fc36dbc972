"""One room's seating plan on screen: who sits at each desk in the session shown, and the
officer's own moves.

It draws the ``examday.RoomPlan`` the printed seating plan is made from, the way the
layout editor draws a room (``widgets.desk_grid``: the front at the top, row A nearest it,
row letters and column numbers, "Exit" and "Invigilator" in words, desks not used greyed
and hatched). Each desk shows the candidate number in bold and the paper; a candidate
with access arrangements in force has a thick border, one with only an application
pending a thick dashed border, as on the printed plan, so nothing is told by colour
alone. The desks shrink to fit the space the page gives them; the tooltip, and the
screen reader as the arrow keys move, say everything about a desk in words.

When the plan is ``editable`` the officer moves a candidate by hand: drag their desk onto
another, or pick them up with Space or Enter, move with the arrows and put them down with
Enter (Escape cancels). The plan only asks (``deskMoveRequested``); the page makes the move,
a swap when the desk is taken. A desk the officer locked (re-seating keeps it) carries a
small padlock, and its tooltip says so in words.

Nothing here decides who sits where: that is ``examday``'s. Arrangements are special
category data: they stay on the screen and are never logged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontInfo,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from eoffice.domain.access import clock
from eoffice.domain.examday import RoomPlan, Seat
from eoffice.domain.roster import desk_position
from eoffice.domain.words import plural
from eoffice.ui.widgets.desk_grid import GAP, DeskCanvas

MAX_W, MAX_H = 92, 56  # a desk box never grows past this, however much room there is
MIN_SIDE = 6  # nor shrinks below this (a very big room in a very small space is cut; the arrow keys still reach every desk)
SMALLEST_TEXT = 7  # pixels: below this a desk shows no text (its tooltip still says it all)
LEGEND = "Thick border: access arrangements · dashed: pending approval · hatched: not used · padlock: desk locked"
LOCKED_WORDS = "Locked: re-seating keeps it."
PUT_DOWN = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)


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
    the arrow keys are on when Space or Enter is pressed. When ``editable``, Space or Enter on
    a candidate also picks them up, and ``deskMoveRequested`` carries (their desk, the desk
    to put them at) when they are put down there or dragged there with the mouse."""

    numbered = True
    deskChosen = Signal(str)
    deskMoveRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: RoomPlan | None = None
        self.seats: dict[str, Seat] = {}
        self.locked: frozenset[str] = frozenset()  # desks the officer locked
        self.highlighted: str | None = None
        self.editable = False
        self.held: str | None = None  # the desk of the candidate picked up, by key or by dragging
        self._held_candidate = ""
        self._press: tuple[str, QPoint] | None = None  # where the mouse went down on a candidate
        self._dragging = False
        self._fonts: tuple[QFont, QFont, bool] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Room plan, front of the room at the top")
        self._describe()

    # --- what it shows ------------------------------------------------------------------------

    def show_plan(self, plan: RoomPlan | None, locked: frozenset[str] = frozenset()) -> None:
        same_room = plan is not None and self.plan is not None and plan.room == self.plan.room
        self.plan = plan
        self.seats = {s.desk: s for s in plan.seats} if plan is not None else {}
        self.locked = locked
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
        held = self.seats.get(self.held) if self.held is not None else None
        if not same_room or held is None or held.candidate != self._held_candidate:
            self._let_go()  # the candidate picked up is no longer where they were
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

    # --- moving a candidate by hand -------------------------------------------------------------

    def set_editable(self, editable: bool) -> None:
        """Moves allowed (a database to write to, the session timetabled) or not; a candidate
        picked up is put back when they are not."""
        self.editable = editable
        if not editable:
            self._let_go()
            self._describe()
            self.update()

    def pick_up(self, desk: str) -> bool:
        """Hold the candidate at ``desk`` to move them; False when there is nobody to move."""
        seat = self.seats.get(desk)
        if not self.editable or seat is None:
            return False
        self.held, self._held_candidate = desk, seat.candidate
        self._describe()
        self.update()
        return True

    def put_down(self, desk: str) -> None:
        """Ask for the candidate held to go to ``desk``: nothing is asked when it is their own."""
        held = self.held
        self._let_go()
        self._describe()
        self.update()
        if held is not None and desk != held:
            self.deskMoveRequested.emit(held, desk)

    def cancel_move(self) -> None:
        self._let_go()
        self._describe()
        self.update()

    def _let_go(self) -> None:
        self.held, self._held_candidate, self._press, self._dragging = None, "", None, False
        self.unsetCursor()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if self.held is not None and key in PUT_DOWN:
            self.put_down(self.current_desk)
        elif self.held is not None and key == Qt.Key.Key_Escape:
            self.cancel_move()
        elif key in PUT_DOWN:
            desk = self.current_desk
            self.activate(desk)  # the candidate chosen in the list, as a click does
            self.pick_up(desk)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self.held is not None and not self._dragging:
            self.cancel_move()  # a click puts back a candidate picked up with the keys
        label = self.desk_at(point)
        if event.button() == Qt.MouseButton.LeftButton and label in self.seats:
            self._press = (label, point)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            super().mouseMoveEvent(event)
            return
        label, start = self._press
        point = event.position().toPoint()
        if not self._dragging and (point - start).manhattanLength() >= QApplication.startDragDistance():
            self._dragging = self.pick_up(label)
            if self._dragging:
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
        if self._dragging:
            over = self.desk_at(point)
            if over is not None and over != self.current_desk:
                self.go(desk_position(over))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._dragging:
            self._press = None
            super().mouseReleaseEvent(event)
            return
        over = self.desk_at(event.position().toPoint())
        if over is None:
            self.cancel_move()  # dropped outside the desks: nothing moves
        else:
            self.put_down(over)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.held is not None and not self._dragging and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.cancel_move()  # leaving the plan puts back a candidate picked up
        super().focusOutEvent(event)

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
        lock = int(QFontMetrics(plain).ascent() * 0.8) + 2  # a locked desk's padlock goes before its paper
        code_width = max(1, max((QFontMetrics(plain).horizontalAdvance(paper_text(s)) + (lock if d in self.locked else 0)
                                 for d, s in self.seats.items()), default=1))
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
            inside = box.adjusted(2, 2, -1, -1) if seat.marked else box.adjusted(1, 1, 0, 0)
            if label == self.held:  # picked up: hatched in the highlight colour, and said in words
                painter.fillRect(inside, QBrush(palette.color(QPalette.ColorRole.Highlight), Qt.BrushStyle.BDiagPattern))
            elif label == self.highlighted:
                painter.fillRect(inside, palette.color(QPalette.ColorRole.Highlight))
                text = palette.color(QPalette.ColorRole.HighlightedText)
            self._paint_seat(painter, rect, seat, text)
        if label == self.current_desk and (self.hasFocus() or self.held is not None):
            self._paint_ring(painter, rect, palette)
            if self.held is not None and label != self.held:  # where the candidate held would go
                self._paint_landing(painter, rect, palette)

    def _paint_lock(self, painter: QPainter, box: QRectF, colour: QColor, halo: QColor | None = None) -> None:
        """A small padlock filling ``box``: a shackle over a body; ``halo`` rings it where it
        stands over the desk's border, so it reads against the box and the floor alike."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(1.0, box.width() / 6)
        body = QRectF(box.left(), box.top() + box.height() * 0.45, box.width(), box.height() * 0.55)
        shackle = QRectF(box.left() + box.width() * 0.2, box.top(), box.width() * 0.6, box.height() * 0.9)
        for pen_colour, extra in ([(halo, 2.0)] if halo is not None else []) + [(colour, 0.0)]:
            painter.setPen(QPen(pen_colour, width + extra))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawArc(shackle, 0, 180 * 16)
            painter.setBrush(pen_colour)
            painter.drawRect(body)
        painter.restore()

    def _paint_landing(self, painter: QPainter, rect: QRect, palette: QPalette) -> None:
        """The desk under the candidate held: dashed inside, so a move shows before it is made."""
        pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(3, 3, -3, -3))

    def _paint_seat(self, painter: QPainter, rect: QRect, seat: Seat, colour: QColor) -> None:
        """The number in bold, the paper under it when it fits; a locked desk's padlock before
        the paper, or over the box's corner when there is no paper line, never over the number."""
        locked = seat.desk in self.locked
        two = self._fonts is not None and self._fonts[2]
        inside = rect.adjusted(2, 2, -2, -2)
        if self._fonts is not None and not two:
            painter.setPen(colour)
            painter.setFont(self._fonts[0])
            painter.drawText(inside, Qt.AlignmentFlag.AlignCenter, seat.candidate)
            painter.setFont(self.font())
        if locked and not two:
            side = max(6.0, min(10.0, rect.height() / 2))
            palette = self.palette()
            self._paint_lock(painter, QRectF(rect.right() - side / 2, rect.bottom() - side / 2, side * 0.8, side),
                             palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Base))
        if self._fonts is None or not two:
            return
        bold, plain, _two = self._fonts
        painter.setPen(colour)
        top, bottom = QRect(inside), QRect(inside)
        top.setBottom(inside.center().y())
        bottom.setTop(inside.center().y() + 1)
        painter.setFont(bold)
        painter.drawText(top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, seat.candidate)
        painter.setFont(plain)
        metrics = QFontMetrics(plain)
        side = min(float(metrics.ascent()), float(bottom.height()))
        lock = side * 0.8 + 2 if locked else 0.0
        paper = metrics.elidedText(paper_text(seat), Qt.TextElideMode.ElideRight, int(inside.width() - lock))
        left = inside.left() + (inside.width() - lock - metrics.horizontalAdvance(paper)) / 2
        if locked:
            self._paint_lock(painter, QRectF(left, bottom.top() + 1, side * 0.8, side - 1), colour)
            painter.setPen(colour)
        painter.drawText(QRectF(left + lock, bottom.top(), inside.width(), bottom.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, paper)
        painter.setFont(self.font())

    # --- words ----------------------------------------------------------------------------------

    def desk_words(self, label: str) -> str:
        seat = self.seats.get(label)
        if seat is not None:
            return seat_words(seat) + (f" {LOCKED_WORDS}" if label in self.locked else "")
        if label in self.off:
            return f"Desk {label}: not used (switched off)."
        return f"Desk {label}: empty."

    def description(self) -> str:
        if self.plan is None:
            return "No room is in use in this session."
        shown = f"{self.plan.room}. {self.desk_words(self.current_desk)} Row A is the front row."
        if self.held is not None:
            return (f"{self._held_candidate} picked up: move with the arrows, Enter to put down at a desk, "
                    f"Escape to cancel. {shown}")
        return shown


class RoomPlanPanel(QWidget):
    """The room chooser over the plan: the rooms in use in the session, with how many sit in each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plans: dict[str, RoomPlan] = {}
        self.locked: dict[str, frozenset[str]] = {}  # room name -> desks the officer locked
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

    def set_plans(self, plans: Sequence[RoomPlan], locked: Mapping[str, frozenset[str]] | None = None) -> None:
        """The session's rooms, with the desks locked in each; the room shown stays chosen
        while it is still in use."""
        keep = self.room.currentData()
        self.plans = {p.room: p for p in plans}
        self.locked = dict(locked or {})
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
        self.view.show_plan(plan, self.locked.get(plan.room, frozenset()) if plan is not None else frozenset())
        if plan is None:
            self.caption.setText("")
            return
        used = self.view.rows * self.view.columns - len(plan.off)
        words = [f"{', '.join(p.code for p in plan.papers)}: {len(plan.seats)} of {plural(used, 'desk')} taken"]
        if self.view.locked:
            words.append(f"{len(self.view.locked)} locked")
        if plan.unseated:
            words.append(f"no desk for {', '.join(s.candidate for s in plan.unseated)}")
        self.caption.setText("; ".join(words) + ".")
