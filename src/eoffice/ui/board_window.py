"""The exam room's display board: the clock and the papers on the wall, readable from the back row.

JCQ asks for a clock showing the actual time in every exam room (a countdown may not serve
as the clock) and a board with the centre number, subject, paper number, date and actual
start and finish times, visible from every seat. This window shows the domain's ``Board``
of one room of one session on a projector or a big screen:

- the centre, the date and session, and the room;
- a very large clock of the time now, with the time remaining under it (never in its place);
- the papers (board, code, title, start, finish), then the later finishes of extra time and
  clashes as lines, and a banner while the room is paused;
- a quiet line of keys: P pauses or resumes the room, I logs an incident, Esc closes, F11
  switches full screen.

Everything is sized from the window's height, so it reads the same on a 1080p projector and a
laptop, and shrinks when a room sits many papers so nothing scrolls. It is always dark text on
white, whatever the desktop's palette. The clock ticks every second without reading the
database; the board is read again when anything changes. ``open_board`` asks which screen to
fill when there are several; ``StayAwake`` keeps the display on while the board is open.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from eoffice import clock
from eoffice.domain import examday
from eoffice.domain.access import clock as clock_text
from eoffice.domain.examday import Board, BoardPaper
from eoffice.errors import EofficeError
from eoffice.ui import exam_room_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.incident_dialog import IncidentDialog
from eoffice.ui.stay_awake import StayAwake

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TITLE = "Exam room board"
KEYS = "P pause/resume  ·  I log an incident  ·  Esc close  ·  F11 full screen"
CANCEL = "Cancel"
PAUSE_EVERY = "Pause every room"
RESUME_EVERY = "Resume every paused room"

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


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(6, px))
    font.setBold(bold)
    return font


def _fitting(text: str, px: int, width: int, *, bold: bool = False, floor: float = 0.5) -> QFont:
    """The font at ``px``, made smaller (to ``floor`` of it at most) until ``text`` fits ``width``."""
    font = _font(px, bold)
    least = max(6, int(px * floor))
    widest = max((QFontMetrics(font).horizontalAdvance(line) for line in text.splitlines()), default=0)
    while px > least and widest > width:
        px = max(least, min(px - 1, int(px * 0.94)))
        font.setPixelSize(px)
        widest = max(QFontMetrics(font).horizontalAdvance(line) for line in text.splitlines())
    return font


def _times_bold(line: str) -> str:
    """A band's line as rich text, its times in bold: ``finishes <b>10:53</b>``."""
    return re.sub(r"\b(\d\d:\d\d)\b", r"<b>\1</b>", html.escape(line))


def _label(name: str, align: Qt.AlignmentFlag, colour: QColor = INK) -> QLabel:
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


class _Rule(QWidget):
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
        return _font(round(self.font().pixelSize() * self.SECONDS_PART), bold=True)

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
        plain, strong = _font(self.px), _font(self.px, bold=True)
        head = _font(max(9, round(self.px * 0.42)), bold=True)
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


