"""A room's desks drawn as the seating plan shows them.

``DeskCanvas`` is what every drawn room shares: the front of the room at the top, as on
the printed plan, so row A (the front row) is the top row and the officer reads the grid
as an invigilator standing at the front sees the room; "Exit" and "Invigilator" in words
by the wall or corner they are at; a desk switched off greyed and hatched (never colour
alone); the arrow keys moving between desks with the screen reader told where it is;
and a tooltip on each desk. ``DeskGrid`` (the room's layout, for switching desks off and
on) draws each desk with its name at a fixed size inside a scroll area; the exam-day room
plan (``widgets.room_plan``) draws who sits where, scaled to fit.

Neither decides a rule: what a layout may be is ``roster.validate_layout``'s to say when
the room is saved, and who sits where is ``examday``'s.
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
BOTH = "Exit, Invigilator"  # the widest words beside the desks: the layout editor's margins fit them
FRONT = "Front (candidates face this way)"
SHORT_FRONT = "Front"  # when the long words do not fit a narrow plan
_MOVES = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
_ACTIVATE = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)


class DeskCanvas(QWidget):
    """The desks of one room, drawn; subclasses say what a desk shows (``_paint_desk``), what
    its tooltip and the screen reader say (``desk_words``, ``description``) and what choosing
    one does (``activate``). Geometry is ``desk_w`` by ``desk_h`` with ``gap`` between."""

    numbered = False  # row letters and column numbers beside the desks

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows, self.columns = 1, 1
        self.off: frozenset[str] = frozenset()
        self.exit, self.invigilator_desk = "back right", "front"
        self.current = (0, 0)
        self.desk_w, self.desk_h, self.gap = DESK_W, DESK_H, GAP
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- what subclasses say ------------------------------------------------------------------

    def desk_words(self, label: str) -> str:
        """The tooltip of a desk: its name, and whether it is switched off."""
        return f"Desk {label}: off (not used)" if label in self.off else f"Desk {label}"

    def description(self) -> str:
        """What the screen reader says of the desk with the focus."""
        return self.desk_words(self.current_desk)

    def activate(self, label: str) -> None:
        """A desk clicked, or Space or Enter pressed on it."""

    def _paint_desk(self, painter: QPainter, label: str, palette: QPalette) -> None:
        """A desk as a labelled box, greyed when off, ringed when it has the focus."""
        rect, off = self.desk_rect(label), label in self.off
        self._paint_box(painter, rect, palette, off)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText if off else QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        if label == self.current_desk:
            self._paint_ring(painter, rect, palette)

    # --- where things are -----------------------------------------------------------------------

    @property
    def current_desk(self) -> str:
        return desk_label(*self.current)

    def _line(self) -> int:
        return self.fontMetrics().height() + 4

    def _sides(self) -> tuple[int, int]:
        """The margins left and right of the desks (the row letters apart), for the exit or the
        invigilator halfway along a side wall; the layout editor keeps room for both words."""
        side = self.fontMetrics().horizontalAdvance(BOTH) + 2 * GAP
        return side, side

    def _lead(self) -> int:
        """The row letters' column, between the left margin and the desks."""
        return self.fontMetrics().horizontalAdvance("W") + GAP if self.numbered else 0

    def _wall(self, wall: str) -> int:
        """The height of the line for what stands at the ``wall`` ("front" or "back")."""
        return self._line()

    def _numbers(self) -> int:
        """The column numbers' line, between the front wall and the desks."""
        return self.fontMetrics().height() if self.numbered else 0

    def grid_size(self) -> QSize:
        return QSize(self.columns * (self.desk_w + self.gap) - self.gap, self.rows * (self.desk_h + self.gap) - self.gap)

    def _origin(self) -> QPoint:
        """Row A's first desk; the desks are centred under the front, as the room is."""
        left, right = self._sides()
        width = self.grid_size().width()
        x = max(left + self._lead(), min((self.width() - width) // 2, self.width() - right - width))
        return QPoint(x, self._line() + self._wall("front") + GAP + self._numbers())

    def desk_rect(self, label: str) -> QRect:
        row, column = desk_position(label)
        origin = self._origin()
        return QRect(origin.x() + column * (self.desk_w + self.gap), origin.y() + row * (self.desk_h + self.gap),
                     self.desk_w, self.desk_h)  # fmt: skip

    def desk_at(self, point: QPoint) -> str | None:
        origin = self._origin()
        x, y = point.x() - origin.x(), point.y() - origin.y()
        if x < 0 or y < 0:
            return None
        step_x, step_y = self.desk_w + self.gap, self.desk_h + self.gap
        column, row = x // step_x, y // step_y
        if row >= self.rows or column >= self.columns or x % step_x >= self.desk_w or y % step_y >= self.desk_h:
            return None
        return desk_label(row, column)

    # --- painting -------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        line = self._line()
        grid = QRect(self._origin(), self.grid_size())
        band = QRect(0, 0, self.width(), line)
        painter.fillRect(band, palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        words = FRONT if painter.fontMetrics().horizontalAdvance(f"▲ {FRONT} ▲") + 2 * GAP <= self.width() else SHORT_FRONT
        painter.drawText(band, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, f"▲ {words} ▲")
        painter.setFont(self.font())
        self._paint_positions(painter, grid, line)
        if self.numbered:
            self._paint_numbers(painter, grid)
        for row in range(self.rows):
            for column in range(self.columns):
                self._paint_desk(painter, desk_label(row, column), palette)

    def _paint_box(self, painter: QPainter, rect: QRect, palette: QPalette, off: bool, pen: QPen | None = None) -> None:
        """The desk's box: plain (with ``pen`` for its border), or greyed and hatched when it is off."""
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1) if off else
                       (pen or QPen(palette.color(QPalette.ColorRole.WindowText), 1)))  # fmt: skip
        painter.setBrush(colours.NOT_APPLICABLE if off else palette.color(QPalette.ColorRole.Base))
        painter.drawRect(rect)
        if off:
            painter.setBrush(QBrush(palette.color(QPalette.ColorRole.Mid), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)

    def _paint_ring(self, painter: QPainter, rect: QRect, palette: QPalette) -> None:
        """The desk the arrow keys are on: a thick ring with the focus, dashed without."""
        pen = QPen(palette.color(QPalette.ColorRole.Highlight), 3 if self.hasFocus() else 1)
        if not self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(-2, -2, 2, 2))

    def _paint_numbers(self, painter: QPainter, grid: QRect) -> None:
        """Row letters left of the desks, column numbers above them, as the printed plan has."""
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        height, lead = self.fontMetrics().height(), self._lead()
        step_x, step_y = self.desk_w + self.gap, self.desk_h + self.gap
        every = max(1, -(-self.fontMetrics().horizontalAdvance("60") // max(1, step_x - 2)))  # numbers must not touch
        for column in range(0, self.columns, every):
            box = QRect(grid.left() + column * step_x, grid.top() - height - 2, self.desk_w, height)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(column + 1))
        for row in range(self.rows):
            box = QRect(grid.left() - lead, grid.top() + row * step_y, lead - GAP // 2, self.desk_h)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, chr(ord("A") + row))

    def _paint_positions(self, painter: QPainter, grid: QRect, line: int) -> None:
        """"Exit" and "Invigilator" in words where they are, as the printed plan puts them: on
        the front or back wall's line (at its left or right end for a corner), or in the margin
        halfway along a side wall."""
        words: dict[str, list[str]] = {}
        words.setdefault(self.exit, []).append("Exit")
        words.setdefault(self.invigilator_desk, []).append("Invigilator")
        left, right = self._sides()
        lead = self._lead()
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for where, said in words.items():
            wall, _, end = where.rpartition(" ") if " " in where else (where, "", where)
            if wall in ("front", "back"):
                top = grid.top() - self._numbers() - line - GAP // 2 if wall == "front" else grid.bottom() + GAP // 2
                box = QRect(grid.left() - lead, top, grid.width() + lead, line)
                align = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight}.get(
                    end, Qt.AlignmentFlag.AlignHCenter)
            elif end == "left":  # halfway along a side wall, in the margin beside the desks
                box = QRect(grid.left() - lead - left, grid.center().y() - line // 2, left - GAP, line)
                align = Qt.AlignmentFlag.AlignRight
            else:
                box = QRect(grid.right() + GAP, grid.center().y() - line // 2, right - GAP, line)
                align = Qt.AlignmentFlag.AlignLeft
            painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, ", ".join(said))

    # --- the keyboard, the mouse and the screen reader ----------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _MOVES:
            step_row, step_column = _MOVES[key]
            row, column = self.current
            self.go((min(max(row + step_row, 0), self.rows - 1), min(max(column + step_column, 0), self.columns - 1)))
        elif key in _ACTIVATE:
            self.activate(self.current_desk)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        label = self.desk_at(event.position().toPoint())
        if label is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.go(desk_position(label))
        self.activate(label)

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

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def go(self, place: tuple[int, int]) -> None:
        """Move to a desk: the screen reader is told, and a scroll area shows it."""
        self.current = place
        self._describe()
        self.update()
        rect = self.desk_rect(self.current_desk)
        viewport = self.parent()
        area = viewport.parent() if viewport is not None else None
        if isinstance(area, QScrollArea):
            area.ensureVisible(rect.center().x(), rect.center().y(), self.desk_w, self.desk_h)

    def _describe(self) -> None:
        self.setAccessibleDescription(self.description())
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))


class DeskGrid(DeskCanvas):
    """The desks of one room for switching them off and on; ``changed`` is emitted when a desk
    is switched or the grid resized. The mouse, or the arrow keys with Space or Enter, switch a desk."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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

    def toggle(self, label: str) -> None:
        self.off = self.off - {label} if label in self.off else self.off | {label}
        self._describe()
        self.update()
        self.changed.emit()

    def activate(self, label: str) -> None:
        self.toggle(label)

    def _after_resize(self) -> None:
        row, column = self.current
        self.current = (min(row, self.rows - 1), min(column, self.columns - 1))
        self.setMinimumSize(self.sizeHint())
        self.updateGeometry()
        self._describe()
        self.update()
        self.changed.emit()

    def sizeHint(self) -> QSize:
        left, right = self._sides()
        grid = self.grid_size()
        width = left + right + grid.width()
        height = 3 * self._line() + 2 * GAP + grid.height()
        return QSize(max(width, self.fontMetrics().horizontalAdvance(FRONT) + 2 * GAP), height)

    # --- painting and words -----------------------------------------------------------------

    def desk_words(self, label: str) -> str:
        if label in self.off:
            return f"Desk {label}: off (not used). Click or press Space to switch it on."
        return f"Desk {label}: on. Click or press Space to switch it off."

    def description(self) -> str:
        state = "off" if self.current_desk in self.off else "on"
        return (f"Desk {self.current_desk}, {state}. {self.on_count} of {self.rows * self.columns} desks on; "
                "row A is the front row.")


def _inside(label: str, rows: int, columns: int) -> bool:
    row, column = desk_position(label)
    return row < rows and column < columns
