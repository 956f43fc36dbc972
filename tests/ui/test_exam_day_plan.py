"""The exam-day page's room plan, seating and printing (issue 12): the plan beside the list,
a row and a desk choosing each other, "Seat this session" undoable, the kit printed for the
session shown as File > Export prints, and what to settle before printing in plain sight."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eoffice.db.session import open_database
from eoffice.domain import examday, roster
from eoffice.domain.examday import KitPaper, RoomPlan, Seat
from eoffice.ui import colours
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs import ask
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.access_models import FINISH_COLUMN
from eoffice.ui.tabs.access_exam_day import ExamDayPage
from eoffice.ui.tabs.access_tab import AccessTab
from eoffice.ui.tabs.exam_day_view import REPRINTS_SHOWN, exam_day_view
from eoffice.ui.widgets.room_plan import RoomPlanView
from tests.conftest import TODAY
from tests.ui.access_helpers import exam_day_page, tab  # noqa: F401 - a fixture: imported for pytest to find
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls

pytestmark = pytest.mark.gui

DAY = date(2027, 5, 12)  # the demo's busiest day: 0012 sits three papers, two in the morning, in the Library


def _page(tab: AccessTab, sess: str = "AM") -> ExamDayPage:
    return exam_day_page(tab, DAY, sess)


def _row_of(page: ExamDayPage, candidate: str) -> int:
    return next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == candidate)


def _seat(page: ExamDayPage, candidate: str) -> Seat:
    return next(s for s in page.plan.view.seats.values() if s.candidate == candidate)


def test_the_plan_shows_the_library_with_0012s_desk(tab: AccessTab) -> None:
    page = _page(tab)
    kit = tab.context.read(lambda s: examday.kit_for(s, DAY, "AM"))
    rooms = [page.plan.room.itemText(i) for i in range(page.plan.room.count())]
    assert rooms == [f"{p.room} ({len(p.seats) + len(p.unseated)})" for p in kit.plans]  # type: ignore[attr-defined]
    assert "Library (2)" in rooms and "Sports Hall (52)" in rooms
    page.plan.room.setCurrentIndex(page.plan.room.findData("Library"))
    library = next(p for p in kit.plans if p.room == "Library")  # type: ignore[attr-defined]
    seat = _seat(page, "0012")
    assert seat == next(s for s in library.seats if s.candidate == "0012")
    words = page.plan.view.desk_words(seat.desk)
    assert words.startswith(f"Desk {seat.desk}: 0012 Watson, Finn. Papers 8035/1, 8145/1, 09:00–")
    assert "Access arrangements: 25% extra time" in words
    pending = _seat(page, "0061")  # word processor approved, extra time applied for
    assert "Applied for, not yet approved: 25% extra time." in page.plan.view.desk_words(pending.desk)
    assert page.plan.view.desk_words("B3") == "Desk B3: empty."
    assert "2 of 24 desks taken" in page.plan.caption.text()
    assert not page.plan.view.grab().isNull()
    assert unnamed(visible_controls(page)) == []


def test_a_row_chooses_the_room_and_desk_and_a_desk_chooses_the_row(tab: AccessTab, qtbot: QtBot) -> None:
    page = _page(tab)
    page.table.selectRow(_row_of(page, "0065"))  # 25% extra time, in the Sports Hall
    row = page.proxy.index(_row_of(page, "0065"), 0).data(Qt.ItemDataRole.UserRole + 2)
    assert page.plan.room.currentData() == "Sports Hall" == row.room
    assert page.plan.view.highlighted == row.desk and page.plan.view.current_desk == row.desk
    page.table.selectRow(_row_of(page, "0012"))
    assert page.plan.room.currentData() == "Library"
    desk = _seat(page, "0012").desk
    assert page.plan.view.highlighted == desk

    other = _seat(page, "0061").desk
    qtbot.mouseClick(page.plan.view, Qt.MouseButton.LeftButton, pos=page.plan.view.desk_rect(other).center())
    chosen = {page.proxy.index(i.row(), 0).data() for i in page.table.selectionModel().selectedRows()}
    assert chosen == {"0061"} and page.plan.view.highlighted == other


def test_the_arrow_keys_move_between_desks_and_say_where(tab: AccessTab, qtbot: QtBot) -> None:
    page = _page(tab)
    page.plan.room.setCurrentIndex(page.plan.room.findData("Library"))
    view = page.plan.view
    view.setFocus()
    assert view.current_desk == "A1"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_desk == "A2"
    assert view.accessibleDescription() == "Library. Desk A2: empty. Row A is the front row."
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.accessibleDescription().startswith("Library. Desk A1: 0061 Jones, Leo.")
    for _ in range(5):
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.current_desk == "A1"  # the arrows stop at the walls
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter chooses the candidate in the list, as a click does
    assert {page.proxy.index(i.row(), 0).data() for i in page.table.selectionModel().selectedRows()} == {"0061"}


def test_seat_this_session_stores_the_desks_and_undo_puts_them_back(tab: AccessTab) -> None:
    def stored() -> list[roster.StoredPlacement]:
        return tab.context.read(lambda s: roster.saved_placements(s, DAY, DAY))  # type: ignore[no-any-return]

    with tab.context.session() as session:  # the morning not yet seated: only the afternoon is stored
        roster.restore_placements(session, DAY, DAY, [p for p in roster.saved_placements(session, DAY, DAY)
                                                      if p[2] == "PM"])
    tab.context.changed.emit("roster")
    before = stored()
    page = _page(tab)
    assert page.actions["seat"].isEnabled()
    page.actions["seat"].trigger()
    morning = [p for p in stored() if p[2] == "AM"]
    expected = {r.candidate_id: r.desk for r in tab.context.read(lambda s: examday.sittings(s, DAY, DAY, "AM"))}  # type: ignore[attr-defined]
    assert morning and all(p[5] for p in morning)  # every candidate has a desk, kept
    assert {p[0]: p[5] for p in morning} == expected
    assert tab.context.undo_stack.undoText() == "Seat Wed 12 May AM"
    tab.context.undo_stack.undo()
    assert stored() == before
    tab.context.undo_stack.redo()
    assert [p for p in stored() if p[2] == "AM"] == morning


def test_print_seating_plans_writes_a_pdf_named_for_the_session(
        window: MainWindow, tab: AccessTab, answers: Answers, tmp_path: Path, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    offered: list[Path] = []
    asked: list[str] = []
    monkeypatch.setattr(ask, "save_path", lambda _p, _t, start, _f: (offered.append(start), answers.save_path)[1])
    monkeypatch.setattr(ask, "confirm", lambda _p, title, _m: (asked.append(title), answers.confirm)[1])
    page = _page(tab)
    answers.save_path = tmp_path / "plans.pdf"
    answers.confirm = False  # refused: nothing written
    assert page.print_kit("seating-plan") is None and not answers.save_path.exists()
    answers.confirm = True
    page.print_actions["seating-plan"].trigger()
    job = window.export_job
    assert job is not None
    if job.outcome is None:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in offered] == ["seating-plans-2027-05-12-AM.pdf"] * 2
    assert asked == ["Sensitive personal data"] * 2 and answers.errors == []
    page.choose(DAY, "PM")
    answers.save_path = tmp_path / "cards.pdf"
    job = page.print_kit("desk-cards")
    assert job is not None
    if job.outcome is None:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
    assert offered[-1].name == "desk-cards-2027-05-12-PM.pdf" and answers.save_path.read_bytes().startswith(b"%PDF")


def test_the_warning_line_says_what_to_settle_in_red(tab: AccessTab) -> None:
    page = _page(tab, "PM")
    line = page.seating
    assert line.isVisibleTo(page)
    assert "0012 starts 8702/1 at 13:43, 13 minutes after its published start" in line.text()
    assert line.styleSheet() == colours.ERROR_STYLE and line.wordWrap()
    page.choose(DAY, "AM")
    assert line.text() == "Seating: every candidate has a room and a desk." and line.styleSheet() == ""
    page.choose(date(2027, 8, 1), "AM")  # no paper that day: nothing to say, nothing to seat or print
    assert not line.isVisibleTo(page)
    assert not page.actions["seat"].isEnabled() and not page.print_button.isEnabled()


def test_a_read_only_window_shows_the_plan_and_prints_but_does_not_seat(qtbot: QtBot, window: MainWindow) -> None:
    second = MainWindow(open_database(window.db.path, fall_back_to_read_only=True), settings_file(), today=TODAY)
    qtbot.addWidget(second)
    other = second.tab("access")
    assert isinstance(other, AccessTab)
    page = _page(other)
    assert page.plan.room.count() > 0
    assert not page.actions["seat"].isEnabled() and page.print_button.isEnabled()
    second.close()


def test_at_1024_by_700_the_plan_is_beside_the_list_and_the_finish_shows(window: MainWindow, tab: AccessTab) -> None:
    window.resize(1024, 700)
    page = _page(tab, "PM")
    QApplication.processEvents()
    assert window.width() == 1024  # the page asks for no more than the window has
    table = page.table
    right = table.horizontalHeader().sectionViewportPosition(FINISH_COLUMN) + table.columnWidth(FINISH_COLUMN)
    assert right <= table.viewport().width()
    assert page.plan.isVisible() and page.plan.width() >= page.plan.minimumSizeHint().width()
    assert page.plan.geometry().left() > table.geometry().right()


def test_the_plan_hatches_desks_not_used_and_says_so(qtbot: QtBot) -> None:
    paper = KitPaper("AQA", "8035/1", "Geography", 540, 630)
    seat = Seat("A2", 0, 1, "0007", "Doe, Sam", ("8035/1",), 540, 653, pending=("Reader",))
    view = RoomPlanView()
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show_plan(RoomPlan("Room 4", 2, 3, frozenset({"B1"}), "left", "back", "", (paper,), (seat,)))
    assert view.desk_words("B1") == "Desk B1: not used (switched off)."
    assert view.desk_words("A2").endswith("Applied for, not yet approved: Reader.")
    assert view.desk_at(view.desk_rect("B3").center()) == "B3"
    with_off = view.grab().toImage()
    view.show_plan(RoomPlan("Room 4", 2, 3, frozenset(), "left", "back", "", (paper,), (seat,)))
    assert view.grab().toImage() != with_off
    view.show_plan(None)
    assert view.accessibleDescription() == "No room is in use in this session."
    assert view.desk_at(view.rect().center()) is None


# --- the plan changed by hand: moves, swaps, locks and a room's plan copied ----------------------

def _desks(tab: AccessTab, sess: str, room: str) -> dict[str, examday.DeskHolder]:
    """Candidate number -> their desk in ``room``, read back from the database."""
    holders = tab.context.read(lambda s: examday.editable_plan(s, DAY, sess).holders)
    return {h.candidate: h for h in holders.get(room, {}).values()}  # type: ignore[union-attr]


def _library(tab: AccessTab) -> ExamDayPage:
    page = _page(tab)
    page.plan.room.setCurrentIndex(page.plan.room.findData("Library"))
    return page


def test_a_candidate_picked_up_with_the_keys_moves_and_undo_puts_them_back(tab: AccessTab, qtbot: QtBot) -> None:
    page = _library(tab)
    view = page.plan.view
    assert _desks(tab, "AM", "Library")["0012"].desk == "D1"
    page.table.selectRow(_row_of(page, "0012"))
    view.setFocus()
    assert view.current_desk == "D1"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.held == "D1"
    assert view.accessibleDescription().startswith(
        "0012 picked up: move with the arrows, Enter to put down at a desk, Escape to cancel. Library. Desk D1: 0012")
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # Escape puts them back: nothing moves
    assert view.held is None and tab.context.undo_stack.count() == 0
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_desk == "C2" and view.held == "D1"
    qtbot.keyClick(view, Qt.Key.Key_Return)  # put down at C2, an empty desk
    moved = _desks(tab, "AM", "Library")
    assert moved["0012"].desk == "C2" and moved["0012"].locked
    assert moved["0061"].desk == "A1" and not moved["0061"].locked  # nobody else moved
    assert tab.context.undo_stack.undoText() == "Move 0012 to desk C2"
    assert page.plan.room.currentData() == "Library" and _seat(page, "0012").desk == "C2"
    assert "C2" in view.locked and view.desk_words("C2").endswith("Locked: re-seating keeps it.")
    assert view.held is None
    tab.context.undo_stack.undo()
    back = _desks(tab, "AM", "Library")
    assert back["0012"].desk == "D1" and not back["0012"].locked
    assert _seat(page, "0012").desk == "D1" and not view.locked


def test_dragging_a_desk_onto_another_swaps_the_two_and_locks_both(tab: AccessTab, qtbot: QtBot) -> None:
    page = _page(tab)
    page.plan.room.setCurrentIndex(page.plan.room.findData("Sports Hall"))
    view = page.plan.view
    before = _desks(tab, "AM", "Sports Hall")
    first, second = before["0001"].desk, before["0006"].desk
    assert (first, second) == ("A1", "B1") and not (before["0001"].locked or before["0006"].locked)
    start, end = view.desk_rect(first).center(), view.desk_rect(second).center()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(QApplication.startDragDistance() + 1, 0))
    assert view.held == first
    qtbot.mouseMove(view, end)
    assert view.current_desk == second
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    after = _desks(tab, "AM", "Sports Hall")
    assert (after["0001"].desk, after["0006"].desk) == (second, first)
    assert after["0001"].locked and after["0006"].locked
    assert sum(h.locked for h in after.values()) == 2
    assert tab.context.undo_stack.undoText() == "Move 0001 to desk B1"
    assert page.plan.room.currentData() == "Sports Hall" and view.locked == {first, second}
    again = _desks(tab, "AM", "Sports Hall")
    page.actions["seat"].trigger()  # re-seating keeps both
    assert {c: h.desk for c, h in _desks(tab, "AM", "Sports Hall").items() if c in ("0001", "0006")} == \
        {c: h.desk for c, h in again.items() if c in ("0001", "0006")}
    tab.context.undo_stack.undo()
    tab.context.undo_stack.undo()
    assert {c: (h.desk, h.locked) for c, h in _desks(tab, "AM", "Sports Hall").items()} == \
        {c: (h.desk, h.locked) for c, h in before.items()}


def test_a_short_click_only_chooses_and_a_drop_off_the_desks_moves_nobody(tab: AccessTab, qtbot: QtBot) -> None:
    page = _library(tab)
    view = page.plan.view
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.desk_rect("D1").center())
    assert view.held is None and view.highlighted == "D1"
    start = view.desk_rect("D1").center()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(QApplication.startDragDistance() + 1, 0))
    assert view.held == "D1"
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # the front wall, not a desk
    assert view.held is None and tab.context.undo_stack.count() == 0


def test_ctrl_k_locks_the_desk_chosen_and_unlocks_it(tab: AccessTab, qtbot: QtBot) -> None:
    page = _library(tab)
    view = page.plan.view
    page.table.selectRow(_row_of(page, "0012"))
    view.setFocus()
    page.plan_menu.aboutToShow.emit()
    assert page.actions["lock-desk"].text() == "&Lock desk D1"
    assert "(Ctrl+K)" in page.actions["lock-desk"].toolTip()
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert _desks(tab, "AM", "Library")["0012"].locked
    assert tab.context.undo_stack.undoText() == "Lock 0012's desk D1"
    assert view.locked == {"D1"} and "1 locked" in page.plan.caption.text()
    page.plan_menu.aboutToShow.emit()
    assert page.actions["lock-desk"].text() == "Un&lock desk D1"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert not _desks(tab, "AM", "Library")["0012"].locked
    assert tab.context.undo_stack.undoText() == "Unlock 0012's desk D1"
    tab.context.undo_stack.undo()
    assert _desks(tab, "AM", "Library")["0012"].locked
    tab.context.undo_stack.undo()
    assert not _desks(tab, "AM", "Library")["0012"].locked
    assert {h.desk for h in _desks(tab, "AM", "Library").values()} == {"A1", "D1"}


def test_the_librarys_plan_copied_to_the_afternoon_and_undone(tab: AccessTab) -> None:
    def stored() -> list[roster.StoredPlacement]:
        return tab.context.read(lambda s: roster.saved_placements(s, DAY, DAY))  # type: ignore[no-any-return]

    before = stored()
    page = _library(tab)
    copy = page.actions["copy-plan"]
    assert copy.isEnabled() and copy.text() == "&Copy Library's plan to PM"
    assert _desks(tab, "PM", "Library")["0061"].desk == "B1"
    copy.trigger()
    afternoon = _desks(tab, "PM", "Library")
    assert (afternoon["0012"].desk, afternoon["0061"].desk) == ("D1", "A1")
    assert afternoon["0012"].locked and afternoon["0061"].locked
    assert afternoon["0056"].desk not in ("A1", "D1")  # moved off 0061's desk, seated again around it
    assert tab.context.undo_stack.undoText() == "Copy Library's plan to PM"
    assert page.last_note == "Library's plan copied to PM: 2 candidates at the same desks."
    assert page.current() == (DAY, "AM") and page.plan.room.currentData() == "Library"
    tab.context.undo_stack.undo()
    assert stored() == before
    page.choose(DAY, "PM")  # from the afternoon the copy goes to the morning, and says who was left out
    page.plan.room.setCurrentIndex(page.plan.room.findData("Library"))
    assert page.actions["copy-plan"].text() == "&Copy Library's plan to AM"
    page.actions["copy-plan"].trigger()
    assert page.last_note == ("Library's plan copied to AM: 2 candidates at the same desks; "
                              "3 candidates left out: no exam in the AM session.")
    assert set(_desks(tab, "AM", "Library")) == {"0012", "0061"}


def test_a_move_before_the_rooms_are_stored_says_to_seat_first(tab: AccessTab, answers: Answers, qtbot: QtBot) -> None:
    with tab.context.session() as session:  # the morning not yet seated: only the afternoon is stored
        roster.restore_placements(session, DAY, DAY, [p for p in roster.saved_placements(session, DAY, DAY)
                                                      if p[2] == "PM"])
    tab.context.changed.emit("roster")
    page = _library(tab)
    view = page.plan.view
    page.table.selectRow(_row_of(page, "0012"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert answers.errors == ["seat Wed 12 May AM first: its rooms are not stored yet"]
    assert tab.context.undo_stack.count() == 0 and _seat(page, "0012").desk == "D1"
    assert view.held is None


def test_a_read_only_window_does_not_pick_up_or_lock(qtbot: QtBot, window: MainWindow) -> None:
    second = MainWindow(open_database(window.db.path, fall_back_to_read_only=True), settings_file(), today=TODAY)
    qtbot.addWidget(second)
    other = second.tab("access")
    assert isinstance(other, AccessTab)
    page = _library(other)
    assert not page.plan_button.isEnabled() and not page.actions["lock-desk"].isEnabled()
    page.plan.view.setFocus()
    qtbot.keyClick(page.plan.view, Qt.Key.Key_Space)
    assert page.plan.view.held is None
    second.close()


# --- the staff the rooming needs, and the printed plans now out of date ----------------------------

def test_the_staff_line_says_what_the_rooming_needs_against_who_is_free(tab: AccessTab) -> None:
    page = _page(tab)
    staff = next(s for s in tab.context.read(lambda s: roster.staffing(s, DAY, DAY))
                 if s.session == "AM")
    assert (staff.rooms, staff.invigilators, staff.helpers, staff.short) == (3, 4, 1, 0)
    line = page.staff
    assert line.isVisibleTo(page) and line.wordWrap()
    assert line.text() == f"Staff: 3 rooms need 4 invigilators and 1 helper (5 people); {staff.available} available: enough"
    assert line.styleSheet() == ""
    assert not page.reprint.isVisibleTo(page)  # nothing printed yet: nothing to print again
    page.choose(date(2027, 8, 1), "AM")  # no paper that day: no staff to find
    assert not line.isVisibleTo(page)


def test_a_short_session_says_so_in_words_and_in_red(tab: AccessTab) -> None:
    page = _page(tab)
    staff = next(s for s in tab.context.read(lambda s: roster.staffing(s, DAY, DAY))
                 if s.session == "AM")
    short = replace(staff, available=staff.needed - 2)
    page._show_staff_and_prints(replace(page.context.read(lambda s: exam_day_view(s, DAY, "AM")), staff=short),
                                True)
    assert page.staff.text().startswith("⚠ Staff: 3 rooms need") and page.staff.text().endswith(": 2 short")
    assert page.staff.styleSheet() == colours.ERROR_STYLE


def test_a_printed_plan_changed_by_a_move_says_print_again_and_undo_clears_it(
        window: MainWindow, tab: AccessTab, answers: Answers, tmp_path: Path, qtbot: QtBot) -> None:  # fmt: skip
    page = _library(tab)
    answers.save_path = tmp_path / "plans.pdf"
    page.print_actions["seating-plan"].trigger()  # the page's own Print > Seating plans…
    job = window.export_job
    assert job is not None
    if job.outcome is None:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
    assert answers.save_path.read_bytes().startswith(b"%PDF") and answers.errors == []
    assert not page.reprint.isVisibleTo(page)  # just printed: nothing out of date
    assert tab.context.read(lambda s: examday.out_of_date_prints(s, examday.kit_for(s, DAY, "AM"))) == []

    view = page.plan.view
    page.table.selectRow(_row_of(page, "0012"))
    view.setFocus()
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Up, Qt.Key.Key_Return):  # 0012 from D1 to C1
        qtbot.keyClick(view, key)
    assert _desks(tab, "AM", "Library")["0012"].desk == "C1"
    line = page.reprint
    assert line.isVisibleTo(page) and line.wordWrap() and line.styleSheet() == colours.ERROR_STYLE
    assert line.text().startswith("⚠ Printed for Wed 12 May AM and now out of date: the seating plan for Library printed ")
    assert line.text().endswith(". Print again.") and "Sports Hall" not in line.text()
    window.undo_action.trigger()  # Edit > Undo, as Ctrl+Z
    assert _desks(tab, "AM", "Library")["0012"].desk == "D1"
    assert not line.isVisibleTo(page) and line.text() == ""
    window.redo_action.trigger()
    assert "the seating plan for Library" in line.text()

    page.print_actions["seating-plan"].trigger()  # printed again: the line goes once the file is written
    job = window.export_job
    assert job is not None
    if job.outcome is None:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
    assert not line.isVisibleTo(page)


def test_a_long_reprint_list_counts_them_by_room_and_the_tooltip_names_each(tab: AccessTab) -> None:
    page = _page(tab)
    when = datetime(2027, 5, 11, 15, 0, tzinfo=UTC)
    stale = tuple(examday.StalePrint(room, kind, when) for room in ("Library", "Room 4", "Sports Hall")
                  for kind in ("seating-plan", "register"))
    assert len(stale) > REPRINTS_SHOWN
    view = page.context.read(lambda s: exam_day_view(s, DAY, "AM"))
    page._show_staff_and_prints(replace(view, stale=stale), True)
    assert page.reprint.text() == ("⚠ Printed for Wed 12 May AM and now out of date: 6 documents for Library, Room 4 "
                                   "and Sports Hall (hover here for each one and when it was printed). Print again.")
    assert page.reprint.toolTip() == examday.out_of_date_text(stale, DAY, "AM")
    assert "the registers for Room 4 printed 11/05/2027 16:00" in page.reprint.toolTip()  # UK time: BST
    page._show_staff_and_prints(replace(view, stale=stale[:REPRINTS_SHOWN]), True)
    assert page.reprint.text() == "⚠ " + examday.out_of_date_text(stale[:REPRINTS_SHOWN], DAY, "AM")
    assert page.reprint.toolTip() == ""


def test_at_1024_by_700_the_lines_wrap_and_the_list_and_plan_keep_their_room(window: MainWindow, tab: AccessTab) -> None:
    window.resize(1024, 700)
    page = _page(tab, "PM")  # the afternoon has a seating warning too
    view = page.context.read(lambda s: exam_day_view(s, DAY, "PM"))
    when = datetime(2027, 5, 11, 15, 0, tzinfo=UTC)
    stale = tuple(examday.StalePrint(p.room, kind, when) for p in view.kit.plans for kind in examday.KINDS)
    assert view.staff is not None
    page._show_staff_and_prints(replace(view, stale=stale, staff=replace(view.staff, available=0)), True)
    QApplication.processEvents()
    assert window.width() == 1024 and window.height() == 700
    for line in (page.reprint, page.seating, page.staff):
        assert line.isVisible() and line.wordWrap() and line.geometry().right() <= page.width()
    assert page.table.isVisible() and page.table.viewport().height() >= 150
    assert page.plan.isVisible() and page.plan.view.height() >= 100
