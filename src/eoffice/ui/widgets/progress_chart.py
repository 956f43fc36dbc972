"""A small bar chart of "done of total", painted directly: no chart library needed.

Each bar is labelled with its numbers, so the chart is readable without colour and its
accessible description carries the same figures for a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from eoffice.domain.plan import Progress
from eoffice.ui import colours


class ProgressChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.items: list[Progress] = []
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(96)

    def sizeHint(self) -> QSize:
        return QSize(360, 110)

    def set_items(self, items: Sequence[Progress]) -> None:
        self.items = list(items)
        self.setAccessibleDescription(
            "; ".join(f"{p.label}: {p.done} of {p.total} done" for p in self.items)
        )
        self.setToolTip(self.accessibleDescription().replace("; ", "\n"))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        track = palette.color(QPalette.ColorRole.Mid)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.items:
            return
        top, bottom = line + 4, self.height() - 2 * line - 2
        slot = self.width() / len(self.items)
        bar_width = max(6.0, slot * 0.55)
        for i, item in enumerate(self.items):
            x = i * slot + (slot - bar_width) / 2
            height = bottom - top
            painter.fillRect(QRectF(x, top, bar_width, height), track)
            if item.total:
                filled = height * item.done / item.total
                painter.fillRect(QRectF(x, bottom - filled, bar_width, filled), colours.DONE_SOLID)
            painter.setPen(text)
            label = QRectF(i * slot, bottom + 1, slot, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter, metrics.elidedText(item.label, Qt.TextElideMode.ElideRight, int(slot)))
            numbers = QRectF(i * slot, bottom + line, slot, line)
            painter.drawText(numbers, Qt.AlignmentFlag.AlignHCenter, f"{item.done}/{item.total}")
