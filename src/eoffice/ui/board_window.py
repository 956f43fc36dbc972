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

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from eoffice import clock
from eoffice.domain import examday
from eoffice.domain.examday import Board
from eoffice.errors import EofficeError
from eoffice.ui import exam_room_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.incident_dialog import IncidentDialog
from eoffice.ui.stay_awake import StayAwake
from eoffice.ui.widgets.board_parts import (
    BAND_LINE,
    BANNER,
    CAPTION,
    CLOCK,
    DONE,
    HEADING,
    HELD,
    HELP,
    INK,
    PAPER_LINE,
    QUIET,
    REMAINING,
    ROOM,
    SHRINK_STEPS,
    WARNING,
    ClockFace,
    PaperTable,
    Rule,
    board_label,
    fitting,
    light_palette,
    pixel_font,
    times_bold,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TITLE = "Exam room board"
KEYS = "P pause/resume  ·  I log an incident  ·  Esc close  ·  F11 full screen"
CANCEL = "Cancel"
PAUSE_EVERY = "Pause every room"
RESUME_EVERY = "Resume every paused room"


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
        self.heading = board_label("Centre", left)
        self.when = board_label("Date and session", left, QUIET)
        self.room_label = board_label("Room", Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock = ClockFace()
        self.remaining = board_label("Time remaining", centre, QUIET)
        self.banner = board_label("Paused", centre)
        self.banner.setAutoFillBackground(True)
        held = self.banner.palette()
        held.setColor(QPalette.ColorRole.Window, HELD)
        self.banner.setPalette(held)
        self.papers = PaperTable()
        self.bands_caption = board_label("Later finishes heading", left, QUIET)
        self.bands_caption.setText("LATER FINISHES")
        self.bands = board_label("Later finishes", Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.bands.setTextFormat(Qt.TextFormat.RichText)  # the times in bold; ``band_lines`` has the words
        self.band_lines: list[str] = []
        self.bands.setWordWrap(True)
        self.notice = board_label("Board notice", centre, WARNING)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.keys = board_label("Keys", centre, QUIET)
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
        layout.addWidget(Rule(INK))
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
                f'<p style="margin:0;{f" color:{DONE.name()}" if band.finish <= done else ""}">{times_bold(line)}</p>'
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
        self.remaining.setFont(fitting(self.remaining.text(), self._px(REMAINING), self._inner_width()))

    def _fit(self) -> None:
        """Fonts from the window's height: fixed parts first, then the papers and bands as large
        as the room left allows (smaller when there are many, so nothing scrolls)."""
        height, width = max(1, self.height()), max(1, self.width())
        side, top = round(width * 0.035), round(height * 0.03)
        self._layout.setContentsMargins(side, top, side, round(top * 0.6))
        self._layout.setSpacing(round(height * 0.012))
        self._gap.setFixedHeight(round(height * 0.015))
        inner = self._inner_width()

        room = fitting(self.room_label.text(), self._px(ROOM), inner * 2 // 5, bold=True)
        self.room_label.setFont(room)
        self.heading.setFont(fitting(self.heading.text(), self._px(HEADING), inner * 3 // 5, bold=True))
        self.when.setFont(fitting(self.when.text(), self._px(HEADING), inner * 3 // 5))
        self.clock.setFont(pixel_font(self._px(CLOCK), bold=True))
        self.clock.setFixedHeight(self.clock.sizeHint().height())
        self._fit_remaining()
        pad = self._px(BANNER) // 3
        self.banner.setContentsMargins(pad, pad // 2, pad, pad // 2)
        self.banner.setFont(fitting(self.banner.text(), self._px(BANNER), inner - 2 * pad, bold=True))
        caption = pixel_font(self._px(CAPTION), bold=True)
        caption.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self.bands_caption.setFont(caption)
        self.notice.setFont(pixel_font(self._px(HELP) + 2, bold=True))
        self.notice.setFixedHeight(self.notice.heightForWidth(inner) if self.notice.text() else 0)
        self.keys.setFont(pixel_font(self._px(HELP)))

        self.papers.setFixedHeight(0)
        self.bands.setFixedHeight(0)
        for part in (*self._rows, self._layout):
            part.invalidate()  # a nested layout keeps its old size until told
        free = height - self._layout.sizeHint().height() - round(height * 0.01)
        bands_font = pixel_font(self._px(BAND_LINE))
        for scale in SHRINK_STEPS:
            self.papers.set_pixel_size(self._px(PAPER_LINE * scale))
            bands_font = pixel_font(self._px(BAND_LINE * scale))
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