class BoardWindow(QWidget):
    """One room's board, in a window of its own (full screen on the projector: ``open_board``)."""

    def __init__(self, context: AppContext, day: date, exam_session: str, room: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.context, self.day, self.exam_session, self.room = context, day, exam_session, room
        self.setWindowTitle(f"{TITLE}: {room}")
        self.setAccessibleName(TITLE)
        self.setPalette(light_palette())
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1024, 700)
        self.stay_awake = StayAwake()

        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        centre = Qt.AlignmentFlag.AlignCenter
        self.heading = _label("Centre", left)
        self.when = _label("Date and session", left, QUIET)
        self.room_label = _label("Room", Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock = ClockFace()
        self.remaining = _label("Time remaining", centre, QUIET)
        self.banner = _label("Paused", centre)
        self.banner.setAutoFillBackground(True)
        held = self.banner.palette()
        held.setColor(QPalette.ColorRole.Window, HELD)
        self.banner.setPalette(held)
        self.papers = PaperTable()
        self.bands_caption = _label("Later finishes heading", left, QUIET)
        self.bands_caption.setText("LATER FINISHES")
        self.bands = _label("Later finishes", Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.bands.setTextFormat(Qt.TextFormat.RichText)  # the times in bold; ``band_lines`` has the words
        self.band_lines: list[str] = []
        self.bands.setWordWrap(True)
        self.notice = _label("Board notice", centre, WARNING)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.keys = _label("Keys", centre, QUIET)
        self.keys.setText(KEYS)

        header = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.heading)
        names.addWidget(self.when)
        header.addLayout(names, 3)
        header.addWidget(self.room_label, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(_Rule(INK))
        layout.addStretch(1)
        layout.addWidget(self.clock)
        layout.addWidget(self.remaining)
        layout.addStretch(1)
        self._gap = QWidget()  # room between the clock and the papers, sized from the height
        layout.addWidget(self._gap)
        layout.addWidget(self.banner)
        layout.addWidget(self.papers)
        layout.addWidget(self.bands_caption)
        layout.addWidget(self.bands)
        layout.addStretch(2)
        layout.addWidget(self.notice)
        layout.addWidget(self.keys)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the fonts fit the window, not the other way
        self._layout = layout
        self._rows = (names, header)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)  # each tick sets the next for the turn of the second
        self._timer.timeout.connect(self.tick)
        self._done_at: int | None = None  # the minute the faded papers and bands were last drawn for
        self.board = context.read(self._read)  # refused (nobody sits there): the caller says why
        self.show_board(self.board)
        context.changed.connect(self._changed)

    # What the board shows

    def _read(self, session: Session) -> Board:
        return examday.board_for(session, self.day, self.exam_session, self.room)

    def refresh(self) -> None:
        """Read the board again (a pause, a resume, a seat moved): kept as it was if it cannot be read."""
        try:
            board = self.context.read(self._read)
        except EofficeError as error:
            self.notice.setText(f"⚠ This board may be out of date: {error}")
            self.notice.show()
            self._fit()
            return
        self.notice.hide()
        self.show_board(board)

    def show_board(self, board: Board) -> None:
        self.board = board
        self.heading.setText(board.heading)
        self.when.setText(board.when)
        self.room_label.setText(board.room)
        self.papers.set_papers(board.papers)
        lines = board.band_lines
        self.band_lines = lines
        self._done_at = None  # the bands' text is written by the next tick
        self.bands.setAccessibleDescription("\n".join(lines))
        self.bands.setVisible(bool(lines))
        self.bands_caption.setVisible(bool(lines))
        held = board.paused_since
        self.banner.setText(f"PAUSED since {held:%H:%M} — finish times are held" if held else "")
        self.banner.setVisible(held is not None)
        self.remaining.setVisible(held is None)  # while paused the banner says it, once
        self.tick()
        self._fit()

    def remaining_text(self, now: datetime) -> str:
        """The line under the clock: what is left, or that this board is for another day."""
        if now.date() != self.board.on:
            return f"This board is for {self.board.when}"
        return self.board.remaining(now)

    def _done_minute(self, now: datetime) -> int:
        """Papers and bands finishing at or before this minute after midnight have finished (a
        paused room's clock stopped when it paused; a board of another day: all or nothing)."""
        if now.date() != self.board.on:
            return 24 * 60 if now.date() > self.board.on else -1
        at = self.board.paused_since or now
        return at.hour * 60 + at.minute

    def tick(self) -> None:
        """The clock and the line under it, every second: no database read."""
        now = clock.now()
        self.clock.set_time(now)
        text = self.remaining_text(now)
        if text != self.remaining.text():
            self.remaining.setText(text)
            self._fit_remaining()
        done = self._done_minute(now)
        if done != self._done_at:  # once a minute at most: what has finished fades
            self._done_at = done
            self.papers.set_done_before(done)
            self.bands.setText("".join(
                f'<p style="margin:0;{f" color:{DONE.name()}" if band.finish <= done else ""}">{_times_bold(line)}</p>'
                for band, line in zip(self.board.bands, self.band_lines, strict=True)))
        if self.isVisible():
            self._timer.start(max(50, 1000 - now.microsecond // 1000))

    def _changed(self, _area: str) -> None:
        if self.isVisible():
            self.refresh()

    # Sizes, from the height

    def _inner_width(self) -> int:
        margins = self._layout.contentsMargins()
        return max(1, self.width() - margins.left() - margins.right())

    def _px(self, part: float) -> int:
        return max(7, round(self.height() * part))

    def _fit_remaining(self) -> None:
        self.remaining.setFont(_fitting(self.remaining.text(), self._px(REMAINING), self._inner_width()))

    def _fit(self) -> None:
        """Fonts from the window's height: fixed parts first, then the papers and bands as large
        as the room left allows (smaller when there are many, so nothing scrolls)."""
        height, width = max(1, self.height()), max(1, self.width())
        side, top = round(width * 0.035), round(height * 0.03)
        self._layout.setContentsMargins(side, top, side, round(top * 0.6))
        self._layout.setSpacing(round(height * 0.012))
        self._gap.setFixedHeight(round(height * 0.015))
        inner = self._inner_width()

        room = _fitting(self.room_label.text(), self._px(ROOM), inner * 2 // 5, bold=True)
        self.room_label.setFont(room)
        self.heading.setFont(_fitting(self.heading.text(), self._px(HEADING), inner * 3 // 5, bold=True))
        self.when.setFont(_fitting(self.when.text(), self._px(HEADING), inner * 3 // 5))
        self.clock.setFont(_font(self._px(CLOCK), bold=True))
        self.clock.setFixedHeight(self.clock.sizeHint().height())
        self._fit_remaining()
        pad = self._px(BANNER) // 3
        self.banner.setContentsMargins(pad, pad // 2, pad, pad // 2)
        self.banner.setFont(_fitting(self.banner.text(), self._px(BANNER), inner - 2 * pad, bold=True))
        caption = _font(self._px(CAPTION), bold=True)
        caption.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self.bands_caption.setFont(caption)
        self.notice.setFont(_font(self._px(HELP) + 2, bold=True))
        self.notice.setFixedHeight(self.notice.heightForWidth(inner) if self.notice.text() else 0)
        self.keys.setFont(_font(self._px(HELP)))

        self.papers.setFixedHeight(0)
        self.bands.setFixedHeight(0)
        for part in (*self._rows, self._layout):
            part.invalidate()  # a nested layout keeps its old size until told
        free = height - self._layout.sizeHint().height() - round(height * 0.01)
        bands_font = _font(self._px(BAND_LINE))
        for scale in SHRINK_STEPS:
            self.papers.set_pixel_size(self._px(PAPER_LINE * scale))
            bands_font = _font(self._px(BAND_LINE * scale))
            self.bands.setFont(bands_font)
            need = self.papers.height_for(inner) + (self.bands.heightForWidth(inner) if self.board.bands else 0)
            if need <= free:
                break
        self.papers.setFixedHeight(self.papers.height_for(inner))
        self.bands.setFixedHeight(self.bands.heightForWidth(inner) if self.board.bands else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # Keys: P, I, Esc, F11

    def keyPressEvent(self, event: QKeyEvent) -> None:
        held = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                    | Qt.KeyboardModifier.MetaModifier)
        key = event.key()
        if held != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
        elif key == Qt.Key.Key_P:
            self.toggle_pause()
        elif key == Qt.Key.Key_I:
            self.log_incident()
        elif key == Qt.Key.Key_Escape:
            self.close()
        elif key == Qt.Key.Key_F11:
            self.toggle_full_screen()
        else:
            super().keyPressEvent(event)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _asker(self) -> QWidget:
        """Where questions and the incident form open: over the officer's own window when there is
        one, so what is typed about a candidate is not shown to the room on the projector."""
        return self.parentWidget() or self

    def toggle_pause(self) -> None:
        """Pause this room (or every room of the session), or resume it (or every paused room)."""
        try:
            running = self.context.read(lambda s: examday.running_pauses(s, self.day, self.exam_session))
            if self.room in running:
                rooms = self._which_to_resume(sorted(running))
                if rooms:
                    exam_room_commands.resume(self.context, self.day, self.exam_session, rooms)
            else:
                rooms = self._which_to_pause(set(running))
                if rooms:
                    exam_room_commands.pause(self.context, self.day, self.exam_session, rooms)
        except EofficeError as error:
            ask.error(self._asker(), TITLE, str(error))
        self.refresh()

    def _which_to_pause(self, paused: set[str]) -> list[str]:
        every = [r for r in self.board.rooms_in_session if r not in paused] or [self.room]
        if len(self.board.rooms_in_session) < 2 or every == [self.room]:
            return [self.room]
        only = pause_only(self.room)
        answer = ask.choose(self._asker(), "Pause the exam",
                            f"Pause only {self.room} or every room of the session? Every room is "
                            f"{', '.join(every)}. Finish times are held until you resume.",
                            [only, PAUSE_EVERY, CANCEL])
        return [self.room] if answer == only else every if answer == PAUSE_EVERY else []

    def _which_to_resume(self, paused: list[str]) -> list[str]:
        if len(paused) < 2:
            return [self.room]
        only = resume_only(self.room)
        answer = ask.choose(self._asker(), "Resume the exam",
                            f"Resume only {self.room} or every paused room ({', '.join(paused)})? Every "
                            "finish still running moves by the time each room was paused.",
                            [only, RESUME_EVERY, CANCEL])
        return [self.room] if answer == only else paused if answer == RESUME_EVERY else []

    def log_incident(self) -> None:
        """The incident form, with the time now and this room; saved as one undoable step."""
        board = self.board
        start = min((p.published_start for p in board.papers), default=None)
        dialog = IncidentDialog(self.day, self.exam_session, board.rooms_in_session or (self.room,),
                                parent=self._asker(), room=self.room, published_start=start)
        if not ask.run_dialog(dialog) or dialog.result_fields is None:
            return
        try:
            exam_room_commands.log_incident(self.context, dialog.result_fields)
        except EofficeError as error:
            ask.error(self._asker(), TITLE, str(error))
        self.refresh()

    # Open and closed

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.stay_awake.start()
        self.tick()
        self.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        self.stay_awake.stop()
        super().closeEvent(event)


def pause_only(room: str) -> str:
    return f"Pause only {room}"


def resume_only(room: str) -> str:
    return f"Resume only {room}"


def screen_label(number: int, screen: QScreen) -> str:
    """``Screen 2: HDMI-1, 1920×1080``: what the choice of screen offers."""
    size = screen.size()
    return f"Screen {number}: {screen.name() or 'unnamed'}, {size.width()}×{size.height()}"


def show_on_screen(window: QWidget, screen: QScreen | None) -> None:
    """Fill ``screen`` (or the window's own screen) with ``window``."""
    if screen is not None:
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
    window.showFullScreen()


def open_board(context: AppContext, day: date, exam_session: str, room: str,
               parent: QWidget | None) -> BoardWindow | None:
    """The board of ``room``, full screen: on the screen chosen when there are several (the one
    that is not the officer's window's comes first). None when refused or cancelled."""
    screens = QGuiApplication.screens()
    chosen: QScreen | None = None
    if len(screens) > 1:
        own = parent.window().screen() if parent is not None else QGuiApplication.primaryScreen()
        order = sorted(range(len(screens)), key=lambda i: screens[i] is own)  # another screen first
        options = {screen_label(i + 1, screens[i]): screens[i] for i in order}
        answer = ask.choose(parent, "Show the board on",
                            f"Which screen should show the board of {room}? Choose the projector or the "
                            "screen the candidates see.", [*options, CANCEL])
        if answer not in options:
            return None
        chosen = options[answer]
    try:
        window = BoardWindow(context, day, exam_session, room, parent)
    except EofficeError as error:
        ask.error(parent, TITLE, str(error))
        return None
    show_on_screen(window, chosen)
    return window
