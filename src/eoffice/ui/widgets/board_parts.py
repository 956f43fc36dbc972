"""The exam room board's parts: its colours and sizes, and the clock and papers it draws itself.

Everything on the board is dark on white (``light_palette``) and sized from the window's
height (the fractions here); ``ClockFace`` draws the digits tight to their height and
``PaperTable`` the papers with the subject wrapping in its column, so the sizes are exact.
``board_window`` lays them out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from eoffice.domain.access import clock as clock_text
from eoffice.domain.examday import BoardPaper

INK = QColor("#111111")
QUIET = QColor("#454545")  # headings and the key line: still over 9:1 on white
WHITE = QColor("#ffffff")
RULE = QColor("#c4c4c4")
HELD = QColor("#ffcc00")  # the paused banner: black on amber
WARNING = QColor("#b00020")
DONE = QColor("#767676")  # a paper or band that has finished: faded, still readable (4.5:1)

# Sizes as parts of the window's height: the clock about a fifth, papers 5-6%, bands 4-5%.
CLOCK = 0.20
SECONDS = 0.075
REMAINING = 0.042
HEADING = 0.034
ROOM = 0.052
BANNER = 0.046
PAPER_LINE = 0.056
BAND_LINE = 0.045
CAPTION = 0.022
HELP = 0.019
SHRINK_STEPS = (1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62, 0.56, 0.5, 0.45, 0.4)  # many lines: smaller, never scrolled


def light_palette() -> QPalette:
    """Dark text on white for every part of the window, whatever the desktop's palette is."""
    palette = QPalette(QColor("#efefef"), WHITE)
    for role, colour in ((QPalette.ColorRole.Window, WHITE), (QPalette.ColorRole.WindowText, INK),
                         (QPalette.ColorRole.Base, WHITE), (QPalette.ColorRole.Text, INK),
                         (QPalette.ColorRole.ButtonText, INK), (QPalette.ColorRole.PlaceholderText, QUIET),
                         (QPalette.ColorRole.ToolTipBase, WHITE), (QPalette.ColorRole.ToolTipText, INK)):
        palette.setColor(role, colour)
    return palette


def pixel_font(px: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(6, px))
    font.setBold(bold)
    return font


def fitting(text: str, px: int, width: int, *, bold: bool = False, floor: float = 0.5) -> QFont:
    """The font at ``px``, made smaller (to ``floor`` of it at most) until ``text`` fits ``width``."""
    font = pixel_font(px, bold)
    least = max(6, int(px * floor))
    widest = max((QFontMetrics(font).horizontalAdvance(line) for line in text.splitlines()), default=0)
    while px > least and widest > width:
        px = max(least, min(px - 1, int(px * 0.94)))
        font.setPixelSize(px)
        widest = max(QFontMetrics(font).horizontalAdvance(line) for line in text.splitlines())
    return font


def times_bold(line: str) -> str:
    """A band's line as rich text, its times in bold: ``finishes <b>10:53</b>``."""
    return re.sub(r"\b(\d\d:\d\d)\b", r"<b>\1</b>", html.escape(line))


def board_label(name: str, align: Qt.AlignmentFlag, colour: QColor = INK) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(align)
    # Long text is fitted by shrinking its font: it must never widen a full-screen window.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(1)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    return label


class Rule(QWidget):
    """A thin line across the board, under the heading."""

    def __init__(self, colour: QColor) -> None:
        super().__init__()
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, colour)
        self.setPalette(palette)
        self.setFixedHeight(2)


class ClockFace(QLabel):
    """The time as large digits, ``text()`` ``HH:MM``, with the seconds small on the same baseline.

    Drawn tight to the digits: a label keeps a font's whole line height (room for accents and
    descenders the digits never use), a fifth of the clock's height lost to white space."""

    SECONDS_PART = SECONDS / CLOCK

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Clock")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.seconds = ""

    def set_time(self, now: datetime) -> None:
        self.setText(f"{now:%H:%M}")
        self.seconds = f":{now:%S}"
        self.setAccessibleDescription(f"{now:%H:%M}")
        self.update()

    def _seconds_font(self) -> QFont:
        return pixel_font(round(self.font().pixelSize() * self.SECONDS_PART), bold=True)

    def _pad(self) -> int:
        return max(2, round(self.font().pixelSize() * 0.05))

    def sizeHint(self) -> QSize:
        digits = QFontMetrics(self.font()).tightBoundingRect("0123456789:")
        return QSize(QFontMetrics(self.font()).horizontalAdvance("00:00"), digits.height() + 2 * self._pad())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        main = QFontMetrics(self.font())
        baseline = self._pad() - main.tightBoundingRect("0123456789:").top()
        x = (self.width() - main.horizontalAdvance(self.text())) // 2  # the hours and minutes in the middle
        painter.setFont(self.font())
        painter.setPen(INK)
        painter.drawText(x, baseline, self.text())
        painter.setFont(self._seconds_font())
        painter.setPen(QUIET)
        painter.drawText(x + main.horizontalAdvance(self.text()) + round(self.font().pixelSize() * 0.04), baseline,
                         self.seconds)
        painter.end()


