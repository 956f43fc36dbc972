"""A room's desks drawn as the seating plan shows them, for switching desks off and on.

The front of the room is at the top, as on the printed plan, so row A (the front row) is
the top row and the officer reads the grid as an invigilator standing at the front sees
the room. Each desk is a box with its name; a desk switched off is greyed and hatched
(never colour alone) and says "off" in its tooltip and to a screen reader. The mouse, or
the arrow keys with Space or Enter, switch a desk; the widget decides no rule: what a
layout may be is ``roster.validate_layout``'s to say when the room is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QWidget

from eoffice.domain.roster import RoomLayout, desk_label, desk_position
from eoffice.ui import colours

DESK_W, DESK_H, GAP = 40, 28, 6
BOTH = "Exit, Invigilator"  # the widest words beside the desks: the margins fit them
FRONT = "Front (candidates face this way)"
_MOVES = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
_TOGGLES = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)


class DeskGrid(QWidget):
    """The desks of one room; ``changed`` is emitted when a desk is switched or the grid resized."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows, self.columns = 1, 1
        self.off: frozenset[str] = frozenset()
        self.exit, self.invigilator_desk = "back right", "front"
        self.current = (0, 0)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.setAccessibleName("Desks, front of the room at the top")
        self._describe()

    # --- what it shows ------------------------------------------------------------------

    def set_layout(self, layout: RoomLayout) -> None:
        self.rows, self.columns, self.off = layout.rows, layout.columns, frozenset(layout.off)
        self.exit, self.invigilator_desk = layout.exit, layout.invigilator_desk
        self._after_resize()

    def resize_grid(self, rows: int, columns: int) -> None:
        """A new number of rows or columns keeps the desks switched off that are still in the room."""
        self.rows, self.columns = max(1, rows), max(1, columns)
        self.off = frozenset(d for d in self.off if _inside(d, self.rows, self.columns))
        self._after_resize()

    def set_positions(self, exit_at: str, invigilator_at: str) -> None:
        self.exit, self.invigilator_desk = exit_at, invigilator_at
        self.update()

    @property
    def on_count(self) -> int:
        return self.rows * self.columns - len(self.off)

    @property
    def current_desk(self) -> str:
        return desk_label(*self.current)

    def toggle(self, label: str) -> None:
        self.off = self.off - {label} if label in self.off else self.off | {label}
        self._describe()
        self.update()
        self.changed.emit()

    def _after_resize(self) -> None:
        row, column = self.current
        self.current = (min(row, self.rows - 1), min(column, self.columns - 1))
        self.setMinimumSize(self.sizeHint())
        self.updateGeometry()
        self._describe()
        self.update()
        self.changed.emit()

    # --- geometry -----------------------------------------------------------------------

    def _line(self) -> int:
        return self.fontMetrics().height() + 4

    def _side(self) -> int:
        """The margin beside the desks, for the exit or the invigilator on a side wall or at a corner."""
        return self.fontMetrics().horizontalAdvance(BOTH) + 2 * GAP

    def _origin(self) -> QPoint:
        """Row A's first desk; the desks are centred under the front, as the room is."""
        width = self.columns * (DESK_W + GAP) - GAP
        return QPoint(max(self._side(), (self.width() - width) // 2), 2 * self._line() + GAP)

    def sizeHint(self) -> QSize:
        width = 2 * self._side() + self.columns * (DESK_W + GAP) - GAP
        height = 3 * self._line() + 2 * GAP + self.rows * (DESK_H + GAP) - GAP
        return QSize(max(width, self.fontMetrics().horizontalAdvance(FRONT) + 2 * GAP), height)

    def desk_rect(self, label: str) -> QRect:
        row, column = desk_position(label)
        origin = self._origin()
        return QRect(origin.x() + column * (DESK_W + GAP), origin.y() + row * (DESK_H + GAP), DESK_W, DESK_H)

    def desk_at(self, point: QPoint) -> str | None:
        origin = self._origin()
        x, y = point.x() - origin.x(), point.y() - origin.y()
        if x < 0 or y < 0:
            return None
        column, row = x // (DESK_W + GAP), y // (DESK_H + GAP)
        if row >= self.rows or column >= self.columns or x % (DESK_W + GAP) >= DESK_W or y % (DESK_H + GAP) >= DESK_H:
            return None
        return desk_label(row, column)

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        line = self._line()
        grid = QRect(self._origin(), QSize(self.columns * (DESK_W + GAP) - GAP, self.rows * (DESK_H + GAP) - GAP))
        painter.setPen(text)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRect(0, 0, self.width(), line), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                         f"▲ {FRONT} ▲")  # fmt: skip
        painter.setFont(self.font())
        self._paint_positions(painter, grid, line)
        for row in range(self.rows):
            for column in range(self.columns):
                self._paint_desk(painter, desk_label(row, column), palette)

    def _paint_desk(self, painter: QPainter, label: str, palette: QPalette) -> None:
        rect = self.desk_rect(label)
        off = label in self.off
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid if off else QPalette.ColorRole.WindowText), 1))
        painter.setBrush(colours.NOT_APPLICABLE if off else palette.color(QPalette.ColorRole.Base))
        painter.drawRect(rect)
        if off:
            painter.setBrush(QBrush(palette.color(QPalette.ColorRole.Mid), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText if off else QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        if label == self.current_desk:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 3 if self.hasFocus() else 1)
            if not self.hasFocus():
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(-2, -2, 2, 2))

    def _paint_positions(self, painter: QPainter, grid: QRect, line: int) -> None:
        """"Exit" and "Invigilator" by the wall or corner they are at, in words."""
        words: dict[str, list[str]] = {}
        words.setdefault(self.exit, []).append("Exit")
        words.setdefault(self.invigilator_desk, []).append("Invigilator")
        side = self._side()
        for where, said in words.items():
            wall, _, end = where.rpartition(" ") if " " in where else (where, "", where)
            if wall == "front":
                top = grid.top() - line - GAP // 2
            elif wall == "back":
                top = grid.bottom() + GAP // 2
            else:  # halfway along a side wall
                top = grid.center().y() - line // 2
            if end == "left":  # in the margin left of the desks, at the corner or halfway along
                box, align = QRect(grid.left() - side, top, side - GAP, line), Qt.AlignmentFlag.AlignRight
            elif end == "right":
                box, align = QRect(grid.right() + GAP, top, side - GAP, line), Qt.AlignmentFlag.AlignLeft
            else:  # the middle of the front or the back wall
                box, align = QRect(grid.left() - side, top, grid.width() + 2 * side, line), Qt.AlignmentFlag.AlignHCenter
            painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, ", ".join(said))

    # --- the keyboard, the mouse and the screen reader --------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _MOVES:
            step_row, step_column = _MOVES[key]
            row, column = self.current
            self._go((min(max(row + step_row, 0), self.rows - 1), min(max(column + step_column, 0), self.columns - 1)))
        elif key in _TOGGLES:
            self.toggle(self.current_desk)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        label = self.desk_at(event.position().toPoint())
        if label is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._go(desk_position(label))
        self.toggle(label)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            label = self.desk_at(event.pos())
            if label is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.desk_words(label), self, self.desk_rect(label))
            return True
        return super().event(event)

    def desk_words(self, label: str) -> str:
        if label in self.off:
            return f"Desk {label}: off (not used). Click or press Space to switch it on."
        return f"Desk {label}: on. Click or press Space to switch it off."

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _go(self, place: tuple[int, int]) -> None:
        self.current = place
        self._describe()
        self.update()
        rect = self.desk_rect(self.current_desk)
        viewport = self.parent()
        area = viewport.parent() if viewport is not None else None
        if isinstance(area, QScrollArea):
            area.ensureVisible(rect.center().x(), rect.center().y(), DESK_W, DESK_H)

    def _describe(self) -> None:
        state = "off" if self.current_desk in self.off else "on"
        self.setAccessibleDescription(f"Desk {self.current_desk}, {state}. {self.on_count} of "
                                      f"{self.rows * self.columns} desks on; row A is the front row.")  # fmt: skip
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))


def _inside(label: str, rows: int, columns: int) -> bool:
    row, column = desk_position(label)
    return row < rows and column < columns
