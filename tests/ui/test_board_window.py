"""The exam room board (JCQ: a clock of the actual time and the papers' actual times, visible
from every seat): what it shows of a room sitting two papers with three later finishes, the
keys a person presses (P pauses and resumes, I logs an incident, Esc closes), the sizes it
takes from the window's height, the screen it fills, and keeping the display awake."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from eoffice import clock
from eoffice.db.session import Database
from eoffice.domain import access, examday
from eoffice.domain.examday import IncidentFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.ui import board_window, exam_room_commands
from eoffice.ui.board_window import BoardWindow, open_board
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.incident_dialog import IncidentDialog
from eoffice.ui.stay_awake import StayAwake
from tests.conftest import FrozenClock
from tests.ui.conftest import Answers
from tests.ui.controls import answer_dialogs

pytestmark = pytest.mark.gui

DAY = date(2027, 5, 12)  # the demo's busiest morning: 8035/1 and 8145/1 in the Sports Hall
ROOM = "Sports Hall"
GEOGRAPHY = "Geography Paper 1: Living with the physical environment"
HISTORY = "History Paper 1: Understanding the modern world"
BANDS = ["8035/1, 25% extra time: finishes 10:53",
         "8035/1, 50% extra time: finishes 11:15",
         "8145/1, after another paper: starts 10:40, finishes 12:40"]


@pytest.fixture
def context(demo_db: Database, qtbot: QtBot, frozen_clock: FrozenClock) -> AppContext:
    """The demo centre at 09:40 on the morning, with a third later finish in the Sports Hall:
    50% extra time for a candidate who sits Geography there and had none."""
    frozen_clock.set(datetime(2027, 5, 12, 9, 40))
    with demo_db.session() as session:
        plain = next(r for r in examday.sittings(session, DAY, DAY, "AM")
                     if r.room == ROOM and r.code == "8035/1" and not r.extra_percent and not r.rest_per_hour
                     and not r.clash_note)
        access.add_arrangement(session, plain.candidate_id, access.new_fields(
            "extra_time_up_to_50", status="approved", approved_on=date(2026, 10, 1)))
    return AppContext(demo_db, AcademicYear(2026), today=DAY)


@pytest.fixture
def board(context: AppContext, qtbot: QtBot) -> Iterator[BoardWindow]:
    window = BoardWindow(context, DAY, "AM", ROOM)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _running(context: AppContext) -> set[str]:
    return set(context.read(lambda s: examday.running_pauses(s, DAY, "AM")))


def _named(window: QWidget, name: str) -> QWidget:
    found = [w for w in window.findChildren(QWidget) if w.accessibleName() == name]
    assert len(found) == 1, f"{name!r}: {found}"
    return found[0]


def test_the_board_shows_the_centre_the_clock_the_papers_and_the_later_finishes(board: BoardWindow) -> None:
    assert board.accessibleName() == "Exam room board"
    assert board.heading.text() == "Centre 74125, Northfield Community Academy"
    assert board.when.text() == "Wednesday 12 May 2027, morning"
    assert board.room_label.text() == ROOM
    assert board.clock.text() == "09:40" == f"{clock.now():%H:%M}"
    assert board.clock.seconds == ":00"
    assert board.remaining.text() == "8035/1 ends in 50 min, at 10:30" and board.remaining.isVisible()
    assert board.papers.rows() == [("AQA", "8035/1", GEOGRAPHY, "09:00", "10:30"),
                                   ("AQA", "8145/1", HISTORY, "09:00", "11:00")]
    assert board.band_lines == BANDS
    assert board.bands.accessibleDescription() == "\n".join(BANDS)
    assert "finishes <b>10:53</b>" in board.bands.text()  # the times stand out
    assert not board.banner.isVisible()
    assert board.keys.text().startswith("P pause/resume  ·  I log an incident  ·  Esc close")
    for name, widget in (("Clock", board.clock), ("Time remaining", board.remaining), ("Papers", board.papers),
                         ("Later finishes", board.bands), ("Paused", board.banner)):
        assert _named(board, name) is widget
    assert not board.grab().isNull()


def test_the_clock_ticks_without_reading_the_database(board: BoardWindow, frozen_clock: FrozenClock,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[object] = []
    monkeypatch.setattr(board.context, "read", lambda query: reads.append(query))
    frozen_clock.advance(timedelta(minutes=21, seconds=7))
    board.tick()
    assert (board.clock.text(), board.clock.seconds) == ("10:01", ":07")
    assert board.remaining.text() == "8035/1 ends in 29 min, at 10:30"
    assert reads == []
    frozen_clock.advance(timedelta(minutes=40))  # 10:41: Geography has finished for most, History has not
    board.tick()
    assert board.papers.done_before == 10 * 60 + 41
    assert board.remaining.text() == "8145/1 ends in 19 min, at 11:00"


def test_a_board_of_another_day_says_so_under_the_clock(board: BoardWindow, frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2027, 5, 11, 9, 40))
    board.tick()
    assert board.clock.text() == "09:40"
    assert board.remaining.text() == "This board is for Wednesday 12 May 2027, morning"


def test_p_pauses_the_room_and_p_again_resumes_it_moving_every_finish_still_running(
        board: BoardWindow, context: AppContext, answers: Answers, qtbot: QtBot, frozen_clock: FrozenClock) -> None:  # fmt: skip
    answers.choice = "Pause only Sports Hall"
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert _running(context) == {ROOM}
    assert board.banner.isVisible() and board.banner.text() == "PAUSED since 09:40 — finish times are held"
    assert not board.remaining.isVisible()  # the banner says it, once
    assert board.papers.rows()[0][4] == "10:30"  # held, not moved, while paused

    frozen_clock.advance(timedelta(minutes=12))
    board.tick()
    assert board.clock.text() == "09:52"
    answers.choice = None  # only this room is paused: nothing is asked
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert _running(context) == set()
    assert not board.banner.isVisible() and board.remaining.isVisible()
    assert board.papers.rows() == [("AQA", "8035/1", GEOGRAPHY, "09:00", "10:42"),
                                   ("AQA", "8145/1", HISTORY, "09:00", "11:12")]
    assert board.band_lines == ["8035/1, 25% extra time: finishes 11:05",
                                "8035/1, 50% extra time: finishes 11:27",
                                "8145/1, after another paper: starts 10:52, finishes 12:52"]
    assert board.remaining.text() == "8035/1 ends in 50 min, at 10:42"
    assert context.undo_stack.undoText() == "Resume Sports Hall (Wed 12 May AM)"
    assert answers.errors == []


def test_p_can_pause_and_resume_every_room_of_the_session(board: BoardWindow, context: AppContext,
                                                          answers: Answers, qtbot: QtBot,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[str]] = []
    monkeypatch.setattr(ask, "choose", lambda _p, _t, _m, options: (asked.append(options), answers.choice)[1])
    answers.choice = None  # the question closed: nothing paused
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert asked == [["Pause only Sports Hall", "Pause every room", "Cancel"]] and _running(context) == set()
    answers.choice = "Pause every room"
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert _running(context) == {"Library", "Room S1", ROOM} and board.banner.isVisible()
    answers.choice = "Cancel"
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert asked[-1] == ["Resume only Sports Hall", "Resume every paused room", "Cancel"]
    assert _running(context) == {"Library", "Room S1", ROOM}
    answers.choice = "Resume every paused room"
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert _running(context) == set() and not board.banner.isVisible()


def test_a_refused_resume_is_said_in_words_not_raised(board: BoardWindow, context: AppContext, answers: Answers,
                                                      qtbot: QtBot, frozen_clock: FrozenClock) -> None:
    answers.choice = "Pause only Sports Hall"
    qtbot.keyClick(board, Qt.Key.Key_P)
    frozen_clock.advance(timedelta(minutes=-5))  # the computer's clock put back: before the pause
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert answers.errors == ["Sports Hall was paused at 09:40: it cannot resume before"]
    assert _running(context) == {ROOM} and board.banner.isVisible()


def test_the_board_reads_again_when_the_exam_day_page_pauses_or_undoes(board: BoardWindow,
                                                                     context: AppContext) -> None:
    exam_room_commands.pause(context, DAY, "AM", ["Library", ROOM])
    assert board.banner.isVisible()
    context.undo_stack.undo()
    assert not board.banner.isVisible()


def test_i_logs_an_incident_through_the_form(board: BoardWindow, context: AppContext, qtbot: QtBot,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str, str, str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, IncidentDialog)
        shown.append((dialog.time.text(), dialog.room.currentData(), dialog.kind.currentData(),
                      dialog.follow_up.currentData()))
        dialog.kind.setCurrentIndex(dialog.kind.findData("late_arrival"))
        dialog.time.setText("10:45")  # more than an hour after the published 09:00: very late
        dialog.what.setPlainText("Arrived after a bus broke down")
        dialog.candidates.setText("65")
        dialog.recorded_by.setText("J. Invigilator")

    seen = answer_dialogs(monkeypatch)(fill)
    qtbot.keyClick(board, Qt.Key.Key_I)
    assert len(seen) == 1 and shown == [("09:40", ROOM, "other", "none")]
    rooms = [seen[0].room.itemData(i) for i in range(seen[0].room.count())]  # type: ignore[attr-defined]
    assert rooms == ["Library", "Room S1", ROOM]
    logged = context.read(lambda s: examday.incidents(s, DAY, DAY, "AM", ROOM))
    assert [r.fields for r in logged] == [IncidentFields(DAY, "AM", ROOM, 10 * 60 + 45, "late_arrival",
                                                         "Arrived after a bus broke down", ("0065",), "",
                                                         "J. Invigilator", "very_late")]
    assert context.undo_stack.undoText() == "Log an incident in Sports Hall"


def test_the_incident_form_suggests_a_follow_up_until_one_is_chosen(qtbot: QtBot, frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2027, 5, 12, 9, 40))
    dialog = IncidentDialog(DAY, "AM", ["Library", ROOM], room=ROOM, published_start=9 * 60)
    qtbot.addWidget(dialog)
    assert dialog.time.text() == "09:40" and dialog.room.currentData() == ROOM
    dialog.kind.setCurrentIndex(dialog.kind.findData("taken_ill"))
    assert dialog.follow_up.currentData() == "special_consideration"
    dialog.kind.setCurrentIndex(dialog.kind.findData("late_arrival"))
    assert dialog.follow_up.currentData() == "none"  # 09:40 is not an hour late
    dialog.time.setText("10:01")
    assert dialog.follow_up.currentData() == "very_late"
    dialog.follow_up.setCurrentIndex(dialog.follow_up.findData("other"))
    dialog.follow_up.activated.emit(dialog.follow_up.currentIndex())  # as a person's choice does
    dialog.kind.setCurrentIndex(dialog.kind.findData("malpractice"))
    assert dialog.follow_up.currentData() == "other"


def test_the_incident_form_says_what_to_put_right_and_edits_a_line(qtbot: QtBot) -> None:
    dialog = IncidentDialog(DAY, "AM", [ROOM], room=ROOM)
    qtbot.addWidget(dialog)
    dialog.accept()  # nothing said about what happened
    assert dialog.result_fields is None and "What happened: say what happened" in dialog.problem.text()
    dialog.what.setPlainText("Fire alarm")
    dialog.time.setText("9.75")
    with pytest.raises(InputError, match="time"):
        dialog.checked()
    dialog.time.setText("09:50")
    dialog.candidates.setText("Finn Watson")
    with pytest.raises(InputError, match="candidate numbers only"):
        dialog.checked()

    old = IncidentFields(DAY, "AM", "Old Gym", 9 * 60 + 5, "evacuation", "Fire alarm", ("0012", "0034"),
                         "Left by the east doors", "P. Shah", "none")
    editing = IncidentDialog(DAY, "AM", [ROOM], old)
    qtbot.addWidget(editing)
    assert editing.windowTitle() == "Edit an incident"
    assert editing.checked() == old  # a room no longer in use is kept; the chosen follow-up too
    editing.kind.setCurrentIndex(editing.kind.findData("taken_ill"))
    assert editing.follow_up.currentData() == "none"


def test_escape_closes_the_board_and_f11_switches_full_screen(board: BoardWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(board, Qt.Key.Key_F11)
    assert board.isFullScreen()
    qtbot.keyClick(board, Qt.Key.Key_F11)
    assert not board.isFullScreen()
    qtbot.keyClick(board, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # not the board's key
    assert not board.banner.isVisible()
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    assert not board.isVisible()
    assert not board._timer.isActive()


def test_sizes_come_from_the_height_and_everything_fits(board: BoardWindow, qtbot: QtBot) -> None:
    for width, height in ((1920, 1080), (1024, 700)):
        board.resize(width, height)
        qtbot.waitUntil(lambda w=width, h=height: board.size() == QSize(w, h))
        assert 0.18 * height <= board.clock.font().pixelSize() <= 0.22 * height
        assert 0.03 * height <= board.papers.px <= 0.06 * height
        assert 0.025 * height <= board.bands.font().pixelSize() <= 0.05 * height
        QApplication.processEvents()
        bottom = board.keys.geometry().bottom()
        assert board.bands.geometry().bottom() < board.keys.geometry().top() and bottom <= height
        assert board.papers.height() == board.papers.height_for(board.papers.width())


def test_many_papers_make_the_lines_smaller_not_a_scroll(board: BoardWindow, qtbot: QtBot) -> None:
    board.resize(1920, 1080)
    qtbot.waitUntil(lambda: board.size() == QSize(1920, 1080))
    roomy = board.papers.px
    many = board.board.papers * 4
    board.show_board(board.board.__class__(**{**board.board.__dict__, "papers": many}))
    assert board.papers.px < roomy
    QApplication.processEvents()
    assert board.keys.geometry().bottom() <= board.height()


def test_the_board_is_dark_on_white_whatever_the_desktop(context: AppContext, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(QColor("#303134"), QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    app.setPalette(dark)
    try:
        window = BoardWindow(context, DAY, "AM", ROOM)
        qtbot.addWidget(window)
        assert window.autoFillBackground()
        assert window.palette().color(QPalette.ColorRole.Window) == QColor("#ffffff")
        assert window.heading.palette().color(QPalette.ColorRole.WindowText).lightness() < 40
        image = window.grab().toImage()
        assert image.pixelColor(3, 3) == QColor("#ffffff")
    finally:
        app.setPalette(before)


def test_open_board_fills_the_one_screen_and_refuses_a_room_nobody_sits_in(
        context: AppContext, answers: Answers, qtbot: QtBot) -> None:  # fmt: skip
    window = open_board(context, DAY, "AM", ROOM, None)
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible() and window.isFullScreen()
    window.close()
    assert open_board(context, DAY, "AM", "Old Gym", None) is None
    assert answers.errors and answers.errors[0].startswith("nobody sits in Old Gym on Wed 12 May AM")


def test_open_board_asks_which_screen_offering_the_other_one_first(
        context: AppContext, answers: Answers, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    def screen(name: str, x: int) -> SimpleNamespace:
        return SimpleNamespace(name=lambda: name, size=lambda: QSize(1920, 1080),
                               geometry=lambda: QRect(x, 0, 1920, 1080))

    laptop, projector = screen("eDP-1", 0), screen("HDMI-1", 1920)
    monkeypatch.setattr(board_window, "QGuiApplication",
                        SimpleNamespace(screens=lambda: [laptop, projector], primaryScreen=lambda: laptop))
    shown: list[tuple[QWidget, object]] = []
    monkeypatch.setattr(board_window, "show_on_screen", lambda window, where: shown.append((window, where)))
    offered: list[list[str]] = []
    monkeypatch.setattr(ask, "choose", lambda _p, _t, _m, options: (offered.append(options), answers.choice)[1])

    answers.choice = None
    assert open_board(context, DAY, "AM", ROOM, None) is None and shown == []
    assert offered == [["Screen 2: HDMI-1, 1920×1080", "Screen 1: eDP-1, 1920×1080", "Cancel"]]
    answers.choice = "Screen 2: HDMI-1, 1920×1080"
    window = open_board(context, DAY, "AM", ROOM, None)
    assert window is not None
    qtbot.addWidget(window)
    assert shown == [(window, projector)]


def test_show_on_screen_moves_the_window_there_and_fills_it(context: AppContext, qtbot: QtBot) -> None:
    window = BoardWindow(context, DAY, "AM", ROOM)
    qtbot.addWidget(window)
    screen = QApplication.primaryScreen()
    board_window.show_on_screen(window, screen)
    assert window.isFullScreen() and window.screen() is screen


def test_stay_awake_says_whether_it_worked_and_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    awake = StayAwake()
    started = awake.start()
    assert isinstance(started, bool)
    if sys.platform.startswith("linux"):
        assert started is False and not awake.active  # no session bus here to ask
    awake.stop()
    awake.stop()  # twice is harmless
    assert not awake.active


def test_the_board_keeps_the_display_awake_while_it_is_open(context: AppContext, qtbot: QtBot,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(StayAwake, "start", lambda self: calls.append("start") or True)
    monkeypatch.setattr(StayAwake, "stop", lambda self: calls.append("stop"))
    window = BoardWindow(context, DAY, "AM", ROOM)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert calls == ["start", "stop"]


def test_no_label_is_left_unnamed(board: BoardWindow) -> None:
    names = {w.accessibleName() for w in board.findChildren(QLabel) if w.isVisibleTo(board)}
    assert {"Centre", "Date and session", "Room", "Clock", "Time remaining", "Later finishes", "Keys"} <= names
