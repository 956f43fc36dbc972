"""Seating in the Invigilators tab follows arrangement and room changes: an out-of-date notice
with a one-click, undoable re-seat, and an auto-roster that re-seats first, as the command line does."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eoffice.domain import access, roster
from eoffice.domain.access import new_fields
from eoffice.domain.roster import RoomFields, seating
from eoffice.domain.years import AcademicYear
from eoffice.ui import roster_commands
from eoffice.ui.main_window import MainWindow
from eoffice.ui.solve_runner import SolveOutcome
from eoffice.ui.tabs.roster_tab import RosterTab
from tests.conftest import TODAY

SUMMER = roster.scope_for(AcademicYear(2026), "Summer", today=TODAY)
SOLVE_MS = 60_000
Slot = tuple[date, str]


@pytest.fixture
def tab(window: MainWindow, qtbot: QtBot) -> RosterTab:
    window.show_item("roster")
    built = window.tab("roster")
    assert isinstance(built, RosterTab)
    qtbot.waitUntil(built.isVisible)
    return built



def _notice(tab: RosterTab) -> bool:
    """The out-of-date check is read on a second thread once the tab has painted: let that turn
    of the event loop pass, and wait for the read."""
    QApplication.processEvents()
    tab.wait_for_seating()
    return tab.seating_notice.isVisible()

def _seats(tab: RosterTab) -> dict[tuple[int, date, str], tuple[int, bool]]:
    saved = tab.context.read(lambda s: seating.saved_placements(s, SUMMER.start, SUMMER.end))
    return {(c, on, sess): (r, own) for c, on, sess, r, own, *_desk in saved}  # type: ignore[attr-defined]


def _separate_rooms(tab: RosterTab) -> set[int]:
    return {r.id for r in tab.context.read(roster.rooms) if r.separate}  # type: ignore[attr-defined]


def _approve_prompter(tab: RosterTab) -> tuple[int, Slot]:
    """A prompter approved today for a candidate sitting in a main room: as the Access tab would."""
    layout = tab.context.read(lambda s: seating.layout(s, SUMMER.start, SUMMER.end))
    apart = _separate_rooms(tab)
    slot, (sittings, plan) = next(iter(layout.items()))  # type: ignore[attr-defined]
    chosen = next(s for s in sittings if not s.needs and plan.seats[s.candidate_id] not in apart)
    fields = new_fields("prompter", status="approved", approved_on=TODAY, assessed_on=TODAY)
    with tab.context.session() as session:
        access.add_arrangement(session, chosen.candidate_id, fields)
    tab.context.changed.emit("access")
    return chosen.candidate_id, slot


def _room_of(tab: RosterTab, candidate: int, slot: Slot) -> int:
    layout = tab.context.read(lambda s: seating.layout(s, slot[0], slot[0]))
    return layout[slot][1].seats[candidate]  # type: ignore[index,no-any-return]


def test_the_demo_starts_with_seating_up_to_date(tab: RosterTab) -> None:
    assert not _notice(tab)
    assert any(own is False for _r, own in _seats(tab).values())  # the demo's solve stored its seating


def test_a_new_prompter_makes_seating_out_of_date_until_re_seated(tab: RosterTab, window: MainWindow) -> None:
    before = _seats(tab)
    candidate, slot = _approve_prompter(tab)
    assert _room_of(tab, candidate, slot) not in _separate_rooms(tab)  # stored seating stays put...
    assert _notice(tab)  # ...and the window says it is out of date
    assert "Seating is out of date" in tab.stale_label.text() and tab.reseat_button.isEnabled()
    steps = window.context.undo_stack.count()  # type: ignore[union-attr]
    tab.reseat_button.click()
    assert _room_of(tab, candidate, slot) in _separate_rooms(tab)
    assert not _notice(tab)
    assert window.context.undo_stack.count() == steps + 1  # type: ignore[union-attr]
    window.undo_action.trigger()
    assert _seats(tab) == before and _notice(tab)


def test_a_room_cut_in_size_is_said_and_re_seating_keeps_the_officers_choice(tab: RosterTab) -> None:
    hall = next(r for r in tab.context.read(roster.rooms) if r.name == "Sports Hall")  # type: ignore[attr-defined]
    library = next(r for r in tab.context.read(roster.rooms) if r.name == "Library")  # type: ignore[attr-defined]
    in_hall = next(k for k, (r, _own) in _seats(tab).items() if r == hall.id)
    roster_commands.seat_in(tab.context, in_hall[0], 0, in_hall[1], in_hall[2], library.id)
    roster_commands.edit_room(tab.context, hall, RoomFields(hall.name, 20))
    assert _notice(tab)
    tab.reseat_button.click()
    assert not _notice(tab)
    seats = _seats(tab)
    assert seats[in_hall] == (library.id, True)
    by_slot: dict[Slot, int] = {}
    for (_c, on, sess), (r, _own) in seats.items():
        by_slot[(on, sess)] = by_slot.get((on, sess), 0) + (r == hall.id)
    assert max(by_slot.values()) <= 20


def _solve(tab: RosterTab, qtbot: QtBot) -> SolveOutcome:
    with qtbot.waitSignal(tab.runner.finished, timeout=SOLVE_MS) as blocker:
        tab.solve()
    return blocker.args[0]  # type: ignore[no-any-return]


def test_the_auto_roster_re_seats_first_and_one_undo_puts_both_back(tab: RosterTab, window: MainWindow,
                                                                     qtbot: QtBot) -> None:  # fmt: skip
    seats_before = _seats(tab)
    team_before = tab.context.read(lambda s: roster.assignments(s, SUMMER.start, SUMMER.end))
    candidate, slot = _approve_prompter(tab)
    steps = window.context.undo_stack.count()  # type: ignore[union-attr]
    outcome = _solve(tab, qtbot)
    assert outcome.result is not None
    room = _room_of(tab, candidate, slot)
    assert room in _separate_rooms(tab) and not _notice(tab)
    # The helper is counted in the candidate's own room, as the command line would count it.
    need = next(r for r in outcome.result.requirements if (r.on, r.session, r.room_id) == (*slot, room))
    assert candidate in need.candidate_ids and dict(need.helpers).get("prompter", 0) >= 1
    assert window.context.undo_stack.count() == steps + 1  # type: ignore[union-attr]
    window.undo_action.trigger()
    assert _seats(tab) == seats_before
    assert tab.context.read(lambda s: roster.assignments(s, SUMMER.start, SUMMER.end)) == team_before


def test_let_the_app_choose_seats_the_candidate_now(tab: RosterTab, window: MainWindow) -> None:
    seats = _seats(tab)
    library = next(r for r in tab.context.read(roster.rooms) if r.name == "Library")  # type: ignore[attr-defined]
    (candidate, on, sess), (room, _own) = next((k, v) for k, v in seats.items() if v[0] != library.id)
    roster_commands.seat_in(tab.context, candidate, 0, on, sess, library.id)
    roster_commands.let_app_seat(tab.context, candidate, 0, on, sess, library.id)
    assert _room_of(tab, candidate, (on, sess)) == room  # the app's choice again, not the room it had
    assert (candidate, on, sess) not in _seats(tab) or _seats(tab)[(candidate, on, sess)][1] is False
    window.undo_action.trigger()
    assert _seats(tab)[(candidate, on, sess)] == (library.id, True)
