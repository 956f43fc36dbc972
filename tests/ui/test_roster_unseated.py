"""The window's auto-roster lists candidates without a seat among its shortfalls, and counts their places."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from eoffice.db.session import Database
from eoffice.ui.app import settings_file
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.roster_tab import RosterTab
from tests.conftest import TODAY
from tests.domain.roster_helpers import invigilator, room, sitting

NO_SEAT = "Tue 18 May AM, No room: needs 1, 3 candidates have no seat: the rooms are full (add a room or more capacity)"


def test_the_shortfalls_name_the_candidates_without_a_seat(qtbot: QtBot, db: Database) -> None:
    with db.session() as session:
        room(session, "Hall", 30)
        sitting(session, 33, date(2027, 5, 18), "AM")
        invigilator(session, "Ann Ellis")
        invigilator(session, "Bob Kerr")
    window = MainWindow(db, settings_file(), today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_item("roster")
    tab = window.tab("roster")
    assert isinstance(tab, RosterTab)
    qtbot.waitUntil(tab.isVisible)
    with qtbot.waitSignal(tab.runner.finished, timeout=60_000) as blocker:
        tab.solve()
    assert blocker.args[0].result is not None
    reasons = [tab.grid.shortfalls.item(i).text() for i in range(tab.grid.shortfalls.count())]
    assert reasons == [f"SHORT 1: {NO_SEAT}"]
    assert "1 of 2 places covered" in tab.grid.result.text()
    tab.grid.go_to(tab.grid.shortfalls.item(0))  # no cell in the grid for it: nothing happens, nothing breaks
    window.close()