class PaperTable(QWidget):
    """The papers as a table: board, paper, subject, start, finish; the subject wraps in its column."""

    HEADS = ("Board", "Paper", "Subject", "Start", "Finish")

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Papers")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.papers: tuple[BoardPaper, ...] = ()
        self.px = 40
        self.done_before = -1  # rows finishing at or before this minute have finished

    def set_done_before(self, minute: int) -> None:
        self.done_before = minute
        self.update()

    def set_papers(self, papers: Sequence[BoardPaper]) -> None:
        self.papers = tuple(papers)
        self.setAccessibleDescription(self.text())
        self.update()

    def set_pixel_size(self, px: int) -> None:
        self.px = max(8, px)
        self.update()

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """What each row says: board, code, title, start, finish."""
        return [(p.board, p.code, p.title, clock_text(p.start), clock_text(p.finish)) for p in self.papers]

    def text(self) -> str:
        """The table in words, for a screen reader: ``AQA 8035/1 Geography Paper 1, 09:00 to 10:30``."""
        return "\n".join(f"{b} {c} {t}, {s} to {f}" for b, c, t, s, f in self.rows())

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        plain, strong = pixel_font(self.px), pixel_font(self.px, bold=True)
        head = pixel_font(max(9, round(self.px * 0.42)), bold=True)
        head.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        return plain, strong, head

    def columns(self, width: int) -> list[tuple[int, int]]:
        """Each column's left edge and width; the subject takes what the others leave."""
        plain, strong, head = self._fonts()
        fp, fs, fh = QFontMetrics(plain), QFontMetrics(strong), QFontMetrics(head)
        heads = [fh.horizontalAdvance(h.upper()) for h in self.HEADS]
        board = max([heads[0], *(fp.horizontalAdvance(p.board) for p in self.papers)])
        code = max([heads[1], *(fs.horizontalAdvance(p.code) for p in self.papers)])
        time = max(heads[3], heads[4], fs.horizontalAdvance("00:00"))
        gap = round(self.px * 0.75)
        title = max(self.px * 3, width - board - code - 2 * time - 4 * gap)
        widths = [board, code, title, time, time]
        edges, x = [], 0
        for w in widths:
            edges.append((x, w))
            x += w + gap
        return edges

    def _heights(self, width: int) -> tuple[int, list[int]]:
        plain, _strong, head = self._fonts()
        title = self.columns(width)[2][1]
        fp = QFontMetrics(plain)
        pad = round(self.px * 0.28)
        rows = [max(fp.height(), fp.boundingRect(QRect(0, 0, title, 10_000), Qt.TextFlag.TextWordWrap, p.title).height())
                + 2 * pad for p in self.papers]
        return QFontMetrics(head).height() + round(self.px * 0.3), rows

    def height_for(self, width: int) -> int:
        head, rows = self._heights(width)
        return head + sum(rows) + 2

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        plain, strong, head = self._fonts()
        cols = self.columns(self.width())
        head_height, rows = self._heights(self.width())
        painter.setFont(head)
        painter.setPen(QUIET)
        for (x, w), name in zip(cols, self.HEADS, strict=True):
            painter.drawText(QRect(x, 0, w, head_height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             name.upper())
        painter.fillRect(0, head_height - 2, self.width(), 2, QUIET)
        y, pad = head_height, round(self.px * 0.28)
        for i, (paper, row, height) in enumerate(zip(self.papers, self.rows(), rows, strict=True)):
            if i:
                painter.fillRect(0, y, self.width(), 1, RULE)
            painter.setPen(DONE if paper.finish <= self.done_before else INK)
            for (x, w), text, font in zip(cols, row, (plain, strong, plain, strong, strong), strict=True):
                painter.setFont(font)
                painter.drawText(QRect(x, y + pad, w, height - 2 * pad),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, text)
            y += height
        painter.end()
