"""The Exam day page's exam room board and incident sheets: "Show board" opens the board of
the room the plan shows (or says there is nothing to show on a day without exams), Print >
Incident log sheets writes a PDF for the session, and a room paused and resumed on the board
moves that room's finishes in the page's list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eoffice.domain.access import ExamDayRow
from eoffice.ui import exam_room_commands
from eoffice.ui.board_window import BoardWindow
from eoffice.ui.dialogs import ask
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs.access_exam_day import ExamDayPage
from eoffice.ui.tabs.access_tab import AccessTab
from tests.conftest import FrozenClock
from tests.ui.access_helpers import exam_day_page, tab  # noqa: F401 - a fixture: imported for pytest to find
from tests.ui.conftest import Answers

pytestmark = pytest.mark.gui

DAY = date(2027, 5, 12)  # the demo's busiest morning: 0012 sits 8035/1 then 8145/1 in the Library
NO_EXAMS = date(2027, 8, 1)  # a Sunday in the summer holiday


@pytest.fixture
def boards() -> Iterator[list[BoardWindow]]:
    """The boards a test opens, closed after it (each is a window of its own)."""
    opened: list[BoardWindow] = []
    yield opened
    for board in opened:
        board.close()


def _page(tab: AccessTab) -> ExamDayPage:
    return exam_day_page(tab, DAY, "AM")


def _show_room(page: ExamDayPage, room: str) -> None:
    page.plan.room.setCurrentIndex(page.plan.room.findData(room))
    assert page.plan.plan is not None and page.plan.plan.room == room


def _finishes(page: ExamDayPage, candidate: str) -> dict[str, int]:
    """Each paper ``candidate`` sits in the session shown, with its finish as the list has it."""
    rows = [page.proxy.index(r, 0).data(RECORD_ROLE) for r in range(page.proxy.rowCount())]
    return {r.code: r.finish for r in rows if isinstance(r, ExamDayRow) and r.candidate == candidate}


def test_show_board_opens_the_board_of_the_room_the_plan_shows(tab: AccessTab, boards: list[BoardWindow],
                                                               answers: Answers) -> None:
    page = _page(tab)
    action = page.actions["board"]
    assert action.isEnabled() and action.text() == "Show &board"
    _show_room(page, "Library")
    action.trigger()
    assert len(page.boards) == 1
    board = page.boards[0]
    assert isinstance(board, BoardWindow)
    boards.append(board)
    assert (board.day, board.exam_session, board.room) == (DAY, "AM", "Library")
    assert board.isVisible() and board.isFullScreen()
    assert board.room_label.text() == "Library" and board.when.text() == "Wednesday 12 May 2027, morning"
    assert board.context is tab.context and board.parentWidget() is tab.window()  # questions open over the office's window

    _show_room(page, "Sports Hall")
    second = page.show_board()
    assert isinstance(second, BoardWindow)
    boards.append(second)
    assert second.room == "Sports Hall" and page.boards == [board, second]
    board.close()
    third = page.show_board()
    assert isinstance(third, BoardWindow)
    boards.append(third)
    assert page.boards == [second, third]  # a closed board is let go
    assert answers.infos == [] and answers.errors == []


def test_show_board_on_a_day_without_exams_says_so_and_opens_nothing(tab: AccessTab, answers: Answers) -> None:
    page = exam_day_page(tab, NO_EXAMS, "AM")
    before = set(QApplication.topLevelWidgets())
    page.actions["board"].trigger()
    assert answers.infos == ["Nobody sits an exam in a room on Sun 1 Aug AM."]
    assert page.show_board() is None and page.boards == []
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, BoardWindow) and w not in before]


def test_print_incident_log_sheets_writes_a_pdf_for_the_session(
        window: MainWindow, tab: AccessTab, answers: Answers, tmp_path: Path, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    offered: list[Path] = []
    asked: list[str] = []
    monkeypatch.setattr(ask, "save_path", lambda _p, _t, start, _f: (offered.append(start), answers.save_path)[1])
    monkeypatch.setattr(ask, "confirm", lambda _p, title, _m: (asked.append(title), answers.confirm)[1])
    page = _page(tab)
    texts = [a.text() for a in page.print_menu.actions()]
    assert texts == ["Seating plans…", "Registers…", "Desk cards…", "Incident log sheets…"]
    answers.save_path = tmp_path / "sheets.pdf"
    page.print_actions["incident-log"].trigger()
    job = window.export_job
    assert job is not None
    if job.outcome is None:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
    assert job.outcome is not None and job.outcome.written == answers.save_path
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in offered] == ["incident-log-sheets-2027-05-12-AM.pdf"]
    assert asked == ["Sensitive personal data"] and answers.errors == []


def test_a_room_paused_and_resumed_on_the_board_moves_its_finishes_in_the_list(
        tab: AccessTab, boards: list[BoardWindow], answers: Answers, qtbot: QtBot,
        frozen_clock: FrozenClock) -> None:  # fmt: skip
    frozen_clock.set(datetime(2027, 5, 12, 9, 40))
    page = _page(tab)
    before = _finishes(page, "0012")
    assert set(before) == {"8035/1", "8145/1"}
    sports_hall = _finishes(page, "0065")  # in the Sports Hall: not paused
    assert sports_hall
    _show_room(page, "Library")
    board = page.show_board()
    assert isinstance(board, BoardWindow)
    boards.append(board)

    answers.choice = "Pause only Library"
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert board.banner.isVisible()
    assert _finishes(page, "0012") == before  # held, not moved, while paused
    frozen_clock.advance(timedelta(minutes=12))
    board.tick()
    answers.choice = None  # only the Library is paused: nothing is asked
    qtbot.keyClick(board, Qt.Key.Key_P)
    assert not board.banner.isVisible()
    assert _finishes(page, "0012") == {code: finish + 12 for code, finish in before.items()}
    assert _finishes(page, "0065") == sports_hall
    assert tab.context.undo_stack.undoText() == "Resume Library (Wed 12 May AM)"

    tab.context.undo_stack.undo()  # the resume undone: paused again, the finishes held
    tab.context.undo_stack.undo()  # the pause undone
    assert _finishes(page, "0012") == before
    assert answers.errors == []


def test_a_pause_from_the_commands_moves_the_finishes_the_page_shows(tab: AccessTab,
                                                                     frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2027, 5, 12, 9, 40))
    page = _page(tab)
    before = _finishes(page, "0012")
    exam_room_commands.pause(tab.context, DAY, "AM", ["Library"])
    frozen_clock.advance(timedelta(minutes=12))
    exam_room_commands.resume(tab.context, DAY, "AM", ["Library"])
    assert _finishes(page, "0012") == {code: finish + 12 for code, finish in before.items()}
